//! Aliases, credentials, users, magic links, features, auth configs, authenticators, events,
//! reporting, management routes, seeds and the emulator-only inspection routes.

use serde_json::{Value, json};

use super::Env;
use crate::emulator::{DEV_API_SECRET, EmulatorConfig, Seed};

fn seeded() -> Env {
    let seed: Seed = serde_json::from_value(json!({"users": [
        {"userId": "alice", "aliases": ["alice@example.com"], "aliasHashing": false, "credentials": [
            {"id": "AQIDBA", "nickname": "Laptop", "createdAt": "2024-01-02T03:04:05.5", "transports": ["internal", "hybrid"]},
            {"id": "BQYHCA", "aaGuid": "08987058-CADC-4B81-B6E1-30DE50DCBE96"}
        ]},
        {"userId": "bob", "aliases": ["bob"]},
        {"userId": "carol", "credentials": [{"id": "CQoLDA"}]}
    ]}))
    .unwrap();
    Env::with(EmulatorConfig {
        deterministic: true,
        seed: Some(seed),
        ..EmulatorConfig::default()
    })
}

/// Creates an app through the management API and returns its first secret.
fn create_app(env: &Env, id: &str, body: Value) -> String {
    let r = env.mgmt(
        "POST",
        &format!("/admin/apps/{id}/create"),
        Some(&body.to_string()),
    );
    let v = r.ok_json();
    assert_eq!(
        v["message"],
        "Store keys safely. They will only be shown to you once."
    );
    assert!(
        v["apiKey1"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{id}:public:"))
    );
    v["apiSecret1"].as_str().unwrap().to_string()
}

#[test]
fn aliases_set_list_and_conflict() {
    let env = Env::new();
    let secret = create_app(&env, "javaapp", json!({}));
    let r = env.post_as(
        &secret,
        "/alias",
        r#"{"userId":"u1","aliases":["TestUserAlias2","x"],"hashing":false}"#,
    );
    assert_eq!((r.status, r.text.as_str()), (204, ""));
    let v = env.get_as(&secret, "/alias/list?userid=u1").ok_json();
    assert_eq!(
        v["values"][0],
        json!({"userId":"u1","alias":"xCsgbuTXbvoIhdyD7B2QSKkhWip8Y2zMRVA20sj+ihA=","plaintext":"TestUserAlias2","tenant":"javaapp"})
    );
    // Replace-all, hashed by default.
    env.post_as(&secret, "/alias", r#"{"userId":"u1","aliases":["y"]}"#);
    let v = env.get_as(&secret, "/alias/list?userId=u1").ok_json();
    assert_eq!(v["values"].as_array().unwrap().len(), 1);
    assert_eq!(v["values"][0]["plaintext"], Value::Null);
    env.post_as(&secret, "/alias", r#"{"userId":"u2","aliases":["y"]}"#)
        .api_error(
            409,
            Some("alias_conflict"),
            "Alias is already in use by another userid",
        );
    // The register token sees the same conflict.
    env.post_as(
        &secret,
        "/register/token",
        r#"{"userId":"u2","username":"n","aliases":["y"]}"#,
    )
    .api_error(
        409,
        Some("alias_conflict"),
        "Alias is already in use by another userid",
    );
    env.get_as(&secret, "/alias/list?userId=")
        .api_error(400, None, "UserId is empty");
    env.get_as(&secret, "/alias/list").binding();
    let errors = env
        .post_as(&secret, "/alias", r#"{"userId":"","aliases":[]}"#)
        .validation();
    assert_eq!(errors, json!({"userId": ["The UserId field is required."]}));
    assert_eq!(
        env.get_as(&secret, "/alias/list?userId=nobody").ok_json(),
        json!({"values": []})
    );
    // Clearing.
    env.post_as(&secret, "/alias", r#"{"userId":"u1","aliases":[]}"#);
    assert_eq!(
        env.get_as(&secret, "/alias/list?userId=u1").ok_json(),
        json!({"values": []})
    );
}

#[test]
fn credentials_list_and_delete() {
    let env = seeded();
    let v = env.get("/credentials/list?userid=alice").ok_json();
    let list = v["values"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    let c = &list[0];
    assert_eq!(
        c["descriptor"],
        json!({"type":"public-key","id":"AQIDBA","transports":["internal","hybrid"]})
    );
    assert_eq!(c["userHandle"], "YWxpY2U=");
    assert_eq!(c["createdAt"], "2024-01-02T03:04:05.5");
    assert_eq!(c["lastUsedAt"], "2024-01-02T03:04:05.5");
    assert_eq!(c["nickname"], "Laptop");
    assert_eq!(c["signatureCounter"], 0);
    assert_eq!(c["attestationFmt"], "none");
    assert_eq!(c["rpid"], "localhost");
    assert_eq!(c["aaGuid"], "00000000-0000-0000-0000-000000000000");
    assert_eq!(list[1]["aaGuid"], "08987058-cadc-4b81-b6e1-30de50dcbe96");
    assert_eq!(c["publicKey"].as_str().unwrap().len(), 104);
    let v = env
        .post("/credentials/list", r#"{"USERID":"alice"}"#)
        .ok_json();
    assert_eq!(v["values"].as_array().unwrap().len(), 2);
    env.get("/credentials/list").binding();
    let errors = env.get("/credentials/list?userId=").validation();
    assert_eq!(errors, json!({"userId": ["The UserId field is required."]}));
    env.post("/credentials/list", "{}").validation();

    let r = env.post("/credentials/delete", r#"{"credentialId":"AQIDBA"}"#);
    assert_eq!((r.status, r.text.as_str()), (204, ""));
    let v = env.get("/credentials/list?userId=alice").ok_json();
    assert_eq!(v["values"].as_array().unwrap().len(), 1);
    assert_eq!(
        env.post("/credentials/delete", r#"{"credentialId":"AQIDBA"}"#)
            .status,
        204
    );
    env.post("/credentials/delete", r#"{"credentialId":""}"#)
        .api_error(400, None, "credentialId must not be null or empty");
    env.post("/credentials/delete", "{}").api_error(
        400,
        None,
        "credentialId must not be null or empty",
    );
    env.post("/credentials/delete", r#"{"credentialId":"a+b/"}"#)
        .binding();
}

#[test]
fn users_list_count_delete() {
    let env = seeded();
    let v = env.get("/users/list").ok_json();
    assert_eq!(
        v["values"],
        json!([
            {"userId":"alice","aliasCount":1,"aliases":["alice@example.com"],"credentialsCount":2,"lastUsedAt": v["values"][0]["lastUsedAt"]},
            {"userId":"carol","aliasCount":0,"aliases":[],"credentialsCount":1,"lastUsedAt": v["values"][1]["lastUsedAt"]},
            {"userId":"bob","aliasCount":1,"aliases":[null],"credentialsCount":0,"lastUsedAt":null}
        ])
    );
    assert!(
        !v["values"][0]["lastUsedAt"]
            .as_str()
            .unwrap()
            .ends_with('Z')
    );
    assert_eq!(env.get("/users/count").ok_json(), json!({"count": 2}));
    let r = env.post("/users/delete", r#"{"userId":"alice"}"#);
    assert_eq!((r.status, r.text.as_str()), (200, ""));
    assert_eq!(env.get("/users/count").ok_json(), json!({"count": 1}));
    assert_eq!(
        env.get("/alias/list?userId=alice").ok_json(),
        json!({"values": []})
    );
    assert_eq!(
        env.post("/users/delete", r#"{"userId":"nobody"}"#).status,
        200
    );
    let errors = env.post("/users/delete", r#"{"userId":" "}"#).validation();
    assert_eq!(errors, json!({"userId": ["The UserId field is required."]}));
    // A freed alias can be taken by someone else.
    assert_eq!(
        env.post(
            "/alias",
            r#"{"userId":"dave","aliases":["alice@example.com"]}"#
        )
        .status,
        204
    );
}

#[test]
fn max_users_reached_for_new_users_only() {
    let env = seeded();
    env.mgmt(
        "POST",
        "/admin/apps/devapp/features",
        Some(r#"{"maxUsers":2}"#),
    );
    env.post("/register/token", r#"{"userId":"new","username":"n"}"#)
        .api_error(
            400,
            Some("max_users_reached"),
            "Maximum number of users reached",
        );
    env.post("/register/token", r#"{"userId":"alice","username":"n"}"#)
        .ok_json();
}

#[test]
fn magic_links() {
    let env = Env::new();
    let errors = env.post("/magic-links/send", "{}").validation();
    assert_eq!(
        errors,
        json!({
            "emailAddress": ["The EmailAddress field is required."],
            "urlTemplate": ["The UrlTemplate field is required."],
            "userId": ["The UserId field is required."]
        })
    );
    let errors = env
        .post(
            "/magic-links/send",
            r#"{"emailAddress":"nope","urlTemplate":"example.com","userId":"u","timeToLive":0}"#,
        )
        .validation();
    assert_eq!(
        errors,
        json!({
            "emailAddress": ["The EmailAddress field is not a valid e-mail address."],
            "urlTemplate": [
                "You have provided a UrlTemplate without a $TOKEN template. Please include it like so: https://www.example.com?token=$TOKEN",
                "You have provided a UrlTemplate that cannot be converted to a URL."
            ],
            "timeToLive": ["The field TimeToLive must be between 1 and 604800."]
        })
    );
    let body = r#"{"emailAddress":"a@b.c","urlTemplate":"https://app.example/login?token=$TOKEN","userId":"u1"}"#;
    let r = env.post("/magic-links/send", body);
    assert_eq!((r.status, r.text.as_str()), (204, ""));
    let outbox = env.send("GET", "/_emulator/outbox", &[], None).ok_json();
    let mail = &outbox[0];
    assert_eq!(mail["to"], "a@b.c");
    let token = mail["token"].as_str().unwrap();
    assert_eq!(
        mail["link"],
        format!("https://app.example/login?token={token}")
    );
    let v = env
        .post("/signin/verify", &json!({ "token": token }).to_string())
        .ok_json();
    assert_eq!(
        (v["type"].clone(), v["rpId"].clone(), v["purpose"].clone()),
        (json!("magic_link"), Value::Null, Value::Null)
    );
    let ts = time::OffsetDateTime::parse(
        v["timestamp"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    let exp = time::OffsetDateTime::parse(
        v["expiresAt"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    assert_eq!((exp - ts).whole_seconds(), 3600);

    // Quota: a young app gets a fifth of its monthly quota (5 → 1), and one was sent already.
    env.mgmt(
        "POST",
        "/admin/apps/devapp/features",
        Some(r#"{"magicLinkEmailMonthlyQuota":10}"#),
    );
    env.post("/magic-links/send", body);
    env.post("/magic-links/send", body).api_error(
        429,
        Some("magic_link_email_quota_exceeded"),
        "You have reached your monthly quota for magic link emails. Please try again later.",
    );

    assert_eq!(
        env.post("/apps/features", r#"{"enableMagicLinks":false}"#)
            .status,
        204
    );
    env.post("/magic-links/send", body).api_error(
        403,
        None,
        "You must enable Magic Links in settings in order to use this feature.",
    );
}

#[test]
fn app_features_patch() {
    let env = Env::new();
    let errors = env
        .post("/apps/features", r#"{"eventLoggingRetentionPeriod":91}"#)
        .validation();
    assert_eq!(
        errors,
        json!({"eventLoggingRetentionPeriod": ["The field EventLoggingRetentionPeriod must be between 0 and 90."]})
    );
    assert_eq!(
        env.post("/apps/features", r#"{"auditLoggingRetentionPeriod":7}"#)
            .status,
        204
    );
    assert_eq!(env.get("/apps/features").status, 405);
    let r = env.post("/apps/features", r#"{"enableManuallyGeneratedAuthenticationTokens":false,"eventLoggingRetentionPeriod":"30"}"#);
    assert_eq!(r.status, 204);
    env.post("/signin/generate-token", r#"{"userId":"u"}"#)
        .api_error(
            403,
            None,
            "The 'POST /signin/generate-token' endpoint is disabled",
        );
    let f = env
        .mgmt("GET", "/admin/apps/devapp/features", None)
        .ok_json();
    assert_eq!(f["isGenerateSignInTokenEndpointEnabled"], false);
    assert_eq!(f["eventLoggingRetentionPeriod"], 30);
}

#[test]
fn auth_configs() {
    let env = Env::new();
    let v = env.get("/auth-configs/list").ok_json();
    let purposes: Vec<&str> = v["configurations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["purpose"].as_str().unwrap())
        .collect();
    assert_eq!(purposes, ["step-up", "sign-in"]);
    assert_eq!(
        v["configurations"][1],
        json!({"purpose":"sign-in","userVerificationRequirement":"preferred","timeToLive":120,"hints":"","createdBy":"System","createdOn":null,"editedBy":null,"editedOn":null,"lastUsedOn":null})
    );
    let body = r#"{"purpose":"checkout","userVerificationRequirement":"required","timeToLive":"00:03:00","hints":["security-key","hybrid"],"performedBy":"me"}"#;
    let r = env.post("/auth-configs/add", body);
    assert_eq!(
        (r.status, r.text.as_str(), r.header("location")),
        (201, "", None)
    );
    env.post("/auth-configs/add", body).api_error(
        400,
        None,
        "The configuration checkout already exists.",
    );
    env.post("/auth-configs/add", &body.replace("checkout", "sign-in"))
        .api_error(400, None, "The configuration sign-in already exists.");
    let v = env.get("/auth-configs/list?purpose=checkout").ok_json();
    let c = &v["configurations"][0];
    assert_eq!(
        (
            c["timeToLive"].clone(),
            c["hints"].clone(),
            c["createdBy"].clone()
        ),
        (json!(180), json!("SecurityKey, Hybrid"), json!("me"))
    );
    assert!(c["createdOn"].as_str().unwrap().ends_with("+00:00"));
    assert_eq!(
        env.get("/auth-configs/list?purpose=nope").ok_json(),
        json!({"configurations": []})
    );
    let errors = env
        .post(
            "/auth-configs/add",
            r#"{"purpose":"bad purpose!","performedBy":""}"#,
        )
        .validation();
    assert_eq!(
        errors,
        json!({"purpose": ["Characters are limited to A-z, 0-9, -, or _."], "performedBy": ["The PerformedBy field is required."]})
    );
    env.post(
        "/auth-configs/add",
        r#"{"purpose":"x","performedBy":"me","timeToLive":180}"#,
    )
    .binding();
    assert_eq!(
        env.post("/auth-configs", &body.replace("00:03:00", "1.00:00:00"))
            .status,
        204
    );
    let v = env.get("/auth-configs/list?purpose=checkout").ok_json();
    assert_eq!(v["configurations"][0]["timeToLive"], 86400);
    assert_eq!(v["configurations"][0]["editedBy"], "me");
    env.post("/auth-configs", &body.replace("checkout", "unknown"))
        .api_error(404, None, "The configuration unknown does not exist.");
    env.post(
        "/auth-configs/delete",
        r#"{"purpose":"sign-in","performedBy":"me"}"#,
    )
    .api_error(400, None, "The sign-in configuration cannot be deleted.");
    let r = env.post(
        "/auth-configs/delete",
        r#"{"purpose":"unknown","performedBy":"me"}"#,
    );
    assert_eq!((r.status, r.text.as_str()), (404, ""));
    env.post("/auth-configs/delete", r#"{"purpose":"checkout"}"#)
        .binding();
    assert_eq!(
        env.post(
            "/auth-configs/delete",
            r#"{"purpose":"checkout","performedBy":"me"}"#
        )
        .status,
        204
    );
}

#[test]
fn authenticators_need_attestation() {
    let env = Env::new();
    let guid = "08987058-cadc-4b81-b6e1-30de50dcbe96";
    env.get("/authenticators/list?isAllowed=true").api_error(
        403,
        Some("attestation_not_supported_on_plan"),
        "Attestation is not supported on your plan.",
    );
    env.mgmt(
        "POST",
        "/admin/apps/devapp/features",
        Some(r#"{"allowAttestation":true}"#),
    );
    env.post(
        "/register/token",
        r#"{"userId":"u","username":"n","attestation":"direct"}"#,
    )
    .ok_json();
    let add = json!({"aaGuids": [guid], "isAllowed": true}).to_string();
    assert_eq!(env.post("/authenticators/add", &add).status, 204);
    let v = env.get("/authenticators/list?isallowed=True").ok_json();
    assert_eq!(v[0]["aaGuid"], guid);
    assert_eq!(
        env.get("/authenticators/list?isAllowed=false").ok_json(),
        json!([])
    );
    env.get("/authenticators/list").binding();
    env.post("/authenticators/add", r#"{"aaGuids":[],"isAllowed":true}"#)
        .validation();
    env.post(
        "/authenticators/add",
        r#"{"aaGuids":["nope"],"isAllowed":true}"#,
    )
    .binding();
    assert_eq!(env.post("/authenticators/remove", &add).status, 204);
    assert_eq!(
        env.get("/authenticators/list?isAllowed=true").ok_json(),
        json!([])
    );
}

#[test]
fn events_and_reporting() {
    let env = Env::new();
    let v = env.get("/events?pageNumber=1").problem(403);
    assert_eq!(
        v["type"],
        "https://docs.passwordless.dev/guide/errors.html#forbidden"
    );
    env.mgmt(
        "POST",
        "/admin/apps/devapp/features",
        Some(r#"{"eventLoggingIsEnabled":true,"eventLoggingRetentionPeriod":30}"#),
    );
    let token = env.verify_token("u1");
    env.post("/signin/verify", &json!({ "token": token }).to_string())
        .ok_json();
    env.post("/register/token", r#"{"userId":"u1","username":"n"}"#)
        .ok_json();
    let v = env.get("/events?pageNumber=1&numberOfResults=2").ok_json();
    assert_eq!(v["tenantId"], "devapp");
    // The server records nothing for a generated token: two events, not three.
    assert_eq!(v["totalEventCount"], 2);
    let types: Vec<&str> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["eventType"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["ApiAuthUserRegistered", "ApiUserSignInVerified"]);
    assert_eq!(v["events"][0]["apiKeyId"], "cdef");
    assert_eq!(v["events"][0]["severity"], "Informational");
    let v = env.get("/events?pageNumber=2&numberOfResults=2").ok_json();
    assert_eq!(v["events"], json!([]));
    env.get("/events").binding();
    let errors = env
        .get("/events?pageNumber=0&numberOfResults=1001")
        .validation();
    assert!(errors["pageNumber"].is_array() && errors["numberOfResults"].is_array());

    let rows = env.get("/reporting/credentials/periodic").ok_json();
    assert_eq!(rows[0]["users"], 0);
    assert!(
        env.get("/reporting/active-users/periodic?from=2000-01-01&to=2000-01-02")
            .ok_json()
            == json!([])
    );
    env.get("/reporting/credentials/periodic?from=yesterday")
        .binding();
}

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
    let env = seeded();
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
fn inspection_routes_mask_secrets() {
    let env = seeded();
    let r = env.send("GET", "/_emulator/state", &[], None);
    let v = r.ok_json();
    assert!(!r.text.contains(DEV_API_SECRET));
    let app = &v["apps"][0];
    assert_eq!(app["appId"], "devapp");
    assert_eq!(app["users"][0]["userId"], "alice");
    assert_eq!(
        app["users"][0]["credentials"][0]["descriptor"]["id"],
        "AQIDBA"
    );
    assert_eq!(
        app["users"][0]["aliases"][0]["plaintext"],
        "alice@example.com"
    );
    assert_eq!(
        env.send("GET", "/_emulator/outbox", &[], None).ok_json(),
        json!([])
    );
}

#[test]
fn seed_files() {
    let dir = tempfile::tempdir().unwrap();
    let json_path = dir.path().join("seed.json");
    std::fs::write(
        &json_path,
        r#"{"users":[{"userId":"u","aliases":["a"],"credentials":[{"id":"AAEC"}]}]}"#,
    )
    .unwrap();
    let seed = Seed::from_file(&json_path).unwrap();
    assert_eq!(seed.users[0].credentials[0].id, "AAEC");
    let toml_path = dir.path().join("seed.toml");
    std::fs::write(&toml_path, "[[users]]\nuserId = \"u\"\naliases = [\"a\"]\n\n[[users.credentials]]\nid = \"AAEC\"\nnickname = \"Key\"\n").unwrap();
    assert_eq!(
        Seed::from_file(&toml_path).unwrap().users[0].credentials[0]
            .nickname
            .as_deref(),
        Some("Key")
    );

    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"users":[{"userId":"u","credentials":[{"id":"not base64url!"}]}]}"#,
    )
    .unwrap();
    let err = format!("{:#}", Seed::from_file(&bad).unwrap_err());
    assert!(
        err.contains("bad.json") && err.contains("not base64url"),
        "{err}"
    );
    std::fs::write(&bad, r#"{"users":[{"userid":"u"}]}"#).unwrap();
    let err = format!("{:#}", Seed::from_file(&bad).unwrap_err());
    assert!(
        err.contains("bad.json") && err.contains("unknown field"),
        "{err}"
    );
    std::fs::write(
        &bad,
        r#"{"users":[{"userId":"u","aliases":["a"]},{"userId":"v","aliases":["a"]}]}"#,
    )
    .unwrap();
    let err = format!("{:#}", Seed::from_file(&bad).unwrap_err());
    assert!(err.contains("already belongs"), "{err}");
    let missing = format!(
        "{:#}",
        Seed::from_file(dir.path().join("nope.json")).unwrap_err()
    );
    assert!(missing.contains("nope.json"), "{missing}");
}

#[test]
fn log_option_does_not_break_requests() {
    let env = Env::with(EmulatorConfig {
        log: true,
        ..EmulatorConfig::default()
    });
    assert_eq!(env.send("GET", "/health/http", &[], None).status, 200);
}
