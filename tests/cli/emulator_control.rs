//! Driving a running emulator: fault injection, the outbox, and how the control subcommands
//! report an unreachable emulator and honour the global options.

use crate::common::TestEnv;

#[test]
fn a_503_fault_makes_register_token_fail_with_exit_7_after_retries() {
    let env = TestEnv::new();
    let url = env.emulator.base_url();
    let run = env.run(&[
        "emulator",
        "fault",
        "add",
        "--url",
        &url,
        "--path",
        "/register/token",
        "--status",
        "503",
    ]);
    assert_eq!(run.code, 0, "{run}");
    assert!(
        run.stdout
            .contains("/register/token → HTTP 503, until cleared"),
        "{run}"
    );
    let run = env.run(&["register-token", "--user-id", "u1", "--username", "u1"]);
    assert_eq!(run.code, 7, "{run}");

    let list = env.run(&["emulator", "fault", "list", "--url", &url, "--json"]);
    assert_eq!(list.code, 0, "{list}");
    assert_eq!(list.json()[0]["status"], 503);
    let run = env.run(&["emulator", "fault", "clear", "--url", &url, "--yes"]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&[
        "register-token",
        "--user-id",
        "u1",
        "--username",
        "u1",
        "--quiet",
    ]);
    assert_eq!(run.code, 0, "{run}");
}

#[test]
fn a_counted_fault_is_absorbed_by_the_retry() {
    let env = TestEnv::new();
    let url = env.emulator.base_url();
    let run = env.run(&[
        "emulator",
        "fault",
        "add",
        "--url",
        &url,
        "--path",
        "/register/token",
        "--status",
        "503",
        "--count",
        "1",
        "--delay",
        "10ms",
        "--method",
        "post",
    ]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&[
        "register-token",
        "--user-id",
        "u1",
        "--username",
        "u1",
        "--quiet",
    ]);
    assert_eq!(run.code, 0, "{run}");
    let list = env.run(&["emulator", "fault", "list", "--url", &url, "--json"]);
    assert_eq!(list.json(), serde_json::json!([]));
}

#[test]
fn a_400_fault_body_with_an_error_code_is_shown() {
    let env = TestEnv::new();
    let url = env.emulator.base_url();
    let body = r#"{"type":"https://docs.passwordless.dev/guide/errors.html#invalid_attestation","title":"Injected attestation failure","status":400,"errorCode":"invalid_attestation"}"#;
    let run = env.run(&[
        "emulator",
        "fault",
        "add",
        "--url",
        &url,
        "--path",
        "/register/token",
        "--status",
        "400",
        "--body",
        body,
    ]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["register-token", "--user-id", "u1", "--username", "u1"]);
    assert_eq!(run.code, 5, "{run}");
    assert!(
        run.stderr.contains("errorCode: invalid_attestation"),
        "{run}"
    );
    assert!(
        run.stderr.contains("title: Injected attestation failure"),
        "{run}"
    );

    let bad = env.run(&[
        "emulator", "fault", "add", "--url", &url, "--path", "/a", "--status", "500", "--body", "{",
    ]);
    assert_eq!(bad.code, 2, "{bad}");
}

#[test]
fn outbox_lists_sent_magic_links() {
    let env = TestEnv::new();
    let url = env.emulator.base_url();
    let run = env.run(&["emulator", "outbox", "--url", &url, "--json"]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(run.json(), serde_json::json!([]));
    let run = env.run(&[
        "magic-link",
        "send",
        "--email",
        "someone@example.com",
        "--url-template",
        "https://app.example/login?token=$TOKEN",
        "--user-id",
        "u42",
    ]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["emulator", "outbox", "--url", &url]);
    assert_eq!(run.code, 0, "{run}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{run}");
    assert!(lines[0].starts_with("SENT AT"), "{run}");
    let sent_at = lines[1].split('\t').next().unwrap();
    assert!(
        sent_at.len() == 23 && sent_at.ends_with(" UTC") && sent_at.as_bytes()[10] == b' ',
        "the time to the second with its zone: {run}"
    );
    assert!(
        lines[1].contains("someone@example.com\tu42\thttps://app.example/login?token=verify_"),
        "{run}"
    );
    let quiet = env.value(&["emulator", "outbox", "--url", &url, "--quiet"]);
    assert!(quiet.starts_with("verify_"), "{quiet}");
}

#[test]
fn subcommands_explain_an_unreachable_emulator() {
    let env = TestEnv::new();
    let run = env.run(&["emulator", "outbox", "--url", "http://127.0.0.1:9"]);
    assert_eq!(run.code, 7, "{run}");
    assert!(
        run.stderr
            .contains("is `passwordless emulator` running there?"),
        "{run}"
    );
}

#[test]
fn control_subcommands_honour_verbose_and_timeout() {
    let env = TestEnv::new();
    let url = env.emulator.base_url();
    let run = env.run(&["emulator", "outbox", "--url", &url, "-v"]);
    assert_eq!(run.code, 0, "{run}");
    assert!(
        run.stderr.contains("> GET ") && run.stderr.contains("/_emulator/outbox"),
        "{run}"
    );
    let run = env.run(&["emulator", "state", "--url", &url, "--timeout", "0"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(
        run.stderr.contains("--timeout must be more than zero"),
        "{run}"
    );
}

fn add_fault(env: &TestEnv, args: &[&str]) -> serde_json::Value {
    let url = env.emulator.base_url();
    let mut all = vec!["emulator", "fault", "add", "--url", &url, "--json"];
    all.extend_from_slice(args);
    let run = env.run(&all);
    assert_eq!(run.code, 0, "{run}");
    run.json()
}

#[test]
fn a_dropped_connection_and_a_garbage_page_are_classified_like_a_broken_network() {
    let env = TestEnv::new();
    // A GET is retried on a transfer with no answer: every try is dropped, then exit 7.
    let fault = add_fault(&env, &["--path", "/users/*", "--drop"]);
    assert_eq!(fault["action"], "drop");
    assert!(fault["id"].as_u64().is_some(), "{fault}");
    let run = env.run(&["users", "list"]);
    assert_eq!(run.code, 7, "{run}");
    assert_eq!(run.stderr.lines().count(), 1, "{run}");
    assert!(!run.stderr.contains("panick"), "{run}");
    // Dropped once, the retry gets the real answer.
    let url = env.emulator.base_url();
    let run = env.run(&["emulator", "fault", "clear", "--url", &url, "--yes"]);
    assert_eq!(run.code, 0, "{run}");
    add_fault(&env, &["--path", "/users/list", "--drop", "--count", "1"]);
    let run = env.run(&["users", "list", "--json"]);
    assert_eq!(run.code, 0, "{run}");

    // A web page where the API should be is not the API: exit 1, named as such.
    let fault = add_fault(&env, &["--path", "/users/count", "--garbage"]);
    assert_eq!(fault["action"], "garbage");
    let run = env.run(&["users", "count"]);
    assert_eq!(run.code, 1, "{run}");
    assert!(run.stderr.contains("text/html"), "{run}");
}

#[test]
fn a_seeded_probability_hits_the_same_requests_every_run() {
    let outcomes = || {
        let env = TestEnv::new();
        add_fault(
            &env,
            &[
                "--path",
                "/users/count",
                "--status",
                "400",
                "--probability",
                "0.5",
                "--seed",
                "42",
            ],
        );
        (0..8)
            .map(|_| env.run(&["users", "count", "--quiet"]).code)
            .collect::<Vec<_>>()
    };
    let first = outcomes();
    assert_eq!(first, outcomes());
    assert!(
        first.contains(&0) && first.iter().any(|c| *c != 0),
        "{first:?}"
    );
}

#[test]
fn fault_remove_takes_one_rule_and_names_an_unknown_id() {
    let env = TestEnv::new();
    let url = env.emulator.base_url();
    let first = add_fault(&env, &["--path", "/users/count", "--status", "503"]);
    let second = add_fault(&env, &["--path", "/alias/list", "--status", "500"]);
    let id = first["id"].to_string();
    let run = env.run(&["emulator", "fault", "remove", &id, "--url", &url]);
    assert_eq!(run.code, 0, "{run}");
    assert!(
        run.stdout.contains(&format!("Removed fault {id}.")),
        "{run}"
    );
    let list = env.run(&["emulator", "fault", "list", "--url", &url, "--json"]);
    assert_eq!(list.json().as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list.json()[0]["id"], second["id"]);
    let run = env.run(&["emulator", "fault", "remove", &id, "--url", &url]);
    assert_eq!(run.code, 3, "{run}");
    assert!(run.stderr.contains(&format!("no fault rule {id}")), "{run}");
    let run = env.run(&["users", "count", "--quiet"]);
    assert_eq!(run.code, 0, "{run}");
}
