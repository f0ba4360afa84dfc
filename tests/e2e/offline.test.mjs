// End to end: the service worker keeps Rapport working offline (a deep link
// reloads with no network, and what is added offline stays), a new
// deployment waits for the user's "Reload" and then loads whole, and the web
// app manifest is valid with icons that load.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { useApp, freshPage, addInteraction, realErrors, collectErrors, DIST, startServer, launch } from './support.mjs';

const app = useApp();

/** Waits until the service worker controls the page. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', null, { timeout: 15_000 });
}

/**
 * A second build of the same app, as a new deployment would be: the app's
 * script and wasm under a new hashed name (in every file that names them),
 * a marker in index.html, and the post-build step run again (new service
 * worker list and version).
 */
async function secondBuild() {
  const dir = await mkdtemp(join(tmpdir(), 'rapport-second-'));
  await cp(DIST, dir, { recursive: true });
  const [, hash] = (await readdir(dir)).map((f) => f.match(/^rapport-([0-9a-f]{1,16})\.js$/)).find(Boolean);
  const renamed = '5ec0bdb111d00000';
  const split = (await readdir(dir)).find((f) => f.startsWith('split-'));
  for (const file of ['index.html', join(split, '__wasm_split.js')]) {
    const text = (await readFile(join(dir, file), 'utf8')).replaceAll(hash, renamed);
    await writeFile(join(dir, file), text.replace('<title>', '<meta name="rapport-build" content="second" />\n    <title>'));
  }
  for (const file of await readdir(dir)) {
    if (file.includes(hash)) await rename(join(dir, file), join(dir, file.replace(hash, renamed)));
  }
  execFileSync('node', ['scripts/post-build.mjs', dir]);
  return { dir, script: `rapport-${renamed}.js` };
}

test('offline: a deep link reloads with no network, and what is added offline is there once back online', async () => {
  const { page, errors } = await freshPage(app.browser.context, app.server);
  await controlled(page);
  await addInteraction(page, { when: '2026-10-01T09:00', who: ['Ana Lima'], kind: 'Call', notes: 'Online call' });

  await app.browser.context.setOffline(true);
  try {
    await page.goto(app.server.url('insights'));
    await page.getByRole('heading', { level: 1, name: 'Insights' }).waitFor();
    await page.goto(app.server.url('people'));
    await page.getByRole('link', { name: 'Ana Lima' }).click();
    // The address changes once the screen's code has arrived.
    await page.getByRole('heading', { level: 1, name: 'Ana Lima' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Ana Lima' }).waitFor();
    await page.goto(app.server.url('journal'));
    await addInteraction(page, { when: '2026-10-02T09:00', who: ['Ana Lima'], kind: 'Meeting', notes: 'Offline meeting' });
  } finally {
    await app.browser.context.setOffline(false);
  }
  await page.reload();
  await page.getByText('Offline meeting').waitFor();
  await page.getByText('Online call').waitFor();
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});

test('a new deployment waits for "Reload", never mixes two versions, and then loads whole', async () => {
  const { page, errors } = await freshPage(app.browser.context, app.server);
  await controlled(page);
  const scripts = () => [...document.querySelectorAll('link[rel=modulepreload]')].map((l) => l.href);
  const first = await page.evaluate(scripts);
  const second = await secondBuild();
  try {
    app.server.deploy(second.dir);
    // The browser looks for a new service worker on every navigation: the
    // new version installs, and waits.
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'A new version of Rapport is ready.' }).waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('meta[name=rapport-build]').count(), 0, 'this page still runs the first version');

    // Meanwhile another tab still gets the first version, every file of it.
    const other = await app.browser.context.newPage();
    await other.goto(app.server.url('people'));
    await other.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    assert.equal(await other.locator('meta[name=rapport-build]').count(), 0);
    assert.deepEqual(await other.evaluate(scripts), first);

    await page.getByRole('button', { name: 'Reload' }).click();
    await page.waitForFunction(() => document.querySelector('meta[name=rapport-build]')?.content === 'second', null, {
      timeout: 15_000,
    });
    await page.getByRole('heading', { level: 1 }).waitFor();
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    const files = JSON.parse((await readFile(join(second.dir, 'sw.js'), 'utf8')).match(/const FILES = (.*);/)[1]);
    for (const url of loaded.filter((u) => u.startsWith(app.server.url()))) {
      assert.ok(files.includes(url.slice(app.server.url().length)), `${url} is a file of the second build`);
    }
    assert.ok(loaded.some((u) => u.endsWith(second.script)), "the new version's script");
    const caches = await page.evaluate(async () => (await self.caches.keys()).filter((k) => k.startsWith('rapport ')));
    assert.equal(caches.length, 1, `only the new version stays cached: ${caches}`);
    // The other tab, still on the first version, is told too.
    await other.getByRole('status').filter({ hasText: 'A new version of Rapport is ready.' }).waitFor({ timeout: 15_000 });
    await other.close();
  } finally {
    app.server.deploy(DIST);
    await rm(second.dir, { recursive: true, force: true });
  }
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});

test('a page that loaded around the service worker (a hard reload) is taken over, and then reloads offline', async () => {
  // A reload while the first version installs can land just before it
  // activates and claims the open pages; a hard reload goes around it on
  // purpose. Both leave a page that the active version does not control.
  const { page, errors } = await freshPage(app.browser.context, app.server);
  await controlled(page);
  const cdp = await app.browser.context.newCDPSession(page);
  await cdp.send('Page.reload', { ignoreCache: true });
  await page.getByRole('heading', { level: 1 }).waitFor();
  await controlled(page);
  await addInteraction(page, { when: '2026-10-03T09:00', who: ['Bo Chen'], kind: 'Call', notes: 'After a hard reload' });
  await app.browser.context.setOffline(true);
  try {
    await page.reload();
    await page.getByText('After a hard reload').waitFor();
  } finally {
    await app.browser.context.setOffline(false);
  }
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});

test('a first visit fetches the app once, and the service worker downloads nothing until the app has started', async () => {
  // A first visit to a site that, like GitHub Pages, lets the browser keep
  // its files for ten minutes (its own browser: another origin), over a link
  // slow enough that the page's load event comes before the wasm is in.
  const server = await startServer(DIST, { cacheControl: 'max-age=600', gzip: true, link: { bytesPerSecond: 1_000_000, delayMs: 20 } });
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    // In the order the browser reports them: the worker's requests, and the
    // page's download of the wasm finishing.
    const events = [];
    browser.context.on('request', (r) => r.serviceWorker() && events.push(`worker asks ${new URL(r.url()).pathname}`));
    browser.context.on('requestfinished', (r) => r.url().endsWith('_bg.wasm') && !r.serviceWorker() && events.push('page has the wasm'));
    page.on('load', () => events.push('load event'));
    await page.goto(server.url(''));
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await controlled(page);
    const wasmIn = events.indexOf('page has the wasm');
    assert.ok(events.indexOf('load event') < wasmIn, `the load event came before the wasm: ${events.slice(0, 3)}`);
    assert.ok(wasmIn >= 0 && events.slice(0, wasmIn).every((e) => !e.startsWith('worker')), `the worker waited for the app: ${events.slice(0, wasmIn + 1)}`);
    assert.ok(events.some((e) => e.startsWith('worker asks /rapport/split-')), 'the worker keeps the screens’ chunks');
    // Content-named: Trunk's outputs, and everything in the screens' folder
    // of chunks (named after the build).
    const hashed = (await readdir(DIST, { recursive: true })).filter(
      (f) => /^(rapport|favicon)-[0-9a-f]{1,16}(_bg)?\.(js|wasm|svg)$/.test(f) || /^split-[0-9a-f]{16}\/./.test(f),
    );
    assert.ok(hashed.some((f) => f.endsWith('_bg.wasm')), hashed.join(' '));
    assert.ok(hashed.some((f) => /^split-.*\.wasm$/.test(f)), 'the screens’ chunks are among them');
    for (const file of hashed) assert.equal(server.requests(file), 1, `${file} came over the network once`);
    // Offline, the worker has the page's copies.
    server.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    assert.deepEqual(realErrors(errors), []);
    assert.deepEqual(browser.cspViolations, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test('the web app manifest is valid, relative to the sub-path, and its icons load', async () => {
  const { page, errors } = await freshPage(app.browser.context, app.server);
  const cdp = await app.browser.context.newCDPSession(page);
  const { url, errors: problems, data } = await cdp.send('Page.getAppManifest');
  assert.equal(url, app.server.url('manifest.webmanifest'));
  assert.deepEqual(problems, [], 'Chromium parses the manifest without errors');
  const manifest = JSON.parse(data);
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.scope, './');
  assert.equal(manifest.display, 'standalone');
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, [], 'installable');
  for (const icon of manifest.icons) {
    const response = await page.request.get(app.server.url(icon.src));
    assert.equal(response.status(), 200, icon.src);
    const png = await response.body();
    assert.equal(png.subarray(1, 4).toString(), 'PNG');
    const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    assert.equal(`${w}x${h}`, icon.sizes, icon.src);
  }
  assert.ok(manifest.icons.some((i) => i.purpose === 'maskable' && i.sizes === '512x512'));
  const themes = await page.locator('meta[name=theme-color]').evaluateAll((ms) => ms.map((m) => [m.media, m.content]));
  assert.deepEqual(themes.map(([media]) => media), ['(prefers-color-scheme: light)', '(prefers-color-scheme: dark)']);
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});
