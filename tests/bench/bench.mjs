// The benchmark (not a test): fills the journal with realistic interactions
// and measures, in headless Chromium against the release build, what a user
// waits for. Run through scripts/bench.sh, which builds and seeds first.
//
//   node tests/bench/bench.mjs <dist> <seed-dir> <count>...

import { readFile, readdir, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { startServer, launch } from '../e2e/support.mjs';
import { markReady, median } from './ready.mjs';

const [dist, seeds, ...counts] = process.argv.slice(2);
const QUOTA = 5_242_880;
const RUNS = 7;

const ms = (x) => `${x.toFixed(1)} ms`;

// Resolves once every pending reactive update has reached the page: Leptos
// runs its effects as microtasks, and a MessageChannel message is the first
// task after them.
function defineAfterUpdates() {
  window.afterUpdates = () =>
    new Promise((done) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = done;
      channel.port2.postMessage(0);
    });
}

/** A new page whose storage holds exactly the seed file's entries. */
async function seededPage(server, browser, file) {
  const seed = JSON.parse(await readFile(join(seeds, file), 'utf8'));
  const page = await browser.context.newPage();
  await page.goto(server.url('journal'));
  await page.evaluate((entries) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
  }, seed);
  return page;
}

async function measure(server, browser, count) {
  const page = await seededPage(server, browser, `seed-${count}.json`);
  await page.addInitScript(markReady);
  await page.addInitScript(defineAfterUpdates);

  const loads = [];
  for (let i = 0; i < RUNS; i++) {
    await page.reload();
    await page.waitForFunction(() => window.__ready !== undefined, null, { timeout: 60_000 });
    loads.push(await page.evaluate(() => window.__ready));
  }
  const shown = await page.getByRole('article').count();

  const units = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('rapport:'))
      .reduce((n, k) => n + k.length + localStorage.getItem(k).length, 0),
  );

  // One added interaction: until saved (the click handler validates, updates
  // the journal and writes localStorage) and until the page shows it.
  const form = page.getByRole('region', { name: 'Add an interaction' });
  const who = form.getByRole('combobox', { name: 'Who', exact: true });
  const saves = [];
  const frames = [];
  for (let i = 0; i < RUNS; i++) {
    await who.fill('Ana Lima');
    await form.getByLabel('Notes').fill(`Benchmark note ${i}: went through the forecast and agreed next steps.`);
    const [sync, frame] = await page.evaluate(async () => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Add interaction');
      const t0 = performance.now();
      button.click();
      const t1 = performance.now();
      await afterUpdates();
      const t2 = performance.now();
      if (!document.querySelector('[role=status]')?.textContent.includes('Saved.')) throw new Error('not saved');
      return [t1 - t0, t2 - t0];
    });
    saves.push(sync);
    frames.push(frame);
  }

  // One search keystroke: the handler, and until the list shows the result.
  const keystrokes = [];
  const keystrokeFrames = [];
  for (const text of ['f', 'fo', 'for', 'fore', 'forec', 'foreca', 'forecas', 'forecast', 'b', 'bu', 'bud']) {
    const [sync, frame] = await page.evaluate(async (value) => {
      const input = document.getElementById('search');
      const t0 = performance.now();
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const t1 = performance.now();
      await afterUpdates();
      return [t1 - t0, performance.now() - t0];
    }, text);
    keystrokes.push(sync);
    keystrokeFrames.push(frame);
  }
  const matching = await page.getByRole('status').filter({ hasText: /matching/ }).innerText();

  // Insights: from the click on its link until all five charts are drawn,
  // every series computed from the whole journal.
  const insights = [];
  for (let i = 0; i < RUNS; i++) {
    insights.push(
      await page.evaluate(async () => {
        const link = (name) => [...document.querySelectorAll('nav a')].find((a) => a.textContent === name);
        const t0 = performance.now();
        link('Insights').click();
        // The first time, the screen's code comes too (it loads on demand).
        while (document.querySelectorAll('svg.chart').length < 5) {
          if (performance.now() - t0 > 10_000) throw new Error('Insights not drawn in 10 s');
          await afterUpdates();
        }
        const drawn = performance.now() - t0;
        link('Journal').click();
        while (!document.getElementById('search')) await afterUpdates();
        return drawn;
      }),
    );
  }
  // Data → Download a backup: the click handler reads every stored group,
  // writes the readable JSON and hands it to the browser as a file.
  await page.goto(server.url('data'));
  await page.getByRole('region', { name: 'Backup' }).getByRole('button', { name: 'Download a backup' }).waitFor();
  const backups = [];
  let backupBytes = 0;
  let backupFile;
  for (let i = 0; i < 3; i++) {
    const [download, took] = await Promise.all([
      page.waitForEvent('download'),
      page.evaluate(() => {
        const section = document.getElementById('backup-heading').closest('section');
        const button = [...section.querySelectorAll('button')].find((b) => b.textContent === 'Download a backup');
        const t0 = performance.now();
        button.click();
        return performance.now() - t0;
      }),
    ]);
    backupBytes = (await stat(await download.path())).size;
    backupFile = await download.path();
    backups.push(took);
  }
  await page.close();
  const restored = await restore(server, browser, backupFile);
  return {
    restored,
    backup: median(backups),
    backupBytes,
    count,
    load: median(loads),
    save: median(saves),
    saveFrame: median(frames),
    key: median(keystrokes),
    keyFrame: median(keystrokeFrames),
    insights: median(insights),
    units,
    shown,
    matching,
  };
}

// The backup restored into an empty journal, as on a new device: from the
// file chosen to its preview shown, then from Merge to the message (the
// journal written and reloaded from storage). Timed from Node, so each
// figure includes a few milliseconds of browser round trip.
async function restore(server, browser, file) {
  const page = await browser.context.newPage();
  await page.goto(server.url('data'));
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByRole('region', { name: 'Backup' }).getByRole('button', { name: 'Download a backup' }).waitFor();
  const t0 = Date.now();
  await page.getByLabel('Open a backup').setInputFiles(file);
  const preview = page.getByRole('group', { name: 'The backup' });
  await preview.getByRole('button', { name: 'Merge into this journal' }).waitFor();
  const previewed = Date.now() - t0;
  const t1 = Date.now();
  await preview.getByRole('button', { name: 'Merge into this journal' }).click();
  await page.getByText('Merged. The journal now holds the later version of every record.').waitFor();
  const merged = Date.now() - t1;
  await page.close();
  return { previewed, merged };
}

// A locked journal: from the click on Unlock (passphrase typed) until the
// Journal is usable, and the key derivation alone (WebCrypto's PBKDF2,
// 600,000 iterations, as the app asks it).
const PASSPHRASE = 'bench passphrase';
async function unlockTimes(server, browser, count) {
  const page = await seededPage(server, browser, `seed-${count}-locked.json`);
  const unlocks = [];
  const kdfs = [];
  for (let i = 0; i < 3; i++) {
    await page.reload();
    await page.getByLabel('Passphrase').waitFor();
    unlocks.push(
      await page.evaluate(async (passphrase) => {
        const input = document.getElementById('unlock-passphrase');
        input.value = passphrase;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Unlock');
        const usable = () =>
          document.querySelector('article') && [...document.querySelectorAll('button')].some((b) => b.textContent === 'Add interaction');
        const t0 = performance.now();
        button.click();
        for (let n = 0; !usable(); n++) {
          if (n > 6000) throw new Error('not unlocked');
          await new Promise((ok) => setTimeout(ok, 2));
        }
        return performance.now() - t0;
      }, PASSPHRASE),
    );
    kdfs.push(
      await page.evaluate(async (passphrase) => {
        const t0 = performance.now();
        const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveBits']);
        const salt = crypto.getRandomValues(new Uint8Array(16));
        await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 600000 }, key, 256);
        return performance.now() - t0;
      }, PASSPHRASE),
    );
  }
  await page.close();
  return { unlock: median(unlocks), kdf: median(kdfs) };
}

const wasm = (await readdir(dist)).find((f) => f.endsWith('.wasm'));
const bytes = await readFile(join(dist, wasm));
const server = await startServer(dist);
const browser = await launch();
try {
  console.log(`wasm: ${bytes.length} bytes raw, ${gzipSync(bytes, { level: 9 }).length} bytes gzipped (${wasm})`);
  console.log('');
  console.log('| interactions | cold load until usable | add one: saved / page updated | search keystroke: handled / list updated | Insights drawn | backup downloaded (file) | backup restored on a new device: previewed / merged | localStorage per 1,000 | whole journal |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const count of counts.map(Number)) {
    const r = await measure(server, browser, count);
    const per1000 = (r.units * 2) / (count / 1000);
    console.log(
      `| ${count.toLocaleString('en')} | ${ms(r.load)} | ${ms(r.save)} / ${ms(r.saveFrame)} | ${ms(r.key)} / ${ms(r.keyFrame)} | ${ms(r.insights)} | ` +
        `${ms(r.backup)} (${r.backupBytes.toLocaleString('en')} bytes) | ${ms(r.restored.previewed)} / ${ms(r.restored.merged)} | ` +
        `${Math.round(per1000).toLocaleString('en')} bytes | ${r.units.toLocaleString('en')} UTF-16 units, ${((r.units / QUOTA) * 100).toFixed(1)} % of the quota |`,
    );
    if (r.shown === 0) throw new Error(`nothing shown at ${count}`);
  }
  console.log('');
  console.log('| locked journal: interactions | unlock, from the click until the Journal is usable | of which the key derivation (PBKDF2-SHA256, 600,000 iterations) |');
  console.log('|---:|---:|---:|');
  for (const count of counts.map(Number)) {
    const r = await unlockTimes(server, browser, count);
    console.log(`| ${count.toLocaleString('en')} | ${ms(r.unlock)} | ${ms(r.kdf)} |`);
  }
  console.log('');
  console.log(`Medians of ${RUNS} loads, ${RUNS} adds, 11 keystrokes and ${RUNS} openings of Insights, 3 backups, 1 restore, 3 unlocks; quota ${QUOTA.toLocaleString('en')} units (Chromium).`);
} finally {
  await browser.close();
  await server.close();
}
