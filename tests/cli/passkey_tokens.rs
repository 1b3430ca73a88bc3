//! Verify tokens from real passkey ceremonies: the test registers an ES256 key and signs in with
//! it through the emulator's four frontend routes (as a browser would, over HTTP), then checks
//! that `passwordless verify` accepts the `passkey_register` and `passkey_signin` tokens with the
//! credential's details. Also the `emulator --origin` option's checks.

use std::io::{Read, Write};
use std::net::TcpStream;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ciborium::Value;
use p256::ecdsa::signature::Signer;
use serde_json::{Value as Json, json};
use sha2::{Digest, Sha256};

use crate::common::TestEnv;
use crate::snap;

const ORIGIN: &str = "http://localhost:8080";
const UA: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36";

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn cbor(value: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    ciborium::into_writer(value, &mut out).expect("CBOR encodes");
    out
}

/// A one-credential ES256 authenticator.
struct Key {
    signing: p256::ecdsa::SigningKey,
    id: Vec<u8>,
    counter: u32,
}

impl Key {
    fn cose(&self) -> Vec<u8> {
        let point = self.signing.verifying_key().to_sec1_point(false);
        let xy = point.as_bytes();
        let int = |i: i64| Value::Integer(i.into());
        cbor(&Value::Map(vec![
            (int(1), int(2)),
            (int(3), int(-7)),
            (int(-1), int(1)),
            (int(-2), Value::Bytes(xy[1..33].to_vec())),
            (int(-3), Value::Bytes(xy[33..].to_vec())),
        ]))
    }

    fn auth_data(&self, rp_id: &str, attested: bool) -> Vec<u8> {
        let mut out = Sha256::digest(rp_id.as_bytes()).to_vec();
        out.push(if attested { 0x45 } else { 0x05 }); // UP | UV (| AT)
        out.extend_from_slice(&self.counter.to_be_bytes());
        if attested {
            out.extend_from_slice(&[0u8; 16]);
            out.extend_from_slice(&(self.id.len() as u16).to_be_bytes());
            out.extend_from_slice(&self.id);
            out.extend_from_slice(&self.cose());
        }
        out
    }
}

fn client_data(kind: &str, challenge: &str) -> Vec<u8> {
    format!(r#"{{"type":"{kind}","challenge":"{challenge}","origin":"{ORIGIN}"}}"#).into_bytes()
}

/// POSTs `body` to the emulator with the public key, over a plain HTTP/1.1 connection (tests
/// outside `src/api` do not use the HTTP client library), and returns the 200 answer's JSON.
fn post(env: &TestEnv, path: &str, body: &Json) -> Json {
    let body = body.to_string();
    let mut stream = TcpStream::connect(env.emulator.addr()).expect("the emulator listens");
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: localhost\r\nApiKey: {}\r\nUser-Agent: {UA}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        passwordless::emulator::DEV_API_KEY,
        body.len()
    )
    .expect("the request is sent");
    let mut answer = String::new();
    stream
        .read_to_string(&mut answer)
        .expect("the answer is read");
    let (head, rest) = answer.split_once("\r\n\r\n").expect("an HTTP answer");
    assert!(head.starts_with("HTTP/1.1 200"), "{path}: {answer}");
    serde_json::from_str(rest).unwrap_or_else(|e| panic!("{path}: {e}: {rest}"))
}

/// Registers `key` for user 42 (nickname "CI key") and signs in with it: both verify tokens.
fn ceremonies(env: &TestEnv, key: &mut Key) -> (String, String) {
    let token = env.value(&["register-token", "--user-id", "42", "--quiet"]);
    let begin = post(
        env,
        "/register/begin",
        &json!({"token": token, "RPID": "localhost", "Origin": ORIGIN}),
    );
    let client = client_data(
        "webauthn.create",
        begin["data"]["challenge"].as_str().unwrap(),
    );
    let object = cbor(&Value::Map(vec![
        (Value::Text("fmt".into()), Value::Text("none".into())),
        (Value::Text("attStmt".into()), Value::Map(vec![])),
        (
            Value::Text("authData".into()),
            Value::Bytes(key.auth_data("localhost", true)),
        ),
    ]));
    let done = post(
        env,
        "/register/complete",
        &json!({
            "session": begin["session"],
            "response": {"id": b64(&key.id), "rawId": b64(&key.id), "type": "public-key",
                "clientExtensionResults": {},
                "response": {"attestationObject": b64(&object), "clientDataJSON": b64(&client), "transports": []}},
            "nickname": "CI key", "RPID": "localhost", "Origin": ORIGIN,
        }),
    );
    let registered = done["token"].as_str().unwrap().to_string();

    key.counter += 1;
    let begin = post(
        env,
        "/signin/begin",
        &json!({"userId": "42", "RPID": "localhost", "Origin": ORIGIN}),
    );
    let client = client_data("webauthn.get", begin["data"]["challenge"].as_str().unwrap());
    let auth_data = key.auth_data("localhost", false);
    let mut signed = auth_data.clone();
    signed.extend_from_slice(&Sha256::digest(&client));
    let signature: p256::ecdsa::Signature = key.signing.sign(&signed);
    let done = post(
        env,
        "/signin/complete",
        &json!({
            "session": begin["session"],
            "response": {"id": b64(&key.id), "rawId": b64(&key.id), "type": "public-key",
                "clientExtensionResults": {},
                "response": {"authenticatorData": b64(&auth_data), "clientDataJSON": b64(&client),
                    "signature": b64(signature.to_der().as_bytes())}},
            "RPID": "localhost", "Origin": ORIGIN,
        }),
    );
    (registered, done["token"].as_str().unwrap().to_string())
}

#[test]
fn passkey_tokens_verify_with_the_cli() {
    let env = TestEnv::plain_http();
    let mut key = Key {
        signing: p256::ecdsa::SigningKey::from_slice(&[7u8; 32]).expect("a valid scalar"),
        id: b"ci-credential".to_vec(),
        counter: 0,
    };
    let (registered, signed_in) = ceremonies(&env, &mut key);
    let run = env.run(&["verify", &signed_in]);
    snap!(env, run, times, @"
    exit: 0
    --- stdout
    userId	42
    success	true
    type	passkey_signin
    purpose	sign-in
    credentialId	Y2ktY3JlZGVudGlhbA==
    nickname	CI key
    device	HeadlessChrome, Linux
    country	-
    origin	http://localhost:8080
    rpId	localhost
    timestamp	[TIME] UTC
    expiresAt	[TIME] UTC
    tokenId	00000000-0000-4000-8000-000000000002
    --- stderr
    ");
    let run = env.run(&["verify", &registered, "--json"]);
    assert_eq!(run.code, 0, "{run}");
    let json = run.json();
    assert_eq!(json["type"], "passkey_register");
    assert_eq!(json["credentialId"], "Y2ktY3JlZGVudGlhbA==");
    assert_eq!(json["purpose"], Json::Null);
    // The credential is listed for the user.
    let run = env.run(&["credentials", "list", "--user-id", "42", "--json"]);
    assert_eq!(run.code, 0, "{run}");
    let list = run.json();
    assert_eq!(list[0]["descriptor"]["id"], b64(b"ci-credential"));
    assert_eq!(list[0]["signatureCounter"], 1);
}

#[test]
fn emulator_origin_option_is_checked() {
    let env = TestEnv::plain_http_without_secret();
    let run = env.run(&[
        "emulator",
        "--port",
        "0",
        "--origin",
        "https://app.example/login",
    ]);
    assert_eq!(run.code, 2, "{run}");
    assert!(
        run.stderr
            .contains("an origin is only scheme://host[:port]"),
        "{run}"
    );
    let run = env.run(&["emulator", "exec", "--origin", "app.example", "--", "true"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("is not a URL"), "{run}");
}
