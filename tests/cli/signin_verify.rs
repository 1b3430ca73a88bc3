//! The sign-in flow end to end: mint a token, verify it (twice), and every failure of verify.

use crate::common::TestEnv;
use crate::snap;

#[test]
fn a_generated_token_verifies_end_to_end() {
    let env = TestEnv::new();
    let token = env.value(&["signin-token", "--user-id", "42", "--quiet"]);
    assert!(token.starts_with("verify_"), "{token}");
    let run = env.run(&["verify", &token]);
    snap!(env, run, @"");
    // Tokens are reusable until they expire (contract §2.2).
    let again = env.run(&["verify", &token, "--quiet"]);
    assert_eq!(again.code, 0, "{again}");
    assert_eq!(again.stdout, "42\n");
}

#[test]
fn verify_json_is_the_verified_user() {
    let env = TestEnv::new();
    let token = env.value(&[
        "signin-token",
        "--user-id",
        "42",
        "--ttl",
        "5m",
        "--purpose",
        "step-up",
        "--rp-id",
        "example.com",
        "--origin",
        "https://example.com",
        "--quiet",
    ]);
    let run = env.run(&["verify", &token, "--json"]);
    assert_eq!(run.code, 0, "{run}");
    let json = run.json();
    assert_eq!(json["userId"], "42");
    assert_eq!(json["success"], true);
    assert_eq!(json["type"], "generated_signin");
    assert_eq!(json["purpose"], "step-up");
    assert_eq!(json["rpId"], "example.com");
    assert_eq!(json["origin"], "https://example.com");
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "userId",
            "timestamp",
            "rpId",
            "origin",
            "success",
            "device",
            "country",
            "nickname",
            "credentialId",
            "purpose",
            "expiresAt",
            "tokenId",
            "type"
        ]
    );
    snap!(env, run, @"");
}

#[test]
fn verify_reads_the_token_from_stdin() {
    let env = TestEnv::new();
    let token = env.value(&["signin-token", "--user-id", "7", "--quiet"]);
    let run = env.run_with_stdin(&["verify", "-", "--quiet"], &format!("{token}\n"));
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(run.stdout, "7\n");
}

#[test]
fn an_invalid_token_exits_5_with_the_error_code() {
    let env = TestEnv::new();
    let run = env.run(&["verify", "verify_notarealtoken"]);
    snap!(env, run, @"");
    let run = env.run(&["verify", "register_abcdefghijklmnopqrstuvwxyz"]);
    snap!(env, run, @"");
    let run = env.run(&["verify", "verify_!!!"]);
    snap!(env, run, @"");
}

#[test]
fn an_expired_token_exits_5() {
    let env = TestEnv::new();
    let token = env.value(&["signin-token", "--user-id", "42", "--ttl", "1", "--quiet"]);
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let run = env.run(&["verify", &token]);
    snap!(env, run, @"");
    let run = env.run(&["verify", &token, "--json"]);
    assert_eq!(run.code, 5);
    let error = run.stderr_json();
    assert_eq!(error["error"]["errorCode"], "expired_token");
    assert_eq!(error["error"]["status"], 403);
    assert_eq!(
        error["error"]["docs"],
        "https://docs.passwordless.dev/guide/errors.html#expired_token"
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn a_token_of_another_app_is_invalid() {
    let env = TestEnv::new();
    let other = TestEnv::new();
    let token = other.value(&["signin-token", "--user-id", "42", "--quiet"]);
    // Same dev app id and secret, but another emulator signed it: like a token of another
    // tenant, its signing key is unknown here.
    let run = env.run(&["verify", &token]);
    snap!(env, run, @"");
}

#[test]
fn empty_tokens_are_usage_errors() {
    let env = TestEnv::new();
    let run = env.run(&["verify", " "]);
    snap!(env, run, @"");
}

#[test]
fn signin_token_refuses_bad_ttls() {
    let env = TestEnv::new();
    let run = env.run(&["signin-token", "--user-id", "42", "--ttl", "8d"]);
    snap!(env, run, @"");
    let run = env.run(&["signin-token", "--user-id", "", "--ttl", "10"]);
    snap!(env, run, @"");
}
