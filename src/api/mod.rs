//! The only module that talks HTTP to a Passwordless.dev server: a small client that adds the
//! `ApiSecret` header, the User-Agent and timeouts, retries only calls that are safe to repeat,
//! and turns every failure into a typed [`ApiError`]. Calls are async underneath and run on a
//! single-threaded runtime in the calling thread: a one-off command pays for no extra thread,
//! and `bulk` drives many calls at once on the same client and connection pool. Commands call the typed methods in
//! `endpoints`; nothing else names reqwest (clippy's `disallowed-types` enforces it, see
//! `clippy.toml`), so the rest of the crate speaks [`Method`] and `url::Url`.

mod bulk;
pub mod emulator_admin;
pub mod endpoints;
pub mod error;
pub mod limits;
mod method;
pub mod types;

use std::future::Future;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::{Client as HttpClient, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use url::Url;

use crate::secret::Auth;
use error::ApiError;
pub use method::Method;
use types::ProblemDetails;

pub const USER_AGENT: &str = concat!("passwordless-cli/", env!("CARGO_PKG_VERSION"));

/// Whether a failed call may be sent again. Calls with side effects a user would notice twice
/// (sending an e-mail, deleting) are `Never`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    Safe,
    Never,
}

const MAX_RETRIES: u32 = 2;
const MAX_RETRY_AFTER: Duration = Duration::from_secs(10);
/// The first retry waits this long, each later one twice as long as the one before.
pub const DEFAULT_BACKOFF: Duration = Duration::from_millis(200);

/// A typed answer that keeps the server's JSON as it was sent, so `--json` prints exactly the
/// API's output (unknown members included) while tables use the typed view.
#[derive(Debug, Clone)]
pub struct ApiResponse<T> {
    pub json: Value,
    pub data: T,
}

/// A sink for `-v` trace lines; the CLI passes `report::trace`.
pub type Trace = fn(std::fmt::Arguments<'_>);

pub struct ClientSettings {
    pub base_url: Url,
    pub auth: Auth,
    pub timeout: Duration,
    /// Where one redacted line per request and response goes (`-v`), if anywhere.
    pub trace: Option<Trace>,
    /// The first retry's wait ([`DEFAULT_BACKOFF`]); tests shorten it.
    pub backoff: Duration,
}

impl ClientSettings {
    pub fn new(
        base_url: Url,
        auth: Auth,
        timeout: Duration,
        trace: Option<Trace>,
    ) -> ClientSettings {
        ClientSettings {
            base_url,
            auth,
            timeout,
            trace,
            backoff: DEFAULT_BACKOFF,
        }
    }
}

pub struct Client {
    http: HttpClient,
    /// The credential header, built once and marked sensitive (kept out of debug output).
    auth_header: Option<(&'static str, reqwest::header::HeaderValue)>,
    /// `(ApiSecret: app:secret:****1a2b)` for `-v` traces.
    credential_note: String,
    /// Built on first use: a current-thread runtime, so no thread is started for a call.
    runtime: OnceLock<tokio::runtime::Runtime>,
    base_url: Url,
    timeout: Duration,
    trace: Option<Trace>,
    backoff: Duration,
}

impl Client {
    pub fn new(settings: ClientSettings) -> anyhow::Result<Client> {
        let mut builder = HttpClient::builder()
            .user_agent(USER_AGENT)
            // reqwest strips only standard credential headers on a cross-host redirect; the
            // `ApiSecret` header would follow a redirect anywhere, even to plain http.
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(settings.timeout.min(Duration::from_secs(10)))
            .timeout(settings.timeout)
            // Retries are this client's, by the retry table. reqwest's own only replays HTTP/2
            // refusals, which an HTTP/1 client never gets, yet would copy every request first.
            .retry(reqwest::retry::never().max_retries_per_request(0));
        if settings.base_url.scheme() == "http" {
            // Plain HTTP is only ever allowed to loopback; skipping the root store there keeps
            // a call against the emulator from paying for certificate loading.
            builder = builder.tls_certs_only(Vec::new());
        }
        let http = builder.build()?;
        let auth_header = match settings.auth.header() {
            Some((name, value, _)) => {
                let mut value = reqwest::header::HeaderValue::from_str(value)
                    .map_err(|_| anyhow::anyhow!("the {name} is not a valid header value"))?;
                value.set_sensitive(true);
                Some((name, value))
            }
            None => None,
        };
        let credential_note = match settings.auth.header() {
            Some((name, _, masked)) => format!(" ({name}: {masked})"),
            None => String::new(),
        };
        Ok(Client {
            http,
            auth_header,
            credential_note,
            runtime: OnceLock::new(),
            base_url: settings.base_url,
            timeout: settings.timeout,
            trace: settings.trace,
            backoff: settings.backoff,
        })
    }

    pub fn base_url(&self) -> &Url {
        &self.base_url
    }

    /// Runs `future` to completion on this client's runtime, in the calling thread.
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.runtime
            .get_or_init(|| {
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("a current-thread runtime needs only an epoll instance and a timer")
            })
            .block_on(future)
    }

    fn url(&self, path: &str) -> Url {
        // Keep any path prefix of the base URL (self-hosted servers live under `/api/`). A query
        // in `path` (from `passwordless api`) stays a query, not an encoded part of the path.
        let mut url = self.base_url.clone();
        let (path, query) = match path.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (path, None),
        };
        let joined = format!("{}{}", url.path().trim_end_matches('/'), path);
        url.set_path(&joined);
        url.set_query(query);
        url
    }

    /// Sends a JSON request and decodes a JSON answer.
    pub fn call<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        body: Option<&B>,
        retry: Retry,
    ) -> Result<ApiResponse<T>, ApiError> {
        let (status, bytes) = self.block_on(self.exchange(method, path, query, body, retry))?;
        let json: Value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .map_err(|e| self.decode_error(method, path, status, e))?
        };
        let data = serde_json::from_value(json.clone())
            .map_err(|e| self.decode_error(method, path, status, e))?;
        Ok(ApiResponse { json, data })
    }

    /// Sends a request whose success answer has no body (204, or the 200 of `/users/delete`).
    pub fn call_empty<B: Serialize>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
        retry: Retry,
    ) -> Result<(), ApiError> {
        self.block_on(self.exchange(method, path, &[], body, retry))
            .map(|_| ())
    }

    /// A request whose answer is shown as text (health checks); errors still become `ApiError`,
    /// except 503, whose body is the health report itself.
    pub fn text(&self, method: Method, path: &str) -> Result<(u16, String), ApiError> {
        match self.block_on(self.exchange::<()>(method, path, &[], None, Retry::Safe)) {
            Ok((status, bytes)) => Ok((
                status.as_u16(),
                String::from_utf8_lossy(&bytes).into_owned(),
            )),
            Err(ApiError::Problem { status: 503, .. }) => Ok((503, "Unhealthy".to_owned())),
            Err(err) => Err(err),
        }
    }

    fn decode_error(
        &self,
        method: Method,
        path: &str,
        status: StatusCode,
        error: serde_json::Error,
    ) -> ApiError {
        ApiError::Decode {
            method: method.to_string(),
            path: path.to_owned(),
            status: status.as_u16(),
            reason: error.to_string(),
        }
    }

    async fn exchange<B: Serialize>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        body: Option<&B>,
        retry: Retry,
    ) -> Result<(StatusCode, Vec<u8>), ApiError> {
        let mut url = self.url(path);
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        let mut attempt = 0;
        loop {
            let mut request = self.request(method, url.clone());
            if let Some(body) = body {
                request = request.json(body);
            }
            let outcome = self.send_once(request, method, path).await;
            let wait = match (&outcome, retry) {
                (_, Retry::Never) => None,
                (Err(err), Retry::Safe) if is_retryable_transport(err) => {
                    Some(self.backoff_for(attempt))
                }
                (Ok(response), Retry::Safe) if is_retryable_status(response.status()) => {
                    Some(retry_after(response).unwrap_or_else(|| self.backoff_for(attempt)))
                }
                _ => None,
            };
            match wait {
                Some(delay) if attempt < MAX_RETRIES => {
                    self.trace(format_args!(
                        "retrying in {} ms (attempt {} of {})",
                        delay.as_millis(),
                        attempt + 2,
                        MAX_RETRIES + 1
                    ));
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                }
                _ => return self.finish(outcome?, method, path).await,
            }
        }
    }

    /// A request with the headers every call carries: `Accept` and the credential.
    fn request(&self, method: Method, url: Url) -> RequestBuilder {
        let request = self
            .http
            .request(method.to_http(), url)
            .header("Accept", "application/json");
        match &self.auth_header {
            Some((name, value)) => request.header(*name, value.clone()),
            None => request,
        }
    }

    async fn send_once(
        &self,
        request: RequestBuilder,
        method: Method,
        path: &str,
    ) -> Result<Response, ApiError> {
        self.trace(format_args!(
            "> {method} {}{path}{}",
            self.base_url.as_str().trim_end_matches('/'),
            self.credential_note,
        ));
        let started = Instant::now();
        let result = request.send().await;
        match result {
            Ok(response) => {
                self.trace(format_args!(
                    "< {} in {} ms",
                    response.status(),
                    started.elapsed().as_millis()
                ));
                Ok(response)
            }
            Err(err) => Err(self.transport_error(err, method, path)),
        }
    }

    async fn finish(
        &self,
        response: Response,
        method: Method,
        path: &str,
    ) -> Result<(StatusCode, Vec<u8>), ApiError> {
        let status = response.status();
        if status.is_redirection() {
            let location = response
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("(no Location header)")
                .to_owned();
            return Err(ApiError::Redirect {
                method: method.to_string(),
                path: path.to_owned(),
                status: status.as_u16(),
                location,
            });
        }
        let is_problem = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/problem+json"));
        let bytes = response
            .bytes()
            .await
            .map_err(|err| self.transport_error(err, method, path))?
            .to_vec();
        if status.is_success() {
            return Ok((status, bytes));
        }
        let problem = if is_problem {
            serde_json::from_slice::<ProblemDetails>(&bytes).unwrap_or_default()
        } else {
            ProblemDetails::default()
        };
        Err(ApiError::Problem {
            method: method.to_string(),
            path: path.to_owned(),
            status: status.as_u16(),
            problem: Box::new(problem),
        })
    }

    fn transport_error(&self, err: reqwest::Error, method: Method, path: &str) -> ApiError {
        if err.is_timeout() {
            return ApiError::Timeout {
                method: method.to_string(),
                path: path.to_owned(),
                seconds: self.timeout.as_secs().max(1),
            };
        }
        // reqwest's own message is generic; the innermost cause ("Connection refused") is what
        // helps. Neither contains headers, so the secret cannot leak here.
        let mut reason = err.to_string();
        let mut source = std::error::Error::source(&err);
        while let Some(cause) = source {
            reason = cause.to_string();
            source = cause.source();
        }
        if err.is_connect() {
            ApiError::Connect {
                base_url: self.base_url.to_string().trim_end_matches('/').to_owned(),
                reason,
            }
        } else {
            ApiError::Transport {
                method: method.to_string(),
                path: path.to_owned(),
                reason,
            }
        }
    }

    fn backoff_for(&self, attempt: u32) -> Duration {
        self.backoff * 2u32.pow(attempt)
    }

    fn trace(&self, line: std::fmt::Arguments<'_>) {
        if let Some(trace) = self.trace {
            trace(line);
        }
    }
}

fn is_retryable_transport(error: &ApiError) -> bool {
    matches!(error, ApiError::Connect { .. } | ApiError::Timeout { .. })
}

fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 502 | 503 | 504)
}

fn retry_after(response: &Response) -> Option<Duration> {
    retry_after_header(response).map(|seconds| Duration::from_secs(seconds).min(MAX_RETRY_AFTER))
}

/// The `Retry-After` header in seconds (the delta form; the HTTP-date form is not used by the
/// service).
fn retry_after_header(response: &Response) -> Option<u64> {
    response
        .headers()
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// Checks a base URL: https everywhere, plain http only for loopback hosts.
pub fn parse_base_url(raw: &str) -> Result<Url, String> {
    let url = Url::parse(raw.trim()).map_err(|e| {
        format!("`{raw}` is not a valid URL ({e}); use e.g. https://v4.passwordless.dev")
    })?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(format!(
                "`{raw}` uses plain http; the API secret must travel over https (http is allowed only for loopback hosts such as 127.0.0.1)"
            ));
        }
        other => {
            return Err(format!(
                "`{raw}` has the scheme `{other}`; use an https:// URL"
            ));
        }
    }
    if url.host_str().is_none() {
        return Err(format!(
            "`{raw}` has no host; use e.g. https://v4.passwordless.dev"
        ));
    }
    Ok(url)
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_rules() {
        assert!(parse_base_url("https://v4.passwordless.dev").is_ok());
        assert!(parse_base_url("http://127.0.0.1:8080").is_ok());
        assert!(parse_base_url("http://localhost:1").is_ok());
        assert!(parse_base_url("http://[::1]:1").is_ok());
        assert!(parse_base_url("http://example.com").is_err());
        assert!(parse_base_url("ftp://example.com").is_err());
        assert!(parse_base_url("not a url").is_err());
    }

    #[test]
    fn a_query_in_the_path_stays_a_query() {
        let client = Client::new(ClientSettings::new(
            parse_base_url("https://example.com/api").unwrap(),
            Auth::Anonymous,
            Duration::from_secs(1),
            None,
        ))
        .unwrap();
        assert_eq!(
            client.url("/alias/list?userId=42").as_str(),
            "https://example.com/api/alias/list?userId=42"
        );
    }

    #[test]
    fn safe_calls_are_retried_with_the_configured_backoff() {
        use crate::emulator::{DEV_API_SECRET, Emulator, EmulatorConfig};
        let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
        let base_url = parse_base_url(&emulator.base_url()).unwrap();
        let control = Client::new(ClientSettings::new(
            base_url.clone(),
            Auth::Anonymous,
            Duration::from_secs(5),
            None,
        ))
        .unwrap();
        let fault = serde_json::json!({"path": "/users/count", "status": 503, "count": 2});
        control
            .emulator_control(Method::POST, "faults", Some(&fault))
            .unwrap();
        // No waiting between the attempts: the backoff is the test's to choose.
        let client = Client::new(ClientSettings {
            backoff: Duration::ZERO,
            ..ClientSettings::new(
                base_url,
                Auth::Secret(crate::secret::ApiSecret::parse(DEV_API_SECRET).unwrap()),
                Duration::from_secs(5),
                None,
            )
        })
        .unwrap();
        assert_eq!(client.count_users().unwrap().data.count, 0);
        let faults = control
            .emulator_control(Method::GET, "faults", None)
            .unwrap();
        assert_eq!(faults, serde_json::json!([]), "both 503s were used up");
        emulator.shutdown();
    }

    #[test]
    fn keeps_a_path_prefix() {
        let client = Client::new(ClientSettings::new(
            parse_base_url("https://example.com/api/").unwrap(),
            Auth::Anonymous,
            Duration::from_secs(1),
            None,
        ))
        .unwrap();
        assert_eq!(
            client.url("/register/token").as_str(),
            "https://example.com/api/register/token"
        );
    }
}
