//! What a browser page on another origin sees (CORS, preflight included), and the event log the
//! ceremonies and refused keys leave, entry by entry as the real server writes them.

use serde_json::{Value, json};

use super::Env;
use super::passkeys::{Browser, ORIGIN};
use crate::DEV_API_KEY;
use passwordless_webauthn::testkit::{Authenticator, Fmt, TestKey};

#[test]
fn preflight_and_cross_origin_answers() {
    let env = Env::new();
    let r = env.send(
        "OPTIONS",
        "/register/begin",
        &[
            ("Origin", ORIGIN),
            ("Access-Control-Request-Method", "POST"),
            (
                "Access-Control-Request-Headers",
                "content-type, apikey,client-version",
            ),
        ],
        None,
    );
    assert_eq!((r.status, r.text.as_str()), (204, ""));
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert_eq!(
        r.header("access-control-allow-headers"),
        Some("content-type,apikey,client-version")
    );
    assert_eq!(r.header("access-control-allow-methods"), Some("POST"));
    assert_eq!(r.header("access-control-allow-credentials"), None);
    assert_eq!(r.header("access-control-max-age"), None);
    assert_eq!(r.header("vary"), None);
    // The CORS middleware answers before the security headers are added.
    assert_eq!(r.header("content-security-policy"), None);

    // Any path gets the same preflight answer under the global policy.
    let r = env.send(
        "OPTIONS",
        "/signin/verify",
        &[
            ("Origin", "https://elsewhere.example"),
            ("Access-Control-Request-Method", "PUT"),
        ],
        None,
    );
    assert_eq!(r.status, 204);
    assert_eq!(r.header("access-control-allow-methods"), Some("PUT"));
    assert_eq!(r.header("access-control-allow-headers"), None);

    // Not a preflight: plain routing, which knows no OPTIONS.
    let r = env.send("OPTIONS", "/register/begin", &[("Origin", ORIGIN)], None);
    assert_eq!(r.status, 405);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    let r = env.send("OPTIONS", "/register/begin", &[], None);
    assert_eq!(r.status, 405);
    assert_eq!(r.header("access-control-allow-origin"), None);

    // Actual requests from a page: successes and errors are both readable.
    let body = json!({"RPID": "localhost", "Origin": ORIGIN}).to_string();
    let headers = [
        ("Origin", ORIGIN),
        ("ApiKey", DEV_API_KEY),
        ("Content-Type", "application/json"),
    ];
    let r = env.send("POST", "/signin/begin", &headers, Some(&body));
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert_eq!(
        r.header("content-security-policy"),
        Some("default-src 'self';")
    );
    let r = env.send("POST", "/signin/begin", &headers[..1], Some(&body));
    assert_eq!(r.status, 401);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    // Without Origin nothing changes for server-to-server calls.
    let r = env.send("POST", "/signin/begin", &headers[1..], Some(&body));
    assert_eq!(r.header("access-control-allow-origin"), None);
}

fn enable_event_logging(env: &Env) {
    let r = env.mgmt(
        "POST",
        "/admin/apps/devapp/features",
        Some(r#"{"eventLoggingIsEnabled":true,"eventLoggingRetentionPeriod":30}"#),
    );
    assert_eq!(r.status, 204);
}

/// The app's events, oldest first, without their timestamps.
fn events(env: &Env) -> Vec<Value> {
    let v = env
        .get("/events?pageNumber=1&numberOfResults=1000")
        .ok_json();
    let mut list: Vec<Value> = v["events"].as_array().unwrap().clone();
    list.reverse();
    for e in &mut list {
        assert!(e["performedAt"].is_string());
        e.as_object_mut().unwrap().remove("performedAt");
        assert_eq!(e["tenantId"], "devapp");
        e.as_object_mut().unwrap().remove("tenantId");
    }
    list
}

fn event(kind: &str, message: &str, by: &str, severity: &str, subject: &str, key: &str) -> Value {
    json!({"message": message, "performedBy": by, "eventType": kind, "severity": severity, "subject": subject, "apiKeyId": key})
}

#[test]
fn ceremonies_leave_the_servers_events() {
    let env = Env::new();
    enable_event_logging(&env);
    let browser = Browser::new(&env);
    let mut auth = Authenticator::new(TestKey::es256(1), b"ev");
    let token = browser.register(&auth, "alice", Fmt::None);
    browser.verify(&token);
    auth.counter = 1;
    let r = browser.sign_in(&auth, json!({"alias": "alice@example.com"}), None);
    browser.verify(r.ok_json()["token"].as_str().unwrap());
    let info = "Informational";
    assert_eq!(
        events(&env),
        [
            event(
                "ApiAuthUserRegistered",
                "Created registration token for alice",
                "alice",
                info,
                "devapp",
                "cdef"
            ),
            event(
                "ApiAuthPasskeyRegistrationBegan",
                "Beginning passkey registration for alice",
                "alice",
                info,
                "devapp",
                "3210"
            ),
            event(
                "ApiAuthPasskeyRegistrationCompleted",
                "Completed passkey registration for user alice",
                "alice",
                info,
                "devapp",
                "3210"
            ),
            event(
                "ApiUserSignInVerified",
                "User alice verified sign in token.",
                "alice",
                info,
                "devapp",
                "cdef"
            ),
            event(
                "ApiUserSignInCompleted",
                "User alice completed sign in.",
                "alice",
                info,
                "devapp",
                "3210"
            ),
            event(
                "ApiUserSignInVerified",
                "User alice verified sign in token.",
                "alice",
                info,
                "devapp",
                "cdef"
            ),
        ]
    );
}

#[test]
fn refused_keys_features_and_key_listing_leave_events() {
    let env = Env::new();
    enable_event_logging(&env);
    let alert = "Alert";
    let info = "Informational";
    let body = r#"{"RPID":"localhost","Origin":"http://localhost:1"}"#;
    // Unknown secret and public key of an existing app.
    env.post_as(
        "devapp:secret:ffffffffffffffffffffffffffff9999",
        "/users/delete",
        r#"{"userId":"x"}"#,
    )
    .problem(401);
    let mut browser = Browser::new(&env);
    browser.api_key = "devapp:public:ffffffffffffffffffffffffffff8888".into();
    browser
        .post("/signin/begin", &serde_json::from_str(body).unwrap())
        .problem(401);
    // Keys of apps that do not exist, or without an app id, leave nothing.
    env.post_as(
        "ghost:secret:ffffffffffffffffffffffffffff7777",
        "/users/delete",
        "{}",
    )
    .problem(401);
    env.post_as("nocolonsecret", "/users/delete", "{}")
        .problem(401);
    // Locked keys.
    env.mgmt("POST", "/admin/apps/devapp/api-keys/cdef/lock", None);
    env.mgmt("POST", "/admin/apps/devapp/api-keys/3210/lock", None);
    env.post("/users/delete", r#"{"userId":"x"}"#).problem(401);
    browser.api_key = DEV_API_KEY.into();
    browser
        .post("/signin/begin", &serde_json::from_str(body).unwrap())
        .problem(401);
    env.mgmt("POST", "/admin/apps/devapp/api-keys/cdef/unlock", None);
    env.mgmt("POST", "/admin/apps/devapp/api-keys/3210/unlock", None);
    // Listing keys, and feature changes with the caller's performedBy.
    env.mgmt("GET", "/admin/apps/devapp/api-keys", None)
        .ok_json();
    let r = env.post(
        "/apps/features",
        r#"{"enableMagicLinks":false,"enableManuallyGeneratedAuthenticationTokens":true,"performedBy":"alice@example.com"}"#,
    );
    assert_eq!(r.status, 204);
    let r = env.post(
        "/apps/features",
        r#"{"enableMagicLinks":true,"performedBy":""}"#,
    );
    assert_eq!(r.status, 204);
    let r = env.post("/apps/features", r#"{"enableMagicLinks":true}"#);
    assert_eq!(r.status, 204);

    let unknown = "Unknown User";
    assert_eq!(
        events(&env),
        [
            event(
                "ApiAuthInvalidSecretKeyUsed",
                "A request using an invalid ApiSecret was attempted.",
                unknown,
                alert,
                "devapp",
                "9999"
            ),
            event(
                "ApiAuthInvalidPublicKeyUsed",
                "A request using an invalid PublicKey was attempted.",
                unknown,
                alert,
                "devapp",
                "8888"
            ),
            event(
                "AdminApiKeyLocked",
                "Locked Api Key cdef",
                unknown,
                info,
                "devapp",
                ""
            ),
            event(
                "AdminApiKeyLocked",
                "Locked Api Key 3210",
                unknown,
                info,
                "devapp",
                ""
            ),
            event(
                "ApiAuthDisabledSecretKeyUsed",
                "Disabled Api Key used.",
                unknown,
                alert,
                "devapp",
                "cdef"
            ),
            event(
                "ApiAuthDisabledPublicKeyUsed",
                "Disabled Public Key used.",
                unknown,
                alert,
                "devapp",
                "3210"
            ),
            event(
                "AdminApiKeyUnlocked",
                "Unlocked Api Key cdef",
                unknown,
                info,
                "devapp",
                ""
            ),
            event(
                "AdminApiKeyUnlocked",
                "Unlocked Api Key 3210",
                unknown,
                info,
                "devapp",
                ""
            ),
            event(
                "AdminApiKeysEnumerated",
                "Api keys enumerated",
                unknown,
                info,
                "devapp",
                ""
            ),
            event(
                "AdminGenerateSignInTokenEndpointEnabled",
                "/signin/generate-token was enabled.",
                "alice@example.com",
                alert,
                "devapp",
                ""
            ),
            event(
                "AdminMagicLinksDisabled",
                "Magic Links feature was disabled.",
                "alice@example.com",
                alert,
                "devapp",
                ""
            ),
            event(
                "AdminMagicLinksEnabled",
                "Magic Links feature was enabled.",
                unknown,
                alert,
                "devapp",
                ""
            ),
            event(
                "AdminMagicLinksEnabled",
                "Magic Links feature was enabled.",
                "Api",
                alert,
                "devapp",
                ""
            ),
        ]
    );
    // Nothing is recorded while event logging is off.
    let r = env.mgmt(
        "POST",
        "/admin/apps/devapp/features",
        Some(r#"{"eventLoggingIsEnabled":false,"eventLoggingRetentionPeriod":30}"#),
    );
    assert_eq!(r.status, 204);
    env.post_as(
        "devapp:secret:ffffffffffffffffffffffffffff9999",
        "/users/delete",
        "{}",
    );
    enable_event_logging(&env);
    assert_eq!(events(&env).len(), 13);
}
