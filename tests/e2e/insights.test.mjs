// End to end: the Insights screen, from an empty journal to three
// interactions with two people of different roles, on a desktop and at 360 px.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, freshPage, addInteraction, realErrors } from './support.mjs';

const app = useApp();

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "November 2026" for this month, as the app names months. */
function thisMonth() {
  const d = new Date();
  return `${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
}

/** "16 Nov 2026" for this week's Monday. */
function thisMonday() {
  const d = new Date();
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return `${d.getDate()} ${MONTHS[d.getMonth()].slice(0, 3)} ${d.getFullYear()}`;
}

/** Opens Insights the way a user does, from the main navigation. */
async function openInsights(page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click();
  await page.getByRole('heading', { level: 1, name: 'Insights' }).waitFor();
}

/** Sets a person's role and organization on their page. */
async function setDetails(page, name, role, organization) {
  await page.goto(app.server.url('people'));
  await page.getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.getByText('Edit details', { exact: true }).click();
  const details = page.locator('details').filter({ hasText: 'Edit details' });
  await details.getByLabel('Role', { exact: true }).selectOption({ label: role });
  await details.getByLabel('Organization').fill(organization);
  await details.getByRole('button', { name: 'Save details' }).click();
  await details.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
}

/** The cells of a chart's table, row by row, after opening "Show as a table". */
async function tableOf(region) {
  await region.getByText('Show as a table', { exact: true }).click();
  const table = region.getByRole('table');
  await table.waitFor();
  return table.evaluate((t) => [...t.rows].map((row) => [...row.cells].map((cell) => cell.textContent)));
}

/** A chart's region: its heading, its sentence, and its drawing named by the sentence. */
async function checkChart(page, heading, summary) {
  const region = page.getByRole('region', { name: heading });
  await region.getByText(summary, { exact: true }).waitFor();
  const drawing = region.getByRole('img', { name: summary, exact: true });
  assert.equal(await drawing.count(), 1, `${heading}: one drawing named by its summary`);
  return region;
}

test('an empty journal gets a way to start instead of empty charts', async () => {
  const { page, errors } = await freshPage(app.browser.context, app.server, '');
  await openInsights(page);
  const empty = page.getByRole('region', { name: 'Nothing to draw yet' });
  await empty.getByRole('link', { name: 'Journal' }).waitFor();
  assert.equal(await page.getByRole('img').count(), 0, 'nothing drawn');
  assert.equal(await page.title(), 'Insights · Rapport');
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});

test('five charts, each with its sentence, its drawing and its table, fit at 360 px', async () => {
  const { page, errors } = await freshPage(app.browser.context, app.server);
  await addInteraction(page, {
    who: ['Ana Lima'],
    notes: 'Budget review',
    dependency: { who: 'They rely on me', what: 'the budget figures' },
  });
  await addInteraction(page, {
    who: ['Ana Lima'],
    notes: 'Quarterly deck',
    expectation: { what: 'the deck', who: 'They expect it of me' },
  });
  await addInteraction(page, {
    who: ['Bo Chen'],
    notes: 'Launch planning',
    dependency: { who: 'Both', what: 'the launch plan' },
    expectation: { what: 'the launch date', who: 'I expect it of them' },
  });
  await page.getByRole('button', { name: 'Mark met: the deck' }).click();
  await page.getByRole('button', { name: 'Reopen: the deck' }).waitFor();
  await setDetails(page, 'Ana Lima', 'External client', 'Acme');
  await setDetails(page, 'Bo Chen', 'Superior', 'Globex');

  await openInsights(page);
  const monday = thisMonday();
  const month = thisMonth();

  const weekly = await checkChart(
    page,
    'Interactions per week',
    `3 interactions in the last 52 weeks, 0.1 a week on average; busiest: the week of ${monday}, with 3.`,
  );
  const weeks = await tableOf(weekly);
  assert.equal(weeks.length, 53, 'a header and 52 weeks');
  assert.deepEqual(weeks[0], ['Week', 'Interactions']);
  assert.deepEqual(weeks[52], [`Week of ${monday}`, '3']);
  assert.ok(weeks.slice(1, 52).every(([, n]) => n === '0'), 'the other weeks are empty');

  const growth = await checkChart(
    page,
    'Contacts who became relationships',
    `In the last 12 months: 2 new contacts; 1 person became a relationship, in ${month}.`,
  );
  const months = await tableOf(growth);
  assert.deepEqual(months[0], ['Month', 'New contacts', 'Became relationships']);
  assert.deepEqual(months[12], [month, '2', '1']);

  const balance = await checkChart(
    page,
    'Who relies on whom, by role',
    'In the last 12 months, 2 interactions left someone relying on you and 1 left you relying on someone (most often a superior, 1).',
  );
  const roles = await tableOf(balance);
  assert.deepEqual(roles[0], ['Role', 'They rely on me', 'I rely on them']);
  assert.deepEqual(roles.find(([role]) => role === 'Superior'), ['Superior', '1', '1']);
  assert.deepEqual(roles.find(([role]) => role === 'External client'), ['External client', '1', '0']);
  assert.deepEqual(roles.find(([role]) => role === 'Peer'), ['Peer', '0', '0']);
  assert.deepEqual(roles.at(-1), ['All roles', '2', '1']);

  const reach = await checkChart(
    page,
    'Reach across roles and organizations',
    'In the last 12 months you met 2 people from 2 organizations, in 2 roles.',
  );
  const reached = await tableOf(reach);
  assert.deepEqual(reached[0], ['Role', 'People', 'Organizations']);
  assert.deepEqual(reached.find(([role]) => role === 'Superior'), ['Superior', '1', '1']);
  assert.deepEqual(reached.at(-1), ['All roles', '2', '2']);

  const expectations = await checkChart(
    page,
    'Expectations met, missed and open',
    '2 expectations created in the last 12 months: 1 met, 0 missed, 1 still open.',
  );
  const followUps = await tableOf(expectations);
  assert.deepEqual(followUps[0], ['Month', 'Met', 'Missed', 'Open']);
  assert.deepEqual(followUps[12], [month, '1', '0', '1']);
  const bars = await expectations.getByRole('img').evaluate((svg) => [...svg.querySelectorAll('rect title')].map((t) => t.textContent));
  assert.deepEqual(bars, [`${month} — Met: 1`, `${month} — Open: 1`], 'a bar per status with a count, none for zero');

  // On a phone: every chart and open table fits the width, nothing scrolls sideways.
  await page.setViewportSize({ width: 360, height: 800 });
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Insights' }).waitFor();
  for (const name of ['Interactions per week', 'Who relies on whom, by role', 'Expectations met, missed and open']) {
    await page.getByRole('region', { name }).getByText('Show as a table', { exact: true }).click();
  }
  const widths = await page.evaluate(() => ({
    page: document.scrollingElement.scrollWidth,
    charts: [...document.querySelectorAll('svg.chart')].map((svg) => svg.getBoundingClientRect().right),
  }));
  assert.ok(widths.page <= 360, `the page is ${widths.page} px wide`);
  assert.equal(widths.charts.length, 5);
  assert.ok(widths.charts.every((right) => right <= 360), `charts end at ${widths.charts}`);
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});
