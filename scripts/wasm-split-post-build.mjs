// EXPERIMENT: copies the split chunks and loader written by
// scripts/wasm-split-link.sh into Trunk's staging dir, points the loader at
// this build's hashed wasm-bindgen JS, and runs wasm-opt on each chunk.
// Runs before scripts/post-build.mjs (so the service worker lists them).
import { readFile, writeFile, readdir, copyFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
const profile = process.env.TRUNK_PROFILE ?? 'release';
const target = process.env.CARGO_TARGET_DIR ?? 'target';
const out = join(target, 'wasm32-unknown-unknown', profile === 'release' ? 'release' : 'debug');
const key = createHash('sha256').update(await readFile(join(out, 'rapport.wasm'))).digest('hex').slice(0, 16);
const stash = join(out, 'wasm-split', key);
const mainJs = (await readdir(dir)).find((f) => /^rapport-[0-9a-f]+\.js$/.test(f));
const needed = (await readFile(join(dir, mainJs), 'utf8')).includes('./__wasm_split.js');
if (existsSync(stash)) await copySplit();
else if (needed) throw new Error(`wasm-split: the app imports ./__wasm_split.js but ${stash} is missing`);
else console.log('wasm-split: no split points in this build');

async function copySplit() {
const staged = await readdir(dir);
const js = staged.find((f) => /^rapport-[0-9a-f]+\.js$/.test(f));
if (!js) throw new Error('wasm-split: no rapport-<hash>.js in the staging dir');
for (const f of await readdir(stash)) {
    if (f.endsWith('.wasm')) {
    execFileSync('wasm-opt', ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
      '--enable-mutable-globals', '--enable-multivalue', '--enable-reference-types', join(stash, f), '-o', join(dir, f)], { stdio: 'inherit' });
  } else if (f.endsWith('.js')) {
    let src = await readFile(join(stash, f), 'utf8');
    src = src.replace('from "./rapport.js"', `from "./${js}"`);
    // The main module's table export was renamed by the linker wrapper.
    src = src.replace(/(const \{[^}]*)\b__indirect_function_table\b([^}]*\} = initSync)/, '$1__wasm_split_ind_fn_table: __indirect_function_table$2');
    await writeFile(join(dir, f), src);
  } else {
    await copyFile(join(stash, f), join(dir, f));
  }
}
console.log(`wasm-split: copied ${stash} into ${dir}`);
}
// Trunk runs hooks of one stage at the same time: the usual post-build runs
// here, after the copy, so its service worker lists the chunks.
await import('./post-build.mjs');
