//! Every field limit of the server, route by route, each at its edge: the value just inside is
//! taken and the value just outside is the server's validation problem. The limits are the
//! DataAnnotations of the server's request models (`RegisterToken`, `AliasPayload`,
//! `SigninTokenRequest`, `SendMagicLinkRequest`, `SetFeaturesRequest`,
//! `SetAuthenticationConfigurationRequest`, `Add/RemoveAuthenticatorsRequest`, `GetEventLog`,
//! `GetCredentialsRequest`, `CreateApplicationRequest`, `ManageFeaturesRequest`).

use serde_json::{Value, json};

use super::Env;

/// `n` distinct aliases of `width` digits.
fn aliases(n: usize, width: usize) -> Vec<String> {
    (0..n).map(|i| format!("{i:0>width$}")).collect()
}

/// `(route, body at the edge, body past it, the error key and message)`.
fn post_cases() -> Vec<(&'static str, Value, Value, &'static str, &'static str)> {
    let a250 = "a".repeat(250);
    let a251 = "a".repeat(251);
    vec![
        (
            "/register/token",
            json!({"userId": "u1", "username": "u", "aliases": aliases(10, 3)}),
            json!({"userId": "u1", "username": "u", "aliases": aliases(11, 3)}),
            "aliases",
            "The field Aliases must be a string or array type with a maximum length of '10'.",
        ),
        (
            "/register/token",
            json!({"userId": "u2", "username": "u", "aliases": [a250]}),
            json!({"userId": "u2", "username": "u", "aliases": [a251]}),
            "aliases",
            "The field Aliases must be a collection that contains strings with a maximum length of '250'.",
        ),
        (
            "/register/token",
            json!({"userId": "u3", "username": "u", "hints": ["hybrid", "hybrid", "hybrid"]}),
            json!({"userId": "u3", "username": "u", "hints": ["hybrid", "hybrid", "hybrid", "hybrid"]}),
            "hints",
            "The field Hints must be a string or array type with a maximum length of '3'.",
        ),
        (
            "/register/token",
            json!({"userId": "u4", "username": "u"}),
            json!({"userId": " ", "username": "u"}),
            "userId",
            "The UserId field is required.",
        ),
        (
            "/alias",
            json!({"userId": "a1", "aliases": aliases(10, 4)}),
            json!({"userId": "a1", "aliases": aliases(11, 4)}),
            "aliases",
            "The field Aliases must be a string or array type with a maximum length of '10'.",
        ),
        (
            "/alias",
            json!({"userId": "a2", "aliases": ["b".repeat(250)]}),
            json!({"userId": "a2", "aliases": ["b".repeat(251)]}),
            "aliases",
            "The field Aliases must be a collection that contains strings with a maximum length of '250'.",
        ),
        (
            "/alias",
            json!({"userId": "a3", "aliases": ["x"]}),
            json!({"userId": "a3", "aliases": [""]}),
            "aliases",
            "The field Aliases must be a collection where every item is required.",
        ),
        (
            "/signin/generate-token",
            json!({"userId": "g", "timeToLive": 604_800}),
            json!({"userId": "g", "timeToLive": 604_801}),
            "timeToLiveSeconds",
            "The field TimeToLiveSeconds must be between 1 and 604800.",
        ),
        (
            "/signin/generate-token",
            json!({"userId": "g", "timeToLive": 1}),
            json!({"userId": "g", "timeToLive": 0}),
            "timeToLiveSeconds",
            "The field TimeToLiveSeconds must be between 1 and 604800.",
        ),
        (
            "/magic-links/send",
            json!({"emailAddress": "a@b.c", "urlTemplate": "https://x.example/?t=$TOKEN", "userId": "m", "timeToLive": 604_800}),
            json!({"emailAddress": "a@b.c", "urlTemplate": "https://x.example/?t=$TOKEN", "userId": "m", "timeToLive": 604_801}),
            "timeToLive",
            "The field TimeToLive must be between 1 and 604800.",
        ),
        (
            "/apps/features",
            json!({"eventLoggingRetentionPeriod": 90}),
            json!({"eventLoggingRetentionPeriod": 91}),
            "eventLoggingRetentionPeriod",
            "The field EventLoggingRetentionPeriod must be between 0 and 90.",
        ),
        (
            "/credentials/list",
            json!({"userId": "c"}),
            json!({"userId": ""}),
            "userId",
            "The UserId field is required.",
        ),
        (
            "/users/delete",
            json!({"userId": "d"}),
            json!({"userId": ""}),
            "userId",
            "The UserId field is required.",
        ),
        (
            "/auth-configs/add",
            json!({"purpose": "p".repeat(255), "performedBy": "me"}),
            json!({"purpose": "q".repeat(256), "performedBy": "me"}),
            "purpose",
            "The field Purpose must be a string or array type with a maximum length of '255'.",
        ),
        (
            "/auth-configs/add",
            json!({"purpose": "A-z_09", "performedBy": "me"}),
            json!({"purpose": "a.b", "performedBy": "me"}),
            "purpose",
            "Characters are limited to A-z, 0-9, -, or _.",
        ),
        (
            "/authenticators/remove",
            json!({"aaGuids": ["ee882879-721c-4913-9775-3dfcce97072a"]}),
            json!({"aaGuids": []}),
            "aaGuids",
            "The field AaGuids must be a string or array type with a minimum length of '1'.",
        ),
    ]
}

#[test]
fn every_backend_route_holds_the_server_limits_at_their_edges() {
    let env = Env::new();
    for (route, inside, outside, key, message) in post_cases() {
        let r = env.post(route, &inside.to_string());
        assert!(
            (200..300).contains(&r.status),
            "{route} {inside}: {} {}",
            r.status,
            r.text
        );
        let errors = env.post(route, &outside.to_string()).validation();
        assert_eq!(errors, json!({ key: [message] }), "{route} {outside}");
    }
    for (query, key, message) in [
        (
            "pageNumber=0",
            "pageNumber",
            "The field PageNumber must be between 1 and 2147483647.",
        ),
        (
            "pageNumber=1&numberOfResults=1001",
            "numberOfResults",
            "The field NumberOfResults must be between 1 and 1000.",
        ),
    ] {
        assert_eq!(
            env.get("/events?pageNumber=1&numberOfResults=1000").status,
            200
        );
        let errors = env.get(&format!("/events?{query}")).validation();
        assert_eq!(errors, json!({ key: [message] }), "{query}");
    }
    let errors = env.get("/credentials/list?userId=").validation();
    assert_eq!(errors, json!({"userId": ["The UserId field is required."]}));
}

#[test]
fn management_routes_hold_the_server_limits_at_their_edges() {
    let env = Env::new();
    let create = |id: &str| env.mgmt("POST", &format!("/admin/apps/{id}/create"), Some("{}"));
    assert_eq!(create(&format!("a{}", "b".repeat(61))).status, 200);
    let errors = create(&format!("a{}", "b".repeat(62))).validation();
    assert!(errors.get("appId").is_some(), "{errors}");
    let retention = |days: i64| {
        env.mgmt(
            "POST",
            "/admin/apps/devapp/features",
            Some(&json!({"eventLoggingRetentionPeriod": days}).to_string()),
        )
    };
    assert_eq!(retention(90).status, 204);
    assert_eq!(
        retention(91).validation(),
        json!({"eventLoggingRetentionPeriod": ["The field EventLoggingRetentionPeriod must be between 0 and 90."]})
    );
}
