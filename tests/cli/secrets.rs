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
    error: POST /register/token was refused by 127.0.0.1:[PORT] with HTTP 401; the API secret in PASSWORDLESS_API_SECRET was not accepted (wrong, or its key is locked); set PASSWORDLESS_API_SECRET to the app's secret from the admin console, or unset it to use the keyring
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

/// An environment whose keyring (Secret Service) cannot be reached: no D-Bus session bus.
fn unreachable_keyring_env() -> TestEnv {
    let mut env = TestEnv::without_secret();
    env.set("PASSWORDLESS_KEYRING_STORE", "secret-service");
    env.set("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
    env
}

#[test]
fn the_unreachable_keyring_hint_names_the_setting_that_persists() {
    let env = unreachable_keyring_env();
    let run = env.run(&["register-token", "--user-id", "42"]);
    assert_eq!(run.code, 4, "{run}");
    // Following the hint must store the choice where later runs look: the config file.
    assert!(
        run.stderr
            .contains("`passwordless config set keyring-store insecure-file` (a 0600"),
        "{run}"
    );
    // The variable chose the unreachable store, and it would win over the setting.
    assert!(
        run.stderr
            .contains("; then unset PASSWORDLESS_KEYRING_STORE: it chose this store"),
        "{run}"
    );
    let mut from_config = unreachable_keyring_env();
    from_config.remove("PASSWORDLESS_KEYRING_STORE");
    let run = from_config.run(&["config", "set", "keyring-store", "secret-service"]);
    assert_eq!(run.code, 0, "{run}");
    let run = from_config.run(&["register-token", "--user-id", "42"]);
    assert_eq!(run.code, 4, "{run}");
    assert!(
        run.stderr
            .contains("`passwordless config set keyring-store insecure-file` (a 0600"),
        "{run}"
    );
    assert!(!run.stderr.contains("PASSWORDLESS_KEYRING_STORE"), "{run}");
    let run = env.run_with_stdin(&["config", "set-secret", "--profile", "work"], DEV_SECRET);
    assert!(
        run.stderr
            .contains("`passwordless config set keyring-store insecure-file --profile work`"),
        "{run}"
    );
    // For the management key, the variable that bypasses the keyring is its own.
    let run = env.run(&["admin", "apps", "available", "shop"]);
    assert_eq!(run.code, 4, "{run}");
    assert!(
        run.stderr
            .contains("set PASSWORDLESS_MANAGEMENT_KEY instead"),
        "{run}"
    );
    assert!(!run.stderr.contains("PASSWORDLESS_API_SECRET"), "{run}");
}

#[test]
fn a_store_chosen_only_by_the_environment_is_said_on_success() {
    let env = TestEnv::without_secret();
    let run = env.run_with_stdin(&["config", "set-secret"], DEV_SECRET);
    snap!(env, run, @"
    exit: 0
    --- stdout
    Stored the API secret devapp:secret:****cdef for profile `default` in the insecure-file store. The store came from PASSWORDLESS_KEYRING_STORE only: runs without it look in another store; keep the choice with `passwordless config set keyring-store insecure-file`.
    --- stderr
    ");
    // Once the profile names the store, the success message has nothing to add.
    let run = env.run(&["config", "set", "keyring-store", "insecure-file"]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run_with_stdin(&["config", "set-secret", "--json"], DEV_SECRET);
    assert_eq!(run.json()["storeFromEnvOnly"], false, "{run}");
    let mut env = env;
    env.remove("PASSWORDLESS_KEYRING_STORE");
    let run = env.run(&["users", "count", "--quiet"]);
    assert_eq!(run.code, 0, "{run}");
}

#[test]
fn set_secret_checks_the_store_before_reading_the_secret() {
    let env = unreachable_keyring_env();
    // Nothing on stdin: the store's failure comes first, not "the value is empty".
    let run = env.run_with_stdin(&["config", "set-secret"], "");
    assert_eq!(run.code, 4, "{run}");
    assert!(run.stderr.contains("keyring is not reachable"), "{run}");
    let run = env.run_with_stdin(&["config", "set-management-key"], "");
    assert_eq!(run.code, 4, "{run}");
    assert!(run.stderr.contains("keyring is not reachable"), "{run}");
}

#[test]
fn an_upper_case_secret_is_refused_before_it_is_stored() {
    let env = TestEnv::without_secret();
    let upper = format!("devapp:secret:{}", SECRET_HEX.to_uppercase());
    let run = env.run_with_stdin(&["config", "set-secret"], &upper);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: not stored: the 32 hex digits of this API secret are in upper case, which the server refuses (401); it issues them in lower case (0-9a-f): copy the secret again from the admin console
    ");
    assert!(!run.stderr.contains("ABCDEF"), "{run}");
    let run = env.run(&["config", "show", "--json"]);
    assert_eq!(run.json()["secret"], "(none)", "{run}");
}

#[test]
fn doctor_tests_the_keyring_for_real() {
    let env = unreachable_keyring_env();
    let run = env.run(&["doctor", "--json"]);
    assert_eq!(run.code, 1, "{run}");
    let checks = run.json()["checks"].as_array().unwrap().clone();
    let row = |name: &str| {
        checks
            .iter()
            .find(|c| c["name"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("a {name} row: {run}"))
    };
    assert_eq!(row("keyring")["status"], "fail", "{run}");
    assert!(
        row("keyring")["detail"]
            .as_str()
            .unwrap()
            .contains("not reachable"),
        "{run}"
    );
    assert_eq!(row("secret")["fix"], "see the keyring check", "{run}");
    // The table's header is capitalised like every other table's.
    let table = env.run(&["doctor"]);
    assert!(
        table.stdout.starts_with("CHECK\tSTATUS\tDETAIL\tFIX\n"),
        "{table}"
    );
    // With the secret in the environment the keyring is not needed: a warning only.
    let mut env = env;
    env.set("PASSWORDLESS_API_SECRET", DEV_SECRET);
    let run = env.run(&["doctor", "--json"]);
    let checks = run.json()["checks"].as_array().unwrap().clone();
    let keyring = checks.iter().find(|c| c["name"] == "keyring").unwrap();
    assert_eq!(keyring["status"], "warn", "{run}");
}
