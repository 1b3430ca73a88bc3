#!/usr/bin/env bash
# Browser end-to-end test: the official Passwordless.dev browser client in Debian's Chromium,
# with a CDP virtual authenticator, against a fresh emulator; then the emulator's own demo page.
#
#   bash tests/browser/run.sh PATH/TO/passwordless
#
# Needs node/npm and /usr/bin/chromium (Debian's `chromium`; no browser is downloaded). Installs
# the pinned packages of package-lock.json into a throw-away folder, runs e2e.mjs, and exits
# non-zero when any step fails. e2e.mjs stops the emulator, the page server and the browser.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 PASSWORDLESS_BIN" >&2
  exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
[ -x "$bin" ] || { echo "error: $1 is not an executable; build it with cargo build" >&2; exit 2; }
chromium="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium" ] || { echo "error: no Chromium at $chromium; install Debian's package: apt-get install chromium" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

cp "$here/package.json" "$here/package-lock.json" "$here/e2e.mjs" "$here/page.html" "$work/"
echo "== installing the pinned browser client and playwright-core in $work"
# --ignore-scripts: playwright-core has no install step to run, and nothing may download a browser.
(cd "$work" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null)

PASSWORDLESS_BIN="$bin" CHROMIUM="$chromium" node "$work/e2e.mjs"
