//! Fault injection for the emulator (`/_emulator/faults`): rules that make matching requests
//! fail with a chosen status and body, a non-API page, or a dropped connection, after a delay, a
//! number of times or forever, always or with a (seedable) probability. Only the rules and their
//! matching live here; the HTTP edge applies them before routing.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What a client posts to `POST /_emulator/faults`, and a seed's `faults` lists.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FaultSpec {
    /// HTTP method to match (any when absent), case-insensitive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Path to match, case-insensitive, leading and trailing slashes ignored; a trailing `*`
    /// matches every path that starts with what comes before it (`/users/*`).
    pub path: String,
    /// Status to answer with; without it (and with a delay) the real answer comes, late.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(default, alias = "delay_ms", skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<u64>,
    /// JSON body to answer with; a problem-details body is made up when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
    /// How many requests to fail; forever when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    /// Seconds for a `Retry-After` header on the answer (as a rate-limited server sends).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    /// Chance (0 < p ≤ 1) that a matching request is hit; always when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<f64>,
    /// Seed of the rule's own random numbers, so a run with the same seed hits the same requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Close the connection without answering, as a crashed server or a cut network does.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub drop: bool,
    /// Answer with a web page instead of the API (a captive portal, a proxy's error page).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub garbage: bool,
}

/// What a hit does besides its delay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Action {
    /// Answer with the status (and body), or with the real answer when there is no status.
    Answer,
    /// Close the connection with no answer.
    Drop,
    /// Answer with an HTML page (status 200 unless given).
    Garbage,
}

/// A stored rule, as `GET /_emulator/faults` lists it.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Fault {
    pub id: u64,
    pub method: Option<String>,
    pub path: String,
    pub status: Option<u16>,
    pub delay_ms: u64,
    pub body: Option<Value>,
    /// Requests still to fail; `None` = forever.
    pub remaining: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    pub action: Action,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probability: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
}

impl Fault {
    /// The rule as it would be added again (by a seed): its uses left as its count. A rule
    /// with a seed starts its random numbers over.
    pub fn spec(&self) -> FaultSpec {
        FaultSpec {
            method: self.method.clone(),
            path: self.path.clone(),
            status: self.status,
            delay_ms: (self.delay_ms > 0).then_some(self.delay_ms),
            body: self.body.clone(),
            count: self.remaining,
            retry_after: self.retry_after,
            probability: self.probability,
            seed: self.seed,
            drop: self.action == Action::Drop,
            garbage: self.action == Action::Garbage,
        }
    }
}

/// A rule and its random numbers, which are not part of what clients see.
struct Rule {
    fault: Fault,
    rng: Option<StdRng>,
}

/// What a matching request gets.
#[derive(Debug, Clone, PartialEq)]
pub struct Injected {
    /// `None`: delay only, then the real route answers (with [`Action::Answer`]).
    pub status: Option<u16>,
    pub delay_ms: u64,
    pub body: Option<Value>,
    pub retry_after: Option<u64>,
    pub action: Action,
}

/// Longest delay accepted, so a typo cannot hang a client for hours.
const MAX_DELAY_MS: u64 = 300_000;

/// Lower-cased, slash-trimmed, with empty segments removed, like the router sees paths.
fn normalise(path: &str) -> String {
    let segs: Vec<String> = path
        .split('?')
        .next()
        .unwrap_or("")
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    format!("/{}", segs.join("/"))
}

/// Whether a normalised request path is caught by a rule's path: equal, or starting with the
/// part before a trailing `*`. The emulator's own routes are never caught, so `/*` cannot lock
/// a test out of `DELETE /_emulator/faults`.
fn path_matches(rule: &str, path: &str) -> bool {
    match rule.strip_suffix('*') {
        Some(prefix) => path.starts_with(prefix) && !path.starts_with("/_emulator"),
        None => rule == path,
    }
}

#[derive(Default)]
pub struct Faults {
    rules: Mutex<Vec<Rule>>,
    /// Number of rules, read without the lock so requests pay nothing when there are none.
    active: AtomicUsize,
    next_id: Mutex<u64>,
}

impl Faults {
    /// Validates and stores a rule; the message of `Err` is for the client.
    pub fn add(&self, spec: FaultSpec) -> Result<Fault, String> {
        if let Some(status) = spec.status
            && !(100..=599).contains(&status)
        {
            return Err(format!("status {status} is not an HTTP status (100-599)"));
        }
        let action = match (spec.drop, spec.garbage) {
            (true, true) => return Err("drop and garbage exclude each other".into()),
            (true, false) => Action::Drop,
            (false, true) => Action::Garbage,
            (false, false) => Action::Answer,
        };
        if action == Action::Answer && spec.status.is_none() && spec.delay_ms.unwrap_or(0) == 0 {
            return Err("give a status, a delay (delayMs), drop or garbage".into());
        }
        if action == Action::Drop
            && (spec.status.is_some() || spec.body.is_some() || spec.retry_after.is_some())
        {
            return Err("a dropped connection has no status, body or retryAfter".into());
        }
        if action == Action::Garbage && spec.body.is_some() {
            return Err("garbage sends its own page; leave the body out".into());
        }
        if action == Action::Answer && spec.status.is_none() && spec.body.is_some() {
            return Err("a body needs a status to answer with".into());
        }
        if let Some(p) = spec.probability
            && !(p > 0.0 && p <= 1.0)
        {
            return Err(format!("probability {p} is not above 0 and at most 1"));
        }
        if spec.seed.is_some() && spec.probability.is_none() {
            return Err("a seed needs a probability (without one every request is hit)".into());
        }
        let path = normalise(&spec.path);
        if path.starts_with("/_emulator") {
            return Err("the emulator's own /_emulator routes cannot be faulted".into());
        }
        if path.trim_end_matches('*').contains('*') {
            return Err(format!(
                "{:?} has a `*` before its end; only a trailing `*` (a prefix) is supported",
                spec.path
            ));
        }
        let delay_ms = spec.delay_ms.unwrap_or(0);
        if delay_ms > MAX_DELAY_MS {
            return Err(format!(
                "delayMs {delay_ms} is above the maximum of {MAX_DELAY_MS}"
            ));
        }
        if spec.retry_after.is_some_and(|s| s > MAX_DELAY_MS / 1000) {
            return Err(format!(
                "retryAfter is above the maximum of {} seconds",
                MAX_DELAY_MS / 1000
            ));
        }
        if spec.count == Some(0) {
            return Err("count must be at least 1 (leave it out for forever)".into());
        }
        let method = match spec.method.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(m) if m.bytes().all(|b| b.is_ascii_alphabetic()) => Some(m.to_ascii_uppercase()),
            Some(m) => return Err(format!("{m:?} is not an HTTP method")),
        };
        let id = {
            let mut next = self.next_id.lock().unwrap_or_else(|e| e.into_inner());
            *next += 1;
            *next
        };
        let fault = Fault {
            id,
            method,
            path,
            status: spec.status,
            delay_ms,
            body: spec.body,
            remaining: spec.count,
            retry_after: spec.retry_after,
            action,
            probability: spec.probability,
            seed: spec.seed,
        };
        // Without a seed the rule still draws, from a seed nobody knows.
        let rng = spec.probability.map(|_| match spec.seed {
            Some(seed) => StdRng::seed_from_u64(seed),
            None => StdRng::from_os_rng(),
        });
        let mut rules = self.lock();
        rules.push(Rule {
            fault: fault.clone(),
            rng,
        });
        self.active.store(rules.len(), Ordering::Release);
        Ok(fault)
    }

    pub fn list(&self) -> Vec<Fault> {
        self.lock().iter().map(|r| r.fault.clone()).collect()
    }

    /// Removes one rule; `false` when there is none with this id.
    pub fn remove(&self, id: u64) -> bool {
        let mut rules = self.lock();
        let before = rules.len();
        rules.retain(|r| r.fault.id != id);
        self.active.store(rules.len(), Ordering::Release);
        rules.len() != before
    }

    /// `true` when no rule is set: the common case, checked without the lock.
    pub fn is_empty(&self) -> bool {
        self.active.load(Ordering::Acquire) == 0
    }

    pub fn clear(&self) {
        let mut rules = self.lock();
        rules.clear();
        self.active.store(0, Ordering::Release);
    }

    /// The first rule matching the request that draws a hit, consuming one of its uses. A rule
    /// with a probability draws once per matching request, so its sequence of hits depends only
    /// on its seed and the order of the requests it sees.
    pub fn take(&self, method: &str, path: &str) -> Option<Injected> {
        if self.active.load(Ordering::Acquire) == 0 {
            return None;
        }
        let path = normalise(path);
        let mut rules = self.lock();
        let i = rules.iter_mut().position(|r| {
            let f = &r.fault;
            let matches = path_matches(&f.path, &path)
                && f.method
                    .as_deref()
                    .is_none_or(|m| m.eq_ignore_ascii_case(method));
            match (matches, f.probability, r.rng.as_mut()) {
                (false, _, _) => false,
                (true, Some(p), Some(rng)) => rng.random::<f64>() < p,
                (true, _, _) => true,
            }
        })?;
        let rule = &mut rules[i].fault;
        let injected = Injected {
            status: rule.status,
            delay_ms: rule.delay_ms,
            body: rule.body.clone(),
            retry_after: rule.retry_after,
            action: rule.action,
        };
        if let Some(left) = rule.remaining.as_mut() {
            *left -= 1;
            if *left == 0 {
                rules.remove(i);
            }
        }
        self.active.store(rules.len(), Ordering::Release);
        Some(injected)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Rule>> {
        self.rules.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(json: &str) -> FaultSpec {
        serde_json::from_str(json).expect("spec")
    }

    #[test]
    fn matches_path_case_insensitively_and_counts_down() {
        let faults = Faults::default();
        faults
            .add(spec(r#"{"path":"/SignIn/Verify/","status":503,"count":2}"#))
            .expect("add");
        assert_eq!(faults.take("GET", "/register/token"), None);
        let hit = faults.take("POST", "//signin/verify").expect("first");
        assert_eq!(hit.status, Some(503));
        assert!(faults.take("post", "/signin/verify").is_some());
        assert_eq!(
            faults.take("POST", "/signin/verify"),
            None,
            "count exhausted"
        );
        assert!(faults.list().is_empty());
    }

    #[test]
    fn method_filter_and_forever() {
        let faults = Faults::default();
        faults
            .add(spec(r#"{"method":"post","path":"register/token","status":400,"delayMs":5,"body":{"errorCode":"x"}}"#))
            .expect("add");
        assert_eq!(faults.take("GET", "/register/token"), None);
        for _ in 0..3 {
            let hit = faults.take("POST", "/register/token").expect("forever");
            assert_eq!(
                (hit.status, hit.delay_ms, hit.retry_after),
                (Some(400), 5, None)
            );
            assert_eq!(hit.body, Some(serde_json::json!({"errorCode": "x"})));
        }
        assert_eq!(faults.list()[0].method.as_deref(), Some("POST"));
        faults
            .add(spec(
                r#"{"path":"/x","status":429,"retryAfter":2,"count":1}"#,
            ))
            .expect("add");
        assert_eq!(faults.take("POST", "/x").unwrap().retry_after, Some(2));
        faults.clear();
        assert_eq!(faults.take("POST", "/register/token"), None);
    }

    #[test]
    fn rejects_bad_rules() {
        let faults = Faults::default();
        for bad in [
            r#"{"path":"/a","status":42}"#,
            r#"{"path":"/a"}"#,
            r#"{"path":"/a","delayMs":5,"body":{}}"#,
            r#"{"path":"/_emulator/state","status":500}"#,
            r#"{"path":"/a","status":500,"count":0}"#,
            r#"{"path":"/a","status":500,"method":"GE T"}"#,
            r#"{"path":"/a","status":500,"delayMs":999999999}"#,
            r#"{"path":"/a","status":429,"retryAfter":999999}"#,
        ] {
            assert!(faults.add(spec(bad)).is_err(), "{bad}");
        }
        assert!(serde_json::from_str::<FaultSpec>(r#"{"path":"/a","status":500,"x":1}"#).is_err());
    }

    #[test]
    fn a_trailing_star_matches_a_prefix_but_never_the_emulator_routes() {
        let faults = Faults::default();
        faults
            .add(spec(r#"{"path":"/Users/*","status":500}"#))
            .expect("add");
        assert_eq!(faults.list()[0].path, "/users/*");
        assert!(faults.take("GET", "/users/list").is_some());
        assert!(faults.take("POST", "/users/delete/").is_some());
        assert_eq!(faults.take("GET", "/users"), None, "the prefix is /users/");
        assert_eq!(faults.take("GET", "/alias/list"), None);
        faults
            .add(spec(r#"{"path":"/*","status":500}"#))
            .expect("add");
        assert!(faults.take("GET", "/alias/list").is_some());
        assert_eq!(faults.take("DELETE", "/_emulator/faults"), None);
        assert!(
            faults
                .add(spec(r#"{"path":"/u*/list","status":500}"#))
                .is_err()
        );
    }

    #[test]
    fn the_same_seed_hits_the_same_requests() {
        let hits = |seed: u64| {
            let faults = Faults::default();
            faults
                .add(spec(&format!(
                    r#"{{"path":"/a","status":500,"probability":0.5,"seed":{seed}}}"#
                )))
                .expect("add");
            (0..64)
                .map(|_| faults.take("GET", "/a").is_some())
                .collect::<Vec<_>>()
        };
        let first = hits(7);
        assert_eq!(first, hits(7));
        assert_ne!(first, hits(8));
        let n = first.iter().filter(|h| **h).count();
        assert!((16..=48).contains(&n), "{n} of 64 at p = 0.5");
        let listed = Faults::default();
        let f = listed
            .add(spec(
                r#"{"path":"/a","drop":true,"probability":1,"seed":1}"#,
            ))
            .expect("add");
        assert_eq!(
            (f.action, f.probability, f.seed),
            (Action::Drop, Some(1.0), Some(1))
        );
    }

    #[test]
    fn drop_garbage_and_remove() {
        let faults = Faults::default();
        let drop = faults
            .add(spec(r#"{"path":"/a","drop":true}"#))
            .expect("drop");
        let garbage = faults
            .add(spec(r#"{"path":"/b","garbage":true}"#))
            .expect("garbage");
        assert_eq!(faults.take("GET", "/a").unwrap().action, Action::Drop);
        let hit = faults.take("GET", "/b").unwrap();
        assert_eq!((hit.action, hit.status), (Action::Garbage, None));
        assert!(faults.remove(drop.id));
        assert!(!faults.remove(drop.id));
        assert_eq!(faults.take("GET", "/a"), None);
        assert_eq!(faults.list(), vec![garbage]);
        for bad in [
            r#"{"path":"/a","drop":true,"status":500}"#,
            r#"{"path":"/a","drop":true,"garbage":true}"#,
            r#"{"path":"/a","garbage":true,"body":{}}"#,
            r#"{"path":"/a","status":500,"probability":0}"#,
            r#"{"path":"/a","status":500,"probability":1.5}"#,
            r#"{"path":"/a","status":500,"seed":3}"#,
        ] {
            assert!(faults.add(spec(bad)).is_err(), "{bad}");
        }
    }
}
