//! `admin …` with the emulator's management key: apps, keys, features, deletion, health.

use crate::common::{DEV_MANAGEMENT_KEY, TestEnv};
use crate::snap;

fn admin_env() -> TestEnv {
    let mut env = TestEnv::new();
    env.set("PASSWORDLESS_MANAGEMENT_KEY", DEV_MANAGEMENT_KEY);
    env
}

#[test]
fn create_an_app_and_use_its_keys() {
    let mut env = admin_env();
    let run = env.run(&["admin", "apps", "available", "shop"]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    true
    --- stderr
    ");
    let run = env.run(&[
        "admin",
        "apps",
        "create",
        "shop",
        "--admin-email",
        "ops@example.com",
    ]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    message	Store keys safely. They will only be shown to you once.
    apiKey1	shop:public:[KEY]
    apiKey2	shop:public:[KEY]
    apiSecret1	shop:secret:[SECRET]
    apiSecret2	shop:secret:[SECRET]
    --- stderr
    ");
    // The pattern of the .NET SDK's tests: create an app, then use its returned secret.
    let json = env
        .run(&["admin", "apps", "create", "shop2", "--reveal", "--json"])
        .json();
    let secret = json["apiSecret1"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("shop2:secret:"), "{json}");
    env.set("PASSWORDLESS_API_SECRET", &secret);
    let token = env.value(&["signin-token", "--user-id", "7", "--quiet"]);
    let run = env.run(&["verify", &token, "--quiet"]);
    assert_eq!(run.stdout, "7\n", "{run}");
    let run = env.run(&["admin", "apps", "create", "shop"]);
    assert_eq!(run.code, 5, "taken: {run}");
    let run = env.run(&["admin", "apps", "create", "Bad-Id"]);
    assert_eq!(run.code, 2, "{run}");
}

#[test]
fn api_keys_lifecycle() {
    let mut env = admin_env();
    let run = env.run(&["admin", "api-keys", "list", "devapp"]);
    snap!(env, run, times, @"
    exit: 0
    --- stdout
    ID	TYPE	KEY	SCOPES	LOCKED	CREATED
    3210	public	devapp:public:[KEY]	login, register	false	[TIME] UTC
    cdef	secret	devapp:secret:****cdef	token_register, token_verify	false	[TIME] UTC
    --- stderr
    ");
    let run = env.run(&[
        "admin",
        "api-keys",
        "create-secret",
        "devapp",
        "--scope",
        "token_verify",
    ]);
    assert_eq!(run.code, 0, "{run}");
    // Shown once by the server, so printed in full (the value would otherwise be lost).
    let full = run.stdout.trim();
    assert!(
        full.starts_with("devapp:secret:") && !full.contains('*') && full.len() == 46,
        "in full: {run}"
    );
    let run = env.run(&["admin", "api-keys", "lock", "devapp", "cdef"]);
    assert_eq!(run.code, 2, "needs --yes without a terminal: {run}");
    let run = env.run(&["admin", "api-keys", "lock", "devapp", "cdef", "--yes"]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    Locked key `cdef` of `devapp`.
    --- stderr
    ");
    let run = env.run(&["register-token", "--user-id", "1"]);
    assert_eq!(run.code, 4, "a locked key is refused: {run}");
    let run = env.run(&["admin", "api-keys", "unlock", "devapp", "cdef"]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(
        env.run(&["register-token", "--user-id", "1", "--quiet"])
            .code,
        0
    );
    let run = env.run(&["admin", "api-keys", "delete", "devapp", "zzzz", "--yes"]);
    snap!(env, run, @"
    exit: 3
    --- stdout
    --- stderr
    error: DELETE /admin/apps/devapp/api-keys/zzzz was refused by 127.0.0.1:[PORT] with HTTP 404; no key has that id; list the keys with `passwordless admin api-keys list APP`
      errorCode: api_key_not_found
      title: Apikey was not found
      docs: https://docs.passwordless.dev/guide/errors.html#api_key_not_found
    ");
    env.remove("PASSWORDLESS_MANAGEMENT_KEY");
    let run = env.run(&["admin", "api-keys", "list", "devapp"]);
    snap!(env, run, @"
    exit: 4
    --- stdout
    --- stderr
    error: no management key for profile `default`; store one with `passwordless config set-management-key` or set PASSWORDLESS_MANAGEMENT_KEY
    ");
}

#[test]
fn features_freeze_and_deletion() {
    let mut env = TestEnv::free_plan();
    env.set("PASSWORDLESS_MANAGEMENT_KEY", DEV_MANAGEMENT_KEY);
    let run = env.run(&["admin", "apps", "features", "devapp"]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    eventLoggingIsEnabled	false
    eventLoggingRetentionPeriod	365
    developerLoggingEndsAt	-
    maxUsers	-
    allowAttestation	false
    isGenerateSignInTokenEndpointEnabled	true
    isMagicLinksEnabled	true
    --- stderr
    ");
    // The quota is not reported by the server and the route rewrites it: without the flag it
    // goes back to 0, and the warning says so.
    let run = env.run(&[
        "admin",
        "apps",
        "set-features",
        "devapp",
        "--max-users",
        "5",
    ]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    Updated the features of `devapp`.
    --- stderr
    warning: event-log retention was 365 days, more than this route accepts; it is now 90 days (choose with --event-log-retention DAYS)
    warning: the server does not report the monthly magic-link e-mail quota and this route rewrites it: it is now 0, the route's default (set it with --magic-link-quota N)
    ");
    let run = env.run(&[
        "admin",
        "apps",
        "set-features",
        "devapp",
        "--max-users",
        "5",
        "--magic-link-quota",
        "100",
    ]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(
        run.stderr, "",
        "retention is 90 now, the quota given: {run}"
    );
    let url = env.emulator.base_url();
    let state = env.run(&["emulator", "state", "--url", &url]).json();
    assert_eq!(
        state["apps"][0]["magicLinkEmailMonthlyQuota"], 100,
        "{state}"
    );
    let json = env
        .run(&["admin", "apps", "features", "devapp", "--json"])
        .json();
    assert_eq!(json["maxUsers"], 5);
    assert_eq!(
        json["eventLoggingIsEnabled"], false,
        "unnamed features kept: {json}"
    );
    let run = env.run(&["admin", "apps", "freeze", "devapp", "--yes"]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(env.run(&["register-token", "--user-id", "1"]).code, 4);
    env.run(&["admin", "apps", "unfreeze", "devapp"]);
    assert_eq!(
        env.run(&["register-token", "--user-id", "1", "--quiet"])
            .code,
        0
    );
    env.run(&["admin", "apps", "create", "gone", "--json"]);
    let run = env.run(&["admin", "apps", "can-delete", "gone"]);
    assert_eq!(run.stdout, "true\n", "{run}");
    let run = env.run(&["admin", "apps", "mark-delete", "gone", "--yes", "--json"]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["admin", "apps", "pending-deletion", "--json"]);
    assert_eq!(run.code, 0, "{run}");
}

#[test]
fn health() {
    let env = TestEnv::without_secret();
    let run = env.run(&["admin", "health"]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    http	Healthy
    storage	Healthy
    version	Healthy
    mail	Healthy
    --- stderr
    ");
}

#[test]
fn apps_are_isolated() {
    let mut env = admin_env();
    let json = env
        .run(&["admin", "apps", "create", "other", "--reveal", "--json"])
        .json();
    let other_secret = json["apiSecret1"].as_str().unwrap().to_owned();
    let run = env.run(&[
        "aliases",
        "set",
        "--user-id",
        "dev-user",
        "--alias",
        "shared-name",
    ]);
    assert_eq!(run.code, 0, "{run}");
    env.set("PASSWORDLESS_API_SECRET", &other_secret);
    // The same alias is free in the other app, and the dev app's user is not there.
    let run = env.run(&[
        "aliases",
        "set",
        "--user-id",
        "other-user",
        "--alias",
        "shared-name",
    ]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(env.value(&["users", "list", "--quiet"]), "other-user");
    // A token of one app does not verify in the other.
    let token = env.value(&["signin-token", "--user-id", "other-user", "--quiet"]);
    env.set("PASSWORDLESS_API_SECRET", crate::common::DEV_SECRET);
    let run = env.run(&["verify", &token, "--json"]);
    assert_eq!(run.code, 5, "{run}");
    assert_eq!(run.stderr_json()["error"]["errorCode"], "invalid_token");
}

#[test]
fn the_magic_link_quota_is_a_429_and_exit_6() {
    let mut env = admin_env();
    // A quota of 10 a month, scaled by 0.2 for an app less than a day old: 2 e-mails. A new
    // app may mail only its admin address.
    let json = env
        .run(&[
            "admin",
            "apps",
            "create",
            "mailer",
            "--admin-email",
            "a@example.com",
            "--magic-link-quota",
            "10",
            "--reveal",
            "--json",
        ])
        .json();
    env.set(
        "PASSWORDLESS_API_SECRET",
        json["apiSecret1"].as_str().unwrap(),
    );
    let send = [
        "magic-link",
        "send",
        "--email",
        "a@example.com",
        "--user-id",
        "a",
        "--url-template",
        "https://app.example.com/?t=$TOKEN",
    ];
    assert_eq!(env.run(&send).code, 0);
    assert_eq!(env.run(&send).code, 0);
    let run = env.run(&send);
    snap!(env, run, @"
    exit: 6
    --- stdout
    --- stderr
    error: POST /magic-links/send was refused by 127.0.0.1:[PORT] with HTTP 429; the monthly magic-link quota is used up; wait or raise the quota
      errorCode: magic_link_email_quota_exceeded
      title: You have reached your monthly quota for magic link emails. Please try again later.
      docs: https://docs.passwordless.dev/guide/errors.html#magic_link_email_quota_exceeded
    ");
}

/// The server's new-app rule: a day-old app may mail anyone, a new one only its admin address;
/// the CLI says so (not "magic links are off"), and the emulator's clock lifts the rule.
#[test]
fn a_new_app_mails_only_its_admin_until_the_clock_makes_it_a_day_old() {
    let mut env = admin_env();
    let json = env
        .run(&[
            "admin",
            "apps",
            "create",
            "young",
            "--admin-email",
            "owner@example.com",
            "--reveal",
            "--json",
        ])
        .json();
    env.set(
        "PASSWORDLESS_API_SECRET",
        json["apiSecret1"].as_str().unwrap(),
    );
    let send = |to: &str| {
        env.run(&[
            "magic-link",
            "send",
            "--email",
            to,
            "--user-id",
            "a",
            "--url-template",
            "https://app.example.com/?t=$TOKEN",
        ])
    };
    let run = send("someone@example.com");
    snap!(env, run, @"
    exit: 5
    --- stdout
    --- stderr
    error: POST /magic-links/send was refused by 127.0.0.1:[PORT] with HTTP 403; for its first 24 hours an application may send magic links only to its admin e-mail address; send to that address, or wait until the application is a day old
      errorCode: magic_link_email_admin_address_only
      title: Because your application has been created less than 24 hours ago, you can only request magic links to the admin email address.
      docs: https://docs.passwordless.dev/guide/errors.html#magic_link_email_admin_address_only
    ");
    assert_eq!(send("owner@example.com").code, 0);
    let run = env.run(&["emulator", "clock", "advance", "24h"]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(send("someone@example.com").code, 0);
}

#[test]
fn create_public_keys() {
    let env = admin_env();
    let run = env.run(&[
        "admin",
        "api-keys",
        "create-public",
        "devapp",
        "--scope",
        "login",
        "--json",
    ]);
    assert_eq!(run.code, 0, "{run}");
    let key = run.json()["apiKey"].as_str().unwrap().to_owned();
    assert!(key.starts_with("devapp:public:"), "{run}");
    let keys = env
        .run(&["admin", "api-keys", "list", "devapp", "--json"])
        .json();
    let new = keys
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["apiKey"] == key.as_str())
        .unwrap_or_else(|| panic!("new key not listed: {keys}"));
    assert_eq!(new["scopes"], serde_json::json!(["login"]));
    let run = env.run(&["admin", "api-keys", "create-public", "Bad-Id"]);
    assert_eq!(run.code, 2, "{run}");
}

#[test]
fn cancel_a_scheduled_deletion() {
    let mut env = TestEnv::seeded();
    env.set("PASSWORDLESS_MANAGEMENT_KEY", DEV_MANAGEMENT_KEY);
    // An app with passkeys cannot go at once: it is scheduled, and can be taken back.
    let run = env.run(&["admin", "apps", "mark-delete", "devapp", "--yes"]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(
        env.value(&["admin", "apps", "pending-deletion", "--quiet"]),
        "devapp"
    );
    let run = env.run(&["admin", "apps", "cancel-delete", "devapp"]);
    assert_eq!(run.code, 0, "{run}");
    assert!(run.stdout.contains("will not be deleted"), "{run}");
    assert_eq!(
        env.run(&["admin", "apps", "pending-deletion", "--json"])
            .stdout,
        "[]\n"
    );
    let run = env.run(&["admin", "apps", "cancel-delete", "nosuchapp"]);
    assert_eq!(run.code, 3, "`app_not_found` is a not-found: {run}");
    assert!(run.stderr.contains("app_not_found"), "{run}");
}

/// Issue 20 item 11: `mark-delete` shows when the app goes to the second in UTC, not the
/// server's `…T17:16:33.1876482Z`.
#[test]
fn mark_delete_shows_the_time_to_the_second_in_utc() {
    let mut env = TestEnv::seeded();
    env.set("PASSWORDLESS_MANAGEMENT_KEY", DEV_MANAGEMENT_KEY);
    let run = env.run(&["admin", "apps", "mark-delete", "devapp", "--yes"]);
    assert_eq!(run.code, 0, "{run}");
    let utc = crate::signin_verify::regex_lite_utc();
    let times: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|l| l.split('\t').nth(1))
        .filter(|v| v.starts_with("20"))
        .collect();
    assert!(!times.is_empty(), "{run}");
    for value in times {
        assert!(utc(value), "`{value}`: {run}");
    }
    // The server's sentence too.
    assert!(
        run.stdout.contains(" UTC.\n") && !run.stdout.contains("+00:00"),
        "{run}"
    );
}

#[test]
fn save_to_profile_leaves_a_profile_that_works_with_no_other_setting() {
    let mut env = admin_env();
    env.remove("PASSWORDLESS_API_SECRET");
    let run = env.run(&[
        "admin",
        "apps",
        "create",
        "shop",
        "--save-to-profile",
        "shop",
    ]);
    assert_eq!(run.code, 0, "{run}");
    // Nothing from the environment that made the app: no URL, no store, no CA, no keys.
    for name in [
        "PASSWORDLESS_API_URL",
        "PASSWORDLESS_KEYRING_STORE",
        "PASSWORDLESS_CA_CERT",
        "PASSWORDLESS_MANAGEMENT_KEY",
    ] {
        env.remove(name);
    }
    let run = env.run(&["--profile", "shop", "users", "count"]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    0
    --- stderr
    ");
    let show = env
        .run(&["--profile", "shop", "config", "show", "--json"])
        .json();
    assert_eq!(show["keyringStore"], "insecure-file", "{show}");
    assert_eq!(show["keyringStoreSource"], "config file", "{show}");
    assert_eq!(show["baseUrlSource"], "config file", "{show}");
    assert_eq!(
        show["baseUrl"],
        env.emulator.base_url().trim_end_matches('/'),
        "{show}"
    );
    assert!(
        show["publicKey"]
            .as_str()
            .unwrap()
            .starts_with("shop:public:"),
        "{show}"
    );
    assert_eq!(show["publicKeySource"], "config file", "{show}");
    // Over https the profile names the CA that server's certificate needs.
    assert_eq!(
        show["caCert"].is_string(),
        env.emulator.ca_cert_path().is_some(),
        "{show}"
    );
}

#[test]
fn who_acted_reaches_the_event_log() {
    let mut env = TestEnv::seeded();
    env.set("PASSWORDLESS_MANAGEMENT_KEY", DEV_MANAGEMENT_KEY);
    let run = env.run(&[
        "app",
        "features",
        "set",
        "--magic-links",
        "on",
        "--performed-by",
        "alice@example.com",
    ]);
    assert_eq!(run.code, 0, "{run}");
    // devapp has passkeys: scheduled, not deleted, and the server records who asked.
    let run = env.run(&[
        "admin",
        "apps",
        "mark-delete",
        "devapp",
        "--deleted-by",
        "ops@example.com",
        "--yes",
        "--json",
    ]);
    assert_eq!(run.json()["isDeleted"], false, "{run}");
    let events = env.run(&["events", "list", "--json"]).json();
    let by: Vec<&str> = events["events"]
        .as_array()
        .unwrap_or_else(|| panic!("{events}"))
        .iter()
        .filter_map(|e| e["performedBy"].as_str())
        .collect();
    assert!(by.contains(&"alice@example.com"), "{events}");
    assert!(by.contains(&"ops@example.com"), "{events}");
    let run = env.run(&[
        "admin",
        "apps",
        "mark-delete",
        "devapp",
        "--deleted-by",
        "",
        "--yes",
    ]);
    assert_eq!(run.code, 2, "{run}");
}

#[test]
fn mark_delete_help_says_an_unused_app_goes_at_once() {
    let env = admin_env();
    let run = env.run(&["admin", "apps", "mark-delete", "--help"]);
    assert!(run.stdout.contains("deleted at once"), "{run}");
    // An unused app (no passkeys) is deleted, not scheduled.
    let run = env.run(&["admin", "apps", "create", "spare", "--json"]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["admin", "apps", "mark-delete", "spare", "--yes", "--json"]);
    assert_eq!(run.json()["isDeleted"], true, "{run}");
}
