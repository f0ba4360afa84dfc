#!/usr/bin/env bash
# Installs what building and testing Rapport needs, skipping what is there.
# Everything comes from package registries (crates.io, npm, Debian); nothing
# is downloaded from anywhere else.
#
#   scripts/setup.sh            Rust target, trunk, wasm-bindgen, npm tools
#   scripts/setup.sh --browser  the same, plus Chromium and ChromeDriver, Firefox
#                               ESR (Debian) and geckodriver (crates.io),
#                               WebKitGTK's driver and Xvfb (Debian)
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
GECKODRIVER_VERSION=0.37.1
WASM_SPLIT_VERSION=0.2.4
# wasm-bindgen-cli must match the wasm-bindgen crate exactly.
WASM_BINDGEN_VERSION=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! grep -q "wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" Trunk.toml; then
  echo "Trunk.toml's [tools] wasm_bindgen must be $WASM_BINDGEN_VERSION, the version in Cargo.lock" >&2
  exit 1
fi

export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v cargo >/dev/null; then
  echo "Rust is not installed: see https://rustup.rs" >&2
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown Rust target"
  rustup target add wasm32-unknown-unknown
fi

# The test command's lint gate.
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "Adding the $component Rust component"
    rustup component add "$component"
  fi
done

if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  say "Installing trunk $TRUNK_VERSION"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  say "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # --locked pins its own dependencies; if the registry no longer serves one
  # of them, fall back to the newest compatible ones.
  cargo install --locked wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" \
    || cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# Splits the wasm at the screens loaded on demand (scripts/wasm-split-link.sh).
# It prints no version: cargo's list of installed crates tells (--force, in
# case a cache kept the binary but not that list).
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "Installing wasm-split-cli (wasm_split_cli_support $WASM_SPLIT_VERSION)"
  cargo install --locked --force wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
fi

apt_install() {
  say "Installing $* from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "$@" </dev/null
}

if ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi

# wasm-opt (npm binaryen) and playwright-core, as pinned in package-lock.json.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "Installing npm tools (binaryen, playwright-core, the e2e tests' parsers)"
  npm ci --no-audit --no-fund
fi

if [ "${1:-}" = "--browser" ]; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  [ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
  # Safari's engine: WebKitWebDriver and MiniBrowser, on a virtual display.
  [ -x /usr/bin/WebKitWebDriver ] || missing+=(webkit2gtk-driver)
  command -v xvfb-run >/dev/null || missing+=(xvfb xauth)
  if [ ${#missing[@]} -gt 0 ]; then
    apt_install "${missing[@]}"
  fi
  # wasm-bindgen-test-runner drives Firefox through geckodriver.
  if [ "$(geckodriver --version 2>/dev/null | head -n 1 | cut -d ' ' -f 2)" != "$GECKODRIVER_VERSION" ]; then
    say "Installing geckodriver $GECKODRIVER_VERSION"
    cargo install --locked geckodriver --version "$GECKODRIVER_VERSION"
  fi
fi
