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
}

#[test]
fn a_missing_command_is_one_rule_at_every_level() {
    let env = TestEnv::new();
    // Bare `passwordless` and `passwordless users` alike: help on stderr, exit 2, stdout empty.
    for args in [&[][..], &["users"], &["config"], &["admin", "apps"]] {
        let run = env.run(args);
        assert_eq!(run.code, 2, "{args:?}: {run}");
        assert!(run.stdout.is_empty(), "{args:?}: {run}");
        assert!(
            run.stderr.contains("Usage: passwordless"),
            "{args:?}: {run}"
        );
    }
    // Asking for help is a success, on stdout.
    for args in [&["--help"][..], &["users", "--help"], &["help", "users"]] {
        let run = env.run(args);
        assert_eq!(run.code, 0, "{args:?}: {run}");
        assert!(
            run.stdout.contains("Usage: passwordless"),
            "{args:?}: {run}"
        );
    }
}

#[test]
fn habits_from_other_clis_get_a_pointer() {
    let env = TestEnv::new();
    let run = env.run(&["login"]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: unrecognized subcommand 'login'

      tip: there is no login: store the API secret with `passwordless config set-secret` (hidden prompt, stdin or --from-file), or set PASSWORDLESS_API_SECRET

    Usage: passwordless [OPTIONS] <COMMAND>

    For more information, try '--help'.
    ");
    let run = env.run(&["config", "set", "secret", "x"]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: invalid value 'secret' for '<KEY>'
      [possible values: base-url, keyring-store, public-key, ca-cert]

      tip: secrets are not settings: store the API secret with `passwordless config set-secret` (it reads a prompt, stdin or --from-file, never an argument)

    For more information, try '--help'.
    ");
    let run = env.run(&["--json", "auth", "login"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(
        run.stderr_json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("config set-secret"),
        "{run}"
    );
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
        2  usage: bad flags or values, refused before any request; a missing command (`passwordless`, `passwordless users`) prints the help on stderr (`--help` prints it on stdout, exit 0)
        3  not found
        4  authentication or authorization: no secret, keyring unavailable, secret rejected (401), missing scope (403)
        5  rejected by the API: invalid, malformed or expired token, validation errors, conflicts
        6  rate limited or quota exceeded (429)
        7  network error, timeout or server error (5xx): safe to retry
        8  a feature is off for this application (attestation, event logging, magic links, generated tokens)
       10  not an error: `app diff` found differences between the settings file and the app (drift)
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

#[test]
fn a_base_url_without_its_scheme_gets_the_one_meant() {
    let env = TestEnv::new();
    let run = env.run(&["--api-url", "127.0.0.1:7001", "users", "count"]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: `127.0.0.1:[PORT]` has no scheme; use `http://127.0.0.1:[PORT]`
    ");
    let run = env.run(&["config", "set", "base-url", "localhost:7001"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("use `http://localhost:7001`"), "{run}");
}

#[test]
fn a_missing_from_file_is_a_usage_error() {
    let env = TestEnv::new();
    let missing = env.home.path().join("missing.csv");
    let run = env.run(&[
        "users",
        "delete",
        "--from-file",
        missing.to_str().unwrap(),
        "--yes",
    ]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: cannot read --from-file [HOME]/missing.csv: No such file or directory (os error 2); check the path
    ");
    let run = env.run(&["register-token", "--from-file", missing.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{run}");
}
