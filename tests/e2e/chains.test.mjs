// End to end: a service chain, a task on it finished with its impact, and the
// career file exported as Markdown, as a new user would.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useApp, freshPage, realErrors } from './support.mjs';

const app = useApp();
const DATE = String.raw`\d{1,2} [A-Z][a-z]{2} \d{4}`;

test('a chain, a task on it, its impact in the career file, exported', async () => {
  const { page, errors } = await freshPage(app.browser.context, app.server, 'chains');
  await page.getByText('No chains yet').waitFor();

  // The warehouse example, drawn and read backwards.
  await page.getByRole('button', { name: 'From the example: Purchasing → warehouse → customer' }).click();
  const chain = page.getByRole('region', { name: 'Supplies to customers' });
  const diagram = chain.getByRole('img');
  assert.equal(
    await diagram.getAttribute('aria-label'),
    'Diagram of Supplies to customers: Purchasing manager, then Warehouse manager, then Customer',
  );
  assert.match(await chain.innerText(), /The customer expects orders shipped complete and on time, which comes from the warehouse manager\./);

  // Links can be added (before the end customer), moved and removed; the diagram follows.
  await chain.getByRole('button', { name: 'Add a link' }).click();
  await chain.getByLabel('Role').fill('Carrier');
  await chain.getByLabel('What this link expects').fill('pallets ready at 6 am');
  await chain.getByRole('button', { name: 'Add link' }).click();
  await page.waitForFunction(() => document.querySelector('.chain-svg')?.getAttribute('aria-label')?.includes('Carrier'));
  assert.match(await chain.getByRole('img').getAttribute('aria-label'), /Warehouse manager, then Carrier, then Customer$/);
  await chain.getByRole('button', { name: 'Move Carrier earlier' }).click();
  await page.waitForFunction(() =>
    document.querySelector('.chain-svg')?.getAttribute('aria-label')?.includes('Purchasing manager, then Carrier, then Warehouse manager'),
  );
  await page.getByRole('button', { name: 'Remove the link Carrier' }).click();
  await page.waitForFunction(() => !document.querySelector('.chain-svg')?.getAttribute('aria-label')?.includes('Carrier'));

  // Renamed.
  await page.getByRole('button', { name: 'Rename Supplies to customers' }).click();
  await page.getByLabel('Chain name', { exact: true }).fill('Supply chain north');
  await page.getByRole('button', { name: 'Save name' }).click();
  await page.getByRole('heading', { level: 2, name: 'Supply chain north' }).waitFor();

  // A task for the warehouse manager, late.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }).click();
  const form = page.getByRole('region', { name: 'New task' });
  await form.getByLabel('Task', { exact: true }).fill('Cut stock-outs in the north');
  await form.getByLabel('Received').fill('2026-10-20');
  await form.getByLabel('Due (optional)').fill('2026-10-01');
  await form.getByLabel('Customer', { exact: true }).selectOption({ label: 'Warehouse manager — Supply chain north' });
  await form.getByLabel('What the customer expects').fill('No empty shelves');
  await form.getByLabel('How you will exceed it').fill('A weekly stock report');
  await form.getByRole('button', { name: 'Add task' }).click();
  await form.getByText('The due date is before the date received.').waitFor();
  await form.getByLabel('Due (optional)').fill('2026-11-01');
  await form.getByRole('button', { name: 'Add task' }).click();
  const task = page.getByRole('listitem', { name: 'Cut stock-outs in the north' });
  await task.waitFor();
  assert.match(await task.innerText(), /\d+ days? overdue/);
  assert.match(await task.innerText(), /Customer: the warehouse manager — Supply chain north/);

  // Finished with an impact, after a number that does not parse.
  await task.getByRole('button', { name: 'Finish Cut stock-outs in the north' }).click();
  await task.getByLabel('Impact').fill('Stock-outs halved');
  await task.getByLabel('Number (optional)').fill('lots');
  await task.getByRole('button', { name: 'Mark done' }).click();
  await task.getByText('“lots” is not a number').waitFor();
  await task.getByLabel('Number (optional)').fill('-50');
  await task.getByLabel('Unit (optional)').fill('%');
  await task.getByRole('button', { name: 'Mark done' }).click();
  const done = page.getByRole('region', { name: 'Done' });
  await done.getByText('Stock-outs halved (-50 %)').waitFor();
  assert.equal(await page.getByRole('region', { name: 'Open tasks' }).getByRole('listitem').count(), 0);

  // The chain shows the impact against the link.
  await page.goto(app.server.url('chains'));
  assert.match(await page.getByRole('region', { name: 'Supply chain north' }).innerText(), /Warehouse manager: 1 finished; -50 %/);

  // The career file holds it; an entry by hand joins it.
  await page.goto(app.server.url('career'));
  const list = page.getByRole('list').filter({ has: page.getByText('Stock-outs halved') });
  await list.getByText('Stock-outs halved (-50 %)').waitFor();
  const entry = page.getByRole('region', { name: 'Add an entry by hand' });
  await entry.getByLabel('Impact').fill('Spoke at the *logistics* meetup\n# twice');
  await entry.getByLabel('Number (optional)').fill('120');
  await entry.getByLabel('Unit (optional)').fill('attendees');
  await entry.getByRole('button', { name: 'Add entry' }).click();
  await list.getByText('Spoke at the *logistics* meetup').waitFor();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download Markdown' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'career-file.md');
  const markdown = await readFile(await download.path(), 'utf8');
  assert.match(markdown, /^# Career file\n\n1 Jan \d{4} to /);
  assert.match(
    markdown,
    new RegExp(
      String.raw`\n## Supply chain north \(Purchasing manager → Warehouse manager → Customer\)\n\n- \*\*${DATE}\*\* — Stock-outs halved \(-50 %\) — task: Cut stock-outs in the north\n`,
    ),
  );
  assert.match(
    markdown,
    new RegExp(String.raw`\n## Other impact\n\n- \*\*${DATE}\*\* — Spoke at the \\\*logistics\\\* meetup \\# twice \(120 attendees\)\n$`),
  );

  // Copied to the clipboard: the same text.
  await app.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.origin });
  await page.getByRole('button', { name: 'Copy Markdown' }).click();
  await page.getByRole('status').filter({ hasText: 'Copied as Markdown.' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), markdown);

  // Printing shows the file, not the controls.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByRole('button', { name: 'Download Markdown' }).isVisible(), false);
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).isVisible(), false);
  assert.equal(await list.getByText('Stock-outs halved (-50 %)').isVisible(), true);
  await page.emulateMedia({ media: 'screen' });

  // A period with nothing in it.
  await page.getByLabel('Period').selectOption({ label: 'Custom range' });
  await page.getByLabel('From').fill('2020-01-01');
  await page.getByLabel('To').fill('2020-12-31');
  await page.getByText('Nothing recorded in this period.').waitFor();

  // Everything survives a reload.
  await page.reload();
  await page.getByText('Spoke at the *logistics* meetup').waitFor();
  await page.goto(app.server.url('tasks'));
  await page.getByRole('region', { name: 'Done' }).getByText('Stock-outs halved (-50 %)').waitFor();
  await page.goto(app.server.url('chains'));
  await page.getByRole('heading', { level: 2, name: 'Supply chain north' }).waitFor();
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});

test('a chain needs a name, and can start blank and be reordered and deleted', async () => {
  const { page } = await freshPage(app.browser.context, app.server, 'chains');
  await page.getByRole('button', { name: 'Start blank' }).click();
  await page.getByText('Give the chain a name.').waitFor();
  await page.getByLabel('Or a blank chain named').fill('Analysis');
  await page.getByLabel('Your role').fill('Data analyst');
  await page.getByRole('button', { name: 'Start blank' }).click();
  const blank = page.getByRole('region', { name: 'Analysis' });
  await blank.getByText(/This chain has no links yet/).waitFor();
  await page.getByRole('button', { name: 'From the example: Research analyst → broker → client' }).click();
  await page.getByRole('region', { name: 'Research to clients' }).waitFor();
  const order = () => page.locator('section.chain h2').allInnerTexts();
  assert.deepEqual(await order(), ['Analysis', 'Research to clients']);
  await page.getByRole('button', { name: 'Move Research to clients up' }).click();
  await page.waitForFunction(() => document.querySelector('section.chain h2')?.textContent === 'Research to clients');
  await page.reload();
  await page.getByRole('region', { name: 'Research to clients' }).waitFor();
  assert.deepEqual(await order(), ['Research to clients', 'Analysis']);
  await page.getByRole('button', { name: 'Delete Analysis' }).click();
  await page.getByRole('button', { name: 'Yes, delete the chain' }).click();
  await page.waitForFunction(() => document.querySelectorAll('section.chain').length === 1);
  // A slip is undone from the message that follows.
  await page.getByText('Deleted the chain “Analysis”.').waitFor();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('region', { name: 'Analysis' }).waitFor();
  await page.reload();
  await page.getByRole('region', { name: 'Analysis' }).waitFor();
  assert.deepEqual(await order(), ['Research to clients', 'Analysis']);
  await page.close();
});
