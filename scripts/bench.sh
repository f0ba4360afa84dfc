#!/usr/bin/env bash
# The benchmark: builds the release, writes realistic journals of 100, 10,000
# and 25,000 interactions (about 300 people, ~150-character notes) with the
# app's own store, and measures them in headless Chromium. Prints a table.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
counts=("${@:-100 10000 25000}")
read -r -a counts <<< "${counts[*]}"

trunk build --release --public-url /rapport/ --dist target/bench-dist >&2
seeds=target/bench-seeds
mkdir -p "$seeds"
cargo build --release --example bench_seed >&2
for n in "${counts[@]}"; do
  target/release/examples/bench_seed "$n" > "$seeds/seed-$n.json"
  target/release/examples/bench_seed "$n" --lock "bench passphrase" > "$seeds/seed-$n-locked.json"
done
node tests/bench/bench.mjs target/bench-dist "$seeds" "${counts[@]}"
