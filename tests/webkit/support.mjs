// Shared pieces of the WebKit tests: WebKitGTK's MiniBrowser (Safari's
// engine) driven through WebKitWebDriver over W3C WebDriver with npm
// selenium-webdriver, under a virtual display (run the tests inside
// `xvfb-run`). Controls are found by role and accessible name, as WebDriver's
// computed role and label give them.

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { before, after } from 'node:test';
import { Builder, By, Key } from 'selenium-webdriver';
import { startServer } from '../e2e/support.mjs';

export const MINIBROWSER = process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** A free local port for the driver. */
async function freePort() {
  const server = createServer();
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

/** Commands that read, or navigate to where the page already is: safe to send twice. */
const RESENDABLE = new Set([
  'get', 'refresh', 'getCurrentUrl', 'getTitle', 'findElement', 'findElements', 'findChildElement',
  'findChildElements', 'executeScript', 'executeAsyncScript', 'getElementText', 'getAriaRole',
  'getAccessibleName', 'getElementAttribute', 'getDomAttribute', 'getElementProperty', 'isElementDisplayed',
  'isElementEnabled', 'getCapabilities', 'setTimeout',
]);

/**
 * WebKitWebDriver (2.50) now and then never answers one command sent while a
 * service-worker page settles (at a navigation, a script or a find; 1 run
 * of this suite in 34 on 2 busy cores, 2026-12-01), though
 * it answers the next one at once and the page is fine. So a command
 * unanswered after `patience` ms is sent again, up to twice, when sending
 * it twice cannot change anything (`RESENDABLE`); any other command fails
 * with a message that says so. Each resend is logged.
 */
function resendLost(driver, patience = 10_000) {
  const executor = driver.getExecutor();
  const send = executor.execute.bind(executor);
  executor.execute = async (command) => {
    const name = command.getName();
    // Sending a command uses up its parameters (the session id goes into the URL).
    const parameters = { ...command.getParameters() };
    for (let attempt = 1; ; attempt++) {
      command.setParameters({ ...parameters });
      let timer;
      const silence = new Promise((_, fail) => {
        timer = setTimeout(() => fail(new LostCommand(name, patience)), patience);
      });
      const answer = send(command);
      try {
        return await Promise.race([answer, silence]);
      } catch (e) {
        if (!(e instanceof LostCommand)) throw e;
        // Whether the lost command ever runs (it has not, so far: see the log).
        const sent = Date.now() - patience;
        answer.then(
          () => console.error(`# ... ${name} was answered after all, ${Date.now() - sent} ms after it was sent`),
          () => {},
        );
        if (!RESENDABLE.has(name) || attempt === 3) throw e;
        console.error(`# WebKitWebDriver did not answer ${name} in ${patience} ms: sent again (${attempt + 1} of 3)`);
      } finally {
        clearTimeout(timer);
      }
    }
  };
}

class LostCommand extends Error {
  constructor(name, patience) {
    super(`WebKitWebDriver did not answer ${name} in ${patience} ms`);
  }
}

/**
 * Starts the static server, WebKitWebDriver and one MiniBrowser session for
 * the file's tests (a session takes seconds to start); stops them after.
 */
export function useWebKit() {
  const app = {};
  before(async () => {
    app.server = await startServer();
    const port = await freePort();
    app.driverProcess = spawn('WebKitWebDriver', [`--port=${port}`], { stdio: ['ignore', 'ignore', 'inherit'] });
    const spawned = new Promise((_, fail) => app.driverProcess.once('error', fail));
    const session = (async () => {
      for (let tries = 0; ; tries++) {
        try {
          return await new Builder()
            .usingServer(`http://127.0.0.1:${port}`)
            .withCapabilities({
              browserName: 'MiniBrowser',
              // Navigations return at the load event. With "eager" (at
              // DOMContentLoaded) the driver lost a command in 1 run of 3
              // while the service worker settled; with "normal", 1 in 34.
              pageLoadStrategy: 'normal',
              'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
            })
            .build();
        } catch (e) {
          if (tries > 50) throw new Error(`WebKitWebDriver did not start a MiniBrowser session: ${e.message}`);
          await new Promise((ok) => setTimeout(ok, 200));
        }
      }
    })();
    app.driver = await Promise.race([session, spawned]);
    resendLost(app.driver);
    app.version = (await app.driver.getCapabilities()).get('browserVersion');
  });
  after(async () => {
    await app.driver?.quit().catch(() => {});
    app.driverProcess?.kill();
    await app.server?.close();
  });
  return app;
}

/** Tags and roles that can carry each role, to narrow the search. */
const CANDIDATES = {
  heading: 'h1,h2,h3,h4,h5,h6,[role=heading]',
  link: 'a[href],[role=link]',
  button: 'button,[role=button],input[type=button],input[type=submit]',
  textbox: 'input:not([type]),input[type=text],textarea,[role=textbox]',
  combobox: 'input,[role=combobox]',
  searchbox: 'input[type=search],[role=searchbox]',
  region: 'section,[role=region]',
  status: '[role=status],output',
  meter: 'meter,[role=meter]',
};

/**
 * The elements `scope` holds for `locator`, or none while the page swaps
 * them (the app taking the place of what index.html painted): WebKitWebDriver
 * then fails the whole search with a stale element.
 */
async function findAll(scope, locator) {
  try {
    return await scope.findElements(locator);
  } catch (e) {
    if (e.name === 'StaleElementReferenceError') return [];
    throw e;
  }
}

/**
 * The first element inside `scope` (the driver or an element) with `role`
 * and accessible name `name` (a string, or a RegExp), waiting up to
 * `timeout` ms for it to appear.
 */
export async function byRole(scope, driver, role, name, { timeout = 10_000 } = {}) {
  const deadline = Date.now() + timeout;
  const matches = (text) => (name instanceof RegExp ? name.test(text) : text === name);
  for (;;) {
    for (const el of await findAll(scope, By.css(CANDIDATES[role] ?? `[role=${role}]`))) {
      try {
        // WebDriver computes roles and names inside `inert` too (the
        // first-visit Home index.html paints), which no one can reach.
        if (await driver.executeScript((e) => e.closest('[inert]') !== null, el)) continue;
        // WebKit computes a text input with a list of suggestions (<input
        // list>, a combobox in HTML-AAM and in Chromium) as a textbox.
        const computed = await el.getAriaRole();
        const suggests = computed === 'textbox' && (await el.getAttribute('list')) !== null;
        const roles = [computed, await el.getAttribute('role'), suggests ? 'combobox' : null];
        if (roles.includes(role) && matches((await el.getAccessibleName()).trim())) return el;
      } catch {
        // Gone from the page while we looked: look again.
      }
    }
    if (Date.now() > deadline) throw new Error(`no ${role} named ${name} appeared in ${timeout} ms`);
    await driver.sleep(100);
  }
}

/**
 * Types `text` into `field`. WebKitWebDriver refuses keys for some controls
 * it wrongly finds not displayed; there the value is set by script with the
 * input event a person's typing fires.
 */
export async function fill(driver, field, text) {
  try {
    await field.clear();
    if (text) await field.sendKeys(text);
    if ((await field.getAttribute('value')) === text) return;
  } catch {
    // Not interactable as WebKitWebDriver sees it: set it by script below.
  }
  await driver.executeScript(
    `const [el, text] = arguments;
     const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
     Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, text);
     el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));`,
    field,
    text,
  );
}

/** Presses Enter in `field` (by key event from a script where keys fail). */
export async function pressEnter(driver, field) {
  try {
    await field.sendKeys(Key.ENTER);
  } catch {
    await driver.executeScript(
      `arguments[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }));`,
      field,
    );
  }
}

/** Clicks `el`, by script where WebKitWebDriver finds it not displayed. */
export async function click(driver, el) {
  try {
    await el.click();
  } catch {
    await driver.executeScript('arguments[0].click()', el);
  }
}

/** Waits until a status line says something containing `text`. */
export async function statusSays(driver, text, timeout = 10_000) {
  await driver.wait(
    () => driver.executeScript((t) => [...document.querySelectorAll('[role=status]')].some((s) => s.textContent.includes(t)), text),
    timeout,
    `no status said “${text}”`,
  );
}

/** Adds an interaction through the Journal's form, as a person does. */
export async function addInteraction(driver, { who, notes }) {
  const form = await byRole(driver, driver, 'region', 'Add an interaction');
  const whoField = await byRole(form, driver, 'combobox', 'Who');
  for (const name of who) {
    await fill(driver, whoField, name);
    await pressEnter(driver, whoField);
  }
  await fill(driver, await byRole(form, driver, 'textbox', 'Notes'), notes);
  await click(driver, await byRole(form, driver, 'button', 'Add interaction'));
  await statusSays(driver, 'Saved.');
}

/** The notes of the interactions listed, in order. */
export function shownNotes(driver) {
  return driver.executeScript(() => [...document.querySelectorAll('article .notes')].map((n) => n.textContent));
}
