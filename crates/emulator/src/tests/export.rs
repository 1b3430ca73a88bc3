//! `GET /_emulator/export` and seeds read back from it: an export seeds an emulator whose export
//! is the same document (several apps, pinned keys, settings, users, passkeys, fault rules), a
//! passkey registered on one emulator signs in on the other, and secrets stay out unless asked.

use serde_json::{Value, json};

use super::passkeys::Browser;
use super::{Env, create_app, seeded};
use crate::{DEV_API_SECRET, EmulatorConfig, Seed};
use passwordless_webauthn::testkit::{Authenticator, Fmt, TestKey};

/// The control routes' answer as a seed, and the raw text.
fn export(env: &Env, secrets: bool) -> (Value, String) {
    let path = if secrets {
        "/_emulator/export?secrets=true"
    } else {
        "/_emulator/export"
    };
    let r = env.send("GET", path, &[], None);
    let value = r.ok_json();
    (value, r.text)
}

fn start_from(seed: &Value) -> Env {
    let seed: Seed = serde_json::from_value(seed.clone()).expect("the export reads as a seed");
    Env::with(EmulatorConfig {
        deterministic: true,
        seed: Some(seed),
        ..EmulatorConfig::default()
    })
}

/// A busy emulator: the seeded users, a registered passkey, a second app with its own user,
/// an auth configuration, an allow list, changed features and two fault rules.
fn busy() -> (Env, Authenticator, String) {
    let env = seeded();
    let auth = Authenticator::new(TestKey::es256(3), b"export-cred");
    let browser = Browser::new(&env);
    browser.register(&auth, "dave", Fmt::None);
    let begin = json!({"userId": "dave"});
    let token = browser.sign_in(&auth, begin, None).ok_json()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(browser.verify(&token)["userId"], "dave");
    let secret = create_app(&env, "shop", json!({"adminEmail": "ops@example.com"}));
    let r = env.post_as(
        &secret,
        "/alias",
        r#"{"userId":"s1","aliases":["s1@example.com"],"hashing":false}"#,
    );
    assert_eq!(r.status, 204, "{}", r.text);
    let body = r#"{"purpose":"checkout","userVerificationRequirement":"required","timeToLive":"00:03:00","hints":["security-key","hybrid"],"performedBy":"me"}"#;
    assert_eq!(env.post("/auth-configs/add", body).status, 201);
    let add = r#"{"aaGuids":["08987058-cadc-4b81-b6e1-30de50dcbe96"],"isAllowed":true}"#;
    assert_eq!(env.post("/authenticators/add", add).status, 204);
    assert_eq!(
        env.post("/apps/features", r#"{"eventLoggingRetentionPeriod":30,"enableManuallyGeneratedAuthenticationTokens":false}"#)
            .status,
        204
    );
    for rule in [
        r#"{"path":"/users/count","status":503,"count":2}"#,
        r#"{"method":"POST","path":"/magic-links/*","drop":true,"probability":0.5,"seed":7}"#,
    ] {
        let r = env.send(
            "POST",
            "/_emulator/faults",
            &[("Content-Type", "application/json")],
            Some(rule),
        );
        assert_eq!(r.status, 201, "{}", r.text);
    }
    (env, auth, secret)
}

#[test]
fn an_export_seeds_an_emulator_that_exports_the_same() {
    let (a, _, shop_secret) = busy();
    let (first, text) = export(&a, true);
    assert!(text.contains(DEV_API_SECRET) && text.contains(&shop_secret));
    let apps: Vec<&str> = first["apps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|app| app["appId"].as_str().unwrap())
        .collect();
    assert_eq!(apps, ["devapp", "shop"]);
    assert_eq!(first["faults"].as_array().unwrap().len(), 2);
    let b = start_from(&first);
    let (second, _) = export(&b, true);
    assert_eq!(first, second);
    // The second app's pinned secret works on the copy.
    assert_eq!(b.get_as(&shop_secret, "/users/list").status, 200);
    // TOML carries the same document.
    let toml_text = toml::to_string(&serde_json::from_value::<Seed>(first.clone()).unwrap())
        .expect("an export writes as TOML");
    let back: Seed = toml::from_str(&toml_text).expect("and reads back");
    assert_eq!(serde_json::to_value(back).unwrap(), first);
}

#[test]
fn a_passkey_registered_on_one_emulator_signs_in_on_its_copy() {
    let (a, auth, _) = busy();
    let (seed, _) = export(&a, true);
    drop(a);
    let b = start_from(&seed);
    let browser = Browser::new(&b);
    let r = browser.sign_in(&auth, json!({"userId": "dave"}), None);
    let token = r.ok_json()["token"].as_str().unwrap().to_owned();
    assert_eq!(browser.verify(&token)["userId"], "dave");
    // The credential was used: its last use moved on the copy.
    let (after, _) = export(&b, false);
    let last_used = |export: &Value| {
        export["apps"][0]["users"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["userId"] == "dave")
            .unwrap()["credentials"][0]["lastUsedAt"]
            .clone()
    };
    assert_ne!(last_used(&after), last_used(&seed));
}

#[test]
fn without_secrets_no_secret_key_is_written_and_the_copy_makes_fresh_ones() {
    let (a, _, shop_secret) = busy();
    let (seed, text) = export(&a, false);
    assert!(!text.contains(DEV_API_SECRET), "{text}");
    assert!(!text.contains(&shop_secret), "{text}");
    assert!(!text.contains(":secret:"), "{text}");
    assert!(
        text.contains(crate::DEV_API_KEY),
        "public keys are not secret"
    );
    let b = start_from(&seed);
    // The development app answers to the configured secret, as ever.
    assert_eq!(b.get("/users/list").status, 200);
    // The other app's secret is new, with the same id (its last four characters).
    assert_eq!(b.get_as(&shop_secret, "/users/list").status, 401);
    let (copy, _) = export(&b, false);
    assert_eq!(copy, seed);
}

#[test]
fn reset_returns_to_the_seeds_fault_rules() {
    let (a, _, _) = busy();
    let (seed, _) = export(&a, false);
    let b = start_from(&seed);
    let rules = |env: &Env| env.send("GET", "/_emulator/faults", &[], None).ok_json();
    assert_eq!(rules(&b).as_array().unwrap().len(), 2);
    assert_eq!(b.get("/users/count").status, 503);
    b.send("DELETE", "/_emulator/faults", &[], None);
    assert_eq!(rules(&b), json!([]));
    assert_eq!(b.send("POST", "/_emulator/reset", &[], None).status, 204);
    let back = rules(&b);
    assert_eq!(back.as_array().unwrap().len(), 2);
    assert_eq!(back[0]["remaining"], 2, "{back}");
}

#[test]
fn bad_apps_keys_and_faults_are_named() {
    let cases = [
        (
            json!({"apps": [{"appId": "a b"}]}),
            "apps[0].appId \"a b\" is not an app id",
        ),
        (
            json!({"apps": [{"appId": "x"}, {"appId": "x"}]}),
            "apps[1]: appId \"x\" is listed twice",
        ),
        (
            json!({"apps": [{"appId": "x", "apiKeyValues": ["y:secret:0123456789abcdef0123456789abcdef"]}]}),
            "apiKeyValues[0] is a key of app \"y\"",
        ),
        (
            json!({"apps": [{"appId": "x", "apiKeyValues": ["x:secret:0123456789abcdef0123456789abcdef"]}]}),
            "apiKeyValues[0] (id cdef) matches no secret key of apiKeys",
        ),
        (
            json!({"apps": [{"appId": "x", "apiKeyValues": ["x:secret:0123456789ABCDEF0123456789ABCDEF"]}]}),
            "apiKeyValues[0] does not end in 32 lower-case hex digits",
        ),
        (
            json!({"apps": [{"appId": "x", "users": [{"userId": "u", "aliasHashes": ["nope"]}]}]}),
            "aliasHashes[0] is not an alias hash",
        ),
        (
            json!({"faults": [{"path": "/a", "status": 42}]}),
            "faults[0]: status 42 is not an HTTP status",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (i, (seed, want)) in cases.into_iter().enumerate() {
        let path = dir.path().join(format!("seed{i}.json"));
        std::fs::write(&path, seed.to_string()).unwrap();
        let err = super::seed_error(&path);
        assert!(err.contains(want), "{err}\nwanted: {want}");
    }
}

#[test]
fn the_export_route_checks_its_query() {
    let env = Env::new();
    let r = env.send("GET", "/_emulator/export?secrets=yes", &[], None);
    assert_eq!(r.status, 400, "{}", r.text);
    assert!(
        r.text.contains("\\\"secrets\\\" is true or false"),
        "{}",
        r.text
    );
    // Guarded like every control route: a page of another origin gets nothing.
    let r = env.send(
        "GET",
        "/_emulator/export?secrets=true",
        &[("Origin", "https://evil.example")],
        None,
    );
    assert_eq!(r.status, 403);
    assert!(!r.text.contains(DEV_API_SECRET));
}

/// The older single-app form (top-level `users` and settings) loads beside `apps`: the top-level
/// members go into the development app first, then an `apps` entry of the same id adds to it.
#[test]
fn the_older_form_loads_beside_apps() {
    let env = start_from(&json!({
        "plan": "free",
        "users": [{"userId": "old", "aliases": ["old"]}],
        "apps": [
            {"appId": "devapp", "users": [{"userId": "new", "aliases": ["new"], "aliasHashing": false}]},
            {"appId": "other"}
        ]
    }));
    let (seed, _) = export(&env, false);
    let users: Vec<&str> = seed["apps"][0]["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["userId"].as_str().unwrap())
        .collect();
    assert_eq!(users, ["old", "new"]);
    assert_eq!(
        seed["apps"][0]["features"]["attestation"], false,
        "the plan"
    );
    // A new app without keys gets a public and a secret key.
    let kinds: Vec<&str> = seed["apps"][1]["apiKeys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["type"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["public", "secret"]);
    assert_eq!(env.emu.seeded_keys().len(), 2);
}
