//! Usage errors, version and network failures: the exit-code table at the edges.

use crate::common::TestEnv;
use crate::snap;

#[test]
fn unknown_flags_exit_2() {
    let env = TestEnv::new();
    let run = env.run(&["register-token", "--user", "42"]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: unexpected argument '--user' found

      tip: a similar argument exists: '--user-id'

    Usage: passwordless register-token --user-id <ID>

    For more information, try '--help'.
    ");
    // Bare `passwordless` is a request for help, as with gh.
    let run = env.run(&[]);
    assert_eq!(run.code, 0, "{run}");
    assert!(
        run.stdout.starts_with("Run a Passwordless.dev application"),
        "{run}"
    );
    assert!(run.stderr.is_empty(), "{run}");
}

#[test]
fn version_exits_0() {
    let env = TestEnv::new();
    let run = env.run(&["--version"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        format!("passwordless {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn an_unreachable_server_exits_7() {
    let mut env = TestEnv::new();
    // Port 1 (tcpmux) is privileged and unused: nothing of ours can be listening there, unlike
    // a freed ephemeral port that a parallel test's emulator may take.
    env.set("PASSWORDLESS_API_URL", "http://127.0.0.1:1");
    let run = env.run(&["register-token", "--user-id", "42"]);
    snap!(env, run, @"
    exit: 7
    --- stdout
    --- stderr
    error: could not connect to http://127.0.0.1:[PORT]: Connection refused (os error 111); check the base URL (`passwordless config show`) and that the server is running; for local work start `passwordless emulator`
    ");
    let run = env.run(&["register-token", "--user-id", "42", "--json"]);
    assert_eq!(run.code, 7);
    assert_eq!(run.stderr_json()["error"]["exitCode"], 7);
}

#[test]
fn help_topics() {
    let env = TestEnv::new();
    let run = env.run(&["help", "exit-codes"]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    Exit codes of passwordless:

        0  success (for `verify`: the token verified)
        1  unexpected error or answer: a bug, an answer that is not what the API sends (wrong base URL, captive portal), a redirect, an untrusted TLS certificate
        2  usage: bad flags or values, refused before any request
        3  not found
        4  authentication or authorization: no secret, keyring unavailable, secret rejected (401), missing scope (403)
        5  rejected by the API: invalid, malformed or expired token, validation errors, conflicts
        6  rate limited or quota exceeded (429)
        7  network error, timeout or server error (5xx): safe to retry
        8  a feature is off for this application (attestation, event logging, magic links, generated tokens)
      127  `emulator exec` could not start its command
      130  interrupted (Ctrl-C), or a confirmation answered no
      141  a bulk run stopped because the reader of its results went away (a closed pipe); records after it were not sent
    --- stderr
    ");
    let run = env.run(&["help", "environment"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("PASSWORDLESS_API_SECRET"));
    let run = env.run(&["help", "config", "set-secret"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("--from-file"), "{run}");
    let run = env.run(&["help", "nonsense"]);
    assert_eq!(run.code, 2, "{run}");
}

#[test]
fn a_self_hosted_api_prefix_in_the_base_url_works() {
    let mut env = TestEnv::new();
    // Self-hosted servers live under `/api/`; the emulator accepts the same base URL.
    let url = format!("{}/api/", env.emulator.base_url());
    env.set("PASSWORDLESS_API_URL", &url);
    let token = env.value(&["signin-token", "--user-id", "7", "--quiet"]);
    let run = env.run(&["verify", &token, "--quiet"]);
    assert_eq!(run.stdout, "7\n", "{run}");
}
