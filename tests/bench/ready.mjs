// When the Journal screen becomes usable, the benchmark's "cold load until
// usable", shared by the Chromium benchmark and the Firefox smoke tests.

/**
 * Run in the page before its scripts (an init script): records in
 * `window.__ready` the `performance.now()` at which the add button and the
 * first interaction are in the page.
 */
export function markReady() {
  const check = () => {
    const button = [...document.querySelectorAll('button')].some((b) => b.textContent === 'Add interaction');
    if (button && document.querySelector('article')) {
      window.__ready = performance.now();
      return true;
    }
    return false;
  };
  new MutationObserver((_, observer) => check() && observer.disconnect()).observe(document, {
    childList: true,
    subtree: true,
  });
}

/** The middle value of `xs` (the upper one of an even count). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
