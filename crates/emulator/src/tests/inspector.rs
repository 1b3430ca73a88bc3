//! The inspector: its page and assets at `/_emulator/`, and `GET /_emulator/inspect`, the
//! read-only snapshot the page polls (capped lists, masked secrets and tokens).

use serde_json::Value;

use super::{Env, seeded};
use crate::DEV_API_SECRET;

fn inspect(env: &Env, query: &str) -> Value {
    env.send("GET", &format!("/_emulator/inspect{query}"), &[], None)
        .ok_json()
}

fn dev_app(v: &Value) -> &Value {
    v["apps"]
        .as_array()
        .expect("apps")
        .iter()
        .find(|a| a["appId"] == "devapp")
        .expect("the development app")
}

#[test]
fn the_page_and_its_assets_are_served_under_the_guard() {
    let env = Env::new();
    for path in ["/_emulator/", "/_emulator", "/_EMULATOR/"] {
        let r = env.send("GET", path, &[], None);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
        assert!(
            r.text.contains("/_emulator/page/inspector.js"),
            "{}",
            r.text
        );
        assert_eq!(
            r.header("content-security-policy"),
            Some("default-src 'self';"),
            "no inline script is needed"
        );
    }
    for (name, kind) in [
        ("inspector.js", "text/javascript; charset=utf-8"),
        ("inspector.css", "text/css; charset=utf-8"),
    ] {
        let r = env.send("GET", &format!("/_emulator/page/{name}"), &[], None);
        assert_eq!((r.status, r.header("content-type")), (200, Some(kind)));
    }
    let script = env
        .send("GET", "/_emulator/page/inspector.js", &[], None)
        .text;
    assert!(
        !script.contains("innerHTML") && !script.contains("insertAdjacentHTML"),
        "server text is written with textContent only"
    );
    // Another site's page cannot read it, nor the data behind it.
    for path in ["/_emulator/", "/_emulator/inspect"] {
        let r = env.send("GET", path, &[("Origin", "https://evil.example")], None);
        assert_eq!(r.status, 403, "{path}");
        let r = env.send("GET", path, &[("Host", "evil.example")], None);
        assert_eq!(r.status, 403, "{path}");
    }
    assert_eq!(
        env.send("POST", "/_emulator/inspect", &[], None).status,
        405
    );
}

#[test]
fn inspect_shows_users_aliases_credentials_events_and_the_outbox_masked() {
    let env = seeded();
    let body = r#"{"emailAddress":"a@b.c","urlTemplate":"https://app.example/login?token=$TOKEN","userId":"alice"}"#;
    assert_eq!(env.post("/magic-links/send", body).status, 204);
    let v = inspect(&env, "");
    assert_eq!(v["limit"], 50);
    assert!(v["now"].as_str().expect("now").ends_with('Z'), "{v}");
    let app = dev_app(&v);
    assert_eq!(
        (
            &app["userCount"],
            &app["aliasCount"],
            &app["credentialCount"]
        ),
        (&Value::from(3), &Value::from(2), &Value::from(3)),
        "{app}"
    );
    let users = app["users"].as_array().expect("users");
    let alice = users
        .iter()
        .find(|u| u["userId"] == "alice")
        .expect("alice");
    assert_eq!(alice["aliases"], serde_json::json!(["alice@example.com"]));
    let ids: Vec<&str> = alice["credentials"]
        .as_array()
        .expect("credentials")
        .iter()
        .map(|c| c["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, ["AQIDBA", "BQYHCA"]);
    let bob = users.iter().find(|u| u["userId"] == "bob").expect("bob");
    let hashed = bob["aliases"][0].as_str().expect("a hashed alias");
    assert_ne!(hashed, "bob", "a hashed alias shows as its hash");
    assert_eq!(
        app["events"][0]["eventType"], "ApiUserMagicLinkCreated",
        "{app}"
    );

    assert_eq!(v["outboxCount"], 1);
    let mail = &v["outbox"][0];
    assert_eq!(
        (&mail["to"], &mail["userId"]),
        (&"a@b.c".into(), &"alice".into())
    );
    assert!(mail.get("token").is_none(), "{mail}");
    let link = mail["link"].as_str().expect("link");
    assert!(
        link.starts_with("https://app.example/login?token=****"),
        "{link}"
    );

    // No secret and no live token anywhere in the answer.
    let text = v.to_string();
    let secret_body = DEV_API_SECRET.rsplit(':').next().expect("hex");
    assert!(!text.contains(secret_body), "{text}");
    let outbox = env.send("GET", "/_emulator/outbox", &[], None).ok_json();
    let token = outbox[0]["token"].as_str().expect("token");
    assert!(!text.contains(&token[..24]), "{text}");
    assert!(
        text.contains(&format!("devapp:secret:****{}", &secret_body[28..])),
        "secrets are shown masked"
    );
}

#[test]
fn every_list_is_capped_by_limit() {
    let env = seeded();
    let v = inspect(&env, "?limit=1");
    let app = dev_app(&v);
    assert_eq!(app["users"].as_array().expect("users").len(), 1);
    assert_eq!(app["userCount"], 3, "the count is of all users");
    for bad in ["0", "1001", "x", "-1"] {
        let r = env.send("GET", &format!("/_emulator/inspect?limit={bad}"), &[], None);
        let title = r.problem(400)["title"].as_str().expect("title").to_owned();
        assert_eq!(
            title,
            format!("\"limit\" must be a whole number from 1 to 1000: \"{bad}\"")
        );
    }
}
