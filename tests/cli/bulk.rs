//! `--from-file`: results and summary, bad records, every input format, export round trips,
//! retries under injected 429s and 503s, and stopping (Ctrl-C, SIGKILL) then resuming with
//! every record done once, checked in the emulator's own state.

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::TestEnv;

/// The summary's time and rate change from run to run.
macro_rules! snap_bulk {
    ($env:expr, $run:expr, @$snapshot:literal) => {{
        let mut settings = $env.snapshot_settings();
        settings.add_filter(r"in \d+\.\d+ s \(\d+/s\)", "in [ELAPSED]");
        settings.bind(|| insta::assert_snapshot!($run.to_string(), @$snapshot));
    }};
}

fn write(env: &TestEnv, name: &str, text: &str) -> String {
    let path = env.home.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn url(env: &TestEnv) -> String {
    env.emulator.base_url()
}

/// `emulator outbox --json`: the e-mails the emulator "sent", by user id.
fn mails_per_user(env: &TestEnv) -> std::collections::BTreeMap<String, usize> {
    let run = env.run(&["emulator", "outbox", "--url", &url(env), "--json"]);
    assert_eq!(run.code, 0, "{run}");
    let mut counts = std::collections::BTreeMap::new();
    for mail in run.json().as_array().unwrap() {
        let user = mail["userId"].as_str().unwrap().to_owned();
        *counts.entry(user).or_insert(0) += 1;
    }
    counts
}

fn add_fault(env: &TestEnv, extra: &[&str]) {
    let url = url(env);
    let mut args = vec!["emulator", "fault", "add", "--url", &url];
    args.extend_from_slice(extra);
    let run = env.run(&args);
    assert_eq!(run.code, 0, "{run}");
}

/// A JSON Lines file of magic links for users u1..=n.
fn magic_links(env: &TestEnv, n: usize) -> String {
    let text: String = (1..=n)
        .map(|i| {
            format!(
                "{{\"userId\":\"u{i}\",\"emailAddress\":\"u{i}@example.com\",\"urlTemplate\":\"https://app.example.com/?t=$TOKEN\"}}\n"
            )
        })
        .collect();
    write(env, "links.jsonl", &text)
}

/// Starts a bulk run in the background, waits until its results file has `at_least` lines.
fn start_and_wait(env: &TestEnv, args: &[&str], results: &Path, at_least: usize) -> Child {
    let mut child = env
        .std_command(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let written = std::fs::read_to_string(results)
            .map(|t| t.lines().count())
            .unwrap_or(0);
        if written >= at_least {
            return child;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before {at_least} results"
        );
        assert!(Instant::now() < deadline, "no progress: {written} results");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn signal(child: &Child, name: &str) {
    let status = std::process::Command::new("kill")
        .args([name, &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
}

#[test]
fn results_in_input_order_with_api_errors_and_bad_rows() {
    let env = TestEnv::seeded();
    // alice@example.com is already alice's alias: a 409 from the API. Then rows the CLI refuses
    // before sending (no user id, an unknown attestation) between rows that go through.
    let csv = write(
        &env,
        "users.csv",
        "user-id,username,alias,alias,attestation\n\
         zed,Zed,alice@example.com,,\n\
         ann,Ann,ann,ann@example.com,\n\
         ,nobody,,,\n\
         carl,,c1,,maybe\n\
         dora,,,,direct\n",
    );
    let run = env.run(&["register-token", "--from-file", &csv]);
    snap_bulk!(env, run, @r#"
    exit: 5
    --- stdout
    {"command":"register-token","record":1,"line":2,"key":"zed","result":"error","error":{"kind":"api","status":409,"errorCode":"alias_conflict","title":"Alias is already in use by another userid"}}
    {"command":"register-token","record":2,"line":3,"key":"ann","result":"ok","response":{"token":"register_[TOKEN]"}}
    {"command":"register-token","record":3,"line":4,"key":null,"result":"error","error":{"kind":"invalid","title":"column user-id is empty on line 4"}}
    {"command":"register-token","record":4,"line":5,"key":"carl","result":"error","error":{"kind":"invalid","title":"invalid value 'maybe' for column attestation [possible values: none, direct, indirect] on line 5"}}
    {"command":"register-token","record":5,"line":6,"key":"dora","result":"ok","response":{"token":"register_[TOKEN]"}}
    --- stderr
    register-token: 2 ok, 3 failed, 0 skipped (already ok) in [ELAPSED]
    "#);
}

#[test]
fn a_bad_header_stops_before_anything_is_sent() {
    let env = TestEnv::new();
    let csv = write(&env, "users.csv", "user-id,usr-name\n42,x\n");
    let results = env.home.path().join("r.jsonl");
    let run = env.run(&[
        "register-token",
        "--from-file",
        &csv,
        "--results",
        &results.display().to_string(),
    ]);
    snap_bulk!(env, run, @r"
    exit: 2
    --- stdout
    --- stderr
    error: column `usr-name` is not an option of `register-token`; the columns are its flag names: user-id, username, display-name, alias, no-alias-hashing, discoverable, attestation, authenticator-type, user-verification, hint, expires-in, expires-at
    ");
    assert!(lines(&results).is_empty());
}

#[test]
fn json_array_and_json_lines_from_stdin() {
    let env = TestEnv::new();
    let results = env.home.path().join("r.jsonl");
    let results_arg = results.display().to_string();
    let array = r#"[
      {"userId": "a", "timeToLive": 60, "purpose": "step-up"},
      {"user-id": "b", "ttl": "10m", "RPID": "example.com"},
      {"userId": "c", "ttl": "8d"}
    ]"#;
    let run = env.run_with_stdin(
        &[
            "signin-token",
            "--from-file",
            "-",
            "--results",
            &results_arg,
        ],
        array,
    );
    assert_eq!(run.code, 2, "{run}");
    let got = lines(&results);
    assert_eq!(got.len(), 3);
    assert_eq!(
        got.iter().map(|l| l["line"].clone()).collect::<Vec<_>>(),
        [json!(2), json!(3), json!(4)]
    );
    assert!(
        got[0]["response"]["token"]
            .as_str()
            .unwrap()
            .starts_with("verify_")
    );
    assert_eq!(got[1]["result"], "ok");
    assert_eq!(got[2]["error"]["kind"], "invalid");
    assert!(
        got[2]["error"]["title"].as_str().unwrap().contains("--ttl"),
        "{}",
        got[2]
    );
    // The token really carries the record's values.
    let token = got[0]["response"]["token"].as_str().unwrap();
    let verified = env.run(&["verify", token, "--json"]).json();
    assert_eq!(verified["userId"], "a");
    assert_eq!(verified["purpose"], "step-up");

    let jsonl = "{\"userId\":\"x\"}\n\n{\"userId\":\"y\"}\n";
    let run = env.run_with_stdin(&["signin-token", "--from-file", "-", "--quiet"], jsonl);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(run.stdout.lines().count(), 2, "{run}");
    assert_eq!(run.stderr, "", "--quiet keeps the summary off stderr");
}

#[test]
fn list_output_round_trips_into_from_file() {
    let env = TestEnv::seeded();
    // users list → aliases set: plaintext aliases are set again; bob's is hashed, so it cannot be.
    let users = env.run(&["users", "list", "--jsonl"]);
    assert_eq!(users.code, 0, "{users}");
    assert_eq!(users.stdout.lines().count(), 3, "{users}");
    let run = env.run_with_stdin(&["aliases", "set", "--from-file", "-"], &users.stdout);
    assert_eq!(run.code, 2, "replacing aliases in bulk needs --yes: {run}");
    assert!(run.stderr.contains("--yes"), "{run}");
    let run = env.run_with_stdin(
        &["aliases", "set", "--from-file", "-", "--yes"],
        &users.stdout,
    );
    assert_eq!(run.code, 2, "{run}");
    let results: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(results[0]["key"], "alice");
    assert_eq!(results[0]["result"], "ok");
    assert_eq!(results[1]["key"], "bob");
    assert!(
        results[1]["error"]["title"]
            .as_str()
            .unwrap()
            .contains("hashed"),
        "{run}"
    );
    assert_eq!(results[2]["result"], "ok");
    let after = env.run(&["users", "list", "--jsonl"]);
    assert!(
        after.stdout.contains("\"aliases\":[\"alice@example.com\"]")
            && after.stdout.contains("\"aliases\":[\"carol\"]"),
        "plaintext aliases stay plaintext: {after}"
    );

    // aliases list → aliases set: the plaintext is what is set, not the hash.
    let listed = env.run(&["aliases", "list", "--user-id", "carol", "--jsonl"]);
    assert!(
        listed.stdout.contains("\"plaintext\":\"carol\""),
        "{listed}"
    );
    let run = env.run_with_stdin(
        &["aliases", "set", "--from-file", "-", "--yes"],
        &listed.stdout,
    );
    assert_eq!(run.code, 0, "{run}");
    let again = env.run(&["aliases", "list", "--user-id", "carol", "--jsonl"]);
    assert_eq!(again.stdout, listed.stdout);

    // One line per alias: a user's lines are one request (each replaces the whole set), and
    // each line gets its result.
    let run = env.run(&[
        "aliases",
        "set",
        "--user-id",
        "dave",
        "--alias",
        "d1",
        "--alias",
        "d2",
        "--no-hashing",
        "--yes",
    ]);
    assert_eq!(run.code, 0, "{run}");
    let listed = env.run(&["aliases", "list", "--user-id", "dave", "--jsonl"]);
    assert_eq!(listed.stdout.lines().count(), 2, "{listed}");
    let run = env.run_with_stdin(
        &["aliases", "set", "--from-file", "-", "--yes"],
        &listed.stdout,
    );
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(run.stdout.matches("\"result\":\"ok\"").count(), 2, "{run}");
    let again = env.run(&["aliases", "list", "--user-id", "dave", "--jsonl"]);
    assert_eq!(
        again.stdout.lines().count(),
        2,
        "both aliases kept: {again}"
    );
    let hashed = env.run(&["aliases", "list", "--user-id", "bob", "--jsonl"]);
    let run = env.run_with_stdin(
        &["aliases", "set", "--from-file", "-", "--yes"],
        &hashed.stdout,
    );
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stdout.contains("hashed"), "{run}");

    // credentials list → credentials delete.
    let creds = env.run(&["credentials", "list", "--user-id", "alice", "--jsonl"]);
    assert_eq!(creds.stdout.lines().count(), 2, "{creds}");
    let run = env.run_with_stdin(
        &["credentials", "delete", "--from-file", "-"],
        &creds.stdout,
    );
    assert_eq!(run.code, 2, "a destructive bulk run needs --yes: {run}");
    assert!(run.stderr.contains("--yes"), "{run}");
    let run = env.run_with_stdin(
        &["credentials", "delete", "--from-file", "-", "--yes"],
        &creds.stdout,
    );
    assert_eq!(run.code, 0, "{run}");
    assert!(run.stdout.contains("\"key\":\"AQIDBA\""), "{run}");
    let left = env.run(&["credentials", "list", "--user-id", "alice", "--jsonl"]);
    assert_eq!(left.stdout, "");

    // users list → users delete.
    let users = env.run(&["users", "list", "--jsonl"]);
    let run = env.run_with_stdin(
        &["users", "delete", "--from-file", "-", "--yes"],
        &users.stdout,
    );
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(env.run(&["users", "list", "--jsonl"]).stdout, "");
}

#[test]
fn injected_429s_and_503s_are_retried_until_every_record_succeeds() {
    let env = TestEnv::new();
    add_fault(
        &env,
        &[
            "--path",
            "/register/token",
            "--status",
            "503",
            "--count",
            "4",
        ],
    );
    add_fault(
        &env,
        &[
            "--path",
            "/register/token",
            "--status",
            "429",
            "--count",
            "3",
            "--retry-after",
            "1",
        ],
    );
    let csv: String = std::iter::once("user-id\n".to_owned())
        .chain((1..=30).map(|i| format!("user{i}\n")))
        .collect();
    let csv = write(&env, "users.csv", &csv);
    let results = env.home.path().join("r.jsonl");
    let run = env.run(&[
        "register-token",
        "--from-file",
        &csv,
        "--results",
        &results.display().to_string(),
        "--concurrency",
        "4",
    ]);
    assert_eq!(run.code, 0, "{run}");
    let got = lines(&results);
    assert_eq!(got.len(), 30);
    assert!(got.iter().all(|l| l["result"] == "ok"), "{got:?}");
    let faults = env.run(&["emulator", "fault", "list", "--url", &url(&env), "--json"]);
    assert_eq!(faults.json(), json!([]), "every injected failure was met");
}

#[test]
fn magic_links_are_never_retried_and_a_resume_sends_only_the_failed_ones() {
    let env = TestEnv::new();
    add_fault(
        &env,
        &[
            "--path",
            "/magic-links/send",
            "--status",
            "503",
            "--count",
            "1",
        ],
    );
    let links = magic_links(&env, 5);
    let results = env.home.path().join("r.jsonl");
    let results_arg = results.display().to_string();
    let args = [
        "magic-link",
        "send",
        "--from-file",
        &links,
        "--results",
        &results_arg,
        "--concurrency",
        "1",
    ];
    let run = env.run(&args);
    assert_eq!(run.code, 7, "{run}");
    let got = lines(&results);
    assert_eq!(got[0]["error"]["status"], 503);
    assert_eq!(got[0]["error"]["kind"], "api", "a 503 is a definite no");
    assert_eq!(mails_per_user(&env).len(), 4);

    // Without --resume the results file is not overwritten.
    let run = env.run(&args);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("--resume"), "{run}");

    let mut resume = args.to_vec();
    resume.push("--resume");
    let run = env.run(&resume);
    snap_bulk!(env, run, @r"
    exit: 0
    --- stdout
    --- stderr
    magic-link send: 1 ok, 0 failed, 4 skipped (already ok) in [ELAPSED]
    ");
    let mails = mails_per_user(&env);
    assert_eq!(mails.len(), 5);
    assert!(mails.values().all(|&n| n == 1), "{mails:?}");
    let got = lines(&results);
    assert_eq!(
        got.iter().map(|l| l["record"].clone()).collect::<Vec<_>>(),
        [json!(1), json!(2), json!(3), json!(4), json!(5)]
    );
    assert!(got.iter().all(|l| l["result"] == "ok"));
    assert!(
        !PathBuf::from(format!("{results_arg}.journal")).exists(),
        "the journal goes once the run is over"
    );
}

#[test]
fn ctrl_c_finishes_in_flight_requests_exits_130_and_resume_completes_exactly_once() {
    let env = TestEnv::new();
    let links = magic_links(&env, 120);
    let results = env.home.path().join("r.jsonl");
    let results_arg = results.display().to_string();
    let args = [
        "magic-link",
        "send",
        "--from-file",
        &links,
        "--results",
        &results_arg,
        "--rate",
        "60/s",
    ];
    let child = start_and_wait(&env, &args, &results, 10);
    signal(&child, "-INT");
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    let got = lines(&results);
    assert!(got.len() < 120, "stopped early: {}", got.len());
    for (i, line) in got.iter().enumerate() {
        assert_eq!(line["record"], i as u64 + 1, "complete up to the stop");
        assert_eq!(line["result"], "ok");
    }
    let mails = mails_per_user(&env);
    assert_eq!(mails.len(), got.len(), "everything sent was recorded");

    let resume = [
        "magic-link",
        "send",
        "--from-file",
        &links,
        "--results",
        &results_arg,
        "--resume",
    ];
    let run = env.run(&resume);
    assert_eq!(run.code, 0, "{run}");
    let mails = mails_per_user(&env);
    assert_eq!(mails.len(), 120);
    assert!(mails.values().all(|&n| n == 1), "{mails:?}");
    let got = lines(&results);
    assert_eq!(got.len(), 120);
    assert!(got.iter().all(|l| l["result"] == "ok"));
}

#[test]
fn sigkill_midway_then_resume_leaves_every_record_done_once() {
    let env = TestEnv::new();
    let text: String = (1..=150)
        .map(|i| format!("{{\"userId\":\"u{i}\",\"aliases\":[\"alias{i}\"],\"hashing\":false}}\n"))
        .collect();
    let input = write(&env, "aliases.jsonl", &text);
    let results = env.home.path().join("r.jsonl");
    let results_arg = results.display().to_string();
    let args = [
        "aliases",
        "set",
        "--yes",
        "--from-file",
        &input,
        "--results",
        &results_arg,
        "--rate",
        "100/s",
    ];
    let mut child = start_and_wait(&env, &args, &results, 20);
    signal(&child, "-KILL");
    child.wait().unwrap();
    assert!(lines(&results).len() < 150);

    let mut resume = args.to_vec();
    resume.push("--resume");
    resume.retain(|a| *a != "--rate" && *a != "100/s");
    let run = env.run(&resume);
    assert_eq!(run.code, 0, "{run}");
    let got = lines(&results);
    assert_eq!(got.len(), 150, "one line per record");
    for (i, line) in got.iter().enumerate() {
        assert_eq!(line["record"], i as u64 + 1);
        assert_eq!(line["result"], "ok");
    }
    // The emulator's own state: every user holds exactly the alias of their record.
    let state = env.run(&["emulator", "state", "--url", &url(&env), "--json"]);
    assert_eq!(state.code, 0, "{state}");
    let users = state.json()["apps"][0]["users"].clone();
    let users = users.as_array().unwrap();
    assert_eq!(users.len(), 150);
    for user in users {
        let id = user["userId"].as_str().unwrap();
        let aliases = user["aliases"].as_array().unwrap();
        assert_eq!(aliases.len(), 1, "{user}");
        assert_eq!(aliases[0]["plaintext"], format!("alias{}", &id[1..]));
    }
}

#[test]
fn sigkill_during_a_magic_link_never_sends_it_twice() {
    let env = TestEnv::new();
    let links = magic_links(&env, 80);
    let results = env.home.path().join("r.jsonl");
    let results_arg = results.display().to_string();
    let args = [
        "magic-link",
        "send",
        "--from-file",
        &links,
        "--results",
        &results_arg,
        "--rate",
        "50/s",
    ];
    let mut child = start_and_wait(&env, &args, &results, 10);
    signal(&child, "-KILL");
    child.wait().unwrap();
    let mut resume = args.to_vec();
    resume.push("--resume");
    resume.retain(|a| *a != "--rate" && *a != "50/s");
    let run = env.run(&resume);
    let got = lines(&results);
    assert_eq!(got.len(), 80, "{run}");
    let mails = mails_per_user(&env);
    let mut unknown = Vec::new();
    for line in &got {
        let user = line["key"].as_str().unwrap();
        let sent = mails.get(user).copied().unwrap_or(0);
        assert!(sent <= 1, "{user} got {sent} e-mails");
        match line["result"].as_str() {
            Some("ok") => assert_eq!(sent, 1, "{line}"),
            _ => {
                // Only a request cut off by the kill may be in doubt; it is reported, not resent.
                assert_eq!(line["error"]["kind"], "unknown", "{line}");
                unknown.push(line["record"].clone());
            }
        }
    }
    assert_eq!(run.code, if unknown.is_empty() { 0 } else { 7 }, "{run}");
}

#[test]
fn an_unanswered_magic_link_is_reported_unknown_until_resent_on_request() {
    let env = TestEnv::new();
    // The first request hangs (the emulator holds it before answering), so the kill comes while
    // it is in flight: nobody can know whether it was carried out.
    add_fault(
        &env,
        &[
            "--path",
            "/magic-links/send",
            "--status",
            "503",
            "--count",
            "1",
            "--delay",
            "60s",
        ],
    );
    let links = magic_links(&env, 3);
    let results = env.home.path().join("r.jsonl");
    let results_arg = results.display().to_string();
    let args = [
        "magic-link",
        "send",
        "--from-file",
        &links,
        "--results",
        &results_arg,
        "--concurrency",
        "1",
    ];
    let journal = PathBuf::from(format!("{results_arg}.journal"));
    let mut child = env
        .std_command(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Announced in the journal, and taken by the emulator (the one-shot fault is used up).
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let announced =
            std::fs::read_to_string(&journal).is_ok_and(|j| j.contains("\"sending\":1"));
        let faults = env.run(&["emulator", "fault", "list", "--url", &url(&env), "--json"]);
        if announced && faults.json() == json!([]) {
            break;
        }
        assert!(Instant::now() < deadline, "the request never arrived");
        std::thread::sleep(Duration::from_millis(20));
    }
    signal(&child, "-KILL");
    child.wait().unwrap();

    let mut resume = args.to_vec();
    resume.push("--resume");
    let run = env.run(&resume);
    assert_eq!(run.code, 7, "{run}");
    let got = lines(&results);
    assert_eq!(got[0]["error"]["kind"], "unknown", "{got:?}");
    assert!(
        got[0]["error"]["title"]
            .as_str()
            .unwrap()
            .contains("--resend-unknown")
    );
    assert_eq!(got[1]["result"], "ok", "{got:?}");
    assert_eq!(got[2]["result"], "ok");
    assert_eq!(mails_per_user(&env).get("u1"), None);

    // Checked: u1 got nothing, so send it again.
    resume.push("--resend-unknown");
    let run = env.run(&resume);
    assert_eq!(run.code, 0, "{run}");
    let mails = mails_per_user(&env);
    assert_eq!(mails.len(), 3);
    assert!(mails.values().all(|&n| n == 1), "{mails:?}");
    assert!(lines(&results).iter().all(|l| l["result"] == "ok"));
}

/// A server that takes requests and never answers: `--timeout` is one deadline per record,
/// retries included, and the run ends once records in a row got no answer (it ran 37.8 s and
/// sent 12 requests for two records, each "(1 attempt)", before the one retry policy).
#[test]
fn a_server_that_never_answers_ends_the_run_within_the_deadline() {
    use crate::common::fake_server::{FakeServer, Reply};
    let env = TestEnv::new();
    let server = FakeServer::start(|_| Reply::Hang);
    let csv = write(&env, "users.csv", "user-id\nu1\nu2\nu3\nu4\nu5\nu6\n");
    let results = env.home.path().join("r.jsonl");
    let started = Instant::now();
    let run = env.run(&[
        "--api-url",
        &server.url,
        "--timeout",
        "1s",
        "register-token",
        "--from-file",
        &csv,
        "--results",
        &results.display().to_string(),
        "--concurrency",
        "1",
    ]);
    let took = started.elapsed();
    assert_eq!(run.code, 7, "{run}");
    assert!(run.stderr.contains("the server stopped answering"), "{run}");
    // Three records of one second each, not six records of retries: a generous bound.
    assert!(took < Duration::from_secs(10), "took {took:?}: {run}");
    assert_eq!(
        server.hits(),
        3,
        "one attempt per record fits in 1 s: {run}"
    );
    let got = lines(&results);
    assert_eq!(got.len(), 3, "{got:?}");
    for line in &got {
        let error = line["error"].to_string();
        assert!(
            error.contains("timed out after 1.0 s (1 attempt)"),
            "{error}"
        );
    }
}

/// The retry policy is the same in bulk as for one call: a cut-off answer to a route that is
/// safe to repeat is sent again (bulk once never retried it), and a refused connection is
/// retried even on a route that never repeats, since nothing was sent.
#[test]
fn bulk_retries_a_broken_answer_like_a_single_call() {
    use crate::common::fake_server::{FakeServer, Reply};
    let env = TestEnv::new();
    let server = FakeServer::start(|n| {
        if n == 0 {
            Reply::Raw(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{\"tok"
                    .to_vec(),
            )
        } else {
            Reply::Raw(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 22\r\nConnection: close\r\n\r\n{\"token\":\"register_x\"}"
                    .to_vec(),
            )
        }
    });
    let csv = write(&env, "users.csv", "user-id\nu1\n");
    let run = env.run(&[
        "--api-url",
        &server.url,
        "register-token",
        "--from-file",
        &csv,
    ]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(server.hits(), 2, "{run}");
    let single = env.run(&[
        "--api-url",
        &server.url,
        "register-token",
        "--user-id",
        "u1",
    ]);
    assert_eq!(single.code, 0, "{single}");
    assert_eq!(
        server.hits(),
        3,
        "a single call got its answer at once: {single}"
    );
}

/// With `--rate`, records waiting for the rate limiter were journalled as "sending", so a kill
/// turned them into `unknown` results though they never left (4 of 200 per kill). Only a
/// request on the wire may be in doubt now: at `--rate 2/s` at most the one in flight.
#[test]
fn sigkill_under_rate_leaves_only_requests_on_the_wire_unknown() {
    let env = TestEnv::new();
    let links = magic_links(&env, 40);
    let results = env.home.path().join("r.jsonl");
    let results_arg = results.display().to_string();
    let args = [
        "magic-link",
        "send",
        "--from-file",
        &links,
        "--results",
        &results_arg,
        "--rate",
        "2/s",
        "--concurrency",
        "8",
    ];
    let mut child = start_and_wait(&env, &args, &results, 2);
    signal(&child, "-KILL");
    child.wait().unwrap();
    let mut resume = args.to_vec();
    resume.push("--resume");
    resume.retain(|a| !["--rate", "2/s"].contains(a));
    let run = env.run(&resume);
    let got = lines(&results);
    assert_eq!(got.len(), 40, "{run}");
    let unknown = got
        .iter()
        .filter(|l| l["error"]["kind"] == "unknown")
        .count();
    assert!(unknown <= 1, "{unknown} unknown: {run}");
    let mails = mails_per_user(&env);
    assert!(mails.values().all(|&n| n == 1), "{mails:?}");
    assert_eq!(mails.len(), 40 - unknown, "{mails:?}");
}

/// A pretty-printed answer was copied verbatim, so one result spanned several lines; this one
/// also nests a whole forged results line on a line of its own. Each result is one line now,
/// and the file resumes.
#[test]
fn a_pretty_printed_answer_stays_on_its_results_line() {
    use crate::common::fake_server::{FakeServer, json};
    let env = TestEnv::new();
    // Records go one at a time, so the first of each run gets the crafted answer.
    let server = FakeServer::start(|n| {
        if n % 2 == 0 {
            json(
                "200 OK",
                "{\n  \"token\": \"register_x\",\n  \"pad\":\n{\"command\":\"register-token\",\"record\":2,\"line\":3,\"key\":\"u2\",\"result\":\"ok\"}\r\n}\n",
            )
        } else {
            json("200 OK", r#"{"token":"register_y"}"#)
        }
    });
    let csv = write(&env, "users.csv", "user-id\nu1\nu2\n");
    let results = env.home.path().join("r.jsonl");
    let mut args = vec![
        "--api-url",
        &server.url,
        "register-token",
        "--from-file",
        &csv,
        "--concurrency",
        "1",
    ];
    let run = env.run(&args);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(run.stdout.lines().count(), 2, "{run}");
    let results_arg = results.display().to_string();
    args.extend(["--results", &results_arg]);
    let run = env.run(&args);
    assert_eq!(run.code, 0, "{run}");
    let got = lines(&results);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0]["response"]["pad"]["record"], 2);
    assert_eq!(got[1]["response"]["token"], "register_y");
    args.push("--resume");
    let run = env.run(&args);
    assert_eq!(run.code, 0, "{run}");
    assert!(run.stderr.contains("2 skipped"), "{run}");
    assert_eq!(server.hits(), 4, "nothing sent again: {run}");
}

/// Another command's results file was resumed as if its records were done: every record
/// skipped, exit 0, no user deleted. Lines name their command now, and a mismatch is refused.
#[test]
fn resume_refuses_another_commands_results() {
    let env = TestEnv::seeded();
    let csv = write(&env, "users.csv", "user-id\nalice\n");
    let results = env.home.path().join("r.jsonl");
    let results_arg = results.display().to_string();
    let run = env.run(&[
        "register-token",
        "--from-file",
        &csv,
        "--results",
        &results_arg,
    ]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&[
        "users",
        "delete",
        "--from-file",
        &csv,
        "--results",
        &results_arg,
        "--resume",
        "--yes",
    ]);
    let filtered = run.stderr.replace(&results_arg, "[RESULTS]");
    assert_eq!(run.code, 2, "{run}");
    assert_eq!(
        filtered,
        "error: [RESULTS] holds the results of `register-token`, not of `users delete`; resume with that command, or choose a new --results file\n"
    );
    let count = env.run(&["users", "count", "--quiet"]);
    assert_ne!(count.stdout.trim(), "0", "nobody was deleted: {count}");
    assert_eq!(lines(&results)[0]["command"], "register-token");
}

/// A reader that goes away (`| head -1`) once made the run print `Broken pipe` and exit 1.
/// It now stops starting records, ends quietly and exits 141 (128 + SIGPIPE).
#[cfg(unix)]
#[test]
fn a_closed_pipe_stops_the_run_quietly() {
    use std::io::{BufRead, BufReader};
    let env = TestEnv::new();
    let text: String = std::iter::once("user-id\n".to_owned())
        .chain((1..=20_000).map(|i| format!("user{i}\n")))
        .collect();
    let csv = write(&env, "users.csv", &text);
    let mut child = env
        .std_command(&["register-token", "--from-file", &csv])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("\"record\":1"), "{first}");
    // The reader is dropped here: the pipe is closed.
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(141), "{stderr}");
    assert!(
        !stderr.contains("Broken pipe") && !stderr.contains("error"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the reader of the results went away"),
        "{stderr}"
    );
}

/// A bad record speaks of the file's columns and lines, not of clap's flags; `--from-file`
/// with a per-record flag is one line naming that flag (clap listed a dozen flags).
#[test]
fn bad_records_and_a_record_flag_speak_of_columns_and_lines() {
    let env = TestEnv::new();
    // Excel's CRLF and a blank line: the empty user id is on physical line 5.
    let csv = write(
        &env,
        "users.csv",
        "user-id,attestation\r\nu1,none\r\n\r\nu2,maybe\r\n,none\r\n",
    );
    let run = env.run(&["register-token", "--from-file", &csv]);
    assert_eq!(run.code, 2, "{run}");
    let got: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(got[0]["line"], 2);
    assert_eq!(got[1]["line"], 4);
    assert_eq!(
        got[1]["error"]["title"],
        "invalid value 'maybe' for column attestation [possible values: none, direct, indirect] on line 4"
    );
    assert_eq!(got[2]["line"], 5);
    assert_eq!(
        got[2]["error"]["title"],
        "column user-id is empty on line 5"
    );
    let jsonl = write(&env, "users.jsonl", "{\"username\":\"a\"}\n");
    let run = env.run(&["register-token", "--from-file", &jsonl]);
    assert!(
        run.stdout
            .contains("\"member user-id is missing on line 1\""),
        "{run}"
    );

    let run = env.run(&["register-token", "--from-file", &csv, "--user-id", "u9"]);
    assert_eq!(run.code, 2, "{run}");
    assert_eq!(
        run.stderr,
        "error: --from-file takes every record's values from the file, so --user-id cannot be given too; put user-id in a column of the file, or leave out --from-file to send one request\n"
    );
}

/// A rejected credential refuses every record alike: the run stops after the first answer with
/// the credential's exit code, instead of sending the rest to be refused one by one. The CLI
/// makes that call (the engine only reports outcomes), so this holds it after the split.
#[test]
fn a_rejected_secret_stops_the_run_with_exit_4() {
    let mut env = TestEnv::new();
    env.set(
        "PASSWORDLESS_API_SECRET",
        "devapp:secret:00000000000000000000000000000000",
    );
    let text: String = (1..=20)
        .map(|i| format!("{{\"userId\":\"u{i}\",\"username\":\"u{i}\"}}\n"))
        .collect();
    let file = write(&env, "users.jsonl", &text);
    let results = env.home.path().join("results.jsonl");
    let results_arg = results.display().to_string();
    let run = env.run(&[
        "register-token",
        "--from-file",
        &file,
        "--results",
        &results_arg,
        "--concurrency",
        "1",
    ]);
    assert_eq!(run.code, 4, "{run}");
    assert!(
        run.stderr
            .contains("every further record would be refused the same way"),
        "{run}"
    );
    let written = lines(&results);
    assert!(
        written.len() < 20,
        "the run went on: {} results",
        written.len()
    );
    assert_eq!(written[0]["error"]["status"], 401);
}
