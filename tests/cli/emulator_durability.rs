//! `passwordless emulator --state` killed with SIGKILL while clients are being answered: every
//! change the emulator acknowledged is in the state after a restart, of every kind (aliases set,
//! users deleted, e-mails, the event of a registration token).

// A raw HTTP client on purpose: the test plays many concurrent clients against a spawned binary.
#![allow(clippy::disallowed_types, clippy::disallowed_methods)]

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::{DEV_SECRET, Running, TestEnv};

/// What a client was told was done.
#[derive(Debug, Clone)]
enum Acked {
    /// `POST /alias` answered 204: `user` has the plain-text alias `alias`.
    Alias { user: String, alias: String },
    /// `POST /magic-links/send` answered 204: an e-mail to `to` is in the outbox.
    Mail { to: String },
    /// `POST /register/token` answered 200: the event log says a token was made for `user`.
    Token { user: String },
    /// `POST /users/delete` answered 200: `user` (who had an alias) is gone.
    Deleted { user: String },
}

/// Whether the POST was answered with a success.
fn post(client: &reqwest::blocking::Client, url: &str, path: &str, body: &Value) -> bool {
    client
        .post(format!("{url}{path}"))
        .header("ApiSecret", DEV_SECRET)
        .json(body)
        .send()
        .is_ok_and(|r| r.status().is_success())
}

fn get(url: &str, path: &str) -> Value {
    reqwest::blocking::get(format!("{url}{path}"))
        .and_then(|r| r.error_for_status())
        .and_then(|r| r.json())
        .unwrap_or_else(|e| panic!("GET {path}: {e}"))
}

#[test]
fn acknowledged_changes_survive_a_sigkill() {
    let env = TestEnv::new();
    let path = env.home.path().join("state.json");
    let path = path.to_str().expect("utf-8 path");
    let running = Running::start(&env, &["--state", path]);
    let url = running.url.clone();

    let acked = Arc::new(Mutex::new(Vec::<Acked>::new()));
    // Deletions sent, answered or not: one in flight at the kill may have been kept (it is
    // not acknowledged, so either outcome is right), taking an acknowledged alias with it.
    let deleting = Arc::new(Mutex::new(Vec::<String>::new()));
    let failing = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..4)
        .map(|t| {
            let (url, acked, failing) = (url.clone(), acked.clone(), failing.clone());
            let deleting = deleting.clone();
            thread::spawn(move || {
                let client = reqwest::blocking::Client::builder()
                    .timeout(Duration::from_secs(10))
                    .build()
                    .expect("client");
                for i in 0.. {
                    let done = if i % 4 == 3 {
                        // The user whose alias was set three requests ago.
                        let user = format!("t{t}-u{}", i - 3);
                        deleting.lock().expect("deletions").push(user.clone());
                        let body = json!({"userId": user});
                        post(&client, &url, "/users/delete", &body)
                            .then_some(Acked::Deleted { user })
                    } else if i % 4 == 2 {
                        let user = format!("t{t}-r{i}");
                        let body = json!({"userId": user, "username": user});
                        post(&client, &url, "/register/token", &body)
                            .then_some(Acked::Token { user })
                    } else if i % 4 == 0 {
                        let (user, alias) = (format!("t{t}-u{i}"), format!("t{t}-a{i}"));
                        let body = json!({"userId": user, "aliases": [alias], "hashing": false});
                        post(&client, &url, "/alias", &body).then_some(Acked::Alias { user, alias })
                    } else {
                        let to = format!("t{t}-m{i}@example.com");
                        let body = json!({"emailAddress": to, "userId": format!("t{t}-m{i}"),
                            "urlTemplate": "https://app.example/?t=$TOKEN"});
                        post(&client, &url, "/magic-links/send", &body)
                            .then_some(Acked::Mail { to })
                    };
                    match done {
                        Some(ack) => acked.lock().expect("acks").push(ack),
                        // The emulator is gone (or refused): stop this writer.
                        None => {
                            failing.store(true, Ordering::SeqCst);
                            return;
                        }
                    }
                }
            })
        })
        .collect();

    // Kill it mid-stream, with writers still sending.
    let deadline = Instant::now() + Duration::from_secs(60);
    while acked.lock().expect("acks").len() < 120 {
        assert!(
            Instant::now() < deadline,
            "too few answers before the deadline"
        );
        assert!(
            !failing.load(Ordering::SeqCst),
            "a request failed before the kill"
        );
        thread::sleep(Duration::from_millis(2));
    }
    drop(running); // SIGKILL
    for writer in writers {
        writer.join().expect("writer");
    }
    let acked = acked.lock().expect("acks").clone();

    let restarted = Running::start(&env, &["--state", path]);
    let state = get(&restarted.url, "/_emulator/state");
    let users = state["apps"][0]["users"].as_array().expect("users").clone();
    let outbox = get(&restarted.url, "/_emulator/outbox");
    let sent: Vec<&str> = outbox
        .as_array()
        .expect("outbox")
        .iter()
        .filter_map(|m| m["to"].as_str())
        .collect();
    let events = reqwest::blocking::Client::new()
        .get(format!(
            "{}/events?pageNumber=1&numberOfResults=1000",
            restarted.url
        ))
        .header("ApiSecret", DEV_SECRET)
        .send()
        .and_then(|r| r.error_for_status())
        .and_then(|r| r.json::<Value>())
        .expect("GET /events");
    let registered: Vec<&str> = events["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| e["eventType"] == "ApiAuthUserRegistered")
        .filter_map(|e| e["performedBy"].as_str())
        .collect();
    let deleted: Vec<String> = deleting.lock().expect("deletions").clone();
    let deleted: Vec<&str> = deleted.iter().map(String::as_str).collect();
    for ack in &acked {
        match ack {
            Acked::Alias { user, .. } if deleted.contains(&user.as_str()) => {}
            Acked::Alias { user, alias } => {
                let kept = users.iter().any(|u| {
                    u["userId"] == user.as_str()
                        && u["aliases"]
                            .as_array()
                            .is_some_and(|a| a.iter().any(|a| a["plaintext"] == alias.as_str()))
                });
                assert!(kept, "acknowledged alias {alias} of {user} was lost");
            }
            Acked::Mail { to } => {
                assert!(
                    sent.contains(&to.as_str()),
                    "acknowledged e-mail to {to} was lost"
                );
            }
            Acked::Token { user } => {
                assert!(
                    registered.contains(&user.as_str()),
                    "the event of acknowledged registration token for {user} was lost"
                );
            }
            Acked::Deleted { user } => {
                assert!(
                    !users.iter().any(|u| u["userId"] == user.as_str()),
                    "acknowledged deletion of {user} was lost"
                );
            }
        }
    }
    restarted.interrupt();
}

fn registered_users(url: &str) -> Vec<String> {
    let events = reqwest::blocking::Client::new()
        .get(format!("{url}/events?pageNumber=1&numberOfResults=1000"))
        .header("ApiSecret", DEV_SECRET)
        .send()
        .and_then(|r| r.error_for_status())
        .and_then(|r| r.json::<Value>())
        .expect("GET /events");
    events["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| e["eventType"] == "ApiAuthUserRegistered")
        .filter_map(|e| e["performedBy"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn events_survive_a_sigkill_and_the_file_is_a_database() {
    let env = TestEnv::new();
    let path = env.home.path().join("state.db");
    let path_text = path.to_str().expect("utf-8 path");
    let running = Running::start(&env, &["--state", path_text]);
    let header = std::fs::read(&path).expect("the state file is written at start");
    assert!(
        header.starts_with(b"SQLite format 3\0"),
        "an SQLite database"
    );
    let client = reqwest::blocking::Client::new();
    let users: Vec<String> = (0..50).map(|i| format!("journal-{i}")).collect();
    for user in &users {
        let body = json!({"userId": user, "username": user});
        assert!(post(&client, &running.url, "/register/token", &body));
    }
    drop(running); // SIGKILL

    let restarted = Running::start(&env, &["--state", path_text]);
    let mut registered = registered_users(&restarted.url);
    registered.sort();
    let mut wanted = users.clone();
    wanted.sort();
    assert_eq!(registered, wanted);
    restarted.interrupt();
    // Nothing is written twice by a restart.
    let restarted = Running::start(&env, &["--state", path_text]);
    assert_eq!(registered_users(&restarted.url).len(), users.len());
}
