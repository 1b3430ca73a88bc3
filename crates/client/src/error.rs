//! What can go wrong talking to the API, typed so `exit` can classify it and `report` can explain
//! it. Messages never include request bodies or headers, so no secret or token can leak through;
//! URLs in them are shown without a password (`redact::display_url`).

use super::types::{ERRORS_DOC_URL, ProblemDetails};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The server answered with an error status. `problem` holds its problem-details body, or an
    /// empty one when the body was not `application/problem+json`.
    #[error(
        "{method} {path} at {host} failed with HTTP {status}{}",
        describe(problem)
    )]
    Problem {
        method: String,
        path: String,
        /// `host[:port]` of the base URL: every API error says which server answered.
        host: String,
        status: u16,
        problem: Box<ProblemDetails>,
    },
    /// Redirects are not followed, so the credential header never goes to another host.
    #[error(
        "{method} {path} at {host} answered HTTP {status}, a redirect to {location}, which the CLI does not follow"
    )]
    Redirect {
        method: String,
        path: String,
        host: String,
        status: u16,
        location: String,
    },
    #[error("could not connect to {base_url}: {reason}")]
    Connect { base_url: String, reason: String },
    /// The command's one deadline (`--timeout`, retries included) passed.
    #[error("{method} {path} at {host} timed out after {:.1} s ({attempts} attempt{})", *elapsed_ms as f64 / 1000.0, if *attempts == 1 { "" } else { "s" })]
    Timeout {
        method: String,
        path: String,
        host: String,
        elapsed_ms: u64,
        attempts: u32,
    },
    /// The server's certificate was not trusted: never retried, it would fail the same way.
    #[error("the TLS certificate of {base_url} is not trusted: {reason}")]
    Certificate { base_url: String, reason: String },
    /// The server asked to wait longer than what is left of the deadline.
    #[error(
        "{method} {path} at {host} answered HTTP {status} and asked to wait {wait_secs} s, more than the {left_secs} s left of --timeout; try again after {at}"
    )]
    RetryLater {
        method: String,
        path: String,
        host: String,
        status: u16,
        wait_secs: u64,
        left_secs: u64,
        at: String,
    },
    /// The answer was longer than the CLI reads.
    #[error("{method} {url} answered more than {}, the most the CLI reads of one answer", size(*cap))]
    TooLarge {
        method: String,
        url: String,
        cap: usize,
    },
    #[error("{method} {path} at {host} failed: {reason}")]
    Transport {
        method: String,
        path: String,
        host: String,
        reason: String,
    },
    /// An answer that is not HTTP as the API speaks it (malformed framing, a protocol switch,
    /// HTTP/0.9, an over-long head): something other than the API is listening.
    #[error("{method} {url} got an answer that is not what the API sends: {reason}")]
    Protocol {
        method: String,
        url: String,
        reason: String,
    },
    /// An answer in a shape the API never sends — an error status with an HTML or text page
    /// instead of problem details, a 2xx page where JSON belongs: an ordinary web server (a
    /// site, a console, a captive portal) answers at the base URL. Not retried.
    #[error(
        "{host} is not a Passwordless.dev API: {method} {url} answered HTTP {status} with {what}"
    )]
    NotApi {
        method: String,
        url: String,
        host: String,
        status: u16,
        what: String,
    },
    /// A 2xx (or an error status) whose body is not what the contract says: a wrong base URL or
    /// a captive portal must never look like success.
    #[error("{method} {url} answered HTTP {status} with {reason}")]
    Decode {
        method: String,
        url: String,
        status: u16,
        reason: String,
    },
}

/// `16 MiB`, or bytes for a cap below a MiB.
fn size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 && bytes.is_multiple_of(1024 * 1024) {
        format!("{} MiB", bytes / (1024 * 1024))
    } else {
        format!("{bytes} bytes")
    }
}

fn describe(problem: &ProblemDetails) -> String {
    match (&problem.error_code, &problem.title) {
        (Some(code), Some(title)) => format!(" ({code}): {title}"),
        (None, Some(title)) => format!(": {title}"),
        (Some(code), None) => format!(" ({code})"),
        (None, None) => String::new(),
    }
}

impl ApiError {
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Problem { status, .. }
            | ApiError::Decode { status, .. }
            | ApiError::NotApi { status, .. }
            | ApiError::RetryLater { status, .. }
            | ApiError::Redirect { status, .. } => Some(*status),
            _ => None,
        }
    }

    pub fn problem(&self) -> Option<&ProblemDetails> {
        match self {
            ApiError::Problem { problem, .. } => Some(problem),
            _ => None,
        }
    }

    pub fn error_code(&self) -> Option<&str> {
        self.problem().and_then(|p| p.error_code.as_deref())
    }

    /// The docs anchor for this error: the errorCode, else the auth scheme fragment of `type`.
    pub fn docs_url(&self) -> Option<String> {
        let problem = self.problem()?;
        if let Some(code) = &problem.error_code {
            return Some(format!("{ERRORS_DOC_URL}#{code}"));
        }
        let kind = problem.kind.as_deref()?;
        let fragment = kind.strip_prefix(ERRORS_DOC_URL)?.strip_prefix('#')?;
        (!fragment.is_empty()).then(|| kind.to_owned())
    }

    /// One sentence telling the user what to do next, from the error code, else the route and
    /// status.
    pub fn hint(&self) -> String {
        let text = match self {
            ApiError::Connect { .. } => {
                "check the base URL (`passwordless config show`) and that the server is running; for local work start `passwordless emulator`"
            }
            ApiError::Timeout { .. } => {
                "the server is slow or unreachable; try again, or raise --timeout (one deadline for the whole command, retries included)"
            }
            ApiError::Certificate { .. } => {
                "check the base URL; if the server uses a private certificate authority, trust it with --ca-cert FILE, PASSWORDLESS_CA_CERT, or `passwordless config set ca-cert FILE` (a PEM file; it is added to the system's roots); not retried"
            }
            ApiError::RetryLater { .. } => {
                "the server is busy; wait until then, or raise --timeout to let the CLI wait"
            }
            ApiError::TooLarge { .. } => {
                "check the base URL points at a Passwordless.dev API; narrow the request if it is a real answer"
            }
            ApiError::Transport { .. } => "check your network and proxy settings, then try again",
            ApiError::Redirect { .. } => {
                "the CLI does not follow redirects, so the secret stays with the host you chose; if the new address is right, use it as the base URL (--api-url or `passwordless config set base-url`)"
            }
            ApiError::Protocol { .. } => {
                "check the base URL points at a Passwordless.dev API (not a proxy, a non-HTTP service or a plain-http port behind https); not retried"
            }
            ApiError::NotApi { .. } => {
                "check the base URL (`passwordless config get base-url`): it must be the API itself (a self-hosted one usually ends in /api), not a web site in front of it"
            }
            ApiError::Decode { .. } => {
                "the server's answer was not what the Passwordless.dev API sends; check the base URL points at a Passwordless.dev API"
            }
            ApiError::Problem { status, path, .. } => {
                problem_hint(self.error_code(), *status, path)
            }
        };
        text.to_owned()
    }
}

fn problem_hint(code: Option<&str>, status: u16, path: &str) -> &'static str {
    let frontend = matches!(
        path,
        "/register/begin" | "/register/complete" | "/signin/begin" | "/signin/complete"
    );
    match (code, status, path) {
        (Some("expired_token"), _, "/register/begin") => {
            "the registration token has expired; create a new one with `passwordless register-token` and use it before it expires"
        }
        (
            Some("invalid_token" | "invalid_token_format" | "missing_token"),
            _,
            "/register/begin",
        ) => {
            "pass the `register_...` token from `passwordless register-token` unchanged, for the same application as the public key"
        }
        (Some("unknown_credential"), _, _) => {
            "the server does not know this passkey (was it deleted there?); remove it from the authenticator file with `passwordless passkey delete ID`, or register a new one"
        }
        (_, 401, _) if frontend => {
            "the public key was not accepted (unknown, locked, or for another app); check PASSWORDLESS_API_KEY or the profile's public-key with `passwordless config show`"
        }
        (Some("expired_token"), _, _) => {
            "the token has expired; create a new one and verify it before it expires"
        }
        (Some("invalid_token" | "invalid_token_format" | "missing_token"), _, _) => {
            "pass the `verify_...` token your front end received, unchanged, for the same application as the secret"
        }
        (Some("alias_conflict"), _, _) => {
            "that alias belongs to another user; choose another alias or remove it from that user first"
        }
        (Some("max_users_reached"), _, _) => {
            "the application has reached its user limit; delete unused users or raise the plan's limit"
        }
        (Some("attestation_not_supported_on_plan"), _, "/register/token") => {
            "attestation needs a plan that allows it; use --attestation none"
        }
        (Some("attestation_not_supported_on_plan"), _, _) => {
            "authenticator lists need a plan with attestation; an operator can turn it on with `passwordless admin apps set-features APP --attestation on`"
        }
        (Some("magic_link_email_admin_address_only"), _, _) => {
            "for its first 24 hours an application may send magic links only to its admin e-mail address; send to that address, or wait until the application is a day old"
        }
        (Some("magic_link_email_quota_exceeded"), _, _) => {
            "the monthly magic-link quota is used up; wait or raise the quota"
        }
        (Some("api_key_not_found"), _, _) => {
            "no key has that id; list the keys with `passwordless admin api-keys list APP`"
        }
        (Some("app_not_found"), _, _) => "no application has that id; check it",
        (_, 401, _) => {
            "the API secret was not accepted; check it with `passwordless config show` and store the right one with `passwordless config set-secret`"
        }
        (_, 403, "/magic-links/send") => {
            "magic links are off for this application; turn them on with `passwordless app features set --magic-links on`"
        }
        (_, 403, "/signin/generate-token") => {
            "generated sign-in tokens are off for this application; turn them on with `passwordless app features set --generated-tokens on`"
        }
        (_, 403, "/events") => {
            "event logging is off for this application; an operator can turn it on with `passwordless admin apps set-features APP --event-logging on`"
        }
        (_, 403, _) => {
            "the API refused this action for this application or key; check the key's scopes and the app's features"
        }
        (_, 404, _) => "nothing matches what was asked for; check the name or id",
        (_, 429, _) => "too many requests; wait a moment and try again",
        (_, 500..=599, _) => "the server failed; try again later",
        _ => "fix the request as the server's message says, then try again",
    }
}
