// End to end in a second engine: the release build under /rapport/ in stock
// headless Firefox (Debian's firefox-esr) over WebDriver BiDi. The app loads
// from the sub-path, an interaction survives a reload, a deep link reloads,
// a 25,000-interaction journal loads (its cold load is printed, measured as
// the Chromium benchmark measures it), another tab hears of a change, and
// Latin-1 and packed text cost the same (what the empty origin holds of each
// is printed).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markReady, median, seed } from '../bench/ready.mjs';
import { packingCapacity, capacityLine, wasmFetched, fetchedEarlyFor, fetchedOnFirstVisit, fetchedAll, paintAndWasm } from '../e2e/support.mjs';
import { useFirefox, freshPage, byRole, inside, part, addInteraction, shownNotes, statusSays } from './support.mjs';

const app = useFirefox();

/** Console errors other than the 404 status GitHub Pages gives deep links. */
const realErrors = (errors) => errors.filter((e) => !/404|Not Found/.test(e));


test('the app loads under /rapport/, every file from the sub-path', async () => {
  const { page, errors } = await freshPage(app, '');
  await byRole(page, 'heading', 'Home').wait();
  assert.equal(await page.title(), 'Home · Rapport');
  assert.equal(await page.evaluate(() => document.baseURI), app.server.url(''));
  const files = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname));
  assert.ok(files.some((f) => f.endsWith('.wasm')), `the wasm is loaded: ${files}`);
  assert.deepEqual(
    files.filter((f) => !f.startsWith('/rapport/')),
    [],
    'every file comes from the sub-path',
  );
  // The serial code comes once Home is drawn.
  await page.waitForFunction(fetchedAll, {}, 'serial');
  assert.deepEqual(await page.evaluate(wasmFetched), await page.evaluate(fetchedOnFirstVisit), 'the wasm once, early; the serial code after');
  // A first visit: Firefox reports the first paint, and the wasm is asked for after it.
  const times = await page.evaluate(paintAndWasm);
  assert.ok(times.painted > 0 && times.wasm >= times.painted, `the wasm after the first paint: ${JSON.stringify(times)}`);
  // The navigation stays under the sub-path.
  await byRole(page, 'link', 'People').click();
  await byRole(page, 'heading', 'People').wait();
  assert.equal(new URL(page.url()).pathname, '/rapport/people');
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});

test('an interaction survives a reload', async () => {
  const { page, errors } = await freshPage(app, 'journal');
  await addInteraction(page, { who: ['Ana Lima'], notes: 'Planning in Firefox' });
  assert.deepEqual(await shownNotes(page), ['Planning in Firefox']);
  await page.reload();
  await byRole(page, 'heading', 'Journal').wait();
  await page.waitForSelector('article');
  assert.deepEqual(await shownNotes(page), ['Planning in Firefox']);
  assert.ok(
    await page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('rapport:i:'))),
    'stored in localStorage',
  );
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});

test('a deep link reloads into its page (404.html is the app)', async () => {
  const { page, errors } = await freshPage(app, 'journal');
  await addInteraction(page, { who: ['Bo Chen'], notes: 'Coffee' });
  await byRole(page, 'link', 'People').click();
  await byRole(page, 'link', 'Bo Chen').click();
  await byRole(page, 'heading', 'Bo Chen').wait();
  const deep = page.url();
  assert.match(new URL(deep).pathname, /^\/rapport\/people\/[0-9a-z]+$/);
  await page.reload();
  await byRole(page, 'heading', 'Bo Chen').wait();
  // The app's wasm and the screen's chunks were fetched as the page
  // opened, and the loaders took them: each crossed once.
  assert.deepEqual(await page.evaluate(wasmFetched), await page.evaluate(fetchedEarlyFor, ['screens', 'serial']));
  // Typed into a new tab: the server answers 404 with the app, which routes.
  const { page: typed } = await app.newPage();
  const response = await typed.goto(deep);
  await byRole(typed, 'heading', 'Bo Chen').wait();
  // GitHub Pages answers an unknown path with 404.html; once the service
  // worker controls the site, it answers with the app it keeps.
  const fromWorker = await typed.evaluate(() => Boolean(navigator.serviceWorker?.controller));
  assert.equal(response.status(), fromWorker ? 200 : 404);
  assert.equal(await typed.title(), 'Bo Chen · Rapport');
  await typed.close();
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});

test('a change in one tab reaches the other through storage events', async () => {
  const { page: first, errors } = await freshPage(app, 'journal');
  const { page: second } = await app.newPage();
  await second.goto(app.server.url('journal'));
  await byRole(second, 'heading', 'Journal').wait();
  await second.evaluate(() => {
    window.heard = [];
    addEventListener('storage', (e) => window.heard.push(e.key));
  });
  // The tab typed in is the one in front, as it is for a person.
  await first.bringToFront();
  await addInteraction(first, { who: ['Cy Park'], notes: 'Written in the first tab' });
  await second.waitForFunction(() => window.heard.some((k) => k?.startsWith('rapport:i:')), { timeout: 10_000, polling: 50 });
  // The second tab shows it without a reload.
  await second.waitForFunction(() => document.querySelector('article')?.textContent.includes('Written in the first tab'), {
    timeout: 10_000,
    polling: 50,
  });
  assert.deepEqual(await shownNotes(second), ['Written in the first tab']);
  // And back the other way.
  await second.bringToFront();
  await addInteraction(second, { who: ['Cy Park'], notes: 'Written in the second tab' });
  await first.waitForFunction(() => document.querySelectorAll('article').length === 2, { timeout: 10_000, polling: 50 });
  assert.deepEqual((await shownNotes(first)).sort(), ['Written in the first tab', 'Written in the second tab']);
  assert.deepEqual(realErrors(errors), []);
  await first.close();
  await second.close();
});

test('Firefox charges Latin-1 and packed text the same, one unit a character', async () => {
  const { page, errors } = await freshPage(app, '');
  await byRole(page, 'heading', 'Home').wait();
  const started = performance.now();
  const figures = await packingCapacity((fn, arg) => page.evaluate(fn, arg));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${capacityLine(`Firefox (${await app.browser.version()})`, 'UTF-16 units', figures)} (filled in ${seconds} s)`);
  const { latin1, packed, present } = figures;
  // The rule the gauge and the README's table rest on, as in Chromium.
  assert.ok(Math.abs(latin1 - packed) <= latin1 / 1000, `${latin1} Latin-1 against ${packed} packed: as many`);
  assert.ok(Math.abs(latin1 + present - 5_242_880) <= 5_242_880 / 100, `a quota of ${latin1 + present} units, not about 5 MiB`);
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});

test('a journal of 25,000 interactions loads; its cold load is printed', { timeout: 10 * 60_000 }, async () => {
  const entries = seed(25_000);
  const { page, errors } = await freshPage(app, 'journal');
  await page.evaluate((values) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(values)) localStorage.setItem(k, v);
  }, entries);
  await page.evaluateOnNewDocument(markReady);
  const loads = [];
  for (let i = 0; i < 7; i++) {
    await page.reload();
    await page.waitForFunction(() => window.__ready !== undefined, { timeout: 60_000, polling: 20 });
    loads.push(await page.evaluate(() => window.__ready));
  }
  // Usable: the newest 100 are listed, and the whole journal is counted.
  assert.equal(await page.$$eval('article', (a) => a.length), 100);
  await statusSays(page, 'Showing 100 of 25,000 matching (25,000 in all)');
  // Searched: fewer match. (A search of the whole page's accessibility tree
  // takes Firefox seconds at this size, over 30 on a slow host: the parts
  // are looked for in the screen's <main>.)
  const screen = await page.waitForSelector('main');
  const search = await inside(await part(screen, 'search', 'Search and filter interactions'), 'searchbox', 'Search');
  await search.fill('forecast');
  const found = await page.waitForFunction(
    () => {
      const count = [...document.querySelectorAll('[role=status]')].map((s) => s.textContent).find((t) => t.includes('in all'));
      const m = count?.match(/^Showing [\d,]+ of ([\d,]+) matching \(25,000 in all\)$/);
      return m && m[1] !== '25,000' && m[1];
    },
    { timeout: 30_000, polling: 50 },
  );
  assert.ok(Number((await found.jsonValue()).replace(/,/g, '')) > 0, 'some interactions mention a forecast');
  // Still saves at that size.
  await search.fill('');
  await addInteraction(page, { who: ['Ana Lima'], notes: 'One more, at 25,000' }, screen);
  await statusSays(page, '(25,001 in all)');
  const units = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('rapport:'))
      .reduce((n, k) => n + k.length + localStorage.getItem(k).length, 0),
  );
  const version = await app.browser.version();
  const line = (x) => `${x.toFixed(1)} ms`;
  console.log(
    `Firefox (${version}), 25,000 interactions: cold load until usable ${line(median(loads))} ` +
      `(median of ${loads.length}; ${loads.map((x) => x.toFixed(0)).join(', ')} ms); ${units.toLocaleString('en')} UTF-16 units stored`,
  );
  assert.ok(median(loads) < 5_000, 'loads in well under 5 s');
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});

test('offline: with the network gone, a deep link reloads and what is added stays', async () => {
  const { page, errors } = await freshPage(app, 'journal');
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', { timeout: 15_000 });
  await addInteraction(page, { who: ['Cy Park'], notes: 'Before the tunnel' });
  app.server.setOffline(true);
  try {
    await page.goto(app.server.url('people'));
    await byRole(page, 'link', 'Cy Park').click();
    await byRole(page, 'heading', 'Cy Park').wait();
    await page.reload();
    await byRole(page, 'heading', 'Cy Park').wait();
    await page.goto(app.server.url('journal'));
    await addInteraction(page, { who: ['Cy Park'], notes: 'In the tunnel' });
  } finally {
    app.server.setOffline(false);
  }
  await page.reload();
  await byRole(page, 'heading', 'Journal').wait();
  assert.deepEqual((await shownNotes(page)).sort(), ['Before the tunnel', 'In the tunnel']);
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});
