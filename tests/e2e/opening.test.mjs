// End to end: the first visit on a slow network. index.html paints the
// header and "Opening your journal…" before the wasm arrives; the app takes
// their place when it mounts; a browser that never runs it hears why.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, collectErrors, realErrors } from './support.mjs';

const app = useApp();

test('until the wasm arrives the page says it is opening, then the app takes its place', async () => {
  const page = await app.browser.context.newPage();
  const errors = collectErrors(page);
  // Hold the wasm back, as a slow network would.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/*_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(app.server.url('journal'), { waitUntil: 'domcontentloaded' });

  const opening = page.getByRole('status').filter({ hasText: 'Opening your journal…' });
  await opening.waitFor();
  assert.equal(await page.getByText('Rapport', { exact: true }).isVisible(), true, 'the header is painted');
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
