// Shared pieces of the end-to-end tests: a static server that behaves like
// GitHub Pages, and a headless Chromium that cannot reach the network.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { gzipSync, inflateSync } from 'node:zlib';

export const DIST = resolve(process.env.RAPPORT_DIST ?? 'dist');
export const BASE = '/rapport/';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serves `dist` under BASE on 127.0.0.1 like GitHub Pages: files as they are,
 * and 404.html (with status 404) for any other path. No rewrites. With
 * `gzip`, compressed when the browser accepts it, as Pages does; with
 * `cacheControl`, that header on every answer (Pages sends `max-age=600`);
 * with `link`, through one slow link (see `slowLink`).
 * `requests(path)` counts the requests that reached it for a path under BASE.
 */
export async function startServer(dist = DIST, { gzip = false, cacheControl = null, link = null } = {}) {
  const counts = new Map();
  const send = link ? slowLink(link) : (res, body) => res.end(body);
  const server = createServer(async (req, res) => {
    // "Offline": the connection drops, as with no network at all.
    if (offline) return req.socket.destroy();
    const dist = root;
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    counts.set(path, (counts.get(path) ?? 0) + 1);
    if (cacheControl) res.setHeader('cache-control', cacheControl);
    let file = null;
    if (path.startsWith(BASE)) {
      let relative = normalize(path.slice(BASE.length));
      if (relative === '.' || relative.endsWith('/')) relative = join(relative, 'index.html');
      const candidate = join(dist, relative);
      if (candidate.startsWith(dist)) {
        try {
          if ((await stat(candidate)).isFile()) file = candidate;
        } catch {}
      }
    }
    const status = file ? 200 : 404;
    file ??= join(dist, '404.html');
    try {
      const body = await readFile(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        res.writeHead(status, { 'content-type': type, 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
        await send(res, gzipSync(body));
      } else {
        res.writeHead(status, { 'content-type': type });
        await send(res, body);
      }
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  // What is served can be swapped for another build, as a deployment does.
  let root = resolve(dist);
  let offline = false;
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    deploy: (dir) => {
      root = resolve(dir);
    },
    /** Drops every connection while on: a network gone, in any browser. */
    setOffline: (on) => {
      offline = on;
    },
    requests: (path) => counts.get(`${BASE}${path}`) ?? 0,
    origin: `http://127.0.0.1:${port}`,
    url: (path = '') => `http://127.0.0.1:${port}${BASE}${path}`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

/**
 * A phone's network as one link that every answer shares: each waits
 * `delayMs` (the round trip), then its bytes go out 16 KiB at a time, in
 * turn with the other answers', at `bytesPerSecond` in all. Two downloads at
 * once take twice as long, as they do on a real slow link.
 */
function slowLink({ bytesPerSecond, delayMs }) {
  let line = Promise.resolve();
  const wait = (ms) => new Promise((ok) => setTimeout(ok, ms));
  return async (res, body) => {
    await wait(delayMs);
    const parts = [];
    for (let at = 0; at < body.length; at += 16_384) parts.push(body.subarray(at, at + 16_384));
    for (const part of parts) {
      const turn = line.then(() => wait((part.length / bytesPerSecond) * 1000));
      line = turn;
      await turn;
      res.write(part);
    }
    res.end();
  };
}

/** Flags that keep Chromium from reaching out on a closed network (it hangs otherwise). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** A fresh headless Chromium with its own empty profile (`options` go to its context). */
export async function launch(options = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'rapport-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  // Every Content-Security-Policy violation in any page, for useApp to fail on.
  const cspViolations = [];
  await context.exposeBinding('__rapportCspViolation', (source, what) => cspViolations.push(`${source.page?.url()}: ${what}`));
  await context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__rapportCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
    ),
  );
  return {
    context,
    cspViolations,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Records every request that leaves `origin`; the list must stay empty. */
export function watchRequests(context, origin) {
  const offOrigin = [];
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin + '/') && !url.startsWith('blob:') && !url.startsWith('data:')) {
      offOrigin.push(url);
    }
  });
  return offOrigin;
}

/**
 * Holds back the answers `page` gets for `pattern` (a glob of URLs), as a
 * slow network would, until the returned function is called.
 */
export async function holdBack(page, pattern) {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(pattern, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** The id of the element that has the keyboard ('' for none). */
export const focusedId = (page) => page.evaluate(() => document.activeElement?.id ?? '');

/**
 * The id of the element that has the keyboard once `id` has it, or after 5 s
 * (for focus that waits for code on its way, see platform::focus_when_shown).
 */
export async function focusedIdOnceShown(page, id) {
  await page.waitForFunction((id) => document.activeElement?.id === id, id, { timeout: 5_000 }).catch(() => {});
  return focusedId(page);
}

/** Fails the test with the page's console errors if it crashed. */
export function collectErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

/** A new page on an empty origin: storage cleared, the app loaded. */
export async function freshPage(context, server, path = 'journal') {
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(server.url(path));
  // Once the app has opened (and written its meta), or it would write it
  // after the clear, and the reload would not be a first visit.
  await page.locator('#opening').waitFor({ state: 'detached' });
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  // The app's screen, not what index.html paints before it (on Home, the
  // first-visit Home, which it removes when it mounts).
  await page.locator('#opening').waitFor({ state: 'detached' });
  await page.getByRole('heading', { level: 1 }).waitFor();
  return { page, errors };
}

/** The "Add an interaction" part of the Journal screen. */
export function addForm(page) {
  return page.getByRole('region', { name: 'Add an interaction' });
}

/** Fills the add form as a person would, submits it, and waits for "Saved.". */
export async function addInteraction(
  page,
  { when, who, kind, notes, minutes, initiated, dependency, expectation },
  expect = 'Saved.',
) {
  const form = addForm(page);
  if (when) await form.getByLabel('When').fill(when);
  const whoField = form.getByRole('combobox', { name: 'Who', exact: true });
  for (const name of who) {
    await whoField.fill(name);
    await whoField.press('Enter');
  }
  if (kind) await form.getByLabel('Kind').selectOption({ label: kind });
  if (minutes) await form.getByLabel('Minutes').fill(minutes);
  if (initiated) await form.getByLabel('Who reached out').selectOption({ label: initiated });
  if (notes) await form.getByLabel('Notes').fill(notes);
  if (dependency) {
    await form.getByLabel('Who now relies on whom').selectOption({ label: dependency.who });
    await form.getByLabel('Dependency: what').fill(dependency.what);
  }
  if (expectation) {
    await form.getByRole('checkbox', { name: 'This created an expectation' }).check();
    await form.getByLabel('Expectation: what').fill(expectation.what);
    await form.getByLabel('Who expects it').selectOption({ label: expectation.who });
    if (expectation.due) await form.getByLabel('Due (optional)').fill(expectation.due);
  }
  await form.getByRole('button', { name: 'Add interaction' }).click();
  await form.getByRole('status').filter({ hasText: expect }).waitFor();
}

/** Console errors other than the 404 status GitHub Pages gives deep links. */
export function realErrors(errors) {
  return errors.filter((e) => !e.includes('status of 404'));
}

/**
 * Starts the static server and a browser before a file's tests, and stops
 * them after, failing the file if any request left the page's origin.
 * Returns an object whose `server`, `browser` and `offOrigin` are set once
 * the tests run.
 */
export function useApp() {
  const app = {};
  before(async () => {
    app.server = await startServer();
    app.browser = await launch();
    app.offOrigin = watchRequests(app.browser.context, app.server.origin);
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
    assert.deepEqual(app.offOrigin, [], 'no request left the origin');
    assert.deepEqual(app.browser?.cspViolations ?? [], [], 'nothing broke the Content-Security-Policy');
  });
  return app;
}

/**
 * Reads a stored value the way the app's codec writes it, written again here
 * from its documentation so the tests do not trust the app's own decoder:
 * `J` + JSON, or `Z<bytes>:` + zlib packed 15 bits per character from U+4000.
 */
export function decodeStored(value) {
  if (value.startsWith('J')) return JSON.parse(value.slice(1));
  const [, count, packed] = value.match(/^Z(\d+):(.*)$/s);
  const bytes = [];
  let acc = 0;
  let bits = 0;
  for (const c of packed) {
    acc = (acc * 32768 + (c.codePointAt(0) - 0x4000)) % 2 ** 30;
    bits += 15;
    while (bits >= 8) {
      bits -= 8;
      bytes.push(Math.floor(acc / 2 ** bits) & 0xff);
    }
    acc %= 2 ** bits;
  }
  return JSON.parse(inflateSync(Buffer.from(bytes.slice(0, Number(count)))).toString('utf8'));
}

/** Every month of interactions in storage: key → the notes of its records. */
export async function storedMonths(page) {
  const values = await page.evaluate(() =>
    Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('rapport:i:')).map((k) => [k, localStorage.getItem(k)])),
  );
  return Object.fromEntries(
    Object.entries(values)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => [key, decodeStored(value).records.map((r) => r.notes)]),
  );
}

/** Fills the origin's storage to the last few characters. */
export function fillStorage(page) {
  return page.evaluate(() => {
    let chunk = 1 << 20;
    let n = 0;
    while (chunk >= 8) {
      try {
        localStorage.setItem(`filler-${n}`, 'x'.repeat(chunk));
        n++;
      } catch {
        chunk = Math.floor(chunk / 2);
      }
    }
  });
}

/** Removes what `fillStorage` wrote. */
export function freeStorage(page) {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('filler-'))
      .forEach((k) => localStorage.removeItem(k)),
  );
}

/**
 * Run in a page (`page.evaluate(fillRemaining, char)`, or WebDriver's
 * `executeScript`): fills what the origin's localStorage has left with `char`
 * repeated, in blocks halving from 2^20 down to one character, each under a
 * key of one character, until QuotaExceededError; returns how many characters
 * that stored, keys counted, and removes them again. Nothing else is written
 * meanwhile.
 */
export function fillRemaining(char) {
  let stored = 0;
  const keys = [];
  for (let size = 1 << 20; size >= 1; size >>= 1) {
    const block = char.repeat(size);
    for (;;) {
      const key = String.fromCharCode(0x21 + keys.length);
      try {
        localStorage.setItem(key, block);
      } catch (e) {
        if (e.name !== 'QuotaExceededError') throw e;
        break;
      }
      keys.push(key);
      stored += size + 1;
    }
  }
  for (const k of keys) localStorage.removeItem(k);
  return stored;
}

/**
 * Run in a page: the wasm files it fetched, each as `<file> early` or
 * `<file> late`, sorted. Early means fetched by assets/opening.js as the page
 * opened (the app's wasm, and a deep link's chunks) and taken by the loader
 * that wanted it (`rapportEarly.taken`); late, fetched by a loader itself.
 * A file fetched early that its loader did not take shows twice, both late.
 * (Not by start time: WebKit may start a fetch asked during parsing after the
 * page is interactive, which made such a check flaky.)
 */
export function wasmFetched() {
  const taken = new Set(window.rapportEarly?.taken ?? []);
  return performance
    .getEntriesByType('resource')
    .filter((entry) => new URL(entry.name).pathname.endsWith('.wasm'))
    .map((entry) => `${new URL(entry.name).pathname.replace(/^.*\//, '')} ${taken.has(entry.name) ? 'early' : 'late'}`)
    .sort();
}

/**
 * Run in a page: the wasm files whose fetch started once the page was
 * interactive. Chromium starts opening.js's fetches while the page is being
 * parsed, so a deep link there lists none (WebKit may start them later).
 */
export function wasmStartedAfterParsing() {
  const parsed = performance.getEntriesByType('navigation')[0].domInteractive;
  return performance
    .getEntriesByType('resource')
    .filter((entry) => new URL(entry.name).pathname.endsWith('.wasm') && entry.startTime >= parsed)
    .map((entry) => new URL(entry.name).pathname.replace(/^.*\//, ''));
}

/**
 * Run in a page: when its first content was painted and when the app's wasm
 * was asked for, in ms since it opened (on a first visit to Home,
 * assets/opening.js asks only once the page is painted).
 */
export function paintAndWasm() {
  const wasm = new URL(document.querySelector('meta[name="rapport-wasm"]').content, document.baseURI).href;
  return {
    painted: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    wasm: performance.getEntriesByType('resource').find((e) => e.name === wasm)?.startTime,
  };
}

/**
 * Run in a page: what `wasmFetched` gives when the page opened needing the
 * splits `splits` (one name or a list: `screens` or `data_screen` for a deep
 * link, `serial` for a stored journal, `lock_cipher` for a locked one), or
 * none: the app's wasm and the splits' chunks, as this build's page lists
 * them, each once and early.
 */
export function fetchedEarlyFor(splits = []) {
  const meta = (name) => document.querySelector(`meta[name="${name}"]`).content;
  const lists = JSON.parse(meta('rapport-chunks'));
  const files = new Set([meta('rapport-wasm'), ...[splits].flat().flatMap((split) => lists[split])]);
  return [...files].map((file) => `${file.replace(/^.*\//, '')} early`).sort();
}

/**
 * Run in a page: what `wasmFetched` gives on a first visit to Home, once
 * the serial code has come (see `fetchedAll`): the app's wasm early, then,
 * once the app has drawn Home, the serial code's chunks, late.
 */
export function fetchedOnFirstVisit() {
  const lists = JSON.parse(document.querySelector('meta[name="rapport-chunks"]').content);
  const app = document.querySelector('meta[name="rapport-wasm"]').content;
  const name = (file) => file.replace(/^.*\//, '');
  return [`${name(app)} early`, ...lists.serial.map((file) => `${name(file)} late`)].sort();
}

/**
 * Run in a page: whether it has fetched every file of this build's `split`
 * (by the resource timings, which list a fetch once it has ended).
 */
export function fetchedAll(split) {
  const lists = JSON.parse(document.querySelector('meta[name="rapport-chunks"]').content);
  const got = new Set(performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
  return lists[split].every((file) => got.has(new URL(file, document.baseURI).pathname));
}

/**
 * Waits until `page` (Playwright's) has fetched the serial code's chunks,
 * which an empty journal's Home asks for once it is drawn
 * (src/ui/on_demand.rs), so a test that then fails the chunks' fetches
 * fails only those it means to.
 */
export async function serialFetched(page) {
  await page.waitForFunction(fetchedAll, 'serial');
}

/**
 * Run in a page: the files of this build's `split` (as the page lists them),
 * by file name, sorted.
 */
export function chunksOf(split) {
  const lists = JSON.parse(document.querySelector('meta[name="rapport-chunks"]').content);
  return lists[split].map((file) => file.replace(/^.*\//, '')).sort();
}

/** Run in a page: the characters of every key and value the origin stores. */
export function storedCharacters() {
  return Object.keys(localStorage).reduce((n, k) => n + k.length + localStorage.getItem(k).length, 0);
}

/**
 * What the origin's localStorage holds beside what is in it now, by filling
 * it: `latin1` characters of 'ÿ' (U+00FF, the last of Latin-1, as an 8-bit
 * packing would write) and `packed` ones of U+4000 (the first of Rapport's
 * 15-bit packing), keys counted; `present`, the characters already stored
 * (Rapport's own meta). `run(fn, arg)` runs `fn` in the page: Playwright's
 * and puppeteer's `page.evaluate`, or WebDriver's `executeScript`.
 */
export async function packingCapacity(run) {
  const latin1 = await run(fillRemaining, 'ÿ');
  const packed = await run(fillRemaining, '\u{4000}');
  const present = await run(storedCharacters);
  return { latin1, packed, present };
}

/**
 * The line a capacity test prints: what the empty origin holds of each
 * packing, and the bits of data each carries per unit of the quota (the quota
 * being what Latin-1 text fills, plus what was there).
 */
export function capacityLine(engine, unit, { latin1, packed, present }) {
  const quota = latin1 + present;
  const n = (x) => x.toLocaleString('en');
  return (
    `${engine}: the empty origin (beside ${present} characters of Rapport's meta) holds ${n(latin1)} ` +
    `Latin-1 characters and ${n(packed)} packed ones (a quota of ${n(quota)} ${unit}): ` +
    `${((8 * latin1) / quota).toFixed(2)} bits a ${unit.replace(/s$/, '')} of quota with 8-bit Latin-1 packing, ` +
    `${((15 * packed) / quota).toFixed(2)} with 15-bit packing`
  );
}

/**
 * Another site's page on the shared origin (GitHub Pages serves every
 * project of a user from one) writes one item, under `key`, of the size that
 * brings everything the origin stores to `share` of localStorage's 5 MiB
 * (5,242,880 UTF-16 units, as Chromium and Firefox count), keys counted.
 * Returns the units the origin then holds.
 */
export async function fillOriginTo(page, share, key = 'other-app') {
  await page.evaluate((k) => localStorage.removeItem(k), key);
  const target = Math.round(5_242_880 * share);
  const size = target - (await page.evaluate(storedCharacters)) - key.length;
  await page.evaluate(([k, n]) => localStorage.setItem(k, 'x'.repeat(n)), [key, size]);
  return target;
}
