//! One call on the wire: the request's headers, the attempts and the waits between them under
//! one deadline for the whole command, the capped and streamed read of each answer, the
//! classification of transport failures, and the redacted `-v`/`-vv`/`-vvv` trace.

use std::io::Read;
use std::time::{Duration, Instant, SystemTime};

use reqwest::StatusCode;
use reqwest::blocking::Response;
use reqwest::header::{
    ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, LOCATION, RETRY_AFTER, USER_AGENT,
};
use serde::Serialize;
use url::Url;

use super::error::ApiError;
use super::retry::{self, MAX_RETRIES};
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

/// One attempt's answer, any status, before the retry decision.
struct Attempt {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

/// What identifies the call in errors and traces.
struct Call<'a> {
    method: Method,
    path: &'a str,
    url: &'a Url,
}

impl Client {
    pub(super) fn exchange<B: Serialize>(
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
        let payload = body
            .map(serde_json::to_vec)
            .transpose()
            .map_err(|e| self.transport(&call, format!("cannot encode the request: {e}")))?;
        let headers = self.request_headers(&call, payload.is_some())?;
        let mut attempts: u32 = 0;
        loop {
            attempts += 1;
            let outcome = self.attempt(&call, &headers, payload.as_deref(), attempts);
            let (delay, asked) = match (&outcome, retry) {
                (_, Retry::Never) => return self.finish(&call, outcome?),
                (Err(err), Retry::Safe) if retry::is_retryable_error(err) => {
                    (self.backoff_for(attempts), None)
                }
                (Ok(answer), Retry::Safe) if retry::is_retryable_status(answer.status.as_u16()) => {
                    let asked = answer
                        .headers
                        .get(RETRY_AFTER)
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| retry::parse_retry_after(v, SystemTime::now()));
                    (asked.unwrap_or_else(|| self.backoff_for(attempts)), asked)
                }
                _ => return self.finish(&call, outcome?),
            };
            if attempts > MAX_RETRIES {
                return self.finish(&call, outcome?);
            }
            let left = self.time_left();
            if delay >= left {
                // Retrying before the server's Retry-After would only be refused again: stop,
                // and say when it will listen.
                if let (Some(asked), Ok(answer)) = (asked, &outcome) {
                    return Err(ApiError::RetryLater {
                        method: method.to_string(),
                        path: path.to_owned(),
                        status: answer.status.as_u16(),
                        wait_secs: asked.as_secs_f64().ceil() as u64,
                        left_secs: left.as_secs(),
                        at: retry::when(asked),
                    });
                }
                return self.finish(&call, outcome?);
            }
            self.trace(format_args!(
                "retrying in {} ms (attempt {} of {})",
                delay.as_millis(),
                attempts + 1,
                MAX_RETRIES + 1
            ));
            std::thread::sleep(delay);
        }
    }

    /// What is left of the command's one deadline.
    fn time_left(&self) -> Duration {
        self.timeout.saturating_sub(self.started.elapsed())
    }

    fn request_headers(&self, call: &Call<'_>, has_body: bool) -> Result<HeaderMap, ApiError> {
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

    fn attempt(
        &self,
        call: &Call<'_>,
        headers: &HeaderMap,
        payload: Option<&[u8]>,
        attempts: u32,
    ) -> Result<Attempt, ApiError> {
        let left = self.time_left();
        if left.is_zero() {
            return Err(self.timeout_error(call, attempts - 1));
        }
        self.trace_request(call, headers, payload);
        let mut request = self
            .http
            .request(call.method.to_http(), call.url.clone())
            .headers(headers.clone())
            // The rest of the deadline, body read included, not a fresh timeout per attempt.
            .timeout(left);
        if let Some(payload) = payload {
            request = request.body(payload.to_vec());
        }
        let started = Instant::now();
        let response = request
            .send()
            .map_err(|err| self.transport_error(call, &err, attempts))?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = self.read_body(call, response, attempts)?;
        self.trace_response(status, &headers, &body, started.elapsed());
        Ok(Attempt {
            status,
            headers,
            body,
        })
    }

    /// Streams the body into memory up to the cap, so a huge answer costs at most the cap.
    fn read_body(
        &self,
        call: &Call<'_>,
        response: Response,
        attempts: u32,
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
        response
            .take(cap as u64 + 1)
            .read_to_end(&mut body)
            .map_err(|err| self.read_error(call, &err, attempts))?;
        if body.len() > cap {
            return Err(too_large());
        }
        Ok(body)
    }

    fn finish(&self, call: &Call<'_>, attempt: Attempt) -> Result<Answer, ApiError> {
        let status = attempt.status;
        let content_type = attempt
            .headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
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
            .is_some_and(|v| v.starts_with("application/problem+json"));
        let problem = if is_problem {
            serde_json::from_slice::<ProblemDetails>(&attempt.body).unwrap_or_default()
        } else {
            ProblemDetails::default()
        };
        Err(ApiError::Problem {
            method: call.method.to_string(),
            path: call.path.to_owned(),
            status: status.as_u16(),
            problem: Box::new(problem),
        })
    }

    fn timeout_error(&self, call: &Call<'_>, attempts: u32) -> ApiError {
        ApiError::Timeout {
            method: call.method.to_string(),
            path: call.path.to_owned(),
            elapsed_ms: self.started.elapsed().as_millis() as u64,
            attempts: attempts.max(1),
        }
    }

    fn transport(&self, call: &Call<'_>, reason: String) -> ApiError {
        ApiError::Transport {
            method: call.method.to_string(),
            path: call.path.to_owned(),
            reason,
        }
    }

    fn transport_error(&self, call: &Call<'_>, err: &reqwest::Error, attempts: u32) -> ApiError {
        if err.is_timeout() {
            return self.timeout_error(call, attempts);
        }
        // reqwest's own message is generic; the innermost cause ("Connection refused") is what
        // helps. None of them holds headers, so the secret cannot leak here.
        let causes = causes(err);
        let reason = causes.last().cloned().unwrap_or_else(|| err.to_string());
        let base_url = redact::display_url(&self.base_url)
            .trim_end_matches('/')
            .to_owned();
        if causes
            .iter()
            .any(|c| c.to_ascii_lowercase().contains("certificate"))
        {
            ApiError::Certificate { base_url, reason }
        } else if err.is_connect() {
            ApiError::Connect { base_url, reason }
        } else {
            self.transport(call, reason)
        }
    }

    /// A failure while reading the body: a timeout, or a dropped or truncated answer.
    fn read_error(&self, call: &Call<'_>, err: &std::io::Error, attempts: u32) -> ApiError {
        let inner = err
            .get_ref()
            .and_then(|e| e.downcast_ref::<reqwest::Error>());
        if err.kind() == std::io::ErrorKind::TimedOut || inner.is_some_and(|e| e.is_timeout()) {
            return self.timeout_error(call, attempts);
        }
        let reason = match inner {
            Some(inner) => causes(inner).pop().unwrap_or_else(|| err.to_string()),
            None => err.to_string(),
        };
        self.transport(call, format!("the answer was cut short ({reason})"))
    }

    fn backoff_for(&self, attempts: u32) -> Duration {
        self.backoff * 2u32.pow(attempts.saturating_sub(1))
    }

    fn trace(&self, line: std::fmt::Arguments<'_>) {
        if let Some(trace) = self.trace {
            trace(line);
        }
    }

    fn trace_request(&self, call: &Call<'_>, headers: &HeaderMap, payload: Option<&[u8]>) {
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

    fn trace_response(&self, status: StatusCode, headers: &HeaderMap, body: &[u8], took: Duration) {
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

/// The messages of an error and its causes, outermost first.
fn causes(err: &(dyn std::error::Error + 'static)) -> Vec<String> {
    let mut out = vec![err.to_string()];
    let mut source = err.source();
    while let Some(cause) = source {
        out.push(cause.to_string());
        source = cause.source();
    }
    out
}
