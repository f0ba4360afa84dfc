// End to end: what localStorage holds in Chromium. Chromium charges a
// character one unit whatever it is, so Rapport's 15-bit packing
// (U+4000–U+BFFF) carries 15 bits a unit where an 8-bit Latin-1 packing
// would carry 8 (the figures are printed; WebKit's and Firefox's are in
// their suites).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useApp,
  freshPage,
  realErrors,
  packingCapacity,
  capacityLine,
} from './support.mjs';

const app = useApp();
const QUOTA = 5_242_880;

test('Chromium charges Latin-1 and packed text the same, one unit a character', async () => {
  const { page, errors } = await freshPage(app.browser.context, app.server, '');
  const started = performance.now();
  const figures = await packingCapacity((fn, arg) => page.evaluate(fn, arg));
  const version = (await page.evaluate(() => navigator.userAgent)).match(/Chrome\/([\d.]+)/)[1];
  console.log(`${capacityLine(`Chromium ${version}`, 'UTF-16 units', figures)} (filled in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const { latin1, packed, present } = figures;
  // The rule the gauge and the README's table rest on: the same count, so
  // packing 15 bits a character holds 15/8 as much data as Latin-1 would.
  assert.ok(Math.abs(latin1 - packed) <= latin1 / 1000, `${latin1} Latin-1 against ${packed} packed: as many`);
  // And the quota the app plans against (TYPICAL_QUOTA) is the one enforced.
  assert.ok(Math.abs(latin1 + present - QUOTA) <= QUOTA / 100, `a quota of ${latin1 + present} units, not about ${QUOTA}`);
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});
