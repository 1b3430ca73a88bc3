//! One call on the wire: the request's headers, the attempts and the waits between them under
//! one deadline for the whole command, the capped and streamed read of each answer, the
//! classification of transport failures, and the redacted `-v`/`-vv`/`-vvv` trace. Async
//! underneath: a one-off call runs it on the client's current-thread runtime
//! ([`Client::block_on`]), a bulk run drives many at once (see `bulk`).

use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use reqwest::Response;
use reqwest::header::{
    ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, LOCATION, RETRY_AFTER, USER_AGENT,
};
use reqwest::{StatusCode, Version};
use serde::Serialize;
use url::Url;

use super::error::ApiError;
use super::retry;
use super::types::ProblemDetails;
use super::{Client, Method, Retry, redact};

/// How much of a body `-vvv` shows.
const TRACE_BODY_CHARS: usize = 4096;

/// A 2xx answer, its body read in full (up to the cap).
pub(super) struct Answer {
    pub method: Method,
    pub url: Url,
    pub status: u16,
    pub content_type: Option<String>,
    /// The server's `Date` header, for the clock-skew check of `doctor`.
    pub date: Option<String>,
    pub body: Vec<u8>,
}

/// The whole answer to `passwordless api`, any status: what `-i` prints, the body as it came,
/// and the error its status means (`None` for a 2xx).
pub struct RawAnswer {
    /// `HTTP/1.1 200 OK`.
    pub status_line: String,
    /// In the order the server sent them; credential values masked.
    pub headers: Vec<(String, String)>,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    pub failure: Option<ApiError>,
}

impl RawAnswer {
    /// The body as JSON when it is JSON: a JSON content type (or none) and a body that parses.
    pub fn json(&self) -> Option<serde_json::Value> {
        super::media::answer_is_json(self.content_type.as_deref())
            .then(|| serde_json::from_slice(&self.body).ok())
            .flatten()
    }
}

/// One attempt's answer, any status, before the retry decision.
pub(super) struct Attempt {
    status: StatusCode,
    /// The protocol the answer came in, for the status line `api -i` prints.
    version: Version,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Attempt {
    /// The server's `Retry-After`, when it sent one.
    pub(super) fn retry_after(&self) -> Option<Duration> {
        self.headers
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| retry::parse_retry_after(v, SystemTime::now()))
    }
}

/// What identifies the call in errors and traces.
pub(super) struct Call<'a> {
    pub method: Method,
    pub path: &'a str,
    pub url: &'a Url,
}

impl Client {
    /// [`exchange_async`](Self::exchange_async) to completion, in the calling thread.
    pub(super) fn exchange<B: Serialize>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        body: Option<&B>,
        retry: Retry,
    ) -> Result<Answer, ApiError> {
        self.block_on(self.exchange_async(method, path, query, body, retry))
    }

    pub(super) async fn exchange_async<B: Serialize>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        body: Option<&B>,
        retry: Retry,
    ) -> Result<Answer, ApiError> {
        let mut url = self.url(path);
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        let call = Call {
            method,
            path,
            url: &url,
        };
        let attempt = self.send(&call, body, retry).await?;
        self.finish(&call, attempt)
    }

    /// The request of `passwordless api`: the last attempt's status, headers and body whatever
    /// the status, and the error that status means, if any (so `-i` can show an error's head).
    pub fn raw_exchange<B: Serialize>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
        retry: Retry,
    ) -> Result<RawAnswer, ApiError> {
        self.block_on(async {
            let url = self.url(path);
            let call = Call {
                method,
                path,
                url: &url,
            };
            let attempt = self.send(&call, body, retry).await?;
            let head = RawAnswer {
                status_line: format!(
                    "{:?} {} {}",
                    attempt.version,
                    attempt.status.as_u16(),
                    attempt.status.canonical_reason().unwrap_or("")
                )
                .trim_end()
                .to_owned(),
                headers: attempt
                    .headers
                    .iter()
                    .map(|(name, value)| {
                        let value = String::from_utf8_lossy(value.as_bytes());
                        (
                            name.as_str().to_owned(),
                            redact::header_value(name.as_str(), &value),
                        )
                    })
                    .collect(),
                content_type: attempt
                    .headers
                    .get(CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned),
                body: attempt.body.clone(),
                failure: None,
            };
            let failure = self.finish(&call, attempt).err();
            Ok(RawAnswer { failure, ..head })
        })
    }

    /// Sends the call, retrying as the retry policy allows under the command's deadline, and
    /// hands back the last attempt's answer whatever its status.
    async fn send<B: Serialize>(
        &self,
        call: &Call<'_>,
        body: Option<&B>,
        retry: Retry,
    ) -> Result<Attempt, ApiError> {
        let payload = body
            .map(|body| serde_json::to_vec(body).map(Bytes::from))
            .transpose()
            .map_err(|e| self.transport(call, format!("cannot encode the request: {e}")))?;
        let headers = self.request_headers(call, payload.is_some())?;
        let mut attempts: u32 = 0;
        loop {
            attempts += 1;
            let left = self.time_left();
            let outcome = if left.is_zero() {
                Err(self.timeout_error(call, attempts - 1, self.started().elapsed()))
            } else {
                self.attempt(
                    call,
                    &headers,
                    payload.clone(),
                    attempts,
                    left,
                    self.started(),
                )
                .await
            };
            let (failed, asked) = match &outcome {
                Ok(answer) if answer.status.is_success() => return outcome,
                Ok(answer) => (
                    retry::Failed::Status(answer.status.as_u16()),
                    answer.retry_after(),
                ),
                Err(err) => (retry::Failed::of(err), None),
            };
            let left = self.time_left();
            let delay = match retry::decide(retry, failed, asked, attempts, left, self.backoff) {
                retry::Decision::Wait(delay) => delay,
                retry::Decision::GiveUp => return outcome,
                retry::Decision::TooLongAsked(asked) => {
                    // Retrying before the server's Retry-After would only be refused again:
                    // stop, and say when it will listen.
                    let status = outcome.map(|a| a.status.as_u16()).unwrap_or_default();
                    return Err(ApiError::RetryLater {
                        method: call.method.to_string(),
                        path: call.path.to_owned(),
                        host: self.host(),
                        status,
                        wait_secs: asked.as_secs_f64().ceil() as u64,
                        left_secs: left.as_secs(),
                        at: retry::when(asked),
                    });
                }
            };
            self.trace(format_args!(
                "retrying in {} ms (attempt {} of at most {})",
                delay.as_millis(),
                attempts + 1,
                retry::MAX_ATTEMPTS
            ));
            tokio::time::sleep(delay).await;
        }
    }

    /// What is left of the command's one deadline.
    fn time_left(&self) -> Duration {
        self.timeout.saturating_sub(self.started().elapsed())
    }

    pub(super) fn request_headers(
        &self,
        call: &Call<'_>,
        has_body: bool,
    ) -> Result<HeaderMap, ApiError> {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        headers.insert(USER_AGENT, HeaderValue::from_static(super::USER_AGENT));
        if has_body {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        if let Some((name, value, _)) = self.auth.header() {
            let mut value = HeaderValue::from_str(value).map_err(|_| {
                self.transport(
                    call,
                    format!("the {name} holds characters a header cannot carry"),
                )
            })?;
            // Keeps the value out of reqwest's and hyper's own Debug output.
            value.set_sensitive(true);
            let name = HeaderName::from_bytes(name.to_ascii_lowercase().as_bytes())
                .map_err(|_| self.transport(call, format!("`{name}` is not a header name")))?;
            headers.insert(name, value);
        }
        if let Some(origin) = &self.origin {
            let value = HeaderValue::from_str(origin).map_err(|_| {
                self.transport(
                    call,
                    format!("the origin `{origin}` cannot be sent in a header"),
                )
            })?;
            headers.insert(reqwest::header::ORIGIN, value);
        }
        Ok(headers)
    }

    /// One attempt with `limit` for all of it, body read included: for a one-off command the
    /// rest of its deadline, for a bulk request `--timeout` of its own. A timeout reports the
    /// time since `since` (the command's start, or the bulk request's).
    pub(super) async fn attempt(
        &self,
        call: &Call<'_>,
        headers: &HeaderMap,
        payload: Option<Bytes>,
        attempts: u32,
        limit: Duration,
        since: Instant,
    ) -> Result<Attempt, ApiError> {
        let http = self.http().map_err(|reason| self.transport(call, reason))?;
        self.trace_request(call, headers, payload.as_deref());
        let mut request = http
            .request(call.method.to_http(), call.url.clone())
            .headers(headers.clone())
            .timeout(limit);
        if let Some(payload) = payload {
            request = request.body(payload);
        }
        let started = Instant::now();
        let response = request
            .send()
            .await
            .map_err(|err| self.transport_error(call, &err, attempts, since))?;
        let status = response.status();
        let version = response.version();
        let headers = response.headers().clone();
        let body = self.read_body(call, response, attempts, since).await?;
        self.trace_response(status, &headers, &body, started.elapsed());
        Ok(Attempt {
            status,
            version,
            headers,
            body,
        })
    }

    /// Streams the body into memory up to the cap, so a huge answer costs at most the cap.
    async fn read_body(
        &self,
        call: &Call<'_>,
        mut response: Response,
        attempts: u32,
        since: Instant,
    ) -> Result<Vec<u8>, ApiError> {
        let cap = self.max_body;
        let too_large = || ApiError::TooLarge {
            method: call.method.to_string(),
            url: redact::display_url(call.url),
            cap,
        };
        if response
            .content_length()
            .is_some_and(|len| len > cap as u64)
        {
            return Err(too_large());
        }
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|err| self.read_error(call, &err, attempts, since))?
        {
            if body.len() + chunk.len() > cap {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    pub(super) fn finish(&self, call: &Call<'_>, attempt: Attempt) -> Result<Answer, ApiError> {
        let status = attempt.status;
        let content_type = attempt
            .headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        if status.is_informational() {
            // An interim answer never ends an exchange with the API; a protocol switch (101)
            // means something else is listening.
            return Err(ApiError::Protocol {
                method: call.method.to_string(),
                url: redact::display_url(call.url),
                reason: format!("HTTP {status} as the final answer"),
            });
        }
        if status.is_redirection() {
            let location = attempt
                .headers
                .get(LOCATION)
                .and_then(|v| v.to_str().ok())
                .map(redact::redact_text)
                .unwrap_or_else(|| "(no Location header)".to_owned());
            return Err(ApiError::Redirect {
                method: call.method.to_string(),
                path: call.path.to_owned(),
                host: self.host(),
                status: status.as_u16(),
                location,
            });
        }
        if status.is_success() {
            return Ok(Answer {
                method: call.method,
                url: call.url.clone(),
                status: status.as_u16(),
                content_type,
                date: attempt
                    .headers
                    .get(reqwest::header::DATE)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned),
                body: attempt.body,
            });
        }
        let is_problem = content_type
            .as_deref()
            .is_some_and(super::media::is_problem_type);
        if let Some(what) = not_the_api(status.as_u16(), content_type.as_deref(), &attempt.body) {
            return Err(ApiError::NotApi {
                method: call.method.to_string(),
                url: redact::display_url(call.url),
                host: self.host(),
                status: status.as_u16(),
                what,
            });
        }
        let problem = if is_problem {
            serde_json::from_slice::<ProblemDetails>(&attempt.body).unwrap_or_default()
        } else {
            ProblemDetails::default()
        };
        Err(ApiError::Problem {
            method: call.method.to_string(),
            path: call.path.to_owned(),
            host: self.host(),
            status: status.as_u16(),
            problem: Box::new(problem),
        })
    }

    /// `host[:port]` of the base URL, for messages.
    pub(super) fn host(&self) -> String {
        super::host_of(&self.base_url)
    }

    /// Out of time after `elapsed` (the command's for a one-off call, the request's in bulk).
    pub(super) fn timeout_error(
        &self,
        call: &Call<'_>,
        attempts: u32,
        elapsed: Duration,
    ) -> ApiError {
        ApiError::Timeout {
            method: call.method.to_string(),
            path: call.path.to_owned(),
            host: self.host(),
            elapsed_ms: elapsed.as_millis() as u64,
            attempts: attempts.max(1),
        }
    }

    pub(super) fn transport(&self, call: &Call<'_>, reason: String) -> ApiError {
        ApiError::Transport {
            method: call.method.to_string(),
            path: call.path.to_owned(),
            host: self.host(),
            reason,
        }
    }

    /// A failure before a whole answer head arrived, classified by the error's type.
    fn transport_error(
        &self,
        call: &Call<'_>,
        err: &reqwest::Error,
        attempts: u32,
        since: Instant,
    ) -> ApiError {
        if err.is_timeout() {
            return self.timeout_error(call, attempts, since.elapsed());
        }
        // reqwest's own message is generic; the innermost cause ("Connection refused") is what
        // helps. None of them holds headers, so the secret cannot leak here.
        let reason = innermost(err);
        let base_url = redact::display_url(&self.base_url)
            .trim_end_matches('/')
            .to_owned();
        match transport_kind(err) {
            TransportKind::Certificate => ApiError::Certificate { base_url, reason },
            TransportKind::NotHttp => ApiError::Protocol {
                method: call.method.to_string(),
                url: redact::display_url(call.url),
                reason,
            },
            TransportKind::Other if err.is_connect() => ApiError::Connect { base_url, reason },
            TransportKind::Other => self.transport(call, reason),
        }
    }

    /// A failure while reading the body: a timeout, a body framed against the rules, or a
    /// dropped or truncated answer.
    fn read_error(
        &self,
        call: &Call<'_>,
        err: &reqwest::Error,
        attempts: u32,
        since: Instant,
    ) -> ApiError {
        if err.is_timeout() {
            return self.timeout_error(call, attempts, since.elapsed());
        }
        let reason = innermost(err);
        if transport_kind(err) == TransportKind::NotHttp {
            return ApiError::Protocol {
                method: call.method.to_string(),
                url: redact::display_url(call.url),
                reason,
            };
        }
        self.transport(call, format!("the answer was cut short ({reason})"))
    }

    fn trace(&self, line: std::fmt::Arguments<'_>) {
        if let Some(trace) = self.trace {
            trace(line);
        }
    }

    pub(super) fn trace_request(
        &self,
        call: &Call<'_>,
        headers: &HeaderMap,
        payload: Option<&[u8]>,
    ) {
        if self.verbosity == 0 {
            return;
        }
        let credential = match self.auth.header() {
            Some((name, _, masked)) => format!(" ({name}: {masked})"),
            None => String::new(),
        };
        self.trace(format_args!(
            "> {} {}{credential}",
            call.method,
            redact::display_url(call.url)
        ));
        if self.verbosity >= 2 {
            self.trace_headers('>', headers);
        }
        if self.verbosity >= 3
            && let Some(payload) = payload
        {
            self.trace(format_args!(
                "> {}",
                redact::body(payload, TRACE_BODY_CHARS)
            ));
        }
    }

    pub(super) fn trace_response(
        &self,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
        took: Duration,
    ) {
        if self.verbosity == 0 {
            return;
        }
        self.trace(format_args!(
            "< {status} in {} ms ({} bytes)",
            took.as_millis(),
            body.len()
        ));
        if self.verbosity >= 2 {
            self.trace_headers('<', headers);
        }
        if self.verbosity >= 3 && !body.is_empty() {
            self.trace(format_args!("< {}", redact::body(body, TRACE_BODY_CHARS)));
        }
    }

    fn trace_headers(&self, direction: char, headers: &HeaderMap) {
        for (name, value) in headers {
            let value = String::from_utf8_lossy(value.as_bytes());
            self.trace(format_args!(
                "{direction} {name}: {}",
                redact::header_value(name.as_str(), &value)
            ));
        }
    }
}

/// What a transport failure was, read off the types in its source chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TransportKind {
    /// The server's certificate did not verify.
    Certificate,
    /// What came back was not HTTP as the API speaks it: a head hyper could not parse, a body
    /// framed against the rules, or a TLS peer that is not speaking TLS.
    NotHttp,
    Other,
}

/// What an error answer is, when it is not one the API sends: `None` for problem details, any
/// JSON, and an empty body (the API's own 400, 404 and 405 can be empty). A page of HTML or text
/// with an error status comes from an ordinary web server at the base URL, so it must not read
/// as the API refusing ("nothing matches", "try again later"). 429, 502, 503 and 504 stay
/// what they were: gateways and load balancers in front of a real API send them as pages, and
/// they pass.
fn not_the_api(status: u16, content_type: Option<&str>, body: &[u8]) -> Option<String> {
    if matches!(status, 429 | 502 | 503 | 504) || body.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    match content_type {
        Some(kind) if super::media::is_json_type(kind) => None,
        Some(kind) => Some(format!(
            "a `{}` body where the API sends problem details",
            super::media::essence(kind)
        )),
        None => Some("a body with no content type where the API sends problem details".into()),
    }
}

fn transport_kind(err: &(dyn std::error::Error + 'static)) -> TransportKind {
    // The TLS library's verdict wins wherever it sits: it travels inside io errors whose kind
    // (invalid data) would otherwise read as a malformed answer.
    if let Some(kind) = chain(err).find_map(tls_kind) {
        return kind;
    }
    let from_hyper = chain(err).any(|cause| cause.is::<hyper::Error>());
    let not_http = chain(err).any(|cause| {
        cause
            .downcast_ref::<hyper::Error>()
            .is_some_and(hyper::Error::is_parse)
            // hyper reports a malformed chunked body as invalid data; a merely cut-off answer
            // is an unexpected end instead, which stays a broken transfer.
            || (from_hyper
                && cause.downcast_ref::<std::io::Error>().is_some_and(|io| {
                    matches!(
                        io.kind(),
                        std::io::ErrorKind::InvalidData | std::io::ErrorKind::InvalidInput
                    )
                }))
    });
    if not_http {
        TransportKind::NotHttp
    } else {
        TransportKind::Other
    }
}

/// rustls' verdict, where TLS is rustls (Linux, Windows).
#[cfg(not(target_os = "macos"))]
fn tls_kind(cause: &(dyn std::error::Error + 'static)) -> Option<TransportKind> {
    let tls = cause.downcast_ref::<rustls::Error>()?;
    Some(match tls {
        rustls::Error::InvalidCertificate(_) | rustls::Error::NoCertificatesPresented => {
            TransportKind::Certificate
        }
        _ => TransportKind::NotHttp,
    })
}

/// The system TLS's verdict on macOS: Security.framework does not say which step failed, and
/// every handshake failure there is one a retry cannot mend.
#[cfg(target_os = "macos")]
fn tls_kind(cause: &(dyn std::error::Error + 'static)) -> Option<TransportKind> {
    cause
        .downcast_ref::<native_tls::Error>()
        .map(|_| TransportKind::Certificate)
}

/// An error and its causes, outermost first. `std::io::Error` hides a custom inner error from
/// `source()` (it returns the inner error's source), so the inner error is visited instead:
/// that is where rustls' verdict travels, often inside two io errors.
fn chain<'a>(
    err: &'a (dyn std::error::Error + 'static),
) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    std::iter::successors(Some(err), |current| {
        match current
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            Some(inner) => Some(inner as &(dyn std::error::Error + 'static)),
            None => current.source(),
        }
    })
}

/// The message of the innermost cause, the one that says what happened.
fn innermost(err: &(dyn std::error::Error + 'static)) -> String {
    chain(err)
        .last()
        .map(ToString::to_string)
        .unwrap_or_else(|| err.to_string())
}
