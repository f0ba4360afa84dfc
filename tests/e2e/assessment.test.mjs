// End to end: the self-assessment, as a new user, landing in each quadrant.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, freshPage, addInteraction, realErrors, focusedId } from './support.mjs';

const app = useApp();

// The statements as the user reads them, and whether agreeing means less
// time (or less interest) — what a careful reader works out for themselves.
const STATEMENTS = [
  ['My job leaves room in the week', 'time', false],
  ['Time spent with people at work gives me energy', 'interest', false],
  ['My days are so packed with meetings', 'time', true],
  ['I am curious about what my colleagues', 'interest', false],
  ['People here drop by, call or message', 'time', false],
  ['I would rather get on with my work alone', 'interest', true],
  ['My organization holds events, lunches', 'time', false],
  ['When I need something, I go and talk', 'interest', false],
  ['Where and how I work', 'time', true],
  ['I avoid work events', 'interest', true],
];
const SCALE = ['Strongly disagree', 'Disagree', 'Neither', 'Agree', 'Strongly agree'];

/** Answers every statement (but `skip`) so each axis scores `time`/`interest` on 1–5. */
async function answer(page, { time, interest, skip = [] }) {
  for (const [start, axis, reverse] of STATEMENTS) {
    if (skip.includes(start)) continue;
    const wanted = axis === 'time' ? time : interest;
    const value = reverse ? 6 - wanted : wanted;
    const group = page.getByRole('group', { name: new RegExp(`^${start}`) });
    await group.getByRole('radio', { name: SCALE[value - 1], exact: true }).check();
  }
}

const CASES = [
  { time: 1, interest: 2, quadrant: 'Fading from view', scores: 'Time and opportunity: 0 / 100 · Interest: 25 / 100', note: 'Buried in the audit' },
  { time: 2, interest: 5, quadrant: 'Frustrated', scores: 'Time and opportunity: 25 / 100 · Interest: 100 / 100', note: 'New job, no time' },
  { time: 5, interest: 1, quadrant: 'Seen as standoffish', scores: 'Time and opportunity: 100 / 100 · Interest: 0 / 100', note: '' },
  { time: 4, interest: 4, quadrant: 'Making the most of it', scores: 'Time and opportunity: 75 / 100 · Interest: 75 / 100', note: 'After the reorg' },
];

test('an unanswered statement is pointed out, not guessed', async () => {
  const { page } = await freshPage(app.browser.context, app.server, 'assessment');
  await answer(page, { time: 3, interest: 3, skip: ['I avoid work events'] });
  await page.getByRole('button', { name: 'See my result' }).click();
  await page.getByRole('status').filter({ hasText: 'Answer every statement first: 1 is still open.' }).waitFor();
  const missing = page.getByRole('group', { name: /^I avoid work events/ });
  await missing.getByText('Please answer this statement.').waitFor();
  assert.equal(await page.getByRole('region', { name: 'Your result' }).count(), 0, 'no result without every answer');
  assert.equal(await focusedId(page), 'i5-1', 'focus moves to the unanswered statement');

  await missing.getByRole('radio', { name: 'Neither', exact: true }).check();
  assert.equal(await missing.getByText('Please answer this statement.').count(), 0);
  await page.getByRole('button', { name: 'See my result' }).click();
  const result = page.getByRole('region', { name: 'Your result' });
  await result.getByRole('heading', { name: 'Fading from view' }).waitFor();
  // 50 on both axes: exactly on the line, which counts as low, and said so.
  assert.match(await result.innerText(), /You are near the middle line on time and opportunity and interest/);
  await page.close();
});

test('four assessments, one per quadrant, kept as a history and a trajectory', async () => {
  const { page, errors } = await freshPage(app.browser.context, app.server, 'assessment');
  for (const c of CASES) {
    await answer(page, c);
    await page.getByRole('button', { name: 'See my result' }).click();
    const result = page.getByRole('region', { name: 'Your result' });
    await result.getByRole('heading', { level: 3, name: c.quadrant, exact: true }).waitFor();
    assert.match(await result.innerText(), new RegExp(c.scores));
    assert.equal(await result.getByRole('img').count(), 1, 'the grid is drawn');
    assert.match(await result.getByRole('img').getAttribute('aria-label'), new RegExp(c.quadrant));
    const steps = await result.getByRole('listitem').count();
    assert.ok(steps >= 3 && steps <= 5, `${steps} next steps`);
    if (c.note) await result.getByLabel('Note (optional)').fill(c.note);
    await result.getByRole('button', { name: 'Save to history' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved to your history' }).waitFor();
  }

  await page.reload();
  const history = page.getByRole('region', { name: 'History' });
  const items = history.getByRole('listitem');
  await items.nth(3).waitFor();
  const texts = await items.allInnerTexts();
  assert.equal(texts.length, 4);
  CASES.forEach((c, n) => {
    assert.match(texts[n], new RegExp(c.quadrant), `item ${n + 1}`);
    if (c.note) assert.match(texts[n], new RegExp(c.note));
  });
  const trajectory = history.getByRole('img');
  assert.match(await trajectory.getAttribute('aria-label'), /Trajectory of 4 assessments, oldest to newest/);
  const drawn = await trajectory.evaluate((svg) => ({
    points: svg.querySelectorAll('circle').length,
    lines: svg.querySelectorAll('polyline').length,
    labels: [...svg.querySelectorAll('.point-label')].map((t) => t.textContent),
    titles: [...svg.querySelectorAll('circle title')].map((t) => t.textContent.replace(/^\d+ \w+ \d{4}: /, '')),
  }));
  assert.deepEqual(drawn, { points: 4, lines: 1, labels: ['1', '2', '3', '4'], titles: CASES.map((c) => c.quadrant) });

  // Delete one: three remain, after a reload too.
  const first = await items.first().innerText();
  const date = first.match(/^(\d+ \w+ \d{4})/)[1];
  await history.getByRole('button', { name: `Delete the self-assessment of ${date}` }).first().click();
  await page.waitForFunction(() => document.querySelectorAll('.history li').length === 3);
  await page.reload();
  await page.getByRole('region', { name: 'History' }).getByRole('listitem').nth(2).waitFor();
  assert.equal(await page.getByRole('region', { name: 'History' }).getByRole('listitem').count(), 3);
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});

test('the journal is held against the self-report', async () => {
  const { page } = await freshPage(app.browser.context, app.server, 'assessment');
  const measures = page.getByRole('region', { name: 'What your journal shows' });
  await answer(page, { time: 3, interest: 5 });
  await page.getByRole('button', { name: 'See my result' }).click();
  await measures.getByText('Your journal has no interactions in the last 12 weeks').waitFor();
  await page.getByRole('button', { name: 'Save to history' }).click();

  // One interaction this week, started by the user.
  await page.goto(app.server.url('journal'));
  await addInteraction(page, { who: ['Ana Lima'], notes: 'Catch-up', initiated: 'I did' });
  await page.goto(app.server.url('assessment'));
  await measures.getByText(/You report a strong interest in interacting, but your journal shows almost none: 0\.1 a week/).waitFor();
  const text = await measures.innerText();
  assert.match(text, /Last 4 weeks: 1 interaction \(0\.3 a week\)/);
  assert.match(text, /You reached out first in 1 of the 1 interaction where you recorded it/);
  await page.close();
});
