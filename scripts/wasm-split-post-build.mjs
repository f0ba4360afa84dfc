// Trunk's post-build hook (Trunk.toml): puts the screens' wasm chunks and
// their loader, made by scripts/wasm-split-link.sh, into the build, then
// finishes it with scripts/post-build.mjs (so the service worker lists them
// and the Content-Security-Policy is set).
//
// The app's JS imports its loader from ./split-<key>/__wasm_split.js (the
// key was written into the wasm by the linker); the chunks sit beside the
// loader, so one build's files never meet another's. In a release build each
// chunk goes through wasm-opt, as Trunk does with the main module.

import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { TABLE, TABLE_RENAMED } from './wasm-split-rewrite.mjs';
import { TAKE_EARLY, chunksOfSplits } from './wasm-split-chunks.mjs';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error('usage: node scripts/wasm-split-post-build.mjs <dist dir> (or run by Trunk)');
// As index.html's data-wasm-opt-params for the main module.
const WASM_OPT = ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-multivalue', '--enable-reference-types'];
const release = (process.env.TRUNK_PROFILE ?? 'release') === 'release';
const target = process.env.CARGO_TARGET_DIR ?? 'target';

const staged = await readdir(dir);
// Trunk's hash is a 64-bit number in hex without leading zeros: up to 16 digits.
const mainJs = staged.find((f) => /^rapport-[0-9a-f]{1,16}\.js$/.test(f));
if (!mainJs) throw new Error(`wasm-split: no rapport-<hash>.js in the build (${dir}: ${staged.join(', ')})`);
const key = (await readFile(join(dir, mainJs), 'utf8')).match(/\.\/split-([0-9a-f]{16})\/__wasm_split\.js/)?.[1];
if (key && !staged.includes(`split-${key}`)) await addSplit(key);
else if (!key) console.log('wasm-split: this build has no split points');
if (key) await listChunksInPage(key);

async function addSplit(key) {
  const stash = join(target, 'wasm32-unknown-unknown', release ? 'release' : 'debug', 'wasm-split', key);
  if (!existsSync(stash)) throw new Error(`wasm-split: the app loads split-${key}/, but the linker left no ${stash}`);
  const into = join(dir, `split-${key}`);
  await rm(into, { recursive: true, force: true });
  await mkdir(into);
  for (const file of await readdir(stash)) {
    if (file.endsWith('.wasm')) {
      if (release) await optimise(join(stash, file), join(into, file));
      else await copyFile(join(stash, file), join(into, file));
    } else if (file === '__wasm_split.js') {
      await writeFile(join(into, file), loader(await readFile(join(stash, file), 'utf8')));
    } else {
      throw new Error(`wasm-split: unexpected file ${file} from wasm-split-cli`);
    }
  }
  console.log(`wasm-split: added split-${key}/ (${(await readdir(into)).length} files)`);
}

/**
 * Tells the page which files each split needs (`<meta name="rapport-chunks">`,
 * read by assets/opening.js): a deep link then fetches its screen's chunks
 * alongside the app's wasm, where the loader would ask only once the app has
 * started. Read from this build's loader, so the list cannot go stale.
 */
async function listChunksInPage(key) {
  const folder = `split-${key}`;
  const splits = chunksOfSplits(await readFile(join(dir, folder, '__wasm_split.js'), 'utf8'));
  const files = Object.fromEntries(
    Object.entries(splits).map(([split, chunks]) => [split, chunks.map((file) => `${folder}/${file}`)]),
  );
  const meta = `<meta name="rapport-chunks" content="${JSON.stringify(files).replaceAll('&', '&amp;').replaceAll('"', '&quot;')}" />`;
  const page = join(dir, 'index.html');
  const html = await readFile(page, 'utf8');
  // Before opening.js, which reads it as the page is parsed.
  const base = html.match(/<base [^>]*>/);
  if (!base) throw new Error('wasm-split: index.html has no <base> to put the chunks list after');
  await writeFile(page, html.replace(base[0], `${base[0]}\n    ${meta}`));
}

/** wasm-opt on one chunk, without its warning about the name section's
 * newer subsections (wasm-split-cli writes them; the output drops names). */
async function optimise(from, to) {
  const run = spawn('wasm-opt', [...WASM_OPT, from, '-o', to], { stdio: ['ignore', 'inherit', 'pipe'] });
  let stderr = '';
  run.stderr.setEncoding('utf8').on('data', (part) => (stderr += part));
  const status = await new Promise((done, fail) => run.on('error', fail).on('close', done));
  const told = stderr.split('\n').filter((line) => line && !/^warning: unknown name subsection/.test(line));
  if (told.length) console.error(told.join('\n'));
  if (status !== 0) throw new Error(`wasm-split: wasm-opt failed on ${from}`);
}

/**
 * The loader, pointed at this build's app JS and at the table export the
 * linker renamed, its fetches taking what the page fetched early.
 */
function loader(source) {
  const once = (text, from, to) => {
    const parts = text.split(from);
    if (parts.length !== 2) throw new Error(`wasm-split: expected ${from} once in the loader, found ${parts.length - 1}`);
    return parts.join(to);
  };
  let js = once(source, 'from "./rapport.js";\n', `from "../${mainJs}";\n${TAKE_EARLY}`);
  const shares = js.match(/const \{ ([^}]*) \} = initSync\(undefined, undefined\);/);
  if (!shares || !shares[1].split(/,\s*/).includes(TABLE)) throw new Error(`wasm-split: the loader does not take ${TABLE} from the app`);
  js = once(js, shares[0], shares[0].replace(`{ ${shares[1]} }`, `{ ${shares[1].replace(TABLE, `${TABLE_RENAMED}: ${TABLE}`)} }`));
  return js;
}

// Trunk runs the hooks of one stage at the same time, so the usual
// post-build runs from here, after the chunks are in.
await import('./post-build.mjs');
