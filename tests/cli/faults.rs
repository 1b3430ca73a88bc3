//! The fault matrix: every way a server or network can fail, against a GET, a retried POST and
//! a never-retried POST. Each case checks the documented exit code, a one-line message, no
//! panic, and how many requests reached the server (the retry table in `api::retry`).

use crate::common::TestEnv;
use crate::common::fake_server::{FakeServer, Reply, http, json};

const GET: &[&str] = &["users", "count"];
const RETRIED_POST: &[&str] = &["register-token", "--user-id", "42"];
/// Sends an e-mail, so never retried (and, unlike `users delete`, no read before it).
const NEVER_POST: &[&str] = &[
    "magic-link",
    "send",
    "--email",
    "a@example.com",
    "--url-template",
    "https://app.example/?t=$TOKEN",
    "--user-id",
    "42",
];

struct Case {
    name: &'static str,
    reply: fn() -> Reply,
    /// Exit codes for GET, retried POST, never-retried POST.
    exits: [i32; 3],
    /// Requests a retried call makes (a never-retried call always makes one).
    retried_hits: usize,
    /// In the message of the GET and the retried POST.
    message: &'static str,
}

fn problem(status: &str, headers: &[(&str, &str)]) -> Reply {
    let mut all = vec![("Content-Type", "application/problem+json")];
    all.extend_from_slice(headers);
    http(status, &all, br#"{"title":"busy","status":503}"#)
}

fn in_an_hour() -> String {
    httpdate::fmt_http_date(std::time::SystemTime::now() + std::time::Duration::from_secs(3600))
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "500",
            reply: || problem("500 Internal Server Error", &[]),
            exits: [7, 7, 7],
            retried_hits: 1,
            message: "HTTP 500",
        },
        Case {
            name: "502",
            reply: || problem("502 Bad Gateway", &[]),
            exits: [7, 7, 7],
            retried_hits: 4,
            message: "HTTP 502",
        },
        Case {
            name: "503",
            reply: || problem("503 Service Unavailable", &[]),
            exits: [7, 7, 7],
            retried_hits: 4,
            message: "HTTP 503",
        },
        Case {
            name: "504",
            reply: || problem("504 Gateway Timeout", &[]),
            exits: [7, 7, 7],
            retried_hits: 4,
            message: "HTTP 504",
        },
        Case {
            name: "429 Retry-After 0",
            reply: || problem("429 Too Many Requests", &[("Retry-After", "0")]),
            exits: [6, 6, 6],
            retried_hits: 4,
            message: "HTTP 429",
        },
        Case {
            name: "429 Retry-After past date",
            reply: || {
                problem(
                    "429 Too Many Requests",
                    &[("Retry-After", "Tue, 01 Dec 1998 15:00:00 GMT")],
                )
            },
            exits: [6, 6, 6],
            retried_hits: 4,
            message: "HTTP 429",
        },
        Case {
            name: "429 Retry-After 3600",
            reply: || problem("429 Too Many Requests", &[("Retry-After", "3600")]),
            exits: [6, 6, 6],
            retried_hits: 1,
            message: "try again after",
        },
        Case {
            name: "429 Retry-After in an hour",
            reply: || problem("429 Too Many Requests", &[("Retry-After", &in_an_hour())]),
            exits: [6, 6, 6],
            retried_hits: 1,
            message: "try again after",
        },
        Case {
            name: "malformed JSON",
            reply: || json("200 OK", "{\"count\": 3"),
            exits: [1, 1, 1],
            retried_hits: 1,
            message: "malformed JSON",
        },
        Case {
            name: "HTML 200",
            reply: || {
                http(
                    "200 OK",
                    &[("Content-Type", "text/html")],
                    b"<html>Welcome to the hotel Wi-Fi</html>",
                )
            },
            exits: [1, 1, 1],
            retried_hits: 1,
            message: "`text/html` body",
        },
        Case {
            name: "truncated body",
            reply: || {
                Reply::Raw(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{\"count\"".to_vec())
            },
            exits: [7, 7, 7],
            retried_hits: 4,
            message: "cut short",
        },
        Case {
            name: "oversized body",
            reply: oversized,
            exits: [1, 1, 1],
            retried_hits: 1,
            message: "more than 16 MiB",
        },
        // Answers that are not HTTP as the API speaks it: something else listens there, and
        // asking again changes nothing.
        Case {
            name: "101 switching protocols",
            reply: || {
                Reply::Raw(
                    b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n"
                        .to_vec(),
                )
            },
            exits: [1, 1, 1],
            retried_hits: 1,
            message: "not what the API sends",
        },
        Case {
            name: "HTTP/0.9 (no status line)",
            reply: || Reply::Raw(b"{\"count\": 3}\n".to_vec()),
            exits: [1, 1, 1],
            retried_hits: 1,
            message: "not what the API sends",
        },
        Case {
            name: "over-long head",
            reply: || {
                let mut head = b"HTTP/1.1 200 OK\r\nX-Padding: ".to_vec();
                head.resize(head.len() + 512 * 1024, b'a');
                head.extend_from_slice(b"\r\n\r\n{}");
                Reply::Raw(head)
            },
            exits: [1, 1, 1],
            retried_hits: 1,
            message: "not what the API sends",
        },
        Case {
            name: "chunk size that is not hex",
            reply: || {
                Reply::Raw(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"
                        .to_vec(),
                )
            },
            exits: [1, 1, 1],
            retried_hits: 1,
            message: "not what the API sends",
        },
        // An ordinary web server at the base URL: its error pages are not the API refusing.
        Case {
            name: "404 HTML page",
            reply: || {
                http(
                    "404 Not Found",
                    &[("Content-Type", "text/html; charset=utf-8")],
                    b"<html><h1>Not Found</h1></html>",
                )
            },
            exits: [1, 1, 1],
            retried_hits: 1,
            message: "is not a Passwordless.dev API",
        },
        Case {
            name: "501 HTML page",
            reply: || {
                http(
                    "501 Not Implemented",
                    &[("Content-Type", "text/html")],
                    b"<html><h1>Unsupported method</h1></html>",
                )
            },
            exits: [1, 1, 1],
            retried_hits: 1,
            message: "is not a Passwordless.dev API",
        },
        Case {
            name: "400 text page",
            reply: || {
                http(
                    "400 Bad Request",
                    &[("Content-Type", "text/plain")],
                    b"Bad Request",
                )
            },
            exits: [1, 1, 1],
            retried_hits: 1,
            message: "`text/plain` body",
        },
        // The API's own empty 404 (unknown route) stays "not found".
        Case {
            name: "404 empty body",
            reply: || http("404 Not Found", &[], b""),
            exits: [3, 3, 3],
            retried_hits: 1,
            message: "HTTP 404",
        },
        // A gateway's page in front of a real API is still a passing failure, retried.
        Case {
            name: "502 HTML page",
            reply: || {
                http(
                    "502 Bad Gateway",
                    &[("Content-Type", "text/html")],
                    b"<html>nginx</html>",
                )
            },
            exits: [7, 7, 7],
            retried_hits: 4,
            message: "HTTP 502",
        },
        // An empty answer is exactly what /magic-links/send sends: only there is it a success.
        Case {
            name: "empty 200",
            reply: || json("200 OK", ""),
            exits: [1, 1, 0],
            retried_hits: 1,
            message: "empty body where JSON was expected",
        },
    ]
}

/// 17 MiB with no Content-Length: the cap must stop a streamed read.
fn oversized() -> Reply {
    let mut bytes =
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n[".to_vec();
    bytes.resize(bytes.len() + 17 * 1024 * 1024, b' ');
    Reply::Raw(bytes)
}

fn check(env: &TestEnv, server: &FakeServer, args: &[&str], case: &str) -> crate::common::Run {
    let mut all = vec!["--api-url", server.url.as_str()];
    all.extend_from_slice(args);
    let run = env.run(&all);
    assert!(!run.stderr.contains("panicked"), "{case} {args:?}: {run}");
    // One `error:` line; a problem-details body may add indented `  title: …` lines under it.
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert!(
        run.code == 0
            || (lines[0].starts_with("error: ") && lines[1..].iter().all(|l| l.starts_with("  "))),
        "{case} {args:?}: one error line expected: {run}"
    );
    run
}

/// A fake server for the case, over plain http or https (trusted through its CA).
fn serve(env: &mut TestEnv, reply: fn() -> Reply, https: bool) -> FakeServer {
    if !https {
        env.remove("PASSWORDLESS_CA_CERT");
        return FakeServer::start(move |_| reply());
    }
    #[cfg(not(target_os = "macos"))]
    {
        let server = FakeServer::start_tls(move |_| reply(), env.home.path());
        let ca = server.ca_cert.as_ref().expect("a CA").display().to_string();
        env.set("PASSWORDLESS_CA_CERT", &ca);
        server
    }
    #[cfg(target_os = "macos")]
    unreachable!("no https fake server on macOS")
}

/// Plain http, and https on the platforms whose emulator serves it: one client, so the same
/// failures must be classified the same way over both.
fn schemes() -> &'static [bool] {
    if cfg!(target_os = "macos") {
        &[false]
    } else {
        &[false, true]
    }
}

#[test]
fn the_fault_matrix() {
    let mut env = TestEnv::new();
    for &https in schemes() {
        fault_matrix(&mut env, https);
    }
}

fn fault_matrix(env: &mut TestEnv, https: bool) {
    for case in cases() {
        for (i, args) in [GET, RETRIED_POST, NEVER_POST].into_iter().enumerate() {
            let server = serve(env, case.reply, https);
            let run = check(env, &server, args, case.name);
            let case_name = format!("{}{}", case.name, if https { " (https)" } else { "" });
            assert_eq!(run.code, case.exits[i], "{case_name} {args:?}: {run}");
            let hits = if i == 2 { 1 } else { case.retried_hits };
            assert_eq!(server.hits(), hits, "{case_name} {args:?}: {run}");
            if i < 2 {
                assert!(
                    run.stderr.contains(case.message),
                    "{} {args:?}: {run}",
                    case.name
                );
            }
            if run.code != 0 {
                // Every failure names the server it came from.
                let host = server
                    .url
                    .split("://")
                    .nth(1)
                    .unwrap()
                    .trim_end_matches('/');
                assert!(run.stderr.contains(host), "{case_name} {args:?}: {run}");
            }
            if case.exits[i] == 1 && case.name != "oversized body" {
                // A failure that is not a server error names the whole URL.
                assert!(
                    run.stderr.contains(&server.url),
                    "{} {args:?}: {run}",
                    case.name
                );
            }
        }
    }
}

/// `--timeout` is one deadline for the command: a hanging server gets one attempt, not three,
/// and the message reports the time really spent.
#[test]
fn a_hanging_server_uses_one_deadline() {
    let mut env = TestEnv::new();
    for (args, &https) in [GET, RETRIED_POST, NEVER_POST]
        .into_iter()
        .flat_map(|args| schemes().iter().map(move |https| (args, https)))
    {
        let server = serve(&mut env, || Reply::Hang, https);
        let mut all = vec!["--timeout", "1s"];
        all.extend_from_slice(args);
        let run = check(&env, &server, &all, "hang");
        assert_eq!(run.code, 7, "{run}");
        assert!(run.stderr.contains("timed out after 1."), "{run}");
        assert_eq!(server.hits(), 1, "{run}");
    }
}

#[test]
fn a_refused_connection_is_unavailable() {
    let env = TestEnv::new();
    for args in [GET, RETRIED_POST, NEVER_POST] {
        let mut all = vec!["--api-url", "http://127.0.0.1:1"];
        all.extend_from_slice(args);
        let run = env.run(&all);
        assert_eq!(run.code, 7, "{run}");
        assert_eq!(run.stderr.lines().count(), 1, "{run}");
        assert!(
            run.stderr
                .contains("could not connect to http://127.0.0.1:1"),
            "{run}"
        );
    }
}

/// A redirect is not followed (the secret would follow it) and is not a usage error.
#[test]
fn a_redirect_has_its_own_message_and_exit_1() {
    let mut env = TestEnv::new();
    for &https in schemes() {
        let redirect = || {
            http(
                "301 Moved Permanently",
                &[("Location", "https://elsewhere.example/")],
                b"",
            )
        };
        let server = serve(&mut env, redirect, https);
        let run = check(&env, &server, GET, "redirect");
        assert_eq!(run.code, 1, "{run}");
        assert!(
            run.stderr.contains(
                "a redirect to https://elsewhere.example/, which the CLI does not follow"
            ),
            "{run}"
        );
        assert_eq!(server.hits(), 1);
    }
}

/// A certificate no trusted CA signed: exit 1, the certificate named as the problem, not
/// retried, and no request reaches the server (the handshake fails before one is written).
#[cfg(not(target_os = "macos"))]
#[test]
fn an_untrusted_certificate_is_refused_before_any_request() {
    let env = TestEnv::new();
    let server = FakeServer::start_tls(|_| json("200 OK", r#"{"count": 3}"#), env.home.path());
    for args in [GET, RETRIED_POST, NEVER_POST] {
        let run = check(&env, &server, args, "untrusted");
        assert_eq!(run.code, 1, "{run}");
        assert!(
            run.stderr
                .contains("the TLS certificate of https://127.0.0.1:")
                && run.stderr.contains("is not trusted")
                && run.stderr.contains("--ca-cert"),
            "{run}"
        );
        assert_eq!(run.stderr.lines().count(), 1, "{run}");
    }
    assert_eq!(server.hits(), 0, "{:?}", server.requests());
}

/// A private CA is trusted from the flag, the variable, or the profile's `ca-cert`, in addition
/// to the system's roots; a file that is missing or holds no certificate is a usage error.
#[cfg(not(target_os = "macos"))]
#[test]
fn a_private_ca_from_the_flag_the_variable_or_the_profile() {
    let mut env = TestEnv::new();
    env.remove("PASSWORDLESS_CA_CERT");
    let server = FakeServer::start_tls(|_| json("200 OK", r#"{"count": 3}"#), env.home.path());
    let ca = server.ca_cert.clone().expect("a CA").display().to_string();
    let url = server.url.clone();

    let flag = env.run(&["--api-url", &url, "--ca-cert", &ca, "users", "count"]);
    assert_eq!((flag.code, flag.stdout.as_str()), (0, "3\n"), "{flag}");

    env.set("PASSWORDLESS_CA_CERT", &ca);
    let var = env.run(&["--api-url", &url, "users", "count"]);
    assert_eq!((var.code, var.stdout.as_str()), (0, "3\n"), "{var}");
    env.remove("PASSWORDLESS_CA_CERT");

    let set = env.run(&["config", "set", "ca-cert", &ca]);
    assert_eq!(set.code, 0, "{set}");
    let profile = env.run(&["--api-url", &url, "users", "count"]);
    assert_eq!(
        (profile.code, profile.stdout.as_str()),
        (0, "3\n"),
        "{profile}"
    );
    let show = env.run(&["config", "show", "--json"]);
    assert_eq!(show.json()["caCert"], ca.as_str(), "{show}");
    assert_eq!(show.json()["caCertSource"], "config file", "{show}");
    let doctor = env.run(&["--api-url", &url, "doctor", "--json"]);
    let tls = doctor.json()["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "tls")
        .cloned()
        .unwrap_or_else(|| panic!("a tls row: {doctor}"));
    assert_eq!(tls["status"], "ok", "{doctor}");
    assert!(tls["detail"].as_str().unwrap().contains(&ca), "{doctor}");
    assert_eq!(server.hits(), 4);

    let missing = env.home.path().join("nope.pem").display().to_string();
    let run = env.run(&["--ca-cert", &missing, "users", "count"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(
        run.stderr.contains("cannot read the CA certificate"),
        "{run}"
    );
    let not_pem = env.home.path().join("not.pem");
    std::fs::write(&not_pem, "hello").unwrap();
    let not_pem = not_pem.display().to_string();
    let run = env.run(&["--ca-cert", &not_pem, "users", "count"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("holds no PEM certificate"), "{run}");
    let refused = env.run(&["config", "set", "ca-cert", &not_pem]);
    assert_eq!(refused.code, 2, "{refused}");
    assert_eq!(server.hits(), 4, "nothing sent with a bad CA file");
}

/// A web site at the base URL: one line that says so and names the host, exit 1, not retried.
#[test]
fn an_ordinary_web_server_is_not_the_api() {
    let mut env = TestEnv::new();
    let server = serve(
        &mut env,
        || {
            http(
                "404 Not Found",
                &[("Content-Type", "text/html")],
                b"<html>Not Found</html>",
            )
        },
        false,
    );
    let run = check(&env, &server, GET, "404 HTML page");
    crate::snap!(env, run, @"
    exit: 1
    --- stdout
    --- stderr
    error: 127.0.0.1:[PORT] is not a Passwordless.dev API: GET http://127.0.0.1:[PORT]/users/count answered HTTP 404 with a `text/html` body where the API sends problem details; check the base URL (`passwordless config get base-url`): it must be the API itself (a self-hosted one usually ends in /api), not a web site in front of it
    ");
    assert_eq!(server.hits(), 1, "{run}");
}
