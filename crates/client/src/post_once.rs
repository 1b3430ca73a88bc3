//! One attempt of one POST with a body already serialised: the primitive a bulk engine builds
//! on. The attempt is bounded by what is left of its record's deadline; the server's
//! `Retry-After` is handed back so the caller (which runs the retry policy of [`crate::retry`]
//! between its own rate limiter and Ctrl-C) can honour it; the answer is kept as the server's
//! JSON text. The same reqwest client carries it as every other call.

use std::time::Duration;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use url::Url;

use crate::error::ApiError;
use crate::exchange::Call;
use crate::{Client, Method, media};

/// An answer kept as the server's JSON text: checked to be JSON, copied on as it is (no tree
/// built, nothing escaped again).
pub type Json = Box<serde_json::value::RawValue>;

/// An answer that is not a success, with the server's `Retry-After` when it sent one.
#[derive(Debug)]
pub struct Refusal {
    pub error: ApiError,
    pub retry_after: Option<Duration>,
}

/// Which attempt of a record is being sent, and within what.
#[derive(Debug, Clone, Copy)]
pub struct Try {
    /// 1 for the first attempt.
    pub number: u32,
    /// What is left of the record's deadline.
    pub limit: Duration,
    /// When the record's first attempt started, for the elapsed time of a timeout.
    pub since: std::time::Instant,
}

/// A bulk route, resolved once per run: its path (for messages), URL and request headers.
pub struct Target {
    path: &'static str,
    url: Url,
    headers: HeaderMap,
}

impl Client {
    /// Resolves a route once for many posts: its URL and request headers.
    pub fn post_target(&self, path: &'static str) -> anyhow::Result<Target> {
        let url = self.url(path);
        let call = Call {
            method: Method::POST,
            path,
            url: &url,
        };
        let headers = self.request_headers(&call, true)?;
        Ok(Target { path, url, headers })
    }

    /// One attempt, no retry: the caller runs the retry policy ([`crate::retry`]) around it.
    pub async fn post_once(
        &self,
        target: &Target,
        body: Bytes,
        of: Try,
    ) -> Result<Option<Json>, Refusal> {
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

    /// The client's deadline (`--timeout`), which a bulk run gives each record.
    pub fn deadline(&self) -> Duration {
        self.timeout
    }

    /// The first retry's wait before jitter.
    pub fn backoff(&self) -> Duration {
        self.backoff
    }
}
