#!/usr/bin/env bash
# Runs the official Node and Python SDKs against the emulator to prove wire compatibility.
#
#   bash tests/sdk/run.sh PATH/TO/passwordless
#
# Installs the pinned SDKs in a throw-away folder, starts a fresh seeded emulator for each
# conformance script and for the Node suite of docs/ci.md's recipe (ci-recipe.test.mjs), once
# over plain http and once over https (`emulator --tls`, its local CA trusted the way each
# runtime is told to), and exits non-zero when any SDK check fails. The emulator is always
# stopped.
set -euo pipefail

NODE_SDK="@passwordlessdev/passwordless-nodejs@1.0.1"
PY_SDK="passwordless==2.0.0"

if [ $# -ne 1 ]; then
  echo "usage: $0 PASSWORDLESS_BIN" >&2
  exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
[ -x "$bin" ] || { echo "error: $1 is not an executable" >&2; exit 2; }

work="$(mktemp -d)"
emu_pid=""
stop_emulator() {
  if [ -n "$emu_pid" ]; then
    kill -TERM "$emu_pid" 2>/dev/null || true
    wait "$emu_pid" 2>/dev/null || true
    emu_pid=""
  fi
}
cleanup() {
  stop_emulator
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== installing $NODE_SDK and $PY_SDK in $work"
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent "$NODE_SDK" >/dev/null)
python3 -m pip install --quiet --disable-pip-version-check --target "$work/py" "$PY_SDK"

# Starts a fresh emulator from the seed, over https when $1 is "https"; sets $emu_url from the
# first line it prints. Its CA is made in $work/config, the config folder it is given.
start_emulator() {
  local out="$work/emulator.out"
  local tls=()
  [ "$1" = https ] && tls=(--tls)
  : >"$out"
  PASSWORDLESS_CONFIG_DIR="$work/config" \
    "$bin" emulator --port 0 --quiet --plan free --seed "$here/seed.json" "${tls[@]}" >"$out" 2>"$work/emulator.err" &
  emu_pid=$!
  for _ in $(seq 1 100); do
    if [ -s "$out" ]; then break; fi
    if ! kill -0 "$emu_pid" 2>/dev/null; then
      echo "error: the emulator exited at start:" >&2
      cat "$work/emulator.err" >&2
      exit 1
    fi
    sleep 0.05
  done
  emu_url="$(head -n 1 "$out")"
  case "$emu_url" in
    "$1"://*) ;;
    *) echo "error: the emulator did not print its URL (got '$emu_url')" >&2; exit 1 ;;
  esac
}

export PASSWORDLESS_BIN="$bin"
export PASSWORDLESS_API_SECRET="devapp:secret:0123456789abcdef0123456789abcdef"
export PASSWORDLESS_API_KEY="devapp:public:fedcba9876543210fedcba9876543210"
export SDK_NODE_DIR="$work"

status=0
summary=()
# run_one SCHEME NAME CMD...: the CA is given the way a user gives it to each runtime: this CLI
# and the Python SDK's session (PASSWORDLESS_CA_CERT; the SDK never reads REQUESTS_CA_BUNDLE, see
# conformance.py), Node (NODE_EXTRA_CA_CERTS, added to its roots) and Python's urllib
# (SSL_CERT_FILE).
run_one() {
  local scheme="$1" name="$2"; shift 2
  start_emulator "$scheme"
  local ca=()
  if [ "$scheme" = https ]; then
    local pem="$work/config/emulator-ca.pem"
    ca=(PASSWORDLESS_CA_CERT="$pem" NODE_EXTRA_CA_CERTS="$pem" SSL_CERT_FILE="$pem")
  fi
  name="$name over $scheme"
  echo "== $name against $emu_url"
  if env "${ca[@]}" PASSWORDLESS_API_URL="$emu_url" "$@"; then
    summary+=("PASS $name")
  else
    summary+=("FAIL $name")
    status=1
  fi
  stop_emulator
}

# The Node suite of docs/ci.md's recipe, next to the SDK it imports by name, as in a project.
cp "$here/ci-recipe.test.mjs" "$work/"
for scheme in http https; do
  run_one "$scheme" "node SDK ($NODE_SDK): conformance.mjs" node "$here/conformance.mjs"
  run_one "$scheme" "node SDK ($NODE_SDK): docs/ci.md's suite, ci-recipe.test.mjs" node --test "$work/ci-recipe.test.mjs"
  run_one "$scheme" "python SDK ($PY_SDK): conformance.py" env PYTHONPATH="$work/py" python3 "$here/conformance.py"
done

echo "== summary"
printf '%s\n' "${summary[@]}"
exit "$status"
