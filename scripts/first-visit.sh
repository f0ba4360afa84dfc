#!/usr/bin/env bash
# Rewrites assets/first-visit.html from a fresh release build (see
# scripts/first-visit.mjs): run after changing Home's empty state or the
# menu, then build as usual and commit the file.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
trunk build --release --public-url /rapport/ --dist target/first-visit-dist >&2
node scripts/first-visit.mjs target/first-visit-dist
