//! Driving a running emulator: fault injection, the outbox, reset, the clock, and how the
//! control subcommands report an unreachable emulator and honour the global options, and the
//! request log (`emulator requests`).

use std::time::Duration;

use crate::common::{DEV_SECRET, Follower, TestEnv};

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
    for args in [
        &["emulator", "outbox"][..],
        &["emulator", "clock"],
        &["emulator", "clock", "advance", "2m"],
        &["emulator", "requests"],
        &["emulator", "reset", "--yes"],
        &["emulator", "fault", "remove", "1"],
        &["emulator", "export"],
        &["emulator", "state"],
    ] {
        let mut all = args.to_vec();
        all.extend_from_slice(&["--url", "http://127.0.0.1:9"]);
        let run = env.run(&all);
        assert_eq!(run.code, 7, "{args:?}: {run}");
        assert!(
            run.stderr
                .contains("is `passwordless emulator` running there?"),
            "{args:?}: {run}"
        );
        assert_eq!(run.stderr.lines().count(), 1, "{args:?}: {run}");
    }
}

/// Whatever answers where the emulator should be: JSON that is no seed, or no JSON at all, is
/// named as such, exit 1, not written anywhere.
#[test]
fn state_and_export_name_an_answer_that_is_not_an_emulators() {
    use crate::common::fake_server::{FakeServer, json};
    let env = TestEnv::new();
    let server = FakeServer::start(|n| {
        if n % 2 == 0 {
            json("200 OK", r#"{"apps": "nope"}"#)
        } else {
            json("200 OK", "{not json")
        }
    });
    let file = env.home.path().join("out.json");
    let export = [
        "emulator",
        "export",
        "--url",
        &server.url,
        "--file",
        file.to_str().unwrap(),
    ];
    let run = env.run(&export);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stderr
            .contains("the emulator's export is not a seed this version reads"),
        "{run}"
    );
    assert!(!file.exists(), "nothing is written from a bad answer");
    let run = env.run(&["emulator", "state", "--url", &server.url]);
    assert_eq!(run.code, 1, "{run}");
    assert!(
        run.stderr
            .contains("/_emulator/state did not answer JSON (")
            && run.stderr.contains("is this an emulator?"),
        "{run}"
    );
    assert_eq!(run.stdout, "", "{run}");
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

/// `emulator clock` and its moves, as a script reads them.
#[test]
fn clock_prints_and_moves_the_emulators_time() {
    let env = TestEnv::new();
    let url = env.emulator.base_url();
    let read = |args: &[&str]| {
        let run = env.run(&[&["emulator", "clock"], args, &["--url", &url, "--json"]].concat());
        assert_eq!(run.code, 0, "{run}");
        let json = run.json();
        assert_eq!(
            json.as_object().map(|o| o.len()),
            Some(1),
            "only now: {run}"
        );
        let now = json["now"].as_str().expect("now").to_owned();
        time::OffsetDateTime::parse(&now, &time::format_description::well_known::Rfc3339)
            .unwrap_or_else(|e| panic!("{now} is not RFC 3339: {e}"))
    };
    let start = read(&[]);
    assert!((time::OffsetDateTime::now_utc() - start).abs() < time::Duration::minutes(1));
    let moved = read(&["advance", "31d"]);
    assert!(moved - start >= time::Duration::days(31), "{start} {moved}");
    let at = read(&["set", "2200-01-01T00:00:00Z"]);
    assert!(at - time::macros::datetime!(2200-01-01 00:00 UTC) < time::Duration::minutes(1));

    let run = env.run(&["emulator", "clock", "--url", &url]);
    assert_eq!(run.code, 0, "{run}");
    assert!(
        run.stdout
            .starts_with("The emulator's clock reads 2200-01-01T00:0"),
        "{run}"
    );
    let run = env.run(&["emulator", "clock", "advance", "2m", "--url", &url]);
    assert!(
        run.stdout
            .starts_with("Moved the emulator's clock to 2200-01-01T00:0"),
        "{run}"
    );
    let run = env.run(&["emulator", "clock", "--url", &url, "--quiet"]);
    assert!(run.stdout.starts_with("2200-01-01T00:0"), "{run}");
    assert_eq!(run.stdout.lines().count(), 1, "{run}");
}

/// Bad durations and dates are usage errors (exit 2) caught before any request; so is a move
/// backwards, which the emulator refuses.
#[test]
fn clock_refuses_bad_durations_dates_and_going_back() {
    let env = TestEnv::new();
    let url = env.emulator.base_url();
    for (args, message) in [
        (
            &["advance", "2fortnights"][..],
            "error: invalid value '2fortnights' for '<DURATION>': unknown time unit \"fortnights\"",
        ),
        (
            &["advance", "-5m"][..],
            "error: unexpected argument '-5' found",
        ),
        (
            &["set", "2027-13-01T00:00:00Z"][..],
            "error: invalid value '2027-13-01T00:00:00Z' for '<TIME>': not an RFC 3339 time such as 2030-01-01T00:00:00Z",
        ),
        (
            &["set", "2027-01-01"][..],
            "error: invalid value '2027-01-01' for '<TIME>': not an RFC 3339 time",
        ),
    ] {
        let run = env.run(&[&["emulator", "clock"], args, &["--url", &url]].concat());
        assert_eq!(run.code, 2, "{run}");
        assert!(run.stderr.starts_with(message), "{run}");
        assert!(run.stdout.is_empty(), "{run}");
    }
    let run = env.run(&[
        "emulator",
        "clock",
        "set",
        "2020-01-01T00:00:00Z",
        "--url",
        &url,
    ]);
    assert_eq!(run.code, 2, "{run}");
    assert!(
        run.stderr
            .starts_with("error: the emulator's clock only moves forward and reads 20"),
        "{run}"
    );
    assert!(
        run.stderr
            .trim_end()
            .ends_with("give a later time, or `emulator reset` to return to the machine's time"),
        "{run}"
    );
    assert_eq!(run.stderr.lines().count(), 1, "{run}");
    // Nothing moved.
    let run = env.run(&["emulator", "clock", "--url", &url, "--quiet"]);
    let now = time::OffsetDateTime::parse(
        run.stdout.trim(),
        &time::format_description::well_known::Rfc3339,
    )
    .expect("RFC 3339");
    assert!((time::OffsetDateTime::now_utc() - now).abs() < time::Duration::minutes(1));
}

/// Tokens live two minutes by default: `clock advance` past that, and `verify` (sign-in) and
/// `passkey register` (register) say they expired, with no sleeping.
#[test]
fn tokens_expire_after_clock_advance() {
    let mut env = TestEnv::new();
    env.set("PASSWORDLESS_API_KEY", passwordless::emulator::DEV_API_KEY);
    let url = env.emulator.base_url();
    let token = env.value(&["signin-token", "--user-id", "42", "--quiet"]);
    let run = env.run(&["emulator", "clock", "advance", "3m", "--url", &url]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["verify", &token, "--json"]);
    assert_eq!(run.code, 5, "{run}");
    assert_eq!(run.stderr_json()["error"]["errorCode"], "expired_token");
    assert_eq!(
        run.stderr_json()["error"]["title"],
        "The token expired 1 minute ago."
    );

    let token = env.value(&[
        "register-token",
        "--user-id",
        "42",
        "--alias",
        "a",
        "--quiet",
    ]);
    // A minute on, it still registers a passkey; past its two minutes, it does not.
    env.run(&["emulator", "clock", "advance", "1m", "--url", &url]);
    let run = env.run(&["passkey", "register", "--token", &token, "--quiet"]);
    assert_eq!(run.code, 0, "{run}");
    let token = env.value(&[
        "register-token",
        "--user-id",
        "43",
        "--alias",
        "b",
        "--quiet",
    ]);
    env.run(&["emulator", "clock", "advance", "2h", "--url", &url]);
    let run = env.run(&["passkey", "register", "--token", &token, "--json"]);
    assert_eq!(run.code, 5, "{run}");
    assert_eq!(run.stderr_json()["error"]["errorCode"], "expired_token");
}

/// `emulator reset` brings back the seeded users after deletions and removes the faults; it asks
/// first, and without a terminal it needs --yes.
#[test]
fn reset_brings_back_the_seed_and_clears_faults() {
    let env = TestEnv::seeded();
    let url = env.emulator.base_url();
    let users = |env: &TestEnv| {
        let run = env.run(&["users", "list", "--json"]);
        assert_eq!(run.code, 0, "{run}");
        run.json()
            .as_array()
            .expect("an array")
            .iter()
            .map(|u| u["userId"].as_str().expect("userId").to_owned())
            .collect::<Vec<_>>()
    };
    let at_start = users(&env);
    assert_eq!(at_start.len(), 3, "{at_start:?}");
    for user in ["alice", "bob"] {
        let run = env.run(&["users", "delete", user, "--yes"]);
        assert_eq!(run.code, 0, "{run}");
    }
    assert_eq!(users(&env), ["carol"]);
    let run = env.run(&[
        "emulator",
        "fault",
        "add",
        "--url",
        &url,
        "--path",
        "/users/count",
        "--status",
        "503",
    ]);
    assert_eq!(run.code, 0, "{run}");
    env.run(&["emulator", "clock", "advance", "400d", "--url", &url]);

    let run = env.run(&["emulator", "reset", "--url", &url]);
    assert_eq!(run.code, 2, "{run}");
    assert_eq!(
        run.stderr,
        "error: Return the emulator to the state it started from, dropping every change since? Not without confirmation: add --yes when running without a terminal\n"
    );
    assert_eq!(users(&env), ["carol"], "nothing changed without --yes");

    let run = env.run(&["emulator", "reset", "--url", &url, "--yes"]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(
        run.stdout,
        "Reset the emulator to the state it started from.\n"
    );
    assert_eq!(users(&env), at_start);
    let run = env.run(&["credentials", "list", "--user-id", "alice", "--json"]);
    assert_eq!(run.json().as_array().map(Vec::len), Some(2), "{run}");
    let faults = env.run(&["emulator", "fault", "list", "--url", &url, "--json"]);
    assert_eq!(faults.json(), serde_json::json!([]));
    let run = env.run(&["users", "count"]);
    assert_eq!(run.code, 0, "the fault is gone: {run}");
    let run = env.run(&["emulator", "clock", "--url", &url, "--quiet"]);
    let now = time::OffsetDateTime::parse(
        run.stdout.trim(),
        &time::format_description::well_known::Rfc3339,
    )
    .expect("RFC 3339");
    assert!((time::OffsetDateTime::now_utc() - now).abs() < time::Duration::minutes(1));

    let run = env.run(&["emulator", "reset", "--url", &url, "--yes", "--json"]);
    assert_eq!(run.json(), serde_json::json!({"reset": true}));
}

/// `emulator requests` lists the API requests with status, path and app; `--json` is the route's
/// array; neither shows the secret or a token; `--limit` keeps the newest.
#[test]
fn requests_lists_api_calls_without_secrets_or_tokens() {
    let env = TestEnv::new();
    let url = env.emulator.base_url();
    let token = env.value(&[
        "register-token",
        "--user-id",
        "u9",
        "--username",
        "n9",
        "--quiet",
    ]);
    assert!(token.starts_with("register_"), "{token}");
    let run = env.run(&["users", "list"]);
    assert_eq!(run.code, 0, "{run}");

    let run = env.run(&["emulator", "requests", "--url", &url]);
    assert_eq!(run.code, 0, "{run}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{run}");
    assert_eq!(lines[0], "ID\tAT\tMETHOD\tPATH\tSTATUS\tMS\tAPP", "{run}");
    let cells: Vec<&str> = lines[1].split('\t').collect();
    assert_eq!(cells[0], "1", "{run}");
    assert_eq!(&cells[2..5], ["POST", "/register/token", "200"], "{run}");
    assert_eq!(cells[6], "devapp", "{run}");
    assert!(lines[2].contains("\tGET\t/users/list\t200\t"), "{run}");

    let run = env.run(&["emulator", "requests", "--url", &url, "--json"]);
    assert_eq!(run.code, 0, "{run}");
    let json = run.json();
    let first = &json[0];
    let mut keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "app",
            "at",
            "id",
            "latencyMs",
            "method",
            "path",
            "requestBody",
            "responseBody",
            "status"
        ],
        "{run}"
    );
    assert!(
        first["requestBody"].as_str().unwrap().contains("n9"),
        "{run}"
    );
    for shown in [
        &run.stdout,
        &env.run(&["emulator", "requests", "--url", &url]).stdout,
    ] {
        assert!(!shown.contains(&token[12..]), "no token: {shown}");
        assert!(!shown.contains(&DEV_SECRET[14..]), "no secret: {shown}");
    }

    let run = env.run(&[
        "emulator", "requests", "--url", &url, "--limit", "1", "--json",
    ]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(run.json().as_array().map(Vec::len), Some(1), "{run}");
    assert_eq!(run.json()[0]["path"], "/users/list", "{run}");
}

/// `--follow` prints requests made after it started, one JSON line each, until killed, for
/// longer than `--timeout`.
#[test]
fn requests_follow_prints_new_requests() {
    let env = TestEnv::new();
    let url = env.emulator.base_url();
    let follower = Follower::start(
        &env,
        &[
            "emulator",
            "requests",
            "--url",
            &url,
            "--follow",
            "--interval",
            "100ms",
            "--json",
            "--timeout",
            "1s",
        ],
    );
    // Past --timeout: it bounds each poll, not the whole --follow.
    std::thread::sleep(Duration::from_millis(1500));
    // Request until the follower prints one.
    let next = |args: &[&str]| {
        let line = follower.next_line_after(|| {
            let run = env.run(args);
            assert_eq!(run.code, 0, "{run}");
        });
        serde_json::from_str::<serde_json::Value>(&line).expect("one JSON object a line")
    };
    let item = next(&["users", "count"]);
    assert_eq!(item["path"], "/users/count", "{item}");
    assert_eq!(item["status"], 200, "{item}");
    assert_eq!(item["app"], "devapp", "{item}");
    // After a reset the follower goes on with the requests that come next.
    let run = env.run(&["emulator", "reset", "--url", &url, "--yes"]);
    assert_eq!(run.code, 0, "{run}");
    let after = next(&["users", "list"]);
    assert_eq!(after["path"], "/users/list", "{after}");
    assert!(after["id"].as_u64() > item["id"].as_u64(), "{after}");
}
