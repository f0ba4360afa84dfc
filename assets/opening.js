// Runs before the first paint (inlined into index.html by Trunk). A first
// visit to Home, with nothing of Rapport stored in this browser, is shown
// Home as the app draws it for an empty journal (assets/first-visit.html),
// seconds before the wasm has arrived on a slow network; anyone else sees
// "Opening your journal…", since their journal cannot be known before then.
// The app's wasm is fetched from here too (on a first visit, once that Home
// is on screen), and so is a deep link's screen, which comes in a wasm
// chunk (src/ui/on_demand.rs) the app would ask for only once it has
// started, a stored journal's serial code and a locked journal's cipher.
(() => {
  const base = new URL(document.baseURI).pathname;
  const path = location.pathname;
  // The split point of each screen, as src/ui/mod.rs's screen_on_demand!
  // lines name them; the files each split needs are in the page
  // (scripts/wasm-split-post-build.mjs). on-demand.test.mjs checks both.
  const splitOf = { journal: 'screens', people: 'screens', assessment: 'screens', chains: 'screens',
    tasks: 'screens', career: 'screens', review: 'screens', insights: 'screens', data: 'data_screen' };
  const screen = path.startsWith(base) ? path.slice(base.length).split('/')[0] : '';
  // Whether anything of Rapport is stored in this browser: true, false, or
  // null when storage is blocked.
  const stored = (() => {
    try {
      for (let i = 0; i < localStorage.length; i++) {
        if (localStorage.key(i)?.startsWith('rapport:')) return true;
      }
      return false;
    } catch {
      return null;
    }
  })();
  // A first visit to Home: nothing of Rapport stored in this browser.
  // Blocked storage is no first visit: "Opening your journal…", then the
  // app says why.
  const firstVisit = path === base && stored === false;
  if (firstVisit) document.documentElement.classList.add('first-visit');
  // Fetched now, before the app's loaders would ask, each response taken
  // once by the loader that wants it (Trunk's for the app, the split loader
  // for a chunk; see scripts/post-build.mjs), rather than preloaded with
  // <link rel="preload">: WebKit never hands a preloaded response to
  // fetch(), so Safari downloaded every file twice. On a first visit, only
  // once the page's Home is on screen (see firstPaint).
  const painted = firstVisit ? firstPaint() : null;
  const early = new Map();
  const fetchEarly = (file) => {
    const url = new URL(file, document.baseURI).href;
    const response = painted ? painted.then(() => fetch(url)) : fetch(url);
    response.catch(() => {}); // met by the loader that takes it
    early.set(url, response);
  };
  window.rapportEarly = {
    /** The URLs whose early response a loader took (read by the tests). */
    taken: [],
    /** The response fetched as the page opened for `url`, if not taken yet; fetched again if that failed. */
    take(url) {
      const key = new URL(url, document.baseURI).href;
      const response = early.get(key);
      if (!response) return undefined;
      early.delete(key);
      this.taken.push(key);
      return response.catch(() => fetch(key));
    },
  };
  try {
    const app = document.querySelector('meta[name="rapport-wasm"]');
    if (app) fetchEarly(app.content);
    const chunks = document.querySelector('meta[name="rapport-chunks"]');
    const needs = Object.hasOwn(splitOf, screen) ? [splitOf[screen]] : [];
    // A journal with a lock asks for its passphrase first, and the lock's
    // cipher comes in a chunk (fetch_lock_code in src/ui/on_demand.rs).
    // Blocked storage throws here: the screen's chunks are still fetched.
    try {
      if (localStorage.getItem('rapport:lock') !== null) needs.push('lock_cipher');
    } catch {}
    // A stored journal is read with the serial code, and every screen but
    // Home waits for it (fetch_serial in src/ui/on_demand.rs); an empty
    // journal's Home asks for it once drawn.
    if (stored || needs.length > 0) needs.push('serial');
    const lists = chunks ? JSON.parse(chunks.content) : {};
    for (const file of new Set(needs.flatMap((split) => lists[split] ?? []))) fetchEarly(file);
  } catch {
    // Only a head start: the loaders fetch what is not here.
  }
  if (!firstVisit) return;
  // That Home answers nothing until the app takes its place: a tap or a key
  // meanwhile shows why, instead of nothing at all.
  const asked = () => document.getElementById('opening')?.classList.add('asked');
  document.addEventListener('pointerdown', asked);
  document.addEventListener('keydown', asked);

  /**
   * Resolves once the page's first content is on screen. Lighthouse, which
   * works out a phone's load from a fast one, counts every download that
   * ended before the largest paint as something that paint waited for: a
   * wasm fetched sooner made the page's own Home wait, in its sums, for
   * seconds of slow 4G it never waits. Anyone else's largest paint is the
   * app's, which needs the wasm, so they do not wait.
   */
  function firstPaint() {
    return new Promise((resolve) => {
      // A page opened out of sight paints nothing until it is shown.
      if (document.visibilityState === 'hidden') return resolve();
      document.addEventListener('visibilitychange', resolve, { once: true });
      // Should a browser report no paint, a second is all the wait.
      setTimeout(resolve, 1000);
      try {
        if (PerformanceObserver.supportedEntryTypes?.includes('paint')) {
          new PerformanceObserver((list, observer) => {
            if (list.getEntriesByName('first-contentful-paint').length === 0) return;
            observer.disconnect();
            resolve();
          }).observe({ type: 'paint', buffered: true });
          return;
        }
      } catch {}
      // No paint timing: after the next frame.
      requestAnimationFrame(() => setTimeout(resolve));
    });
  }
})();
