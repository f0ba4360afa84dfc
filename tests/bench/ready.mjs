// When the Journal screen becomes usable, the benchmark's "cold load until
// usable", shared by the Chromium benchmark and the Firefox smoke tests.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

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

/**
 * The benchmark's journal of `count` interactions (tests/bench/seed.rs), as
 * localStorage entries: from RAPPORT_SEED_<count> if the test command wrote
 * it already, else from the example, built if need be.
 */
export function seed(count) {
  const file = process.env[`RAPPORT_SEED_${count}`];
  const json = file
    ? readFileSync(file, 'utf8')
    : execFileSync('cargo', ['run', '--quiet', '--locked', '--release', '--example', 'bench_seed', String(count)], {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
  return JSON.parse(json);
}
