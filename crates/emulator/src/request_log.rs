//! The request log behind `GET /_emulator/requests` and `passwordless emulator requests`: the
//! newest [`CAPACITY`] requests, each with its method, path, status, latency, the app its key
//! named and excerpts of its bodies. Credential headers are never kept; bodies are kept cut to
//! [`EXCERPT`] bytes and redacted when read, so the request path only pays for a short copy.

use std::collections::VecDeque;
use std::sync::Mutex;

use axum::body::Bytes;
use serde::Serialize;

/// Requests kept; older ones fall off.
pub const CAPACITY: usize = 1_000;
/// Bytes kept of each body.
pub const EXCERPT: usize = 4 * 1024;

/// One request as it was recorded (bodies not yet redacted).
#[derive(Debug, Clone)]
pub struct Recorded {
    pub at: String,
    pub method: String,
    pub path: String,
    /// `None` when a fault dropped the connection.
    pub status: Option<u16>,
    pub latency_us: u64,
    pub app: Option<String>,
    pub request: Bytes,
    pub response: Bytes,
    /// What the handler found worth a warning (see [`warn`]).
    pub warning: Option<String>,
}

/// What the route answers for each request, bodies redacted as `-vvv` traces are.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Shown {
    pub id: u64,
    pub at: String,
    pub method: String,
    pub path: String,
    pub status: Option<u16>,
    pub latency_ms: f64,
    pub app: Option<String>,
    pub request_body: Option<String>,
    pub response_body: Option<String>,
    /// Present only when the request drew a warning (noted by its handler through its `Cx`):
    /// the server accepted it, but it will fail somewhere else (a user id over 64 bytes, which
    /// browsers refuse as a user handle).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
}

#[derive(Default)]
struct Ring {
    /// The id of the last request recorded. It keeps counting across a reset, so a poller
    /// asking for what came after the last id it saw (`--follow`) misses nothing.
    next: u64,
    entries: VecDeque<(u64, Recorded)>,
}

/// The bounded log, shared by every request.
#[derive(Default)]
pub struct RequestLog {
    ring: Mutex<Ring>,
}

/// At most [`EXCERPT`] bytes of `body`, copied so a large body is not kept alive whole.
pub fn excerpt(body: &[u8]) -> Bytes {
    Bytes::copy_from_slice(&body[..body.len().min(EXCERPT)])
}

/// The app a request's key names (`myapp:secret:…`, `myapp:public:…`): only the part before the
/// first colon is kept, never the key.
pub fn app_of(secret: Option<&str>, public: Option<&str>) -> Option<String> {
    secret
        .or(public)
        .and_then(|key| key.split_once(':'))
        .map(|(app, _)| app.to_owned())
        .filter(|app| !app.is_empty())
}

impl RequestLog {
    fn ring(&self) -> std::sync::MutexGuard<'_, Ring> {
        // A panic while holding the lock leaves the ring consistent: keep using it.
        self.ring.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn record(&self, entry: Recorded) {
        let mut ring = self.ring();
        ring.next += 1;
        let id = ring.next;
        if ring.entries.len() == CAPACITY {
            ring.entries.pop_front();
        }
        ring.entries.push_back((id, entry));
    }

    pub fn clear(&self) {
        self.ring().entries.clear();
    }

    /// Requests with an id above `after`, oldest first; with `limit`, only the newest of them.
    pub fn list(&self, after: u64, limit: Option<usize>) -> Vec<Shown> {
        let picked: Vec<(u64, Recorded)> = {
            let ring = self.ring();
            let newer = ring.entries.iter().filter(|(id, _)| *id > after);
            let count = newer.clone().count();
            let skip = limit.map_or(0, |limit| count.saturating_sub(limit));
            newer.skip(skip).cloned().collect()
        };
        // Redacted outside the lock: requests being recorded do not wait for it.
        picked.into_iter().map(|(id, r)| show(id, r)).collect()
    }
}

fn redacted(body: &[u8]) -> Option<String> {
    (!body.is_empty()).then(|| passwordless_model::redact::body(body, EXCERPT))
}

fn show(id: u64, r: Recorded) -> Shown {
    Shown {
        id,
        at: r.at,
        method: r.method,
        path: r.path,
        status: r.status,
        latency_ms: r.latency_us as f64 / 1000.0,
        app: r.app,
        request_body: redacted(&r.request),
        response_body: redacted(&r.response),
        warning: r.warning,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "verify_k8QgAbCdEfGhIjKlMnOpQrStUvWx";
    const SECRET: &str = "myapp:secret:0123456789abcdef0123456789ab1a2b";

    fn entry(path: &str, request: &str, response: &str) -> Recorded {
        Recorded {
            at: "2027-01-01T00:00:00Z".into(),
            method: "POST".into(),
            path: path.into(),
            status: Some(200),
            latency_us: 1500,
            app: app_of(Some(SECRET), None),
            request: excerpt(request.as_bytes()),
            response: excerpt(response.as_bytes()),
            warning: None,
        }
    }

    #[test]
    fn the_ring_keeps_the_newest_and_limit_picks_the_last() {
        let log = RequestLog::default();
        for i in 0..CAPACITY + 5 {
            log.record(entry(&format!("/r/{i}"), "", ""));
        }
        let all = log.list(0, None);
        assert_eq!(all.len(), CAPACITY);
        assert_eq!(all[0].id, 6);
        assert_eq!(all.last().unwrap().path, format!("/r/{}", CAPACITY + 4));
        let last = log.list(0, Some(2));
        assert_eq!(
            last.iter().map(|s| s.id).collect::<Vec<_>>(),
            [CAPACITY as u64 + 4, CAPACITY as u64 + 5]
        );
        assert_eq!(log.list(CAPACITY as u64 + 4, None).len(), 1);
        assert!(excerpt(&[b'x'; EXCERPT * 2]).len() == EXCERPT);
    }

    #[test]
    fn bodies_are_redacted_and_only_the_app_of_the_key_is_kept() {
        let log = RequestLog::default();
        log.record(entry(
            "/signin/verify",
            &format!(r#"{{"token":"{TOKEN}","note":"{SECRET}"}}"#),
            r#"{"token":"short","userId":"u1"}"#,
        ));
        let shown = serde_json::to_string(&log.list(0, None)).unwrap();
        assert!(!shown.contains("k8QgAbCd"), "{shown}");
        assert!(!shown.contains("0123456789abcdef"), "{shown}");
        assert!(!shown.contains("short"), "{shown}");
        assert!(shown.contains(r#"\"userId\":\"u1\""#), "{shown}");
        assert!(shown.contains(r#""app":"myapp""#), "{shown}");
        assert!(shown.contains(r#""latencyMs":1.5"#), "{shown}");
        assert_eq!(
            app_of(None, Some("other:public:abc")).as_deref(),
            Some("other")
        );
        assert_eq!(app_of(Some("nocolon"), None), None);
    }

    #[test]
    fn clear_empties_the_log_and_ids_go_on() {
        let log = RequestLog::default();
        log.record(entry("/a", "", ""));
        log.clear();
        assert!(log.list(0, None).is_empty());
        log.record(entry("/b", "", ""));
        assert_eq!(log.list(0, None)[0].id, 2);
        assert_eq!(log.list(1, None).len(), 1, "a poller after id 1 sees it");
    }
}
