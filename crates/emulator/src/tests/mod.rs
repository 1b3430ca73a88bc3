//! Loopback HTTP tests of the emulator: each test starts its own instance on port 0 and talks to
//! it with a small blocking client, checking status, headers and bodies as a client sees them.

mod admin;
mod app_settings;
mod auth;
mod control;
mod export;
mod hardening;
mod inspector;
mod limits;
mod passkey_rejections;
mod passkey_web;
mod passkeys;
mod server;
mod store;
#[cfg(not(target_os = "macos"))]
mod tls;
mod tokens;
mod users;

use reqwest::blocking::Client;
use serde_json::{Value, json};

use super::{DEV_API_SECRET, Emulator, EmulatorConfig, Seed};

pub struct Resp {
    pub status: u16,
    pub content_type: String,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.text))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts a problem body with `status` and returns it.
    #[track_caller]
    pub fn problem(&self, status: u16) -> Value {
        assert_eq!(self.status, status, "body: {}", self.text);
        assert_eq!(self.content_type, "application/problem+json");
        let v = self.json();
        assert_eq!(v["status"], status);
        let trace = v["traceId"].as_str().expect("traceId");
        assert!(is_trace_id(trace), "{trace}");
        v
    }

    /// Asserts a Passwordless `ApiException` problem and returns it.
    #[track_caller]
    pub fn api_error(&self, status: u16, code: Option<&str>, title: &str) -> Value {
        let v = self.problem(status);
        assert_eq!(v["title"], title, "{}", self.text);
        assert_eq!(v["errorCode"], serde_json::json!(code));
        assert_eq!(
            v["type"],
            format!(
                "https://docs.passwordless.dev/guide/errors.html#{}",
                code.unwrap_or("")
            )
        );
        v
    }

    /// Asserts a validation problem and returns its `errors` map.
    #[track_caller]
    pub fn validation(&self) -> Value {
        let v = self.problem(400);
        assert_eq!(v["title"], "One or more validation errors occurred.");
        assert_eq!(
            v["type"],
            "https://tools.ietf.org/html/rfc9110#section-15.5.1"
        );
        v["errors"].clone()
    }

    /// Asserts a framework binding problem.
    #[track_caller]
    pub fn binding(&self) -> Value {
        let v = self.problem(400);
        assert_eq!(
            v["type"],
            "https://tools.ietf.org/html/rfc9110#section-15.5.1"
        );
        assert!(v.get("errors").is_none());
        assert!(v.get("errorCode").is_none());
        v
    }

    #[track_caller]
    pub fn ok_json(&self) -> Value {
        assert_eq!(self.status, 200, "body: {}", self.text);
        assert_eq!(self.content_type, "application/json; charset=utf-8");
        self.json()
    }
}

pub fn is_trace_id(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 4
        && parts[0] == "00"
        && parts[1].len() == 32
        && parts[2].len() == 16
        && parts[3] == "00"
        && parts[1..3].iter().all(|p| {
            p.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        })
}

pub struct Env {
    pub emu: Emulator,
    client: Client,
}

impl Env {
    pub fn new() -> Env {
        Env::with(EmulatorConfig {
            deterministic: true,
            ..EmulatorConfig::default()
        })
    }

    /// The development app on the free plan: the server's default features (contract §9).
    pub fn free() -> Env {
        Env::with(EmulatorConfig {
            deterministic: true,
            plan: Some(super::Plan::Free),
            ..EmulatorConfig::default()
        })
    }

    pub fn with(config: EmulatorConfig) -> Env {
        Env {
            emu: Emulator::start(config).expect("emulator starts"),
            client: Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
        }
    }

    pub fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Resp {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut rb = self
            .client
            .request(method, format!("{}{path}", self.emu.base_url()));
        for (k, v) in headers {
            rb = rb.header(*k, *v);
        }
        if let Some(body) = body {
            rb = rb.body(body.to_string());
        }
        let r = rb.send().expect("request");
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        let content_type = headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        Resp {
            status,
            content_type,
            headers,
            text: r.text().expect("body"),
        }
    }

    /// POST a JSON body with the dev secret.
    pub fn post(&self, path: &str, body: &str) -> Resp {
        self.post_as(DEV_API_SECRET, path, body)
    }

    pub fn post_as(&self, secret: &str, path: &str, body: &str) -> Resp {
        self.send(
            "POST",
            path,
            &[("ApiSecret", secret), ("Content-Type", "application/json")],
            Some(body),
        )
    }

    /// GET with the dev secret.
    pub fn get(&self, path: &str) -> Resp {
        self.send("GET", path, &[("ApiSecret", DEV_API_SECRET)], None)
    }

    pub fn get_as(&self, secret: &str, path: &str) -> Resp {
        self.send("GET", path, &[("ApiSecret", secret)], None)
    }

    pub fn mgmt(&self, method: &str, path: &str, body: Option<&str>) -> Resp {
        let mut headers = vec![("ManagementKey", super::DEV_MANAGEMENT_KEY)];
        if body.is_some() {
            headers.push(("Content-Type", "application/json"));
        }
        self.send(method, path, &headers, body)
    }

    /// A fresh `verify_` token for `user_id` via `/signin/generate-token`.
    pub fn verify_token(&self, user_id: &str) -> String {
        let r = self.post(
            "/signin/generate-token",
            &serde_json::json!({ "userId": user_id }).to_string(),
        );
        r.ok_json()["token"].as_str().expect("token").to_string()
    }
}

/// An emulator with three users: alice (two passkeys, a plain alias), bob (an alias only) and
/// carol (one passkey).
pub fn seeded() -> Env {
    seeded_on(None)
}

/// [`seeded`] on a chosen plan.
pub fn seeded_on(plan: Option<super::Plan>) -> Env {
    let seed: Seed = serde_json::from_value(json!({"users": [
        {"userId": "alice", "aliases": ["alice@example.com"], "aliasHashing": false, "credentials": [
            {"id": "AQIDBA", "nickname": "Laptop", "createdAt": "2024-01-02T03:04:05.5", "transports": ["internal", "hybrid"]},
            {"id": "BQYHCA", "aaGuid": "08987058-CADC-4B81-B6E1-30DE50DCBE96"}
        ]},
        {"userId": "bob", "aliases": ["bob"]},
        {"userId": "carol", "credentials": [{"id": "CQoLDA"}]}
    ]}))
    .unwrap();
    Env::with(EmulatorConfig {
        deterministic: true,
        seed: Some(seed),
        plan,
        ..EmulatorConfig::default()
    })
}

/// Creates an app through the management API and returns its first secret.
pub fn create_app(env: &Env, id: &str, body: Value) -> String {
    let r = env.mgmt(
        "POST",
        &format!("/admin/apps/{id}/create"),
        Some(&body.to_string()),
    );
    let v = r.ok_json();
    assert_eq!(
        v["message"],
        "Store keys safely. They will only be shown to you once."
    );
    assert!(
        v["apiKey1"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{id}:public:"))
    );
    v["apiSecret1"].as_str().unwrap().to_string()
}

/// Why a seed file is refused: when reading it (its shape, settings and faults) or when an
/// emulator loads it (its users, checked once, as they are loaded).
pub fn seed_error(path: &std::path::Path) -> String {
    let seed = match Seed::from_file(path) {
        Ok(seed) => seed,
        Err(err) => return format!("{err:#}"),
    };
    let err = Emulator::start(EmulatorConfig {
        seed: Some(seed),
        ..EmulatorConfig::default()
    })
    .err()
    .expect("the emulator refuses the seed");
    assert!(err.downcast_ref::<super::BadSeed>().is_some(), "{err:#}");
    format!("{err:#}")
}
