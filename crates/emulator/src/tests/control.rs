//! The reset and clock control routes: `POST /_emulator/reset` and `/_emulator/clock`, their
//! JSON shapes, their refusals, and the time-based answers that follow the clock.

use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use time::macros::datetime;

use super::passkeys::{Browser, ORIGIN, RP};
use super::{Env, Resp, seeded};
use crate::DEV_API_SECRET;

fn control(env: &Env, method: &str, path: &str, body: Option<&Value>) -> Resp {
    let body = body.map(Value::to_string);
    let headers: &[(&str, &str)] = if body.is_some() {
        &[("Content-Type", "application/json")]
    } else {
        &[]
    };
    env.send(method, path, headers, body.as_deref())
}

fn advance(env: &Env, by: &str) -> Resp {
    control(
        env,
        "POST",
        "/_emulator/clock/advance",
        Some(&json!({ "by": by })),
    )
}

fn set(env: &Env, now: &str) -> Resp {
    control(
        env,
        "POST",
        "/_emulator/clock/set",
        Some(&json!({ "now": now })),
    )
}

/// The `now` of a clock answer, checked to be the whole answer.
#[track_caller]
fn now_of(r: &Resp) -> OffsetDateTime {
    let v = r.ok_json();
    assert_eq!(
        v.as_object().expect("an object").len(),
        1,
        "only `now`: {v}"
    );
    OffsetDateTime::parse(v["now"].as_str().expect("now"), &Rfc3339).expect("RFC 3339")
}

/// The title of a 400 problem without an error code.
#[track_caller]
fn refusal(r: &Resp) -> String {
    let v = r.problem(400);
    assert_eq!(v["errorCode"], Value::Null, "{v}");
    v["title"].as_str().expect("title").to_owned()
}

#[test]
fn clock_reads_advances_and_sets_forward_only() {
    let env = Env::new();
    let start = now_of(&control(&env, "GET", "/_emulator/clock", None));
    let real = OffsetDateTime::now_utc();
    assert!((real - start).abs() < time::Duration::minutes(1), "{start}");

    let moved = now_of(&advance(&env, "31d"));
    assert!(moved - start >= time::Duration::days(31), "{moved}");
    assert!(moved - start < time::Duration::days(31) + time::Duration::minutes(1));

    let at = now_of(&set(&env, "2200-01-01T00:00:00Z"));
    assert!(at >= datetime!(2200-01-01 00:00 UTC), "{at}");
    assert!(at < datetime!(2200-01-01 00:01 UTC), "{at}");

    let title = refusal(&set(&env, "2027-01-01T00:00:00Z"));
    assert!(
        title.starts_with(
            "the clock only moves forward: 2027-01-01T00:00:00Z is before its time 2200-01-01T00:0"
        ),
        "{title}"
    );
    let after = now_of(&control(&env, "GET", "/_emulator/clock", None));
    assert!(
        after >= at && after < datetime!(2200-01-01 00:01 UTC),
        "{after}"
    );
}

#[test]
fn clock_refuses_bad_bodies_with_one_line() {
    let env = Env::new();
    let title = refusal(&advance(&env, "2 fortnights"));
    assert!(
        title.starts_with(r#""by" is not a duration such as 90s, 2m or 31d: "2 fortnights""#),
        "{title}"
    );
    assert!(refusal(&advance(&env, "-5m")).contains("not a duration"));
    assert!(refusal(&advance(&env, "100000y")).contains("too far"));
    let title = refusal(&set(&env, "tomorrow"));
    assert!(
        title.starts_with(r#""now" is not an RFC 3339 time such as 2027-01-01T00:00:00Z"#),
        "{title}"
    );
    let title = refusal(&control(
        &env,
        "POST",
        "/_emulator/clock/advance",
        Some(&json!({"seconds": 5})),
    ));
    assert!(title.contains(r#"the shape {"by": "2m"}"#), "{title}");
    for title in [&refusal(&advance(&env, "x")), &refusal(&set(&env, "x"))] {
        assert!(!title.contains('\n'), "{title}");
    }
    // Nothing moved.
    let now = now_of(&control(&env, "GET", "/_emulator/clock", None));
    assert!((OffsetDateTime::now_utc() - now).abs() < time::Duration::minutes(1));
    assert_eq!(
        control(&env, "DELETE", "/_emulator/clock", None).status,
        405
    );
}

#[test]
fn reset_and_clock_stay_behind_the_control_plane_guard() {
    let env = Env::new();
    for (method, path) in [
        ("POST", "/_emulator/reset"),
        ("GET", "/_emulator/clock"),
        ("POST", "/_emulator/clock/advance"),
        ("POST", "/_emulator/clock/set"),
    ] {
        let r = env.send(
            method,
            path,
            &[
                ("Origin", "https://evil.example"),
                ("Content-Type", "application/json"),
            ],
            Some(r#"{"by": "1d", "now": "2200-01-01T00:00:00Z"}"#),
        );
        assert_eq!(r.status, 403, "{method} {path}: {}", r.text);
        // A form post needs no preflight, so it is refused too.
        let r = env.send(
            method,
            path,
            &[("Content-Type", "text/plain")],
            Some(r#"{"by": "1d"}"#),
        );
        assert_eq!(r.status, 415, "{method} {path}: {}", r.text);
    }
    let now = now_of(&control(&env, "GET", "/_emulator/clock", None));
    assert!((OffsetDateTime::now_utc() - now).abs() < time::Duration::minutes(1));
}

#[test]
fn a_register_token_expires_when_the_clock_passes_its_ttl() {
    let env = Env::new();
    let browser = Browser::new(&env);
    let token = browser.register_token(json!({"userId": "u", "username": "u"}));
    // The default lifetime is two minutes: one minute on, the token still opens a ceremony.
    advance(&env, "1m").ok_json();
    browser.begin_register(&token);
    advance(&env, "2m").ok_json();
    let v = browser
        .post(
            "/register/begin",
            &json!({"token": token, "RPID": RP, "Origin": ORIGIN}),
        )
        .problem(403);
    assert_eq!(v["errorCode"], "expired_token");
    assert_eq!(v["title"], "The token expired 1 minute ago.");

    // A sign-in token the same way, through `/signin/verify`.
    let token = env.verify_token("u");
    advance(&env, "3m").ok_json();
    let v = env
        .post("/signin/verify", &json!({ "token": token }).to_string())
        .problem(403);
    assert_eq!(v["errorCode"], "expired_token");
}

#[test]
fn events_follow_the_clock() {
    let env = Env::new();
    set(&env, "2200-01-01T00:00:00Z").ok_json();
    env.post("/register/token", r#"{"userId":"u1","username":"n"}"#)
        .ok_json();
    let v = env.get("/events?pageNumber=1").ok_json();
    let performed = v["events"][0]["performedAt"].as_str().expect("performedAt");
    assert!(performed.starts_with("2200-01-01T00:0"), "{v}");
}

#[test]
fn reset_brings_back_the_start_and_clears_faults_and_the_clock() {
    let env = seeded();
    let users = |env: &Env| -> Vec<String> {
        let list = env.get("/users/list").ok_json();
        list["values"]
            .as_array()
            .expect("values")
            .iter()
            .map(|u| u["userId"].as_str().expect("userId").to_owned())
            .collect()
    };
    let trace = |env: &Env| {
        env.send("GET", "/health/throw/api", &[], None).json()["traceId"]
            .as_str()
            .expect("traceId")
            .to_owned()
    };
    let at_start = users(&env);
    assert_eq!(at_start, ["alice", "carol", "bob"]);
    let count = env.get("/users/count").ok_json();
    let first_trace = trace(&env);

    env.post("/users/delete", r#"{"userId":"alice"}"#);
    env.post("/users/delete", r#"{"userId":"bob"}"#);
    assert_eq!(users(&env), ["carol"]);
    let fault = control(
        &env,
        "POST",
        "/_emulator/faults",
        Some(&json!({"path": "/users/count", "status": 503})),
    );
    assert_eq!(fault.status, 201, "{}", fault.text);
    assert_eq!(env.get("/users/count").status, 503);
    advance(&env, "400d").ok_json();

    let r = control(&env, "POST", "/_emulator/reset", None);
    assert_eq!(r.status, 204, "{}", r.text);
    assert_eq!(r.text, "");

    assert_eq!(users(&env), at_start);
    let credentials = env.get("/credentials/list?userId=alice").ok_json();
    assert_eq!(
        credentials["values"].as_array().map(Vec::len),
        Some(2),
        "{credentials}"
    );
    assert_eq!(
        env.get("/alias/list?userId=bob").ok_json()["values"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    assert_eq!(
        control(&env, "GET", "/_emulator/faults", None).ok_json(),
        json!([])
    );
    assert_eq!(env.get("/users/count").ok_json(), count);
    let now = now_of(&control(&env, "GET", "/_emulator/clock", None));
    assert!((OffsetDateTime::now_utc() - now).abs() < time::Duration::minutes(1));
    // Deterministic trace ids count from the start again, as on a fresh emulator.
    assert_eq!(trace(&env), first_trace);

    // The start state shares its users with the running one until a request changes them: a
    // change to a user that came back from the start leaves the start as it was.
    let bob_aliases = |env: &Env| env.get("/alias/list?userId=bob").ok_json()["values"].clone();
    let at_start = bob_aliases(&env);
    env.post("/alias", r#"{"userId":"bob","aliases":["renamed"]}"#);
    assert_ne!(bob_aliases(&env), at_start);
    let r = control(&env, "POST", "/_emulator/reset", None);
    assert_eq!(r.status, 204, "{}", r.text);
    assert_eq!(bob_aliases(&env), at_start);
    assert_eq!(env.get("/users/count").ok_json(), count);
}

/// With `--state`, reset goes back to what the file held when this emulator started (not to an
/// empty app), and the file is saved with it, so a restart after a reset starts there too.
#[test]
fn with_a_state_file_reset_returns_to_what_the_file_held_at_start() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("state.json");
    let config = || super::EmulatorConfig {
        deterministic: true,
        state_file: Some(path.clone()),
        ..super::EmulatorConfig::default()
    };
    let aliases = |env: &Env, user: &str| {
        env.get(&format!("/alias/list?userId={user}")).ok_json()["values"]
            .as_array()
            .map_or(0, Vec::len)
    };
    {
        let env = Env::with(config());
        env.post("/alias", r#"{"userId":"kept","aliases":["kept"]}"#);
        assert_eq!(aliases(&env, "kept"), 1);
    }
    {
        let env = Env::with(config());
        env.post("/alias", r#"{"userId":"later","aliases":["later"]}"#);
        env.post("/users/delete", r#"{"userId":"kept"}"#);
        assert_eq!(aliases(&env, "kept"), 0);
        let r = control(&env, "POST", "/_emulator/reset", None);
        assert_eq!(r.status, 204, "{}", r.text);
        assert_eq!(aliases(&env, "kept"), 1, "the file's start is back");
        assert_eq!(aliases(&env, "later"), 0, "changes since are gone");
    }
    let env = Env::with(config());
    assert_eq!(aliases(&env, "kept"), 1, "the reset was saved");
    assert_eq!(aliases(&env, "later"), 0, "the reset was saved");
}

/// The magic-link quota follows the clock: both the young-app fraction and the 30-day window.
#[test]
fn the_magic_link_quota_rolls_over_with_the_clock() {
    let env = Env::new();
    env.mgmt(
        "POST",
        "/admin/apps/devapp/features",
        Some(r#"{"magicLinkEmailMonthlyQuota":10}"#),
    );
    let body = r#"{"emailAddress":"a@b.c","urlTemplate":"https://app.example/login?token=$TOKEN","userId":"u1"}"#;
    let send = || env.post("/magic-links/send", body);
    // The development app starts a day old: half of its quota, five of ten.
    for _ in 0..5 {
        assert_eq!(send().status, 204);
    }
    send().api_error(
        429,
        Some("magic_link_email_quota_exceeded"),
        "You have reached your monthly quota for magic link emails. Please try again later.",
    );
    advance(&env, "31d").ok_json();
    // Now a month old, with the five sent outside the window: the whole quota.
    for _ in 0..10 {
        assert_eq!(send().status, 204);
    }
    assert_eq!(send().status, 429);
}

/// Apps and API keys made after a move are dated by the clock.
#[test]
fn app_and_key_dates_follow_the_clock() {
    let env = Env::new();
    set(&env, "2200-01-01T00:00:00Z").ok_json();
    super::create_app(&env, "later", json!({"adminEmail": "a@b.c"}));
    let state = control(&env, "GET", "/_emulator/state", None).ok_json();
    let app = state["apps"]
        .as_array()
        .expect("apps")
        .iter()
        .find(|a| a["appId"] == "later")
        .expect("the new app");
    let created = app["createdAt"].as_str().expect("createdAt");
    assert!(created.starts_with("2200-01-01T00:0"), "{app}");
    let keys = app["keys"].as_array().expect("keys");
    assert!(!keys.is_empty(), "{app}");
    for key in keys {
        let date = key["createdAt"].as_str().expect("key createdAt");
        assert!(date.starts_with("2200-01-01T00:0"), "{key}");
    }
}

/// The request log: an API request shows up with its status, path, app and redacted bodies;
/// control routes are left out; `?limit` and `?after` pick; the guard applies; reset empties it.
#[test]
fn the_request_log_shows_api_requests_redacted_and_reset_empties_it() {
    let env = Env::new();
    let requests =
        |query: &str| control(&env, "GET", &format!("/_emulator/requests{query}"), None).ok_json();
    assert_eq!(requests(""), json!([]));
    let token = env.verify_token("u7");
    let r = env.post("/signin/verify", &json!({ "token": token }).to_string());
    assert_eq!(r.status, 200, "{}", r.text);
    control(&env, "GET", "/_emulator/state", None).ok_json();

    let log = requests("");
    let items = log.as_array().expect("an array");
    let paths: Vec<&str> = items.iter().map(|i| i["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["/signin/generate-token", "/signin/verify"], "{log}");
    let verify = &items[1];
    assert_eq!(verify["method"], "POST");
    assert_eq!(verify["status"], 200);
    assert!(verify["latencyMs"].as_f64().is_some(), "{verify}");
    assert!(verify["at"].as_str().is_some(), "{verify}");
    let text = log.to_string();
    assert!(!text.contains(&token[8..]), "the token is masked: {text}");
    assert!(!text.contains(":secret:"), "no secret: {text}");
    assert!(
        verify["responseBody"].as_str().unwrap().contains("u7"),
        "{verify}"
    );
    // The app its key named: the part of the key before its first colon.
    let app = DEV_API_SECRET.split(':').next().unwrap();
    assert_eq!(verify["app"], app);

    let last = requests("?limit=1");
    assert_eq!(last.as_array().map(Vec::len), Some(1));
    assert_eq!(last[0]["path"], "/signin/verify");
    let first_id = items[0]["id"].as_u64().unwrap();
    assert_eq!(
        requests(&format!("?after={first_id}"))[0]["path"],
        "/signin/verify"
    );
    assert_eq!(
        control(&env, "GET", "/_emulator/requests?limit=many", None).status,
        400
    );
    let r = env.send(
        "GET",
        "/_emulator/requests",
        &[("Origin", "https://evil.example")],
        None,
    );
    assert_eq!(r.status, 403, "{}", r.text);

    assert_eq!(control(&env, "POST", "/_emulator/reset", None).status, 204);
    assert_eq!(requests(""), json!([]));
}

/// The server's new-app rule (`MagicLinks:NewAccountTimeout`): for its first 24 hours an app
/// may send magic links only to its admin address (case-insensitive); the clock lifts it.
#[test]
fn a_new_app_mails_only_its_admin_until_the_clock_makes_it_a_day_old() {
    let env = Env::new();
    let secret = super::create_app(&env, "young", json!({"adminEmail": "Owner@Example.com"}));
    let send = |to: &str| {
        let body = json!({
            "emailAddress": to,
            "urlTemplate": "https://app.example/login?token=$TOKEN",
            "userId": "u1",
        });
        env.post_as(&secret, "/magic-links/send", &body.to_string())
    };
    let refused = send("someone@example.com");
    refused.api_error(
        403,
        Some("magic_link_email_admin_address_only"),
        "Because your application has been created less than 24 hours ago, you can only request magic links to the admin email address.",
    );
    assert_eq!(send("owner@example.COM").status, 204, "the admin address");
    advance(&env, "23h").ok_json();
    assert_eq!(send("someone@example.com").status, 403, "still under a day");
    advance(&env, "1h").ok_json();
    assert_eq!(send("someone@example.com").status, 204, "a day old");

    // An app created without an admin address can mail no one at first.
    let bare = super::create_app(&env, "bare", json!({}));
    let body =
        r#"{"emailAddress":"a@b.c","urlTemplate":"https://app.example/?t=$TOKEN","userId":"u"}"#;
    assert_eq!(env.post_as(&bare, "/magic-links/send", body).status, 403);

    // The development app counts as old enough from the start, and stays so after a reset.
    assert_eq!(env.post("/magic-links/send", body).status, 204);
    control(&env, "POST", "/_emulator/reset", None);
    assert_eq!(env.post("/magic-links/send", body).status, 204);
}
