// End to end: the first visit on a slow network. Before the wasm arrives,
// index.html paints Home for a first visit to Home, and the header and
// "Opening your journal…" for anyone else; the app takes their place when it
// mounts; a browser that never runs it hears why.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, collectErrors, realErrors, launch, freshPage, addInteraction, holdBack, paintAndWasm } from './support.mjs';
import { homeMarkup } from '../../scripts/first-visit.mjs';

const app = useApp();

/** How many of `locator`'s elements a sighted person sees (not the 1-pixel ones said to a screen reader). */
const shownLarger = (locator) => locator.evaluateAll((all) => all.filter((e) => e.getBoundingClientRect().width > 1).length);

/** Holds back the wasm of `page` until the returned function is called. */
const holdWasm = (page) => holdBack(page, '**/*_bg.wasm');

test('until the wasm arrives the page says it is opening, then the app takes its place', async () => {
  const page = await app.browser.context.newPage();
  const errors = collectErrors(page);
  // Hold the wasm back, as a slow network would.
  const release = await holdWasm(page);
  await page.goto(app.server.url('journal'), { waitUntil: 'domcontentloaded' });

  const opening = page.getByRole('status').filter({ hasText: 'Opening your journal…' });
  await opening.waitFor();
  assert.equal(await page.getByText('Rapport', { exact: true }).filter({ visible: true }).count(), 1, 'the header is painted');
  assert.equal(await page.getByText('Start here').isVisible(), false, 'a deep link is not Home');
  const slow = page.getByText('Still opening?');
  assert.equal(await slow.isVisible(), false, 'no alarm in the first seconds');
  // Ten seconds on: say what the browser needs and what to do.
  await slow.waitFor({ state: 'visible', timeout: 15_000 });

  release();
  await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
  assert.equal(await page.getByText('Opening your journal…').count(), 0, 'the notice is gone');
  assert.equal(await page.getByText('Still opening?').count(), 0);
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).count(), 1, 'one main menu, the app’s');
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});

test('a first visit to Home sees Home before the wasm arrives, exactly as the app then draws it', async () => {
  // A browser that has never seen Rapport, phone-sized.
  const browser = await launch({ viewport: { width: 412, height: 823 } });
  try {
    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    await page.addInitScript(() => {
      window.__paints = { largest: [], shifts: 0 };
      new PerformanceObserver((list) => window.__paints.largest.push(...list.getEntries().map((e) => e.startTime))).observe({
        type: 'largest-contentful-paint',
        buffered: true,
      });
      new PerformanceObserver((list) => {
        // As the cumulative layout shift counts them: not those just after a tap or a key.
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__paints.shifts += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const release = await holdWasm(page);
    await page.goto(app.server.url(''), { waitUntil: 'domcontentloaded' });

    const welcome = page.getByText('Start here', { exact: true });
    await welcome.waitFor({ state: 'visible' });
    assert.equal(await page.getByText('Log your last few conversations', { exact: false }).isVisible(), true);
    assert.equal(await shownLarger(page.getByText('Opening your journal…')), 0, 'no notice in sight');
    await page.getByRole('status').filter({ hasText: 'Opening your journal…' }).waitFor();
    // Nothing in it answers yet: a tap on its buttons says why, and the
    // keyboard cannot reach its fields.
    const more = await page.getByText('More details', { exact: true }).boundingBox();
    await page.mouse.click(more.x + more.width / 2, more.y + more.height / 2);
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('[role=status]')].some(
          (s) => s.textContent === 'Opening your journal…' && s.getBoundingClientRect().width > 1,
        ),
    );
    assert.equal(await shownLarger(page.getByText('Opening your journal…')), 1, 'the tap is answered');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.closest('#opening') ?? null), null, 'inert until the app');
    const painted = await homeMarkup(page, '#opening .opening-home > [inert]');

    const releasedAt = await page.evaluate(() => performance.now());
    release();
    await page.getByRole('heading', { level: 2, name: 'Start here' }).waitFor();
    await page.locator('#opening').waitFor({ state: 'detached' });
    const drawn = await homeMarkup(page, 'body');
    assert.equal(
      painted,
      drawn,
      'assets/first-visit.html must be Home as the app draws it for an empty journal: run bash scripts/first-visit.sh',
    );

    // The largest paint came with the HTML; the app's own drawing of the same
    // Home moved nothing.
    const paints = await page.evaluate(() => window.__paints);
    assert.ok(paints.largest.length > 0);
    assert.ok(
      paints.largest.every((t) => t < releasedAt),
      `largest contentful paint before the wasm (${releasedAt} ms): ${paints.largest}`,
    );
    assert.equal(paints.shifts, 0, 'no layout shift');
    // And now it answers.
    await page.getByRole('combobox', { name: 'Who' }).fill('Ana Lima');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    assert.deepEqual(realErrors(errors), []);
  } finally {
    await browser.close();
  }
  assert.deepEqual(browser.cspViolations, [], 'nothing broke the Content-Security-Policy');
});

test('a browser that holds a journal sees "Opening your journal…", never the first-visit Home', async () => {
  // No service worker, so that the held wasm cannot come from its cache.
  const browser = await launch({ serviceWorkers: 'block' });
  try {
    const { page: first } = await freshPage(browser.context, app.server);
    await addInteraction(first, { when: '2026-10-01T09:00', who: ['Ana Lima'], kind: 'Call', notes: 'First call' });
    await first.close();

    const page = await browser.context.newPage();
    const errors = collectErrors(page);
    const release = await holdWasm(page);
    await page.goto(app.server.url(''), { waitUntil: 'domcontentloaded' });
    await page.getByRole('status').filter({ hasText: 'Opening your journal…' }).waitFor();
    assert.equal(await shownLarger(page.getByText('Opening your journal…')), 1, 'the notice is shown');
    assert.equal(await page.getByText('Start here').isVisible(), false, 'no welcome for someone with a journal');
    release();
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    assert.equal(await page.getByText('Start here').count(), 0);
    // Its largest paint is the app's, which needs the wasm: no waiting for the first paint.
    const times = await page.evaluate(paintAndWasm);
    assert.ok(times.wasm < times.painted, `the wasm asked for before the first paint: ${JSON.stringify(times)}`);
    assert.deepEqual(realErrors(errors), []);
  } finally {
    await browser.close();
  }
  assert.deepEqual(browser.cspViolations, [], 'nothing broke the Content-Security-Policy');
});

test('a first visit waits for the first paint to download: at once out of sight, a second at most where no paint is reported', async () => {
  /** A first visit to Home in a browser of its own, with `initScript` run first. */
  const firstVisit = async (initScript) => {
    const browser = await launch({ serviceWorkers: 'block' });
    let times;
    try {
      const page = await browser.context.newPage();
      const errors = collectErrors(page);
      if (initScript) await page.addInitScript(initScript);
      await page.goto(app.server.url(''));
      await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
      assert.deepEqual(realErrors(errors), []);
      times = await page.evaluate(paintAndWasm);
    } finally {
      await browser.close();
    }
    assert.deepEqual(browser.cspViolations, [], 'nothing broke the Content-Security-Policy');
    return times;
  };
  const seen = await firstVisit();
  assert.ok(seen.painted > 0 && seen.wasm >= seen.painted, `the wasm asked for after the first paint: ${JSON.stringify(seen)}`);
  // A tab opened in the background paints nothing until it is shown.
  const hidden = await firstVisit(() => Object.defineProperty(Document.prototype, 'visibilityState', { get: () => 'hidden' }));
  assert.ok(hidden.wasm < hidden.painted, `a hidden page asks for the wasm at once: ${JSON.stringify(hidden)}`);
  // A browser that never reports a paint still gets the app, a second on.
  const unreported = await firstVisit(() => {
    const observe = PerformanceObserver.prototype.observe;
    PerformanceObserver.prototype.observe = function (options) {
      if (options?.type !== 'paint') observe.call(this, options);
    };
  });
  assert.ok(unreported.wasm >= 1000, `the wasm asked for after the second's wait: ${JSON.stringify(unreported)}`);
});
