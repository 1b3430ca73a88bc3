//! The server itself: start, health, security headers, routing, trace ids, the request log,
//! seeds and the emulator-only inspection routes.

use serde_json::json;

use super::{Env, is_trace_id, seed_error, seeded};
use crate::{DEV_API_SECRET, Emulator, EmulatorConfig, Seed};

#[test]
fn start_binds_and_reports_port_in_use() {
    let env = Env::new();
    assert!(env.emu.base_url().starts_with("http://127.0.0.1:"));
    assert_ne!(env.emu.addr().port(), 0);
    assert_eq!(env.emu.config().app_id, "devapp");
    let clash = Emulator::start(EmulatorConfig {
        bind: env.emu.addr(),
        ..EmulatorConfig::default()
    });
    let err = format!("{:#}", clash.err().expect("port in use must fail"));
    assert!(err.contains("cannot listen on"), "{err}");
    let addr = env.emu.addr();
    env.emu.shutdown();
    assert!(std::net::TcpStream::connect(addr).is_err());
}

#[test]
fn health_checks() {
    let env = Env::new();
    let r = env.send("GET", "/health/http", &[], None);
    assert_eq!(
        (r.status, r.content_type.as_str(), r.text.as_str()),
        (200, "text/plain", "Healthy")
    );
    let v = env.send("GET", "/health/storage", &[], None).ok_json();
    assert_eq!(v["status"], "Healthy");
    assert_eq!(v["results"]["db"]["status"], "Healthy");
    let v = env.send("GET", "/health/version", &[], None).ok_json();
    assert!(v["results"]["version"]["data"]["version"].is_string());
    env.send("GET", "/health/throw/api", &[], None).api_error(
        400,
        Some("test_error"),
        "Testing error response",
    );
    let v = env
        .send("GET", "/health/throw/exception", &[], None)
        .problem(500);
    assert_eq!(v["detail"], "The api has encountered an error");
}

#[test]
fn security_headers_on_every_response() {
    let env = Env::new();
    for r in [
        env.send("GET", "/health/http", &[], None),
        env.send("GET", "/nope", &[], None),
    ] {
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(r.header("referrer-policy"), Some("no-referrer"));
        assert_eq!(
            r.header("content-security-policy"),
            Some("default-src 'self';")
        );
    }
}

#[test]
fn routing_is_case_insensitive_and_tolerant() {
    let env = Env::new();
    let body = r#"{"userId":"u1","username":"a@b.c"}"#;
    for path in [
        "/register/token",
        "/Register/TOKEN",
        "/register/token/",
        "//register/token",
    ] {
        let v = env.post(path, body).ok_json();
        assert!(
            v["token"].as_str().unwrap().starts_with("register_"),
            "{path}"
        );
    }
    let r = env.send("GET", "/does/not/exist", &[], None);
    assert_eq!((r.status, r.text.as_str()), (404, ""));
    let r = env.get("/register/token");
    assert_eq!((r.status, r.text.as_str()), (405, ""));
    let r = env.get("/signin/verify");
    assert_eq!(r.status, 405);
}

#[test]
fn deterministic_trace_ids_are_sequential() {
    let env = Env::new();
    let a = env.send("GET", "/health/throw/api", &[], None).json();
    let b = env.send("GET", "/health/throw/api", &[], None).json();
    assert_eq!(
        a["traceId"],
        "00-00000000000000000000000000000001-0000000000000001-00"
    );
    assert_eq!(
        b["traceId"],
        "00-00000000000000000000000000000002-0000000000000002-00"
    );
    let random = Env::with(EmulatorConfig::default());
    let c = random.send("GET", "/health/throw/api", &[], None).json();
    assert!(is_trace_id(c["traceId"].as_str().unwrap()));
}

#[test]
fn log_option_does_not_break_requests() {
    let env = Env::with(EmulatorConfig {
        log: true,
        ..EmulatorConfig::default()
    });
    assert_eq!(env.send("GET", "/health/http", &[], None).status, 200);
}

#[test]
fn inspection_routes_mask_secrets() {
    let env = seeded();
    let r = env.send("GET", "/_emulator/state", &[], None);
    let v = r.ok_json();
    assert!(!r.text.contains(DEV_API_SECRET));
    let app = &v["apps"][0];
    assert_eq!(app["appId"], "devapp");
    assert_eq!(app["users"][0]["userId"], "alice");
    assert_eq!(
        app["users"][0]["credentials"][0]["descriptor"]["id"],
        "AQIDBA"
    );
    assert_eq!(
        app["users"][0]["aliases"][0]["plaintext"],
        "alice@example.com"
    );
    assert_eq!(
        env.send("GET", "/_emulator/outbox", &[], None).ok_json(),
        json!([])
    );
}

#[test]
fn seed_files() {
    let dir = tempfile::tempdir().unwrap();
    let json_path = dir.path().join("seed.json");
    std::fs::write(
        &json_path,
        r#"{"users":[{"userId":"u","aliases":["a"],"credentials":[{"id":"AAEC"}]}]}"#,
    )
    .unwrap();
    let seed = Seed::from_file(&json_path).unwrap();
    assert_eq!(&*seed.users[0].credentials[0].id, "AAEC");
    let toml_path = dir.path().join("seed.toml");
    std::fs::write(&toml_path, "[[users]]\nuserId = \"u\"\naliases = [\"a\"]\n\n[[users.credentials]]\nid = \"AAEC\"\nnickname = \"Key\"\n").unwrap();
    assert_eq!(
        Seed::from_file(&toml_path).unwrap().users[0].credentials[0]
            .nickname
            .as_deref(),
        Some("Key")
    );

    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"users":[{"userId":"u","credentials":[{"id":"not base64url!"}]}]}"#,
    )
    .unwrap();
    let err = seed_error(&bad);
    assert!(
        err.contains("seed file") && err.contains("bad.json") && err.contains("not base64url"),
        "{err}"
    );
    std::fs::write(&bad, r#"{"users":[{"userid":"u"}]}"#).unwrap();
    let err = format!("{:#}", Seed::from_file(&bad).unwrap_err());
    assert!(
        err.contains("bad.json") && err.contains("unknown field"),
        "{err}"
    );
    std::fs::write(
        &bad,
        r#"{"users":[{"userId":"u","aliases":["a"]},{"userId":"v","aliases":["a"]}]}"#,
    )
    .unwrap();
    let err = seed_error(&bad);
    assert!(err.contains("already belongs"), "{err}");
    // A file that is no seed (here shaped like /etc/shadow): its lines are never quoted, only
    // the position and the reason.
    for name in ["shadow", "shadow.toml", "shadow.json"] {
        let path = dir.path().join(name);
        std::fs::write(
            &path,
            "root:$6$s3cr3tSALT$hashhashhash:19000:0:99999:7:::\n",
        )
        .unwrap();
        let err = format!("{:#}", Seed::from_file(&path).unwrap_err());
        assert!(!err.contains("s3cr3t") && !err.contains("root"), "{err}");
        assert!(err.contains("line 1, column"), "{err}");
    }
    std::fs::write(&bad, r#"{"users":"s3cr3t"}"#).unwrap();
    let err = format!("{:#}", Seed::from_file(&bad).unwrap_err());
    assert!(
        !err.contains("s3cr3t") && err.contains("invalid type"),
        "{err}"
    );
    let missing = format!(
        "{:#}",
        Seed::from_file(dir.path().join("nope.json")).unwrap_err()
    );
    assert!(missing.contains("nope.json"), "{missing}");
}

#[test]
fn request_paths_split_into_segments_as_sent_and_lower_cased() {
    use crate::http::Req;
    use axum::body::Bytes;
    use axum::http::{HeaderMap, Method};
    let req = |path: &str| {
        Req::new(
            Method::GET,
            path,
            Vec::new(),
            HeaderMap::new(),
            Bytes::new(),
        )
    };
    let parts = |req: &Req| -> (Vec<String>, Vec<String>, String) {
        (
            req.segments().map(String::from).collect(),
            req.lower_segments().map(String::from).collect(),
            req.path(),
        )
    };
    let owned = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    // Ids keep their case; matching and the log use the lower-cased path.
    assert_eq!(
        parts(&req("/Admin/Apps/MyApp//")),
        (
            owned(&["Admin", "Apps", "MyApp"]),
            owned(&["admin", "apps", "myapp"]),
            "/admin/apps/myapp".to_string()
        )
    );
    // A self-hosted server's `/api` prefix goes, in any case and with doubled slashes, but only
    // in front of something.
    for path in [
        "/api/register/token",
        "//API//register/token",
        "/Api/register/token/",
    ] {
        assert_eq!(parts(&req(path)).1, owned(&["register", "token"]), "{path}");
    }
    assert_eq!(parts(&req("/api")).1, owned(&["api"]));
    assert_eq!(parts(&req("/api/")).1, owned(&["api"]));
    assert_eq!(parts(&req("/apis/x")).1, owned(&["apis", "x"]));
    assert_eq!(parts(&req("/")), (vec![], vec![], "/".to_string()));
}
