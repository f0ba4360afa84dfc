// Registers the service worker that keeps Rapport working offline, and tells
// the app (an event on window, and window.rapportUpdate to call) when a new
// version is ready. Without service workers (an old browser, a private
// window that refuses them) the app works online as before.
if ('serviceWorker' in navigator) {
  const base = document.baseURI;
  let asked = false;
  const announce = (apply) => {
    window.rapportUpdate = apply;
    window.dispatchEvent(new Event('rapport-update-ready'));
  };
  // A new version waits until the user chooses to reload: then it takes
  // over, and the page reloads once it controls it, so every file comes
  // from one version.
  const waiting = (worker) =>
    announce(() => {
      asked = true;
      worker.postMessage('skip-waiting');
    });
  let hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (asked) location.reload();
    // Another tab let the new version take over: this page runs the old one.
    else if (hadController) announce(() => location.reload());
    // A page taken over (its first version, or after a hard reload) is
    // controlled from now on: the next change is a new version.
    hadController = true;
  });
  // Once the app has started: the worker's first install fetches every file
  // (the screens' chunks too), and must not share a slow network with the
  // page's own first download. The load event is too early for that: the
  // wasm, fetched by Trunk's loader, does not hold it back. The loader
  // sets window.wasmBindings and then announces TrunkApplicationStarted.
  const started = new Promise((done) =>
    window.wasmBindings ? done() : addEventListener('TrunkApplicationStarted', done, { once: true }),
  );
  started
    .then(() => navigator.serviceWorker.register(new URL('sw.js', base), { scope: new URL('./', base).pathname }))
    .then((registration) => {
      if (registration.waiting && navigator.serviceWorker.controller) waiting(registration.waiting);
      registration.addEventListener('updatefound', () => {
        const worker = registration.installing;
        worker?.addEventListener('statechange', () => {
          if (worker.state === 'installed' && navigator.serviceWorker.controller) waiting(worker);
        });
      });
    })
    .catch(() => {});
  // The active version claims the pages open when it activates, but a page
  // whose load began just before (a reload while the first version was
  // installing) or went around it (a hard reload) stays uncontrolled: no
  // offline reload from it, no update prompt. Ask the active version to
  // take it over, unless a newer one is waiting to (then the prompt does).
  navigator.serviceWorker.ready.then((registration) => {
    if (!navigator.serviceWorker.controller && !registration.waiting && !registration.installing) {
      registration.active?.postMessage('claim');
    }
  });
}
