#!/usr/bin/env bash
# The emulator's cost against the size of its state (issue 22, items 9 and 10), side by side in
# one run:
#   1. time to ready with a seed of SMALL and LARGE users (one alias and one passkey each), per
#      user; with LARGE users the RSS once ready (VmRSS), its peak while the seed loaded
#      (VmHWM), and the RSS after three resets (POST /_emulator/reset);
#   2. per-user routes (GET /credentials/list?userId=, GET /alias/list?userId=) with LARGE users
#      against an empty emulator;
#   3. POST /alias for a new user each time (bench/set-alias.lua) in memory and with
#      `--state FILE` seeded with STATE_USERS users, where every request is a write.
#
#   bash bench/state-scale.sh     # SMALL=10000 LARGE=100000 STATE_USERS=20000 DURATION=4 ROUNDS=3
#
# Release build; wrk -t1 -c16; the median of ROUNDS rounds. Not run by CI; the numbers go in
# docs/performance.md. On a shared machine compare the ratios, not the absolute rates.
set -euo pipefail
cd "$(dirname "$0")/.."
small=${SMALL:-10000}
large=${LARGE:-100000}
state_users=${STATE_USERS:-20000}
duration=${DURATION:-4}
rounds=${ROUNDS:-3}
secret=devapp:secret:0123456789abcdef0123456789abcdef

echo "== cargo build --release" >&2
cargo build --release --quiet --bin passwordless
bin=${CARGO_TARGET_DIR:-target}/release/passwordless

work=$(mktemp -d)
pid=
stop() {
  if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  pid=
}
trap 'stop; rm -rf "$work"' EXIT

seed() { # seed N FILE: N users, each with an alias and a passkey
  awk -v n="$1" 'BEGIN {
    printf "{\"users\": ["
    for (i = 1; i <= n; i++) {
      printf "%s{\"userId\": \"user-%d\", \"aliases\": [\"user-%d@example.com\"], \"credentials\": [{\"id\": \"cred%08d\", \"nickname\": \"Laptop\"}]}", (i > 1 ? ",\n" : "\n"), i, i, i
    }
    print "\n]}"
  }' >"$2"
}
seed "$small" "$work/small.json"
seed "$large" "$work/large.json"
seed "$state_users" "$work/state-seed.json"

# Starts the emulator with the given options, sets $pid and $url, and writes the seconds to
# ready to $work/ready (not printed: a command substitution would lose $pid).
start() {
  local t0 t1
  t0=$(date +%s.%N)
  "$bin" emulator --port 0 --quiet "$@" >"$work/url" 2>"$work/stderr" &
  pid=$!
  url=
  for _ in $(seq 1 60000); do
    url=$(head -n 1 "$work/url" 2>/dev/null || true)
    if [ -n "$url" ]; then
      t1=$(date +%s.%N)
      echo "$t1 - $t0" | bc -l >"$work/ready"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  echo "error: the emulator did not start: $*" >&2
  cat "$work/stderr" >&2
  exit 1
}

rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status"; }
peak_mb() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status"; }

measure() { # measure PATH-or-script: req/s, failing on any non-2xx answer
  local result
  if [[ $1 == *.lua ]]; then
    result=$(wrk -t1 -c16 -d"${duration}s" -s "$1" "$url")
  else
    result=$(wrk -t1 -c16 -d"${duration}s" -H "ApiSecret: $secret" "$url$1")
  fi
  if echo "$result" | grep -q 'Non-2xx\|Socket errors'; then
    echo "error: failed requests against $url:" >&2
    echo "$result" >&2
    exit 1
  fi
  echo "$result" | awk '/Requests\/sec/ {print $2}'
}

declare -A r
for round in $(seq 1 "$rounds"); do
  echo "== round $round of $rounds" >&2
  start --seed "$work/small.json"
  r[ready_small]+="$(cat "$work/ready") "
  stop
  start --seed "$work/large.json"
  r[ready_large]+="$(cat "$work/ready") "
  r[rss_large]+="$(rss_mb) "
  r[peak_large]+="$(peak_mb) "
  r[creds_large]+="$(measure '/credentials/list?userId=user-5000') "
  r[alias_large]+="$(measure '/alias/list?userId=user-5000') "
  r[count_large]+="$(measure '/users/count') "
  for _ in 1 2 3; do curl -sf -X POST "$url/_emulator/reset" >/dev/null; done
  r[reset_large]+="$(rss_mb) "
  stop
  start
  r[rss_empty]+="$(rss_mb) "
  r[creds_empty]+="$(measure '/credentials/list?userId=user-5000') "
  r[alias_empty]+="$(measure '/alias/list?userId=user-5000') "
  r[count_empty]+="$(measure '/users/count') "
  r[set_alias_memory]+="$(measure bench/set-alias.lua) "
  stop
  start --seed "$work/state-seed.json"
  r[set_alias_memory_seeded]+="$(measure bench/set-alias.lua) "
  stop
  rm -f "$work/state.db" "$work/state.db-wal" "$work/state.db-shm"
  start --seed "$work/state-seed.json" --state "$work/state.db"
  r[set_alias_state]+="$(measure bench/set-alias.lua) "
  stop
done

python3 - "$small" "$large" "$state_users" "$duration" \
  "${r[ready_small]}" "${r[ready_large]}" "${r[rss_large]}" "${r[peak_large]}" \
  "${r[reset_large]}" "${r[rss_empty]}" \
  "${r[creds_large]}" "${r[creds_empty]}" "${r[alias_large]}" "${r[alias_empty]}" \
  "${r[count_large]}" "${r[count_empty]}" \
  "${r[set_alias_memory]}" "${r[set_alias_memory_seeded]}" "${r[set_alias_state]}" <<'PY'
import statistics, sys
small, large, state_users, duration = (int(x) for x in sys.argv[1:5])
(ready_s, ready_l, rss_l, peak_l, reset_l, rss_e, creds_l, creds_e, alias_l, alias_e, count_l, count_e,
 mem, mem_seeded, state) = [[float(x) for x in a.split()] for a in sys.argv[5:]]
m = statistics.median
print(f"Release build, wrk -t1 -c16 -d{duration}s, median of {len(ready_s)} rounds.\n")
print("| measure | value | ratio | target |")
print("|---|---|---|---|")
us_s, us_l = m(ready_s) / small * 1e6, m(ready_l) / large * 1e6
print(f"| time to ready, {small:,} users | {m(ready_s):.2f} s ({us_s:.0f} µs/user) | | |")
print(f"| time to ready, {large:,} users | {m(ready_l):.2f} s ({us_l:.0f} µs/user) | {us_l / us_s:.2f}× per user | ≤ 1.5× |")
print(f"| RSS once ready, {large:,} users (empty: {m(rss_e):.0f} MB) | {m(rss_l):.0f} MB | | ≤ 150 MB |")
print(f"| peak RSS while the seed loaded, {large:,} users | {m(peak_l):.0f} MB | | ≤ 150 MB |")
print(f"| RSS after three resets, {large:,} users | {m(reset_l):.0f} MB | | ≤ 150 MB |")
for name, l, e in [("GET /credentials/list?userId=", creds_l, creds_e),
                   ("GET /alias/list?userId=", alias_l, alias_e),
                   ("GET /users/count", count_l, count_e)]:
    print(f"| {name} with {large:,} users vs empty | {m(l):,.0f} vs {m(e):,.0f} req/s | {m(l) / m(e):.2f}× | ≥ 0.5× |")
print(f"| POST /alias in memory, empty | {m(mem):,.0f} req/s | | |")
print(f"| POST /alias in memory, {state_users:,} users | {m(mem_seeded):,.0f} req/s | {m(mem_seeded) / m(mem):.2f}× of empty | |")
print(f"| POST /alias, --state with {state_users:,} users (each one written) | {m(state):,.0f} req/s | {m(state) / m(mem):.2f}× of in memory | ≥ 0.3× |")
PY
