//! The API client as the bulk engine's [`Transport`]: one POST with a body already serialised,
//! each with a `--timeout` of its own (a bulk run has no overall deadline), the server's
//! `Retry-After` handed back so the engine — which owns retries in a bulk run — can honour it,
//! and the answer kept as the server's JSON text. Against a plain-http loopback server the
//! requests go over [`loopback`](super::loopback)'s lean connections, else through reqwest.

use std::future::Future;
use std::time::Instant;

use reqwest::header::HeaderMap;
use url::Url;

use super::error::ApiError;
use super::exchange::{Attempt, Call};
use super::loopback::{self, Loopback};
use super::{Client, Method, is_json_type, redact};
use crate::bulk::{Json, Refusal, Transport};

/// A bulk route, resolved once per run: its path (for messages), URL, request headers, and the
/// loopback connections when the server is a plain-http one on this machine.
pub struct Target {
    path: &'static str,
    url: Url,
    headers: HeaderMap,
    loopback: Option<Loopback>,
}

impl Transport for Client {
    type Target = Target;

    fn target(&self, path: &'static str) -> anyhow::Result<Target> {
        let url = self.url(path);
        let call = Call {
            method: Method::POST,
            path,
            url: &url,
        };
        let headers = self.request_headers(&call, true)?;
        let loopback = Loopback::new(&url, &headers, self.max_body);
        Ok(Target {
            path,
            url,
            headers,
            loopback,
        })
    }

    async fn post(&self, target: &Target, body: Vec<u8>) -> Result<Option<Json>, Refusal> {
        let call = Call {
            method: Method::POST,
            path: target.path,
            url: &target.url,
        };
        let refused = |error| Refusal {
            error,
            retry_after: None,
        };
        let started = Instant::now();
        let attempt = match &target.loopback {
            Some(loopback) => self
                .loopback_attempt(&call, target, loopback, body, started)
                .await
                .map_err(refused)?,
            None => self
                .attempt(&call, &target.headers, Some(body), 1, self.timeout, started)
                .await
                .map_err(refused)?,
        };
        let retry_after = attempt.retry_after();
        let answer = self
            .finish(&call, attempt)
            .map_err(|error| Refusal { error, retry_after })?;
        if answer.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        let kind = answer.content_type.as_deref().unwrap_or("");
        if !kind.is_empty() && !is_json_type(kind) {
            return Err(refused(self.decode_error(
                &answer,
                format!("a `{kind}` body where the API sends JSON"),
            )));
        }
        // Checked to be JSON, kept as text: no tree is built, nothing is escaped again.
        let text = String::from_utf8(answer.body.clone())
            .map_err(|_| refused(self.decode_error(&answer, "a body that is not UTF-8".into())))?;
        serde_json::value::RawValue::from_string(text)
            .map(Some)
            .map_err(|e| refused(self.decode_error(&answer, format!("malformed JSON ({e})"))))
    }

    fn block_on<F: Future>(&self, future: F) -> F::Output {
        Client::block_on(self, future)
    }
}

impl Client {
    /// One request over the loopback connections, with the same trace and errors as reqwest's.
    async fn loopback_attempt(
        &self,
        call: &Call<'_>,
        target: &Target,
        loopback: &Loopback,
        body: Vec<u8>,
        started: Instant,
    ) -> Result<Attempt, ApiError> {
        self.trace_request(call, &target.headers, Some(&body));
        let answer = match tokio::time::timeout(self.timeout, loopback.post(&body)).await {
            Err(_) => return Err(self.timeout_error(call, 1, started.elapsed())),
            Ok(Ok(answer)) => answer,
            Ok(Err(loopback::Failure::Connect(e))) => {
                return Err(ApiError::Connect {
                    base_url: redact::display_url(&self.base_url)
                        .trim_end_matches('/')
                        .to_owned(),
                    reason: e.to_string(),
                });
            }
            Ok(Err(loopback::Failure::Broken(reason))) => {
                return Err(self.transport(call, reason));
            }
            Ok(Err(loopback::Failure::TooLarge)) => {
                return Err(ApiError::TooLarge {
                    method: call.method.to_string(),
                    url: redact::display_url(call.url),
                    cap: self.max_body,
                });
            }
        };
        self.trace_response(
            answer.status,
            &answer.headers,
            &answer.body,
            started.elapsed(),
        );
        Ok(Attempt::new(answer.status, answer.headers, answer.body))
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::api::{ClientSettings, parse_base_url};
    use crate::emulator::{DEV_API_SECRET, Emulator, EmulatorConfig};
    use crate::secret::{ApiSecret, Auth};

    /// Both ways to the server give the same answers: the loopback connections, and reqwest
    /// (which https servers get).
    #[test]
    fn loopback_and_reqwest_answer_alike() {
        let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
        let base_url = parse_base_url(&emulator.base_url()).unwrap();
        let client = Client::new(ClientSettings::new(
            base_url,
            Auth::Secret(ApiSecret::parse(DEV_API_SECRET).unwrap()),
            Duration::from_secs(5),
            None,
        ))
        .unwrap();
        let fault = serde_json::json!({"path": "/register/token", "status": 429, "count": 2, "retryAfter": 7});
        client
            .emulator_control(Method::POST, "faults", Some(&fault))
            .unwrap();
        let fast = client.target("/register/token").unwrap();
        assert!(fast.loopback.is_some());
        let mut general = client.target("/register/token").unwrap();
        general.loopback = None;
        let body = br#"{"userId":"42","username":"42"}"#.to_vec();
        for target in [&fast, &general] {
            let refusal = client
                .block_on(client.post(target, body.clone()))
                .unwrap_err();
            assert_eq!(refusal.error.status(), Some(429));
            assert_eq!(refusal.retry_after, Some(Duration::from_secs(7)));
        }
        for target in [&fast, &general] {
            let token = client
                .block_on(client.post(target, body.clone()))
                .unwrap()
                .expect("a JSON answer");
            assert!(token.get().starts_with(r#"{"token":"register_"#), "{token}");
        }
        let bad = br#"{"userId":""}"#.to_vec();
        for target in [&fast, &general] {
            let refusal = client
                .block_on(client.post(target, bad.clone()))
                .unwrap_err();
            assert_eq!(refusal.error.status(), Some(400));
        }
        emulator.shutdown();
    }
}
