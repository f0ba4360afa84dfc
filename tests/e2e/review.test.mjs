// End to end: relationship modes, keeping in touch, and the periodic review,
// left half-way and resumed, as a new user would.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, freshPage, addInteraction, realErrors } from './support.mjs';

const app = useApp();

/** A local date `days` from today, as YYYY-MM-DD. */
function localDate(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "3 Mar 2026" for a local date `days` from today. */
function shortDate(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getMonth()];
  return `${d.getDate()} ${month} ${d.getFullYear()}`;
}

/** Opens a person's page from People and their "Edit details". */
async function editDetails(page, name) {
  await page.goto(app.server.url('people'));
  await page.getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.getByText('Edit details', { exact: true }).click();
  return page.locator('details').filter({ hasText: 'Edit details' });
}

test('friends with a superior gets a note; a 7-day cadence 10 days after the last meeting is 3 days overdue', async () => {
  const { page, errors } = await freshPage(app.browser.context, app.server, 'people');
  await page.getByText('Add a person', { exact: true }).click();
  const add = page.locator('details').filter({ hasText: 'Add a person' });
  await add.getByLabel('Name').fill('Sam Reyes');
  await add.getByLabel('Role', { exact: true }).selectOption({ label: 'Superior' });
  await add.getByRole('button', { name: 'Add person' }).click();
  await add.getByRole('status').filter({ hasText: 'Added Sam Reyes.' }).waitFor();

  const details = await editDetails(page, 'Sam Reyes');
  await details.getByLabel('Chosen mode').selectOption({ label: 'Friends who work together' });
  const note = details.getByRole('note');
  await note.waitFor();
  assert.match(await note.innerText(), /Being friends with your manager/);
  await details.getByLabel('Boundaries: what you will and will not mix').fill('No talk about pay over drinks');
  await details.getByRole('button', { name: 'Save details' }).click();
  const relationship = page.getByRole('region', { name: 'The relationship' });
  await relationship.getByText('Chosen: Friends who work together · As it is today: not chosen').waitFor();
  assert.match(await relationship.getByRole('note').innerText(), /Being friends with your manager/);
  await relationship.getByText('Boundaries: No talk about pay over drinks').waitFor();

  // Ana, last met ten days ago, to be kept in touch with every 7 days.
  await page.goto(app.server.url('journal'));
  await addInteraction(page, { when: `${localDate(-10)}T10:00`, who: ['Ana Lima'], notes: 'Quarterly planning' });
  const ana = await editDetails(page, 'Ana Lima');
  await ana.getByLabel('Keep in touch every').fill('7');
  await ana.getByLabel('Unit', { exact: true }).selectOption('days');
  await ana.getByRole('button', { name: 'Save details' }).click();
  await page.getByText(/Keep in touch every week: fading, 3 days overdue/).waitFor();

  await page.goto(app.server.url(''));
  const fading = page.getByRole('region', { name: 'Fading' });
  const item = fading.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Ana Lima' }) });
  await item.waitFor();
  assert.equal(await item.innerText(), `Ana Lima: 3 days overdue — last met ${shortDate(-10)}, keep in touch every week`);
  await item.getByRole('link', { name: 'Ana Lima' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ana Lima' }).waitFor();
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});

test('a review left half-way resumes with its answers, and its results show on the person and Home', async () => {
  const { page, errors } = await freshPage(app.browser.context, app.server);
  await addInteraction(page, { when: `${localDate(-3)}T09:00`, who: ['Ana Lima'], notes: 'Contract renewal' });
  await addInteraction(page, { when: `${localDate(-2)}T09:00`, who: ['Cy Park'], notes: 'Coffee' });
  const details = await editDetails(page, 'Ana Lima');
  await details.getByLabel('Role', { exact: true }).selectOption({ label: 'External client' });
  await details.getByRole('button', { name: 'Save details' }).click();
  await details.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

  await page.goto(app.server.url('review'));
  await page.getByText('Your first review is due now.').waitFor();
  const start = page.getByRole('region', { name: 'Start a review' });
  assert.equal(await start.getByRole('checkbox', { name: 'Ana Lima (External client)' }).isChecked(), true, 'a client met is proposed');
  assert.equal(await start.getByRole('checkbox', { name: 'Cy Park (Other)' }).isChecked(), false, 'a contact of another role is not');
  await start.getByRole('button', { name: 'Start the review (1 person)' }).click();

  const step = page.getByRole('heading', { level: 2, name: 'Ana Lima (External client)' });
  await step.waitFor();
  await page.getByText(/1 interaction: the meeting with Ana Lima on/).waitFor();
  await page.getByRole('combobox', { name: 'Respect: you' }).selectOption('4');
  await page.getByRole('combobox', { name: 'Respect: Ana Lima' }).selectOption('2');
  await page.getByRole('combobox', { name: 'Willing to hear bad news: you' }).selectOption('5');

  // Leave half-way; come back later.
  await page.getByRole('link', { name: 'Leave for now' }).click();
  await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  await page.goto(app.server.url('review'));
  await step.waitFor();
  assert.equal(await page.getByRole('combobox', { name: 'Respect: you' }).inputValue(), '4');
  assert.equal(await page.getByRole('combobox', { name: 'Respect: Ana Lima' }).inputValue(), '2');
  assert.equal(await page.getByRole('combobox', { name: 'Willing to hear bad news: you' }).inputValue(), '5');
  assert.equal(await page.getByRole('combobox', { name: 'Sharing the glory: you' }).inputValue(), '', 'skipped stays blank');

  await page.getByRole('button', { name: 'On to goals' }).click();
  await page.getByRole('heading', { level: 2, name: 'Goals' }).waitFor();
  await page.getByLabel('Goal', { exact: true }).fill('Monthly check-in with Ana');
  await page.getByLabel('Target date (optional)').fill(localDate(30));
  await page.getByLabel('With (optional)').selectOption({ label: 'Ana Lima' });
  await page.getByRole('button', { name: 'Add goal' }).click();
  await page.getByRole('combobox', { name: 'Status of “Monthly check-in with Ana”' }).waitFor();
  await page.getByRole('button', { name: 'Finish the review' }).click();
  await page.getByRole('region', { name: 'Past reviews' }).getByText(`${shortDate(0)}: 1 person, 1 goal`).waitFor();
  await page.getByText(`Next review due ${shortDate(91)}.`).waitFor();

  // The person's page: the ratings over the reviews, and the biggest gaps.
  await page.goto(app.server.url('people'));
  await page.getByRole('link', { name: 'Ana Lima' }).click();
  const traits = page.getByRole('region', { name: 'Partnership traits over the reviews' });
  await traits.getByRole('img').waitFor();
  const respect = traits.getByRole('row', { name: /^Respect/ });
  assert.deepEqual(await respect.getByRole('cell').allInnerTexts(), ['4', '2']);
  assert.match(await traits.getByRole('list').innerText(), /Respect: you 4, Ana Lima 2/);

  // Home: the next review date and the open goal.
  await page.goto(app.server.url(''));
  const review = page.getByRole('region', { name: 'Review' });
  await review.getByText(`Next review: ${shortDate(91)}.`).waitFor();
  assert.match(await review.innerText(), new RegExp(`Monthly check-in with Ana — with Ana Lima \\(by ${shortDate(30)}\\)`));

  // Later, the goal is done: marked on the Review screen, gone from Home.
  await page.goto(app.server.url('review'));
  await page
    .getByRole('region', { name: 'Past reviews' })
    .getByRole('combobox', { name: 'Status of “Monthly check-in with Ana”' })
    .selectOption({ label: 'Done' });
  await page.goto(app.server.url(''));
  await page.getByRole('region', { name: 'Review' }).getByText(`Next review: ${shortDate(91)}.`).waitFor();
  assert.doesNotMatch(await page.getByRole('region', { name: 'Review' }).innerText(), /Monthly check-in/);
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});

test('an empty journal gets a friendly start on Home', async () => {
  const { page } = await freshPage(app.browser.context, app.server, '');
  const start = page.getByRole('region', { name: 'Start here' });
  await start.waitFor();
  assert.match(await start.innerText(), /Log your last few conversations at work/);
  await page.getByRole('region', { name: 'Review' }).getByText('Review due: you have not reviewed your relationships yet.').waitFor();
  await page.close();
});

test("a person's email, phone and profile address are kept and shown as links; a bad one is pointed out", async () => {
  const { page, errors } = await freshPage(app.browser.context, app.server);
  await addInteraction(page, { who: ['Ana Lima'], notes: 'Intro call' });
  let details = await editDetails(page, 'Ana Lima');
  const email = details.getByLabel('Email');
  await email.fill('ana at acme');
  await details.getByRole('button', { name: 'Save details' }).click();
  assert.equal(await email.getAttribute('aria-invalid'), 'true');
  await details.getByRole('status').filter({ hasText: 'Not saved' }).waitFor();
  await email.fill('ana@acme.example');
  await details.getByLabel('Phone').fill('+1 555 0100');
  await details.getByLabel('Profile URL').fill('https://example.com/in/ana');
  await details.getByRole('button', { name: 'Save details' }).click();
  await details.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Ana Lima' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'ana@acme.example' }).getAttribute('href'), 'mailto:ana@acme.example');
  assert.equal(await page.getByRole('link', { name: '+1 555 0100' }).getAttribute('href'), 'tel:+1 555 0100');
  assert.equal(await page.getByRole('link', { name: 'Profile', exact: true }).getAttribute('href'), 'https://example.com/in/ana');
  details = await editDetails(page, 'Ana Lima');
  assert.equal(await details.getByLabel('Phone').inputValue(), '+1 555 0100', 'the form opens with them');
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});
