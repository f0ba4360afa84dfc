// End to end: every screen but Home arrives on demand (src/ui/on_demand.rs,
// scripts/wasm-split-link.sh). A first visit to Home downloads none of the
// screens' wasm chunks; a screen's chunk comes when the screen is opened,
// from this build's own folder; and a chunk that cannot be fetched shows a
// way out instead of stopping the app.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { useApp, freshPage, realErrors, addInteraction, collectErrors, DIST, startServer, launch, holdBack, focusedIdOnceShown, wasmFetched, fetchedEarlyFor, wasmStartedAfterParsing, serialFetched, chunksOf, fetchedOnFirstVisit } from './support.mjs';
import { audit } from './audit.mjs';

const app = useApp();

/** The wasm files this page itself has fetched so far (not its service worker). */
const fetchedWasm = (page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.endsWith('.wasm')),
  );

/**
 * Runs `check` on Home in a fresh browser with no service worker, whose
 * offline copy would otherwise answer: as on a first visit, or a browser
 * without one.
 */
async function onHomeWithoutWorker(check) {
  await inFreshBrowser(async ({ browser, server }) => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    await page.goto(server.url(''));
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await serialFetched(page);
    await check({ page, errors });
    await page.close();
  });
}

/** Runs `check` in a fresh browser with no service worker, and a server of its own. */
async function inFreshBrowser(check) {
  const browser = await launch({ serviceWorkers: 'block' });
  const server = await startServer();
  try {
    await check({ browser, server });
  } finally {
    await browser.close();
    await server.close();
  }
}

test('the first load’s wasm is within its budget: 300,000 bytes gzipped', async () => {
  const main = (await readdir(DIST)).filter((f) => f.endsWith('_bg.wasm'));
  assert.equal(main.length, 1, `one main module: ${main}`);
  // At zlib's default level, as the test server (and, by its sizes, GitHub Pages) compresses.
  const size = gzipSync(await readFile(`${DIST}/${main[0]}`)).length;
  assert.ok(size <= 300_000, `${main[0]}: ${size} bytes gzipped`);
});

test('Home comes without any screen’s chunk; a screen’s chunk comes from this build’s folder when it opens', async () => {
  const split = (await readdir(DIST)).filter((f) => /^split-[0-9a-f]{16}$/.test(f));
  assert.equal(split.length, 1, `one folder of chunks in the build, not ${split}`);
  const chunks = (await readdir(`${DIST}/${split[0]}`)).filter((f) => f.endsWith('.wasm'));
  for (const chunk of ['split_screens.wasm', 'split_data_screen.wasm']) assert.ok(chunks.includes(chunk), `${chunk} in ${chunks}`);

  const { page, errors } = await freshPage(app.browser.context, app.server, '');
  await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  // An empty journal's Home: the app's wasm as the page opened, then, once
  // drawn, the serial code (which reads and saves) and nothing else.
  await serialFetched(page);
  const serial = await page.evaluate(chunksOf, 'serial');
  assert.ok(chunks.includes('split_serial.wasm') && serial.includes('split_serial.wasm'), `the serial chunk: ${serial}`);
  assert.deepEqual(await page.evaluate(wasmFetched), await page.evaluate(fetchedOnFirstVisit), 'the app early, the serial code late');
  const [appEnded, serialStarted] = await page.evaluate(() => {
    const entry = (name) => performance.getEntriesByType('resource').find((e) => e.name.endsWith(name));
    return [entry('_bg.wasm').responseEnd, entry('/split_serial.wasm').startTime];
  });
  assert.ok(serialStarted >= appEnded, `asked for once the app had come: ${serialStarted} ≥ ${appEnded}`);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click();
  await page.getByRole('heading', { level: 1, name: 'Insights' }).waitFor();
  const forInsights = (await fetchedWasm(page)).filter((p) => p.includes('/split-'));
  assert.ok(forInsights.length > 0, 'Insights fetched its chunk');
  for (const path of forInsights) assert.ok(path.startsWith(`/rapport/${split[0]}/`), `${path} comes from this build's folder`);
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});

test('an empty journal works before its serial code comes: a change made meanwhile shows, waits, and is saved once it has come', async () => {
  await inFreshBrowser(async ({ browser, server }) => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    const release = await holdBack(page, '**/split_serial.wasm');
    await page.goto(server.url(''));
    await page.locator('#opening').waitFor({ state: 'detached' });
    const quick = page.getByRole('region', { name: 'Quick add' });
    await quick.getByRole('combobox', { name: 'Who' }).fill('Ana Lima');
    await quick.getByLabel('Notes').fill('Before the code came');
    await quick.getByRole('button', { name: 'Add', exact: true }).click();
    const waiting = page.getByRole('alert').filter({ hasText: 'has not arrived yet' });
    await waiting.first().waitFor();
    const stored = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k !== 'rapport:meta').sort());
    assert.deepEqual(await stored(), [], 'nothing written without it');
    release();
    await waiting.first().waitFor({ state: 'detached' });
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('rapport:i:')));
    assert.ok((await stored()).includes('rapport:people'), `Ana is stored too: ${await stored()}`);
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journal' }).click();
    await page.getByRole('article').filter({ hasText: 'Before the code came' }).filter({ hasText: 'Ana Lima' }).waitFor();
    assert.deepEqual(realErrors(errors), []);
  });
});

test('a stored journal whose serial code cannot come says so, and Reload brings it', async () => {
  await inFreshBrowser(async ({ browser, server }) => {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    await page.goto(server.url('journal'));
    await addInteraction(page, { who: ['Bo Chen'], notes: 'Kept safe' });
    await page.route('**/split_serial.wasm', (route) => route.fulfill({ status: 404, body: 'Not found' }));
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Your journal could not be opened' }).waitFor();
    assert.equal(await page.title(), 'Journal unavailable · Rapport');
    await page.getByRole('alert').filter({ hasText: 'Your journal is safe; nothing was changed.' }).waitFor();
    assert.equal(await page.locator('#opening').count(), 0, 'the opening screen is gone');
    assert.deepEqual(await audit(page, 'a journal whose serial code could not come'), []);
    await page.unroute('**/split_serial.wasm');
    await page.getByRole('button', { name: 'Reload Rapport' }).click();
    await page.getByRole('article').filter({ hasText: 'Kept safe' }).waitFor();
    assert.deepEqual(
      realErrors(errors).filter((e) => e !== "TypeError: Failed to execute 'compile' on 'WebAssembly': HTTP status code is not ok"),
      [],
    );
  });
});

test('a deep link fetches its screen’s chunks alongside the app: the ones the screen needs, once each', async () => {
  const browser = await launch({ serviceWorkers: 'block' });
  const server = await startServer();
  try {
    const home = await browser.context.newPage();
    const errors = collectErrors(home);
    await home.goto(server.url(''));
    const links = home.getByRole('navigation', { name: 'Main' }).getByRole('link');
    await links.first().waitFor();
    const screens = (await links.evaluateAll((all) => all.map((a) => a.getAttribute('href')))).filter((href) => href !== '/rapport/');
    assert.ok(screens.length >= 9, `every screen: ${screens}`);
    for (const href of screens) {
      // What the app itself fetches for the screen, opened from Home.
      const viaMenu = await browser.context.newPage();
      errors.push(...collectErrors(viaMenu));
      await viaMenu.goto(server.url(''));
      await viaMenu.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
      await viaMenu.getByRole('navigation', { name: 'Main' }).locator(`a[href="${href}"]`).click();
      await viaMenu.waitForURL(`**${href}`);
      await viaMenu.getByRole('heading', { level: 1 }).waitFor();
      const fromMenu = await viaMenu.evaluate(wasmFetched);
      assert.ok(fromMenu.some((line) => line.endsWith(' late')), `${href} needs a chunk: ${fromMenu}`);
      const needed = fromMenu.map((line) => line.replace(/ late$/, ' early'));
      // The same screen from a link: each of those, fetched once, as the page opened.
      const direct = await browser.context.newPage();
      errors.push(...collectErrors(direct));
      await direct.goto(server.origin + href);
      await direct.getByRole('heading', { level: 1 }).waitFor();
      await direct.locator('#opening').waitFor({ state: 'detached' });
      assert.deepEqual(await direct.evaluate(wasmFetched), needed, `${href} from a link`);
      assert.deepEqual(await direct.evaluate(wasmStartedAfterParsing), [], `${href}: fetched while the page was parsed`);
      await viaMenu.close();
      await direct.close();
    }
    // With storage blocked, a link still fetches its screen's chunks early.
    const blocked = await browser.context.newPage();
    await blocked.addInitScript(() =>
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      }),
    );
    await blocked.goto(server.url('journal'));
    await blocked.locator('#opening').waitFor({ state: 'detached' });
    const started = await blocked.evaluate(() => {
      const parsed = performance.getEntriesByType('navigation')[0].domInteractive;
      return performance
        .getEntriesByType('resource')
        .filter((e) => e.startTime < parsed)
        .map((e) => e.name.replace(/^.*\//, ''));
    });
    const screensChunks = await blocked.evaluate(() => JSON.parse(document.querySelector('meta[name="rapport-chunks"]').content).screens);
    for (const file of screensChunks) assert.ok(started.includes(file.replace(/^.*\//, '')), `${file} fetched while parsing with storage blocked: ${started}`);
    await blocked.close();
    // Anything else fetches no chunk before the app asks.
    const unknown = await browser.context.newPage();
    await unknown.goto(server.url('no-such-screen'));
    await unknown.locator('#opening').waitFor({ state: 'detached' });
    // (Storage holds the journal's meta by now: its serial code comes early.)
    assert.deepEqual(await unknown.evaluate(wasmFetched), await unknown.evaluate(fetchedEarlyFor, 'serial'));
    assert.deepEqual(realErrors(errors), []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test('a screen whose chunk cannot be fetched says so, and Reload brings it', async () => {
  await onHomeWithoutWorker(async ({ page, errors }) => {
    // As when a new version was published since the page opened: this
    // build's chunks are gone from the server.
    await page.route('**/split-*/*.wasm', (route) => route.fulfill({ status: 404, body: 'Not found' }));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journal' }).click();
    await page.getByRole('heading', { level: 1, name: 'This screen could not be opened' }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'Your journal is safe; nothing was changed.' }).waitFor();
    assert.equal(await page.title(), 'Screen unavailable · Rapport');
    assert.deepEqual(await audit(page, 'a screen that could not be opened'), []);
    // The rest of the app still works.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journal' }).click();
    await page.getByRole('heading', { level: 1, name: 'This screen could not be opened' }).waitFor();

    await page.unroute('**/split-*/*.wasm');
    await page.getByRole('button', { name: 'Reload Rapport' }).click();
    await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/rapport/journal');
    // The loader logs each failed fetch (two attempts); nothing else went wrong.
    assert.deepEqual(realErrors(errors), [
      "TypeError: Failed to execute 'compile' on 'WebAssembly': HTTP status code is not ok",
      "TypeError: Failed to execute 'compile' on 'WebAssembly': HTTP status code is not ok",
    ]);
  });
});

test('the quick add’s full form comes with the screens’ chunk on "More details"; when it cannot, what was typed goes back to the quick add', async () => {
  await onHomeWithoutWorker(async ({ page, errors }) => {
    const quick = page.getByRole('region', { name: 'Quick add' });
    const who = quick.getByRole('combobox', { name: 'Who' });
    await who.fill('Ana Lima, Bo Chen');
    await quick.getByLabel('Notes').fill('Budget talk');
    await page.route('**/split-*/*.wasm', (route) => route.fulfill({ status: 404, body: 'Not found' }));
    await quick.getByRole('button', { name: 'More details' }).click();
    await quick.getByRole('heading', { level: 3, name: 'The full form could not be opened' }).waitFor();
    await quick.getByRole('alert').filter({ hasText: 'Your journal is safe; nothing was changed.' }).waitFor();
    assert.equal(await page.title(), 'Home · Rapport', 'Home stays Home');
    assert.deepEqual(await audit(page, 'a quick add whose full form could not be opened'), []);

    // Back to one line, with the names and the notes as they were typed.
    await quick.getByRole('button', { name: 'Back to the quick add' }).click();
    assert.equal(await who.inputValue(), 'Ana Lima, Bo Chen');
    assert.equal(await quick.getByLabel('Notes').inputValue(), 'Budget talk');
    assert.equal(await focusedIdOnceShown(page, 'quick-who'), 'quick-who', 'the keyboard is back in Who');

    // Once the chunk can come, More details tries again, without a reload.
    await page.unroute('**/split-*/*.wasm');
    await quick.getByRole('button', { name: 'More details' }).click();
    await quick.getByLabel('When').waitFor();
    assert.ok(
      (await fetchedWasm(page)).some((path) => path.endsWith('/split_screens.wasm')),
      'the full form came with the screens’ chunk',
    );
    const chips = quick.getByRole('list', { name: 'People present' });
    for (const name of ['Ana Lima', 'Bo Chen']) await chips.getByText(name).waitFor();
    assert.equal(await quick.getByLabel('Notes').inputValue(), 'Budget talk');
    await quick.getByRole('button', { name: 'Add interaction' }).click();
    await quick.getByRole('button', { name: 'More details' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journal' }).click();
    await page.getByRole('article').filter({ hasText: 'Budget talk' }).filter({ hasText: 'Bo Chen' }).waitFor();

    const failed = realErrors(errors);
    assert.ok(failed.length > 0, 'the loader logged the failed fetches');
    assert.deepEqual(
      failed.filter((e) => e !== "TypeError: Failed to execute 'compile' on 'WebAssembly': HTTP status code is not ok"),
      [],
    );
  });
});

test('while a screen’s chunk is on its way, the screen in view stays and the page says it is busy', async () => {
  await onHomeWithoutWorker(async ({ page, errors }) => {
    // A slow network: the chunks are held back until the test lets them go.
    const release = await holdBack(page, '**/split-*/*.wasm');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journal' }).click();
    const main = page.getByRole('main');
    await page.locator('main[aria-busy="true"]').waitFor();
    await page.locator('.routing').waitFor({ state: 'attached' });
    assert.ok(await page.getByRole('heading', { level: 1, name: 'Home' }).isVisible(), 'Home stays in view meanwhile');
    assert.equal(new URL(page.url()).pathname, '/rapport/', 'the address waits for the screen');
    release();
    await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
    assert.equal(await main.getAttribute('aria-busy'), null, 'no longer busy');
    assert.equal(await page.locator('.routing').count(), 0, 'the bar is gone');
    assert.equal(new URL(page.url()).pathname, '/rapport/journal');
    assert.deepEqual(realErrors(errors), []);
  });
});
