#!/usr/bin/env bash
# Lighthouse in mobile mode against the release build, served under /rapport/
# with gzip as GitHub Pages serves it, in Debian's Chromium. Prints the scores
# and the load metrics (medians of 3 runs, or of the count given), then a
# first visit measured over a slow shared link (tests/lighthouse/first-visit.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
trunk build --release --public-url /rapport/ --dist target/lighthouse-dist >&2
node tests/lighthouse/run.mjs target/lighthouse-dist "${1:-3}"
node tests/lighthouse/first-visit.mjs target/lighthouse-dist "${1:-3}"
