// End to end: a backup downloaded in one browser profile restores in a fresh
// one, two "devices" stay in step by exchanging backups, and a bad file
// changes nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { useApp, launch, freshPage, addInteraction, realErrors, fillStorage, freeStorage } from './support.mjs';

const app = useApp();

const PLANNING = { when: '2026-10-01T09:00', who: ['Ana Lima'], kind: 'Meeting', notes: 'Planning with Ana' };
const COFFEE = { when: '2026-10-02T10:00', who: ['Bo Chen'], kind: 'Coffee or meal', notes: 'Coffee with Bo' };
const MISTAKE = { when: '2026-10-03T11:00', who: ['Bo Chen'], kind: 'Call', notes: 'Logged by mistake' };

/** Data → Download a backup: the file's name and parsed content. */
async function downloadBackup(page) {
  await page.goto(page.url().replace(/\/rapport\/.*$/, '/rapport/data'));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('region', { name: 'Backup' }).getByRole('button', { name: 'Download a backup' }).click(),
  ]);
  const text = await readFile(await download.path(), 'utf8');
  return { name: download.suggestedFilename(), text, json: JSON.parse(text) };
}

/** Data → Open a backup with `text`; returns the preview. */
async function openBackup(page, text, name = 'rapport-backup.json') {
  await page.goto(page.url().replace(/\/rapport\/.*$/, '/rapport/data'));
  await page.getByLabel('Open a backup').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  return page.getByRole('group', { name: 'The backup' });
}

/** The preview's row for a kind, as numbers by column. */
async function row(preview, kind) {
  const line = preview.getByRole('row', { name: new RegExp(`^${kind}`) });
  await line.waitFor();
  const cells = await line.getByRole('cell').allInnerTexts();
  const [inFile, fresh, newer, same, older, deleted, onlyHere] = cells.map(Number);
  return { inFile, fresh, newer, same, older, deleted, onlyHere };
}

/** The notes of every interaction the journal shows, sorted. */
async function notes(page) {
  await page.goto(page.url().replace(/\/rapport\/.*$/, '/rapport/journal'));
  await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
  await page.waitForTimeout(100);
  const known = ['Planning with Ana, agreed on Q1', 'Planning with Ana', 'Coffee with Bo', 'Logged by mistake', 'Call with Cy'];
  return (await page.getByRole('article').allInnerTexts()).map((t) => known.find((k) => t.includes(k)) ?? t).sort();
}

test('a backup restores in a fresh browser, and two devices stay in step by merging backups', async () => {
  const { page: laptop, errors } = await freshPage(app.browser.context, app.server);
  for (const interaction of [PLANNING, COFFEE, MISTAKE]) await addInteraction(laptop, interaction);
  await laptop.getByRole('button', { name: 'Delete the call with Bo Chen on 3 Oct 2026' }).click();
  await laptop.getByText('Deleted the call with Bo Chen on 3 Oct 2026.').waitFor();

  const first = await downloadBackup(laptop);
  assert.match(first.name, /^rapport-backup-\d{4}-\d{2}-\d{2}\.json$/);
  assert.equal(first.json.format, 'rapport-backup');
  assert.equal(first.json.counts.interactions, 2);
  assert.equal(first.json.records.interactions.length, 2);
  assert.equal(first.json.deleted.interactions.length, 1, 'the deletion travels too');
  assert.deepEqual(first.json.records.people.map((p) => p.name).sort(), ['Ana Lima', 'Bo Chen']);

  // A phone: a fresh browser profile, empty.
  const phoneBrowser = await launch();
  try {
    const { page: phone } = await freshPage(phoneBrowser.context, app.server, 'data');
    const preview = await openBackup(phone, first.text, first.name);
    await preview.getByText(/^Written by Rapport [\d.]+ on \d+ \w+ \d{4}: 2 interactions from 1 Oct 2026 to 2 Oct 2026, 2 people\.$/).waitFor();
    assert.deepEqual(await row(preview, 'Interactions'), { inFile: 2, fresh: 2, newer: 0, same: 0, older: 0, deleted: 0, onlyHere: 0 });
    await preview.getByRole('button', { name: 'Merge into this journal' }).click();
    await phone.getByRole('region', { name: 'Backup' }).getByRole('status').filter({ hasText: 'Merged.' }).waitFor();
    assert.deepEqual(await notes(phone), ['Coffee with Bo', 'Planning with Ana']);
    await phone.reload();
    assert.deepEqual(await notes(phone), ['Coffee with Bo', 'Planning with Ana'], 'stored, not only shown');
    await phone.goto(app.server.url('people'));
    await phone.getByRole('link', { name: 'Ana Lima' }).waitFor();

    // The phone edits one interaction and deletes the other...
    await phone.goto(app.server.url('journal'));
    await phone.getByRole('button', { name: 'Edit the meeting with Ana Lima on 1 Oct 2026' }).click();
    const editor = phone.getByRole('region', { name: 'Editing the meeting with Ana Lima on 1 Oct 2026' });
    await editor.getByLabel('Notes').fill('Planning with Ana, agreed on Q1');
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await phone.getByRole('article').filter({ hasText: 'agreed on Q1' }).waitFor();
    await phone.getByRole('button', { name: 'Delete the coffee or meal with Bo Chen on 2 Oct 2026' }).click();
    await phone.getByText(/^Deleted the coffee or meal with Bo Chen/).waitFor();
    const fromPhone = await downloadBackup(phone);

    // ...while the laptop logs a new one.
    await laptop.goto(app.server.url('journal'));
    await addInteraction(laptop, { when: '2026-10-04T12:00', who: ['Cy Park'], kind: 'Call', notes: 'Call with Cy' });
    const merge = await openBackup(laptop, fromPhone.text);
    // The file: the edit, the phone's deletion, and the laptop's own deletion
    // that the phone took from the first backup (the same on both sides).
    assert.deepEqual(await row(merge, 'Interactions'), { inFile: 1, fresh: 0, newer: 1, same: 1, older: 0, deleted: 1, onlyHere: 1 });
    await merge.getByRole('button', { name: 'Merge into this journal' }).click();
    await laptop.getByRole('region', { name: 'Backup' }).getByRole('status').filter({ hasText: 'Merged.' }).waitFor();
    assert.deepEqual(await notes(laptop), ['Call with Cy', 'Planning with Ana, agreed on Q1']);

    // The same file again changes nothing.
    const again = await openBackup(laptop, fromPhone.text);
    assert.deepEqual(await row(again, 'Interactions'), { inFile: 1, fresh: 0, newer: 0, same: 3, older: 0, deleted: 0, onlyHere: 1 });
    await again.getByRole('button', { name: 'Merge into this journal' }).click();
    await laptop.getByText('Nothing to change: this journal already holds everything in the file.').waitFor();

    // And the phone, given the laptop's backup, ends with the same journal.
    const fromLaptop = await downloadBackup(laptop);
    const back = await openBackup(phone, fromLaptop.text);
    await back.getByRole('button', { name: 'Merge into this journal' }).click();
    await phone.getByRole('region', { name: 'Backup' }).getByRole('status').filter({ hasText: 'Merged.' }).waitFor();
    assert.deepEqual(await notes(phone), ['Call with Cy', 'Planning with Ana, agreed on Q1']);
  } finally {
    await phoneBrowser.close();
  }
  assert.deepEqual(realErrors(errors), []);
  await laptop.close();
});

test('a backup dropped on the page opens like a chosen one', async () => {
  const { page } = await freshPage(app.browser.context, app.server);
  await addInteraction(page, PLANNING);
  const backup = await downloadBackup(page);
  const dataTransfer = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'rapport-backup.json', { type: 'application/json' }));
    return transfer;
  }, backup.text);
  const zone = page.getByRole('region', { name: 'Backup' }).locator('.drop-zone');
  await zone.dispatchEvent('dragover', { dataTransfer });
  assert.match(await zone.getAttribute('class'), /dragging/, 'the zone shows it will take the file');
  await zone.dispatchEvent('drop', { dataTransfer });
  const preview = page.getByRole('group', { name: 'The backup' });
  assert.deepEqual(await row(preview, 'Interactions'), { inFile: 1, fresh: 0, newer: 0, same: 1, older: 0, deleted: 0, onlyHere: 0 });
  await page.close();
});

test('Replace downloads the journal as it is first, then makes it exactly the file', async () => {
  const { page } = await freshPage(app.browser.context, app.server);
  await addInteraction(page, PLANNING);
  const backup = await downloadBackup(page);
  await page.goto(app.server.url('journal'));
  await addInteraction(page, COFFEE);
  const preview = await openBackup(page, backup.text);
  const [safety] = await Promise.all([
    page.waitForEvent('download'),
    preview.getByRole('button', { name: 'Replace this journal' }).click(),
  ]);
  const kept = JSON.parse(await readFile(await safety.path(), 'utf8'));
  assert.equal(kept.counts.interactions, 2, 'the journal before the replace, with both');
  await page.getByText('Replaced. The journal is now the backup\'s.').waitFor();
  assert.deepEqual(await notes(page), ['Planning with Ana']);
  await page.close();
});

test('a damaged or foreign file is named as such and changes nothing', async () => {
  const { page } = await freshPage(app.browser.context, app.server);
  await addInteraction(page, PLANNING);
  const backup = await downloadBackup(page);
  const before = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  const status = page.getByRole('region', { name: 'Backup' }).getByRole('status');

  await openBackup(page, backup.text.slice(0, Math.floor(backup.text.length / 2)));
  await status.filter({ hasText: /^The file is cut short: it ends on line \d+/ }).waitFor();
  await openBackup(page, JSON.stringify({ name: 'my-app', items: [1, 2, 3] }), 'other.json');
  await status.filter({ hasText: /^The file is not a Rapport backup/ }).waitFor();
  await openBackup(page, 'PK\u0003\u0004\u0000\u0000binary', 'archive.zip');
  await status.filter({ hasText: /^The file is not text/ }).waitFor();
  const large = join(await mkdtemp(join(tmpdir(), 'rapport-large-')), 'video.json');
  await writeFile(large, Buffer.alloc(50 << 20, 32));
  await page.getByLabel('Open a backup').setInputFiles(large);
  await status.filter({ hasText: /^The file is 50 MB, larger than any journal a browser can hold/ }).waitFor();
  await rm(dirname(large), { recursive: true, force: true });
  const newer = JSON.parse(backup.text);
  newer.version = 99;
  await openBackup(page, JSON.stringify(newer));
  await status.filter({ hasText: /^The backup was written by a newer version of Rapport/ }).waitFor();
  assert.equal(await page.getByRole('group', { name: 'The backup' }).count(), 0, 'no preview, no way to apply it');
  assert.equal(await page.evaluate(() => JSON.stringify({ ...localStorage })), before, 'nothing written');
  await page.close();
});

test('Home suggests a backup when no backup holds the latest changes, and can be put off for a week', async () => {
  const page = await app.browser.context.newPage();
  const start = Date.parse('2026-03-02T10:00:00Z');
  const day = 86_400_000;
  await page.clock.setFixedTime(start);
  await page.goto(app.server.url(''));
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  const reminder = page.getByRole('region', { name: 'Back up your journal' });
  assert.equal(await reminder.count(), 0, 'an empty journal is not nagged');

  await page.goto(app.server.url('journal'));
  await addInteraction(page, { who: ['Ana Lima'], notes: 'First' });
  await page.goto(app.server.url(''));
  await reminder.getByText(/no backup of it has been downloaded yet/).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    reminder.getByRole('button', { name: 'Download a backup' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'rapport-backup-2026-03-02.json');
  await page.getByRole('status').filter({ hasText: 'Downloaded rapport-backup-2026-03-02.json.' }).waitFor();
  await reminder.waitFor({ state: 'detached' });
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  assert.equal(await reminder.count(), 0, 'the backup holds everything');

  // Two weeks on, with a change since: suggested again.
  await page.clock.setFixedTime(start + 15 * day);
  await page.goto(app.server.url('journal'));
  await addInteraction(page, { who: ['Ana Lima'], notes: 'Second' });
  await page.goto(app.server.url(''));
  await reminder.getByText('Your last backup is from 2 Mar 2026, and the journal has changed since.', { exact: false }).waitFor();
  await reminder.getByRole('button', { name: 'Remind me in a week' }).click();
  await reminder.waitFor({ state: 'detached' });
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  assert.equal(await reminder.count(), 0, 'put off');
  await page.clock.setFixedTime(start + 23 * day);
  await page.reload();
  await reminder.waitFor();

  await page.goto(app.server.url('data'));
  await page.getByText('Last backup downloaded: 2 Mar 2026.').waitFor();
  await page.close();
});

test('a backup that would not fit says how much room is missing and writes nothing', async () => {
  const { page } = await freshPage(app.browser.context, app.server);
  await addInteraction(page, PLANNING);
  await addInteraction(page, COFFEE);
  const backup = await downloadBackup(page);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Data' }).waitFor();
  await fillStorage(page);
  const before = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  const preview = await openBackup(page, backup.text);
  await preview.getByRole('button', { name: 'Merge into this journal' }).click();
  await page
    .getByRole('region', { name: 'Backup' })
    .getByRole('status')
    .filter({ hasText: /^The result would need [\d,]+ characters of this browser's storage for this site, which allows about [\d,]+: [\d,]+ are missing\. Nothing was written\./ })
    .waitFor();
  assert.equal(await page.evaluate(() => JSON.stringify({ ...localStorage })), before, 'nothing written');
  await freeStorage(page);
  await page.close();
});
