//! `/register/token`, `/signin/generate-token` and `/signin/verify`.

use serde_json::{Value, json};

use super::Env;
use crate::DEV_API_SECRET;

#[test]
fn register_token_validation() {
    let env = Env::new();
    let errors = env.post("/register/token", "{}").validation();
    assert_eq!(
        errors,
        json!({"userId": ["The UserId field is required."], "username": ["The Username field is required."]})
    );
    let errors = env
        .post("/register/token", r#"{"userId":"  ","username":"x"}"#)
        .validation();
    assert_eq!(errors, json!({"userId": ["The UserId field is required."]}));

    let eleven: Vec<String> = (0..11).map(|i| format!("a{i}")).collect();
    let errors = env
        .post(
            "/register/token",
            &json!({"userId":"u","username":"n","aliases": eleven}).to_string(),
        )
        .validation();
    assert_eq!(
        errors["aliases"][0],
        "The field Aliases must be a string or array type with a maximum length of '10'."
    );
    let errors = env
        .post(
            "/register/token",
            &json!({"userId":"u","username":"n","aliases": ["x".repeat(251)]}).to_string(),
        )
        .validation();
    assert_eq!(
        errors["aliases"][0],
        "The field Aliases must be a collection that contains strings with a maximum length of '250'."
    );
    let errors = env
        .post(
            "/register/token",
            r#"{"userId":"u","username":"n","aliases":[" ", null]}"#,
        )
        .validation();
    assert_eq!(
        errors["aliases"][0],
        "The field Aliases must be a collection where every item is required."
    );
    let errors = env
        .post(
            "/register/token",
            r#"{"userId":"u","username":"n","hints":["hybrid","hybrid","hybrid","hybrid"]}"#,
        )
        .validation();
    assert_eq!(
        errors["hints"][0],
        "The field Hints must be a string or array type with a maximum length of '3'."
    );
}

#[test]
fn register_token_binding_errors() {
    let env = Env::new();
    let v = env.post("/register/token", "{not json").binding();
    assert!(v["title"].as_str().unwrap().contains("JSON"), "{v}");
    env.post(
        "/register/token",
        r#"{"userId":"u","username":"n","discoverable":"yes"}"#,
    )
    .binding();
    env.post(
        "/register/token",
        r#"{"userId":"u","username":"n","expiresAt":"soon"}"#,
    )
    .binding();
    env.post("/register/token", "[1]").binding();
    let r = env.send(
        "POST",
        "/register/token",
        &[
            ("ApiSecret", DEV_API_SECRET),
            ("Content-Type", "text/plain"),
        ],
        Some(r#"{"userId":"u","username":"n"}"#),
    );
    assert_eq!(r.problem(415)["status"], 415);
    let r = env.send(
        "POST",
        "/register/token",
        &[("ApiSecret", DEV_API_SECRET)],
        None,
    );
    r.binding();
}

#[test]
fn register_token_lenient_input_and_attestation() {
    let env = Env::free();
    // Case-insensitive names, numbers for strings, unknown members ignored, charset allowed.
    let r = env.send(
        "POST",
        "/register/token",
        &[("ApiSecret", DEV_API_SECRET), ("Content-Type", "application/json; charset=UTF-8")],
        Some(r#"{"USERID":123,"UserName":"n","displayname":"D","extensions":{"x":1},"ATTESTATION":"NONE"}"#),
    );
    assert!(
        r.ok_json()["token"]
            .as_str()
            .unwrap()
            .starts_with("register_")
    );
    for when in [
        "2099-01-01T00:00:00Z",
        "2099-01-01T00:00:00",
        "0001-01-01T00:00:00",
        "2099-01-01T00:00:00.123+02:00",
    ] {
        let body = json!({"userId":"u","username":"n","expiresAt": when}).to_string();
        env.post("/register/token", &body).ok_json();
    }
    env.post(
        "/register/token",
        r#"{"userId":"u","username":"n","attestation":"DIRECT"}"#,
    )
    .api_error(
        400,
        Some("invalid_attestation"),
        "Attestation type not supported",
    );
    env.post(
        "/register/token",
        r#"{"userId":"u","username":"n","attestation":"bogus"}"#,
    )
    .api_error(
        400,
        Some("invalid_attestation"),
        "Attestation type not supported",
    );
    env.post(
        "/register/token",
        r#"{"userId":"u","username":"n","attestation":"direct"}"#,
    )
    .api_error(
        400,
        Some("attestation_not_supported_on_plan"),
        "Attestation type not supported on your plan",
    );
}

#[test]
fn generate_and_verify_round_trip() {
    let env = Env::new();
    let body = r#"{"userId":"user-1","timeToLive":"30","purpose":"step-up","rpid":"example.com","ORIGIN":"https://example.com"}"#;
    let token = env.post("/signin/generate-token", body).ok_json()["token"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(token.starts_with("verify_"));
    let r = env.post("/signin/verify", &json!({ "token": token }).to_string());
    let v = r.ok_json();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
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
    assert_eq!(v["userId"], "user-1");
    assert_eq!(v["rpId"], "example.com");
    assert_eq!(v["origin"], "https://example.com");
    assert_eq!(v["success"], true);
    assert_eq!(v["device"], Value::Null);
    assert_eq!(v["purpose"], "step-up");
    assert_eq!(v["type"], "generated_signin");
    assert_eq!(v["tokenId"], "00000000-0000-4000-8000-000000000001");
    let ts = v["timestamp"].as_str().unwrap();
    assert!(ts.ends_with('Z') && ts.len() <= 28, "{ts}");
    let ts =
        time::OffsetDateTime::parse(ts, &time::format_description::well_known::Rfc3339).unwrap();
    let exp = time::OffsetDateTime::parse(
        v["expiresAt"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    assert_eq!((exp - ts).whole_seconds(), 30);
    // Reusable until expiry.
    let again = env
        .post("/signin/verify", &json!({ "token": token }).to_string())
        .ok_json();
    assert_eq!(again, v);
    // Defaults: purpose sign-in, 120 s, null RP fields.
    let t = env.verify_token("user-2");
    let v = env
        .post("/signin/verify", &json!({ "token": t }).to_string())
        .ok_json();
    assert_eq!(
        (v["purpose"].clone(), v["rpId"].clone()),
        (json!("sign-in"), Value::Null)
    );
    assert_eq!(v["tokenId"], "00000000-0000-4000-8000-000000000002");
}

#[test]
fn generate_token_validation() {
    let env = Env::new();
    let v = env
        .post("/signin/generate-token", r#"{"timeToLive":30}"#)
        .binding();
    assert!(v["title"].as_str().unwrap().contains("userId"), "{v}");
    let errors = env
        .post("/signin/generate-token", r#"{"userId":""}"#)
        .validation();
    assert_eq!(errors, json!({"userId": ["The UserId field is required."]}));
    for ttl in ["0", "604801", "-5"] {
        let errors = env
            .post(
                "/signin/generate-token",
                &format!(r#"{{"userId":"u","timeToLive":{ttl}}}"#),
            )
            .validation();
        assert_eq!(
            errors,
            json!({"timeToLiveSeconds": ["The field TimeToLiveSeconds must be between 1 and 604800."]})
        );
    }
    env.post(
        "/signin/generate-token",
        r#"{"userId":"u","timeToLive":604800}"#,
    )
    .ok_json();
    env.post(
        "/signin/generate-token",
        r#"{"userId":"u","timeToLive":"abc"}"#,
    )
    .binding();
}

#[test]
fn verify_error_matrix() {
    let env = Env::new();
    for body in ["{}", r#"{"token":null}"#, r#"{"token":""}"#] {
        env.post("/signin/verify", body).api_error(
            400,
            Some("missing_token"),
            "This operation requires a token that starts with 'verify_' to be passed.",
        );
    }
    let register = env
        .post("/register/token", r#"{"userId":"u","username":"n"}"#)
        .ok_json()["token"]
        .as_str()
        .unwrap()
        .to_string();
    env.post("/signin/verify", &json!({ "token": register }).to_string()).api_error(
        400,
        Some("invalid_token"),
        "The token you sent was not correct. The token used for this endpoint should start with 'verify_'. Make sure you are not sending the wrong value. The value you sent started with 'register_k'"
            .replace("register_k", &register[..10])
            .as_str(),
    );
    let format =
        "The token you supplied was not formatted correctly. It should be valid base64url.";
    for bad in ["verify_", "verify_!!!!", "verify_abc", "VERIFY_%%%"] {
        env.post("/signin/verify", &json!({ "token": bad }).to_string())
            .api_error(400, Some("invalid_token_format"), format);
    }
    // A register token relabelled as a verify token has the wrong payload shape.
    let relabelled = format!("verify_{}", &register["register_".len()..]);
    env.post(
        "/signin/verify",
        &json!({ "token": relabelled }).to_string(),
    )
    .api_error(400, Some("invalid_token_format"), format);
    // Prefix compare is case-insensitive.
    let token = env.verify_token("u");
    let upper = format!("VERIFY_{}", &token[7..]);
    env.post("/signin/verify", &json!({ "token": upper }).to_string())
        .ok_json();

    // A token from another emulator instance (another app key).
    let other = Env::new();
    let foreign = other.verify_token("u");
    env.post("/signin/verify", &json!({ "token": foreign }).to_string()).api_error(
        400,
        Some("invalid_token"),
        "The token you supplied was not valid. It could be that the token has expired or that it was not issued for this tenant.",
    );

    // Tampered payload: valid envelope, wrong MAC.
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut raw = URL_SAFE_NO_PAD.decode(&token[7..]).unwrap();
    let n = raw.len();
    raw[n - 3] ^= 0x01;
    let tampered = format!("verify_{}", URL_SAFE_NO_PAD.encode(raw));
    let v = env
        .post("/signin/verify", &json!({ "token": tampered }).to_string())
        .problem(500);
    assert_eq!(v["detail"], "The api has encountered an error");
    assert_eq!(
        v["type"],
        "https://tools.ietf.org/html/rfc9110#section-15.6.1"
    );
}

#[test]
fn expired_token_is_403_with_humanized_drift() {
    let env = Env::new();
    let token = env
        .post("/signin/generate-token", r#"{"userId":"u","timeToLive":1}"#)
        .ok_json()["token"]
        .as_str()
        .unwrap()
        .to_string();
    // Three seconds on a one-second token: expired two seconds ago (plus the real milliseconds
    // the test takes, which the whole-second message rounds away).
    env.emu.clock().advance(std::time::Duration::from_secs(3));
    let r = env.post("/signin/verify", &json!({ "token": token }).to_string());
    let v = r.problem(403);
    assert_eq!(v["errorCode"], "expired_token");
    assert_eq!(
        v["type"],
        "https://docs.passwordless.dev/guide/errors.html#expired_token"
    );
    let title = v["title"].as_str().unwrap();
    assert_eq!(title, "The token expired 2 seconds ago.");
}

/// The server leaves `userId`'s length to the browser (its docs say "max. 64 bytes", but
/// `RegisterToken.UserId` and `SigninTokenRequest.UserId` carry only `Required`, no length rule),
/// so the emulator accepts a 65-byte id on every route that takes one, as the server does; the
/// CLI refuses it before sending (`commands::MAX_USER_ID_BYTES`), since browsers reject such a
/// user handle at `navigator.credentials.create`.
#[test]
fn a_user_id_over_64_bytes_is_accepted_as_the_server_does() {
    let env = Env::new();
    let long = "u".repeat(65);
    let register = json!({ "userId": long, "username": "x" }).to_string();
    assert!(
        env.post("/register/token", &register).ok_json()["token"]
            .as_str()
            .unwrap()
            .starts_with("register_")
    );
    let signin = json!({ "userId": long }).to_string();
    assert!(
        env.post("/signin/generate-token", &signin).ok_json()["token"]
            .as_str()
            .unwrap()
            .starts_with("verify_")
    );
    // The request log warns on the register token, the one whose id becomes a user handle,
    // and on no other request.
    let exact = json!({ "userId": "u".repeat(64), "username": "x" }).to_string();
    assert_eq!(env.post("/register/token", &exact).status, 200);
    let log = env.send("GET", "/_emulator/requests", &[], None).ok_json();
    let warnings: Vec<(&str, &str)> = log
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| Some((r["path"].as_str()?, r.get("warning")?.as_str()?)))
        .collect();
    assert_eq!(
        warnings,
        [(
            "/register/token",
            "userId is 65 bytes; the server accepts it, but browsers refuse a passkey user handle over 64 bytes, so registering this user will fail in the browser"
        )],
        "{log}"
    );
}
