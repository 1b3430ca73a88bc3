#!/usr/bin/env bash
# Register-token requests/second of the emulator at concurrency 16 for 10 s, measured with wrk.
#
#   bash bench/emulator-throughput.sh
#
# Builds the release binary (CARGO_TARGET_DIR is honoured), starts the emulator on a free port,
# runs wrk with bench/register-token.lua, prints req/s and stops the emulator. Not run by CI.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null; then
  echo "== installing wrk"
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq wrk >/dev/null; else sudo apt-get install -y -qq wrk >/dev/null; fi
fi

echo "== cargo build --release"
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/passwordless"

out="$(mktemp)"
"$bin" emulator --port 0 --quiet >"$out" 2>/dev/null &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 1 100); do [ -s "$out" ] && break; sleep 0.05; done
url="$(head -n 1 "$out")"

# Sanity check before measuring: the request in the Lua script must succeed.
curl -fsS -o /dev/null -X POST "$url/register/token" -H 'Content-Type: application/json' \
  -H 'ApiSecret: devapp:secret:0123456789abcdef0123456789abcdef' \
  -d '{"userId":"bench-user","username":"bench@example.com"}'

echo "== wrk -t2 -c16 -d10s POST $url/register/token"
result="$(wrk -t2 -c16 -d10s --latency -s bench/register-token.lua "$url")"
echo "$result"
if echo "$result" | grep -q 'Non-2xx'; then
  echo "error: some requests failed" >&2
  exit 1
fi
echo "register-token throughput: $(echo "$result" | awk '/Requests\/sec/ {print $2}') req/s (concurrency 16, 10 s)"
