//! The secret never reaches argv, stdout, stderr or traces, and missing or wrong secrets exit 4.

use crate::common::{DEV_SECRET, TestEnv};
use crate::snap;

const SECRET_HEX: &str = "0123456789abcdef0123456789abcdef";

#[test]
fn a_secret_in_argv_is_refused_without_echoing_it() {
    let env = TestEnv::without_secret();
    for args in [
        vec!["config", "set-secret", DEV_SECRET],
        vec!["register-token", "--user-id", DEV_SECRET],
        vec!["--api-url", DEV_SECRET, "config", "show"],
    ] {
        let run = env.run(&args);
        assert_eq!(run.code, 2, "{run}");
        assert!(!run.stderr.contains(SECRET_HEX), "{run}");
    }
    let run = env.run(&["config", "set-secret", DEV_SECRET]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: an API secret was given on the command line, where shell history and the process list keep it; use `passwordless config set-secret` (prompt, stdin or --from-file) or set PASSWORDLESS_API_SECRET
    ");
    // A typo'd secret that is not secret-shaped is still not echoed by set-secret.
    let run = env.run(&["config", "set-secret", "devapp-secret-typo"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(!run.stderr.contains("typo"), "{run}");
}

#[test]
fn no_secret_exits_4_and_names_the_ways_out() {
    let env = TestEnv::without_secret();
    let run = env.run(&["register-token", "--user-id", "42"]);
    snap!(env, run, @"
    exit: 4
    --- stdout
    --- stderr
    error: no API secret for profile `default`; store one with `passwordless config set-secret` or set PASSWORDLESS_API_SECRET
    ");
}

#[test]
fn a_wrong_secret_exits_4() {
    let mut env = TestEnv::new();
    env.set(
        "PASSWORDLESS_API_SECRET",
        "devapp:secret:ffffffffffffffffffffffffffffffff",
    );
    let run = env.run(&["register-token", "--user-id", "42"]);
    snap!(env, run, @"
    exit: 4
    --- stdout
    --- stderr
    error: POST /register/token was refused with HTTP 401; the API secret in PASSWORDLESS_API_SECRET was not accepted (wrong, or its key is locked); set PASSWORDLESS_API_SECRET to the app's secret from the admin console, or unset it to use the keyring
      title: A valid 'ApiSecret' header is required.
      detail: The value of your 'ApiSecret' is not valid.
      docs: https://docs.passwordless.dev/guide/errors.html#ApiSecret
    ");
    env.set(
        "PASSWORDLESS_API_SECRET",
        "devapp:public:fedcba9876543210fedcba9876543210",
    );
    let run = env.run(&["register-token", "--user-id", "42"]);
    snap!(env, run, @"
    exit: 4
    --- stdout
    --- stderr
    error: PASSWORDLESS_API_SECRET is set but unusable: this is a public API key (`<app>:public:…`), used by browsers; the CLI needs the API secret (`<app>:secret:…`) from the admin console
    ");
}

#[test]
fn the_secret_never_appears_in_any_output() {
    let env = TestEnv::new();
    let token = env.value(&["signin-token", "--user-id", "42", "--quiet"]);
    let runs = [
        env.run(&["register-token", "--user-id", "42", "--verbose"]),
        env.run(&["register-token", "--user-id", "42", "--json", "--verbose"]),
        env.run(&["verify", &token, "--verbose"]),
        env.run(&["verify", "verify_bad", "--verbose", "--json"]),
        env.run(&["config", "show"]),
        env.run(&["config", "show", "--json"]),
        env.run(&["signin-token", "--user-id", "", "--verbose"]),
        env.run(&[
            "register-token",
            "--user-id",
            "1",
            "--api-url",
            "http://127.0.0.1:1",
            "-v",
        ]),
    ];
    for run in &runs {
        assert!(!run.stdout.contains(SECRET_HEX), "{run}");
        assert!(!run.stderr.contains(SECRET_HEX), "{run}");
    }
    // The trace shows that the header was sent, masked.
    assert!(
        runs[0].stderr.contains("devapp:secret:****cdef"),
        "{}",
        runs[0]
    );
}

#[test]
fn an_unreachable_keyring_exits_4_with_the_ways_out() {
    let mut env = TestEnv::without_secret();
    env.set("PASSWORDLESS_KEYRING_STORE", "secret-service");
    // No D-Bus session bus in the cleared environment.
    env.set("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
    let run = env.run(&["register-token", "--user-id", "42"]);
    assert_eq!(run.code, 4, "{run}");
    assert!(run.stderr.contains("PASSWORDLESS_API_SECRET"), "{run}");
    assert_eq!(run.stderr.lines().count(), 1, "{run}");
    let run = env.run_with_stdin(&["config", "set-secret"], DEV_SECRET);
    assert_eq!(run.code, 4, "{run}");
    assert!(!run.stderr.contains(SECRET_HEX), "{run}");
}

#[test]
fn the_env_secret_skips_the_keyring_entirely() {
    let mut env = TestEnv::new();
    // A store that would fail if touched: the env var must win without a keyring call.
    env.set("PASSWORDLESS_KEYRING_STORE", "secret-service");
    env.set("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
    let run = env.run(&["register-token", "--user-id", "42", "--quiet"]);
    assert_eq!(run.code, 0, "{run}");
}
