#!/usr/bin/env bash
# Builds Rapport and serves it on http://127.0.0.1:8080/, rebuilding and
# reloading the page on every change. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
exec trunk serve "$@"
