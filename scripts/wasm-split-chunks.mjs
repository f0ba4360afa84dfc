// What each split point of the wasm needs fetched, read from the loader
// wasm-split-cli writes (<stash>/__wasm_split.js). scripts/wasm-split-post-build.mjs
// puts it in the page, where assets/opening.js fetches a deep link's chunks early.

/**
 * Put after the loader's import (scripts/wasm-split-post-build.mjs): a deep
 * link's chunks were fetched as the page opened (assets/opening.js), and a
 * load takes that response, once, instead of fetching again.
 */
export const TAKE_EARLY = `// A chunk fetched as the page opened (assets/opening.js) is taken, once.
const fetch = (url) => globalThis.rapportEarly?.take(url) ?? globalThis.fetch(url);
`;

/**
 * The wasm files each split point's loader fetches, its shared chunks first:
 * `{ screens: ['chunk_3.wasm', 'split_screens.wasm'], ... }`, from the
 * loader wasm-split-cli writes. Anything else in its shape is refused.
 */
export function chunksOfSplits(loader) {
  const loads = new Map();
  const load = /(export )?const (__\w+) = (?:wrapAsyncCb\()?makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([\w.-]+\.wasm)", import\.meta\.url\)\);[\s\S]*?\n\}\s*,\s*\[([^\]]*)\]\)/g;
  for (const [, exported, name, file, deps] of loader.matchAll(load)) {
    loads.set(name, { exported: Boolean(exported), file, deps: deps.split(',').map((d) => d.trim()).filter(Boolean) });
  }
  const filesOf = (name) => {
    const found = loads.get(name);
    if (!found) throw new Error(`wasm-split: the loader uses ${name} but does not define it`);
    return [...new Set([...found.deps.flatMap(filesOf), found.file])];
  };
  const splits = {};
  for (const [name, { exported }] of loads) {
    if (!exported) continue;
    const split = name.match(/^__wasm_split_load_(\w+)$/)?.[1];
    if (!split) throw new Error(`wasm-split: unexpected export ${name} in the loader`);
    splits[split] = filesOf(name);
  }
  // Calls of the loader's fetch, not globalThis.fetch(…) (TAKE_EARLY).
  const fetches = loader.match(/(?<!\.)\bfetch\(/g)?.length ?? 0;
  if (Object.keys(splits).length === 0 || fetches !== loads.size) {
    throw new Error(`wasm-split: the loader's shape is not the one expected (${loads.size} loads, ${fetches} fetches)`);
  }
  return splits;
}
