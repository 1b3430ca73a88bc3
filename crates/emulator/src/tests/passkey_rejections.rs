//! Every way a passkey ceremony is refused, each with the real server's status, errorCode and
//! title: tokens and sessions, Origin and RP ID, flags, signatures and counters, unknown and
//! deleted credentials, keys, scopes, plans and authenticator lists.

use serde_json::{Value, json};

use super::passkeys::{Browser, ORIGIN, RP};
use super::{Env, Resp};
use crate::{DEV_API_KEY, DEV_API_SECRET, EmulatorConfig};
use passwordless_webauthn::flags;
use passwordless_webauthn::testkit::{Authenticator, Fmt, TestKey, b64};

const BAD_TOKEN_FORMAT: &str =
    "The token you supplied was not formatted correctly. It should be valid base64url.";
const NOT_VALID: &str = "The token you supplied was not valid. It could be that the token has expired or that it was not issued for this tenant.";

fn registered(browser: &Browser, user: &str, id: &[u8]) -> Authenticator {
    let auth = Authenticator::new(TestKey::es256(1), id);
    browser.register(&auth, user, Fmt::None);
    auth
}

#[test]
fn register_begin_token_errors() {
    let env = Env::new();
    let browser = Browser::new(&env);
    let begin = |body: Value| browser.post("/register/begin", &body);
    begin(json!({"RPID": RP, "Origin": ORIGIN})).api_error(
        400,
        Some("missing_token"),
        "This operation requires a token that starts with 'register_' to be passed.",
    );
    begin(json!({"token": "verify_abc", "RPID": RP, "Origin": ORIGIN})).api_error(
        400,
        Some("invalid_token"),
        "The token you sent was not correct. The token used for this endpoint should start with 'register_'. Make sure you are not sending the wrong value. The value you sent started with 'verify_abc'",
    );
    begin(json!({"token": "register_!!", "RPID": RP, "Origin": ORIGIN})).api_error(
        400,
        Some("invalid_token_format"),
        BAD_TOKEN_FORMAT,
    );
    let expired = browser.register_token(
        json!({"userId": "u", "username": "u", "expiresAt": "2020-01-01T00:00:00Z"}),
    );
    let v = begin(json!({"token": expired, "RPID": RP, "Origin": ORIGIN})).problem(403);
    assert_eq!(v["errorCode"], "expired_token");
    let title = v["title"].as_str().unwrap();
    assert!(
        title.starts_with("The token expired ") && title.ends_with(" ago."),
        "{title}"
    );
    // The expiry is checked before the Origin, as on the server.
    let v = begin(json!({"token": expired, "RPID": RP})).problem(403);
    assert_eq!(v["errorCode"], "expired_token");

    let token = browser.register_token(json!({"userId": "u", "username": "u"}));
    begin(json!({"token": token, "RPID": RP})).api_error(400, None, "Origin is required.");
    begin(json!({"token": token, "RPID": RP, "Origin": ""})).api_error(
        400,
        None,
        "Origin is required.",
    );
    let v = begin(json!({"token": token, "RPID": "evil.example", "Origin": "https://evil.example"}))
        .api_error(
            400,
            None,
            "The emulator does not serve the origin 'https://evil.example': it accepts loopback origins (http://localhost:PORT, http://127.0.0.1:PORT) and those given with `passwordless emulator --origin https://evil.example`.",
        );
    assert!(v.get("credentialId").is_none());
    let bad_uv = browser
        .register_token(json!({"userId": "u", "username": "u", "userVerification": "always"}));
    begin(json!({"token": bad_uv, "RPID": RP, "Origin": ORIGIN})).api_error(
        400,
        Some("invalid_argument"),
        "Value 'always' is not a valid enum name of 'Fido2NetLib.Objects.UserVerificationRequirement'. Valid values are: required, preferred, discouraged.",
    );
    let bad_type =
        browser.register_token(json!({"userId": "u", "username": "u", "authenticatorType": "usb"}));
    begin(json!({"token": bad_type, "RPID": RP, "Origin": ORIGIN})).api_error(
        400,
        Some("invalid_argument"),
        "Value 'usb' is not a valid enum name of 'Fido2NetLib.Objects.AuthenticatorAttachment'. Valid values are: platform, cross-platform.",
    );
}

#[test]
fn other_origins_need_the_origin_option() {
    let env = Env::with(EmulatorConfig {
        deterministic: true,
        origins: vec![
            "https://app.example"
                .parse::<crate::Origin>()
                .unwrap()
                .into(),
        ],
        ..EmulatorConfig::default()
    });
    let mut browser = Browser::new(&env);
    browser.origin = "https://app.example".into();
    browser.rp_id = "app.example".into();
    let mut auth = Authenticator::new(TestKey::eddsa(4), b"remote");
    let token = browser.register(&auth, "remote-user", Fmt::None);
    assert_eq!(browser.verify(&token)["origin"], "https://app.example");
    auth.counter = 1;
    let r = browser.sign_in(&auth, json!({"userId": "remote-user"}), None);
    assert_eq!(r.status, 200, "{}", r.text);
    browser.origin = "https://other.example".into();
    browser
        .post(
            "/signin/begin",
            &json!({"RPID": "other.example", "Origin": "https://other.example"}),
        )
        .problem(400);
}

#[test]
fn register_complete_rejections() {
    let env = Env::new();
    let browser = Browser::new(&env);
    let auth = Authenticator::new(TestKey::es256(1), b"c1");
    let token = browser.register_token(json!({"userId": "u1", "username": "u1"}));
    let (data, session) = browser.begin_register(&token);
    let body = browser.attestation_body(&auth, &data, &session, Fmt::Packed);
    let complete = |body: &Value| browser.post("/register/complete", body);
    let invalid = |r: Resp, title: &str| {
        r.api_error(400, Some("fido2_invalid_registration"), title);
    };

    let mut b = body.clone();
    b.as_object_mut().unwrap().remove("session");
    complete(&b).api_error(
        400,
        Some("missing_token"),
        "This operation requires a token that starts with 'session_' to be passed.",
    );
    let mut b = body.clone();
    b["session"] = json!("session_%%%");
    complete(&b).api_error(400, Some("invalid_token_format"), BAD_TOKEN_FORMAT);
    let mut b = body.clone();
    b.as_object_mut().unwrap().remove("Origin");
    complete(&b).api_error(400, None, "Origin is required.");
    let mut b = body.clone();
    b["nickname"] = json!("x".repeat(65));
    let errors = complete(&b).validation();
    assert_eq!(
        errors,
        json!({"nickname": ["Nickname cannot be longer than 64 characters."]})
    );
    let mut b = body.clone();
    b["response"]["rawId"] = json!("not+base64url/");
    complete(&b).binding();
    let mut b = body.clone();
    b["response"]["response"]
        .as_object_mut()
        .unwrap()
        .remove("attestationObject");
    complete(&b).binding();

    // The page's origin must be the one the request names.
    let mut other = Browser::new(&env);
    other.origin = "http://127.0.0.1:9999".into();
    let wrong_origin = other.attestation_body(&auth, &data, &session, Fmt::None);
    let mut b = wrong_origin;
    b["Origin"] = json!(ORIGIN);
    invalid(
        complete(&b),
        "Fully qualified origin http://127.0.0.1:9999 of http://127.0.0.1:9999 not equal to fully qualified original origin http://localhost:5173 (1)",
    );
    // The authenticator must have used the RP ID of the options.
    let mut rp_browser = Browser::new(&env);
    rp_browser.rp_id = "127.0.0.1".into();
    let mut moved = data.clone();
    moved["rp"]["id"] = json!("127.0.0.1");
    let b = rp_browser.attestation_body(&auth, &moved, &session, Fmt::None);
    invalid(complete(&b), "RPID hash does not match");
    // An answer to another challenge.
    let mut stale = data.clone();
    stale["challenge"] = json!(b64(b"some old challenge"));
    let b = browser.attestation_body(&auth, &stale, &session, Fmt::None);
    invalid(
        complete(&b),
        "Authenticator response challenge does not match original challenge",
    );
    // No user presence.
    let mut absent = auth.clone();
    absent.flags = 0;
    invalid(
        complete(&browser.attestation_body(&absent, &data, &session, Fmt::None)),
        "User Present flag not set in authenticator data",
    );
    // Forged packed statement: signed by a key that is not the credential's.
    let challenge = base64::Engine::decode(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD,
        data["challenge"].as_str().unwrap(),
    )
    .unwrap();
    let client = passwordless_webauthn::testkit::client_data("webauthn.create", &challenge, ORIGIN);
    let forged = auth.packed_statement(RP, &client, &TestKey::es256(9), -7);
    let mut b = body.clone();
    b["response"]["response"]["attestationObject"] =
        json!(b64(&auth.attestation_object(RP, "packed", forged)));
    b["response"]["response"]["clientDataJSON"] = json!(b64(&client));
    invalid(complete(&b), "Failed to validate signature");

    // The genuine answer works once; replaying it finds the credential id taken.
    let r = complete(&body);
    assert_eq!(r.status, 200, "{}", r.text);
    invalid(complete(&body), "CredentialId is not unique to this user");
}

#[test]
fn user_verification_required_at_registration() {
    let env = Env::new();
    let browser = Browser::new(&env);
    let mut auth = Authenticator::new(TestKey::es256(1), b"uv");
    auth.flags = flags::UP;
    let token = browser
        .register_token(json!({"userId": "u", "username": "u", "userVerification": "required"}));
    let (data, session) = browser.begin_register(&token);
    browser
        .post(
            "/register/complete",
            &browser.attestation_body(&auth, &data, &session, Fmt::None),
        )
        .api_error(
            400,
            Some("fido2_invalid_registration"),
            "User Verified flag not set in authenticator data and user verification was required",
        );
}

#[test]
fn sessions_from_elsewhere_are_not_valid() {
    let env = Env::new();
    let browser = Browser::new(&env);
    let auth = registered(&browser, "u", b"c");
    // A sign-in session at register/complete, a register session at signin/complete.
    let (sdata, ssession) = browser.begin_signin(json!({"userId": "u"}));
    let token = browser.register_token(json!({"userId": "v", "username": "v"}));
    let (rdata, rsession) = browser.begin_register(&token);
    let other = Authenticator::new(TestKey::es256(2), b"d");
    let b = browser.attestation_body(&other, &rdata, &ssession, Fmt::None);
    browser
        .post("/register/complete", &b)
        .api_error(400, Some("invalid_token"), NOT_VALID);
    let b = browser.assertion_body(&auth, &sdata, &rsession, None);
    browser
        .post("/signin/complete", &b)
        .api_error(400, Some("invalid_token"), NOT_VALID);

    // A session another app issued.
    let r = env.mgmt("POST", "/admin/apps/otherapp/create", Some("{}"));
    let keys = r.ok_json();
    let mut foreign = Browser::new(&env);
    foreign.api_key = keys["apiKey1"].as_str().unwrap().into();
    let (_, foreign_session) = foreign.begin_signin(json!({}));
    let b = browser.assertion_body(&auth, &sdata, &foreign_session, None);
    browser
        .post("/signin/complete", &b)
        .api_error(400, Some("invalid_token"), NOT_VALID);
    // A register token of another app.
    let secret = keys["apiSecret1"].as_str().unwrap();
    let r = env.post_as(
        secret,
        "/register/token",
        r#"{"userId":"x","username":"x"}"#,
    );
    let foreign_token = r.ok_json()["token"].as_str().unwrap().to_string();
    browser
        .post(
            "/register/begin",
            &json!({"token": foreign_token, "RPID": RP, "Origin": ORIGIN}),
        )
        .api_error(400, Some("invalid_token"), NOT_VALID);
}

#[test]
fn sign_in_rejections() {
    let env = Env::new();
    let browser = Browser::new(&env);
    let mut auth = registered(&browser, "u", b"known");
    let complete = |body: &Value| browser.post("/signin/complete", body);
    let error = |r: Resp, title: &str| {
        r.api_error(400, Some("signin_complete_error"), title);
    };
    browser
        .post("/signin/begin", &json!({"userId": "u", "RPID": RP}))
        .api_error(400, None, "Origin is required.");

    let (data, session) = browser.begin_signin(json!({"userId": "u"}));
    auth.counter = 5;
    let body = browser.assertion_body(&auth, &data, &session, None);
    let mut b = body.clone();
    b.as_object_mut().unwrap().remove("Origin");
    complete(&b).api_error(400, None, "Origin is required.");
    let mut b = body.clone();
    b["session"] = json!("register_abc");
    complete(&b).api_error(
        400,
        Some("invalid_token"),
        "The token you sent was not correct. The token used for this endpoint should start with 'session_'. Make sure you are not sending the wrong value. The value you sent started with 'register_a'",
    );
    let mut b = body.clone();
    b["response"]["response"]
        .as_object_mut()
        .unwrap()
        .remove("signature");
    complete(&b).binding();
    let mut b = body.clone();
    b["response"]["type"] = json!("password");
    complete(&b).binding();

    // An unknown credential names the id as sent, before errorCode.
    let stranger = Authenticator::new(TestKey::es256(8), b"stranger");
    let b = browser.assertion_body(&stranger, &data, &session, None);
    let r = complete(&b);
    let v = r.api_error(
        400,
        Some("unknown_credential"),
        "We don't recognize the passkey you sent us.",
    );
    assert_eq!(v["credentialId"], b64(b"stranger"));
    let order: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(
        order,
        [
            "type",
            "title",
            "status",
            "credentialId",
            "errorCode",
            "traceId"
        ]
    );

    // Signed by the wrong key.
    let impostor = Authenticator {
        key: TestKey::es256(9),
        ..auth.clone()
    };
    error(
        complete(&browser.assertion_body(&impostor, &data, &session, None)),
        "Signature does not match",
    );
    // Another user's handle.
    error(
        complete(&browser.assertion_body(&auth, &data, &session, Some("mallory"))),
        "User is not owner of the public key identified by the credential id",
    );
    // An RP ID other than the one in the options.
    let mut rp_moved = data.clone();
    rp_moved["rpId"] = json!("127.0.0.1");
    error(
        complete(&browser.assertion_body(&auth, &rp_moved, &session, None)),
        "RPID hash does not match",
    );
    // The page's origin differs from the request's.
    let mut elsewhere = Browser::new(&env);
    elsewhere.origin = "http://127.0.0.1:1".into();
    let mut b = elsewhere.assertion_body(&auth, &data, &session, None);
    b["Origin"] = json!(ORIGIN);
    error(
        complete(&b),
        "Fully qualified origin http://127.0.0.1:1 of http://127.0.0.1:1 not equal to fully qualified original origin http://localhost:5173 (1)",
    );
    // A credential outside allowCredentials.
    let other = registered(&browser, "w", b"other-user-key");
    error(
        complete(&browser.assertion_body(&other, &data, &session, None)),
        "Credential ID not in allowed credentials",
    );

    // The genuine assertion passes once; its replay fails on the counter.
    let r = complete(&body);
    assert_eq!(r.status, 200, "{}", r.text);
    error(
        complete(&body),
        "SignCount must be greater than the current SignatureCounter",
    );

    // User verification required by the purpose's configuration.
    env.post(
        "/auth-configs",
        r#"{"purpose":"sign-in","userVerificationRequirement":"required","timeToLive":"00:02:00","performedBy":"me"}"#,
    );
    auth.counter = 6;
    auth.flags = flags::UP;
    let r = browser.sign_in(&auth, json!({"userId": "u"}), None);
    error(
        r,
        "User Verified flag not set in authenticator data and user verification was required",
    );

    // A deleted credential is unknown.
    let r = env.post(
        "/credentials/delete",
        &json!({"credentialId": b64(b"known")}).to_string(),
    );
    assert_eq!(r.status, 204);
    auth.flags = flags::UP | flags::UV;
    let (data, session) = browser.begin_signin(json!({}));
    let v = complete(&browser.assertion_body(&auth, &data, &session, None)).api_error(
        400,
        Some("unknown_credential"),
        "We don't recognize the passkey you sent us.",
    );
    assert_eq!(v["credentialId"], b64(b"known"));
}

#[test]
fn keys_and_scopes() {
    let env = Env::new();
    let mut browser = Browser::new(&env);
    let body = json!({"RPID": RP, "Origin": ORIGIN});
    let unauthorized = |r: Resp, detail: &str| {
        let v = r.problem(401);
        assert_eq!(r.header("www-authenticate"), Some("ApiKey"));
        assert_eq!(
            v["type"],
            "https://docs.passwordless.dev/guide/errors.html#ApiKey"
        );
        assert_eq!(v["title"], "A valid 'ApiKey' header is required.");
        assert_eq!(v["detail"], detail);
    };
    let r = env.send(
        "POST",
        "/signin/begin",
        &[("Content-Type", "application/json")],
        Some(&body.to_string()),
    );
    unauthorized(r, "A valid 'ApiKey' header is required.");
    let r = env.post("/signin/begin", &body.to_string());
    unauthorized(
        r,
        "A 'ApiSecret' header was supplied when a 'ApiKey' header should have been supplied.",
    );
    browser.api_key = DEV_API_SECRET.into();
    unauthorized(
        browser.post("/signin/begin", &body),
        "Your ApiKey header contained a ApiSecret instead of your 'ApiKey'.",
    );
    browser.api_key = "verify_xyz".into();
    unauthorized(
        browser.post("/signin/begin", &body),
        "A verify token was supplied instead of your 'ApiKey'.",
    );
    browser.api_key = "somethingelse".into();
    unauthorized(
        browser.post("/signin/begin", &body),
        "We don't recognize the value you supplied for your 'ApiKey'. It started with: 'somethinge'.",
    );
    browser.api_key = "devapp:public:00000000000000000000000000000000".into();
    unauthorized(
        browser.post("/signin/begin", &body),
        "The value of your 'ApiKey' is not valid.",
    );

    // A locked public key is refused like an unknown one.
    browser.api_key = DEV_API_KEY.into();
    let r = env.mgmt("POST", "/admin/apps/devapp/api-keys/3210/lock", None);
    assert_eq!(r.status, 204);
    unauthorized(
        browser.post("/signin/begin", &body),
        "The value of your 'ApiKey' is not valid.",
    );
    env.mgmt("POST", "/admin/apps/devapp/api-keys/3210/unlock", None);
    assert_eq!(browser.post("/signin/begin", &body).status, 200);

    // A key with only the login scope cannot register.
    let r = env.mgmt(
        "POST",
        "/admin/apps/devapp/public-keys",
        Some(r#"{"scopes":[1]}"#),
    );
    browser.api_key = r.ok_json()["apiKey"].as_str().unwrap().into();
    let v = browser
        .post(
            "/register/begin",
            &json!({"token": "register_x", "RPID": RP, "Origin": ORIGIN}),
        )
        .problem(403);
    assert_eq!(
        v["detail"],
        "You are unable to access this resource because you do not have the required permissions. Required scopes: register"
    );
    assert_eq!(browser.post("/signin/begin", &body).status, 200);
}

#[test]
fn plans_and_authenticator_lists() {
    let env = Env::new();
    let browser = Browser::new(&env);
    let features = |attestation: bool| {
        let body = json!({"eventLoggingIsEnabled": false, "eventLoggingRetentionPeriod": 30, "allowAttestation": attestation});
        let r = env.mgmt(
            "POST",
            "/admin/apps/devapp/features",
            Some(&body.to_string()),
        );
        assert_eq!(r.status, 204);
    };
    // A token minted while the plan allowed attestation fails once it no longer does.
    features(true);
    let direct =
        browser.register_token(json!({"userId": "u", "username": "u", "attestation": "direct"}));
    features(false);
    browser
        .post(
            "/register/begin",
            &json!({"token": direct, "RPID": RP, "Origin": ORIGIN}),
        )
        .api_error(
            400,
            Some("attestation_not_supported_on_plan"),
            "Attestation type not supported on your plan",
        );

    features(true);
    let aaguid = "08080808-0808-0808-0808-080808080808";
    let mut auth = Authenticator::new(TestKey::es256(1), b"listed");
    auth.aaguid = [0x08; 16];
    let attempt = |token: &str, fmt: Fmt| {
        let (data, session) = browser.begin_register(token);
        browser.post(
            "/register/complete",
            &browser.attestation_body(&auth, &data, &session, fmt),
        )
    };
    let block = json!({"aaGuids": [aaguid], "isAllowed": false}).to_string();
    assert_eq!(env.post("/authenticators/add", &block).status, 204);
    let token = browser.register_token(json!({"userId": "u", "username": "u"}));
    attempt(&token, Fmt::None).api_error(
        400,
        Some("authenticator_not_allowed"),
        "The authenticator is on the blocklist and is not allowed to be used for registration.",
    );
    let other =
        json!({"aaGuids": ["11111111-2222-3333-4444-555555555555"], "isAllowed": true}).to_string();
    env.post(
        "/authenticators/remove",
        &json!({"aaGuids": [aaguid]}).to_string(),
    );
    assert_eq!(env.post("/authenticators/add", &other).status, 204);
    attempt(&token, Fmt::None).api_error(
        400,
        Some("attestation_required"),
        "Attestation 'none' was used for registration, but an allowlist was configured. Please use a supported attestation method.",
    );
    let direct =
        browser.register_token(json!({"userId": "u", "username": "u", "attestation": "direct"}));
    attempt(&direct, Fmt::Packed).api_error(
        400,
        Some("authenticator_not_allowed"),
        "An allowlist was configured. The authenticator is not found on the allowlist and is not allowed to be used for registration.",
    );
    let allow = json!({"aaGuids": [aaguid], "isAllowed": true}).to_string();
    assert_eq!(env.post("/authenticators/add", &allow).status, 204);
    let r = attempt(&direct, Fmt::Packed);
    assert_eq!(r.status, 200, "{}", r.text);
}
