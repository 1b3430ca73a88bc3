#!/usr/bin/env bash
# Bulk against a slow server: the emulator delays every /register/token answer by LATENCY (an
# injected fault), and `register-token --from-file` runs at CONCURRENCY. The best any client can
# do is CONCURRENCY / LATENCY records per second; this prints the rate reached and its share of
# that bound, which is what the network (not the client) should set. Not part of CI: numbers go
# in docs/performance.md.
#
#   bash bench/latency.sh
#   RECORDS=2000 LATENCY_MS=50 CONCURRENCY=16 bash bench/latency.sh
set -euo pipefail
cd "$(dirname "$0")/.."

records=${RECORDS:-2000}
latency_ms=${LATENCY_MS:-50}
concurrency=${CONCURRENCY:-16}
secret=devapp:secret:0123456789abcdef0123456789abcdef

if [ -n "${PASSWORDLESS_BIN:-}" ]; then
  bin=$PASSWORDLESS_BIN
else
  cargo build --release --locked --quiet
  bin=$PWD/${CARGO_TARGET_DIR:-target}/release/passwordless
fi

out=$(mktemp -d)
emulator_pid=
cleanup() {
  if [ -n "$emulator_pid" ]; then kill -TERM "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
  rm -rf "$out"
}
trap cleanup EXIT

for scheme in http https; do
  tls=()
  [ "$scheme" = https ] && tls=(--tls)
  PASSWORDLESS_CONFIG_DIR=$out/config "$bin" emulator --port 0 --quiet "${tls[@]}" >"$out/url" 2>/dev/null &
  emulator_pid=$!
  for _ in $(seq 1 100); do [ -s "$out/url" ] && break; sleep 0.05; done
  url=$(head -n1 "$out/url")
  export PASSWORDLESS_API_URL=$url PASSWORDLESS_API_SECRET=$secret
  if [ "$scheme" = https ]; then export PASSWORDLESS_CA_CERT=$out/config/emulator-ca.pem; fi
  "$bin" emulator fault add --url "$url" --path /register/token --delay "${latency_ms}ms" >/dev/null
  { echo user-id; seq 1 "$records" | sed 's/^/u/'; } >"$out/users.csv"
  start=$(date +%s.%N)
  "$bin" register-token --from-file "$out/users.csv" --concurrency "$concurrency" >/dev/null
  end=$(date +%s.%N)
  python3 - "$scheme" "$records" "$start" "$end" "$concurrency" "$latency_ms" <<'PY'
import sys
scheme, records, start, end, conc, lat = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
rate = records / (end - start)
bound = conc / (lat / 1000)
print(f"{scheme:5}: {records} records in {end - start:.2f} s = {rate:.0f}/s; bound {bound:.0f}/s; {100 * rate / bound:.0f} % of it")
PY
  kill -TERM "$emulator_pid"; wait "$emulator_pid" 2>/dev/null || true; emulator_pid=
  unset PASSWORDLESS_CA_CERT
done
