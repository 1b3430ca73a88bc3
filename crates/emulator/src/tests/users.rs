//! Users, their aliases and credentials, the user limit and magic links.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use super::{EmulatorConfig, Env, Seed, create_app, seeded};

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

    // Quota: the development app starts a day old, which gives it half of its monthly quota
    // (10 → 5), and one was sent already.
    env.mgmt(
        "POST",
        "/admin/apps/devapp/features",
        Some(r#"{"magicLinkEmailMonthlyQuota":10}"#),
    );
    for _ in 0..4 {
        assert_eq!(env.post("/magic-links/send", body).status, 204);
    }
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

/// A seed of `n` users named `u0000…`, each with one alias and one passkey.
fn many_users(n: usize) -> Env {
    let users: Vec<Value> = (0..n)
        .map(|i| {
            let id = format!("u{i:04}");
            let credential = URL_SAFE_NO_PAD.encode(format!("cred-{i}"));
            json!({"userId": id, "aliases": [format!("{id}@example.com")], "credentials": [{"id": credential}]})
        })
        .collect();
    let seed: Seed = serde_json::from_value(json!({ "users": users })).unwrap();
    Env::with(EmulatorConfig {
        deterministic: true,
        seed: Some(seed),
        ..EmulatorConfig::default()
    })
}

/// The server's `GetUsers` ends in `.Take(1000)`: the list stops there, the count does not.
#[test]
fn users_list_stops_at_a_thousand() {
    let env = many_users(1001);
    let v = env.get("/users/list").ok_json();
    let values = v["values"].as_array().unwrap();
    assert_eq!(values.len(), 1000);
    // First-seen order, as before the limit: the 1,001st user is the one left out.
    assert_eq!(values[0]["userId"], "u0000");
    assert_eq!(values[999]["userId"], "u0999");
    assert_eq!(values[999]["aliasCount"], 1);
    assert_eq!(values[999]["credentialsCount"], 1);
    assert_eq!(env.get("/users/count").ok_json(), json!({"count": 1001}));
    // The other per-user routes still see the user past the limit.
    assert_eq!(
        env.get("/credentials/list?userId=u1000").ok_json()["values"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}
