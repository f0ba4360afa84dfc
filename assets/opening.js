// Runs before the first paint (inlined into index.html by Trunk). A first
// visit to Home, with nothing of Rapport stored in this browser, is shown
// Home as the app draws it for an empty journal (assets/first-visit.html),
// seconds before the wasm has arrived on a slow network; anyone else sees
// "Opening your journal…", since their journal cannot be known before then.
(() => {
  try {
    if (location.pathname !== new URL(document.baseURI).pathname) return;
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
