// End to end, as a new user: the release build served as static files under
// /rapport/, driven in headless Chromium by role and accessible name.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useApp, freshPage, addInteraction, realErrors } from './support.mjs';

const app = useApp();

const FIRST = { when: '2026-10-15T10:00', who: ['Ana Lima'], kind: 'Coffee or meal', notes: 'Talked about the roadmap over coffee' };
const SECOND = {
  when: '2026-11-03T14:30',
  who: ['Ana Lima', 'Bo Chen'],
  kind: 'Meeting',
  notes: 'Budget review with finance',
  expectation: { what: 'Send the budget draft', who: 'They expect it of me', due: '2026-11-20' },
};
const THIRD = { when: '2026-11-05T09:15', who: ['Bo Chen'], kind: 'Call', notes: 'Quick call about hiring' };

test('a new user keeps a journal that survives reloads, deep links and damaged storage', async () => {
  const { page, errors } = await freshPage(app.browser.context, app.server);
  await page.getByText('Your journal is empty').waitFor();

  await addInteraction(page, FIRST);
  await addInteraction(page, SECOND);
  await addInteraction(page, THIRD);

  await page.reload();
  const items = page.getByRole('article');
  await assert.doesNotReject(items.nth(2).waitFor());
  assert.equal(await items.count(), 3);
  // Newest first, grouped by day.
  assert.match(await items.nth(0).innerText(), /Quick call about hiring/);
  assert.match(await items.nth(1).innerText(), /Budget review with finance/);
  assert.match(await items.nth(2).innerText(), /Talked about the roadmap/);
  assert.deepEqual(await page.getByRole('heading', { level: 3 }).allInnerTexts(), [
    'Thursday, 5 November 2026',
    'Tuesday, 3 November 2026',
    'Thursday, 15 October 2026',
  ]);

  // People: Ana is a relationship, with the reason.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  const ana = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Ana Lima' }) });
  await assert.doesNotReject(ana.getByText('Relationship').waitFor());
  assert.match(await ana.innerText(), /2 interactions, 1 created an expectation/);

  // Her page: the open expectation, marked met.
  await page.getByRole('link', { name: 'Ana Lima' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ana Lima' }).waitFor();
  const open = page.getByRole('region', { name: 'Open expectations' });
  await open.getByText('They expect of me: Send the budget draft (due 20 Nov 2026)').waitFor();
  await open.getByRole('button', { name: 'Mark met: Send the budget draft' }).click();
  await open.getByText('None open.').waitFor();
  const personUrl = page.url();
  assert.match(personUrl, /\/rapport\/people\/[0-9a-z]+$/);

  // A deep link reloads into the same page, under /rapport/, from plain files.
  await page.goto(personUrl);
  await page.getByRole('heading', { level: 1, name: 'Ana Lima' }).waitFor();
  const timeline = page.getByRole('region', { name: /Timeline/ });
  await timeline.getByText('Send the budget draft (due 20 Nov 2026) — met').waitFor();
  assert.equal(await page.getByRole('region', { name: 'Open expectations' }).getByText('None open.').count(), 1);

  // Damage November by hand, as a crash or a bad edit could.
  const damaged = await page.evaluate(() => {
    const value = localStorage.getItem('rapport:i:2026-11');
    const cut = value.slice(0, Math.floor(value.length / 2));
    localStorage.setItem('rapport:i:2026-11', cut);
    return cut;
  });
  await page.goto(app.server.url('journal'));
  const banner = page.getByRole('alert').filter({ hasText: 'could not read the interactions of November 2026' });
  await banner.waitFor();
  // What could be read is there: October's interaction.
  await page.getByRole('article').filter({ hasText: 'Talked about the roadmap' }).waitFor();
  assert.equal(await page.getByRole('article').count(), 1);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    banner.getByRole('button', { name: 'Download the unreadable data' }).click(),
  ]);
  const downloaded = await readFile(await download.path(), 'utf8');
  assert.equal(downloaded, damaged, 'the download is the unreadable value, byte for byte');

  const stored = await page.evaluate(() => ({ ...localStorage }));
  const keptUnder = Object.keys(stored).filter((k) => stored[k] === damaged);
  assert.deepEqual(keptUnder, ['rapport:quarantine:rapport:i:2026-11'], 'the unreadable value is still stored');

  assert.deepEqual(realErrors(errors), []);
  await page.close();
});
