//! The API client as the bulk engine's [`Transport`]: one attempt of one POST with a body
//! already serialised, bounded by what is left of its record's deadline; the server's
//! `Retry-After` handed back so the engine (which runs the retry policy of [`super::retry`] for
//! a bulk run, between its rate limiter and Ctrl-C) can honour it, and the answer kept as the
//! server's JSON text. The same reqwest client carries it as every other call.

use std::future::Future;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use url::Url;

use super::exchange::Call;
use super::{Client, Method, media};
use crate::bulk::{Json, Refusal, Transport, Try};

/// A bulk route, resolved once per run: its path (for messages), URL and request headers.
pub struct Target {
    path: &'static str,
    url: Url,
    headers: HeaderMap,
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
        Ok(Target { path, url, headers })
    }

    async fn post(&self, target: &Target, body: Bytes, of: Try) -> Result<Option<Json>, Refusal> {
        let call = Call {
            method: Method::POST,
            path: target.path,
            url: &target.url,
        };
        let refused = |error| Refusal {
            error,
            retry_after: None,
        };
        let attempt = self
            .attempt(
                &call,
                &target.headers,
                Some(body),
                of.number,
                of.limit,
                of.since,
            )
            .await
            .map_err(refused)?;
        let retry_after = attempt.retry_after();
        let answer = self
            .finish(&call, attempt)
            .map_err(|error| Refusal { error, retry_after })?;
        if answer.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        let kind = answer.content_type.as_deref().unwrap_or("");
        if !media::answer_is_json(Some(kind)) {
            return Err(refused(self.decode_error(
                &answer,
                format!("a `{kind}` body where the API sends JSON"),
            )));
        }
        // Checked to be JSON, kept as text: no tree is built, nothing is escaped again.
        let text = std::str::from_utf8(&answer.body)
            .map_err(|_| refused(self.decode_error(&answer, "a body that is not UTF-8".into())))?;
        serde_json::from_str::<Json>(text)
            .map(Some)
            .map_err(|e| refused(self.decode_error(&answer, format!("malformed JSON ({e})"))))
    }

    fn deadline(&self) -> std::time::Duration {
        self.timeout
    }

    fn backoff(&self) -> std::time::Duration {
        self.backoff
    }

    fn block_on<F: Future>(&self, future: F) -> F::Output {
        Client::block_on(self, future)
    }
}
