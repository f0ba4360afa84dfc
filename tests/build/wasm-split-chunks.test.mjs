// What each split point needs fetched (scripts/wasm-split-chunks.mjs), read
// from a loader shaped as wasm-split-cli 0.2 writes it: shared chunks first,
// each file once, and a loader of any other shape refused, so that a new
// wasm-split-cli cannot leave the page fetching the wrong files early.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TAKE_EARLY, chunksOfSplits } from '../../scripts/wasm-split-chunks.mjs';

const load = (name, file, deps, exported = true) => `${exported ? 'export ' : ''}const ${name} = ${exported ? 'wrapAsyncCb(' : ''}makeLoad(() => {
    const src = fetch(new URL("./${file}", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [${deps.join(', ')}])${exported ? ')' : ''};`;

const header = `import { initSync } from "./rapport.js";
function makeLoad(fetcher, deps) { return () => {}; }
`;

test('each split needs its shared chunks, then its own', () => {
  const loader = [
    header,
    '/* data_screen, screens */',
    load('__chunk_3', 'chunk_3.wasm', [], false),
    load('__chunk_4', 'chunk_4.wasm', ['__chunk_3'], false),
    load('__wasm_split_load_screens', 'split_screens.wasm', ['__chunk_3']),
    load('__wasm_split_load_data_screen', 'split_data_screen.wasm', ['__chunk_4', '__chunk_3']),
  ].join('\n');
  assert.deepEqual(chunksOfSplits(loader), {
    screens: ['chunk_3.wasm', 'split_screens.wasm'],
    data_screen: ['chunk_3.wasm', 'chunk_4.wasm', 'split_data_screen.wasm'],
  });
});

test('a loader of another shape is refused', () => {
  const good = load('__wasm_split_load_screens', 'split_screens.wasm', []);
  assert.deepEqual(chunksOfSplits(header + good), { screens: ['split_screens.wasm'] });
  // The same, taking what the page fetched early, as the build leaves it.
  const taking = header.replace('\n', `\n${TAKE_EARLY}`);
  assert.match(taking, /^import .*\n\/\/ A chunk fetched/);
  assert.deepEqual(chunksOfSplits(taking + good), { screens: ['split_screens.wasm'] });
  assert.throws(() => chunksOfSplits(`${taking}${good}\nconst other = fetch("./x.wasm");`), /shape/);
  // A fetch the parser did not understand.
  assert.throws(() => chunksOfSplits(`${header}${good}\nconst other = fetch("./x.wasm");`), /shape/);
  // A dependency it does not define.
  assert.throws(() => chunksOfSplits(header + load('__wasm_split_load_screens', 'split_screens.wasm', ['__chunk_9'])), /__chunk_9/);
  // No split at all.
  assert.throws(() => chunksOfSplits(header), /shape/);
  // An export that is not a split's loader.
  assert.throws(() => chunksOfSplits(header + load('__something_else', 'x.wasm', [])), /unexpected export/);
});
