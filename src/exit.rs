//! The exit-code table and the one function that classifies an error into it. Scripts rely on
//! these numbers: change them only with a major version.

use crate::api::error::ApiError;
use crate::bulk::outcome::{ErrorKind, Failure};
use crate::bulk::{Fatal, Stop, Summary};
use crate::error::CliError;

/// Exit codes, documented in the README, `help exit-codes` and the man page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success = 0,
    Unexpected = 1,
    Usage = 2,
    NotFound = 3,
    Auth = 4,
    Rejected = 5,
    RateLimited = 6,
    Unavailable = 7,
    /// A feature is off for this application (its plan or its settings).
    FeatureOff = 8,
    /// Not an error: `app diff` found differences between a settings file and the app. Apart
    /// from the error codes, so a scheduled drift check can tell drift from a failed check.
    Drift = 10,
    Interrupted = 130,
    /// The reader of stdout went away (`| head`): 128 + SIGPIPE, what a shell shows for a
    /// program the closed pipe stopped.
    BrokenPipe = 141,
    /// `emulator exec` could not start its command (the shell's convention).
    CannotRun = 127,
}

/// The table as (code, meaning) rows, for help text and docs.
pub const TABLE: &[(u8, &str)] = &[
    (0, "success (for `verify`: the token verified)"),
    (
        1,
        "unexpected error or answer: a bug, an answer that is not what the API sends (wrong base URL, captive portal), a redirect, an untrusted TLS certificate",
    ),
    (
        2,
        "usage: bad flags or values, refused before any request; a missing command (`passwordless`, `passwordless users`) prints the help on stderr (`--help` prints it on stdout, exit 0)",
    ),
    (3, "not found"),
    (
        4,
        "authentication or authorization: no secret, keyring unavailable, secret rejected (401), missing scope (403)",
    ),
    (
        5,
        "rejected by the API: invalid, malformed or expired token, validation errors, conflicts",
    ),
    (6, "rate limited or quota exceeded (429)"),
    (
        7,
        "network error, timeout or server error (5xx): safe to retry",
    ),
    (
        8,
        "a feature is off for this application (attestation, event logging, magic links, generated tokens)",
    ),
    (
        10,
        "not an error: `app diff` found differences between the settings file and the app (drift)",
    ),
    (127, "`emulator exec` could not start its command"),
    (130, "interrupted (Ctrl-C), or a confirmation answered no"),
    (
        141,
        "a bulk run stopped because the reader of its results went away (a closed pipe); records after it were not sent",
    ),
];

/// Token errors are "the API said no to this input" whatever their status (`expired_token` is
/// a 403, which would otherwise look like an authorization failure).
const REJECTED_CODES: &[&str] = &[
    "invalid_token",
    "invalid_token_format",
    "missing_token",
    "expired_token",
    "missing_userid",
];

pub fn classify(error: &anyhow::Error) -> Exit {
    for cause in error.chain() {
        if let Some(api) = cause.downcast_ref::<ApiError>() {
            return classify_api(api);
        }
        if let Some(cli) = cause.downcast_ref::<CliError>() {
            return match cli {
                CliError::Usage(_) => Exit::Usage,
                CliError::Auth(_) => Exit::Auth,
                CliError::NotFound(_) => Exit::NotFound,
                CliError::Rejected(_) => Exit::Rejected,
                CliError::Interrupted => Exit::Interrupted,
                CliError::Spawn(_) => Exit::CannotRun,
                CliError::Cancelled => Exit::Interrupted,
            };
        }
    }
    Exit::Unexpected
}

/// The exit code of a bulk run: how it stopped, else its first failed record, else success.
pub fn of_bulk(summary: &Summary) -> Exit {
    match &summary.stop {
        Some(Stop::Interrupted) => Exit::Interrupted,
        Some(Stop::ReaderGone) => Exit::BrokenPipe,
        Some(Stop::Fatal { cause, .. }) => match cause {
            Fatal::BadInput => Exit::Usage,
            Fatal::ServerGone => Exit::Unavailable,
            Fatal::Refused(failure) => of_failure(failure),
        },
        Some(Stop::FailFast) | None => summary
            .first_failure
            .as_ref()
            .map_or(Exit::Success, of_failure),
    }
}

/// The exit code one failed record stands for: its API error's, else by its kind.
pub fn of_failure(failure: &Failure) -> Exit {
    match (&failure.cause, failure.kind) {
        (Some(error), _) => classify_api(error),
        (None, ErrorKind::Invalid) => Exit::Usage,
        (None, _) => Exit::Unavailable,
    }
}

pub fn classify_api(error: &ApiError) -> Exit {
    if crate::feature_off::feature(error).is_some() {
        return Exit::FeatureOff;
    }
    match error {
        ApiError::Connect { .. } | ApiError::Timeout { .. } | ApiError::Transport { .. } => {
            Exit::Unavailable
        }
        ApiError::RetryLater { status: 429, .. } => Exit::RateLimited,
        ApiError::RetryLater { .. } => Exit::Unavailable,
        ApiError::Decode { status, .. } if *status >= 500 => Exit::Unavailable,
        // Not "safe to retry" (7) and not "refused before any request" (2): the request went
        // out and what came back cannot be trusted until the setup changes.
        ApiError::Decode { .. }
        | ApiError::NotApi { .. }
        | ApiError::Protocol { .. }
        | ApiError::TooLarge { .. }
        | ApiError::Redirect { .. }
        | ApiError::Certificate { .. } => Exit::Unexpected,
        ApiError::Problem {
            status, problem, ..
        } => {
            if let Some(code) = problem.error_code.as_deref() {
                if REJECTED_CODES.contains(&code) {
                    return Exit::Rejected;
                }
                if code.ends_with("_not_found") {
                    return Exit::NotFound;
                }
            }
            let forbidden_scope = problem
                .kind
                .as_deref()
                .is_some_and(|kind| kind.ends_with("#forbidden"));
            match *status {
                401 => Exit::Auth,
                403 if forbidden_scope => Exit::Auth,
                404 => Exit::NotFound,
                429 => Exit::RateLimited,
                500..=599 => Exit::Unavailable,
                _ => Exit::Rejected,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::ProblemDetails;

    fn problem(status: u16, code: Option<&str>, kind: &str) -> anyhow::Error {
        ApiError::Problem {
            method: "POST".into(),
            path: "/x".into(),
            host: "example.com".into(),
            status,
            problem: Box::new(ProblemDetails {
                kind: Some(kind.into()),
                status: Some(status),
                error_code: code.map(str::to_owned),
                ..Default::default()
            }),
        }
        .into()
    }

    const DOCS: &str = "https://docs.passwordless.dev/guide/errors.html#";

    #[test]
    fn token_errors_are_rejections_whatever_the_status() {
        assert_eq!(
            classify(&problem(403, Some("expired_token"), DOCS)),
            Exit::Rejected
        );
        assert_eq!(
            classify(&problem(400, Some("invalid_token"), DOCS)),
            Exit::Rejected
        );
        assert_eq!(
            classify(&problem(400, Some("invalid_token_format"), DOCS)),
            Exit::Rejected
        );
    }

    #[test]
    fn auth_failures_are_4() {
        assert_eq!(
            classify(&problem(401, None, &format!("{DOCS}ApiSecret"))),
            Exit::Auth
        );
        assert_eq!(
            classify(&problem(403, None, &format!("{DOCS}forbidden"))),
            Exit::Auth
        );
    }

    #[test]
    fn domain_403s_are_rejections() {
        assert_eq!(classify(&problem(403, None, DOCS)), Exit::Rejected);
        assert_eq!(
            classify(&problem(
                403,
                Some("magic_link_email_admin_address_only"),
                DOCS
            )),
            Exit::Rejected
        );
    }

    #[test]
    fn status_fallbacks() {
        assert_eq!(classify(&problem(404, None, "")), Exit::NotFound);
        assert_eq!(
            classify(&problem(404, Some("api_key_not_found"), DOCS)),
            Exit::NotFound
        );
        assert_eq!(
            classify(&problem(429, Some("magic_link_email_quota_exceeded"), DOCS)),
            Exit::RateLimited
        );
        assert_eq!(classify(&problem(500, None, "")), Exit::Unavailable);
        assert_eq!(
            classify(&problem(409, Some("alias_conflict"), DOCS)),
            Exit::Rejected
        );
    }

    #[test]
    fn transport_and_cli_errors() {
        let connect: anyhow::Error = ApiError::Connect {
            base_url: "http://127.0.0.1:1".into(),
            reason: "refused".into(),
        }
        .into();
        assert_eq!(classify(&connect), Exit::Unavailable);
        let usage: anyhow::Error = CliError::Usage("bad".into()).into();
        assert_eq!(classify(&usage.context("while parsing")), Exit::Usage);
        assert_eq!(classify(&anyhow::anyhow!("boom")), Exit::Unexpected);
    }
}
