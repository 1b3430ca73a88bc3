//! What the API secret may change or read: magic links, generated tokens, auth configs,
//! authenticators, events and reports.

use crate::common::TestEnv;
use crate::snap;

#[test]
fn magic_links() {
    let env = TestEnv::seeded();
    let run = env.run(&[
        "magic-link",
        "send",
        "--email",
        "alice@example.com",
        "--user-id",
        "alice",
        "--url-template",
        "https://app.example.com/verify?token=$TOKEN",
    ]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    Sent a sign-in link for user `alice` to alice@example.com.
    --- stderr
    ");
    let run = env.run(&[
        "magic-link",
        "send",
        "--email",
        "alice@example.com",
        "--user-id",
        "alice",
        "--url-template",
        "https://app.example.com/verify",
    ]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: --url-template has no $TOKEN; include it where the token goes, e.g. 'https://app.example.com/verify?token=$TOKEN' (single quotes keep the shell from expanding it)
    ");
    let run = env.run(&["app", "features", "set", "--magic-links", "off"]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    Updated features: magic links off.
    --- stderr
    ");
    let run = env.run(&[
        "magic-link",
        "send",
        "--email",
        "alice@example.com",
        "--user-id",
        "alice",
        "--url-template",
        "https://app.example.com/verify?token=$TOKEN",
    ]);
    snap!(env, run, @"
    exit: 8
    --- stdout
    --- stderr
    error: POST /magic-links/send was refused by 127.0.0.1:[PORT] with HTTP 403; magic links are off for this application; turn them on with `passwordless app features set --magic-links on`
      title: You must enable Magic Links in settings in order to use this feature.
    ");
}

#[test]
fn generated_tokens_can_be_switched_off() {
    let env = TestEnv::new();
    let run = env.run(&["app", "features", "set", "--generated-tokens", "off"]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["signin-token", "--user-id", "42"]);
    snap!(env, run, @"
    exit: 8
    --- stdout
    --- stderr
    error: POST /signin/generate-token was refused by 127.0.0.1:[PORT] with HTTP 403; generated sign-in tokens are off for this application; turn them on with `passwordless app features set --generated-tokens on`
      title: The 'POST /signin/generate-token' endpoint is disabled
    ");
    let run = env.run(&["app", "features", "set", "--event-log-retention", "91"]);
    assert_eq!(run.code, 2, "{run}");
    let run = env.run(&["app", "features", "set"]);
    assert_eq!(run.code, 2, "{run}");
}

#[test]
fn auth_configs() {
    let env = TestEnv::new();
    let run = env.run(&["auth-configs", "list"]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    PURPOSE	USER VERIFICATION	TTL (S)	HINTS	CREATED BY	EDITED ON
    step-up	preferred	120	-	System	-
    sign-in	preferred	120	-	System	-
    --- stderr
    ");
    let run = env.run(&[
        "auth-configs",
        "add",
        "--purpose",
        "checkout",
        "--ttl",
        "5m",
        "--user-verification",
        "required",
        "--hint",
        "security-key",
    ]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    Added the `checkout` configuration.
    --- stderr
    ");
    let json = env
        .run(&["auth-configs", "list", "--purpose", "checkout", "--json"])
        .json();
    assert_eq!(json[0]["timeToLive"], 300);
    assert_eq!(json[0]["userVerificationRequirement"], "required");
    assert_eq!(json[0]["hints"], "SecurityKey");
    // People see the hint as they typed it (issue 20), JSON keeps the server's enum name.
    let run = env.run(&["auth-configs", "list", "--purpose", "checkout"]);
    snap!(env, run, times, @"
    exit: 0
    --- stdout
    PURPOSE	USER VERIFICATION	TTL (S)	HINTS	CREATED BY	EDITED ON
    checkout	required	300	security-key	passwordless-cli	-
    --- stderr
    ");
    let run = env.run(&[
        "auth-configs",
        "update",
        "--purpose",
        "checkout",
        "--ttl",
        "1h",
    ]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["auth-configs", "update", "--purpose", "nope", "--ttl", "1h"]);
    snap!(env, run, @"
    exit: 3
    --- stdout
    --- stderr
    error: POST /auth-configs was refused by 127.0.0.1:[PORT] with HTTP 404; nothing matches what was asked for; check the name or id
      title: The configuration nope does not exist.
    ");
    let run = env.run(&["auth-configs", "delete", "--purpose", "sign-in", "--yes"]);
    snap!(env, run, @"
    exit: 5
    --- stdout
    --- stderr
    error: POST /auth-configs/delete was refused by 127.0.0.1:[PORT] with HTTP 400; fix the request as the server's message says, then try again
      title: The sign-in configuration cannot be deleted.
    ");
    let run = env.run(&["auth-configs", "delete", "--purpose", "checkout", "--yes"]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["auth-configs", "add", "--purpose", "bad purpose"]);
    assert_eq!(run.code, 2, "{run}");
}

#[test]
fn authenticators_need_attestation_on_the_plan() {
    let mut env = TestEnv::free_plan();
    let guid = "ee882879-721c-4913-9775-3dfcce97072a";
    let run = env.run(&["authenticators", "allow", guid]);
    snap!(env, run, @"
    exit: 8
    --- stdout
    --- stderr
    error: POST /authenticators/add was refused by 127.0.0.1:[PORT] with HTTP 403; attestation (authenticator allow and deny lists) is off for this application's plan; the server's operator can turn it on, or choose a plan that has it; the emulator has it on unless started with `--plan free`
      errorCode: attestation_not_supported_on_plan
      title: Attestation is not supported on your plan.
      docs: https://docs.passwordless.dev/guide/errors.html#attestation_not_supported_on_plan
    ");
    env.set(
        "PASSWORDLESS_MANAGEMENT_KEY",
        crate::common::DEV_MANAGEMENT_KEY,
    );
    let run = env.run(&[
        "admin",
        "apps",
        "set-features",
        "devapp",
        "--attestation",
        "on",
        "--magic-link-quota",
        "0",
    ]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["authenticators", "allow", &guid.to_uppercase()]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    Added 1 authenticator to the allow list.
    --- stderr
    ");
    assert_eq!(env.value(&["authenticators", "list", "--quiet"]), guid);
    assert_eq!(
        env.run(&["authenticators", "list", "--denied", "--json"])
            .stdout,
        "[]\n"
    );
    let run = env.run(&["authenticators", "remove", guid, "--yes"]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(
        env.run(&["authenticators", "list", "--json"]).stdout,
        "[]\n"
    );
    let run = env.run(&["authenticators", "deny", "not-a-guid"]);
    assert_eq!(run.code, 2, "{run}");
}

#[test]
fn events_need_event_logging() {
    let mut env = TestEnv::free_plan();
    // With a management key the hint is the operator's command, quota included, so it runs
    // as written.
    env.set(
        "PASSWORDLESS_MANAGEMENT_KEY",
        crate::common::DEV_MANAGEMENT_KEY,
    );
    let run = env.run(&["events", "list"]);
    assert!(
        run.stderr.contains(
            "turn it on with `passwordless admin apps set-features devapp --event-logging on`"
        ),
        "{run}"
    );
    env.remove("PASSWORDLESS_MANAGEMENT_KEY");
    let run = env.run(&["events", "list"]);
    snap!(env, run, @"
    exit: 8
    --- stdout
    --- stderr
    error: GET /events was refused by 127.0.0.1:[PORT] with HTTP 403; event logging is off for this application's plan; the server's operator can turn it on, or choose a plan that has it; the emulator has it on unless started with `--plan free`
      title: You are forbidden from accessing this resource.
      detail: Event logging is not enabled for this application.
      docs: https://docs.passwordless.dev/guide/errors.html#forbidden
    ");
    env.set(
        "PASSWORDLESS_MANAGEMENT_KEY",
        crate::common::DEV_MANAGEMENT_KEY,
    );
    let run = env.run(&[
        "admin",
        "apps",
        "set-features",
        "devapp",
        "--event-logging",
        "on",
        "--magic-link-quota",
        "0",
    ]);
    assert_eq!(run.code, 0, "{run}");
    env.value(&["register-token", "--user-id", "42", "--quiet"]);
    let run = env.run(&["events", "list", "--json"]);
    assert_eq!(run.code, 0, "{run}");
    let json = run.json();
    assert!(json["totalEventCount"].as_u64().unwrap() >= 1, "{run}");
    let run = env.run(&["events", "list", "--per-page", "0"]);
    assert_eq!(run.code, 2, "{run}");
}

#[test]
fn reports() {
    let env = TestEnv::seeded();
    let run = env.run(&["reports", "credentials", "--json"]);
    assert_eq!(run.code, 0, "{run}");
    assert!(run.json().is_array());
    let run = env.run(&[
        "reports",
        "active-users",
        "--from",
        "2026-01-01",
        "--to",
        "2026-01-31",
    ]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["reports", "credentials", "--from", "January"]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: --from `January` is not a date; use YYYY-MM-DD
    ");
}

#[test]
fn a_stored_management_key_gets_the_operator_command() {
    let env = TestEnv::free_plan();
    let run = env.run_with_stdin(
        &["config", "set-management-key"],
        crate::common::DEV_MANAGEMENT_KEY,
    );
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["events", "list"]);
    assert_eq!(run.code, 8, "{run}");
    assert!(
        run.stderr
            .contains("`passwordless admin apps set-features devapp --event-logging on"),
        "{run}"
    );
}
