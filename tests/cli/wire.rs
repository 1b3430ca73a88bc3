//! What goes on the wire, seen by a bare TCP listener instead of the emulator: method, path,
//! headers and the exact JSON body.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use crate::common::{DEV_SECRET, TestEnv};

/// Accepts one request, answers `response_body` with 200, returns the raw request head and body.
fn capture(env: &mut TestEnv, args: &[&str], response_body: &str) -> (String, String, i32) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    env.set(
        "PASSWORDLESS_API_URL",
        &format!("http://{}", listener.local_addr().unwrap()),
    );
    serve_once(env, listener, args, response_body)
}

fn serve_once(
    env: &TestEnv,
    listener: TcpListener,
    args: &[&str],
    response_body: &str,
) -> (String, String, i32) {
    let raw = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{response_body}",
        response_body.len()
    );
    serve_raw(env, listener, args, raw)
}

/// How long the listener waits for the CLI: a request that never comes fails the test instead of
/// hanging it.
const PATIENCE: Duration = Duration::from_secs(20);

/// The first connection to `listener`, or a panic after [`PATIENCE`].
fn accept(listener: &TcpListener) -> TcpStream {
    listener.set_nonblocking(true).unwrap();
    let deadline = Instant::now() + PATIENCE;
    loop {
        match listener.accept() {
            Ok((stream, _)) => {
                stream.set_nonblocking(false).unwrap();
                stream.set_read_timeout(Some(PATIENCE)).unwrap();
                return stream;
            }
            Err(err) if err.kind() == std::io::ErrorKind::WouldBlock => {
                assert!(
                    Instant::now() < deadline,
                    "the CLI sent no request within {PATIENCE:?}"
                );
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(err) => panic!("accept failed: {err}"),
        }
    }
}

/// Accepts one request and answers with `raw`, a whole HTTP response.
fn serve_raw(
    env: &TestEnv,
    listener: TcpListener,
    args: &[&str],
    raw: String,
) -> (String, String, i32) {
    let server = std::thread::spawn(move || {
        let stream = accept(&listener);
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut head = String::new();
        let mut length = 0;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = value.trim().parse().unwrap();
            }
            if line == "\r\n" {
                break;
            }
            head.push_str(&line);
        }
        let mut request_body = vec![0; length];
        reader.read_exact(&mut request_body).unwrap();
        let mut stream = stream;
        stream.write_all(raw.as_bytes()).unwrap();
        (head, String::from_utf8(request_body).unwrap())
    });
    let run = env.run(args);
    let (head, body) = server.join().unwrap();
    (head, body, run.code)
}

#[test]
fn register_token_request_on_the_wire() {
    let mut env = TestEnv::new();
    let (head, body, code) = capture(
        &mut env,
        &[
            "register-token",
            "--user-id",
            "42",
            "--alias",
            "laptop",
            "--quiet",
        ],
        r#"{"token":"register_abc"}"#,
    );
    assert_eq!(code, 0);
    let lower = head.to_ascii_lowercase();
    assert!(
        head.starts_with("POST /register/token HTTP/1.1\r\n"),
        "{head}"
    );
    assert!(
        lower.contains(&format!(
            "user-agent: passwordless-cli/{}\r\n",
            env!("CARGO_PKG_VERSION")
        )),
        "{head}"
    );
    assert!(
        lower.contains(&format!("apisecret: {DEV_SECRET}\r\n")),
        "{head}"
    );
    assert!(
        lower.contains("content-type: application/json\r\n"),
        "{head}"
    );
    assert!(lower.contains("accept: application/json\r\n"), "{head}");
    assert_eq!(
        body,
        r#"{"userId":"42","username":"42","aliases":["laptop"]}"#
    );
}

#[test]
fn query_parameters_are_encoded() {
    let mut env = TestEnv::new();
    let (head, _, code) = capture(
        &mut env,
        &["aliases", "list", "--user-id", "a b&c=d", "--json"],
        r#"{"values":[]}"#,
    );
    assert_eq!(code, 0);
    assert!(
        head.starts_with("GET /alias/list?userId=a+b%26c%3Dd HTTP/1.1"),
        "{head}"
    );
}

#[test]
fn verify_exits_5_when_the_server_says_success_false() {
    let mut env = TestEnv::new();
    let user = r#"{"userId":"42","timestamp":"2026-01-01T00:00:00Z","rpId":null,"origin":null,"success":false,"device":null,"country":null,"nickname":null,"credentialId":null,"purpose":null,"expiresAt":"2026-01-01T00:02:00Z","tokenId":"00000000-0000-0000-0000-000000000000","type":"generated_signin"}"#;
    let (head, body, code) = capture(&mut env, &["verify", "verify_abc"], user);
    assert!(head.starts_with("POST /signin/verify HTTP/1.1"), "{head}");
    assert_eq!(body, r#"{"token":"verify_abc"}"#);
    assert_eq!(code, 5);
}

/// https goes through the standard proxy variables as an opaque CONNECT tunnel: the proxy sees
/// the host, never the request or its `ApiSecret`. (Plain-http loopback never uses a proxy:
/// `trust::plain_http_loopback_never_goes_through_a_proxy`.)
#[test]
fn https_goes_through_a_proxy_as_a_tunnel() {
    let mut env = TestEnv::new();
    let proxy = TcpListener::bind("127.0.0.1:0").unwrap();
    env.set(
        "HTTPS_PROXY",
        &format!("http://{}", proxy.local_addr().unwrap()),
    );
    // An API host that resolves nowhere: only the proxy can be reached.
    env.set("PASSWORDLESS_API_URL", "https://api.example.test");
    let (head, _, code) = serve_once(
        &env,
        proxy,
        &[
            "register-token",
            "--user-id",
            "42",
            "--quiet",
            "--timeout",
            "5s",
        ],
        r#"{"token":"register_abc"}"#,
    );
    assert_ne!(code, 0, "no TLS server behind the fake proxy");
    assert!(
        head.starts_with("CONNECT api.example.test:443 HTTP/1.1"),
        "{head}"
    );
    assert!(!head.to_ascii_lowercase().contains("apisecret"), "{head}");
}

#[test]
fn redirects_are_not_followed_so_the_secret_stays_put() {
    let mut env = TestEnv::new();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let elsewhere = TcpListener::bind("127.0.0.1:0").unwrap();
    elsewhere.set_nonblocking(true).unwrap();
    env.set(
        "PASSWORDLESS_API_URL",
        &format!("http://{}", listener.local_addr().unwrap()),
    );
    let raw = format!(
        "HTTP/1.1 307 Temporary Redirect\r\nLocation: http://{}/register/token\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        elsewhere.local_addr().unwrap()
    );
    let (head, _, code) = serve_raw(&env, listener, &["register-token", "--user-id", "42"], raw);
    assert!(head.starts_with("POST /register/token"), "{head}");
    // A redirect is not a usage error (nothing was wrong before the request): exit 1.
    assert_eq!(code, 1);
    // Nobody knocked on the redirect target.
    assert!(elsewhere.accept().is_err());
}
