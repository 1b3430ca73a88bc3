//! The sign-in flow end to end: mint a token, verify it (twice), and every failure of verify.

use crate::common::TestEnv;
use crate::snap;

#[test]
fn a_generated_token_verifies_end_to_end() {
    let env = TestEnv::new();
    let token = env.value(&["signin-token", "--user-id", "42", "--quiet"]);
    assert!(token.starts_with("verify_"), "{token}");
    let run = env.run(&["verify", &token]);
    snap!(env, run, times, @"
    exit: 0
    --- stdout
    userId	42
    success	true
    type	generated_signin
    purpose	sign-in
    credentialId	-
    nickname	-
    device	-
    country	-
    origin	-
    rpId	-
    timestamp	[TIME] UTC
    expiresAt	[TIME] UTC
    tokenId	00000000-0000-4000-8000-000000000001
    --- stderr
    ");
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
    snap!(env, run, @r#"
    exit: 0
    --- stdout
    {
      "userId": "42",
      "timestamp": "[TIME]",
      "rpId": "example.com",
      "origin": "https://example.com",
      "success": true,
      "device": null,
      "country": null,
      "nickname": null,
      "credentialId": null,
      "purpose": "step-up",
      "expiresAt": "[TIME]",
      "tokenId": "00000000-0000-4000-8000-000000000001",
      "type": "generated_signin"
    }
    --- stderr
    "#);
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
    snap!(env, run, @"
    exit: 5
    --- stdout
    --- stderr
    error: POST /signin/verify was refused by 127.0.0.1:[PORT] with HTTP 400; pass the `verify_...` token your front end received, unchanged, for the same application as the secret
      errorCode: invalid_token_format
      title: The token you supplied was not formatted correctly. It should be valid base64url.
      docs: https://docs.passwordless.dev/guide/errors.html#invalid_token_format
    ");
    let run = env.run(&["verify", "register_abcdefghijklmnopqrstuvwxyz"]);
    snap!(env, run, @"
    exit: 5
    --- stdout
    --- stderr
    error: POST /signin/verify was refused by 127.0.0.1:[PORT] with HTTP 400; pass the `verify_...` token your front end received, unchanged, for the same application as the secret
      errorCode: invalid_token
      title: The token you sent was not correct. The token used for this endpoint should start with 'verify_'. Make sure you are not sending the wrong value. The value you sent started with 'register_a'
      docs: https://docs.passwordless.dev/guide/errors.html#invalid_token
    ");
    let run = env.run(&["verify", "verify_!!!"]);
    snap!(env, run, @"
    exit: 5
    --- stdout
    --- stderr
    error: POST /signin/verify was refused by 127.0.0.1:[PORT] with HTTP 400; pass the `verify_...` token your front end received, unchanged, for the same application as the secret
      errorCode: invalid_token_format
      title: The token you supplied was not formatted correctly. It should be valid base64url.
      docs: https://docs.passwordless.dev/guide/errors.html#invalid_token_format
    ");
}

#[test]
fn an_expired_token_exits_5() {
    let env = TestEnv::new();
    let token = env.value(&["signin-token", "--user-id", "42", "--ttl", "1", "--quiet"]);
    env.emulator
        .clock()
        .advance(std::time::Duration::from_secs(3));
    let run = env.run(&["verify", &token]);
    snap!(env, run, @"
    exit: 5
    --- stdout
    --- stderr
    error: POST /signin/verify was refused by 127.0.0.1:[PORT] with HTTP 403; the token has expired; create a new one and verify it before it expires
      errorCode: expired_token
      title: The token expired [N] seconds ago.
      docs: https://docs.passwordless.dev/guide/errors.html#expired_token
    ");
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
    snap!(env, run, @"
    exit: 5
    --- stdout
    --- stderr
    error: POST /signin/verify was refused by 127.0.0.1:[PORT] with HTTP 400; pass the `verify_...` token your front end received, unchanged, for the same application as the secret
      errorCode: invalid_token
      title: The token you supplied was not valid. It could be that the token has expired or that it was not issued for this tenant.
      docs: https://docs.passwordless.dev/guide/errors.html#invalid_token
    ");
}

#[test]
fn empty_tokens_are_usage_errors() {
    let env = TestEnv::new();
    let run = env.run(&["verify", " "]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: the token is empty; pass the `verify_...` token your front end received, or `-` to read it from stdin
    ");
}

#[test]
fn signin_token_refuses_bad_ttls() {
    let env = TestEnv::new();
    let run = env.run(&["signin-token", "--user-id", "42", "--ttl", "8d"]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: --ttl must be a whole number of seconds from 1 to 604800 (7 days), e.g. `120` or `10m`
    ");
    let run = env.run(&["signin-token", "--user-id", "", "--ttl", "10"]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: the user id must not be empty
    ");
}

/// Issue 20 item 11: human output shows times to the second in UTC, as every table does; JSON
/// keeps the API's text.
#[test]
fn verify_shows_times_to_the_second_in_utc() {
    let env = TestEnv::new();
    let token = env.value(&["signin-token", "--user-id", "42", "--quiet"]);
    let run = env.run(&["verify", &token]);
    assert_eq!(run.code, 0, "{run}");
    let second = regex_lite_utc();
    for label in ["timestamp", "expiresAt"] {
        let line = run
            .stdout
            .lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("{label}: {run}"));
        let value = line.split('\t').nth(1).unwrap_or_default();
        assert!(second(value), "{label} is `{value}`: {run}");
    }
    let json = env.run(&["verify", &token, "--json"]).json();
    assert!(
        json["timestamp"].as_str().unwrap().contains('T'),
        "JSON keeps the API's text: {json}"
    );
}

/// `YYYY-MM-DD hh:mm:ss UTC`, the one shape of a time in human output.
pub fn regex_lite_utc() -> impl Fn(&str) -> bool {
    |value: &str| {
        let bytes = value.as_bytes();
        value.len() == 23
            && value.ends_with(" UTC")
            && bytes.iter().enumerate().take(19).all(|(i, b)| match i {
                4 | 7 => *b == b'-',
                10 => *b == b' ',
                13 | 16 => *b == b':',
                _ => b.is_ascii_digit(),
            })
    }
}
