//! `passwordless api`: requests to any path with the right credential.

use crate::common::TestEnv;
use crate::snap;

#[test]
fn raw_api_requests() {
    let env = TestEnv::seeded();
    let run = env.run(&["api", "GET", "/users/count"]);
    snap!(env, run, @r#"
    exit: 0
    --- stdout
    {
      "count": 2
    }
    --- stderr
    "#);
    let run = env.run(&[
        "api",
        "post",
        "/signin/verify",
        "--data",
        r#"{"token":"verify_x"}"#,
        "--dry-run",
    ]);
    snap!(env, run, @r#"
    exit: 0
    --- stdout
    POST http://127.0.0.1:[PORT]/signin/verify
    ApiSecret: devapp:secret:****cdef
    Content-Type: application/json

    {
      "token": "verify_x"
    }
    --- stderr
    "#);
    let run = env.run(&["api", "GET", "/alias/list?userId=alice"]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(
        run.json()["values"][0]["plaintext"],
        "alice@example.com",
        "{run}"
    );
    let run = env.run(&["api", "POST", "/alias", "--data", "{not json"]);
    assert_eq!(run.code, 2, "{run}");
    let run = env.run(&["api", "GET", "/no/such/route"]);
    assert_eq!(run.code, 3, "{run}");
}

/// The `date` header changes with every answer.
fn without_date(run: &crate::common::Run) -> String {
    run.to_string()
        .lines()
        .filter(|line| !line.starts_with("date: "))
        .map(|line| format!("{line}\n"))
        .collect()
}

#[test]
fn non_json_bodies_are_printed_as_they_came() {
    let env = TestEnv::new();
    // Plain text, byte for byte (no newline added), with or without --json.
    for args in [
        &["api", "GET", "/health/http"][..],
        &["api", "GET", "/health/http", "--json"],
    ] {
        let run = env.run(args);
        assert_eq!((run.code, run.stdout.as_str()), (0, "Healthy"), "{run}");
        assert_eq!(run.stderr, "", "{run}");
    }
    let run = env.run(&["api", "GET", "/health/http", "--include"]);
    snap!(env, without_date(&run), @"
    exit: 0
    --- stdout
    HTTP/1.1 200 OK
    content-type: text/plain
    content-security-policy: default-src 'self';
    x-content-type-options: nosniff
    referrer-policy: no-referrer
    content-length: 7

    Healthy--- stderr
    ");
}

#[test]
fn include_shows_the_head_of_errors_too_and_the_exit_follows_the_status() {
    let env = TestEnv::new();
    let run = env.run(&["api", "GET", "/users/count", "-i"]);
    snap!(env, without_date(&run), @r#"
    exit: 0
    --- stdout
    HTTP/1.1 200 OK
    content-type: application/json; charset=utf-8
    content-security-policy: default-src 'self';
    x-content-type-options: nosniff
    referrer-policy: no-referrer
    content-length: 11

    {
      "count": 0
    }
    --- stderr
    "#);
    let run = env.run(&["api", "GET", "/alias/list", "-i"]);
    snap!(env, without_date(&run), @r#"
    exit: 5
    --- stdout
    HTTP/1.1 400 Bad Request
    content-type: application/problem+json
    content-security-policy: default-src 'self';
    x-content-type-options: nosniff
    referrer-policy: no-referrer
    content-length: 225

    {
      "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1",
      "title": "Required parameter \"string userId\" was not provided from query string.",
      "status": 400,
      "traceId": "[TRACE]"
    }
    --- stderr
    error: GET /alias/list was refused by 127.0.0.1:[PORT] with HTTP 400; fix the request as the server's message says, then try again
      title: Required parameter "string userId" was not provided from query string.
    "#);
    // Without -i an error prints nothing on stdout, as before.
    let run = env.run(&["api", "GET", "/alias/list"]);
    assert_eq!((run.code, run.stdout.as_str()), (5, ""), "{run}");
}

#[test]
fn raw_bodies_keep_their_bytes_and_credential_headers_are_masked() {
    use crate::common::fake_server::{FakeServer, http};
    let body = b"\x1b[31mred\x00\xff\n".to_vec();
    let reply = body.clone();
    let server = FakeServer::start(move |_| {
        http(
            "200 OK",
            &[
                ("Content-Type", "application/octet-stream"),
                ("Set-Cookie", "session=0123456789abcdef; HttpOnly"),
            ],
            &reply,
        )
    });
    let env = TestEnv::new();
    let output = env
        .command(&["api", "GET", "/blob", "--api-url", &server.url])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(output.stdout, body, "piped: the bytes as they came");
    let run = env.run(&["api", "GET", "/blob", "--api-url", &server.url, "-i"]);
    assert!(
        run.stdout.contains("set-cookie: ****Only\n"),
        "the cookie is masked: {run}"
    );
    assert!(!run.stdout.contains("0123456789abcdef"), "{run}");
}

/// Issue 20 item 14: like `gh api`, GET is the default and the leading slash optional.
#[test]
fn get_is_the_default_and_the_slash_is_optional() {
    let env = TestEnv::seeded();
    for args in [
        &["api", "/users/count"][..],
        &["api", "users/count"],
        &["api", "GET", "users/count"],
        &["api", "-X", "get", "users/count"],
    ] {
        let run = env.run(args);
        assert_eq!(run.code, 0, "{args:?}: {run}");
        assert_eq!(run.json()["count"], 2, "{args:?}: {run}");
    }
    let run = env.run(&["api", "-X", "POST", "GET", "/users/count"]);
    assert_eq!(run.code, 2, "the method twice: {run}");
    let run = env.run(&["api", "FETCH", "/users/count"]);
    assert_eq!(run.code, 2, "{run}");
}

/// Issue 20 item 14: `-f` strings and `-F` typed values build the JSON body, and fields imply
/// POST; with `-X GET` they become query parameters.
#[test]
fn fields_build_the_body_or_the_query() {
    let env = TestEnv::seeded();
    let run = env.run(&[
        "api",
        "signin/generate-token",
        "-f",
        "userId=42",
        "-F",
        "timeToLive=60",
        "-F",
        "big=1.5",
        "-F",
        "on=true",
        "-F",
        "off=false",
        "-F",
        "none=null",
        "-F",
        "word=hello",
        "-f",
        "text=60",
        "-f",
        "tags[]=a",
        "-F",
        "tags[]=2",
        "--dry-run",
    ]);
    snap!(env, run, @r#"
    exit: 0
    --- stdout
    POST http://127.0.0.1:[PORT]/signin/generate-token
    ApiSecret: devapp:secret:****cdef
    Content-Type: application/json

    {
      "userId": "42",
      "text": "60",
      "tags": [
        "a",
        2
      ],
      "timeToLive": 60,
      "big": 1.5,
      "on": true,
      "off": false,
      "none": null,
      "word": "hello"
    }
    --- stderr
    "#);
    let run = env.run(&[
        "api",
        "alias",
        "-f",
        "userId=carol",
        "-f",
        "aliases[]=carol@example.com",
        "-F",
        "hashing=false",
    ]);
    assert_eq!(run.code, 0, "POST implied: {run}");
    let run = env.run(&["api", "-X", "GET", "alias/list", "-f", "userId=carol"]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(
        run.json()["values"][0]["plaintext"],
        "carol@example.com",
        "{run}"
    );
    let run = env.run(&[
        "api",
        "-X",
        "GET",
        "alias/list",
        "-f",
        "userId=carol",
        "--dry-run",
    ]);
    assert!(
        run.stdout.starts_with("GET ") && run.stdout.contains("/alias/list?userId=carol\n"),
        "{run}"
    );
    let run = env.run(&["api", "alias", "-f", "novalue"]);
    assert_eq!(run.code, 2, "{run}");
    let run = env.run(&["api", "alias", "-f", "a=b", "--data", "{}"]);
    assert_eq!(run.code, 2, "fields and --data together: {run}");
}

/// Issue 20 item 14: `--paginate` follows the pages of `/events` until an empty one.
#[test]
fn paginate_follows_the_event_pages_until_an_empty_one() {
    let env = TestEnv::new();
    for user in ["1", "2", "3"] {
        env.value(&["register-token", "--user-id", user, "--quiet"]);
    }
    let total = env
        .run(&["api", "events", "-X", "GET", "-F", "pageNumber=1"])
        .json()["totalEventCount"]
        .as_u64()
        .unwrap();
    assert!(total >= 3);
    let run = env.run(&[
        "api",
        "-X",
        "GET",
        "events",
        "-F",
        "numberOfResults=1",
        "--paginate",
    ]);
    assert_eq!(run.code, 0, "{run}");
    let pages: Vec<serde_json::Value> = serde_json::Deserializer::from_str(&run.stdout)
        .into_iter()
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{e}: {run}"));
    assert_eq!(pages.len() as u64, total, "one page per event: {run}");
    assert!(
        pages
            .iter()
            .all(|p| p["events"].as_array().unwrap().len() == 1),
        "{run}"
    );
    let run = env.run(&["api", "users/list", "--paginate"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("GET /events"), "{run}");
}
