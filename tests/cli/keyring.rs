//! The real OS keyring: a secret stored by `config set-secret` in one process is read by the
//! next. Runs when `PASSWORDLESS_TEST_REAL_KEYRING=1` (set by `.ci/run` inside a D-Bus session
//! with an unlocked gnome-keyring); with the variable set, a missing keyring fails the test.

use crate::common::{DEV_SECRET, TestEnv};

fn real_keyring_env() -> Option<TestEnv> {
    std::env::var_os("PASSWORDLESS_TEST_REAL_KEYRING")?;
    let mut env = TestEnv::without_secret();
    env.remove("PASSWORDLESS_KEYRING_STORE");
    let bus = std::env::var("DBUS_SESSION_BUS_ADDRESS")
        .expect("PASSWORDLESS_TEST_REAL_KEYRING is set but there is no D-Bus session bus");
    env.set("DBUS_SESSION_BUS_ADDRESS", &bus);
    // A profile of its own so a developer's real entry is never touched.
    env.set(
        "PASSWORDLESS_PROFILE",
        &format!("ci-{}", std::process::id()),
    );
    Some(env)
}

#[test]
fn keyring_round_trip_between_processes() {
    let Some(env) = real_keyring_env() else {
        return;
    };
    let run = env.run_with_stdin(&["config", "set-secret"], DEV_SECRET);
    assert_eq!(run.code, 0, "{run}");
    assert!(run.stdout.contains("secret-service"), "{run}");

    let run = env.run(&["register-token", "--user-id", "42", "--quiet"]);
    assert_eq!(run.code, 0, "{run}");
    assert!(run.stdout.starts_with("register_"), "{run}");

    let show = env.run(&["config", "show", "--json"]).json();
    assert_eq!(show["secretSource"], "keyring store secret-service");
    assert_eq!(show["secret"], "devapp:secret:****cdef");

    let run = env.run(&["config", "delete-secret"]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["register-token", "--user-id", "42"]);
    assert_eq!(run.code, 4, "{run}");
}

#[test]
fn keyring_kernel_keyutils_store_round_trip() {
    let Some(mut env) = real_keyring_env() else {
        return;
    };
    env.set("PASSWORDLESS_KEYRING_STORE", "keyutils");
    // keyutils works inside a session keyring; `keyctl` may be absent, so only check that the
    // store either works or fails with the exit code and hint for an unreachable keyring.
    let run = env.run_with_stdin(&["config", "set-secret"], DEV_SECRET);
    if run.code == 0 {
        let run = env.run(&["register-token", "--user-id", "42", "--quiet"]);
        assert_eq!(run.code, 0, "{run}");
        env.run(&["config", "delete-secret"]);
    } else {
        assert_eq!(run.code, 4, "{run}");
        assert!(run.stderr.contains("PASSWORDLESS_API_SECRET"), "{run}");
    }
}
