#!/usr/bin/env bash
# The Windows build, run for real under Wine against the Linux emulator on loopback: the default
# keyring store (Windows Credential Manager) round trip, config paths with spaces and
# backslashes, the insecure-file store, `emulator exec` spawning an .exe and a .cmd, and error
# exits. Prints one line per check and "N passed, N failed"; exits non-zero when a check fails.
#
# Usage: .ci/windows-wine.sh WINDOWS_EXE LINUX_BINARY
# Needs wine (Debian's 8.0) and gcc-mingw-w64-x86-64 for the test-only ProcessPrng shim.
set -uo pipefail
cd "$(dirname "$0")/.."

windows_exe=$(realpath "${1:?give the path of passwordless.exe}")
linux_bin=$(realpath "${2:?give the path of the Linux passwordless binary (for the emulator)}")
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
secret='devapp:secret:0123456789abcdef0123456789abcdef'
secret_hex=${secret##*:}

work=$(mktemp -d)
emulator_pid=
cleanup() {
  [[ -n $emulator_pid ]] && kill "$emulator_pid" 2>/dev/null && wait "$emulator_pid" 2>/dev/null
  # Our private prefix's wineserver only; it would otherwise linger for a few seconds.
  WINEPREFIX="$work/prefix" wineserver -k 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# A folder name with a space, as under C:\Program Files.
bindir="$work/Program Files/passwordless"
mkdir -p "$bindir"
cp "$windows_exe" "$bindir/passwordless.exe"
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$bindir/bcryptprimitives.dll" \
  .ci/wine/processprng.c -ladvapi32 || { echo "cannot build the ProcessPrng shim"; exit 1; }
# Windows also looks for DLLs in the current folder: run from the scratch folder, so nothing
# lying around in the checkout can stand in for the shim.
cd "$work"

export WINEPREFIX="$work/prefix" WINEDEBUG=-all
# No Mono or Gecko install dialogs while the prefix is created.
export WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY WAYLAND_DISPLAY
# The CLI under test sees only what each check sets.
for name in $(env | sed -n 's/^\(PASSWORDLESS_[A-Z_]*\)=.*/\1/p'); do unset "$name"; done
export NO_COLOR=1

# The emulator is the Linux build; the Windows build talks to it over loopback.
"$linux_bin" emulator --port 0 --json >"$work/emulator.out" 2>"$work/emulator.err" &
emulator_pid=$!
url=
for _ in $(seq 1 100); do
  url=$(sed -n 's/.*"url":"\([^"]*\)".*/\1/p' "$work/emulator.out" | head -n1)
  [[ -n $url ]] && break
  sleep 0.1
done
if [[ -z $url ]]; then
  echo "the emulator did not start:"; cat "$work/emulator.err"; exit 1
fi

started=$(date +%s)
# The first start creates the prefix (~10 s); do it before the first timed check.
wine "$bindir/passwordless.exe" --version >/dev/null 2>&1
echo "wine prefix ready in $(( $(date +%s) - started )) s"

code=0 out= err=
# pw ARGS...: runs passwordless.exe under Wine with stdin passed through; sets code, out, err.
pw() {
  wine "$bindir/passwordless.exe" "$@" >"$work/stdout" 2>"$work/stderr"
  code=$?
  out=$(tr -d '\r' <"$work/stdout")
  err=$(tr -d '\r' <"$work/stderr")
}

passed=0 failed=0
# check NAME CONDITION: CONDITION is a bash test on code, out and err, evaluated now.
check() {
  if eval "$2"; then
    passed=$((passed + 1)); echo "ok   $1"
  else
    failed=$((failed + 1)); echo "FAIL $1"
    echo "     exit $code; wanted: $2"
    sed 's/^/     stdout: /' <<<"$out"; sed 's/^/     stderr: /' <<<"$err"
  fi
}
has() { [[ $1 == *"$2"* ]]; }
# No output of any check may hold the secret in clear.
leak_free() { ! has "$out$err" "$secret_hex"; }

pw --version
check "--version" '[[ $code == 0 && $out == "passwordless $version" ]]'

pw config path --quiet
check "config path is in the roaming AppData folder, with backslashes" \
  '[[ $code == 0 && $out =~ ^C:\\users\\[^\\]+\\AppData\\Roaming\\passwordless\\passwordless\\config\\config\.toml$ ]]'

pw config set-secret <<<"$secret"
check "config set-secret from stdin stores in the Windows Credential Manager" \
  '[[ $code == 0 ]] && has "$out" "devapp:secret:****cdef" && has "$out" "windows-credential-manager store" && leak_free'

pw config show
check "config show: masked secret, from the Credential Manager, the default store; plain rows when piped" \
  '[[ $code == 0 ]] && has "$out" "secret	devapp:secret:****cdef" && has "$out" "secret source	keyring store windows-credential-manager" && has "$out" "keyring store	windows-credential-manager (default)" && leak_free'

# Wine keeps generic credentials in its registry, under the target name the README documents.
wine reg query 'HKCU\Software\Wine\Credential Manager' >"$work/stdout" 2>"$work/stderr"
code=$? out=$(tr -d '\r' <"$work/stdout") err=$(tr -d '\r' <"$work/stderr")
check "the credential is named default.passwordless-cli" \
  '[[ $code == 0 ]] && has "$out" "default.passwordless-cli"'

export PASSWORDLESS_API_URL=$url
pw register-token --user-id 42 --alias wine --quiet
check "register-token with the secret read from the Credential Manager" \
  '[[ $code == 0 && $out == register_* ]] && leak_free'

pw doctor
check "doctor: the Credential Manager is this OS's keyring, and the secret comes from it" \
  '[[ $code == 0 ]] && has "$out" "keyring	ok	windows-credential-manager (default)" && has "$out" "from keyring store windows-credential-manager" && leak_free'

pw signin-token --user-id 42 --quiet
token=$out
check "signin-token" '[[ $code == 0 && $out == verify_* ]]'
pw verify "$token" --json
check "verify exits 0 for a good token" \
  '[[ $code == 0 ]] && has "$out" "\"success\": true" && has "$out" "\"userId\": \"42\""'

pw verify verify_bm90LWEtdG9rZW4
check "verify of a forged token: exit 5 with the API's errorCode and docs link" \
  '[[ $code == 5 ]] && has "$err" "error: " && has "$err" "errorCode: invalid_token" && has "$err" "docs.passwordless.dev/guide/errors.html#invalid_token"'

pw config delete-secret --yes
check "config delete-secret removes the Credential Manager entry" \
  '[[ $code == 0 ]] && has "$out" "from the windows-credential-manager store"'

pw register-token --user-id 42
check "without a secret: exit 4 and the ways to provide one" \
  '[[ $code == 4 ]] && has "$err" "no API secret for profile \`default\`" && has "$err" "config set-secret" && has "$err" "PASSWORDLESS_API_SECRET"'

pw config delete-secret --yes
check "deleting it again: exit 3" '[[ $code == 3 ]] && has "$err" "no API secret is stored"'

PASSWORDLESS_API_SECRET=$secret pw --api-url http://127.0.0.1:1 register-token --user-id 42
check "an unreachable server: exit 7 with a one-line reason, secret not shown" \
  '[[ $code == 7 ]] && has "$err" "error: " && leak_free'
PASSWORDLESS_KEYRING_STORE=keyutils pw register-token --user-id 42
check "PASSWORDLESS_KEYRING_STORE=keyutils is refused on Windows, naming the stores it has" \
  '[[ $code == 2 ]] && has "$err" "windows-credential-manager or insecure-file"'

# A config folder given as a Windows path with a space and backslashes (Z: is Wine's /).
config_dir="$work/my config"
export PASSWORDLESS_CONFIG_DIR="Z:${config_dir//\//\\}"
pw config set base-url "$url"
check "config set writes config.toml into a folder with a space" \
  '[[ $code == 0 ]] && grep -qF "base-url = \"$url\"" "$config_dir/config.toml"'
pw config path --quiet
check "config path prints it with backslashes" '[[ $code == 0 && $out == "$PASSWORDLESS_CONFIG_DIR\\config.toml" ]]'

export PASSWORDLESS_KEYRING_STORE=insecure-file
pw config set-secret <<<"$secret"
pw register-token --user-id 43 --quiet
check "the insecure-file store on Windows: written beside the config, read back" \
  '[[ $code == 0 && $out == register_* && -f "$config_dir/secrets.insecure.toml" ]]'
unset PASSWORDLESS_KEYRING_STORE PASSWORDLESS_CONFIG_DIR PASSWORDLESS_API_URL

pw emulator exec -- passwordless register-token --user-id 7 --quiet
check "emulator exec spawns passwordless.exe (found through PATH) against its own emulator" \
  '[[ $code == 0 && $out == register_* ]]'

printf '@echo off\r\necho url=%%PASSWORDLESS_API_URL%%\r\nexit /b 3\r\n' >"$bindir/show-url.cmd"
pw emulator exec -- show-url
check "emulator exec runs a .cmd script by its bare name and passes its exit code on" \
  '[[ $code == 3 && $out == url=http://127.0.0.1:* ]]'

pw emulator exec -- no-such-command
check "emulator exec of a missing command: one-line error" \
  '[[ $code != 0 ]] && has "$err" "cannot run \`no-such-command\`" && [[ $(wc -l <<<"$err") == 1 ]]'

# What the PowerShell registration script runs on each TAB.
COMPLETE=powershell pw -- passwordless conf
check "PowerShell completion asks the .exe for candidates" \
  '[[ $code == 0 ]] && grep -q "^config" <<<"$out"'

echo "wine checks took $(( $(date +%s) - started )) s"
echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
