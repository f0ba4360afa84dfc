// End to end: bad input, editing, deleting with undo, search and filters,
// two tabs, a full storage, a phone-sized screen and the keyboard.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useApp,
  freshPage,
  addForm,
  addInteraction,
  realErrors,
  storedMonths,
  decodeStored,
  fillStorage,
  freeStorage,
  focusedId,
} from './support.mjs';

const app = useApp();

/** The storage keys holding interactions. */
const monthKeys = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('rapport:i:')));

/** The message a field announces (its accessible description). */
async function messageOf(field) {
  const ids = (await field.getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(
    ids.split(' ').filter(Boolean).map((id) => field.page().locator(`[id="${id}"]`).innerText()),
  );
  return texts.join(' ');
}

test('bad input gets a message next to the field and nothing is saved', async () => {
  const { page, errors } = await freshPage(app.browser.context, app.server);
  const form = addForm(page);
  const submit = form.getByRole('button', { name: 'Add interaction' });

  await form.getByLabel('When').fill('');
  await form.getByLabel('Minutes').fill('half an hour');
  await form.getByRole('checkbox', { name: 'This created an expectation' }).check();
  await submit.click();
  await form.getByRole('status').filter({ hasText: 'Not saved' }).waitFor();

  const who = form.getByRole('combobox', { name: 'Who', exact: true });
  assert.equal(await who.getAttribute('aria-invalid'), 'true');
  assert.match(await messageOf(who), /Add at least one person\./);
  assert.match(await messageOf(form.getByLabel('When')), /Enter when it happened\./);
  assert.match(await messageOf(form.getByLabel('Minutes')), /is not a whole number of minutes/);
  assert.match(await messageOf(form.getByLabel('Expectation: what')), /Say what is expected\./);
  assert.equal(await focusedId(page), 'add-at', 'focus moves to the first bad field');

  // A due date before the interaction.
  await form.getByLabel('When').fill('2026-11-10T10:00');
  await who.fill('Ana Lima');
  await who.press('Enter');
  await form.getByLabel('Minutes').fill('30');
  await form.getByLabel('Expectation: what').fill('The signed contract');
  await form.getByLabel('Due (optional)').fill('2026-11-01');
  await submit.click();
  assert.match(await messageOf(form.getByLabel('Due (optional)')), /The due date is before the interaction\./);
  assert.equal(await form.getByLabel('When').getAttribute('aria-invalid'), null, 'fixed fields lose their message');
  assert.equal(await page.getByRole('article').count(), 0);
  assert.deepEqual(await monthKeys(page), [], 'nothing was saved half-way');
  assert.equal(await page.evaluate(() => localStorage.getItem('rapport:people')), null, 'not even the new person');

  await form.getByLabel('Due (optional)').fill('2026-11-12');
  await submit.click();
  await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  assert.equal(await page.getByRole('article').count(), 1);
  assert.deepEqual(await monthKeys(page), ['rapport:i:2026-11']);
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});

test('an interaction can be edited, and deleted with undo', async () => {
  const { page } = await freshPage(app.browser.context, app.server);
  await addInteraction(page, { when: '2026-09-01T08:30', who: ['Ana Lima'], kind: 'Call', notes: 'First notes' });
  const item = page.getByRole('article');

  await item.getByRole('button', { name: 'Edit the call with Ana Lima on 1 Sep 2026' }).click();
  const editor = page.getByRole('region', { name: 'Editing the call with Ana Lima on 1 Sep 2026' });
  assert.equal(await editor.getByLabel('Notes').inputValue(), 'First notes');
  await editor.getByLabel('Notes').fill('Better notes');
  await editor.getByLabel('When').fill('2026-10-02T08:30');
  await editor.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('article').filter({ hasText: 'Better notes' }).waitFor();
  // The old month keeps an empty group: Rapport never removes a key that
  // held records, so another tab can tell a removal from an edit.
  assert.deepEqual(
    await storedMonths(page),
    { 'rapport:i:2026-09': [], 'rapport:i:2026-10': ['Better notes'] },
    'moved to its new month, gone from the old',
  );

  await page.reload();
  await page.getByRole('article').filter({ hasText: 'Better notes' }).waitFor();
  assert.equal(await page.getByRole('article').count(), 1);

  await page.getByRole('button', { name: 'Delete the call with Ana Lima on 2 Oct 2026' }).click();
  await page.getByText('Deleted the call with Ana Lima on 2 Oct 2026.').waitFor();
  assert.equal(await page.getByRole('article').count(), 0);
  await page.waitForFunction(() => document.activeElement?.textContent === 'Undo');
  await page.keyboard.press('Enter'); // Undo, by keyboard, where focus went
  await page.getByRole('article').filter({ hasText: 'Better notes' }).waitFor();
  await page.reload();
  await page.getByRole('article').filter({ hasText: 'Better notes' }).waitFor();

  await page.getByRole('button', { name: 'Delete the call with Ana Lima on 2 Oct 2026' }).click();
  await page.getByText('Deleted the call').waitFor();
  await page.reload();
  await page.getByText('Your journal is empty').waitFor();
  assert.deepEqual(await storedMonths(page), { 'rapport:i:2026-09': [], 'rapport:i:2026-10': [] });
  const tombstones = await page.evaluate(() => localStorage.getItem('rapport:i:2026-10'));
  assert.equal(decodeStored(tombstones).gone.length, 1, 'a tombstone keeps it deleted');
  await page.close();
});

test('search and filters narrow the list', async () => {
  const { page } = await freshPage(app.browser.context, app.server);
  await addInteraction(page, { when: '2026-06-01T09:00', who: ['Ana Lima'], kind: 'Coffee or meal', notes: 'Talked about the budget' });
  await addInteraction(page, {
    when: '2026-07-15T09:00',
    who: ['Bo Chen'],
    kind: 'Call',
    notes: 'Supplier delays',
    dependency: { who: 'I rely on them', what: 'Shipping dates' },
  });
  await addInteraction(page, {
    when: '2026-08-20T09:00',
    who: ['Ana Lima', 'Cy Park'],
    kind: 'Meeting',
    notes: 'Planning offsite',
    expectation: { what: 'Book the venue', who: 'They expect it of me' },
  });
  const items = page.getByRole('article');
  const shown = async () => (await items.allInnerTexts()).map((t) => t.match(/Talked about the budget|Supplier delays|Planning offsite/)?.[0]);
  const count = page.getByRole('status').filter({ hasText: /interactions|matching/ });

  await page.getByRole('searchbox', { name: 'Search' }).fill('BUDGET');
  assert.deepEqual(await shown(), ['Talked about the budget']);
  assert.equal(await count.innerText(), 'Showing 1 of 1 matching (3 in all)');
  await page.getByRole('searchbox', { name: 'Search' }).fill('ana offsite');
  assert.deepEqual(await shown(), ['Planning offsite']);
  await page.getByRole('searchbox', { name: 'Search' }).fill('');

  await page.getByLabel('Person').selectOption({ label: 'Ana Lima' });
  assert.deepEqual(await shown(), ['Planning offsite', 'Talked about the budget']);
  await page.getByLabel('Kind', { exact: true }).last().selectOption({ label: 'Coffee or meal' });
  assert.deepEqual(await shown(), ['Talked about the budget']);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  assert.equal(await items.count(), 3);

  await page.getByLabel('From').fill('2026-07-01');
  await page.getByLabel('To').fill('2026-07-31');
  assert.deepEqual(await shown(), ['Supplier delays']);
  await page.getByRole('button', { name: 'Clear filters' }).click();

  await page.getByRole('checkbox', { name: 'Created a dependency', exact: true }).check();
  assert.deepEqual(await shown(), ['Supplier delays']);
  await page.getByRole('checkbox', { name: 'Created a dependency', exact: true }).uncheck();
  await page.getByRole('checkbox', { name: 'Created an expectation', exact: true }).check();
  assert.deepEqual(await shown(), ['Planning offsite']);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  assert.equal(await count.innerText(), '3 interactions');
  await page.close();
});

test('a change in one tab appears in the other, and neither overwrites the other', async () => {
  const { page: tabA } = await freshPage(app.browser.context, app.server);
  const tabB = await app.browser.context.newPage();
  await tabB.goto(app.server.url('journal'));
  await tabB.getByText('Your journal is empty').waitFor();

  await addInteraction(tabA, { when: '2026-11-02T10:00', who: ['Ana Lima'], notes: 'Written in tab A' });
  await tabB.getByRole('article').filter({ hasText: 'Written in tab A' }).waitFor();
  // Same month, from the other tab.
  await addInteraction(tabB, { when: '2026-11-03T10:00', who: ['Bo Chen'], notes: 'Written in tab B' });
  await tabA.getByRole('article').filter({ hasText: 'Written in tab B' }).waitFor();
  await tabA.getByRole('link', { name: 'People' }).first().click();
  await tabA.getByRole('link', { name: 'Bo Chen' }).waitFor();

  await tabA.reload();
  await tabA.getByRole('link', { name: 'Bo Chen' }).waitFor();
  await tabA.getByRole('link', { name: 'Ana Lima' }).waitFor();
  await tabB.reload();
  await tabB.getByRole('article').first().waitFor();
  assert.equal(await tabB.getByRole('article').count(), 2);
  await tabA.close();
  await tabB.close();
});

test('a full storage is reported, what was typed stays, and nothing saved is lost', async () => {
  const { page } = await freshPage(app.browser.context, app.server);
  await addInteraction(page, { when: '2026-11-02T10:00', who: ['Ana Lima'], notes: 'Saved before the storage filled up' });
  const before = await page.evaluate(() => localStorage.getItem('rapport:i:2026-11'));

  await fillStorage(page);
  await addInteraction(
    page,
    { when: '2026-11-03T10:00', who: ['Bo Chen'], notes: 'Typed while the storage was full' },
    'Kept on screen, but not saved',
  );
  const alert = page.getByRole('alert').filter({ hasText: 'Not saved' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /storage for this site is full/);
  assert.match(await alert.innerText(), /the meeting with Bo Chen on 3 Nov 2026/);
  await page.getByRole('article').filter({ hasText: 'Typed while the storage was full' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('rapport:i:2026-11')), before, 'saved data untouched');

  // Make room, then retry.
  await freeStorage(page);
  await alert.getByRole('button', { name: 'Try saving again' }).click();
  await alert.waitFor({ state: 'detached' });
  await page.reload();
  await page.getByRole('article').filter({ hasText: 'Typed while the storage was full' }).waitFor();
  assert.equal(await page.getByRole('article').count(), 2);
  await page.close();
});

test('people are added, edited and removed, and a name is never taken twice', async () => {
  const { page } = await freshPage(app.browser.context, app.server, 'people');
  await page.getByText('Add a person', { exact: true }).click();
  const form = page.locator('details').filter({ hasText: 'Add a person' });
  await form.getByLabel('Name').fill('Dana Ruiz');
  await form.getByLabel('Role').selectOption({ label: 'Internal client' });
  await form.getByLabel('Organization').fill('Globex');
  await form.getByLabel('Title').fill('Warehouse manager');
  await form.getByLabel('Tags').fill('logistics, mentor');
  await form.getByRole('button', { name: 'Add person' }).click();
  await form.getByRole('status').filter({ hasText: 'Added Dana Ruiz.' }).waitFor();

  await form.getByLabel('Name').fill('dana ruiz');
  await form.getByRole('button', { name: 'Add person' }).click();
  const name = form.getByLabel('Name');
  assert.match(await messageOf(name), /already in People/);

  const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Dana Ruiz' }) });
  assert.match(await row.innerText(), /Internal client[\s\S]*Warehouse manager, Globex[\s\S]*Contact — No interactions yet/);

  await page.getByRole('link', { name: 'Dana Ruiz' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dana Ruiz' }).waitFor();
  assert.match(await page.locator('.subtitle').innerText(), /Internal client · Warehouse manager · Globex/);
  await page.getByText('Log an interaction with Dana Ruiz').click();
  const log = page.locator('details').filter({ hasText: 'Log an interaction with Dana Ruiz' });
  assert.equal(await log.getByRole('listitem').first().innerText(), 'Dana Ruiz\n×');
  await log.getByLabel('Notes').fill('Quarterly check-in');
  await log.getByRole('button', { name: 'Add interaction' }).click();
  await page.getByRole('region', { name: /Timeline/ }).getByText('Quarterly check-in').waitFor();

  await page.getByText('Edit details', { exact: true }).click();
  const details = page.locator('details').filter({ hasText: 'Edit details' });
  await details.getByLabel('Title').fill('Head of logistics');
  await details.getByRole('button', { name: 'Save details' }).click();
  await page.locator('.subtitle').filter({ hasText: 'Head of logistics' }).waitFor();

  await page.getByRole('button', { name: 'Remove Dana Ruiz…' }).click();
  await page.getByRole('button', { name: 'Yes, remove Dana Ruiz' }).click();
  await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Dana Ruiz' }).count(), 0);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journal' }).click();
  await page.getByRole('article').filter({ hasText: 'Removed person' }).waitFor();
  await page.close();
});

test('on a phone-sized screen, by keyboard, in dark mode', async () => {
  const { page } = await freshPage(app.browser.context, app.server);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.emulateMedia({ colorScheme: 'dark' });

  // Keyboard only: name, Enter to add the person, Enter again to save.
  const who = addForm(page).getByRole('combobox', { name: 'Who', exact: true });
  await who.focus();
  await page.keyboard.type('Eve Stone');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await addForm(page).getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  assert.equal(await focusedId(page), 'add-who', 'ready for the next one');

  for (const path of ['', 'journal', 'people', 'assessment', 'chains', 'tasks', 'career', 'review', 'data']) {
    await page.goto(app.server.url(path));
    await page.getByRole('heading', { level: 1 }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `/${path} overflows by ${overflow}px at 360px`);
  }
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(20, 24, 23)', 'the dark palette applies');

  // Every control on every screen has an accessible name.
  for (const path of ['', 'journal', 'people', 'assessment', 'chains', 'tasks', 'career', 'review', 'data']) {
    await page.goto(app.server.url(path));
    await page.getByRole('heading', { level: 1 }).waitFor();
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea, button, a[href]')]
        .filter((el) => {
          const labelled = el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
          return !labelled && !el.textContent.trim();
        })
        .map((el) => el.outerHTML),
    );
    assert.deepEqual(unnamed, [], `/${path}`);
  }
  await page.close();
});
