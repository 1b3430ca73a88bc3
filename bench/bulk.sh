#!/usr/bin/env bash
# Bulk benchmarks against a local `passwordless emulator`, all in one run (issue 12, 1 and 2):
#   1. 10,000 registrations from a CSV: `register-token --from-file` vs a shell loop of curl vs
#      the official Node SDK with a promise pool of the same concurrency, vs the emulator's own
#      capacity at that concurrency (wrk, with the same POST).
#   2. Peak RSS (GNU time) of `--from-file` for 1 record and for 1,000,000 records.
# Prints a Markdown table and the ratios for docs/performance.md. Not part of CI.
#
#   bash bench/bulk.sh
#   RECORDS=10000 CONCURRENCY=16 CURL_RECORDS=1000 BIG=1000000 RUNS=5 bash bench/bulk.sh
#
# The curl loop runs CURL_RECORDS records (default 1,000: ten times fewer, for time's sake) and
# is scaled to RECORDS; set CURL_RECORDS=$RECORDS to time it in full. BIG=0 skips the
# million-record run. PASSWORDLESS_BIN measures a binary built elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

records=${RECORDS:-10000}
concurrency=${CONCURRENCY:-16}
curl_records=${CURL_RECORDS:-1000}
big=${BIG:-1000000}
runs=${RUNS:-5}
secret=devapp:secret:0123456789abcdef0123456789abcdef

need() { command -v "$1" >/dev/null || apt_install "$2"; }
apt_install() {
  echo "== installing $1 (apt)" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq "$1" >/dev/null; else sudo apt-get install -y -qq "$1" >/dev/null; fi
}
need wrk wrk
need hyperfine hyperfine
need curl curl
[ -x /usr/bin/time ] || apt_install time

if [ -n "${PASSWORDLESS_BIN:-}" ]; then
  bin=$PASSWORDLESS_BIN
else
  echo "== cargo build --release" >&2
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

"$bin" emulator --port 0 --quiet >"$out/url" 2>/dev/null &
emulator_pid=$!
for _ in $(seq 1 100); do [ -s "$out/url" ] && break; sleep 0.05; done
url=$(head -n1 "$out/url")
export PASSWORDLESS_API_URL=$url PASSWORDLESS_API_SECRET=$secret

# The inputs: one user per line, the same users for every contender.
python3 - "$out" "$records" "$big" <<'PY'
import sys
out, records, big = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def write(name, n):
    with open(f"{out}/{name}", "w") as f:
        f.write("user-id,username\n")
        for i in range(n):
            f.write(f"user{i},user{i}@example.com\n")
write("users.csv", records)
write("one.csv", 1)
if big:
    write("big.csv", big)
PY

# curl, one process per record, as a shell script would do it.
cat >"$out/curl-loop.sh" <<SH
#!/usr/bin/env bash
tail -n +2 "\$1" | head -n "\$2" | while IFS=, read -r id name; do
  curl -sS -o /dev/null -X POST -H "ApiSecret: $secret" -H 'Content-Type: application/json' \\
    --data "{\"userId\":\"\$id\",\"username\":\"\$name\"}" "$url/register/token"
done
SH
chmod +x "$out/curl-loop.sh"

# The official Node SDK with a promise pool of the same concurrency.
node_cmd=
if command -v node >/dev/null && (cd "$out" && npm init -y >/dev/null && npm install --silent @passwordlessdev/passwordless-nodejs@1.0.1 >/dev/null 2>&1); then
  cat >"$out/node-pool.mjs" <<'JS'
import { readFileSync } from 'node:fs';
import { PasswordlessClient } from '@passwordlessdev/passwordless-nodejs';
const [file, concurrency] = [process.argv[2], Number(process.argv[3])];
const users = readFileSync(file, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
const client = new PasswordlessClient(process.env.PASSWORDLESS_API_SECRET, { baseUrl: process.env.PASSWORDLESS_API_URL });
let next = 0, failed = 0;
async function worker() {
  while (next < users.length) {
    const [userId, username] = users[next++];
    try { await client.createRegisterToken({ userId, username }); } catch { failed++; }
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
if (failed) { console.error(`${failed} failed`); process.exit(1); }
JS
  node_cmd="node $out/node-pool.mjs $out/users.csv $concurrency"
fi

# Results go to stdout, which hyperfine and the RSS runs discard. Every contender must work
# before it is timed.
bulk_cmd="$bin register-token --from-file $out/users.csv --concurrency $concurrency --quiet"
$bulk_cmd >/dev/null || { echo "bulk run failed" >&2; exit 1; }
"$out/curl-loop.sh" "$out/users.csv" 3
if [ -n "$node_cmd" ]; then $node_cmd; fi

echo "== timing (hyperfine, $runs runs each)" >&2
hyperfine -N --style basic --warmup 1 --runs "$runs" --export-json "$out/bulk.json" \
  "$bulk_cmd" >/dev/null 2>&1
hyperfine --style basic --warmup 0 --runs 1 --export-json "$out/curl.json" \
  "$out/curl-loop.sh $out/users.csv $curl_records" >/dev/null 2>&1
if [ -n "$node_cmd" ]; then
  hyperfine -N --style basic --warmup 1 --runs "$runs" --export-json "$out/node.json" "$node_cmd" >/dev/null 2>&1
fi
echo "== wrk -t1 -c$concurrency -d10s (the emulator's capacity)" >&2
wrk -t1 -c"$concurrency" -d10s -s bench/register-token.lua "$url/register/token" >"$out/wrk.txt"
if grep -q 'Non-2xx' "$out/wrk.txt"; then echo "wrk saw failures" >&2; cat "$out/wrk.txt" >&2; exit 1; fi

echo "== peak RSS (GNU time)" >&2
rss() { /usr/bin/time -f "%M" -o "$out/rss" "$@" >/dev/null 2>/dev/null; cat "$out/rss"; }
rss_one=$(rss $bin register-token --from-file "$out/one.csv" --quiet)
rss_ten=$(rss $bulk_cmd)
rss_big=
if [ "$big" -gt 0 ]; then
  start=$(date +%s.%N)
  rss_big=$(rss $bin register-token --from-file "$out/big.csv" --concurrency "$concurrency" --quiet)
  big_secs=$(python3 -c "import time; print(f'{time.time() - $start:.1f}')")
fi

python3 - "$out" "$records" "$curl_records" "$concurrency" "$rss_one" "$rss_ten" "${rss_big:-}" "$big" "${big_secs:-}" <<'PY'
import json, os, re, sys
out, records, curl_records, conc, rss_one, rss_ten, rss_big, big, big_secs = sys.argv[1:]
records, curl_records, big = int(records), int(curl_records), int(big)
def median(name):
    path = os.path.join(out, name)
    return json.load(open(path))["results"][0]["median"] if os.path.exists(path) else None
bulk = median("bulk.json")
curl = median("curl.json") * records / curl_records
node = median("node.json")
wrk = float(re.search(r"Requests/sec:\s+([\d.]+)", open(os.path.join(out, "wrk.txt")).read()).group(1))
wrk_time = records / wrk
rows = [
    (f"`register-token --from-file` (concurrency {conc})", bulk),
    (f"shell loop of `curl`" + ("" if curl_records == records else f" ({curl_records:,} timed, scaled)"), curl),
]
if node:
    rows.append((f"Node SDK 1.0.1, promise pool of {conc}", node))
rows.append((f"emulator capacity (wrk -t1 -c{conc}: {wrk:,.0f} req/s)", wrk_time))
print(f"{records:,} registrations against the emulator, medians of one run:\n")
print("| contender | time | records/s |")
print("|---|---|---|")
for name, secs in rows:
    print(f"| {name} | {secs:.2f} s | {records / secs:,.0f} |")
print()
print(f"- `--from-file` vs curl loop: {curl / bulk:.0f}x faster")
if node:
    print(f"- `--from-file` vs Node SDK: {node / bulk:.2f}x faster")
print(f"- `--from-file` reaches {wrk_time / bulk:.0%} of the emulator's capacity at concurrency {conc}")
print()
print("| peak RSS | MiB |")
print("|---|---|")
print(f"| `--from-file`, 1 record | {int(rss_one) / 1024:.1f} |")
print(f"| `--from-file`, {records:,} records | {int(rss_ten) / 1024:.1f} |")
if rss_big:
    print(f"| `--from-file`, {big:,} records ({big_secs} s) | {int(rss_big) / 1024:.1f} |")
PY
