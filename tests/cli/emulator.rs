//! `passwordless emulator` as users run it: serving until interrupted, and `exec`.

use crate::common::{Running, TestEnv};
use crate::snap;

#[test]
fn exec_runs_the_readme_command() {
    let env = TestEnv::without_secret();
    let run = env.run(&[
        "emulator",
        "exec",
        "--",
        "passwordless",
        "register-token",
        "--user-id",
        "42",
        "--alias",
        "laptop",
    ]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    register_[TOKEN]
    --- stderr
    ");
}

#[test]
fn exec_passes_the_environment_and_the_exit_status() {
    let env = TestEnv::without_secret();
    let run = env.run(&[
        "emulator", "exec", "--", "sh", "-c",
        "echo $PASSWORDLESS_API_URL; echo ${PASSWORDLESS_API_KEY%%:*}; test -n \"$PASSWORDLESS_API_SECRET\"; exit 3",
    ]);
    snap!(env, run, @"
    exit: 3
    --- stdout
    http://127.0.0.1:[PORT]
    devapp
    --- stderr
    ");
}

#[test]
fn exec_runs_the_whole_flow() {
    let env = TestEnv::without_secret();
    let run = env.run(&[
        "emulator",
        "exec",
        "--",
        "sh",
        "-c",
        "passwordless verify --quiet \"$(passwordless signin-token --user-id 42 --quiet)\"",
    ]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(run.stdout, "42\n");
}

#[test]
fn exec_of_a_missing_command_exits_127() {
    let env = TestEnv::without_secret();
    let run = env.run(&["emulator", "exec", "--", "no-such-command-here"]);
    snap!(env, run, @"
    exit: 127
    --- stdout
    --- stderr
    error: cannot run `no-such-command-here`: No such file or directory (os error 2); check the command name and that it is on PATH
    ");
}

#[test]
fn serve_announces_its_url_and_stops_on_sigint() {
    let env = TestEnv::without_secret();
    let running = Running::start(&env, &[]);
    let mut client = TestEnv::new();
    client.set("PASSWORDLESS_API_URL", &running.url);
    let run = client.run(&["register-token", "--user-id", "42", "--quiet"]);
    assert_eq!(run.code, 0, "{run}");
    running.interrupt();
}

#[test]
fn serve_refuses_remote_binds_and_busy_ports() {
    let env = TestEnv::without_secret();
    let run = env.run(&["emulator", "--bind", "0.0.0.0", "--port", "0"]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: --bind 0.0.0.0 is not a loopback address; the emulator's keys are public, so add --allow-remote if you really want other machines to reach it
    ");
    let port = env.emulator.addr().port().to_string();
    let run = env.run(&["emulator", "--port", &port]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("in use"), "{run}");
}

#[test]
fn serve_json_announces_one_machine_readable_line() {
    let env = TestEnv::without_secret();
    let running = Running::spawn(&env, &["emulator", "--port", "0", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&running.url).unwrap();
    let url = json["url"].as_str().unwrap();
    assert!(url.starts_with("http://127.0.0.1:"), "{json}");
    assert_eq!(json["apiSecret"], crate::common::DEV_SECRET);
    assert_eq!(json["appId"], "devapp");
    running.interrupt();
}

#[test]
fn log_lines_show_requests_without_secrets() {
    let env = TestEnv::without_secret();
    let run = env.run(&[
        "emulator",
        "exec",
        "--log",
        "--",
        "passwordless",
        "register-token",
        "--user-id",
        "42",
        "--quiet",
    ]);
    assert_eq!(run.code, 0, "{run}");
    let line = run
        .stderr
        .lines()
        .find(|line| line.contains("/register/token"))
        .unwrap_or_else(|| panic!("no log line: {run}"));
    assert!(line.contains("POST"), "{line}");
    assert!(line.contains("200"), "{line}");
    assert!(line.contains("ms"), "{line}");
    assert!(!run.stderr.contains("0123456789abcdef"), "{run}");
    assert!(
        !run.stderr.contains("register_"),
        "no tokens in the log: {run}"
    );
}
