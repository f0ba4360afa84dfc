// Trunk's post-build hook (Trunk.toml): finishes the build in the staging
// directory, or in the directory given as an argument.
//
// - The app's wasm is fetched by assets/opening.js as the page opens
//   (from <meta name="rapport-wasm">), and Trunk's loader takes that
//   response, in place of Trunk's <link rel="preload" as="fetch">, which
//   WebKit never hands to the loader's fetch(): Safari downloaded the wasm
//   twice.
// - The Content-Security-Policy allows the inline scripts (Trunk's loader,
//   assets/opening.js) and the inline stylesheet by their SHA-256 hashes
//   instead of 'unsafe-inline' (scripts: in a release build; see below for
//   a development one).
// - 404.html is the app, as GitHub Pages answers unknown paths with it, so
//   a deep link reloads into the right page.
// - sw.js is the service worker, from scripts/sw.template.js, with this
//   build's files and a version computed from their content (in a release
//   build; a development build gets one that removes itself).
//
// Running it again on a finished build gives the same result.

import { createHash } from 'node:crypto';
import { readFile, writeFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error('usage: node scripts/post-build.mjs <dist dir> (or run by Trunk)');

const sha256 = (data) => createHash('sha256').update(data);

let html = await readFile(join(dir, 'index.html'), 'utf8');
fetchAppEarly();
const inline = (tag) =>
  [...html.matchAll(new RegExp(`<${tag}(?![^>]*\\bsrc=)[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]);
const hashes = (bodies) => bodies.map((body) => `'sha256-${sha256(body).digest('base64')}'`).join(' ');
const scripts = inline('script');
if (scripts.length === 0) throw new Error('post-build: no inline loader script found in index.html');
const release = (process.env.TRUNK_PROFILE ?? 'release') === 'release';
// A development build (`trunk serve`) also carries Trunk's auto-reload
// script, in which trunk serve writes each request's host: no hash can
// name it, so inline scripts are allowed there. Release builds, which the
// end-to-end tests check, allow only the scripts and the stylesheet that
// index.html carries, by their hashes.
/** Sets a CSP directive to `'self'` plus `sources`, or fails if there is none. */
function directive(name, sources) {
  const pattern = new RegExp(`(http-equiv="Content-Security-Policy"\\s+content="[^"]*?)${name} [^;"]*`);
  if (!pattern.test(html)) throw new Error(`post-build: no ${name} in the CSP`);
  html = html.replace(pattern, (_, start) => `${start}${name} 'self' ${sources}`.trimEnd());
}
/** Trunk's preload of the app's wasm becomes a fetch from opening.js that its loader takes. */
function fetchAppEarly() {
  const preload = [...html.matchAll(/<link rel="preload" href="([^"]+_bg\.wasm)"[^>]*>/g)];
  if (preload.length === 0 && html.includes('<meta name="rapport-wasm"')) return; // done on an earlier run
  if (preload.length !== 1) throw new Error(`post-build: expected Trunk's one preload of the wasm, found ${preload.length}`);
  const [link, wasm] = preload[0];
  const call = `init({ module_or_path: '${wasm}' })`;
  if (html.split(call).length !== 2) throw new Error(`post-build: Trunk's loader does not call ${call} once`);
  const base = html.match(/<base [^>]*>/);
  if (!base) throw new Error('post-build: index.html has no <base> to put the wasm meta after');
  html = html
    .replace(link, '')
    .replace(call, `init({ module_or_path: window.rapportEarly?.take('${wasm}') ?? '${wasm}' })`)
    // Before opening.js, which reads it as the page is parsed.
    .replace(base[0], `${base[0]}\n    <meta name="rapport-wasm" content="${wasm}" />`);
}
directive('script-src', `${release ? hashes(scripts) : "'unsafe-inline'"} 'wasm-unsafe-eval'`);
directive('style-src', hashes(inline('style')));
await writeFile(join(dir, 'index.html'), html);
await writeFile(join(dir, '404.html'), html);

async function files(root, at = root) {
  const found = [];
  for (const entry of await readdir(at, { withFileTypes: true })) {
    const path = join(at, entry.name);
    if (entry.isDirectory()) found.push(...(await files(root, path)));
    else found.push(relative(root, path).split('\\').join('/'));
  }
  return found;
}
const cached = (await files(dir)).filter((f) => f !== 'sw.js' && f !== '404.html').sort();
const version = sha256('');
for (const file of cached) version.update(`${file}\n`).update(await readFile(join(dir, file)));
// A development build (`trunk serve`) has no offline cache, so every rebuild
// shows at once: its worker removes itself and any release build's cache.
const RETIRE = `// Development build: no offline cache (scripts/post-build.mjs).
const PREFIX = \`rapport \${new URL('./', self.location).href} \`;
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) =>
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(PREFIX)) await caches.delete(name);
      await self.registration.unregister();
    })(),
  ),
);
`;
const template = release ? await readFile(new URL('sw.template.js', import.meta.url), 'utf8') : RETIRE;
const worker = template
  .replace("'__VERSION__'", JSON.stringify(version.digest('hex').slice(0, 16)))
  .replace('__FILES__', JSON.stringify(cached));
await writeFile(join(dir, 'sw.js'), worker);
