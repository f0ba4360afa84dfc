// Shared pieces of the Firefox tests: Debian's stock firefox-esr, headless,
// driven by puppeteer-core over WebDriver BiDi (playwright-core cannot drive
// a stock Firefox), on a fresh profile that cannot reach the network.

import { readFileSync } from 'node:fs';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';
// The static server and the error collector work as they are: puppeteer's
// pages emit the same 'pageerror' and 'console' events as playwright's.
import { startServer, collectErrors } from '../e2e/support.mjs';

export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';

/**
 * The same preferences the wasm-bindgen browser tests give Firefox through
 * geckodriver (webdriver.json): any request that would leave the machine goes
 * to a closed local port and fails at once instead of waiting on a network
 * this machine does not have.
 */
export const PREFS = JSON.parse(readFileSync(new URL('../../webdriver.json', import.meta.url), 'utf8'))['moz:firefoxOptions'].prefs;

/**
 * A headless Firefox with its own new, empty profile (puppeteer makes one in
 * the temporary folder and removes it on close). Remote settings honour the
 * server set in PREFS only with MOZ_REMOTE_SETTINGS_DEVTOOLS in release
 * builds, so it is set too.
 */
export async function launchFirefox() {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: PREFS,
    env: { ...process.env, MOZ_HEADLESS: '1', MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    timeout: 60_000,
    protocolTimeout: 60_000,
    defaultViewport: { width: 1280, height: 900 },
  });
  return browser;
}

const aria = (role, name) => `::-p-aria([name=${JSON.stringify(name)}][role="${role}"])`;

/** An element found by its role and accessible name, as a person finds it. */
export function byRole(page, role, name) {
  return page.locator(aria(role, name));
}

/**
 * The same, inside `scope` (an element handle): Firefox walks only that part
 * of the accessibility tree, which matters on a page of thousands of nodes.
 */
export async function inside(scope, role, name) {
  return (await scope.waitForSelector(aria(role, name), { timeout: 30_000 })).asLocator();
}

/**
 * The part of the page named `name` with the role `role` (a region, a form),
 * in `scope`: the page, or an element handle (see `inside`).
 */
export function part(scope, role, name) {
  return scope.waitForSelector(aria(role, name), { timeout: 30_000 });
}

/** Resolves once some status message on the page says `text`. */
export function statusSays(page, text) {
  return page.waitForFunction(
    (wanted) => [...document.querySelectorAll('[role=status]')].some((s) => s.textContent.includes(wanted)),
    { timeout: 30_000, polling: 50 },
    text,
  );
}

/** A screen's heading drawn by the app (index.html paints its own inside #opening). */
const APP_HEADING = 'body > main h1';

/** A new tab on an empty origin: storage cleared, the app loaded at `path`. */
export async function freshPage(app, path = 'journal') {
  const { page, errors } = await app.newPage();
  await page.goto(app.server.url(path));
  // The app up first (a reload while the wasm is still on its way aborts its
  // fetch): its heading, not the one index.html paints on a first visit.
  await page.waitForSelector(APP_HEADING);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector(APP_HEADING);
  return { page, errors };
}

/**
 * Journal → Add an interaction, as a person types it; waits for "Saved.".
 * The form is looked for in `scope` (the page, or the screen's `<main>` on
 * a page of thousands of nodes).
 */
export async function addInteraction(page, { who, notes }, scope = page) {
  const form = await part(scope, 'region', 'Add an interaction');
  const whoField = await inside(form, 'combobox', 'Who');
  for (const name of who) {
    await whoField.fill(name);
    await page.keyboard.press('Enter');
  }
  await (await inside(form, 'textbox', 'Notes')).fill(notes);
  await (await inside(form, 'button', 'Add interaction')).click();
  await statusSays(page, 'Saved.');
}

/** The notes of the interactions the Journal shows. */
export function shownNotes(page) {
  return page.$$eval('article .notes', (ps) => ps.map((p) => p.textContent));
}

/**
 * Starts the static server (the one the Chromium tests use, serving 404.html
 * for unknown paths as GitHub Pages does) and Firefox before a file's tests,
 * and stops them after, failing the file if any request left the origin.
 */
export function useFirefox() {
  const app = { offOrigin: [], seen: 0 };
  /** A new tab whose requests are watched; returns it and its errors. */
  app.newPage = async () => {
    const page = await app.browser.newPage();
    page.on('request', (request) => {
      const url = request.url();
      app.seen++;
      if (!url.startsWith(app.server.origin + '/') && !/^(blob|data|about):/.test(url)) app.offOrigin.push(url);
    });
    return { page, errors: collectErrors(page) };
  };
  before(async () => {
    app.server = await startServer();
    app.browser = await launchFirefox();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
    assert.ok(app.seen > 0, 'requests were watched');
    assert.deepEqual(app.offOrigin, [], 'no request left the origin');
  });
  return app;
}
