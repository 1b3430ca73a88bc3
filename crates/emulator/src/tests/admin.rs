//! The management routes: their key, app isolation, features and deletion.

use serde_json::json;

use super::{Env, create_app, seeded_on};

#[test]
fn management_auth_and_app_isolation() {
    let env = Env::new();
    let r = env.send("GET", "/admin/apps/newapp/available", &[], None);
    let v = r.problem(401);
    assert_eq!(r.header("www-authenticate"), Some("ManagementKey"));
    assert_eq!(v["title"], "A valid 'ManagementKey' header is required.");
    assert!(v.get("detail").is_none());
    assert_eq!(
        env.mgmt("GET", "/admin/apps/newapp/available", None)
            .ok_json(),
        json!({"available": true})
    );
    assert_eq!(
        env.mgmt("GET", "/admin/apps/devapp/available", None)
            .ok_json(),
        json!({"available": false})
    );
    env.mgmt("GET", "/admin/apps/X/available", None)
        .validation();
    let secret = create_app(&env, "newapp", json!({"adminEmail": "a@b.c"}));
    env.mgmt("POST", "/admin/apps/newapp/create", Some("{}"))
        .api_error(409, None, "accountName 'newapp' is not available");
    env.mgmt("POST", "/admin/apps/1bad/create", None)
        .validation();

    // Isolation: users and tokens do not cross apps.
    env.post_as(&secret, "/alias", r#"{"userId":"x","aliases":["shared"]}"#);
    assert_eq!(
        env.post("/alias", r#"{"userId":"y","aliases":["shared"]}"#)
            .status,
        204
    );
    let foreign = {
        let r = env.post_as(&secret, "/signin/generate-token", r#"{"userId":"x"}"#);
        r.ok_json()["token"].as_str().unwrap().to_string()
    };
    env.post("/signin/verify", &json!({ "token": foreign }).to_string())
        .api_error(400, Some("invalid_token"), "The token you supplied was not valid. It could be that the token has expired or that it was not issued for this tenant.");
    env.post_as(
        &secret,
        "/signin/verify",
        &json!({ "token": foreign }).to_string(),
    )
    .ok_json();

    // Limited scopes.
    let r = env.mgmt(
        "POST",
        "/admin/apps/newapp/secret-keys",
        Some(r#"{"scopes":[0]}"#),
    );
    let limited = r.ok_json()["apiKey"].as_str().unwrap().to_string();
    env.post_as(
        &limited,
        "/register/token",
        r#"{"userId":"u","username":"n"}"#,
    )
    .ok_json();
    let r = env.post_as(&limited, "/signin/generate-token", "not even json");
    let v = r.problem(403);
    assert_eq!(
        v["type"],
        "https://docs.passwordless.dev/guide/errors.html#forbidden"
    );
    assert_eq!(
        v["title"],
        "You are forbidden from accessing this resource."
    );
    assert_eq!(
        v["detail"],
        "You are unable to access this resource because you do not have the required permissions. Required scopes: token_verify"
    );
    env.mgmt(
        "POST",
        "/admin/apps/newapp/public-keys",
        Some(r#"{"scopes":[]}"#),
    )
    .api_error(
        400,
        Some("create_api_key_scopes_required"),
        "Please select at least one scope.",
    );
    let public = env
        .mgmt(
            "POST",
            "/admin/apps/newapp/public-keys",
            Some(r#"{"scopes":[1]}"#),
        )
        .ok_json();
    assert!(
        public["apiKey"]
            .as_str()
            .unwrap()
            .starts_with("newapp:public:")
    );

    // Listing masks secrets.
    let keys = env
        .mgmt("GET", "/admin/apps/newapp/api-keys", None)
        .ok_json();
    let keys = keys.as_array().unwrap();
    assert_eq!(keys.len(), 6);
    let last4 = &limited[limited.len() - 4..];
    let entry = keys.iter().find(|k| k["id"] == last4).unwrap();
    assert_eq!(entry["apiKey"], format!("newapp:secret:****{last4}"));
    assert_eq!(
        (
            entry["type"].clone(),
            entry["scopes"].clone(),
            entry["isLocked"].clone()
        ),
        (json!(2), json!(["token_register"]), json!(false))
    );
    assert!(
        !env.mgmt("GET", "/admin/apps/newapp/api-keys", None)
            .text
            .contains(&secret)
    );

    // Lock → generic 401; unlock; delete; unknown key → 404.
    let id = &secret[secret.len() - 4..];
    assert_eq!(
        env.mgmt(
            "POST",
            &format!("/admin/apps/newapp/api-keys/{id}/lock"),
            None
        )
        .status,
        204
    );
    let v = env.get_as(&secret, "/users/count").problem(401);
    assert_eq!(v["detail"], "The value of your 'ApiSecret' is not valid.");
    assert_eq!(
        env.mgmt(
            "POST",
            &format!("/admin/apps/newapp/api-keys/{id}/unlock"),
            None
        )
        .status,
        204
    );
    env.get_as(&secret, "/users/count").ok_json();
    env.mgmt("POST", "/admin/apps/newapp/api-keys/zzzz/lock", None)
        .api_error(404, Some("api_key_not_found"), "Apikey was not found");
    assert_eq!(
        env.mgmt(
            "DELETE",
            &format!("/admin/apps/newapp/api-keys/{last4}"),
            None
        )
        .status,
        204
    );
    env.post_as(
        &limited,
        "/register/token",
        r#"{"userId":"u","username":"n"}"#,
    )
    .problem(401);

    // Freeze locks every key.
    assert_eq!(
        env.mgmt("POST", "/admin/apps/newapp/freeze", None).status,
        204
    );
    env.get_as(&secret, "/users/count").problem(401);
    assert_eq!(
        env.mgmt("POST", "/admin/apps/newapp/unfreeze", None).status,
        204
    );
    env.get_as(&secret, "/users/count").ok_json();
    env.mgmt("POST", "/admin/apps/ghost/freeze", None)
        .api_error(400, Some("app_not_found"), "App was not found.");
    assert_eq!(
        env.mgmt("GET", "/admin/apps/newapp/freeze", None).status,
        405
    );
}

#[test]
fn management_features_and_deletion() {
    let env = seeded_on(Some(crate::Plan::Free));
    let f = env
        .mgmt("GET", "/admin/apps/devapp/features", None)
        .ok_json();
    assert_eq!(
        f,
        json!({"eventLoggingIsEnabled":false,"eventLoggingRetentionPeriod":365,"developerLoggingEndsAt":null,"maxUsers":null,"allowAttestation":false,"isGenerateSignInTokenEndpointEnabled":true,"isMagicLinksEnabled":true})
    );
    env.mgmt(
        "POST",
        "/admin/apps/devapp/features",
        Some(r#"{"eventLoggingRetentionPeriod":91}"#),
    )
    .validation();
    assert_eq!(
        env.mgmt("GET", "/admin/apps/devapp/can-delete-immediately", None)
            .ok_json(),
        json!(false)
    );
    let v = env
        .mgmt(
            "POST",
            "/admin/apps/devapp/mark-delete",
            Some(r#"{"appId":"devapp","deletedBy":"me"}"#),
        )
        .ok_json();
    assert_eq!(v["isDeleted"], false);
    assert!(v["deleteAt"].is_string());
    env.mgmt("POST", "/admin/apps/devapp/mark-delete", Some("{}"))
        .api_error(
            400,
            Some("app_pending_deletion"),
            "App is already pending to be deleted.",
        );
    assert_eq!(
        env.mgmt("GET", "/apps/list-pending-deletion", None)
            .ok_json(),
        json!(["devapp"])
    );
    env.mgmt("DELETE", "/admin/apps/devapp", None).api_error(
        400,
        Some("app_not_pending_deletion"),
        "App cannot be deleted yet.",
    );
    let v = env
        .mgmt("POST", "/admin/apps/devapp/cancel-delete", None)
        .ok_json();
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("will not be deleted")
    );
    env.mgmt("DELETE", "/admin/apps/devapp", None).api_error(
        400,
        Some("app_not_pending_deletion"),
        "App was not scheduled for deletion.",
    );
    // An app without credentials goes at once.
    create_app(&env, "empty1", json!({}));
    let v = env
        .mgmt(
            "POST",
            "/admin/apps/empty1/mark-delete",
            Some(r#"{"appId":"empty1","deletedBy":"me"}"#),
        )
        .ok_json();
    assert_eq!(v["isDeleted"], true);
    assert_eq!(
        env.mgmt("GET", "/admin/apps/empty1/available", None)
            .ok_json(),
        json!({"available": true})
    );
}

#[test]
fn the_development_app_starts_on_the_developer_plan() {
    let env = Env::new();
    let f = env
        .mgmt("GET", "/admin/apps/devapp/features", None)
        .ok_json();
    assert_eq!(f["eventLoggingIsEnabled"], true, "{f}");
    assert_eq!(f["allowAttestation"], true, "{f}");
    assert_eq!(f["isGenerateSignInTokenEndpointEnabled"], true, "{f}");
    assert_eq!(f["isMagicLinksEnabled"], true, "{f}");
    // Apps created through the management routes keep the server's defaults.
    create_app(&env, "shop", json!({}));
    let f = env.mgmt("GET", "/admin/apps/shop/features", None).ok_json();
    assert_eq!(f["allowAttestation"], false, "{f}");
}

/// `/mds/entries` validates its filters as the server's `EntriesRequest` does.
#[test]
fn mds_entry_filters_are_validated() {
    let env = Env::new();
    let ok = env.mgmt("GET", "/mds/entries?attestationTypes=basic_full", None);
    assert_eq!(ok.ok_json(), serde_json::json!([]));
    let bad = env.mgmt(
        "GET",
        "/mds/entries?attestationTypes=ok&attestationTypes=no%20way&certificationStatuses=x-y",
        None,
    );
    assert_eq!(
        bad.validation(),
        serde_json::json!({
            "attestationTypes": ["The field AttestationTypes must match the regular expression '^[a-zA-Z0-9_]*$'."],
            "certificationStatuses": ["The field CertificationStatuses must match the regular expression '^[a-zA-Z0-9_]*$'."]
        })
    );
}
