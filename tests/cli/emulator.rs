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

/// A user id over 64 bytes is accepted, as the server does, but `--log` warns: browsers refuse
/// such a user handle, so the registration would fail later, in the browser.
#[test]
fn log_warns_of_a_user_id_browsers_will_refuse() {
    let env = TestEnv::without_secret();
    let long = format!("userId={}", "u".repeat(65));
    let run = env.run(&[
        "emulator",
        "exec",
        "--log",
        "--",
        "passwordless",
        "api",
        "POST",
        "/register/token",
        "-f",
        &long,
        "-f",
        "username=x",
    ]);
    assert_eq!(run.code, 0, "{run}");
    let warning = run
        .stderr
        .lines()
        .find(|line| line.contains("warning: POST /register/token"))
        .unwrap_or_else(|| panic!("no warning: {run}"));
    assert!(
        warning.ends_with("userId is 65 bytes; the server accepts it, but browsers refuse a passkey user handle over 64 bytes, so registering this user will fail in the browser"),
        "{warning}"
    );
}

#[test]
fn the_development_app_starts_with_every_feature_on() {
    let env = TestEnv::new();
    let guid = "ee882879-721c-4913-9775-3dfcce97072a";
    let run = env.run(&["authenticators", "allow", guid]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&[
        "register-token",
        "--user-id",
        "42",
        "--attestation",
        "direct",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["events", "list", "--json"]);
    assert_eq!(run.code, 0, "{run}");
    assert!(
        run.stdout.contains("Created registration token for 42"),
        "the token above was logged: {run}"
    );
}

#[test]
fn plan_free_gates_features_from_the_flag_or_the_seed() {
    let mut env = TestEnv::without_secret();
    let running = Running::start(&env, &["--plan", "free"]);
    env.set("PASSWORDLESS_API_URL", &running.url);
    env.set("PASSWORDLESS_API_SECRET", crate::common::DEV_SECRET);
    let run = env.run(&["events", "list"]);
    assert_ne!(run.code, 0, "{run}");
    assert!(run.stderr.contains("event logging is off"), "{run}");
    running.interrupt();

    let seed = env.home.path().join("seed.json");
    std::fs::write(&seed, r#"{"plan": "free", "users": []}"#).unwrap();
    let seed = seed.display().to_string();
    let exec = |extra: &[&str]| {
        let mut args = vec!["emulator", "exec", "--seed", &seed];
        args.extend_from_slice(extra);
        args.extend([
            "--",
            "passwordless",
            "authenticators",
            "allow",
            "ee882879-721c-4913-9775-3dfcce97072a",
        ]);
        env.run(&args)
    };
    let run = exec(&[]);
    assert_ne!(run.code, 0, "the seed's free plan gates attestation: {run}");
    let run = exec(&["--plan", "developer"]);
    assert_eq!(run.code, 0, "--plan wins over the seed: {run}");

    let run = env.run(&["emulator", "--plan", "pro"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(
        run.stderr
            .contains("unknown plan \"pro\"; use one of: developer, free"),
        "{run}"
    );
}

/// Issue 20 item 13: the banner's `use it` line sets everything `emulator exec` gives a
/// command, the management key included, and pasted into a shell it makes `admin` work.
#[cfg(unix)]
#[test]
fn the_banner_export_line_sets_the_management_key_too() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let mut env = TestEnv::without_secret();
    env.remove("PASSWORDLESS_API_URL");
    let mut child = env
        .std_command(&["emulator", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the emulator starts");
    let export = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .map(Result::unwrap)
        .find_map(|line| line.strip_prefix("use it").map(|l| l.trim().to_owned()))
        .expect("a `use it` line");
    assert!(
        export.contains(" PASSWORDLESS_MANAGEMENT_KEY=shared_dev_key"),
        "{export}"
    );
    let binary = assert_cmd::cargo::cargo_bin!("passwordless");
    let script = format!(
        "{export} && '{}' admin apps available shopx --quiet",
        binary.display()
    );
    let mut sh = std::process::Command::new("sh");
    sh.env_clear().args(["-c", &script]);
    for (name, value) in env.vars() {
        sh.env(name, value);
    }
    let output = sh.output().expect("sh runs");
    let _ = child.kill();
    let _ = child.wait();
    let run = crate::common::Run::from(output);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(run.stdout, "true\n", "{run}");
}
