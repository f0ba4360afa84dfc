// End to end: the Data screen's exports, read back with parsers made for
// each format (csv-parse, vcf, ical.js), not with the app's own code.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { parse as parseCsv } from 'csv-parse/sync';
import VCard from 'vcf';
import ICAL from 'ical.js';
import { useApp, freshPage, addInteraction, realErrors } from './support.mjs';

const app = useApp();

/** A local date `days` from today, as YYYY-MM-DD. */
function localDate(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Clicks an export button and returns the downloaded file's name and text. */
async function exported(page, button) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('region', { name: 'Exports' }).getByRole('button', { name: button }).click(),
  ]);
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

test('exports open in spreadsheets, address books and calendars, and stay safe', async () => {
  const { page, errors } = await freshPage(app.browser.context, app.server);
  await addInteraction(page, {
    when: `${localDate(-2)}T10:00`,
    who: ['Ana Lima', 'Bo Chen'],
    kind: 'Meeting',
    notes: '=HYPERLINK("http://evil"), then "budget", 2 lines\nsecond',
    expectation: { what: 'Send the launch plan; v2', who: 'They expect it of me', due: localDate(5) },
  });
  await addInteraction(page, { when: `${localDate(-1)}T09:00`, who: ['Ana Lima'], kind: 'Call', notes: '-5% churn' });

  await page.goto(app.server.url('data'));
  const interactions = await exported(page, 'Interactions (CSV)');
  assert.match(interactions.name, /^rapport-interactions-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = parseCsv(interactions.text, { bom: true, columns: true });
  assert.equal(rows.length, 2);
  assert.equal(rows[0].Kind, 'Call', 'newest first');
  assert.equal(rows[0].Notes, "'-5% churn", 'a leading minus cannot start a formula');
  assert.equal(rows[1].Notes, '\'=HYPERLINK("http://evil"), then "budget", 2 lines\nsecond');
  assert.equal(rows[1].People, 'Ana Lima; Bo Chen');
  assert.equal(rows[1].Expectation, 'Send the launch plan; v2');
  assert.equal(rows[1].Due, localDate(5));
  assert.equal(rows[1]['Follow-up'], 'Open');
  const people = parseCsv((await exported(page, 'People (CSV)')).text, { bom: true, columns: true });
  assert.deepEqual(people.map((p) => p.Name), ['Ana Lima', 'Bo Chen']);

  const cards = VCard.parse((await exported(page, 'People (vCard)')).text);
  assert.deepEqual(cards.map((c) => c.get('fn').valueOf()), ['Ana Lima', 'Bo Chen']);
  assert.equal(cards[0].version, '4.0');
  assert.match(cards[0].get('uid').valueOf(), /^urn:uuid:[0-9a-f-]{36}$/);

  const first = await exported(page, 'Calendar (.ics)');
  assert.match(first.name, /\.ics$/);
  const calendar = new ICAL.Component(ICAL.parse(first.text));
  const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  const promise = events.find((e) => e.summary === 'Promise due: Send the launch plan; v2');
  assert.ok(promise, `the promise is an event: ${events.map((e) => e.summary)}`);
  assert.equal(promise.startDate.isDate, true, 'all day');
  assert.equal(promise.startDate.toString(), localDate(5));
  assert.equal(promise.component.getAllSubcomponents('valarm').length, 1, 'with a reminder');
  assert.ok(events.some((e) => e.summary === 'Review your working relationships'), 'the first review is due');
  // A later export updates the same events rather than adding copies.
  await new Promise((ok) => setTimeout(ok, 1100));
  const again = new ICAL.Component(ICAL.parse((await exported(page, 'Calendar (.ics)')).text));
  const uids = (c) => c.getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('uid'));
  assert.deepEqual(uids(again), uids(calendar));
  const sequence = (c) => c.getAllSubcomponents('vevent')[0].getFirstPropertyValue('sequence');
  assert.ok(sequence(again) > sequence(calendar), 'a higher SEQUENCE');
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});

test('the first save asks the browser to keep the storage, once, and Data says what it answered', async () => {
  const page = await app.browser.context.newPage();
  // Count the app's calls, and answer as a browser that grants it would.
  await page.addInitScript(() => {
    window.persistCalls = 0;
    let granted = false;
    navigator.storage.persist = async () => {
      window.persistCalls += 1;
      granted = true;
      return true;
    };
    navigator.storage.persisted = async () => granted;
  });
  await page.goto(app.server.url('journal'));
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
  assert.equal(await page.evaluate(() => window.persistCalls), 0, 'nothing asked before there is something to keep');
  await addInteraction(page, { who: ['Ana Lima'], notes: 'First' });
  await page.waitForFunction(() => window.persistCalls === 1);
  await addInteraction(page, { who: ['Ana Lima'], notes: 'Second' });
  assert.equal(await page.evaluate(() => window.persistCalls), 1, 'asked once a tab');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data' }).click();
  await page.getByText("This browser has promised to keep Rapport's storage until you clear it yourself.").waitFor();
  await page.close();
});

test('Data says so when the browser has not promised to keep the storage', async () => {
  const page = await app.browser.context.newPage();
  await page.addInitScript(() => {
    navigator.storage.persisted = async () => false;
  });
  await page.goto(app.server.url('data'));
  await page
    .getByText("This browser has not promised to keep Rapport's storage: it may clear it when the device runs short of space, or after a time without visits.")
    .waitFor();
  await page.close();
});
