// End to end: records that know their version. Two pages of one browser
// are two tabs of one person: an edit from a stale form is flagged and
// merged, never lost; storage emptied by another page is offered back; a
// retry never writes an older edit over a later one; a save elsewhere
// never closes a form being typed in.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useApp, freshPage, addInteraction, fillStorage, freeStorage } from './support.mjs';

const app = useApp();

/** Two tabs showing a journal with one interaction with Ana Lima. */
async function twoTabs() {
  const { page: tabA } = await freshPage(app.browser.context, app.server);
  await addInteraction(tabA, { when: '2026-11-02T10:00', who: ['Ana Lima'], notes: 'Kick-off' });
  const tabB = await app.browser.context.newPage();
  await tabB.goto(app.server.url('journal'));
  await tabB.getByRole('article').filter({ hasText: 'Kick-off' }).waitFor();
  return { tabA, tabB };
}

/** Edits the notes of the interaction showing `from` on the Journal screen. */
async function editNotes(tab, from, to) {
  await tab.getByRole('article').filter({ hasText: from }).getByRole('button', { name: /^Edit/ }).click();
  const editor = tab.getByRole('region', { name: /^Editing/ });
  await editor.getByLabel('Notes').fill(to);
  await editor.getByRole('button', { name: 'Save changes' }).click();
  await editor.waitFor({ state: 'detached' });
}

/** Opens a person's page from People, with "Edit details" open. */
async function openDetails(page, name) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await page.getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.getByText('Edit details', { exact: true }).click();
  return page.locator('details').filter({ hasText: 'Edit details' });
}

test('the same person edited in two tabs: the stale edit is flagged, merged, and nothing is lost', async () => {
  const { tabA, tabB } = await twoTabs();

  const formA = await openDetails(tabA, 'Ana Lima');
  const formB = await openDetails(tabB, 'Ana Lima');
  // A starts typing before B saves.
  await formA.getByLabel('Organization').fill('Acme');
  await formB.getByLabel('Name').fill('Ana Lima-Ruiz');
  await formB.getByRole('button', { name: 'Save details' }).click();
  await formB.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

  // A's form stays open with what was typed, and says the person changed.
  await formA.getByText('This person was changed in another tab since you opened it here.').waitFor();
  assert.equal(await formA.getByLabel('Organization').inputValue(), 'Acme');
  await formA.getByRole('button', { name: 'Save details' }).click();
  const conflict = formA.getByRole('alert').filter({ hasText: 'Not saved' });
  await conflict.waitFor();
  assert.match(await conflict.innerText(), /changed in another tab since it was opened here/);
  const table = conflict.getByRole('table', { name: 'Where the two versions differ' });
  assert.match(await table.getByRole('row', { name: /Name/ }).innerText(), /Ana Lima\s+Ana Lima-Ruiz/);
  assert.match(await table.getByRole('row', { name: /Organization/ }).innerText(), /Acme\s+\(empty\)/);
  assert.equal(await formA.getByLabel('Organization').inputValue(), 'Acme', 'still in the form');

  // Merge: the name B gave, the organization A typed (proposed that way).
  await conflict.getByRole('button', { name: 'Merge field by field' }).click();
  const name = conflict.getByRole('group', { name: 'Name' });
  const organization = conflict.getByRole('group', { name: 'Organization' });
  assert.ok(await name.getByRole('radio', { name: /The other tab's: Ana Lima-Ruiz/ }).isChecked());
  assert.ok(await organization.getByRole('radio', { name: /Yours: Acme/ }).isChecked());
  await conflict.getByRole('button', { name: 'Save the merge' }).click();
  await conflict.waitFor({ state: 'detached' });
  assert.equal(await formA.getByLabel('Name').inputValue(), 'Ana Lima-Ruiz', 'the form shows what is stored');

  for (const tab of [tabA, tabB]) {
    await tab.reload();
    await tab.getByRole('heading', { level: 1, name: 'Ana Lima-Ruiz' }).waitFor();
    assert.match(await tab.locator('.subtitle').innerText(), /Acme/);
  }
  await tabA.close();
  await tabB.close();
});

test('a person removed in one tab while edited in another: flagged, and back only if the user says so', async () => {
  const { tabA, tabB } = await twoTabs();

  const formA = await openDetails(tabA, 'Ana Lima');
  await formA.getByLabel('Title').fill('Head of design');
  await tabB.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await tabB.getByRole('link', { name: 'Ana Lima' }).click();
  await tabB.getByRole('button', { name: 'Remove Ana Lima…' }).click();
  await tabB.getByRole('button', { name: 'Yes, remove Ana Lima' }).click();

  await formA.getByText('This person was deleted in another tab since you opened it here.').waitFor();
  await formA.getByRole('button', { name: 'Save details' }).click();
  const conflict = formA.getByRole('alert').filter({ hasText: 'Not saved' });
  assert.match(await conflict.innerText(), /the person was deleted in another tab/);
  assert.equal(await formA.getByLabel('Title').inputValue(), 'Head of design', 'what was typed stays');
  // Nothing came back by itself.
  await tabB.reload();
  await tabB.getByRole('heading', { level: 1, name: 'People' }).waitFor();
  assert.equal(await tabB.getByRole('link', { name: 'Ana Lima' }).count(), 0);
  // The user chooses to keep theirs: the person is back, with the new title.
  await conflict.getByRole('button', { name: 'Keep mine (save this person)' }).click();
  await conflict.waitFor({ state: 'detached' });
  await tabB.getByRole('link', { name: 'Ana Lima' }).waitFor();
  await tabB.reload();
  assert.match(await tabB.getByRole('listitem').filter({ hasText: 'Ana Lima' }).innerText(), /Head of design/);
  await tabA.close();
  await tabB.close();
});

test('an interaction deleted in one tab while edited in another: the editor stays, and Keep mine brings it back', async () => {
  const { tabA, tabB } = await twoTabs();
  await tabA.getByRole('button', { name: /^Edit the meeting with Ana Lima/ }).click();
  const editor = tabA.getByRole('region', { name: /^Editing the meeting/ });
  await editor.getByLabel('Notes').fill('Kick-off, with the notes A typed');
  await tabB.getByRole('article').filter({ hasText: 'Kick-off' }).getByRole('button', { name: /^Delete/ }).click();
  await tabB.getByText('Your journal is empty').waitFor();

  await editor.getByText('This interaction was deleted in another tab since you opened it here.').waitFor();
  assert.equal(await editor.getByLabel('Notes').inputValue(), 'Kick-off, with the notes A typed');
  await editor.getByRole('button', { name: 'Save changes' }).click();
  const conflict = editor.getByRole('alert').filter({ hasText: 'Not saved' });
  assert.match(await conflict.innerText(), /the interaction was deleted in another tab/);
  await conflict.getByRole('button', { name: 'Keep mine (save this interaction)' }).click();
  await editor.waitFor({ state: 'detached' });
  await tabB.getByRole('article').filter({ hasText: 'with the notes A typed' }).waitFor();
  await tabA.reload();
  await tabA.getByRole('article').filter({ hasText: 'with the notes A typed' }).waitFor();
  await tabA.close();
  await tabB.close();
});

test('a form being typed in stays open while another tab saves', async () => {
  const { page: tabA } = await freshPage(app.browser.context, app.server, 'tasks');
  const newTask = tabA.getByRole('region', { name: 'New task' });
  await newTask.getByLabel('Task', { exact: true }).fill('Quarterly report');
  await newTask.getByRole('button', { name: 'Add task' }).click();
  const task = tabA.getByRole('listitem', { name: 'Quarterly report' });
  await task.getByRole('button', { name: 'Edit Quarterly report' }).click();
  await task.getByLabel('Task', { exact: true }).fill('Quarterly report, typed in A');

  const tabB = await app.browser.context.newPage();
  await tabB.goto(app.server.url('tasks'));
  const newTaskB = tabB.getByRole('region', { name: 'New task' });
  await newTaskB.getByLabel('Task', { exact: true }).fill('Another task from B');
  await newTaskB.getByRole('button', { name: 'Add task' }).click();
  await tabA.getByRole('listitem', { name: 'Another task from B' }).waitFor();
  // The editor in A is still open, with what was typed.
  assert.equal(await task.getByLabel('Task', { exact: true }).inputValue(), 'Quarterly report, typed in A');
  await task.getByRole('button', { name: 'Save task' }).click();
  await tabA.getByRole('listitem', { name: 'Quarterly report, typed in A' }).waitFor();
  await tabB.getByRole('listitem', { name: 'Quarterly report, typed in A' }).waitFor();
  await tabA.close();
  await tabB.close();
});

test('another page clearing storage: this tab offers its copy back, and it is all there after a reload', async () => {
  const { page: tabA } = await freshPage(app.browser.context, app.server);
  await addInteraction(tabA, { when: '2026-10-02T10:00', who: ['Ana Lima'], notes: 'October call' });
  await addInteraction(tabA, { when: '2026-11-02T10:00', who: ['Bo Chen'], notes: 'November lunch' });
  // Another project page of the same account (same origin) clears storage.
  const other = await app.browser.context.newPage();
  await other.goto(app.server.url('journal'));
  await other.evaluate(() => localStorage.clear());
  await other.close();

  const alert = tabA.getByRole('alert').filter({ hasText: 'Something outside this tab removed' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /the list of people/);
  // Nothing disappeared from the screen.
  assert.equal(await tabA.getByRole('article').count(), 2);
  const download = tabA.waitForEvent('download');
  await alert.getByRole('button', { name: "Download this tab's copy" }).click();
  const copy = JSON.parse(await readFile(await (await download).path(), 'utf8'));
  assert.equal(copy.format, 'rapport-backup', 'a backup file, which Open a backup restores');
  assert.deepEqual(copy.records.interactions.map((i) => i.notes).sort(), ['November lunch', 'October call']);

  await alert.getByRole('button', { name: "Write this tab's copy back" }).click();
  await alert.waitFor({ state: 'detached' });
  await tabA.getByText(/Written back: \d+ records\./).waitFor();
  await tabA.reload();
  await tabA.getByRole('article').filter({ hasText: 'October call' }).waitFor();
  await tabA.getByRole('article').filter({ hasText: 'November lunch' }).waitFor();
  await tabA.close();
});

test('a retry after a later save of the same record keeps the later text', async () => {
  const { page } = await freshPage(app.browser.context, app.server);
  await addInteraction(page, { when: '2026-11-02T10:00', who: ['Ana Lima'], notes: 'Original' });

  await fillStorage(page);
  await editNotes(page, 'Original', 'Older edit, not saved: random 7f3a9c2e1b d84e0f5a 91c6b72d 3e8f0a4c 5b1d9e7f');
  await addInteraction(
    page,
    { when: '2026-11-05T10:00', who: ['Bo Chen'], notes: 'Another change waiting' },
    'Kept on screen, but not saved',
  );
  const unsaved = page.getByRole('alert').filter({ hasText: 'Not saved' });
  assert.equal(await unsaved.getByRole('listitem').count(), 2);

  await freeStorage(page);
  await editNotes(page, 'Older edit, not saved', 'Later edit');
  // The later save replaced the queued one: only the other change waits.
  assert.equal(await unsaved.getByRole('listitem').count(), 1);
  await unsaved.getByRole('button', { name: 'Try saving again' }).click();
  await unsaved.waitFor({ state: 'detached' });
  await page.reload();
  await page.getByRole('article').filter({ hasText: 'Later edit' }).waitFor();
  await page.getByRole('article').filter({ hasText: 'Another change waiting' }).waitFor();
  assert.equal(await page.getByRole('article').filter({ hasText: 'Older edit' }).count(), 0);
  await page.close();
});

test('a change waiting to be saved whose record another tab changed asks before it overwrites', async () => {
  const { tabA, tabB } = await twoTabs();
  await fillStorage(tabA);
  await editNotes(tabA, 'Kick-off', 'A: typed while full 5e1c93a7 0d4b8f26 c7a1e935 8b2f6d04');
  const unsaved = tabA.getByRole('alert').filter({ hasText: 'Not saved' });
  await unsaved.waitFor();
  await freeStorage(tabA);
  await editNotes(tabB, 'Kick-off', 'B: saved meanwhile');
  // A hears of B's save: its waiting change would overwrite it, so it asks.
  const item = unsaved.getByRole('listitem').filter({ hasText: 'changed in another tab' });
  await item.waitFor();
  await item.getByRole('button', { name: /^Keep mine/ }).click();
  await unsaved.waitFor({ state: 'detached' });
  await tabB.getByRole('article').filter({ hasText: 'A: typed while full' }).waitFor();
  await tabA.reload();
  await tabA.getByRole('article').filter({ hasText: 'A: typed while full' }).waitFor();
  await tabA.close();
  await tabB.close();
});

test('a year typed as 0205 is refused at the field', async () => {
  const { page } = await freshPage(app.browser.context, app.server);
  await addInteraction(
    page,
    { when: '0205-03-01T10:00', who: ['Ana Lima'], notes: 'Typo in the year' },
    'Not saved: please check the fields',
  );
  const when = page.getByRole('region', { name: 'Add an interaction' }).getByLabel('When');
  const ids = ((await when.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  const message = (await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()))).join(' ');
  assert.match(message, /year 205; use a year from 1900 to 2200/);
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('rapport:i:'))), []);
  await page.close();
});
