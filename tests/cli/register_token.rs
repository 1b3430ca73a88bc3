//! `register-token` against the emulator: success in each format and every refusal.

use crate::common::TestEnv;
use crate::snap;

#[test]
fn the_design_example_works_as_written() {
    let env = TestEnv::new();
    let run = env.run(&["register-token", "--user-id", "42", "--alias", "laptop"]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    register_[TOKEN]
    --- stderr
    ");
}

#[test]
fn json_is_the_api_answer() {
    let env = TestEnv::new();
    let run = env.run(&[
        "register-token",
        "--user-id",
        "42",
        "--username",
        "alice@example.com",
        "--json",
    ]);
    assert_eq!(run.code, 0, "{run}");
    let json = run.json();
    assert_eq!(json.as_object().unwrap().len(), 1, "{run}");
    assert!(json["token"].as_str().unwrap().starts_with("register_"));
    assert!(run.stdout.ends_with("}\n"));
    snap!(env, run, @r#"
    exit: 0
    --- stdout
    {
      "token": "register_[TOKEN]"
    }
    --- stderr
    "#);
}

#[test]
fn quiet_prints_only_the_token() {
    let env = TestEnv::new();
    let token = env.value(&["register-token", "--user-id", "42", "--quiet"]);
    assert!(token.starts_with("register_"), "{token}");
    assert!(!token.contains(char::is_whitespace));
}

#[test]
fn every_option_is_accepted_by_the_server() {
    let env = TestEnv::new();
    let run = env.run(&[
        "register-token",
        "--user-id",
        "42",
        "--username",
        "alice@example.com",
        "--display-name",
        "Alice",
        "--alias",
        "alice",
        "--alias",
        "a@example.com",
        "--no-alias-hashing",
        "--discoverable",
        "false",
        "--attestation",
        "none",
        "--authenticator-type",
        "platform",
        "--user-verification",
        "required",
        "--hint",
        "client-device",
        "--expires-in",
        "10m",
        "--quiet",
    ]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&[
        "register-token",
        "--user-id",
        "43",
        "--expires-at",
        "2099-01-01T00:00:00Z",
        "--quiet",
    ]);
    assert_eq!(run.code, 0, "{run}");
}

#[test]
fn bad_values_are_refused_before_any_request() {
    let env = TestEnv::new();
    let run = env.run(&["register-token", "--user-id", " "]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: the user id must not be empty
    ");
    let many: Vec<String> = (0..11)
        .flat_map(|i| ["--alias".to_owned(), format!("a{i}")])
        .collect();
    let mut args = vec!["register-token", "--user-id", "42"];
    args.extend(many.iter().map(String::as_str));
    let run = env.run(&args);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: 11 aliases given; the server accepts at most 10
    ");
    let long = "x".repeat(251);
    let run = env.run(&["register-token", "--user-id", "42", "--alias", &long]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: an alias is 251 characters long; the server accepts at most 250
    ");
    let run = env.run(&[
        "register-token",
        "--user-id",
        "42",
        "--expires-at",
        "2001-01-01T00:00:00Z",
    ]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: --expires-at `[TIME]` is in the past; give a future time or use --expires-in
    ");
    let run = env.run(&[
        "register-token",
        "--user-id",
        "42",
        "--attestation",
        "maybe",
    ]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: invalid value 'maybe' for '--attestation <ATTESTATION>'
      [possible values: none, direct, indirect]

    For more information, try '--help'.
    ");
}

#[test]
fn attestation_needs_the_plan() {
    let env = TestEnv::free_plan();
    let run = env.run(&[
        "register-token",
        "--user-id",
        "42",
        "--attestation",
        "direct",
    ]);
    snap!(env, run, @"
    exit: 8
    --- stdout
    --- stderr
    error: POST /register/token was refused by 127.0.0.1:[PORT] with HTTP 400; attestation needs a plan that allows it; use --attestation none
      errorCode: attestation_not_supported_on_plan
      title: Attestation type not supported on your plan
      docs: https://docs.passwordless.dev/guide/errors.html#attestation_not_supported_on_plan
    ");
}

#[test]
fn alias_conflicts_are_rejections() {
    let env = TestEnv::new();
    // Aliases are claimed at registration; `POST /alias` claims one now.
    let run = env.run_with_stdin(
        &["api", "POST", "/alias", "--data", "-"],
        r#"{"userId":"1","aliases":["shared"],"hashing":true}"#,
    );
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["register-token", "--user-id", "2", "--alias", "shared"]);
    snap!(env, run, @"
    exit: 5
    --- stdout
    --- stderr
    error: POST /register/token was refused by 127.0.0.1:[PORT] with HTTP 409; that alias belongs to another user; choose another alias or remove it from that user first
      errorCode: alias_conflict
      title: Alias is already in use by another userid
      docs: https://docs.passwordless.dev/guide/errors.html#alias_conflict
    ");
}
