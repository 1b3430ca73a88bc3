//! Passkey ceremonies over loopback with real test keys (ES256, EdDSA, RS256, PS256; `none` and
//! `packed` self attestation): register and sign in by user id, alias and discoverable
//! credential, the verify tokens they end with, the options they start with, and how the stored
//! credential changes.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde_json::{Value, json};

use super::{Env, Resp};
use crate::DEV_API_KEY;
use passwordless_model::types::{
    AssertionCredential, AssertionResponse, AttestationCredential, AttestationResponse,
    ClientExtensionResults, CredentialProperties, RegisterCompleteRequest, SigninCompleteRequest,
};
use passwordless_webauthn::alg;
use passwordless_webauthn::testkit::{Authenticator, Fmt, TestKey, b64, client_data};

pub const ORIGIN: &str = "http://localhost:5173";
pub const RP: &str = "localhost";
pub const UA: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

/// Drives the four frontend routes the way a browser with `authenticator` would.
pub struct Browser<'a> {
    pub env: &'a Env,
    pub api_key: String,
    pub origin: String,
    pub rp_id: String,
}

impl<'a> Browser<'a> {
    pub fn new(env: &'a Env) -> Browser<'a> {
        Browser {
            env,
            api_key: DEV_API_KEY.into(),
            origin: ORIGIN.into(),
            rp_id: RP.into(),
        }
    }

    /// POST with the public key, as the browser client does (plus a browser User-Agent).
    pub fn post(&self, path: &str, body: &Value) -> Resp {
        self.env.send(
            "POST",
            path,
            &[
                ("ApiKey", &self.api_key),
                ("Content-Type", "application/json"),
                ("Client-Version", "js-1.1.0"),
                ("User-Agent", UA),
                ("CF-IPCountry", "SE"),
            ],
            Some(&body.to_string()),
        )
    }

    pub fn register_token(&self, body: Value) -> String {
        let r = self.env.post("/register/token", &body.to_string());
        r.ok_json()["token"].as_str().expect("token").to_string()
    }

    /// `/register/begin`: `(data, session)`.
    pub fn begin_register(&self, token: &str) -> (Value, String) {
        let r = self.post(
            "/register/begin",
            &json!({"token": token, "RPID": self.rp_id, "Origin": self.origin}),
        );
        let v = r.ok_json();
        (
            v["data"].clone(),
            v["session"].as_str().expect("session").into(),
        )
    }

    /// The body of `/register/complete` for `auth` answering `data`, via the wire types.
    pub fn attestation_body(
        &self,
        auth: &Authenticator,
        data: &Value,
        session: &str,
        fmt: Fmt,
    ) -> Value {
        let challenge = URL_SAFE_NO_PAD
            .decode(data["challenge"].as_str().expect("challenge"))
            .expect("base64url challenge");
        let client = client_data("webauthn.create", &challenge, &self.origin);
        let rp = data["rp"]["id"].as_str().unwrap_or("");
        let object = auth.attestation(rp, &client, fmt);
        let body = RegisterCompleteRequest {
            session: session.into(),
            response: AttestationCredential {
                id: b64(&auth.credential_id),
                raw_id: b64(&auth.credential_id),
                kind: "public-key".into(),
                client_extension_results: ClientExtensionResults {
                    cred_props: Some(CredentialProperties { rk: Some(true) }),
                },
                response: AttestationResponse {
                    attestation_object: b64(&object),
                    client_data_json: b64(&client),
                    transports: vec!["internal".into()],
                },
            },
            nickname: Some("Test key".into()),
            rp_id: self.rp_id.clone(),
            origin: self.origin.clone(),
        };
        serde_json::to_value(body).expect("serialises")
    }

    /// Registers `auth` for `user_id` (with alias `<user_id>@example.com`); the verify token.
    pub fn register(&self, auth: &Authenticator, user_id: &str, fmt: Fmt) -> String {
        let token = self.register_token(json!({
            "userId": user_id,
            "username": format!("{user_id}@example.com"),
            "aliases": [format!("{user_id}@example.com")],
        }));
        let (data, session) = self.begin_register(&token);
        let r = self.post(
            "/register/complete",
            &self.attestation_body(auth, &data, &session, fmt),
        );
        r.ok_json()["token"].as_str().expect("token").into()
    }

    /// `/signin/begin` with `body` (RPID and Origin added): `(data, session)`.
    pub fn begin_signin(&self, mut body: Value) -> (Value, String) {
        body["RPID"] = json!(self.rp_id);
        body["Origin"] = json!(self.origin);
        let r = self.post("/signin/begin", &body);
        let v = r.ok_json();
        (
            v["data"].clone(),
            v["session"].as_str().expect("session").into(),
        )
    }

    /// The body of `/signin/complete` for `auth` answering `data`.
    pub fn assertion_body(
        &self,
        auth: &Authenticator,
        data: &Value,
        session: &str,
        user_handle: Option<&str>,
    ) -> Value {
        let challenge = URL_SAFE_NO_PAD
            .decode(data["challenge"].as_str().expect("challenge"))
            .expect("base64url challenge");
        let client = client_data("webauthn.get", &challenge, &self.origin);
        let rp = data["rpId"].as_str().unwrap_or("");
        let (auth_data, signature) = auth.assert(rp, &client);
        let body = SigninCompleteRequest {
            session: session.into(),
            response: AssertionCredential {
                id: b64(&auth.credential_id),
                raw_id: b64(&auth.credential_id),
                kind: "public-key".into(),
                client_extension_results: ClientExtensionResults::default(),
                response: AssertionResponse {
                    authenticator_data: b64(&auth_data),
                    client_data_json: b64(&client),
                    signature: b64(&signature),
                    user_handle: user_handle.map(|u| b64(u.as_bytes())),
                },
            },
            rp_id: self.rp_id.clone(),
            origin: self.origin.clone(),
        };
        serde_json::to_value(body).expect("serialises")
    }

    pub fn sign_in(&self, auth: &Authenticator, begin: Value, user_handle: Option<&str>) -> Resp {
        let (data, session) = self.begin_signin(begin);
        self.post(
            "/signin/complete",
            &self.assertion_body(auth, &data, &session, user_handle),
        )
    }

    /// `POST /signin/verify` with the secret: the VerifiedUser.
    pub fn verify(&self, token: &str) -> Value {
        self.env
            .post("/signin/verify", &json!({ "token": token }).to_string())
            .ok_json()
    }
}

pub fn keys() -> Vec<(&'static str, TestKey)> {
    vec![
        ("ES256", TestKey::es256(1)),
        ("EdDSA", TestKey::eddsa(2)),
        ("RS256", TestKey::rsa(alg::RS256)),
        ("PS256", TestKey::rsa(alg::PS256)),
    ]
}

#[test]
fn register_and_sign_in_with_every_key_and_format() {
    let env = Env::new();
    let browser = Browser::new(&env);
    let mut n = 0;
    for (name, key) in keys() {
        for fmt in [Fmt::None, Fmt::Packed] {
            n += 1;
            let user = format!("user-{n}");
            let id = format!("cred-{n}").into_bytes();
            let mut auth = Authenticator::new(key.clone(), &id);
            let token = browser.register(&auth, &user, fmt);
            let v = browser.verify(&token);
            assert_eq!(v["type"], "passkey_register", "{name} {fmt:?}");
            assert_eq!(v["userId"], user.as_str());
            assert_eq!(v["credentialId"], STANDARD.encode(&id));
            assert_eq!(v["rpId"], RP);
            assert_eq!(v["origin"], ORIGIN);
            assert_eq!(v["nickname"], "Test key");
            assert_eq!(v["device"], "Chrome, Mac OS X 10");
            assert_eq!(v["country"], "SE");
            assert_eq!(v["purpose"], Value::Null);

            // Sign in three ways; the counter moves forward each time.
            let alias = format!("{user}@example.com");
            let ways = [
                (json!({"userId": user}), None),
                (json!({"alias": alias}), None),
                (json!({}), Some(user.as_str())),
            ];
            for (begin, handle) in ways {
                auth.counter += 1;
                let r = browser.sign_in(&auth, begin.clone(), handle);
                let token = r.ok_json()["token"].as_str().expect("token").to_string();
                let v = browser.verify(&token);
                assert_eq!(v["type"], "passkey_signin", "{name} {fmt:?} {begin}");
                assert_eq!(v["userId"], user.as_str());
                assert_eq!(v["credentialId"], STANDARD.encode(&id));
                assert_eq!(v["purpose"], "sign-in");
                assert_eq!(v["nickname"], "Test key");
                assert_eq!(v["rpId"], RP);
                assert_eq!(v["origin"], ORIGIN);
                assert_eq!(v["success"], true);
            }
            let list = env
                .get(&format!("/credentials/list?userId={user}"))
                .ok_json();
            let c = &list["values"][0];
            assert_eq!(c["signatureCounter"], 3, "{name} {fmt:?}");
            let fmt_name = if fmt == Fmt::None { "none" } else { "packed" };
            assert_eq!(c["attestationFmt"], fmt_name);
        }
    }
}

#[test]
fn the_stored_credential_is_what_the_authenticator_sent() {
    let env = Env::new();
    let browser = Browser::new(&env);
    let mut auth = Authenticator::new(TestKey::es256(5), b"stored-cred");
    auth.aaguid = [0x08; 16];
    auth.counter = 4;
    auth.flags |= passwordless_webauthn::flags::BE | passwordless_webauthn::flags::BS;
    browser.register(&auth, "alice", Fmt::None);
    let list = env.get("/credentials/list?userId=alice").ok_json();
    let c = &list["values"][0];
    assert_eq!(
        c["descriptor"],
        json!({"type": "public-key", "id": b64(b"stored-cred")})
    );
    let cose = passwordless_webauthn::testkit::cbor(&auth.key.cose());
    assert_eq!(c["publicKey"], STANDARD.encode(cose));
    assert_eq!(c["userHandle"], STANDARD.encode("alice"));
    assert_eq!(c["signatureCounter"], 4);
    assert_eq!(c["aaGuid"], "08080808-0808-0808-0808-080808080808");
    assert_eq!(c["rpid"], RP);
    assert_eq!(c["origin"], ORIGIN);
    assert_eq!(c["device"], "Chrome, Mac OS X 10");
    assert_eq!(c["country"], "SE");
    assert_eq!(c["nickname"], "Test key");
    assert_eq!(c["userId"], "alice");
    assert_eq!(c["backupState"], true);
    assert_eq!(c["isBackupEligible"], true);
    assert_eq!(c["isDiscoverable"], true);
    assert_eq!(c["createdAt"], c["lastUsedAt"]);
    // The alias from the register token now belongs to the user.
    let aliases = env.get("/alias/list?userId=alice").ok_json();
    assert_eq!(aliases["values"].as_array().map(Vec::len), Some(1));

    // Signing in from another device and country updates them, the counter and last use.
    auth.counter = 9;
    let (data, session) = browser.begin_signin(json!({"userId": "alice"}));
    let body = browser.assertion_body(&auth, &data, &session, None);
    let r = env.send(
        "POST",
        "/signin/complete",
        &[
            ("ApiKey", DEV_API_KEY),
            ("Content-Type", "application/json"),
            (
                "User-Agent",
                "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0",
            ),
        ],
        Some(&body.to_string()),
    );
    let token = r.ok_json()["token"].as_str().unwrap().to_string();
    let v = browser.verify(&token);
    assert_eq!(v["device"], "Firefox, Linux ");
    assert_eq!(v["country"], "");
    let c = &env.get("/credentials/list?userId=alice").ok_json()["values"][0];
    assert_eq!(c["signatureCounter"], 9);
    assert_eq!(c["device"], "Firefox, Linux ");
    assert_eq!(c["country"], "");
    assert_ne!(c["createdAt"], c["lastUsedAt"]);
}

#[test]
fn creation_options_follow_the_register_token() {
    let env = Env::new();
    let browser = Browser::new(&env);
    let token = browser.register_token(json!({
        "userId": "bob", "username": "bob@example.com", "displayName": "Bob",
        "discoverable": false, "userVerification": "required", "authenticatorType": "platform",
    }));
    let (data, session) = browser.begin_register(&token);
    assert!(session.starts_with("session_"), "{session}");
    let challenge = URL_SAFE_NO_PAD
        .decode(data["challenge"].as_str().unwrap())
        .unwrap();
    assert_eq!(challenge.len(), 16);
    let mut shown = data.clone();
    shown["challenge"] = json!("…");
    let params: Vec<Value> = [-8, -7, -257, -37, -35, -258, -38, -36, -259, -39]
        .iter()
        .map(|a| json!({"type": "public-key", "alg": a}))
        .collect();
    assert_eq!(
        shown,
        json!({
            "rp": {"id": RP, "name": RP},
            "user": {"name": "bob@example.com", "id": b64(b"bob"), "displayName": "Bob"},
            "challenge": "…",
            "pubKeyCredParams": params,
            "timeout": 60000,
            "attestation": "none",
            "attestationFormats": [],
            "authenticatorSelection": {
                "authenticatorAttachment": "platform",
                "residentKey": "discouraged",
                "requireResidentKey": false,
                "userVerification": "required"
            },
            "hints": [],
            "excludeCredentials": [],
            "extensions": {"credProps": true}
        })
    );
    // Member order as the server writes it.
    let keys: Vec<&String> = data.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "rp",
            "user",
            "challenge",
            "pubKeyCredParams",
            "timeout",
            "attestation",
            "attestationFormats",
            "authenticatorSelection",
            "hints",
            "excludeCredentials",
            "extensions"
        ]
    );

    // Defaults, hints choosing the attachment, and the user's existing credentials excluded.
    let auth = Authenticator::new(TestKey::es256(1), b"first");
    browser.register(&auth, "carol", Fmt::None);
    let token = browser.register_token(json!({
        "userId": "carol", "username": "carol", "hints": ["client-device", "hybrid"]
    }));
    let (data, _) = browser.begin_register(&token);
    assert_eq!(data["user"]["displayName"], "carol");
    assert_eq!(
        data["authenticatorSelection"],
        json!({"authenticatorAttachment": "platform", "residentKey": "required", "requireResidentKey": true, "userVerification": "preferred"})
    );
    assert_eq!(data["hints"], json!(["client-device", "hybrid"]));
    assert_eq!(
        data["excludeCredentials"],
        json!([{"type": "public-key", "id": b64(b"first")}])
    );
}

#[test]
fn request_options_follow_the_user_and_the_auth_configuration() {
    let env = Env::new();
    let browser = Browser::new(&env);
    let mut auth = Authenticator::new(TestKey::es256(1), b"dave-key");
    browser.register(&auth, "dave", Fmt::None);
    let (data, session) = browser.begin_signin(json!({"userId": "dave"}));
    assert!(session.starts_with("session_"));
    let mut shown = data.clone();
    shown["challenge"] = json!("…");
    assert_eq!(
        shown,
        json!({
            "challenge": "…",
            "timeout": 60000,
            "rpId": RP,
            "allowCredentials": [{"type": "public-key", "id": b64(b"dave-key")}],
            "userVerification": "preferred",
            "hints": []
        })
    );
    let (by_alias, _) = browser.begin_signin(json!({"alias": "dave@example.com"}));
    assert_eq!(by_alias["allowCredentials"], data["allowCredentials"]);
    for nobody in [
        json!({}),
        json!({"alias": "nobody"}),
        json!({"userId": "nobody"}),
    ] {
        let (d, _) = browser.begin_signin(nobody);
        assert_eq!(d["allowCredentials"], json!([]));
    }

    // A purpose with its own configuration: user verification and the token's lifetime.
    let r = env.post(
        "/auth-configs/add",
        r#"{"purpose":"checkout","userVerificationRequirement":"required","timeToLive":"00:05:00","hints":["security-key"],"performedBy":"me"}"#,
    );
    assert_eq!(r.status, 201, "{}", r.text);
    let (d, session) = browser.begin_signin(json!({"userId": "dave", "purpose": "checkout"}));
    assert_eq!(d["userVerification"], "required");
    assert_eq!(d["hints"], json!(["security-key"]));
    auth.counter = 1;
    let body = browser.assertion_body(&auth, &d, &session, None);
    let token = browser.post("/signin/complete", &body).ok_json()["token"]
        .as_str()
        .unwrap()
        .to_string();
    let v = browser.verify(&token);
    assert_eq!(v["purpose"], "checkout");
    let issued = crate::dates::parse_stored(v["timestamp"].as_str().unwrap()).unwrap();
    let expires = crate::dates::parse_stored(v["expiresAt"].as_str().unwrap()).unwrap();
    assert_eq!((expires - issued).whole_seconds(), 300);
    let configs = env.get("/auth-configs/list?purpose=checkout").ok_json();
    assert!(configs["configurations"][0]["lastUsedOn"].is_string());

    // An unknown purpose falls back to sign-in, which is stored on first use.
    auth.counter = 2;
    let r = browser.sign_in(&auth, json!({"userId": "dave", "purpose": "nope"}), None);
    let v = browser.verify(r.ok_json()["token"].as_str().unwrap());
    assert_eq!(v["purpose"], "sign-in");
    let issued = crate::dates::parse_stored(v["timestamp"].as_str().unwrap()).unwrap();
    let expires = crate::dates::parse_stored(v["expiresAt"].as_str().unwrap()).unwrap();
    assert_eq!((expires - issued).whole_seconds(), 120);
    let configs = env.get("/auth-configs/list?purpose=sign-in").ok_json();
    assert!(configs["configurations"][0]["lastUsedOn"].is_string());

    // The server's quirk: an unknown purpose starts from the sign-in *preset*, ignoring stored
    // edits, but the token's lifetime then comes from the stored sign-in configuration.
    let r = env.post(
        "/auth-configs",
        r#"{"purpose":"sign-in","userVerificationRequirement":"required","timeToLive":"00:03:00","performedBy":"me"}"#,
    );
    assert_eq!(r.status, 204, "{}", r.text);
    let (d, session) = browser.begin_signin(json!({"userId": "dave", "purpose": "other"}));
    assert_eq!(d["userVerification"], "preferred");
    auth.counter = 3;
    let body = browser.assertion_body(&auth, &d, &session, None);
    let token = browser.post("/signin/complete", &body).ok_json()["token"]
        .as_str()
        .unwrap()
        .to_string();
    let v = browser.verify(&token);
    assert_eq!(v["purpose"], "sign-in");
    let issued = crate::dates::parse_stored(v["timestamp"].as_str().unwrap()).unwrap();
    let expires = crate::dates::parse_stored(v["expiresAt"].as_str().unwrap()).unwrap();
    assert_eq!((expires - issued).whole_seconds(), 180);
}

#[test]
fn the_official_browser_clients_spelling_binds() {
    // client-js sends `AttestationObject` and `clientDataJson`, and no userHandle at sign-in.
    let env = Env::new();
    let browser = Browser::new(&env);
    let mut auth = Authenticator::new(TestKey::es256(7), b"js-cred");
    let token = browser.register_token(json!({"userId": "erin", "username": "erin"}));
    let (data, session) = browser.begin_register(&token);
    let body = browser.attestation_body(&auth, &data, &session, Fmt::None);
    let inner = &body["response"]["response"];
    let js = json!({
        "session": session,
        "response": {
            "id": body["response"]["id"],
            "rawId": body["response"]["rawId"],
            "type": "public-key",
            "clientExtensionResults": {},
            "response": {
                "AttestationObject": inner["attestationObject"],
                "clientDataJson": inner["clientDataJSON"],
                "transports": ["internal", "hybrid"]
            }
        },
        "nickname": null,
        "RPID": RP,
        "Origin": ORIGIN
    });
    let r = browser.post("/register/complete", &js);
    let v = browser.verify(r.ok_json()["token"].as_str().unwrap());
    assert_eq!(v["nickname"], Value::Null);
    let c = &env.get("/credentials/list?userId=erin").ok_json()["values"][0];
    assert_eq!(c["isDiscoverable"], Value::Null);
    auth.counter = 1;
    let r = browser.sign_in(
        &auth,
        json!({"userId": "erin", "alias": null, "purpose": "sign-in"}),
        None,
    );
    assert!(
        r.ok_json()["token"]
            .as_str()
            .unwrap()
            .starts_with("verify_")
    );
}
