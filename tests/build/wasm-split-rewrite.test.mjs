// The split main module's rewrite (scripts/wasm-split-rewrite.mjs), on small
// modules written here byte by byte: the loader's import and the table's
// export get their new names, the module stays valid, nothing else changes,
// and a module that does not look as expected is refused.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rewrite, LOADER, TABLE, TABLE_RENAMED } from '../../scripts/wasm-split-rewrite.mjs';

const KEY = '0123456789abcdef';
const bytes = (...parts) => Buffer.concat(parts.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p))));
const name = (text) => bytes([Buffer.byteLength(text)], Buffer.from(text));
const section = (id, ...body) => {
  const payload = bytes(...body);
  return bytes([id, payload.length], payload);
};

/** A module importing one function from `loader` and exporting its table as `table`. */
function module({ loader = LOADER, table = TABLE, custom = null } = {}) {
  return bytes(
    [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    section(1, [1, 0x60, 0, 0]), // one type: () -> ()
    // imports: a function from the loader, and a memory from elsewhere
    section(2, [2], name(loader), name('__wasm_split_load_people'), [0x00, 0], name('env'), name('memory'), [0x02, 0x00, 1]),
    section(4, [1, 0x70, 0x01, 1, 2]), // one funcref table, 1 to 2
    section(7, [2], name(table), [0x01, 0], name('keep_me'), [0x01, 0]),
    custom ? section(0, name('note'), Buffer.from(custom)) : [],
  );
}

test('the loader import and the table export get their new names, and the module stays valid', () => {
  const out = rewrite(module({ custom: 'left alone' }), KEY);
  assert.ok(WebAssembly.validate(out));
  const compiled = new WebAssembly.Module(out);
  assert.deepEqual(
    WebAssembly.Module.imports(compiled).map((i) => `${i.module} ${i.name}`),
    [`./split-${KEY}/__wasm_split.js __wasm_split_load_people`, 'env memory'],
  );
  assert.deepEqual(
    WebAssembly.Module.exports(compiled).map((e) => `${e.name} ${e.kind}`),
    [`${TABLE_RENAMED} table`, 'keep_me table'],
  );
  assert.deepEqual(WebAssembly.Module.customSections(compiled, 'note').map((b) => Buffer.from(b).toString()), ['left alone']);
});

test('a module that is not as the split leaves it is refused', () => {
  assert.throws(() => rewrite(module({ loader: './other.js' }), KEY), /no import from \.\/__wasm_split\.js/);
  assert.throws(() => rewrite(module({ table: 'something_else' }), KEY), /expected one export __indirect_function_table, found 0/);
  assert.throws(() => rewrite(Buffer.from('not wasm at all'), KEY), /not a wasm module/);
  assert.throws(() => rewrite(module().subarray(0, 20), KEY), /ends early/);
  assert.throws(() => rewrite(module(), 'nothex'), /16 hex digits/);
});
