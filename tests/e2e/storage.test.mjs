// End to end: what localStorage holds in Chromium, and the warning before the
// wall. Chromium charges a character one unit whatever it is, so Rapport's
// 15-bit packing (U+4000–U+BFFF) carries 15 bits a unit where an 8-bit
// Latin-1 packing would carry 8 (the figures are printed; WebKit's and
// Firefox's are in their suites). Past 80 % of the quota Home and Data say
// how full it is, how many more interactions fit at the recent pace, and what
// to do; at 80 % and below they say nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useApp,
  freshPage,
  addInteraction,
  realErrors,
  packingCapacity,
  capacityLine,
  fillOriginTo,
  storedCharacters,
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

/** The "Storage nearly full" part of the page (a region named by its heading). */
const warningOn = (scope) => scope.getByRole('region', { name: 'Storage nearly full' });

test('past 80 % of the quota Home and Data warn, with the room left at the recent pace and what to do; not before', async () => {
  const { page, errors } = await freshPage(app.browser.context, app.server, 'journal');
  for (const notes of ['Kick-off', 'Budget review', 'Hiring plan']) {
    await addInteraction(page, { who: ['Ana Lima'], notes });
  }
  const home = async () => {
    await page.goto(app.server.url(''));
    // Home is drawn whole once its quick-add is there.
    await page.getByRole('region', { name: 'Quick add' }).waitFor();
  };
  const data = async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data' }).click();
    const space = page.getByRole('region', { name: 'Space used' });
    await space.getByText(/^Rapport uses [\d,]+ of about 5,242,880 characters/).waitFor();
    return space;
  };

  // Just under the line (79.9 %, another site's page on the shared origin
  // taking the rest): no warning anywhere.
  await fillOriginTo(page, 0.7995);
  await home();
  assert.equal(await warningOn(page).count(), 0, 'no warning on Home at 79.9 %');
  const space = await data();
  await space.getByText(/^Other pages of this site use [\d,]+ more; the allowance is shared\.$/).waitFor();
  assert.equal(await warningOn(page).count(), 0, 'no warning on Data at 79.9 %');

  // Just over it (80.1 %).
  await fillOriginTo(page, 0.8015);
  await home();
  const onHome = warningOn(page);
  await onHome.waitFor();
  const first = await page.locator('main section').first().getAttribute('aria-labelledby');
  assert.equal(first, 'storage-warning-heading', 'the warning comes before anything else on Home');

  // What it says, computed here from what is stored: 80.1 % full, and the
  // free units over what the recent months' interactions cost a piece.
  const expected = async () => {
    const [all, months] = await page.evaluate(() => {
      const size = (k) => k.length + localStorage.getItem(k).length;
      const keys = Object.keys(localStorage);
      return [keys, keys.filter((k) => k.startsWith('rapport:i:'))].map((ks) => ks.reduce((n, k) => n + size(k), 0));
    });
    const left = Math.floor((QUOTA - all) / Math.ceil(months / 3));
    assert.ok(left > 1000 && left < 100_000, `${left} interactions left`);
    return (
      `Storage for Rapport is 80.1 % full. There is room for about ${left.toLocaleString('en')} more interactions: ` +
      `about ${Math.floor(left / 3).toLocaleString('en')} years at your pace of the last 12 months (3 interactions). ` +
      `When it is full, new changes cannot be saved. Download a backup now: it keeps everything. ` +
      `To make room, archive old years (Data → Archive old years): their interactions go to a file you keep, ` +
      `and come back from it with Open a backup.`
    );
  };
  const said = (await onHome.getByText(/^Storage for Rapport is/).textContent()).trim();
  assert.equal(said, await expected());
  // Its button downloads the backup it asks for.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    onHome.getByRole('button', { name: 'Download a backup' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^rapport-backup-\d{4}-\d{2}-\d{2}\.json$/);

  // Data says the same, in its "Space used".
  const onData = warningOn(await data());
  await onData.waitFor();
  // (The backup's date is stored now: a few units less room.)
  assert.equal((await onData.getByText(/^Storage for Rapport is/).textContent()).trim(), await expected());
  await onData.getByRole('button', { name: 'Download a backup' }).waitFor();

  // Room made by the other page (its item gone): the warning on the open
  // Data page goes at once, and Home has none.
  const other = await app.browser.context.newPage();
  await other.goto(app.server.url('manifest.webmanifest'));
  await other.evaluate(() => localStorage.removeItem('other-app'));
  await other.close();
  await onData.waitFor({ state: 'detached' });
  await home();
  assert.equal(await warningOn(page).count(), 0, 'no warning once there is room');
  assert.ok((await page.evaluate(storedCharacters)) < QUOTA / 10);
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});
