//! The real OS keyrings: a secret stored by `config set-secret` in one process is read by the
//! next. Ignored by a plain `cargo test`, since they need a D-Bus session with an unlocked
//! gnome-keyring and a usable kernel keyring; `.ci/run` provides both and runs them with
//! `--ignored`, where a missing or broken keyring fails them.

use crate::common::{DEV_SECRET, TestEnv};

fn real_keyring_env() -> TestEnv {
    let mut env = TestEnv::without_secret();
    env.remove("PASSWORDLESS_KEYRING_STORE");
    let bus = std::env::var("DBUS_SESSION_BUS_ADDRESS")
        .expect("no D-Bus session bus: run inside `dbus-run-session -- bash .ci/with-keyring.sh`");
    env.set("DBUS_SESSION_BUS_ADDRESS", &bus);
    // A profile of its own so a developer's real entry is never touched.
    env.set(
        "PASSWORDLESS_PROFILE",
        &format!("ci-{}", std::process::id()),
    );
    env
}

#[test]
#[ignore = "needs a real OS keyring: `.ci/run` runs it with --ignored"]
fn keyring_round_trip_between_processes() {
    let env = real_keyring_env();
    let run = env.run_with_stdin(&["config", "set-secret"], DEV_SECRET);
    assert_eq!(run.code, 0, "{run}");
    assert!(run.stdout.contains("secret-service"), "{run}");

    let run = env.run(&["register-token", "--user-id", "42", "--quiet"]);
    assert_eq!(run.code, 0, "{run}");
    assert!(run.stdout.starts_with("register_"), "{run}");

    let show = env.run(&["config", "show", "--json"]).json();
    assert_eq!(show["secretSource"], "keyring store secret-service");
    assert_eq!(show["secret"], "devapp:secret:****cdef");

    let run = env.run(&["config", "delete-secret", "--yes"]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["register-token", "--user-id", "42"]);
    assert_eq!(run.code, 4, "{run}");
}

#[test]
#[ignore = "needs a real OS keyring: `.ci/run` runs it with --ignored"]
fn keyring_kernel_keyutils_store_round_trip() {
    let mut env = real_keyring_env();
    env.set("PASSWORDLESS_KEYRING_STORE", "keyutils");
    let run = env.run_with_stdin(&["config", "set-secret"], DEV_SECRET);
    assert_eq!(
        run.code, 0,
        "the keyutils store cannot store a secret: {run}"
    );
    assert!(run.stdout.contains("keyutils"), "{run}");

    let run = env.run(&["register-token", "--user-id", "42", "--quiet"]);
    assert_eq!(run.code, 0, "{run}");
    assert!(run.stdout.starts_with("register_"), "{run}");

    let run = env.run(&["config", "delete-secret", "--yes"]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["register-token", "--user-id", "42"]);
    assert_eq!(run.code, 4, "the deleted secret is still found: {run}");
}
