//! The emulator's demo page at `/` and its emulator-only backend routes: the page carries the
//! public key and never the secret, its script and styles are files (the CSP forbids inline
//! ones), and the two backend steps run the real handlers with the development app's secret.

use crate::common::{DEV_SECRET, TestEnv};

const DEV_API_KEY: &str = passwordless::emulator::DEV_API_KEY;

fn get(env: &TestEnv, path: &str) -> reqwest::blocking::Response {
    reqwest::blocking::get(format!("{}{path}", env.emulator.base_url()))
        .expect("the emulator answers")
}

fn post(env: &TestEnv, path: &str, body: &str) -> reqwest::blocking::Response {
    reqwest::blocking::Client::new()
        .post(format!("{}{path}", env.emulator.base_url()))
        .header("Content-Type", "application/json")
        .body(body.to_owned())
        .send()
        .expect("the emulator answers")
}

#[test]
fn the_page_holds_the_public_key_and_never_the_secret() {
    let env = TestEnv::new();
    let page = get(&env, "/");
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["content-type"], "text/html; charset=utf-8");
    assert_eq!(
        page.headers()["content-security-policy"],
        "default-src 'self';"
    );
    let html = page.text().unwrap();
    assert!(
        html.contains(&format!(r#"content="{DEV_API_KEY}""#)),
        "{html}"
    );
    assert!(!html.contains(DEV_SECRET) && !html.contains(":secret:"));
    // No inline script or style: the page's own CSP would block them.
    assert!(html.contains(r#"<script type="module" src="/_emulator/page/app.js">"#));
    assert!(!html.contains("<style") && !html.contains("style="));

    let script = get(&env, "/_emulator/page/app.js");
    assert_eq!(script.status(), 200);
    assert_eq!(
        script.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    assert!(
        script
            .text()
            .unwrap()
            .contains("navigator.credentials.create")
    );
    assert_eq!(get(&env, "/_emulator/page/style.css").status(), 200);
    assert_eq!(get(&env, "/_emulator/page/secret.txt").status(), 404);
}

#[test]
fn demo_backend_steps_use_the_dev_secret_inside_the_emulator() {
    let env = TestEnv::new();
    let response = post(
        &env,
        "/_emulator/demo/register-token",
        r#"{"userId":"page-user","username":"page-user"}"#,
    );
    assert_eq!(response.status(), 200);
    let token: serde_json::Value = response.json().unwrap();
    assert!(token["token"].as_str().unwrap().starts_with("register_"));
    // The real handler's validation answers through the demo route too.
    let response = post(
        &env,
        "/_emulator/demo/register-token",
        r#"{"username":"x"}"#,
    );
    assert_eq!(response.status(), 400);

    let signin = env.value(&["signin-token", "--user-id", "page-user", "--quiet"]);
    let response = post(
        &env,
        "/_emulator/demo/verify",
        &format!(r#"{{"token":"{signin}"}}"#),
    );
    assert_eq!(response.status(), 200);
    let user: serde_json::Value = response.json().unwrap();
    assert_eq!(user["userId"], "page-user");
    let response = post(
        &env,
        "/_emulator/demo/verify",
        r#"{"token":"verify_garbage"}"#,
    );
    assert_eq!(response.status(), 400);
    let problem: serde_json::Value = response.json().unwrap();
    assert_eq!(problem["errorCode"], "invalid_token_format", "{problem}");
    assert_eq!(get(&env, "/_emulator/demo/verify").status(), 405);
}
