#!/usr/bin/env bash
# Browser end-to-end test: the official Passwordless.dev browser client in Debian's Chromium,
# with a CDP virtual authenticator, against a fresh emulator; then the emulator's own demo page
# and its inspector at /_emulator/ (live refresh, escaped user ids, the request log).
# It runs twice: over http, then over https (`emulator --tls`, its CA trusted by Chromium through
# a private NSS database, see e2e.mjs).
#
#   bash tests/browser/run.sh PATH/TO/passwordless
#
# Needs node/npm, /usr/bin/chromium (Debian's `chromium`; no browser is downloaded) and certutil
# (Debian's `libnss3-tools`). Installs the pinned packages of package-lock.json into a throw-away
# folder, runs e2e.mjs in both modes, and exits non-zero when any step of either fails, naming
# the mode. e2e.mjs stops the emulator, the page server and the browser.
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
command -v certutil >/dev/null || { echo "error: no certutil for the https run; install Debian's package: apt-get install libnss3-tools" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

cp "$here/package.json" "$here/package-lock.json" "$here/e2e.mjs" "$here/page.html" "$work/"
echo "== installing the pinned browser client and playwright-core in $work"
# --ignore-scripts: playwright-core has no install step to run, and nothing may download a browser.
(cd "$work" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null)

status=0
summary=()
for mode in http https; do
  args=()
  [ "$mode" = https ] && args=(--tls)
  echo "== browser test over $mode"
  if PASSWORDLESS_BIN="$bin" CHROMIUM="$chromium" node "$work/e2e.mjs" "${args[@]}"; then
    summary+=("PASS browser test over $mode")
  else
    summary+=("FAIL browser test over $mode")
    status=1
  fi
done
echo "== summary"
printf '%s\n' "${summary[@]}"
exit "$status"
