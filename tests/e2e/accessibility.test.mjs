// End to end: axe-core checks every screen, empty and with a journal in use,
// in the light and the dark colour scheme, and fails on any violation.
//
// The screens are the main navigation's links as a person finds them (so a
// new screen is checked without touching this file), a person's page, and
// the states in between that a person meets: a form with its errors, a review
// half-way, a result, the menu on a phone, the shortcuts, a message to undo.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useApp, freshPage, addInteraction, realErrors, fillStorage, freeStorage, fillOriginTo } from './support.mjs';
import { audit } from './audit.mjs';

const app = useApp();
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import');

/** A local date `days` from today, as YYYY-MM-DD. */
function localDate(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The main navigation's links: [name, href]. */
async function screens(page) {
  // Hidden behind the Menu on a phone, but there.
  const links = page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('list', { includeHidden: true })
    .getByRole('link', { includeHidden: true });
  const all = await links.evaluateAll((as) => as.map((a) => [a.textContent.trim(), a.getAttribute('href')]));
  assert.ok(all.length >= 10, 'every screen is in the navigation');
  return all;
}

/** Opens each screen from the navigation and audits it; then a person's page if any. */
async function auditScreens(page, label) {
  const found = [];
  for (const [name, href] of await screens(page)) {
    await nav(page, name);
    await page.waitForURL((url) => url.pathname === href);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await settle(page);
    found.push(...(await audit(page, `${name}, ${label}`)));
  }
  return found;
}

/** Waits until the page has stopped changing (charts drawn, lists filled). */
async function settle(page) {
  await page.evaluate(
    () =>
      new Promise((done) => {
        let timer = setTimeout(finish, 150);
        const observer = new MutationObserver(() => {
          clearTimeout(timer);
          timer = setTimeout(finish, 150);
        });
        function finish() {
          observer.disconnect();
          done();
        }
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      }),
  );
}

/** Follows a link of the main navigation, through the Menu on a phone. */
async function nav(page, name) {
  const main = page.getByRole('navigation', { name: 'Main' });
  const menu = main.getByRole('button', { name: 'Menu' });
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) === 'false') await menu.click();
  const link = main.getByRole('link', { name, exact: true });
  const href = await link.getAttribute('href');
  await link.click();
  // The address changes once the screen is shown (its code may come on
  // demand, a moment after the click).
  await page.waitForURL((url) => url.pathname === href);
}

/** Opens a person's page from People, and its "Edit details". */
async function editDetails(page, name) {
  await nav(page, 'People');
  await page.getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.getByText('Edit details', { exact: true }).click();
  return page.locator('details').filter({ hasText: 'Edit details' });
}

const STATEMENTS = [
  'My job leaves room in the week',
  'Time spent with people at work gives me energy',
  'My days are so packed with meetings',
  'I am curious about what my colleagues',
  'People here drop by, call or message',
  'I would rather get on with my work alone',
  'My organization holds events, lunches',
  'When I need something, I go and talk',
  'Where and how I work',
  'I avoid work events',
];

/**
 * A journal in use, written through the screens as a person would: people of
 * several roles with modes and cadences, interactions with dependencies and
 * expectations (one late, one met), a chain, tasks open and done, career
 * entries, two self-assessments, and a finished review with ratings and a goal.
 */
async function seed(page) {
  await nav(page, 'Journal');
  await addInteraction(page, {
    when: `${localDate(-40)}T09:00`,
    who: ['Ana Lima'],
    kind: 'Meeting',
    minutes: '45',
    initiated: 'They did',
    notes: 'Contract renewal: went through the figures.',
    dependency: { who: 'They rely on me', what: 'the budget figures' },
  });
  await addInteraction(page, {
    when: `${localDate(-12)}T10:00`,
    who: ['Ana Lima', 'Bo Chen'],
    kind: 'Call',
    notes: 'Quarterly deck review.',
    expectation: { what: 'Send the quarterly deck', who: 'They expect it of me', due: localDate(-2) },
  });
  await addInteraction(page, {
    when: `${localDate(-5)}T12:30`,
    who: ['Cy Park'],
    kind: 'Coffee or meal',
    notes: 'Lunch; talked about the reorg.',
    expectation: { what: 'An intro to the data team', who: 'I expect it of them' },
  });
  await addInteraction(page, { who: ['Bo Chen'], kind: 'Message', notes: 'Shipping dates confirmed.' });
  await page.getByRole('button', { name: 'Mark met: An intro to the data team' }).click();
  await page.getByRole('button', { name: 'Reopen: An intro to the data team' }).waitFor();

  let details = await editDetails(page, 'Ana Lima');
  await details.getByLabel('Role', { exact: true }).selectOption({ label: 'External client' });
  await details.getByLabel('Chosen mode').selectOption({ label: 'Friends who work together' });
  await details.getByLabel('Boundaries: what you will and will not mix').fill('No favours on pricing');
  await details.getByLabel('Keep in touch every').fill('1');
  await details.getByLabel('Unit', { exact: true }).selectOption('weeks');
  await details.getByRole('button', { name: 'Save details' }).click();
  await details.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  details = await editDetails(page, 'Bo Chen');
  await details.getByLabel('Role', { exact: true }).selectOption({ label: 'Superior' });
  await details.getByRole('button', { name: 'Save details' }).click();
  await details.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

  await nav(page, 'Service chains');
  await page.getByRole('button', { name: 'From the example: Purchasing → warehouse → customer' }).click();
  await page.getByRole('region', { name: 'Supplies to customers' }).waitFor();

  await nav(page, 'Tasks');
  const form = page.getByRole('region', { name: 'New task' });
  for (const [title, due] of [
    ['Cut stock-outs', localDate(-1)],
    ['Weekly stock report', localDate(10)],
  ]) {
    await form.getByLabel('Task', { exact: true }).fill(title);
    await form.getByLabel('Received').fill(localDate(-20));
    await form.getByLabel('Due (optional)').fill(due);
    await form.getByLabel('Customer', { exact: true }).selectOption({ label: 'Warehouse manager — Supplies to customers' });
    await form.getByLabel('What the customer expects').fill('No empty shelves');
    await form.getByLabel('How you will exceed it').fill('A report every Monday');
    await form.getByRole('button', { name: 'Add task' }).click();
    await page.getByRole('listitem', { name: title }).waitFor();
  }
  const task = page.getByRole('listitem', { name: 'Cut stock-outs' });
  await task.getByRole('button', { name: 'Finish Cut stock-outs' }).click();
  await task.getByLabel('Impact').fill('Stock-outs halved');
  await task.getByLabel('Number (optional)').fill('-50');
  await task.getByLabel('Unit (optional)').fill('%');
  await task.getByRole('button', { name: 'Mark done' }).click();
  await page.getByRole('region', { name: 'Done' }).getByText('Stock-outs halved (-50 %)').waitFor();

  await nav(page, 'Career file');
  const entry = page.getByRole('region', { name: 'Add an entry by hand' });
  await entry.getByLabel('Impact').fill('Spoke at the logistics meetup');
  await entry.getByLabel('Number (optional)').fill('120');
  await entry.getByLabel('Unit (optional)').fill('attendees');
  await entry.getByRole('button', { name: 'Add entry' }).click();
  await page.getByText('Spoke at the logistics meetup').waitFor();

  await nav(page, 'Self-assessment');
  for (const value of ['Agree', 'Disagree']) {
    for (const start of STATEMENTS) {
      await page.getByRole('group', { name: new RegExp(`^${start}`) }).getByRole('radio', { name: value, exact: true }).check();
    }
    await page.getByRole('button', { name: 'See my result' }).click();
    const result = page.getByRole('region', { name: 'Your result' });
    await result.getByRole('button', { name: 'Save to history' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved to your history' }).waitFor();
  }

  await nav(page, 'Review');
  const start = page.getByRole('region', { name: 'Start a review' });
  await start.getByRole('checkbox', { name: 'Bo Chen (Superior)' }).check();
  await start.getByRole('button', { name: 'Start the review (2 people)' }).click();
  await page.getByRole('heading', { level: 2, name: 'Ana Lima (External client)' }).waitFor();
  await page.getByRole('combobox', { name: 'Respect: you' }).selectOption('4');
  await page.getByRole('combobox', { name: 'Respect: Ana Lima' }).selectOption('2');
  const halfWay = await audit(page, 'Review, a person half-way');
  await page.getByRole('button', { name: 'Next person' }).click();
  await page.getByRole('heading', { level: 2, name: 'Bo Chen (Superior)' }).waitFor();
  await page.getByRole('button', { name: 'On to goals' }).click();
  await page.getByRole('heading', { level: 2, name: 'Goals' }).waitFor();
  await page.getByLabel('Goal', { exact: true }).fill('Monthly check-in with Ana');
  await page.getByLabel('Target date (optional)').fill(localDate(30));
  await page.getByLabel('With (optional)').selectOption({ label: 'Ana Lima' });
  await page.getByRole('button', { name: 'Add goal' }).click();
  await page.getByRole('combobox', { name: 'Status of “Monthly check-in with Ana”' }).waitFor();
  const goals = await audit(page, 'Review, the goals');
  await page.getByRole('button', { name: 'Finish the review' }).click();
  await page.getByRole('region', { name: 'Past reviews' }).waitFor();
  return [...halfWay, ...goals];
}

test('the audit finds a planted fault, in the scheme where it is', async () => {
  const { page } = await freshPage(app.browser.context, app.server, '');
  await page.evaluate(() => {
    const main = document.querySelector('main');
    const dim = document.createElement('p');
    dim.textContent = 'Dark grey text: readable on light, not on dark';
    dim.style.color = '#3a3f3d';
    const unlabelled = document.createElement('input');
    unlabelled.type = 'text';
    const ghost = document.createElement('button');
    ghost.textContent = 'A button whose edge is near white';
    ghost.style.background = 'transparent';
    ghost.style.borderColor = '#eeeeee';
    const hinted = document.createElement('input');
    hinted.type = 'text';
    hinted.className = 'planted';
    hinted.setAttribute('aria-label', 'Planted');
    hinted.placeholder = 'A placeholder near white';
    document.styleSheets[0].insertRule('input.planted::placeholder { color: #dddddd; }', document.styleSheets[0].cssRules.length);
    main.append(dim, unlabelled, ghost, hinted);
    // A message that covers the whole screen: every control ends up under it.
    const message = document.createElement('div');
    message.className = 'toast';
    message.textContent = 'A message in the way';
    Object.assign(message.style, { position: 'fixed', inset: '0' });
    message.setAttribute('aria-hidden', 'true');
    document.body.append(message);
  });
  const found = await audit(page, 'planted');
  const rules = (scheme) =>
    found.filter((f) => f.startsWith(`planted (${scheme})`)).map((f) => f.split(': ')[1].replace(/ \(.*/, ''));
  assert.deepEqual(rules('light'), ['faint edge', 'faint placeholder', 'label']);
  assert.deepEqual(rules('dark'), ['color-contrast', 'label']);
  assert.ok(found.includes('planted: focus under the message on “A button whose edge is near white”'), found.join('\n'));
  await page.close();
});

test('every screen of an empty journal, desktop and phone, light and dark', async () => {
  const { page, errors } = await freshPage(app.browser.context, app.server, '');
  const found = await auditScreens(page, 'empty');
  await page.setViewportSize({ width: 360, height: 740 });
  found.push(...(await auditScreens(page, 'empty, on a phone')));
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(app.server.url('people/nobody'));
  await page.getByRole('heading', { level: 1 }).waitFor();
  found.push(...(await audit(page, 'a person who is not there')));
  await page.goto(app.server.url('no/such/screen'));
  await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  found.push(...(await audit(page, 'Page not found')));
  assert.deepEqual(found, []);
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});

test('every screen of a journal in use, desktop and phone, light and dark', async () => {
  const { page, errors } = await freshPage(app.browser.context, app.server, '');
  const found = await seed(page);
  found.push(...(await auditScreens(page, 'in use')));
  for (const name of ['Ana Lima', 'Bo Chen']) {
    await nav(page, 'People');
    await page.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await settle(page);
    found.push(...(await audit(page, `the page of ${name}`)));
  }
  await page.getByText('Edit details', { exact: true }).click();
  found.push(...(await audit(page, `Bo Chen's details open`)));
  // On a phone, where wide drawings and tables scroll sideways.
  await page.setViewportSize({ width: 360, height: 740 });
  found.push(...(await auditScreens(page, 'in use, on a phone')));
  await nav(page, 'Insights');
  for (const table of await page.getByText('Show as a table', { exact: true }).all()) await table.click();
  await settle(page);
  found.push(...(await audit(page, 'Insights, every table shown, on a phone')));
  await nav(page, 'People');
  await page.getByRole('link', { name: 'Ana Lima', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Ana Lima' }).waitFor();
  await settle(page);
  found.push(...(await audit(page, 'the page of Ana Lima, on a phone')));
  // The chain's drawing, wider than a phone, scrolls by keyboard.
  await nav(page, 'Service chains');
  const diagram = page.getByRole('group', { name: 'Diagram of Supplies to customers' });
  await diagram.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('.diagram').scrollLeft > 0);
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.deepEqual(found, []);
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});

/**
 * The states between the screens, at a viewport: a form with its errors, an
 * entry in its editor, a deletion to undo, two tabs in conflict, a removal
 * and a chain's forms to confirm, an unanswered questionnaire, the backup's
 * and a contacts file's previews, unreadable data, a full storage, Home
 * warning of a storage nearly full, the shortcuts, and on a phone the menu open.
 */
async function statesInBetween(viewport, on) {
  const { page, errors } = await freshPage(app.browser.context, app.server, 'journal');
  await page.setViewportSize(viewport);
  const found = [];
  const here = (where) => `${where}, ${on}`;
  const form = page.getByRole('region', { name: 'Add an interaction' });
  await form.getByLabel('When').fill('0205-13-40T10:00');
  await form.getByLabel('Minutes').fill('ten');
  await form.getByRole('checkbox', { name: 'This created an expectation' }).check();
  await form.getByRole('button', { name: 'Add interaction' }).click();
  await form.getByText('Add at least one person.').waitFor();
  found.push(...(await audit(page, here('Journal, the add form with errors'))));

  await form.getByLabel('When').fill(`${localDate(-1)}T09:00`);
  await form.getByLabel('Minutes').fill('');
  await form.getByRole('checkbox', { name: 'This created an expectation' }).uncheck();
  await addInteraction(page, { who: ['Ana Lima'], notes: 'Kick-off' });
  await addInteraction(page, { who: ['Ana Lima'], notes: 'A slip' });
  await page.getByRole('article').filter({ hasText: 'Kick-off' }).getByRole('button', { name: /^Edit/ }).click();
  await page.getByRole('region', { name: /^Editing/ }).waitFor();
  await page.getByRole('searchbox', { name: 'Search' }).fill('kick');
  await page.getByRole('status').filter({ hasText: /matching/ }).waitFor();
  found.push(...(await audit(page, here('Journal, searched, an entry in its editor'))));
  await page.getByRole('searchbox', { name: 'Search' }).fill('');
  await page.getByRole('article').filter({ hasText: 'A slip' }).getByRole('button', { name: /^Delete/ }).click();
  await page.getByRole('button', { name: 'Undo' }).waitFor();
  found.push(...(await audit(page, here('Journal, a deletion to undo'))));

  // The same person edited in two tabs: the conflict and its merge.
  const other = await app.browser.context.newPage();
  await other.goto(app.server.url('people'));
  const mine = await editDetails(page, 'Ana Lima');
  await other.getByRole('link', { name: 'Ana Lima' }).click();
  await other.getByText('Edit details', { exact: true }).click();
  await mine.getByLabel('Organization').fill('Acme');
  const theirs = other.locator('details').filter({ hasText: 'Edit details' });
  await theirs.getByLabel('Organization').fill('Globex');
  await theirs.getByRole('button', { name: 'Save details' }).click();
  await theirs.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await other.close();
  await mine.getByText('This person was changed in another tab since you opened it here.').waitFor();
  await mine.getByRole('button', { name: 'Save details' }).click();
  const conflict = mine.getByRole('alert').filter({ hasText: 'Not saved' });
  await conflict.waitFor();
  found.push(...(await audit(page, here('a person edited in two tabs'))));
  await conflict.getByRole('button', { name: 'Merge field by field' }).click();
  await conflict.getByRole('group', { name: 'Organization' }).waitFor();
  found.push(...(await audit(page, here('a person edited in two tabs, merging'))));
  await conflict.getByRole('button', { name: 'Save the merge' }).click();
  await conflict.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Remove Ana Lima…' }).click();
  await page.getByRole('button', { name: 'Yes, remove Ana Lima' }).waitFor();
  found.push(...(await audit(page, here('a person about to be removed'))));

  // Chains: a link being added, a name being changed, a deletion to confirm.
  await nav(page, 'Service chains');
  await page.getByRole('button', { name: 'From the example: Research analyst → broker → client' }).click();
  const chain = page.getByRole('region', { name: 'Research to clients' });
  await chain.getByRole('button', { name: 'Add a link' }).click();
  await chain.getByRole('button', { name: 'Add link' }).click();
  await page.getByRole('button', { name: 'Rename Research to clients' }).click();
  await page.getByRole('button', { name: 'Delete Research to clients' }).click();
  await page.getByRole('button', { name: 'Yes, delete the chain' }).waitFor();
  found.push(...(await audit(page, here('Service chains, forms open'))));

  await nav(page, 'Self-assessment');
  await page.getByRole('button', { name: 'See my result' }).click();
  await page.getByText('Please answer this statement.').first().waitFor();
  found.push(...(await audit(page, here('Self-assessment, unanswered'))));

  // Data: a backup's preview and a contacts file's preview.
  await nav(page, 'Data');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('region', { name: 'Backup' }).getByRole('button', { name: 'Download a backup' }).click(),
  ]);
  await page.getByLabel('Open a backup').setInputFiles(await download.path());
  await page.getByRole('group', { name: 'The backup' }).waitFor();
  const contacts = page.getByRole('region', { name: 'Import people' });
  await contacts.getByLabel('Open a contacts file').setInputFiles(join(FIXTURES, 'linkedin-connections.csv'));
  await contacts.getByRole('group', { name: /^The file/ }).waitFor();
  found.push(...(await audit(page, here('Data, a backup and a contacts file previewed'))));

  // Data → Archive old years, with a year to archive, then archived.
  await nav(page, 'Journal');
  const old = new Date().getFullYear() - 2;
  await addInteraction(page, { when: `${old}-06-01T09:00`, who: ['Ana Lima'], kind: 'Call', notes: 'An old call.' });
  await nav(page, 'Data');
  const archive = page.getByRole('region', { name: 'Archive old years' });
  await archive.getByLabel('Archive').waitFor();
  found.push(...(await audit(page, here('Data, a year to archive'))));
  await Promise.all([page.waitForEvent('download'), archive.getByRole('button', { name: 'Archive' }).click()]);
  await archive.getByRole('status').filter({ hasText: 'Archived 1 interaction' }).waitFor();
  found.push(...(await audit(page, here('Data, old years archived'))));

  // A month that cannot be read, and a storage that is full.
  await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('rapport:i:'));
    localStorage.setItem(key, localStorage.getItem(key).slice(0, 20));
  });
  await page.goto(app.server.url('journal'));
  await page.getByRole('alert').filter({ hasText: 'could not read' }).waitFor();
  await fillStorage(page);
  await addInteraction(page, { who: ['Bo Chen'], notes: 'Typed while the storage was full' }, 'Kept on screen, but not saved');
  await page.getByRole('alert').filter({ hasText: 'Not saved' }).waitFor();
  found.push(...(await audit(page, here('Journal, unreadable data and a full storage'))));
  await freeStorage(page);

  // Another site's page takes the origin past 80 %: Home warns, first thing.
  await fillOriginTo(page, 0.85);
  await nav(page, 'Home');
  await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  await page.getByRole('region', { name: 'Storage nearly full' }).waitFor();
  found.push(...(await audit(page, here('Home, storage nearly full'))));
  await page.evaluate(() => localStorage.removeItem('other-app'));
  await page.keyboard.press('?');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  found.push(...(await audit(page, here('the keyboard shortcuts'))));
  await page.keyboard.press('Escape');

  const menu = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) {
    await menu.click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journal' }).waitFor();
    found.push(...(await audit(page, here('the menu open'))));
  }

  // The lock: on, its controls; locked, the unlock form with a wrong
  // passphrase; an encrypted backup asking for its passphrase.
  if (await menu.isVisible()) await page.keyboard.press('Escape');
  await nav(page, 'Data');
  const lock = page.getByRole('region', { name: 'Lock' });
  await lock.getByLabel('New passphrase').fill('correct horse battery');
  await lock.getByLabel('The same passphrase again').fill('correct horse battery');
  await lock.getByRole('button', { name: 'Lock with this passphrase' }).click();
  await lock.getByRole('button', { name: 'Lock now' }).waitFor();
  await lock.locator('summary', { hasText: 'Change the passphrase' }).click();
  await lock.locator('summary', { hasText: 'Remove the lock' }).click();
  const [sealed] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('region', { name: 'Backup' }).getByRole('button', { name: 'Download a backup' }).click(),
  ]);
  await page.getByLabel('Open a backup').setInputFiles(await sealed.path());
  await page.getByLabel("The backup's passphrase").waitFor();
  found.push(...(await audit(page, here('Data with the lock on, an encrypted backup opened'))));
  await lock.getByRole('button', { name: 'Lock now' }).click();
  await page.getByLabel('Passphrase').fill('not it');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByText('That passphrase does not open this journal.').waitFor();
  found.push(...(await audit(page, here('the unlock screen, a wrong passphrase'))));

  assert.deepEqual(found, []);
  assert.deepEqual(
    realErrors(errors).filter((e) => !/quota|QuotaExceeded/i.test(e)),
    [],
  );
  await page.close();
}

test('the states in between, on a desktop, light and dark', () => statesInBetween({ width: 1280, height: 900 }, 'on a desktop'));

test('the states in between, on a phone, light and dark', () => statesInBetween({ width: 360, height: 740 }, 'on a phone'));
