#!/usr/bin/env bash
# Runs "$@" with an unlocked gnome-keyring Secret Service on the current (private) D-Bus session.
# The daemon outlives the session if left alone, so it is started as our own child, its output
# goes to a file (never a pipe), and it is killed by PID on the way out.
set -euo pipefail
log=$(mktemp)
# The keyring password comes on stdin; --unlock makes the login collection usable headless.
printf 'ci-keyring-password' | gnome-keyring-daemon --foreground --unlock --components=secrets >"$log" 2>&1 &
daemon=$!
trap 'kill "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true; rm -f "$log"' EXIT

for _ in $(seq 1 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
    break
  fi
  sleep 0.1
done
if ! dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets | grep -q 'boolean true'; then
  echo "gnome-keyring did not come up; its log:" >&2
  cat "$log" >&2
  exit 1
fi
"$@"
