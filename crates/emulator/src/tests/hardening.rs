//! The emulator under hostile or careless clients and crashes: control routes refused to web
//! pages, slow clients dropped, the connection cap, the state file's lock and leftover
//! temporary files, and which requests count as changes to save.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, Method};

use super::Env;
use crate::cx::Cx;
use crate::http::Req;
use crate::shared::Shared;
use crate::state::initial;
use crate::store::Store;
use crate::{DEV_API_SECRET, Emulator, EmulatorConfig, routes};

/// A raw HTTP/1.1 exchange, so tests choose every header (`Host` included) byte for byte.
fn raw(env: &Env, request: &str) -> String {
    let mut stream = TcpStream::connect(env.emu.addr()).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("read timeout");
    stream.write_all(request.as_bytes()).expect("send");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

fn status_of(answer: &str) -> u16 {
    answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {answer:?}"))
}

/// `METHOD PATH` with the given extra header lines and body; the connection closes after it.
fn request(method: &str, path: &str, headers: &[&str], body: &str) -> String {
    let mut text = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    for h in headers {
        text.push_str(h);
        text.push_str("\r\n");
    }
    if !body.is_empty() {
        text.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    text.push_str("\r\n");
    text.push_str(body);
    text
}

const FAULT: &str = r#"{"path":"/signin/verify","status":200,"body":{"success":true}}"#;

#[test]
fn control_routes_refuse_what_a_web_page_can_send() {
    let env = Env::new();
    let host = format!("Host: {}", env.emu.addr());
    let own_origin = format!("Origin: http://{}", env.emu.addr());

    // A cross-site form or fetch can POST text/plain without a preflight.
    for content_type in [
        "Content-Type: text/plain",
        "Content-Type: application/x-www-form-urlencoded",
    ] {
        let answer = raw(
            &env,
            &request("POST", "/_emulator/faults", &[&host, content_type], FAULT),
        );
        assert_eq!(status_of(&answer), 415, "{answer}");
    }
    let answer = raw(&env, &request("POST", "/_emulator/faults", &[&host], FAULT));
    assert_eq!(status_of(&answer), 415, "a body without a type: {answer}");

    // DNS rebinding: the browser sends the attacker's name as Host.
    // A path deeper than any route is refused by name too, not answered with a 404.
    for path in [
        "/_emulator/outbox",
        "/_emulator/state",
        "/_emulator/faults",
        "/_emulator/a/b/c/d/e/f/g/h/i",
    ] {
        let answer = raw(
            &env,
            &request("GET", path, &["Host: attacker.example:7001"], ""),
        );
        assert_eq!(status_of(&answer), 403, "{path}: {answer}");
        assert!(answer.contains("host_not_allowed"), "{answer}");
    }
    let answer = raw(
        &env,
        &request(
            "POST",
            "/_emulator/faults",
            &["Host: attacker.example", "Content-Type: application/json"],
            FAULT,
        ),
    );
    assert_eq!(status_of(&answer), 403, "{answer}");

    // Another page's origin, even when the Host is right.
    for headers in [
        vec![host.as_str(), "Origin: http://attacker.example"],
        vec![host.as_str(), "Origin: null"],
        vec![host.as_str(), "Sec-Fetch-Site: cross-site"],
    ] {
        let answer = raw(&env, &request("GET", "/_emulator/outbox", &headers, ""));
        assert_eq!(status_of(&answer), 403, "{headers:?}: {answer}");
        assert!(answer.contains("origin_not_allowed"), "{answer}");
    }

    // Nothing above added a fault: verify still refuses a garbage token.
    let faults = env.send("GET", "/_emulator/faults", &[], None).ok_json();
    assert_eq!(faults, serde_json::json!([]));

    // What tools send is still served: loopback names, the emulator's own origin, JSON bodies.
    for headers in [
        vec![host.clone()],
        vec![format!("Host: localhost:{}", env.emu.addr().port())],
        vec![format!("Host: [::1]:{}", env.emu.addr().port())],
        vec![
            host.clone(),
            own_origin.clone(),
            "Sec-Fetch-Site: same-origin".into(),
        ],
    ] {
        let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
        let answer = raw(&env, &request("GET", "/_emulator/outbox", &headers, ""));
        assert_eq!(status_of(&answer), 200, "{headers:?}: {answer}");
    }
    let answer = raw(
        &env,
        &request(
            "POST",
            "/_emulator/faults",
            &[&host, "Content-Type: application/json; charset=utf-8"],
            FAULT,
        ),
    );
    assert_eq!(status_of(&answer), 201, "{answer}");
    // API routes keep answering any Host: they need a key, and clients reach them by any name.
    let answer = raw(
        &env,
        &request("GET", "/health/http", &["Host: emulator.internal"], ""),
    );
    assert_eq!(status_of(&answer), 200, "{answer}");
}

#[test]
fn a_client_that_does_not_finish_its_headers_is_dropped() {
    let env = Env::with(EmulatorConfig {
        read_timeout: Duration::from_millis(300),
        ..EmulatorConfig::default()
    });
    let mut slow = TcpStream::connect(env.emu.addr()).expect("connect");
    slow.write_all(b"GET /health/http HTTP/1.1\r\nHost: loc")
        .expect("half a request");
    slow.set_read_timeout(Some(Duration::from_secs(10)))
        .expect("read timeout");
    let mut buf = [0u8; 512];
    match slow.read(&mut buf) {
        // Closed, possibly after a 408.
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::ConnectionReset => {}
        Err(e) => panic!("the slow client was not dropped: {e}"),
    }
    // An idle keep-alive connection goes the same way; the server keeps serving others.
    assert_eq!(env.get("/health/http").status, 200);
}

/// A keep-alive connection that has had one answer, so the server has surely accepted it.
fn held_connection(env: &Env) -> TcpStream {
    let mut stream = TcpStream::connect(env.emu.addr()).expect("connect");
    stream
        .write_all(b"GET /health/http HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .expect("send");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("read timeout");
    let mut buf = [0u8; 1024];
    let n = stream.read(&mut buf).expect("an answer");
    assert!(
        buf[..n].starts_with(b"HTTP/1.1 200"),
        "{:?}",
        String::from_utf8_lossy(&buf[..n])
    );
    stream
}

#[test]
fn connections_beyond_the_cap_wait_for_a_free_slot() {
    let env = Env::with(EmulatorConfig {
        max_connections: 2,
        read_timeout: Duration::from_secs(60),
        ..EmulatorConfig::default()
    });
    let first = held_connection(&env);
    let _second = held_connection(&env);

    let mut third = TcpStream::connect(env.emu.addr()).expect("the backlog takes it");
    third
        .write_all(b"GET /health/http HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .expect("send");
    third
        .set_read_timeout(Some(Duration::from_millis(500)))
        .expect("read timeout");
    let mut buf = [0u8; 1024];
    match third.read(&mut buf) {
        Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
        other => panic!("a third connection was served past the cap of 2: {other:?}"),
    }

    drop(first);
    third
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("read timeout");
    let mut answer = Vec::new();
    let _ = third.read_to_end(&mut answer);
    assert!(
        answer.starts_with(b"HTTP/1.1 200"),
        "served once a slot is free: {:?}",
        String::from_utf8_lossy(&answer)
    );
}

#[test]
fn leftover_temp_files_of_the_state_file_are_removed_at_start() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("state.json");
    let stale = [".state.json.4242.17.tmp", ".state.json.1.3000000000.tmp"];
    let kept = [
        ".other.json.4242.17.tmp",
        ".state.json.notes.tmp",
        ".state.json.1.2.3.tmp",
        "state.json.bak",
    ];
    for name in stale.iter().chain(&kept) {
        std::fs::write(dir.path().join(name), b"x").expect("write");
    }
    let emu = Emulator::start(EmulatorConfig {
        state_file: Some(path.clone()),
        ..EmulatorConfig::default()
    })
    .expect("starts");
    for name in stale {
        assert!(!dir.path().join(name).exists(), "{name} is left behind");
    }
    for name in kept {
        assert!(dir.path().join(name).exists(), "{name} was removed");
    }
    assert!(path.exists());
    drop(emu);
}

#[test]
fn a_state_file_serves_one_emulator_at_a_time() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = EmulatorConfig {
        state_file: Some(dir.path().join("state.json")),
        ..EmulatorConfig::default()
    };
    let first = Emulator::start(config.clone()).expect("starts");
    let err = Emulator::start(config.clone())
        .err()
        .expect("the second is refused");
    assert!(
        format!("{err:#}").contains("in use by another running emulator"),
        "{err:#}"
    );
    drop(first);
    Emulator::start(config).expect("free again once the first stopped");
}

fn post(path: &str, body: &str) -> Req {
    let mut headers = HeaderMap::new();
    headers.insert("apisecret", HeaderValue::from_static(DEV_API_SECRET));
    headers.insert("content-type", HeaderValue::from_static("application/json"));
    Req::new(
        Method::POST,
        path,
        Vec::new(),
        headers,
        Bytes::from(body.to_owned()),
    )
}

#[test]
fn only_requests_that_change_the_state_write_to_the_store() {
    // Event logging off (free plan): with it on, a token's event is a change to save.
    let config = EmulatorConfig {
        plan: Some(crate::Plan::Free),
        ..EmulatorConfig::default()
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, loaded) =
        Store::open(&dir.path().join("state.db"), &crate::LogSink::discard()).expect("store");
    assert!(loaded.is_none(), "a new file");
    let shared = Shared::new(config.clone(), initial(&config), Some(store)).expect("shared");
    shared.save_all().expect("first write");
    // Rows written (the tests run no committer: what is written stays in the open transaction).
    let commits = || shared.store.as_ref().expect("store").total_changes();
    let route = |path: &str, body: &str| {
        let cx = Cx::new(&shared);
        let reply = routes::route(&cx, &post(path, body)).expect("answer");
        assert!(!cx.save_failed());
        reply.status()
    };
    let start = commits();
    assert_eq!(
        route("/register/token", r#"{"userId":"u","username":"u"}"#),
        200
    );
    assert_eq!(route("/signin/generate-token", r#"{"userId":"u"}"#), 200);
    assert_eq!(commits(), start, "token requests change nothing");

    assert_eq!(route("/alias", r#"{"userId":"u","aliases":["a"]}"#), 204);
    assert_eq!(commits(), start + 1, "setting an alias writes one row");

    // With event logging on, a token's event is written (one event row).
    shared
        .lock_reporting(None)
        .apps
        .get_mut(&config.app_id)
        .expect("dev app")
        .features
        .event_logging_enabled = true;
    let before = commits();
    assert_eq!(
        route("/register/token", r#"{"userId":"u","username":"u"}"#),
        200
    );
    assert_eq!(commits(), before + 1);
    assert_eq!(shared.read().apps[&config.app_id].events.len(), 1);
}

/// A header value with a non-ASCII byte cannot be read as text; the guard once skipped such a
/// Host or Origin as if it were absent and answered 200. It refuses it instead.
#[test]
fn control_routes_refuse_a_host_or_origin_that_is_not_ascii() {
    let env = Env::new();
    let host = format!("Host: {}", env.emu.addr());
    for headers in [
        vec!["Host: attacker.exampl\u{e9}".to_owned()],
        vec![
            host.clone(),
            "Origin: http://attacker.exampl\u{e9}".to_owned(),
        ],
        vec![host.clone(), "Sec-Fetch-Site: cross-sit\u{e9}".to_owned()],
    ] {
        let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
        for path in ["/_emulator/outbox", "/_emulator/state"] {
            let answer = raw(&env, &request("GET", path, &headers, ""));
            assert_eq!(status_of(&answer), 403, "{headers:?} {path}: {answer}");
        }
    }
}

/// A `drop` rule closes the connection with not one byte of answer, the keep-alive connection
/// included, and `DELETE /_emulator/faults/{id}` removes one rule (404 for an unknown id).
#[test]
fn a_drop_fault_answers_nothing_and_one_rule_can_be_removed() {
    let env = Env::new();
    let json = [("Content-Type", "application/json")];
    let drop = env
        .send(
            "POST",
            "/_emulator/faults",
            &json,
            Some(r#"{"path":"/health/*","drop":true}"#),
        )
        .json();
    assert_eq!(drop["action"], "drop");
    let garbage = env
        .send(
            "POST",
            "/_emulator/faults",
            &json,
            Some(r#"{"path":"/users/count","garbage":true,"status":502}"#),
        )
        .json();
    let host = format!("Host: 127.0.0.1:{}", env.emu.addr().port());
    let answer = raw(&env, &request("GET", "/health/http", &[&host], ""));
    assert_eq!(answer, "", "no status line, no body");
    let answer = raw(&env, &request("GET", "/users/count", &[&host], ""));
    assert_eq!(status_of(&answer), 502, "{answer}");
    assert!(
        answer.contains("text/html") && answer.contains("<html>"),
        "{answer}"
    );

    let path = format!("/_emulator/faults/{}", drop["id"]);
    assert_eq!(env.send("DELETE", &path, &[], None).status, 204);
    let again = env.send("DELETE", &path, &[], None);
    assert_eq!(again.status, 404);
    assert!(
        again.json()["title"]
            .as_str()
            .unwrap()
            .contains("no fault rule")
    );
    assert_eq!(
        env.send("DELETE", "/_emulator/faults/x", &[], None).status,
        404
    );
    let answer = raw(&env, &request("GET", "/health/http", &[&host], ""));
    assert_eq!(status_of(&answer), 200, "{answer}");
    let left = env.send("GET", "/_emulator/faults", &[], None).ok_json();
    assert_eq!(left.as_array().unwrap().len(), 1);
    assert_eq!(left[0]["id"], garbage["id"]);
}
