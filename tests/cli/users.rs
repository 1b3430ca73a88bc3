//! `users`, `aliases` and `credentials` against a seeded emulator.

use crate::common::TestEnv;
use crate::snap;

#[test]
fn users_list_count_and_delete() {
    let env = TestEnv::seeded();
    let run = env.run(&["users", "list"]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    USER ID	PASSKEYS	ALIASES	LAST USED
    alice	2	alice@example.com	2026-02-03 04:05:06 UTC
    bob	1	(hashed)	2026-03-01 00:00:00 UTC
    carol	0	carol	-
    --- stderr
    ");
    let json = env.run(&["users", "list", "--json"]).json();
    assert_eq!(json.as_array().unwrap().len(), 3, "{json}");
    assert_eq!(json[0]["userId"], "alice");
    let run = env.run(&["users", "count"]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    2
    --- stderr
    ");
    // Not a terminal and no --yes: refused, nothing deleted.
    let run = env.run(&["users", "delete", "alice"]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: Delete user `alice` with all their passkeys and aliases? Not without confirmation: add --yes when running without a terminal
    ");
    let run = env.run(&["users", "delete", "alice", "--yes"]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    Deleted user `alice`.
    --- stderr
    ");
    assert_eq!(env.value(&["users", "list", "--quiet"]), "bob\ncarol");
    assert_eq!(env.value(&["users", "count", "--quiet"]), "1");
    // Deleting a user removes their credentials and aliases.
    let json = env
        .run(&["credentials", "list", "--user-id", "alice", "--json"])
        .json();
    assert_eq!(json, serde_json::json!([]));
}

#[test]
fn an_empty_list_is_brackets_in_json() {
    let env = TestEnv::new();
    let run = env.run(&["users", "list", "--json"]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(run.stdout, "[]\n");
}

#[test]
fn aliases_list_and_set() {
    let env = TestEnv::seeded();
    let run = env.run(&["aliases", "list", "--user-id", "alice"]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    ALIAS (HASH)	PLAINTEXT
    bS37YKW4eT3ozIfubXA0lqa3h7gq35ACpljoChW5kQA=	alice@example.com
    --- stderr
    ");
    let run = env.run(&[
        "aliases",
        "set",
        "--user-id",
        "alice",
        "--alias",
        "ally",
        "--alias",
        "al@example.com",
        "--yes",
    ]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    Set 2 aliases for user `alice`, stored hashed.
    --- stderr
    ");
    let run = env.run(&["aliases", "list", "--user-id", "alice", "--json"]);
    let json = run.json();
    assert_eq!(json.as_array().unwrap().len(), 2, "{run}");
    assert!(
        json.as_array()
            .unwrap()
            .iter()
            .all(|a| a["plaintext"].is_null()),
        "hashed by default: {run}"
    );
    // An alias of another user conflicts.
    let run = env.run(&[
        "aliases",
        "set",
        "--user-id",
        "alice",
        "--alias",
        "bob",
        "--yes",
    ]);
    assert_eq!(run.code, 5, "{run}");
    assert!(run.stderr.contains("alias_conflict"), "{run}");
    // Clearing needs confirmation.
    let run = env.run(&["aliases", "set", "--user-id", "alice"]);
    assert_eq!(run.code, 2, "{run}");
    let run = env.run(&["aliases", "set", "--user-id", "alice", "--yes"]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(
        env.run(&["aliases", "list", "--user-id", "alice", "--json"])
            .stdout,
        "[]\n"
    );
    let run = env.run(&["aliases", "list", "--user-id", ""]);
    assert_eq!(run.code, 2, "{run}");
}

#[test]
fn credentials_list_and_delete() {
    let env = TestEnv::seeded();
    let run = env.run(&["credentials", "list", "--user-id", "alice"]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    CREDENTIAL ID	NICKNAME	DEVICE	CREATED	LAST USED	ORIGIN
    AQIDBA	Laptop	Chrome, Mac OS X 10	2026-01-02 03:04:05 UTC	2026-02-03 04:05:06 UTC	https://app.example.com
    BQYHCA	Phone	Emulator seed	2026-01-05 00:00:00 UTC	2026-01-05 00:00:00 UTC	http://localhost
    --- stderr
    ");
    let json = env
        .run(&["credentials", "list", "--user-id", "alice", "--json"])
        .json();
    assert_eq!(json[0]["descriptor"]["id"], "AQIDBA");
    assert_eq!(json[0]["rpid"], "app.example.com");
    // The standard-base64 form that `verify` prints is accepted and converted.
    let run = env.run(&["credentials", "delete", "AQIDBA==", "--yes"]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    Passkey `AQIDBA` is gone (the server does not say whether it existed; `credentials list --user-id ID` shows a user's passkeys).
    --- stderr
    ");
    assert_eq!(
        env.value(&["credentials", "list", "--user-id", "alice", "--quiet"]),
        "BQYHCA"
    );
    let run = env.run(&["credentials", "delete", "not base64!", "--yes"]);
    assert_eq!(run.code, 2, "{run}");
}

/// The API lists at most 1,000 users; when `users count` shows more, `users list` says so on
/// stderr and still prints the rows it got.
#[test]
fn users_list_warns_when_the_api_cut_it_short() {
    let users: Vec<serde_json::Value> = (0..1002)
        .map(|i| serde_json::json!({"userId": format!("u{i:04}"), "credentials": [{"id": format!("Y3Jl{i:04}")}]}))
        .collect();
    let env = TestEnv::seeded_with(&serde_json::json!({ "users": users }).to_string());
    let run = env.run(&["users", "list", "--json"]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(run.json().as_array().unwrap().len(), 1000, "{run}");
    assert_eq!(
        run.stderr.trim_end(),
        "warning: listed 1000 users but `users count` reports 1002: the API answers at most 1000 rows to a user list, so the rest are not shown",
        "{run}"
    );
    // A complete list says nothing.
    let env = TestEnv::seeded();
    let run = env.run(&["users", "list"]);
    assert_eq!(run.stderr, "", "{run}");
}
