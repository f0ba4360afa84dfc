// End to end: Home shows what needs you first, the one-line quick-add grows
// into the full form, the phone-sized menu, and the keyboard shortcuts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, freshPage, realErrors, focusedId, focusedIdOnceShown } from './support.mjs';

const app = useApp();

/** A local date `days` from today, as YYYY-MM-DD. */
function localDate(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const top = async (locator) => (await locator.boundingBox()).y;

test('Home puts what needs you above the quick-add, and each item is handled from there', async () => {
  const { page, errors } = await freshPage(app.browser.context, app.server, '');
  const quick = page.getByRole('region', { name: 'Quick add' });
  const who = quick.getByRole('combobox', { name: 'Who' });

  // One line: who (two people), kind, notes.
  await who.fill('Ana Lima, Bo Chen');
  await quick.getByLabel('Kind').selectOption({ label: 'Call' });
  await quick.getByLabel('Notes').fill('Budget call');
  await quick.getByRole('button', { name: 'Add', exact: true }).click();
  await quick.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  assert.equal(await who.inputValue(), '', 'ready for the next one');
  assert.equal(await quick.getByLabel('Notes').inputValue(), '');
  assert.equal(await focusedId(page), 'quick-who', 'the keyboard is back in Who');

  // Nobody named: the message sits next to Who, which has the keyboard.
  await quick.getByLabel('Notes').fill('Nobody there');
  await quick.getByRole('button', { name: 'Add', exact: true }).click();
  await quick.getByText('Add at least one person.').waitFor();
  assert.equal(await who.getAttribute('aria-invalid'), 'true');
  assert.equal(await focusedId(page), 'quick-who');

  // More details: the full form, carrying over what was typed.
  await who.fill('Cy Park');
  await quick.getByLabel('Notes').fill('Planning the launch');
  await quick.getByRole('button', { name: 'More details' }).click();
  const chips = quick.getByRole('list', { name: 'People present' });
  await chips.getByText('Cy Park').waitFor();
  assert.equal(await focusedIdOnceShown(page, 'quick-full-who'), 'quick-full-who', 'the keyboard moves to the full form’s Who');
  assert.equal(await quick.getByLabel('Notes').inputValue(), 'Planning the launch');
  await quick.getByLabel('When').fill(`${localDate(-3)}T10:00`);
  await quick.getByRole('checkbox', { name: 'This created an expectation' }).check();
  await quick.getByLabel('Expectation: what').fill('Send the launch plan');
  await quick.getByLabel('Due (optional)').fill(localDate(-1));
  await quick.getByRole('button', { name: 'Add interaction' }).click();
  // Saved, and back to one line.
  await quick.getByRole('button', { name: 'More details' }).waitFor();
  assert.equal(await quick.getByLabel('Notes').inputValue(), '');

  // What needs you comes first: fading, open expectations, the review.
  const promises = page.getByRole('region', { name: 'Open expectations and promises' });
  const item = promises.getByRole('listitem').filter({ hasText: 'Send the launch plan' });
  await item.waitFor();
  assert.match(await item.getAttribute('class'), /late/, 'due yesterday: late');
  for (const name of ['Fading', 'Open expectations and promises', 'Review']) {
    assert.ok((await top(page.getByRole('region', { name }))) < (await top(quick)), `${name} is above the quick-add`);
  }
  // The item links to the person it concerns, and is settled right here.
  const href = await item.getByRole('link', { name: /Send the launch plan/ }).getAttribute('href');
  const other = await page.context().newPage();
  await other.goto(app.server.origin + href);
  await other.getByRole('heading', { level: 1, name: 'Cy Park' }).waitFor();
  await other.close();
  await item.getByRole('button', { name: 'Mark met: Send the launch plan' }).click();
  await promises.getByText('Nothing open.').waitFor();
  await page.reload();
  await page.getByRole('region', { name: 'Open expectations and promises' }).getByText('Nothing open.').waitFor();

  // The journal has both interactions, with their people and kinds.
  await page.goto(app.server.url('journal'));
  const call = page.getByRole('article').filter({ hasText: 'Budget call' });
  await call.waitFor();
  assert.match(await call.innerText(), /Call/);
  assert.match(await call.innerText(), /Ana Lima/);
  assert.match(await call.innerText(), /Bo Chen/);
  await page.getByRole('article').filter({ hasText: 'Planning the launch' }).getByText(/— met/).waitFor();
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});

test('on a phone-sized screen the links fold behind a Menu button', async () => {
  const { page, errors } = await freshPage(app.browser.context, app.server, '');
  await page.setViewportSize({ width: 360, height: 740 });
  const nav = page.getByRole('navigation', { name: 'Main' });
  const menu = nav.getByRole('button', { name: 'Menu' });
  const journal = nav.getByRole('link', { name: 'Journal' });
  await menu.waitFor();
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  assert.equal(await journal.isVisible(), false, 'folded away');
  const navHeight = (await nav.boundingBox()).height;
  assert.ok(navHeight < 60, `one line when folded (${navHeight} px)`);

  await menu.click();
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  await journal.waitFor();
  await journal.click();
  await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
  assert.equal(await menu.getAttribute('aria-expanded'), 'false', 'a chosen link closes the menu');
  assert.equal(await journal.isVisible(), false);

  // By keyboard: Enter opens, Escape closes and gives the keyboard back.
  await menu.focus();
  await page.keyboard.press('Enter');
  await nav.getByRole('link', { name: 'People' }).waitFor();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Escape');
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  assert.equal(await focusedId(page), 'menu-button');
  const width = await page.evaluate(() => document.scrollingElement.scrollWidth);
  assert.ok(width <= 360, `nothing wider than the screen (${width} px)`);

  // On a desktop the links show and the button does not.
  await page.setViewportSize({ width: 1280, height: 900 });
  await journal.waitFor();
  assert.equal(await menu.isVisible(), false);
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});

test('keyboard shortcuts: n to log, / to search, ? for the list; none fires while typing', async () => {
  const { page, errors } = await freshPage(app.browser.context, app.server, '');
  await page.getByRole('heading', { level: 1, name: 'Home' }).click();
  await page.keyboard.press('n');
  assert.equal(await focusedId(page), 'quick-who');
  await page.keyboard.type('n/?');
  assert.equal(await page.getByRole('region', { name: 'Quick add' }).getByRole('combobox', { name: 'Who' }).inputValue(), 'n/?', 'typed, not shortcuts');

  // From Home, / opens the journal's search.
  await page.getByRole('heading', { level: 1, name: 'Home' }).click();
  await page.keyboard.press('/');
  await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'search');
  await page.keyboard.type('n');
  assert.equal(await page.getByRole('searchbox', { name: 'Search' }).inputValue(), 'n');

  // On the journal, n goes to its add form.
  await page.getByRole('heading', { level: 1, name: 'Journal' }).click();
  await page.keyboard.press('n');
  assert.equal(await focusedId(page), 'add-who');

  // ? lists them, in a dialog that Escape closes.
  await page.getByRole('heading', { level: 1, name: 'Journal' }).click();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await dialog.waitFor();
  assert.deepEqual(await dialog.locator('dt').allInnerTexts(), ['n', '/', '?']);
  assert.match(await dialog.innerText(), /Log a new interaction/);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  // Ctrl+N belongs to the browser, not to Rapport.
  await page.keyboard.press('Control+n');
  assert.notEqual(await focusedId(page), 'add-who');
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});
