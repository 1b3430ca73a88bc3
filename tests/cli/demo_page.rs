//! The emulator's demo page at `/` and its emulator-only backend routes: the page carries the
//! public key and never the secret, its script and styles are files (the CSP forbids inline
//! ones), and the two backend steps run the real handlers with the development app's secret.

use std::io::{Read, Write};
use std::net::TcpStream;

use crate::common::{DEV_SECRET, TestEnv};

const DEV_API_KEY: &str = passwordless::emulator::DEV_API_KEY;

/// One answer: status, header lines, body.
struct Answer {
    status: u16,
    headers: String,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// A plain HTTP/1.1 exchange, as the page's `fetch` makes it (tests outside `src/api` do not
/// use the HTTP client library). No key header: the demo routes need none.
fn http(env: &TestEnv, method: &str, path: &str, body: &str) -> Answer {
    let mut stream = TcpStream::connect(env.emulator.addr()).expect("the emulator listens");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .expect("the request is sent");
    let mut answer = String::new();
    stream
        .read_to_string(&mut answer)
        .expect("the answer is read");
    let (head, body) = answer.split_once("\r\n\r\n").expect("an HTTP answer");
    let (status_line, headers) = head.split_once("\r\n").unwrap_or((head, ""));
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    Answer {
        status,
        headers: headers.to_owned(),
        body: body.to_owned(),
    }
}

fn get(env: &TestEnv, path: &str) -> Answer {
    http(env, "GET", path, "")
}

fn post(env: &TestEnv, path: &str, body: &str) -> Answer {
    http(env, "POST", path, body)
}

#[test]
fn the_page_holds_the_public_key_and_never_the_secret() {
    let env = TestEnv::plain_http();
    let page = get(&env, "/");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(
        page.header("content-security-policy"),
        Some("default-src 'self';")
    );
    let html = &page.body;
    assert!(
        html.contains(&format!(r#"content="{DEV_API_KEY}""#)),
        "{html}"
    );
    assert!(!html.contains(DEV_SECRET) && !html.contains(":secret:"));
    // No inline script or style: the page's own CSP would block them.
    assert!(html.contains(r#"<script type="module" src="/_emulator/page/app.js">"#));
    assert!(!html.contains("<style") && !html.contains("style="));

    let script = get(&env, "/_emulator/page/app.js");
    assert_eq!(script.status, 200);
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(script.body.contains("navigator.credentials.create"));
    assert_eq!(get(&env, "/_emulator/page/style.css").status, 200);
    assert_eq!(get(&env, "/_emulator/page/secret.txt").status, 404);
}

#[test]
fn demo_backend_steps_use_the_dev_secret_inside_the_emulator() {
    let env = TestEnv::plain_http();
    let response = post(
        &env,
        "/_emulator/demo/register-token",
        r#"{"userId":"page-user","username":"page-user"}"#,
    );
    assert_eq!(response.status, 200, "{}", response.body);
    assert!(
        response.json()["token"]
            .as_str()
            .unwrap()
            .starts_with("register_")
    );
    // The real handler's validation answers through the demo route too.
    let response = post(
        &env,
        "/_emulator/demo/register-token",
        r#"{"username":"x"}"#,
    );
    assert_eq!(response.status, 400);

    let signin = env.value(&["signin-token", "--user-id", "page-user", "--quiet"]);
    let response = post(
        &env,
        "/_emulator/demo/verify",
        &format!(r#"{{"token":"{signin}"}}"#),
    );
    assert_eq!(response.status, 200, "{}", response.body);
    assert_eq!(response.json()["userId"], "page-user");
    let response = post(
        &env,
        "/_emulator/demo/verify",
        r#"{"token":"verify_garbage"}"#,
    );
    assert_eq!(response.status, 400);
    let problem = response.json();
    assert_eq!(problem["errorCode"], "invalid_token_format", "{problem}");
    assert_eq!(get(&env, "/_emulator/demo/verify").status, 405);
}
