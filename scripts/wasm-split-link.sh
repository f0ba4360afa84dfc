#!/usr/bin/env bash
# The wasm32 linker (.cargo/config.toml). Trunk does not split wasm (trunk
# issue 1022), so the split happens here, where cargo links: rust-lld links
# with relocations kept, then wasm-split-cli (crates.io wasm_split_cli_support)
# cuts the module at its split points (the screens loaded on demand, src/ui).
# Cargo's output becomes the split main module, which Trunk hands to
# wasm-bindgen; the chunks and their JS loader wait in
# <profile>/wasm-split/<key>/ for the post_build hook
# (scripts/wasm-split-post-build.mjs). A module without split points (a
# build without the `split` feature, such as the wasm tests) is linked
# exactly as rustc asked.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
sysroot=$(rustc --print sysroot)
lld=$(ls "$sysroot"/lib/rustlib/*/bin/rust-lld | head -n 1)
args=()
out=
prev=
for a in "$@"; do
  case "$a" in
    --strip-all | --strip-debug | -s) ;; # the split needs the symbols; wasm-opt strips later
    *) args+=("$a") ;;
  esac
  [ "$prev" = "-o" ] && out=$a
  prev=$a
done
[ "${args[0]:-}" = "-flavor" ] || { echo "wasm-split-link: expected '-flavor wasm' first" >&2; exit 1; }
[ -n "$out" ] || { echo "wasm-split-link: no -o output" >&2; exit 1; }

"$lld" "${args[@]}" --emit-relocs
if ! grep -q __wasm_split_placeholder__ "$out"; then
  rm -f "$out"
  exec "$lld" "$@"
fi

# The build's key names the folder its loader and chunks are served from:
# the linked module's hash, and the tools' that turn it into chunks, so that
# chunks made by another wasm-split-cli or wasm-opt get another folder.
split=${WASM_SPLIT_CLI:-wasm-split-cli}
command -v "$split" >/dev/null || { echo "wasm-split-link: $split is missing: run scripts/setup.sh" >&2; exit 1; }
key=$({ cat "$out" "$(command -v "$split")"; wasm-opt --version 2>/dev/null || true; } | sha256sum | cut -c1-16)
stashes="$(dirname "$out")/../wasm-split"
stash="$stashes/$key"
rm -rf "$stash" && mkdir -p "$stash"
"$split" "$out" "$stash" --target web --out-name rapport >&2
node "$here/wasm-split-rewrite.mjs" "$stash/rapport.wasm" "$key"
mv "$stash/rapport.wasm" "$out"
# Cargo uplifts only the newest link to <profile>/rapport.wasm: older
# stashes are never needed again.
find "$stashes" -mindepth 1 -maxdepth 1 -type d ! -name "$key" -exec rm -rf {} +
