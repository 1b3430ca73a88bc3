//! The emulator's own keys and state: `--state` persistence across processes, corrupt state
//! files, `--secret`, and `emulator state`.

use crate::common::{Running, TestEnv};

/// `env` pointed at another emulator.
fn against(url: &str) -> TestEnv {
    let mut env = TestEnv::new();
    env.set("PASSWORDLESS_API_URL", url);
    env
}

#[test]
fn state_survives_a_restart() {
    let env = TestEnv::new();
    let path = env.home.path().join("emulator-state.json");
    let path = path.to_str().expect("utf-8 path");

    let first = Running::start(&env, &["--state", path]);
    let client = against(&first.url);
    let run = client.run(&[
        "magic-link",
        "send",
        "--email",
        "kept@example.com",
        "--url-template",
        "https://app.example/?t=$TOKEN",
        "--user-id",
        "kept-user",
    ]);
    assert_eq!(run.code, 0, "{run}");
    first.interrupt();
    assert!(std::path::Path::new(path).exists());

    let second = Running::start(&env, &["--state", path]);
    let client = against(&second.url);
    let run = client.run(&["emulator", "outbox", "--url", &second.url, "--json"]);
    assert_eq!(run.code, 0, "{run}");
    let outbox = run.json();
    assert_eq!(outbox[0]["to"], "kept@example.com");
    assert_eq!(outbox[0]["userId"], "kept-user");
    // A token minted by the first process still verifies: the signing keys were saved too.
    let token = outbox[0]["token"].as_str().expect("token").to_owned();
    let run = client.run(&["verify", &token, "--json"]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(run.json()["userId"], "kept-user");
    second.interrupt();
}

#[test]
fn a_corrupt_state_file_is_a_usage_error_naming_it() {
    let env = TestEnv::new();
    let path = env.home.path().join("broken.json");
    std::fs::write(&path, "{ not json").expect("write");
    let run = env.run(&[
        "emulator",
        "--port",
        "0",
        "--state",
        path.to_str().expect("utf-8"),
    ]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("broken.json"), "{run}");
    assert!(run.stderr.contains("corrupt"), "{run}");
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), "{ not json");
}

#[test]
fn secret_option_chooses_the_dev_app_keys() {
    let env = TestEnv::new();
    let secret = "myapp:secret:00112233445566778899aabbccddeeff";
    let running = Running::start(&env, &["--secret", secret]);
    let mut client = against(&running.url);
    client.set("PASSWORDLESS_API_SECRET", secret);
    let run = client.run(&[
        "register-token",
        "--user-id",
        "u1",
        "--username",
        "u1",
        "--quiet",
    ]);
    assert_eq!(run.code, 0, "{run}");
    assert!(run.stdout.starts_with("register_"), "{run}");
    // The default dev secret is not a key of this emulator.
    let run = against(&running.url).run(&["register-token", "--user-id", "u1", "--username", "u1"]);
    assert_eq!(run.code, 4, "{run}");

    let bad = env.run(&["emulator", "--port", "0", "--secret", "myapp:secret:xyz"]);
    assert_eq!(bad.code, 2, "{bad}");
    assert!(bad.stderr.contains("--secret must look like"), "{bad}");
    // Other commands still refuse a secret on the command line.
    let refused = env.run(&["users", "list", "--profile", secret]);
    assert_eq!(refused.code, 2, "{refused}");
}

#[test]
fn state_subcommand_dumps_the_state_with_secrets_masked() {
    let env = TestEnv::seeded();
    let url = env.emulator.base_url();
    let run = env.run(&["emulator", "state", "--url", &url]);
    assert_eq!(run.code, 0, "{run}");
    assert!(run.stdout.contains("alice"), "{run}");
    assert!(run.stdout.contains("devapp"), "{run}");
    assert!(
        !run.stdout.contains("0123456789abcdef0123456789abcdef"),
        "{run}"
    );
    let run = env.run(&["emulator", "state", "--url", "http://127.0.0.1:9"]);
    assert_eq!(run.code, 7, "{run}");
    let run = env.run(&["emulator", "state", "--url", "http://example.com"]);
    assert_eq!(run.code, 2, "{run}");
}

/// The help's own example, `--state emulator.db`: a bare file name lives in the current folder
/// (its parent is `""`, which once failed the folder sync after the file was written).
#[test]
fn a_bare_state_file_name_works() {
    let env = TestEnv::new();
    let running = Running::start(&env, &["--state", "emulator.db"]);
    let client = against(&running.url);
    let run = client.run(&["users", "count"]);
    assert_eq!(run.code, 0, "{run}");
    running.interrupt();
    let saved = std::fs::read(env.home.path().join("emulator.db")).expect("saved");
    assert!(
        saved.starts_with(b"SQLite format 3\0"),
        "an SQLite database"
    );
}
