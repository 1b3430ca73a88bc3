//! The API client as the bulk engine's [`Transport`]: one POST with a body already serialised,
//! each with a `--timeout` of its own (a bulk run has no overall deadline), the server's
//! `Retry-After` handed back so the engine — which owns retries in a bulk run — can honour it,
//! and the answer kept as the server's JSON text. Against a plain-http loopback server the
//! requests go over the kept-alive connections of `loopback`, with their head built once.

use std::future::Future;
use std::time::Instant;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use url::Url;

use super::exchange::Call;
use super::loopback;
use super::{Client, Method, is_json_type};
use crate::bulk::{Json, Refusal, Transport};

/// A bulk route, resolved once per run: its path (for messages), URL, request headers, and for
/// a plain-http server on this machine the request line and headers as written on the wire.
pub struct Target {
    path: &'static str,
    url: Url,
    headers: HeaderMap,
    loopback_head: Option<loopback::Head>,
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
        let loopback_head = self
            .loopback
            .as_ref()
            .and_then(|loopback| loopback.head(Method::POST.to_http(), &url, &headers));
        Ok(Target {
            path,
            url,
            headers,
            loopback_head,
        })
    }

    async fn post(&self, target: &Target, body: Bytes) -> Result<Option<Json>, Refusal> {
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
        let attempt = match (&self.loopback, &target.loopback_head) {
            (Some(loopback), Some(head)) => self
                .loopback_attempt(
                    &call,
                    loopback,
                    head,
                    &target.headers,
                    Some(body),
                    self.timeout,
                    started,
                )
                .await
                .map_err(refused)?,
            _ => self
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
        // Checked to be JSON, kept as text: no tree is built, nothing is escaped again. The
        // text is copied once, out of the answer that the error messages still need.
        let text = std::str::from_utf8(&answer.body)
            .map_err(|_| refused(self.decode_error(&answer, "a body that is not UTF-8".into())))?;
        serde_json::from_str::<Json>(text)
            .map(Some)
            .map_err(|e| refused(self.decode_error(&answer, format!("malformed JSON ({e})"))))
    }

    fn block_on<F: Future>(&self, future: F) -> F::Output {
        Client::block_on(self, future)
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
        assert!(fast.loopback_head.is_some());
        let mut general = client.target("/register/token").unwrap();
        general.loopback_head = None;
        let body = br#"{"userId":"42","username":"42"}"#.to_vec();
        for target in [&fast, &general] {
            let refusal = client
                .block_on(client.post(target, Bytes::from(body.clone())))
                .unwrap_err();
            assert_eq!(refusal.error.status(), Some(429));
            assert_eq!(refusal.retry_after, Some(Duration::from_secs(7)));
        }
        for target in [&fast, &general] {
            let token = client
                .block_on(client.post(target, Bytes::from(body.clone())))
                .unwrap()
                .expect("a JSON answer");
            assert!(token.get().starts_with(r#"{"token":"register_"#), "{token}");
        }
        let bad = br#"{"userId":""}"#.to_vec();
        for target in [&fast, &general] {
            let refusal = client
                .block_on(client.post(target, Bytes::from(bad.clone())))
                .unwrap_err();
            assert_eq!(refusal.error.status(), Some(400));
        }
        emulator.shutdown();
    }
}
