//! The typed Passwordless.dev client, the only crate of the workspace that talks HTTP to a
//! server: it adds the credential header, the User-Agent and timeouts, retries only calls that
//! are safe to repeat (one policy, [`retry`]), and turns every failure into a typed
//! [`ApiError`]. Calls are async underneath and run on a single-threaded runtime in the calling
//! thread: a one-off command starts no extra thread, and a bulk run drives many calls at once on
//! the same client and connection pool ([`post_once`]). Callers use the typed methods in
//! `endpoints`; nothing outside this crate names reqwest (clippy's `disallowed-types` enforces
//! it, see `clippy.toml`), so they speak [`Method`] and `url::Url`. The wire model's modules are
//! re-exported, so `types` and `limits` are reached through the client as well.

#![allow(clippy::disallowed_types)]

mod auth;
#[cfg(test)]
mod decode_props;
pub mod emulator_admin;
pub mod endpoints;
pub mod error;
mod exchange;
pub mod frontend;
mod method;
pub mod post_once;
pub mod probe;
pub mod retry;

pub use auth::Auth;
pub use passwordless_model::{limits, media, redact, types};

use std::future::Future;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use reqwest::Client as HttpClient;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use url::Url;

use error::ApiError;
use exchange::Answer;
pub use exchange::RawAnswer;
pub use method::Method;

pub const USER_AGENT: &str = concat!("passwordless-cli/", env!("CARGO_PKG_VERSION"));

/// Whether a failed call may be sent again. Calls with side effects a user would notice twice
/// (sending an e-mail, deleting) are `Never`. The rest of the retry table is in [`retry`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    Safe,
    Never,
}

pub use retry::DEFAULT_BACKOFF;
/// The most the client reads of one answer; a longer one is an error naming this cap.
pub const DEFAULT_MAX_BODY: usize = 16 * 1024 * 1024;

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
    /// One deadline for everything the client does, retries included, counted from `new`.
    pub timeout: Duration,
    /// Where the redacted trace goes (`-v`), if anywhere.
    pub trace: Option<Trace>,
    /// How much to trace: 1 request line, status and timing; 2 also headers; 3 also bodies.
    pub verbosity: u8,
    /// The first retry's wait ([`DEFAULT_BACKOFF`]); tests shorten it.
    pub backoff: Duration,
    /// The most read of one answer ([`DEFAULT_MAX_BODY`]).
    pub max_body: usize,
    /// A private certificate authority to trust besides the platform's roots.
    pub ca_cert: Option<CaCert>,
}

/// A PEM file of one or more CA certificates, read when the settings are resolved.
#[derive(Clone)]
pub struct CaCert {
    pub path: std::path::PathBuf,
    pub pem: Vec<u8>,
}

impl CaCert {
    /// Reads and checks the file: a missing file or one without a PEM certificate is refused
    /// before any request, naming the file.
    pub fn load(path: &std::path::Path) -> Result<CaCert, String> {
        let pem = std::fs::read(path).map_err(|e| {
            format!(
                "cannot read the CA certificate {} ({e}); give a PEM file with --ca-cert, PASSWORDLESS_CA_CERT or `passwordless config set ca-cert FILE`",
                path.display()
            )
        })?;
        let ca = CaCert {
            path: path.to_owned(),
            pem,
        };
        ca.certificates()?;
        Ok(ca)
    }

    fn certificates(&self) -> Result<Vec<reqwest::Certificate>, String> {
        let not_pem = || {
            format!(
                "{} holds no PEM certificate (-----BEGIN CERTIFICATE-----); give the CA's certificate in PEM form",
                self.path.display()
            )
        };
        let certs = reqwest::Certificate::from_pem_bundle(&self.pem).map_err(|_| not_pem())?;
        if certs.is_empty() {
            return Err(not_pem());
        }
        Ok(certs)
    }
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
            verbosity: u8::from(trace.is_some()),
            trace,
            backoff: DEFAULT_BACKOFF,
            max_body: DEFAULT_MAX_BODY,
            ca_cert: None,
        }
    }
}

/// The one HTTP client of the CLI: every call, http or https, single or bulk, goes through
/// reqwest here.
pub struct Client {
    /// reqwest, built on first use, so a command that fails before any call pays nothing.
    http: OnceLock<Result<HttpClient, String>>,
    /// Built on first use: a current-thread runtime, so a call starts no thread.
    runtime: OnceLock<tokio::runtime::Runtime>,
    base_url: Url,
    auth: Auth,
    timeout: Duration,
    /// When the one deadline started: at `new`, or again at [`Client::restart_deadline`].
    started: std::sync::Mutex<Instant>,
    trace: Option<Trace>,
    verbosity: u8,
    backoff: Duration,
    max_body: usize,
    ca_cert: Option<CaCert>,
    /// The `Origin` header a browser sends with cross-origin calls (the passkey commands).
    origin: Option<String>,
}

/// What a route's success answer holds, per the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// A JSON body: an empty or non-JSON 2xx is an error.
    Json,
    /// JSON or nothing (`passwordless api`, the emulator's control routes).
    JsonOrEmpty,
    /// Nothing (204, or the empty 200 of `/users/delete`); a JSON body is tolerated, anything
    /// else (an HTML page) is an error.
    Empty,
}

impl Client {
    pub fn new(settings: ClientSettings) -> anyhow::Result<Client> {
        Ok(Client {
            http: OnceLock::new(),
            runtime: OnceLock::new(),
            base_url: settings.base_url,
            auth: settings.auth,
            timeout: settings.timeout,
            started: std::sync::Mutex::new(Instant::now()),
            trace: settings.trace,
            verbosity: settings.verbosity,
            backoff: settings.backoff,
            max_body: settings.max_body,
            ca_cert: settings.ca_cert,
            origin: None,
        })
    }

    /// The general client (https, proxies), built the first time it is needed.
    fn http(&self) -> Result<&HttpClient, String> {
        self.http
            .get_or_init(|| {
                self.build_http()
                    .map_err(|e| format!("cannot set up HTTP: {e}"))
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    fn build_http(&self) -> Result<HttpClient, String> {
        let mut builder = HttpClient::builder()
            .user_agent(USER_AGENT)
            // reqwest strips only standard credential headers on a cross-host redirect; the
            // `ApiSecret` header would follow a redirect anywhere, even to plain http.
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(self.timeout.min(Duration::from_secs(10)))
            // Retries are this client's, by the retry table. reqwest's own only replays HTTP/2
            // refusals, which an HTTP/1 client never gets, yet it would copy every request.
            .retry(reqwest::retry::never().max_retries_per_request(0));
        if self.base_url.scheme() == "http" {
            // Plain HTTP is only ever allowed to loopback, and redirects are not followed, so
            // no certificate is ever checked: skipping the root store saves loading it. No proxy:
            // an HTTP proxy would receive the request, `ApiSecret` header and all, in clear
            // (https goes through a proxy as an opaque CONNECT tunnel, which is fine).
            builder = builder.tls_certs_only(Vec::new()).no_proxy();
        } else if let Some(ca) = &self.ca_cert {
            // Added to the platform's roots, never instead of them: a company CA must not cut
            // the CLI off from every public server.
            builder = builder.tls_certs_merge(ca.certificates()?);
        }
        builder.build().map_err(|e| e.to_string())
    }

    /// The private CA this client trusts besides the platform's roots, if any.
    pub fn ca_cert(&self) -> Option<&CaCert> {
        self.ca_cert.as_ref()
    }

    /// Starts the one deadline again, for a command that runs until Ctrl-C (`--follow`), where
    /// `--timeout` bounds each poll rather than the whole run.
    pub fn restart_deadline(&self) {
        *self.started.lock().unwrap_or_else(|e| e.into_inner()) = Instant::now();
    }

    /// When the current deadline started.
    fn started(&self) -> Instant {
        *self.started.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Sends `Origin: origin` with every request, as a page's fetch does.
    pub fn with_origin(mut self, origin: &str) -> Client {
        self.origin = Some(origin.to_owned());
        self
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

    /// Sends a JSON request and decodes a JSON answer; a 2xx without one is an error.
    pub fn call<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        body: Option<&B>,
        retry: Retry,
    ) -> Result<ApiResponse<T>, ApiError> {
        self.call_expecting(method, path, query, body, retry, Expect::Json)
    }

    /// Like [`call`](Self::call), where an empty answer is fine too (it becomes `null`).
    pub fn call_any<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
        retry: Retry,
    ) -> Result<ApiResponse<T>, ApiError> {
        self.call_expecting(method, path, &[], body, retry, Expect::JsonOrEmpty)
    }

    fn call_expecting<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        body: Option<&B>,
        retry: Retry,
        expect: Expect,
    ) -> Result<ApiResponse<T>, ApiError> {
        let answer = self.exchange(method, path, query, body, retry)?;
        let json = self.check_body(&answer, expect)?;
        let data = serde_json::from_value(json.clone())
            .map_err(|e| self.decode_error(&answer, format!("JSON the CLI could not read: {e}")))?;
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
        let answer = self.exchange(method, path, &[], body, retry)?;
        self.check_body(&answer, Expect::Empty).map(|_| ())
    }

    /// A request whose answer is shown as text (health checks); errors still become `ApiError`,
    /// except 503, whose body is the health report itself.
    pub fn text(&self, method: Method, path: &str) -> Result<(u16, String), ApiError> {
        match self.exchange::<()>(method, path, &[], None, Retry::Safe) {
            Ok(answer) => Ok((
                answer.status,
                String::from_utf8_lossy(&answer.body).into_owned(),
            )),
            Err(ApiError::Problem { status: 503, .. }) => Ok((503, "Unhealthy".to_owned())),
            Err(err) => Err(err),
        }
    }

    /// Sends a body-less request whose success answer is JSON, and returns that JSON as it
    /// came, unparsed: for an answer too large to hold as a `Value` as well (an emulator's whole
    /// state), which the caller decodes straight into its own type or copies out.
    pub fn call_raw_json(
        &self,
        method: Method,
        path: &str,
        retry: Retry,
    ) -> Result<Vec<u8>, ApiError> {
        let answer = self.exchange::<()>(method, path, &[], None, retry)?;
        // With `Expect::Json` a blank body is an error, never `Ok(false)`.
        self.check_kind(&answer, Expect::Json)?;
        Ok(answer.body)
    }

    /// Holds a 2xx answer to the contract: the body must be what the route sends.
    fn check_body(&self, answer: &Answer, expect: Expect) -> Result<Value, ApiError> {
        if !self.check_kind(answer, expect)? {
            return Ok(Value::Null);
        }
        serde_json::from_slice(&answer.body)
            .map_err(|e| self.decode_error(answer, format!("malformed JSON ({e})")))
    }

    /// The checks of [`check_body`](Self::check_body) short of parsing: `Ok(false)` for a
    /// blank body where one is allowed, `Ok(true)` for a body to read as JSON.
    fn check_kind(&self, answer: &Answer, expect: Expect) -> Result<bool, ApiError> {
        let blank = answer.body.iter().all(u8::is_ascii_whitespace);
        let kind = answer.content_type.as_deref().unwrap_or("");
        let json_type = media::answer_is_json(answer.content_type.as_deref());
        match expect {
            Expect::Empty | Expect::JsonOrEmpty if blank => return Ok(false),
            Expect::Json if blank => {
                return Err(
                    self.decode_error(answer, "an empty body where JSON was expected".into())
                );
            }
            _ => {}
        }
        if !json_type {
            let what = if expect == Expect::Empty {
                "no body"
            } else {
                "JSON"
            };
            // A page (HTML, text) where the API answers JSON: whatever answers is not the API.
            return Err(ApiError::NotApi {
                method: answer.method.to_string(),
                url: redact::display_url(&answer.url),
                host: host_of(&self.base_url),
                status: answer.status,
                what: format!(
                    "a `{}` body where the API sends {what}",
                    media::essence(kind)
                ),
            });
        }
        Ok(true)
    }

    fn decode_error(&self, answer: &Answer, reason: String) -> ApiError {
        ApiError::Decode {
            method: answer.method.to_string(),
            url: redact::display_url(&answer.url),
            status: answer.status,
            reason,
        }
    }
}

/// Checks a base URL: https everywhere, plain http only for loopback hosts.
pub fn parse_base_url(raw: &str) -> Result<Url, String> {
    if let Some(suggested) = with_scheme(raw.trim()) {
        return Err(format!("`{}` has no scheme; use `{suggested}`", raw.trim()));
    }
    let url = Url::parse(raw.trim()).map_err(|e| {
        format!("`{raw}` is not a valid URL ({e}); use e.g. https://v4.passwordless.dev")
    })?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(format!(
                "`{}` uses plain http; the API secret must travel over https (http is allowed only for loopback hosts such as 127.0.0.1)",
                redact::display_url(&url).trim_end_matches('/')
            ));
        }
        other => {
            return Err(format!(
                "`{}` has the scheme `{other}`; use an https:// URL",
                redact::display_url(&url)
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

/// For a base URL typed without its scheme (`127.0.0.1:7001`, `localhost:7001/api`,
/// `passwordless.example.com`), the URL meant: http for a loopback host (the emulator), https
/// otherwise. `None` when `raw` has a scheme or is no host at all. (`localhost:7001` would
/// otherwise parse as the scheme `localhost`.)
fn with_scheme(raw: &str) -> Option<String> {
    if raw.is_empty() || raw.contains("://") {
        return None;
    }
    let url = Url::parse(&format!("http://{raw}")).ok()?;
    let host = url.host_str()?;
    // A word with no dot and no port is not meant as a host (`localhost` aside).
    if !host.contains('.') && !host.contains(':') && url.port().is_none() && host != "localhost" {
        return None;
    }
    let scheme = if is_loopback(&url) { "http" } else { "https" };
    let shown = redact::display_url(&url);
    let rest = shown.strip_prefix("http://").unwrap_or(&shown);
    let rest = if raw.ends_with('/') {
        rest
    } else {
        rest.trim_end_matches('/')
    };
    Some(format!("{scheme}://{rest}"))
}

/// `host[:port]` of a URL (no user, password or path), for messages that say which server
/// answered.
pub fn host_of(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    }
}

/// Whether a URL names this machine (`localhost` or a loopback address).
pub fn is_loopback(url: &Url) -> bool {
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
    fn a_url_without_its_scheme_gets_the_one_meant() {
        for (raw, meant) in [
            ("127.0.0.1:7001", "http://127.0.0.1:7001"),
            ("localhost:7001", "http://localhost:7001"),
            ("localhost:7001/api", "http://localhost:7001/api"),
            (
                "passwordless.example.com/api",
                "https://passwordless.example.com/api",
            ),
        ] {
            let err = parse_base_url(raw).unwrap_err();
            assert!(err.contains(&format!("use `{meant}`")), "{raw}: {err}");
        }
        assert_eq!(with_scheme("https://v4.passwordless.dev"), None);
        assert_eq!(with_scheme("not a url"), None);
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
        use passwordless_emulator::{DEV_API_SECRET, Emulator, EmulatorConfig};
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
                Auth::Secret(passwordless_model::keys::ApiSecret::parse(DEV_API_SECRET).unwrap()),
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
