// The accessibility audit the end-to-end tests run on a page: axe-core in
// the light and the dark colour scheme, and the checks axe leaves out
// (faint edges and placeholders, focus hidden under a message).

import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';

const SCHEMES = ['light', 'dark'];

/**
 * Runs axe on the page as it is, in each colour scheme, with every rule axe
 * enables by default (WCAG 2 A and AA, and its best practices). Returns one
 * line per element in violation, naming where, the scheme and the rule.
 */
export async function audit(page, where) {
  const found = [];
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    assert.equal(
      await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches),
      colorScheme === 'dark',
      `the page sees the ${colorScheme} scheme`,
    );
    for (const edge of await faintEdges(page)) found.push(`${where} (${colorScheme}): ${edge}`);
    const results = await new AxeBuilder({ page }).analyze();
    assert.ok(results.passes.length > 10, `axe ran its rules on ${where}`);
    for (const violation of results.violations) {
      for (const node of violation.nodes) {
        found.push(`${where} (${colorScheme}): ${violation.id}: ${violation.help} at ${node.target.join(' ')} — ${node.failureSummary.replace(/\s+/g, ' ')}`);
      }
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  for (const hidden of await focusUnderMessage(page)) found.push(`${where}: ${hidden}`);
  return found;
}

/**
 * Also beyond axe (WCAG 2.4.11, focus not obscured): while a message is up
 * at the foot of the screen, every control of the page, given the keyboard,
 * is scrolled far enough clear of it to be seen and pointed at: one line per
 * control whose middle ends up under it.
 */
function focusUnderMessage(page) {
  return page.evaluate(() => {
    const toast = document.querySelector('.toast');
    if (!toast) return [];
    const under = [];
    const before = [document.activeElement, scrollX, scrollY];
    for (const el of document.querySelectorAll('main a[href], main button, main input, main select, main textarea, main [tabindex="0"]')) {
      if (el.disabled || !el.checkVisibility()) continue;
      el.focus();
      const box = el.getBoundingClientRect();
      const over = toast.getBoundingClientRect();
      const [x, y] = [(box.left + box.right) / 2, (box.top + box.bottom) / 2];
      if (x > over.left && x < over.right && y > over.top && y < over.bottom) {
        under.push(`focus under the message on “${(el.getAttribute('aria-label') || el.textContent || el.id).trim().slice(0, 40)}”`);
      }
    }
    before[0]?.focus?.();
    scrollTo(before[1], before[2]);
    return under;
  });
}

/**
 * What axe does not check: every visible field and button shows its edge,
 * its border or its fill, at 3:1 or more against what is behind it (WCAG
 * 1.4.11, non-text contrast), and a placeholder reads at 4.5:1 against its
 * field (1.4.3; axe skips pseudo-elements). One line per fault.
 */
function faintEdges(page) {
  return page.evaluate(() => {
    const rgb = (c) => {
      const m = c.match(/rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? ?\/? ?([\d.]+))?\)/);
      return m && { r: +m[1], g: +m[2], b: +m[3], a: m[4] === undefined ? 1 : +m[4] };
    };
    const luminance = ({ r, g, b }) => {
      const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const ratio = (x, y) => {
      const [hi, lo] = [luminance(x), luminance(y)].sort((a, b) => b - a);
      return (hi + 0.05) / (lo + 0.05);
    };
    const behind = (el) => {
      for (let e = el.parentElement; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c && c.a === 1) return c;
      }
      return rgb(getComputedStyle(document.documentElement).backgroundColor) ?? { r: 255, g: 255, b: 255, a: 1 };
    };
    const skip = new Set(['checkbox', 'radio', 'file', 'range', 'hidden', 'color']);
    const faint = [];
    for (const el of document.querySelectorAll('input, select, textarea, button')) {
      if (skip.has(el.type) || el.disabled || !el.checkVisibility()) continue;
      const style = getComputedStyle(el);
      const back = behind(el);
      const fill = rgb(style.backgroundColor);
      const border = parseFloat(style.borderTopWidth) > 0 && style.borderTopStyle !== 'none' ? rgb(style.borderTopColor) : null;
      const edges = [border, fill].filter((c) => c && c.a === 1).map((c) => ratio(c, back));
      // A control drawn as text alone (a close button in a chip) has no edge to see.
      if (edges.length === 0) continue;
      const best = Math.max(...edges);
      const name = (el.getAttribute('aria-label') || el.labels?.[0]?.textContent || el.textContent || el.id).trim().slice(0, 40);
      if (best < 3) faint.push(`faint edge (${best.toFixed(2)}:1) on ${el.tagName.toLowerCase()} “${name}”`);
      // A placeholder is text too, which axe leaves out: 4.5:1 against the field.
      if (el.placeholder) {
        const text = rgb(getComputedStyle(el, '::placeholder').color);
        const ground = fill && fill.a === 1 ? fill : back;
        const contrast = ratio(text, ground);
        if (contrast < 4.5) faint.push(`faint placeholder (${contrast.toFixed(2)}:1) in “${name}”`);
      }
    }
    return faint;
  });
}
