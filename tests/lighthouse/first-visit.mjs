// A first visit over a slow phone link, measured in the browser rather than
// simulated: the release build served under /rapport/ with gzip and
// `max-age=600` as GitHub Pages serves it, through one link of 200 KB/s
// with 150 ms round trips that every download shares (Lighthouse's
// simulated slow 4G models neither sharing nor the service worker's own
// downloads). Prints how long Home took to appear (index.html's drawing of
// it, see assets/first-visit.html) and to work (the app's), and how many
// times the wasm crossed the link. With a screen's path, a first visit by a
// link straight to that screen instead: how long until it works (its chunks
// come too). Not a test.
//
//   node tests/lighthouse/first-visit.mjs <dist> [runs] [path, as journal]

import { readdir } from 'node:fs/promises';
import { launch, startServer } from '../e2e/support.mjs';
import { median } from '../bench/ready.mjs';

const [dist = 'dist', runs = '3', path = ''] = process.argv.slice(2);
const link = { bytesPerSecond: 200_000, delayMs: 150 };
const wasm = (await readdir(dist)).find((f) => f.endsWith('_bg.wasm'));
const shown = [];
const working = [];
const downloads = [];
for (let i = 0; i < Number(runs); i++) {
  // A new origin and a fresh profile each time: a first visit.
  const server = await startServer(dist, { gzip: true, cacheControl: 'max-age=600', link });
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const start = Date.now();
    await page.goto(server.url(path), { waitUntil: 'commit' });
    if (!path) {
      await page.getByText('Start here', { exact: true }).waitFor({ timeout: 120_000 });
      shown.push(Date.now() - start);
    }
    // The app's own screen, which answers: the page's drawing is gone.
    await page.locator('#opening').waitFor({ state: 'detached', timeout: 120_000 });
    await page.locator('main:not([aria-busy]) h1').waitFor({ timeout: 120_000 });
    working.push(Date.now() - start);
    // Until the service worker has its copy: whatever it downloads counts.
    await page.waitForFunction(() => navigator.serviceWorker?.controller, null, { timeout: 120_000 });
    downloads.push(server.requests(wasm));
  } finally {
    await browser.close();
    await server.close();
  }
}
const seconds = (times) =>
  `${(median(times) / 1000).toFixed(2)} s (median of ${times.length}: ${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s)`;
const over = `over a ${link.bytesPerSecond / 1000} KB/s link with ${link.delayMs} ms round trips`;
console.log(
  path
    ? `First visit to /${path} ${over}: working after ${seconds(working)}; the wasm crossed the link ${downloads.join(', ')} times`
    : `First visit ${over}: Home shown after ${seconds(shown)}, working after ${seconds(working)}; ` +
        `the wasm crossed the link ${downloads.join(', ')} times`,
);
