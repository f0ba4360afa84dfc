// End to end: Data → Archive old years downloads a file of exactly the
// interactions before the year chosen and removes them here; Open a backup
// with that file says they come back, and Merge brings them back; Undo
// archive puts them back at once.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useApp, freshPage, addInteraction, realErrors } from './support.mjs';

const app = useApp();

const OLD = [
  { when: '2023-03-01T09:00', who: ['Ana Lima'], kind: 'Meeting', notes: 'Kick-off in 2023' },
  { when: '2024-06-10T10:00', who: ['Bo Chen'], kind: 'Call', notes: 'Review call in 2024' },
  { when: '2024-11-20T11:00', who: ['Ana Lima'], kind: 'Coffee or meal', notes: 'Coffee in 2024' },
];
const RECENT = { when: '2025-02-03T09:30', who: ['Bo Chen'], kind: 'Meeting', notes: 'Planning in 2025' };
/** Every interaction's notes, sorted: the journal before an archive. */
const EVERY_NOTE = [...OLD, RECENT].map((i) => i.notes).sort();

/** The notes the Journal shows, sorted. */
async function notes(page) {
  await page.goto(app.server.url('journal'));
  await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
  await page.getByRole('article').first().waitFor();
  const texts = await page.getByRole('article').allInnerTexts();
  return texts.map((t) => EVERY_NOTE.find((k) => t.includes(k)) ?? t).sort();
}

/** A fresh journal of OLD and RECENT, on Data: its Archive old years section. */
async function journalOnData() {
  const { page, errors } = await freshPage(app.browser.context, app.server);
  for (const interaction of [...OLD, RECENT]) await addInteraction(page, interaction);
  await page.goto(app.server.url('data'));
  const section = page.getByRole('region', { name: 'Archive old years' });
  await section.waitFor();
  return { page, errors, section };
}

/** Chooses "before 1 January `year`" and Archive, as a person does; returns the download. */
async function archiveBefore(page, section, year) {
  await section.getByLabel('Archive').selectOption(String(year));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('button', { name: 'Archive' }).click(),
  ]);
  return download;
}

test('old years go to a file and leave; the file brings them back', async () => {
  const { page, errors, section } = await journalOnData();
  const options = await section.getByLabel('Archive').getByRole('option').allInnerTexts();
  assert.equal(options.length, 2, options.join(' | '));
  assert.match(options[0], /^Interactions before 1 January 2024: 1 interaction, frees about [\d,]+ characters$/);
  assert.match(options[1], /^Interactions before 1 January 2025: 3 interactions, frees about [\d,]+ characters$/);

  const download = await archiveBefore(page, section, 2025);
  assert.equal(download.suggestedFilename(), 'rapport-archive-before-2025.json');
  const text = await readFile(await download.path(), 'utf8');
  const file = JSON.parse(text);
  assert.equal(file.format, 'rapport-backup');
  assert.deepEqual(file.records.interactions.map((i) => i.notes).sort(), OLD.map((i) => i.notes).sort());
  assert.equal(file.counts.interactions, 3);
  assert.deepEqual(file.records.people, [], 'interactions only');
  const status = section.getByRole('status');
  await status.filter({ hasText: 'Archived 3 interactions from before 1 January 2025 to rapport-archive-before-2025.json' }).waitFor();
  assert.match(await status.innerText(), /That freed [\d,]+ characters \(\d+\.\d % of the storage\)/);

  await page.reload();
  assert.deepEqual(await notes(page), ['Planning in 2025'], 'gone after a reload');

  // Open a backup with the archive file: they come back.
  await page.goto(app.server.url('data'));
  await page.getByLabel('Open a backup').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(text) });
  const preview = page.getByRole('group', { name: 'The backup' });
  await preview.getByText('3 interactions archived from this journal come back.').waitFor();
  const cells = (await preview.getByRole('row', { name: /^Interactions/ }).getByRole('cell').allInnerTexts()).map(Number);
  assert.deepEqual(cells, [3, 0, 0, 0, 0, 0, 1, 3], 'in the file 3, new 0, …, only here 1, back from the archive 3');
  await preview.getByRole('button', { name: 'Merge into this journal' }).click();
  await page.getByRole('region', { name: 'Backup' }).getByRole('status').filter({ hasText: 'Merged.' }).waitFor();
  await page.reload();
  assert.deepEqual(await notes(page), EVERY_NOTE, 'back after a reload');

  assert.deepEqual(realErrors(errors), []);
  await page.close();
});

test('Undo archive puts the interactions back here, as they were', async () => {
  const { page, errors, section } = await journalOnData();
  await archiveBefore(page, section, 2025);
  const status = section.getByRole('status');
  await status.filter({ hasText: 'Archived 3 interactions' }).waitFor();
  const used = () => page.getByRole('region', { name: 'Space used' }).innerText();
  const archivedUse = await used();

  await section.getByRole('button', { name: 'Undo archive' }).click();
  await status.filter({ hasText: 'Undone: 3 interactions are back in this journal.' }).waitFor();
  assert.equal(await section.getByRole('button', { name: 'Undo archive' }).count(), 0, 'once');
  assert.notEqual(await used(), archivedUse, 'the gauge counts them again');
  await page.reload();
  assert.deepEqual(await notes(page), EVERY_NOTE, 'back after a reload');
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});

test('past 80 % of the quota, the warning on Home links to Archive old years', async () => {
  const { page, errors } = await freshPage(app.browser.context, app.server);
  await addInteraction(page, OLD[0]);
  // Another page of the site takes the origin to 85 % of Chromium's 5,242,880 units.
  await page.evaluate(() => localStorage.setItem('other-app', 'a'.repeat(Math.ceil(5_242_880 * 0.85))));
  await page.goto(app.server.url(''));
  const warning = page.getByRole('region', { name: 'Storage nearly full' });
  assert.match(await warning.innerText(), /archive old years \(Data → Archive old years\)/);
  await warning.getByRole('link', { name: 'Archive old years' }).click();
  await page.getByRole('heading', { level: 1, name: 'Data' }).waitFor();
  assert.match(page.url(), /\/rapport\/data#archive$/);
  await page.getByRole('region', { name: 'Archive old years' }).waitFor();
  await page.evaluate(() => localStorage.removeItem('other-app'));
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});
