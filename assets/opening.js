// Runs before the first paint (inlined into index.html by Trunk). A first
// visit to Home, with nothing of Rapport stored in this browser, is shown
// Home as the app draws it for an empty journal (assets/first-visit.html),
// seconds before the wasm has arrived on a slow network; anyone else sees
// "Opening your journal…", since their journal cannot be known before then.
// A deep link's screen comes in a wasm chunk (src/ui/on_demand.rs) that the
// app would ask for only once it has started: it is fetched now, alongside.
(() => {
  const base = new URL(document.baseURI).pathname;
  const path = location.pathname;
  // The split point of each screen, as src/ui/mod.rs's screen_on_demand!
  // lines name them; the files each split needs are in the page
  // (scripts/wasm-split-post-build.mjs). on-demand.test.mjs checks both.
  const splitOf = { journal: 'screens', people: 'screens', assessment: 'screens', chains: 'screens',
    tasks: 'screens', career: 'screens', review: 'screens', insights: 'screens', data: 'data_screen' };
  const screen = path.startsWith(base) ? path.slice(base.length).split('/')[0] : '';
  const chunks = document.querySelector('meta[name="rapport-chunks"]');
  try {
    for (const file of Object.hasOwn(splitOf, screen) && chunks ? JSON.parse(chunks.content)[splitOf[screen]] : []) {
      const link = document.createElement('link');
      link.rel = 'preload';
      link.as = 'fetch';
      // As the loader's fetch() asks, so that it is answered by this one.
      link.crossOrigin = 'anonymous';
      link.href = file;
      document.head.append(link);
    }
  } catch {
    // Only a head start: the app fetches what it needs anyway.
  }
  try {
    if (path !== base) return;
    for (let i = 0; i < localStorage.length; i++) {
      if (localStorage.key(i)?.startsWith('rapport:')) return;
    }
    document.documentElement.classList.add('first-visit');
  } catch {
    // Storage blocked: "Opening your journal…", then the app says why.
    return;
  }
  // That Home answers nothing until the app takes its place: a tap or a key
  // meanwhile shows why, instead of nothing at all.
  const asked = () => document.getElementById('opening')?.classList.add('asked');
  document.addEventListener('pointerdown', asked);
  document.addEventListener('keydown', asked);
})();
