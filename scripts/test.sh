#!/usr/bin/env bash
# Runs every check: formatting and lints, native tests, in-browser tests
# (wasm-bindgen-test in headless Chromium), and end to end against the release build served as plain files
# under /rapport/. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

say "Lint: rustfmt, clippy (native and wasm32)"
cargo fmt --check
cargo clippy --locked --all-targets -- -D warnings
cargo clippy --locked --all-targets --target wasm32-unknown-unknown -- -D warnings

say "Native tests"
cargo test --locked

say "Browser tests (headless Chromium)"
cargo test --locked --target wasm32-unknown-unknown --test browser

say "Release build under /rapport/"
trunk build --release --public-url /rapport/ --dist dist

say "End-to-end tests (headless Chromium)"
RAPPORT_DIST=dist node --test --test-concurrency=1 tests/e2e/

say "All tests passed"
