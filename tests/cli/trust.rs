//! Trust: secrets stay with their host (no proxy for plain-http loopback, masked URL
//! passwords, no echo of a secret in any argv placement, nothing in `-vvv`), server text cannot
//! drive the terminal, and `doctor` reports the setup.

use crate::common::fake_server::{FakeServer, http, json};
use crate::common::{DEV_MANAGEMENT_KEY, DEV_SECRET, TestEnv};

const OTHER_SECRET: &str = "myapp:secret:0123456789abcdef0123456789ab1a2b";

#[test]
fn plain_http_loopback_never_goes_through_a_proxy() {
    let proxy = FakeServer::start(|_| json("200 OK", r#"{"count": 99}"#));
    let mut env = TestEnv::plain_http();
    for name in ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"] {
        env.set(name, &proxy.url);
    }
    let run = env.run(&["users", "count", "--json"]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(
        run.json()["count"],
        0,
        "the emulator answered, not the proxy: {run}"
    );
    assert_eq!(proxy.hits(), 0, "{:?}", proxy.requests());
}

#[test]
fn url_passwords_are_masked() {
    let mut env = TestEnv::new();
    let url = env
        .emulator
        .base_url()
        .replacen("://", "://user:hunter2@", 1);
    env.set("PASSWORDLESS_API_URL", &url);
    for args in [
        &["users", "count", "-vv"][..],
        &["config", "show"],
        &["config", "show", "--json"],
    ] {
        let run = env.run(args);
        assert_eq!(run.code, 0, "{run}");
        assert!(
            !run.stdout.contains("hunter2") && !run.stderr.contains("hunter2"),
            "{args:?}: {run}"
        );
        assert!(
            run.stdout.contains("user:****@") || run.stderr.contains("user:****@"),
            "{run}"
        );
    }
    let run = env.run(&["config", "set", "base-url", &url]);
    assert_eq!(run.code, 0, "{run}");
    assert!(!run.stdout.contains("hunter2"), "{run}");
}

/// Wherever a secret sits on the command line, the run stops with a usage error that does not
/// repeat it — including clap's own errors, and the emulator's `--secret`.
#[test]
fn no_argv_placement_echoes_a_secret() {
    let env = TestEnv::new();
    let with_secret = |words: &[&str]| -> Vec<String> {
        words.iter().map(|w| w.replace("S", OTHER_SECRET)).collect()
    };
    let placements: &[&[&str]] = &[
        &["--profile", "x", "verify", "--secret=S"],
        &["--profile", "emulator", "verify", "--secret=S"],
        &["verify", "--secret", "S"],
        &["--api-url=S", "users", "count"],
        &["--timeout", "S", "users", "count"],
        &["users", "list", "S"],
        &["emulator", "exec", "--", "echo", "--secret", "S"],
        &["emulator", "--secret", "S", "--bogus"],
        &["emulator", "--secret=S", "--port", "not-a-port"],
        &["emulator", "--public-key", "S", "--secret"],
    ];
    for words in placements {
        let argv = with_secret(words);
        let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
        let run = env.run(&argv);
        assert_eq!(run.code, 2, "{words:?}: {run}");
        for shown in [&run.stdout, &run.stderr] {
            assert!(
                !shown.contains("0123456789abcdef0123456789ab"),
                "{words:?}: {run}"
            );
        }
    }
}

/// `-vvv` shows bodies and headers, never the secret, the management key or a token.
#[test]
fn the_deepest_trace_holds_no_secret_key_or_token() {
    let mut env = TestEnv::new();
    env.set("PASSWORDLESS_MANAGEMENT_KEY", DEV_MANAGEMENT_KEY);
    let signin = env.value(&["signin-token", "--user-id", "42", "--quiet"]);
    let magic = env.run(&[
        "magic-link",
        "send",
        "--email",
        "a@example.com",
        "--url-template",
        "https://app.example/?t=$TOKEN",
        "--user-id",
        "42",
        "-vvv",
    ]);
    let outbox = env.run(&[
        "emulator",
        "outbox",
        "--url",
        &env.emulator.base_url(),
        "--json",
    ]);
    let magic_token = outbox.json()[0]["token"]
        .as_str()
        .expect("token")
        .to_owned();
    let runs = vec![
        (
            "register-token",
            env.run(&["register-token", "--user-id", "42", "-vvv"]),
        ),
        ("verify ok", env.run(&["verify", &signin, "-vvv"])),
        ("verify magic", env.run(&["verify", &magic_token, "-vvv"])),
        (
            "verify bad",
            env.run(&[
                "verify",
                "verify_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "-vvv",
            ]),
        ),
        ("magic-link", magic),
        (
            "admin create",
            env.run(&["admin", "apps", "create", "shopx", "-vvv"]),
        ),
        (
            "refused",
            env.run(&["--api-url", "http://127.0.0.1:1", "users", "count", "-vvv"]),
        ),
    ];
    let mut traced = false;
    for (name, run) in &runs {
        traced |= run.stderr.contains("< {");
        for secret in [DEV_SECRET, DEV_MANAGEMENT_KEY, &signin, &magic_token] {
            assert!(
                !run.stderr.contains(secret) && !run.stdout.contains(secret),
                "{name}: {run}"
            );
        }
        // Tokens and keys the command itself prints are its output; the trace never has them.
        for word in run.stdout.split(|c: char| c.is_whitespace() || c == '"') {
            if word.contains("****") {
                continue;
            }
            if word.starts_with("register_")
                || word.starts_with("verify_")
                || word.contains(":secret:")
            {
                assert!(!run.stderr.contains(word), "{name}: {run}");
            }
        }
    }
    assert!(
        traced,
        "-vvv shows bodies: {:?}",
        runs.iter()
            .map(|(_, r)| r.stderr.clone())
            .collect::<Vec<_>>()
    );
    let deep = &runs[0].1.stderr;
    assert!(deep.contains("> apisecret: devapp:secret:****"), "{deep}");
    assert!(deep.contains("< content-type: application/json"), "{deep}");
}

#[test]
fn verbosity_levels() {
    let env = TestEnv::new();
    let one = env.run(&["users", "count", "-v"]);
    assert_eq!(one.code, 0, "{one}");
    assert!(
        one.stderr
            .contains(&format!("> GET {}/", env.emulator.base_url()))
            && one.stderr.contains("< 200 OK in "),
        "{one}"
    );
    assert!(!one.stderr.contains("content-type"), "{one}");
    let two = env.run(&["users", "count", "-vv"]);
    assert!(
        two.stderr.contains("< content-type: application/json") && !two.stderr.contains("< {"),
        "{two}"
    );
    let three = env.run(&["users", "count", "-vvv"]);
    assert!(three.stderr.contains(r#"< {"count":0}"#), "{three}");
}

/// Server text is shown with its control characters escaped: no forged `error:` line, no
/// escape sequence reaching the terminal; `--json` stays exact.
#[test]
fn server_text_cannot_drive_the_terminal() {
    let env = TestEnv::new();
    let list = r#"{"values":[{"userId":"a\u001b]8;;http://x\u0007\nb","aliasCount":1,"aliases":["x\ty"],"credentialsCount":0,"lastUsedAt":null}]}"#;
    let server = FakeServer::start(move |_| json("200 OK", list));
    for args in [&["users", "list"][..], &["users", "list", "--quiet"]] {
        let mut all = vec!["--api-url", server.url.as_str()];
        all.extend_from_slice(args);
        let run = env.run(&all);
        assert_eq!(run.code, 0, "{run}");
        assert!(
            !run.stdout.contains('\u{1b}') && !run.stdout.contains('\u{7}'),
            "{run}"
        );
        assert!(run.stdout.contains(r"a\u{1b}]8;;http://x\u{7}\nb"), "{run}");
    }
    let run = env.run(&["--api-url", &server.url, "users", "list", "--json"]);
    assert!(
        run.stdout.contains(r#""a\u001b]8;;http://x\u0007\nb""#),
        "{run}"
    );

    let problem = r#"{"title":"bad\u001b[2J","detail":"x\nerror: everything is fine","errorCode":"a\rb","status":400}"#;
    let server = FakeServer::start(move |_| {
        http(
            "400 Bad Request",
            &[("Content-Type", "application/problem+json")],
            problem.as_bytes(),
        )
    });
    let run = env.run(&["--api-url", &server.url, "users", "count"]);
    assert_eq!(run.code, 5, "{run}");
    assert_eq!(
        run.stderr
            .lines()
            .filter(|l| l.starts_with("error:"))
            .count(),
        1,
        "{run}"
    );
    assert!(
        !run.stderr.contains('\u{1b}') && !run.stderr.contains('\r'),
        "{run}"
    );
}

#[test]
fn doctor_reports_a_good_setup_and_a_broken_one() {
    let env = TestEnv::new();
    let run = env.run(&["doctor", "--json"]);
    assert_eq!(run.code, 0, "{run}");
    let report = run.json();
    assert_eq!(report["ok"], true, "{run}");
    let names: Vec<&str> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    // An https server gets a row saying which roots its certificate was checked against.
    let expected: &[&str] = if env.emulator.base_url().starts_with("https://") {
        &[
            "config", "keyring", "secret", "tls", "api", "clock", "proxy",
        ]
    } else {
        &["config", "keyring", "secret", "api", "clock", "proxy"]
    };
    assert_eq!(names, expected, "{run}");
    assert!(run.stdout.contains("devapp:secret:****"), "{run}");
    assert!(!run.stdout.contains(DEV_SECRET), "{run}");

    let mut broken = TestEnv::new();
    broken.set("PASSWORDLESS_API_URL", "http://127.0.0.1:1");
    broken.set(
        "HTTPS_PROXY",
        "http://proxyuser:proxypass@proxy.example:3128",
    );
    let run = broken.run(&["doctor"]);
    assert_eq!(run.code, 1, "{run}");
    assert!(run.stdout.contains("could not connect"), "{run}");
    assert!(run.stdout.contains("check the base URL"), "{run}");
    assert!(
        run.stdout
            .contains("HTTPS_PROXY=http://proxyuser:****@proxy.example:3128"),
        "{run}"
    );
    assert!(!run.stdout.contains("proxypass"), "{run}");
}
