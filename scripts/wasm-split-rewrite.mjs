// Rewrites the split main module (scripts/wasm-split-link.sh) before Trunk
// hands it to wasm-bindgen, by parsing its import and export sections:
//
// - the loader's import module "./__wasm_split.js" becomes
//   "./split-<key>/__wasm_split.js", so that this build's loader and chunks
//   live in a folder named after the build, and a page can never load
//   another version's chunk into its memory (a browser's HTTP cache, or a
//   deployment between two downloads, could otherwise mix them);
// - the export "__indirect_function_table" becomes "__wasm_split_ind_fn_table":
//   wasm-bindgen removes linker exports unless given --keep-lld-exports,
//   which Trunk cannot pass, and the loader needs the table to add the
//   chunks' functions to it.
//
//   node scripts/wasm-split-rewrite.mjs <module.wasm> <key>

import { readFileSync, writeFileSync } from 'node:fs';

export const LOADER = './__wasm_split.js';
export const TABLE = '__indirect_function_table';
export const TABLE_RENAMED = '__wasm_split_ind_fn_table';

/** The module with its loader import and table export renamed; throws on anything unexpected. */
export function rewrite(bytes, key) {
  if (!/^[0-9a-f]{16}$/.test(key)) throw new Error(`wasm-split-rewrite: the key must be 16 hex digits, not ${key}`);
  const input = new Reader(bytes);
  if (input.bytes(8).toString('hex') !== '0061736d01000000') throw new Error('wasm-split-rewrite: not a wasm module');
  const out = [bytes.subarray(0, 8)];
  let imports = 0;
  let tables = 0;
  while (!input.done()) {
    const id = input.byte();
    const size = input.u32();
    const body = new Reader(input.bytes(size));
    if (id === 2) {
      const entries = [];
      for (let n = body.u32(); n > 0; n--) {
        let module = body.name();
        const field = body.name();
        const start = body.at;
        skipImportDesc(body);
        if (module === LOADER) {
          module = `./split-${key}/__wasm_split.js`;
          imports++;
        }
        entries.push(name(module), name(field), body.buf.subarray(start, body.at));
      }
      out.push(section(id, entries));
    } else if (id === 7) {
      const entries = [];
      for (let n = body.u32(); n > 0; n--) {
        let exported = body.name();
        const kind = body.byte();
        const index = body.u32();
        if (exported === TABLE && kind === 1) {
          exported = TABLE_RENAMED;
          tables++;
        }
        entries.push(name(exported), Buffer.from([kind]), leb(index));
      }
      out.push(section(id, entries));
    } else {
      out.push(Buffer.from([id]), leb(size), body.buf);
    }
  }
  if (imports === 0) throw new Error(`wasm-split-rewrite: no import from ${LOADER}`);
  if (tables !== 1) throw new Error(`wasm-split-rewrite: expected one export ${TABLE}, found ${tables}`);
  return Buffer.concat(out);
}

function section(id, entries) {
  const body = Buffer.concat([leb(entries.length / 3), ...entries]);
  return Buffer.concat([Buffer.from([id]), leb(body.length), body]);
}

function name(text) {
  const utf8 = Buffer.from(text, 'utf8');
  return Buffer.concat([leb(utf8.length), utf8]);
}

function leb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}

/** Steps over an import's description: function, table, memory, global or tag. */
function skipImportDesc(r) {
  const kind = r.byte();
  if (kind === 0x00 || kind === 0x04) {
    if (kind === 0x04) r.byte(); // tag attribute
    r.u32(); // type index
  } else if (kind === 0x01) {
    refType(r);
    limits(r);
  } else if (kind === 0x02) {
    limits(r);
  } else if (kind === 0x03) {
    const type = r.byte();
    if (type === 0x63 || type === 0x64) r.u32(); // (ref null? heaptype)
    r.byte(); // mutability
  } else {
    throw new Error(`wasm-split-rewrite: unknown import kind ${kind}`);
  }
}

function refType(r) {
  const type = r.byte();
  if (type === 0x63 || type === 0x64) r.u32();
}

function limits(r) {
  const flags = r.byte();
  r.u32();
  if (flags & 1) r.u32();
}

class Reader {
  constructor(buf) {
    this.buf = buf;
    this.at = 0;
  }
  done() {
    return this.at >= this.buf.length;
  }
  byte() {
    if (this.at >= this.buf.length) throw new Error('wasm-split-rewrite: the module ends early');
    return this.buf[this.at++];
  }
  /** An unsigned LEB128 number (also reads the 64-bit sizes of memory64). */
  u32() {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.byte();
      value += (byte & 0x7f) * scale;
      scale *= 128;
      if ((byte & 0x80) === 0) return value;
    }
  }
  bytes(n) {
    if (this.at + n > this.buf.length) throw new Error('wasm-split-rewrite: the module ends early');
    const part = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return part;
  }
  name() {
    return this.bytes(this.u32()).toString('utf8');
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [path, key] = process.argv.slice(2);
  if (!path || !key) throw new Error('usage: node scripts/wasm-split-rewrite.mjs <module.wasm> <key>');
  writeFileSync(path, rewrite(readFileSync(path), key));
}
