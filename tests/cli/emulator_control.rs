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
