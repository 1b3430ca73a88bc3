#!/usr/bin/env bash
# Whole-process benchmarks of one `passwordless` call against the same call made with curl and
# with the official Node and Python SDKs, side by side in one run, against a local emulator:
# over plain http, and over https against `emulator --tls` (curl given the CA with --cacert).
# Reports medians (hyperfine), peak RSS, and the ratios. Not part of CI: numbers go in docs/performance.md.
#   bash bench/startup.sh            # needs hyperfine (apt-get install hyperfine); SDKs optional
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-200}
out=$(mktemp -d)
trap 'kill "${emulator_pid:-}" "${tls_pid:-}" 2>/dev/null || true; rm -rf "$out"' EXIT

command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install time" >&2; exit 1; }
# PASSWORDLESS_BIN measures a binary built elsewhere; otherwise build this checkout.
if [ -n "${PASSWORDLESS_BIN:-}" ]; then
  bin=$PASSWORDLESS_BIN
else
  cargo build --release --locked --quiet
  bin=$PWD/target/release/passwordless
fi
echo "binary: $(du -h "$bin" | cut -f1)"

"$bin" emulator --port 0 --quiet >"$out/url" &
emulator_pid=$!
for _ in $(seq 1 100); do [ -s "$out/url" ] && break; sleep 0.05; done
url=$(head -n1 "$out/url")
PASSWORDLESS_CONFIG_DIR=$out/config "$bin" emulator --port 0 --quiet --tls >"$out/tls-url" &
tls_pid=$!
for _ in $(seq 1 100); do [ -s "$out/tls-url" ] && break; sleep 0.05; done
tls_url=$(head -n1 "$out/tls-url")
ca=$out/config/emulator-ca.pem
secret=devapp:secret:0123456789abcdef0123456789abcdef
export PASSWORDLESS_API_URL=$url PASSWORDLESS_API_SECRET=$secret
body='{"userId":"42","username":"42"}'
curl_call="curl -sS -X POST -H 'ApiSecret: $secret' -H 'Content-Type: application/json' --data '$body' $url/register/token"
tls_call="$bin register-token --user-id 42 --quiet --api-url $tls_url --ca-cert $ca"
curl_tls_call="curl -sS --cacert $ca -X POST -H 'ApiSecret: $secret' -H 'Content-Type: application/json' --data '$body' $tls_url/register/token"

# The official SDKs, pinned, in a throw-away folder; skipped when npm or pip cannot install them.
sdk_cmds=()
if (cd "$out" && npm init -y >/dev/null && npm install --silent @passwordlessdev/passwordless-nodejs@1.0.1 >/dev/null 2>&1); then
  cat >"$out/node-call.mjs" <<'JS'
import { PasswordlessClient } from '@passwordlessdev/passwordless-nodejs';
const client = new PasswordlessClient(process.env.PASSWORDLESS_API_SECRET, { baseUrl: process.env.PASSWORDLESS_API_URL });
const { token } = await client.createRegisterToken({ userId: '42', username: '42' });
console.log(token);
JS
  sdk_cmds+=("node $out/node-call.mjs")
fi
if pip install --quiet --target "$out/py" passwordless==2.0.0 >/dev/null 2>&1; then
  cat >"$out/py-call.py" <<'PY'
import os, sys
sys.path.insert(0, os.environ["SDK_PY"])
from passwordless import PasswordlessClientBuilder, PasswordlessOptions, RegisterToken
client = PasswordlessClientBuilder(PasswordlessOptions(os.environ["PASSWORDLESS_API_SECRET"], os.environ["PASSWORDLESS_API_URL"])).build()
print(client.register_token(RegisterToken(user_id="42", username="42")).token)
PY
  export SDK_PY=$out/py
  sdk_cmds+=("python3 $out/py-call.py")
fi

# Every command must work before it is timed.
"$bin" register-token --user-id 42 --quiet >/dev/null
$tls_call >/dev/null
bash -c "$curl_tls_call" >/dev/null
for cmd in "${sdk_cmds[@]}"; do bash -c "$cmd" >/dev/null; done

hyperfine -N --style basic --warmup 20 --runs "$runs" --export-json "$out/start.json" \
  "$bin --version" "curl --version" >/dev/null 2>&1
hyperfine -N --style basic --warmup 20 --runs "$runs" --export-json "$out/call.json" \
  "$bin register-token --user-id 42 --quiet" "$curl_call" >/dev/null 2>&1
hyperfine -N --style basic --warmup 20 --runs "$runs" --export-json "$out/tls.json" \
  "$tls_call" "$curl_tls_call" >/dev/null 2>&1
if [ ${#sdk_cmds[@]} -gt 0 ]; then
  hyperfine -N --style basic --warmup 3 --runs 20 --export-json "$out/sdk.json" "${sdk_cmds[@]}" >/dev/null 2>&1
fi

python3 - "$out" "$bin" "$curl_call" "${sdk_cmds[@]}" <<'PY'
import json, os, resource, shlex, subprocess, sys
out, binary, curl_call, *sdks = sys.argv[1:]

def medians(name):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return []
    return [(r["command"], r["median"] * 1000) for r in json.load(open(path))["results"]]

def peak_rss_kib(cmd, runs=10):
    # GNU time, not os.wait4: a child forked from this Python process would report Python's
    # own resident size as its peak.
    peak = 0
    report = os.path.join(out, "rss")
    for _ in range(runs):
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report] + shlex.split(cmd),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        peak = max(peak, int(open(report).read().split()[-1]))
    return peak

def short(cmd):
    cmd = cmd.replace(binary, "passwordless").split(" -H")[0].split(" --api-url")[0]
    cmd = cmd.replace(" --cacert " + cmd.split(" --cacert ")[-1].split()[0], " --cacert CA") if " --cacert " in cmd else cmd
    return cmd[:60]

start = medians("start.json")
call = medians("call.json")
tls = medians("tls.json")
sdk = medians("sdk.json")
print(f"{'command':62} {'median ms':>10} {'peak RSS MiB':>13}")
for cmd, ms in start + call + tls + sdk:
    if cmd in dict(tls):
        cmd_label = short(cmd) + " (https)"
        print(f"{cmd_label:62} {ms:10.2f} {peak_rss_kib(cmd) / 1024:13.1f}")
        continue
    print(f"{short(cmd):62} {ms:10.2f} {peak_rss_kib(cmd) / 1024:13.1f}")
if len(start) == 2:
    print(f"--version vs curl --version: {start[0][1] / start[1][1]:.2f}x")
if len(call) == 2:
    print(f"register-token vs curl:      {call[0][1] / call[1][1]:.2f}x")
if len(tls) == 2:
    print(f"https register-token vs curl --cacert: {tls[0][1] / tls[1][1]:.2f}x")
for cmd, ms in sdk:
    print(f"register-token vs {short(cmd).split()[0]} SDK: {call[0][1] / ms:.3f}x ({ms / call[0][1]:.0f} times faster)")
PY
