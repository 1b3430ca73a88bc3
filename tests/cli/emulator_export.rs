//! `passwordless emulator export` and `emulator --seed` of what it wrote: JSON on stdout without
//! a single secret, JSON and TOML files that start a second emulator holding the same state, and
//! a passkey registered against one emulator that signs in against its copy.

use crate::common::{DEV_SECRET, Running, TestEnv};
use crate::snap;

const DEV_API_KEY: &str = passwordless::emulator::DEV_API_KEY;

/// The export on stdout, which must succeed, as JSON.
fn exported(env: &TestEnv) -> serde_json::Value {
    let run = env.run(&["emulator", "export"]);
    assert_eq!(run.code, 0, "{run}");
    run.json()
}

#[test]
fn export_on_stdout_holds_no_secret() {
    let env = TestEnv::seeded();
    let run = env.run(&["emulator", "export", "-vvv"]);
    assert_eq!(run.code, 0, "{run}");
    assert!(!run.stdout.contains(DEV_SECRET), "{run}");
    assert!(!run.stderr.contains(DEV_SECRET), "{run}");
    assert!(!run.stdout.contains(":secret:"), "{run}");
    let seed = run.json();
    assert_eq!(seed["version"], 1);
    let app = &seed["apps"][0];
    assert_eq!(app["appId"], "devapp");
    // The public key is no secret: it pins the key on the copy.
    assert_eq!(app["apiKeyValues"], serde_json::json!([DEV_API_KEY]));
    assert_eq!(app["apiKeys"][1]["type"], "secret");
    assert_eq!(app["apiKeys"][1]["id"], "cdef");
    let users: Vec<&str> = app["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["userId"].as_str().unwrap())
        .collect();
    assert_eq!(users, ["alice", "bob", "carol"]);
    // A hashed alias is written as its hash, a plain one as itself.
    assert_eq!(
        app["users"][0]["aliases"],
        serde_json::json!(["alice@example.com"])
    );
    assert_eq!(app["users"][1]["aliasHashes"].as_array().unwrap().len(), 1);
    assert_eq!(app["users"][1]["credentials"][0]["id"], "CQoLDA");
}

#[test]
fn include_secrets_writes_to_a_file_only() {
    let env = TestEnv::new();
    let run = env.run(&["emulator", "export", "--include-secrets"]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: --include-secrets writes secret API keys, which go to a file only: add --file FILE (written readable by you only)
    ");
    let path = env.home.path().join("seed.json");
    let file = path.display().to_string();
    let run = env.run(&[
        "emulator",
        "export",
        "--include-secrets",
        "--file",
        &file,
        "-vvv",
    ]);
    assert_eq!(run.code, 0, "{run}");
    assert!(!run.stderr.contains(DEV_SECRET), "{run}");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(DEV_SECRET), "nothing is masked: {text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let run = env.run(&["emulator", "export", "--file", &file]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    Exported 1 app(s) with 0 user(s) and 0 credential(s), and 0 fault rule(s), to [HOME]/seed.json; secret API keys left out (--include-secrets keeps them).
    --- stderr
    ");
    assert!(!std::fs::read_to_string(&path).unwrap().contains(DEV_SECRET));
    let run = env.run(&["emulator", "export", "--file", &file, "--json"]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(
        run.json(),
        serde_json::json!({"file": file, "apps": 1, "users": 0, "credentials": 0, "faults": 0, "secrets": false})
    );
}

#[test]
fn a_toml_export_seeds_an_emulator_with_the_same_state() {
    let mut env = TestEnv::seeded();
    let run = env.run(&[
        "emulator",
        "fault",
        "add",
        "--path",
        "/users/count",
        "--status",
        "500",
        "--count",
        "1",
    ]);
    assert_eq!(run.code, 0, "{run}");
    let before = exported(&env);
    let path = env.home.path().join("seed.toml");
    let file = path.display().to_string();
    let run = env.run(&["emulator", "export", "--include-secrets", "--file", &file]);
    assert_eq!(run.code, 0, "{run}");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("# A Passwordless.dev emulator's state"),
        "{text}"
    );
    assert!(text.contains("[[apps]]"), "{text}");
    assert!(text.contains(DEV_SECRET), "{text}");
    let copy = Running::start(&env, &["--seed", &file]);
    env.set("PASSWORDLESS_API_URL", &copy.url);
    assert_eq!(exported(&env), before);
    // The seed's fault rule is there, once, and the users behind it.
    let run = env.run(&["users", "count"]);
    assert_ne!(run.code, 0, "{run}");
    assert!(run.stderr.contains("HTTP 500"), "{run}");
    assert_eq!(env.value(&["users", "count"]), "2");
    assert_eq!(
        env.value(&["users", "list", "--quiet"]),
        "alice\nbob\ncarol"
    );
}

#[test]
fn a_passkey_registered_against_one_emulator_signs_in_against_its_copy() {
    let mut env = TestEnv::new();
    env.set("PASSWORDLESS_API_KEY", DEV_API_KEY);
    let token = env.value(&[
        "register-token",
        "--user-id",
        "42",
        "--alias",
        "alice",
        "--quiet",
    ]);
    let run = env.run(&["passkey", "register", "--token", &token]);
    assert_eq!(run.code, 0, "{run}");
    let path = env.home.path().join("seed.json");
    let file = path.display().to_string();
    let run = env.run(&["emulator", "export", "--include-secrets", "--file", &file]);
    assert_eq!(run.code, 0, "{run}");
    let copy = Running::start(&env, &["--seed", &file]);
    env.set("PASSWORDLESS_API_URL", &copy.url);
    // The same authenticator file (the config folder's): by alias, as a browser would.
    let run = env.run(&["passkey", "sign-in", "--alias", "alice", "--quiet"]);
    assert_eq!(run.code, 0, "{run}");
    let token = run.stdout.trim().to_owned();
    let run = env.run(&["verify", &token, "--json"]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(run.json()["userId"], "42", "{run}");
    assert_eq!(run.json()["success"], true, "{run}");
}

/// An export without secrets lists each secret key by its id only: loaded, the key gets a fresh
/// value with that id, which the emulator prints at start (nobody else knows it).
#[test]
fn keys_a_seed_lists_without_values_are_made_and_printed() {
    let mut env = TestEnv::new();
    let path = env.home.path().join("seed.json");
    std::fs::write(
        &path,
        r#"{"apps": [{"appId": "shop", "apiKeys": [
            {"id": "beef", "type": "secret", "scopes": ["token_register", "token_verify"]}]}]}"#,
    )
    .unwrap();
    let file = path.display().to_string();
    let copy = Running::spawn(
        &env,
        &["emulator", "--port", "0", "--json", "--seed", &file],
    );
    let record: serde_json::Value = serde_json::from_str(&copy.url).expect("one JSON line");
    let keys = record["seededKeys"].as_array().expect("seededKeys");
    assert_eq!(keys.len(), 1, "{record}");
    let secret = keys[0].as_str().unwrap();
    assert!(
        secret.starts_with("shop:secret:") && secret.ends_with("beef"),
        "{secret}"
    );
    env.set("PASSWORDLESS_API_URL", record["url"].as_str().unwrap());
    env.set("PASSWORDLESS_API_SECRET", secret);
    let run = env.run(&["users", "list"]);
    assert_eq!(run.code, 0, "{run}");
}

#[test]
fn a_bad_seed_is_one_line_naming_the_member() {
    let env = TestEnv::new();
    let path = env.home.path().join("seed.json");
    std::fs::write(
        &path,
        r#"{"apps": [{"appId": "shop", "apiKeyValues": ["shop:secret:0123456789abcdef0123456789abcdef"]}]}"#,
    )
    .unwrap();
    let file = path.display().to_string();
    let run = env.run(&["emulator", "--port", "0", "--seed", &file]);
    let run = run.to_string().replace(&file, "[FILE]");
    insta::assert_snapshot!(run, @r#"
    exit: 2
    --- stdout
    --- stderr
    error: seed file [FILE] is not usable: apps[0] (appId "shop"): apiKeyValues[0] (id cdef) matches no secret key of apiKeys; list its type and scopes there with "id": "cdef"
    "#);
}

/// A user the emulator refuses while loading the seed is a usage error naming the file and
/// the entry, as a mistake found when the file is read is, and a new `--state` file is not
/// made: the seed is loaded before the store.
#[test]
fn a_bad_seed_user_is_one_line_and_leaves_no_state_file() {
    let env = TestEnv::new();
    let path = env.home.path().join("seed.json");
    std::fs::write(
        &path,
        r#"{"users": [{"userId": "u1", "aliases": ["ann"]}, {"userId": "u2", "aliases": ["ann"]}]}"#,
    )
    .unwrap();
    let state = env.home.path().join("state.db");
    let file = path.display().to_string();
    let run = env.run(&[
        "emulator",
        "--port",
        "0",
        "--seed",
        &file,
        "--state",
        &state.display().to_string(),
    ]);
    let run = run.to_string().replace(&file, "[FILE]");
    insta::assert_snapshot!(run, @r#"
    exit: 2
    --- stdout
    --- stderr
    error: seed file [FILE] is not usable: users[1] (userId "u2"): alias "ann" already belongs to userId "u1"
    "#);
    assert!(!state.exists(), "a refused seed left {}", state.display());
}

/// `emulator state` and `emulator export` read the whole state, which outgrows the 16 MiB the
/// CLI reads of one API answer: 30,000 users (one alias and one passkey each) are some 20 MB of
/// either. Both refused it ("answered more than 16 MiB") before they got a cap of their own.
#[test]
fn state_and_export_of_a_state_larger_than_an_api_answer() {
    const USERS: usize = 30_000;
    let mut env = TestEnv::without_secret();
    let seed = env.home.path().join("large.json");
    let users: Vec<String> = (1..=USERS)
        .map(|i| {
            format!(
                r#"{{"userId": "user-{i}", "aliases": ["user-{i}@example.com"], "credentials": [{{"id": "cred{i:08}", "nickname": "Laptop"}}]}}"#
            )
        })
        .collect();
    std::fs::write(&seed, format!(r#"{{"users": [{}]}}"#, users.join(",\n"))).unwrap();
    let running = Running::start(&env, &["--seed", &seed.display().to_string()]);
    env.set("PASSWORDLESS_API_URL", &running.url);

    let run = env.run(&["emulator", "state"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.len() > 16 << 20, "{} bytes", run.stdout.len());
    let state = run.json();
    let listed = state["apps"][0]["users"].as_array().expect("users");
    assert_eq!(listed.len(), USERS);
    assert_eq!(listed[USERS - 1]["userId"], format!("user-{USERS}"));

    let file = env.home.path().join("export.json");
    let run = env.run(&[
        "emulator",
        "export",
        "--file",
        &file.display().to_string(),
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json()["users"], USERS);
    let export: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(
        export["apps"][0]["users"].as_array().map(Vec::len),
        Some(USERS)
    );
    running.interrupt();
}
