#!/usr/bin/env bash
# Linker for wasm32-unknown-unknown in the Trunk build (EXPERIMENT):
# links with rust-lld keeping relocations, then splits the module at the
# #[lazy] split points with wasm-split-cli. The linked output is replaced by
# the split main module (which Trunk hands to wasm-bindgen); the chunks and
# the JS loader go to <output dir>/wasm-split/ for the post_build hook.
set -euo pipefail
sysroot=$(rustc --print sysroot)
lld=$(ls "$sysroot"/lib/rustlib/*/bin/rust-lld | head -1)
args=()
out=
prev=
for a in "$@"; do
  case "$a" in
    --strip-all|--strip-debug|-s) ;;  # relocations need the symbol table; wasm-opt strips later
    *) args+=("$a") ;;
  esac
  [ "$prev" = "-o" ] && out=$a
  prev=$a
done
[ "${args[0]:-}" = "-flavor" ] || { echo "wasm-split-link: expected -flavor wasm first" >&2; exit 1; }
# The chunks of one link, in a directory named after the split main's
# content: cargo may later reuse this link without running the linker (and
# uplift it to <profile>/rapport.wasm again), so the hook finds them by content.
work="$(dirname "$out")/../wasm-split/tmp-$$"
rm -rf "$work"
"$lld" "${args[@]}" --emit-relocs
# No split points (a build without the `split` feature, the wasm tests):
# link exactly as rustc asked.
if ! grep -q __wasm_split_placeholder__ "$out"; then
  rm -f "$out"
  exec "$lld" "$@"
fi
split=${WASM_SPLIT_CLI:-wasm-split-cli}
mkdir -p "$work"
stash=$work
"$split" "$out" "$stash" --target web --out-name rapport >&2
# wasm-bindgen (without --keep-lld-exports, which Trunk cannot pass) removes an
# export named __indirect_function_table; the loader needs it. Rename the export
# to a name of the same length; the post_build hook renames it in the loader.
node -e '
const f=require("fs"),p=process.argv[1];const b=f.readFileSync(p);
const from=Buffer.from("\x19__indirect_function_table\x01"),to=Buffer.from("\x19__wasm_split_ind_fn_table\x01");
let i=b.indexOf(from),n=0;while(i>=0){to.copy(b,i);n++;i=b.indexOf(from,i+1);}
if(n!==1){console.error("wasm-split-link: expected one table export, found "+n);process.exit(1);}
f.writeFileSync(p,b);' "$stash/rapport.wasm"
cp "$stash/rapport.wasm" "$out"
rm "$stash/rapport.wasm"
key=$(sha256sum "$out" | cut -c1-16)
final="$(dirname "$out")/../wasm-split/$key"
rm -rf "$final" && mv "$work" "$final"
