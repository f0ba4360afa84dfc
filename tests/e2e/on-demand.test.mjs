// End to end: every screen but Home arrives on demand (src/ui/on_demand.rs,
// scripts/wasm-split-link.sh). A first visit to Home downloads none of the
// screens' wasm chunks; a screen's chunk comes when the screen is opened,
// from this build's own folder; and a chunk that cannot be fetched shows a
// way out instead of stopping the app.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { useApp, freshPage, realErrors, collectErrors, DIST, startServer, launch, holdBack, focusedIdOnceShown, wasmFetched, fetchedEarlyFor, wasmStartedAfterParsing } from './support.mjs';
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
  const browser = await launch({ serviceWorkers: 'block' });
  const server = await startServer();
  try {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    await page.goto(server.url(''));
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await check({ page, errors });
    await page.close();
  } finally {
    await browser.close();
    await server.close();
  }
}

test('Home comes without any screen’s chunk; a screen’s chunk comes from this build’s folder when it opens', async () => {
  const split = (await readdir(DIST)).filter((f) => /^split-[0-9a-f]{16}$/.test(f));
  assert.equal(split.length, 1, `one folder of chunks in the build, not ${split}`);
  const chunks = (await readdir(`${DIST}/${split[0]}`)).filter((f) => f.endsWith('.wasm'));
  for (const chunk of ['split_screens.wasm', 'split_data_screen.wasm']) assert.ok(chunks.includes(chunk), `${chunk} in ${chunks}`);

  const { page, errors } = await freshPage(app.browser.context, app.server, '');
  await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  const onHome = await fetchedWasm(page);
  assert.deepEqual(onHome.filter((p) => p.includes('/split-')), [], 'Home loaded no screen chunk');
  assert.equal(onHome.length, 1, `Home loaded the main wasm only: ${onHome}`);
  assert.deepEqual(await page.evaluate(wasmFetched), await page.evaluate(fetchedEarlyFor), 'fetched as the page opened');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click();
  await page.getByRole('heading', { level: 1, name: 'Insights' }).waitFor();
  const forInsights = (await fetchedWasm(page)).filter((p) => p.includes('/split-'));
  assert.ok(forInsights.length > 0, 'Insights fetched its chunk');
  for (const path of forInsights) assert.ok(path.startsWith(`/rapport/${split[0]}/`), `${path} comes from this build's folder`);
  assert.deepEqual(realErrors(errors), []);
  await page.close();
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
    assert.deepEqual(await unknown.evaluate(wasmFetched), await unknown.evaluate(fetchedEarlyFor));
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
