// Writes assets/first-visit.html: Home as the app draws it for an empty
// journal (its header and <main>), which index.html paints on a first visit
// before the wasm has arrived (assets/opening.js). Taken from a release
// build in Chromium, so it is the app's own markup, not a copy kept by hand;
// tests/e2e/opening.test.mjs fails when the two differ. After changing Home's
// empty state or the menu:
//
//   bash scripts/first-visit.sh      (builds, then writes the file)
//
// or, with a build of `--public-url /rapport/` at hand:
//
//   node scripts/first-visit.mjs [dist]

import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

export const FILE = new URL('../assets/first-visit.html', import.meta.url);

/**
 * The header and <main> under `root` (a CSS selector) as markup to compare or
 * to paint: Leptos's empty comment markers dropped, and links relative to
 * <base href>, so the file serves any sub-path.
 */
export function homeMarkup(page, root) {
  return page.evaluate((root) => {
    const scope = document.querySelector(root);
    const parts = [scope.querySelector(':scope > header.top'), scope.querySelector(':scope > main')];
    if (parts.includes(null)) throw new Error(`no header and main under ${root}`);
    const base = document.baseURI;
    return parts
      .map((part) => {
        const copy = part.cloneNode(true);
        const walker = document.createTreeWalker(copy, NodeFilter.SHOW_COMMENT);
        const comments = [];
        while (walker.nextNode()) comments.push(walker.currentNode);
        for (const comment of comments) comment.remove();
        for (const link of copy.querySelectorAll('[href]')) {
          const url = new URL(link.getAttribute('href'), base).href;
          if (url.startsWith(base)) link.setAttribute('href', url.slice(base.length) || './');
        }
        return copy.outerHTML;
      })
      .join('\n');
  }, root);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { startServer, launch } = await import('../tests/e2e/support.mjs');
  const server = await startServer(process.argv[2] ?? 'dist');
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await page.goto(server.url(''));
    await page.getByRole('heading', { level: 2, name: 'Start here' }).waitFor();
    const markup = await homeMarkup(page, 'body');
    await writeFile(FILE, `${markup}\n`);
    console.log(`wrote ${FILE.pathname} (${markup.length} characters)`);
  } finally {
    await browser.close();
    await server.close();
  }
}
