// End to end: the lock. A passphrase encrypts everything stored (no note or
// name readable in localStorage), the journal opens only with it, Lock now
// and the idle lock leave nothing of the journal in the page, two tabs
// unlock on their own, and backups are encrypted with the passphrase.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useApp, launch, startServer, freshPage, addInteraction, realErrors, decodeStored, focusedId, wasmFetched, fetchedEarlyFor } from './support.mjs';

const app = useApp();
const SECRET_NOTE = 'Confidential: Zebulon asked about the reorganisation';
const NAMES = ['Zebulon Quirk', 'Ana Lima'];
const PASSPHRASE = 'correct horse battery';

/** Every value stored, by key. */
function stored(page) {
  return page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));
}

/**
 * Fails if any stored value holds the note or a name, as stored or decoded
 * with the documented codec; returns the keys still readable that way.
 */
async function assertNothingReadable(page) {
  const readable = [];
  for (const [key, value] of Object.entries(await stored(page))) {
    let text = value;
    try {
      text = JSON.stringify(decodeStored(value));
      readable.push(key);
    } catch {}
    for (const secret of [SECRET_NOTE, 'Zebulon', 'Quirk', 'Ana Lima', 'reorganisation']) {
      assert.ok(!value.includes(secret) && !text.includes(secret), `${key} holds “${secret}”`);
    }
  }
  return readable.sort();
}

/**
 * Opens a screen through the menu, as a person would: loading a URL anew
 * would need the passphrase again (the key lives only in the page).
 */
async function go(page, screen) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: screen, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: screen }).waitFor();
}

async function toData(page) {
  await go(page, 'Data');
  return page.getByRole('region', { name: 'Lock' });
}

async function turnLockOn(page, passphrase = PASSPHRASE) {
  const region = await toData(page);
  await region.getByLabel('New passphrase').fill(passphrase);
  await region.getByLabel('The same passphrase again').fill(passphrase);
  await region.getByRole('button', { name: 'Lock with this passphrase' }).click();
  await page.getByText('Locked with your passphrase: everything Rapport stores in this browser is encrypted.').waitFor();
  return region;
}

async function unlock(page, passphrase = PASSPHRASE) {
  await page.getByRole('heading', { level: 1, name: 'Rapport is locked' }).waitFor();
  await page.getByLabel('Passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

async function assertLockedScreen(page) {
  await page.getByRole('heading', { level: 1, name: 'Rapport is locked' }).waitFor();
  const text = await page.evaluate(() => document.body.innerText);
  for (const secret of [SECRET_NOTE, ...NAMES]) assert.ok(!text.includes(secret), `the page shows “${secret}”`);
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).count(), 0, 'no menu while locked');
}

async function addSecrets(page) {
  await addInteraction(page, { when: '2026-10-01T09:00', who: NAMES, kind: 'Meeting', notes: SECRET_NOTE });
}

test('a passphrase encrypts everything stored; the journal opens only with it, in each tab on its own', async () => {
  const { page, errors } = await freshPage(app.browser.context, app.server);
  await addSecrets(page);
  const region = await toData(page);
  await region.getByText('If you forget the passphrase, the journal cannot be recovered').waitFor();
  await region.getByRole('button', { name: 'Lock with this passphrase' }).click();
  await region.getByText('Choose a passphrase of at least 8 characters').waitFor();
  await region.getByLabel('New passphrase').fill(PASSPHRASE);
  await region.getByLabel('The same passphrase again').fill('correct horse battery!');
  await region.getByRole('button', { name: 'Lock with this passphrase' }).click();
  await region.getByText('The two passphrases differ').waitFor();
  await turnLockOn(page);

  // Nothing of the journal is readable in storage: only the lock's header and the versions.
  assert.deepEqual(await assertNothingReadable(page), ['rapport:lock', 'rapport:meta']);
  const header = decodeStored((await stored(page))['rapport:lock']);
  assert.deepEqual(Object.keys(header).sort(), ['kdf', 'key', 'lock', 'state', 'wrapped']);
  assert.deepEqual([header.kdf.name, header.kdf.iterations], ['PBKDF2-SHA256', 600000]);

  await page.reload();
  await assertLockedScreen(page);
  await unlock(page, 'correct horse');
  await page.getByText('That passphrase does not open this journal.').waitFor();
  assert.equal(await focusedId(page), 'unlock-passphrase', 'the field, to try again');
  await unlock(page);
  await page.getByRole('heading', { level: 1, name: 'Data' }).waitFor();
  await go(page, 'Journal');
  await page.getByText(SECRET_NOTE).waitFor();

  // Another tab asks for the passphrase itself; once both are unlocked, changes travel as before.
  const other = await app.browser.context.newPage();
  await other.goto(app.server.url('journal'));
  await assertLockedScreen(other);
  await unlock(other);
  await other.getByText(SECRET_NOTE).waitFor();
  await addInteraction(page, { when: '2026-10-02T10:00', who: ['Ana Lima'], kind: 'Call', notes: 'Second call, saved here' });
  await other.getByText('Second call, saved here').waitFor();
  await assertNothingReadable(page);

  // Lock now: nothing of the journal stays in the page; the other tab keeps its key.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Lock' }).click();
  await assertLockedScreen(page);
  await other.getByText(SECRET_NOTE).waitFor();
  await other.close();
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});

test('the lock’s cipher comes in a chunk: with a locked journal’s page, once; when it cannot, Unlock says so and works once it can', async () => {
  // No service worker, whose offline copy would answer for the server.
  const browser = await launch({ serviceWorkers: 'block' });
  const server = await startServer();
  try {
    const { page, errors } = await freshPage(browser.context, server, '');
    const cipher = (url) => new URL(url).pathname.endsWith('/split_lock_cipher.wasm');
    const asked = [];
    page.on('request', (request) => cipher(request.url()) && asked.push(request.url()));
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await go(page, 'Journal');
    await addSecrets(page);
    assert.deepEqual(asked, [], 'a journal without a lock never fetches the cipher');
    await turnLockOn(page);
    assert.equal(asked.length, 1, 'fetched to turn the lock on');

    // A locked journal's page fetches it as it opens, and Unlock takes that copy.
    await page.goto(server.url(''));
    await unlock(page);
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    assert.deepEqual(await page.evaluate(wasmFetched), await page.evaluate(fetchedEarlyFor, ['lock_cipher', 'serial']));

    // As when a new version was published since the page opened: the chunk is gone.
    await page.route(cipher, (route) => route.fulfill({ status: 404, body: 'Not found' }));
    await page.reload();
    await unlock(page);
    await page.getByText("The lock's part of Rapport did not arrive").waitFor();
    await assertLockedScreen(page);
    await page.unroute(cipher);
    await unlock(page);
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await go(page, 'Journal');
    await page.getByText(SECRET_NOTE).waitFor();
    // The loader logs each failed fetch (the unlock screen readying the
    // cipher, then Unlock); nothing else went wrong.
    assert.deepEqual(realErrors(errors), Array(2).fill("TypeError: Failed to execute 'compile' on 'WebAssembly': HTTP status code is not ok"));
    await page.close();
  } finally {
    await browser.close();
    await server.close();
  }
});

test('the journal locks itself when left unused, after the minutes chosen', async () => {
  const page = await app.browser.context.newPage();
  await page.clock.install();
  await page.goto(app.server.url('journal'));
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await addSecrets(page);
  const region = await turnLockOn(page);
  const after = region.getByLabel('Lock when unused for');
  assert.equal(await after.inputValue(), '15', 'fifteen minutes unless chosen otherwise');

  // Used within the quarter of an hour: still open.
  await page.clock.fastForward('10:00');
  await page.mouse.move(10, 10);
  await page.clock.fastForward('10:00');
  await page.getByRole('heading', { level: 1, name: 'Data' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Rapport is locked' }).count(), 0);
  await page.clock.fastForward('15:10');
  await assertLockedScreen(page);

  await unlock(page);
  await page.getByRole('heading', { level: 1 }).waitFor();
  const again = await toData(page);
  await again.getByLabel('Lock when unused for').selectOption({ label: '1 minute' });
  await page.clock.fastForward('01:10');
  await assertLockedScreen(page);
  await unlock(page);
  const never = await toData(page);
  assert.equal(await never.getByLabel('Lock when unused for').inputValue(), '1', 'the choice is kept');
  await never.getByLabel('Lock when unused for').selectOption({ label: 'Never' });
  await page.clock.fastForward('01:30:00');
  await page.getByRole('heading', { level: 1, name: 'Data' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Rapport is locked' }).count(), 0);
  await page.close();
});

test('a page left alone runs nothing in the background: no timer without a lock, one for the moment it locks with one', async () => {
  const page = await app.browser.context.newPage();
  await page.clock.install();
  // Counts every timer callback the page runs (on the fake clock).
  await page.addInitScript(() => {
    window.timersFired = 0;
    for (const name of ['setTimeout', 'setInterval']) {
      const original = window[name];
      window[name] = (callback, ...rest) =>
        original((...args) => {
          window.timersFired += 1;
          return typeof callback === 'function' ? callback(...args) : undefined;
        }, ...rest);
    }
  });
  const fired = () => page.evaluate(() => window.timersFired);
  await page.goto(app.server.url('journal'));
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.locator('#opening').waitFor({ state: 'detached' });
  await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
  await addSecrets(page);
  // What was started by the load and the save runs once.
  await page.clock.runFor(2_000);
  const idle = await fired();
  await page.clock.runFor('30:00');
  assert.equal((await fired()) - idle, 0, 'no timer in half an hour without a lock');

  await turnLockOn(page);
  await page.clock.runFor(2_000);
  const locked = await fired();
  await page.clock.runFor('14:00');
  assert.equal((await fired()) - locked, 0, 'nothing before the quarter of an hour is up');
  await page.clock.runFor('01:10');
  await assertLockedScreen(page);
  assert.equal((await fired()) - locked, 1, 'one timer, when the journal was due to lock');
  await page.close();
});

test('backups are encrypted with the passphrase; it can be changed, and the lock removed', async () => {
  const { page, errors } = await freshPage(app.browser.context, app.server);
  await addSecrets(page);
  await turnLockOn(page, 'first passphrase 1');

  // The backup file holds nothing readable, and says how it is encrypted.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('region', { name: 'Backup' }).getByRole('button', { name: 'Download a backup' }).click(),
  ]);
  const file = await download.path();
  const text = await readFile(file, 'utf8');
  for (const secret of [SECRET_NOTE, ...NAMES]) assert.ok(!text.includes(secret), `the backup holds “${secret}”`);
  const backup = JSON.parse(text);
  assert.equal(backup.format, 'rapport-backup');
  assert.ok(backup.encryption, 'an encryption header');

  // A new passphrase: the old one stops opening the journal.
  const region = page.getByRole('region', { name: 'Lock' });
  await region.locator('summary', { hasText: 'Change the passphrase' }).click();
  await region.getByLabel('Current passphrase').fill('not the passphrase');
  await region.getByLabel('New passphrase', { exact: true }).fill('second passphrase 2');
  await region.getByLabel('The new passphrase again').fill('second passphrase 2');
  await region.getByRole('button', { name: 'Change the passphrase' }).click();
  await region.getByText('That passphrase does not open this journal.').waitFor();
  await region.getByLabel('Current passphrase').fill('first passphrase 1');
  await region.getByRole('button', { name: 'Change the passphrase' }).click();
  await region.getByText('Passphrase changed.').waitFor();
  await page.reload();
  await unlock(page, 'first passphrase 1');
  await page.getByText('That passphrase does not open this journal.').waitFor();
  await unlock(page, 'second passphrase 2');
  await page.getByRole('heading', { level: 1, name: 'Data' }).waitFor();

  // Remove the lock: everything is readable again, and nothing was lost.
  const lock = page.getByRole('region', { name: 'Lock' });
  await lock.locator('summary', { hasText: 'Remove the lock' }).click();
  await lock.getByLabel('Passphrase', { exact: true }).fill('second passphrase 2');
  await lock.getByRole('button', { name: 'Remove the lock' }).click();
  await page.getByText('The lock is removed: nothing Rapport stores is encrypted now.').waitFor();
  const values = await stored(page);
  assert.equal(values['rapport:lock'], undefined);
  const notes = Object.entries(values)
    .filter(([k]) => k.startsWith('rapport:i:'))
    .flatMap(([, v]) => decodeStored(v).records.map((r) => r.notes));
  assert.deepEqual(notes, [SECRET_NOTE]);

  // The encrypted backup opens on a new device with the passphrase it was made with.
  const phone = await launch();
  try {
    const fresh = await phone.context.newPage();
    await fresh.goto(app.server.url('data'));
    await fresh.getByLabel('Open a backup').setInputFiles(file);
    await fresh.getByText('This backup is locked').waitFor();
    await fresh.getByLabel("The backup's passphrase").fill('second passphrase 2');
    await fresh.getByRole('button', { name: 'Open the backup' }).click();
    await fresh.getByText('That passphrase does not open this backup.').waitFor();
    await fresh.getByLabel("The backup's passphrase").fill('first passphrase 1');
    await fresh.getByRole('button', { name: 'Open the backup' }).click();
    await fresh.getByRole('button', { name: 'Merge into this journal' }).click();
    await fresh.getByText('Merged.').waitFor();
    await fresh.goto(app.server.url('journal'));
    await fresh.getByText(SECRET_NOTE).waitFor();
  } finally {
    await phone.close();
  }
  assert.deepEqual(realErrors(errors), []);
  await page.close();
});
