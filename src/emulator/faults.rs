//! Fault injection for the emulator (`/_emulator/faults`): rules that make matching requests
//! fail with a chosen status and body after a delay, a number of times or forever. Only the
//! rules and their matching live here; the HTTP edge applies them before routing.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What a client posts to `POST /_emulator/faults`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FaultSpec {
    /// HTTP method to match (any when absent), case-insensitive.
    #[serde(default)]
    pub method: Option<String>,
    /// Path to match, case-insensitive, leading and trailing slashes ignored.
    pub path: String,
    /// Status to answer with; without it (and with a delay) the real answer comes, late.
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default, alias = "delay_ms")]
    pub delay_ms: Option<u64>,
    /// JSON body to answer with; a problem-details body is made up when absent.
    #[serde(default)]
    pub body: Option<Value>,
    /// How many requests to fail; forever when absent.
    #[serde(default)]
    pub count: Option<u64>,
    /// Seconds for a `Retry-After` header on the answer (as a rate-limited server sends).
    #[serde(default)]
    pub retry_after: Option<u64>,
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
}

/// What a matching request gets.
#[derive(Debug, Clone, PartialEq)]
pub struct Injected {
    /// `None`: delay only, then the real route answers.
    pub status: Option<u16>,
    pub delay_ms: u64,
    pub body: Option<Value>,
    pub retry_after: Option<u64>,
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

#[derive(Default)]
pub struct Faults {
    rules: Mutex<Vec<Fault>>,
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
        if spec.status.is_none() && spec.delay_ms.unwrap_or(0) == 0 {
            return Err("give a status, a delay (delayMs), or both".into());
        }
        if spec.status.is_none() && spec.body.is_some() {
            return Err("a body needs a status to answer with".into());
        }
        let path = normalise(&spec.path);
        if path.starts_with("/_emulator") {
            return Err("the emulator's own /_emulator routes cannot be faulted".into());
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
        };
        let mut rules = self.lock();
        rules.push(fault.clone());
        self.active.store(rules.len(), Ordering::Release);
        Ok(fault)
    }

    pub fn list(&self) -> Vec<Fault> {
        self.lock().clone()
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

    /// The first rule matching the request, consuming one of its uses.
    pub fn take(&self, method: &str, path: &str) -> Option<Injected> {
        if self.active.load(Ordering::Acquire) == 0 {
            return None;
        }
        let path = normalise(path);
        let mut rules = self.lock();
        let i = rules.iter().position(|f| {
            f.path == path
                && f.method
                    .as_deref()
                    .is_none_or(|m| m.eq_ignore_ascii_case(method))
        })?;
        let rule = &mut rules[i];
        let injected = Injected {
            status: rule.status,
            delay_ms: rule.delay_ms,
            body: rule.body.clone(),
            retry_after: rule.retry_after,
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

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Fault>> {
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
}
