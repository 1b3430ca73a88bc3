#!/usr/bin/env bash
# Peak RSS of one `passwordless users count` whose server answers a 100 MB body (with and without
# Content-Length): the client reads at most 16 MiB, streamed, then fails naming the cap. Before
# the cap, a 100 MB body cost ~316 MB RSS. Not part of CI: numbers go in docs/performance.md.
#   bash bench/big-answer.sh         # PASSWORDLESS_BIN=target/debug/passwordless to skip the build
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install time" >&2; exit 1; }
if [ -n "${PASSWORDLESS_BIN:-}" ]; then
  bin=$PASSWORDLESS_BIN
else
  cargo build --release --locked --quiet
  bin=$PWD/target/release/passwordless
fi
out=$(mktemp -d)
trap 'kill "${server_pid:-}" 2>/dev/null || true; rm -rf "$out"' EXIT
# A loopback server that answers every request with 100 MB of JSON-looking bytes.
python3 - "$out/port" <<'PY' &
import socket, sys, threading
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0)); s.listen(16)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
chunk = b" " * (1 << 20)
def serve(c, n):
    c.recv(65536)
    length = f"Content-Length: {100 << 20}\r\n" if n % 2 == 0 else ""
    c.sendall(f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{length}Connection: close\r\n\r\n[".encode())
    try:
        for _ in range(100):
            c.sendall(chunk)
    except OSError:
        pass
    c.close()
n = 0
while True:
    c, _ = s.accept(); threading.Thread(target=serve, args=(c, n), daemon=True).start(); n += 1
PY
server_pid=$!
for _ in $(seq 1 100); do [ -s "$out/port" ] && break; sleep 0.05; done
url=http://127.0.0.1:$(cat "$out/port")
export PASSWORDLESS_API_SECRET=devapp:secret:0123456789abcdef0123456789abcdef
for kind in "with Content-Length" "streamed, no Content-Length"; do
  /usr/bin/time -f "%M" -o "$out/rss" "$bin" --api-url "$url" users count 2>"$out/err" || true
  echo "$kind: peak RSS $(( $(tail -n1 "$out/rss") / 1024 )) MiB; $(head -n1 "$out/err")"
done
