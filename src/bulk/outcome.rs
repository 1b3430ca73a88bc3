//! What happened to one record, and its line in the results: `ok` with the API's answer, or
//! `error` with what the API said (status, errorCode, title) or why the record was never sent.
//! Also decides, for a call that must not be repeated, whether a failure leaves it unknown
//! whether the server acted.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use std::sync::Arc;

use super::Json;
use crate::api::error::ApiError;

/// Why a record failed, as scripts see it in the `kind` member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ErrorKind {
    /// The record was refused before sending (missing column, bad value, over a limit).
    Invalid,
    /// The API answered with an error status.
    Api,
    /// No answer: connection refused, timeout, broken connection.
    Network,
    /// The request may or may not have reached the server, and sending it again could act
    /// twice (an e-mail). Not sent again unless asked (`--resend-unknown`).
    Unknown,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Failure {
    pub kind: ErrorKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    pub title: String,
    /// Validation messages by field, when the API sent them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<serde_json::Map<String, Value>>,
    /// The API's error itself, for the caller to classify (the CLI maps it to an exit code);
    /// `None` for a record refused before sending or read back from earlier results.
    #[serde(skip)]
    pub cause: Option<Arc<ApiError>>,
}

/// Two failures are the same when their lines in the results are.
impl PartialEq for Failure {
    fn eq(&self, other: &Failure) -> bool {
        self.kind == other.kind
            && self.status == other.status
            && self.error_code == other.error_code
            && self.title == other.title
            && self.errors == other.errors
    }
}

impl Failure {
    pub fn invalid(reason: impl Into<String>) -> Failure {
        Failure {
            kind: ErrorKind::Invalid,
            status: None,
            error_code: None,
            title: reason.into(),
            errors: None,
            cause: None,
        }
    }

    /// The outcome of a call that was sent but whose answer never arrived.
    pub fn unknown(reason: impl Into<String>) -> Failure {
        Failure {
            kind: ErrorKind::Unknown,
            status: None,
            error_code: None,
            title: reason.into(),
            errors: None,
            cause: None,
        }
    }

    /// From an API error. For a call that must not be sent twice (`repeatable` false), a
    /// failure that may have happened after the server acted becomes [`ErrorKind::Unknown`].
    pub fn from_api(error: ApiError, repeatable: bool) -> Failure {
        let maybe_acted = !repeatable && may_have_acted(&error);
        let (kind, status, error_code, title, errors) = match &error {
            ApiError::Problem {
                status, problem, ..
            } => (
                ErrorKind::Api,
                Some(*status),
                problem.error_code.clone(),
                problem
                    .title
                    .clone()
                    .or_else(|| problem.detail.clone())
                    .unwrap_or_else(|| format!("HTTP {status}")),
                problem.errors.clone(),
            ),
            ApiError::Redirect { status, .. }
            | ApiError::Decode { status, .. }
            | ApiError::NotApi { status, .. }
            | ApiError::RetryLater { status, .. } => {
                (ErrorKind::Api, Some(*status), None, error.to_string(), None)
            }
            ApiError::TooLarge { .. } | ApiError::Protocol { .. } => {
                (ErrorKind::Api, None, None, error.to_string(), None)
            }
            ApiError::Connect { .. }
            | ApiError::Certificate { .. }
            | ApiError::Timeout { .. }
            | ApiError::Transport { .. } => {
                (ErrorKind::Network, None, None, error.to_string(), None)
            }
        };
        let cause = Some(Arc::new(error));
        if maybe_acted {
            return Failure {
                kind: ErrorKind::Unknown,
                status,
                error_code,
                title: format!(
                    "{title} (the server may have acted on it; not sent again unless --resend-unknown is given)"
                ),
                errors,
                cause,
            };
        }
        Failure {
            kind,
            status,
            error_code,
            title,
            errors,
            cause,
        }
    }
}

/// Whether the server may have carried out a request that failed this way. A refused
/// connection, an untrusted certificate (both before anything is sent), a redirect, any 4xx
/// (including 429) and 503 mean it did not; a timeout, a broken connection, another 5xx or an
/// unreadable success leave it open.
pub fn may_have_acted(error: &ApiError) -> bool {
    match error {
        ApiError::Connect { .. } | ApiError::Certificate { .. } | ApiError::Redirect { .. } => {
            false
        }
        ApiError::Problem { status, .. } | ApiError::RetryLater { status, .. } => {
            *status >= 500 && *status != 503
        }
        // A page from whatever answers there; a 5xx page may hide a server that acted.
        ApiError::NotApi { status, .. } => *status >= 500,
        ApiError::Timeout { .. }
        | ApiError::Transport { .. }
        | ApiError::Decode { .. }
        | ApiError::Protocol { .. }
        | ApiError::TooLarge { .. } => true,
    }
}

/// The result of one record.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Done; the API's JSON answer, `None` for calls that answer with no body.
    Ok(Option<Json>),
    Failed(Failure),
}

impl Outcome {
    pub fn is_ok(&self) -> bool {
        matches!(self, Outcome::Ok(_))
    }
}

/// One line of the results, as written and as read back by `--resume`. It names its command, so
/// a resume refuses another command's results instead of skipping records it never ran.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ResultLine {
    pub command: String,
    pub record: u64,
    pub line: u64,
    pub key: Option<String>,
    pub result: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<Json>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<Failure>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Error,
}

impl ResultLine {
    pub fn new(
        command: &str,
        record: u64,
        line: u64,
        key: Option<String>,
        outcome: Outcome,
    ) -> ResultLine {
        let command = command.to_owned();
        match outcome {
            Outcome::Ok(response) => ResultLine {
                command,
                record,
                line,
                key,
                result: Status::Ok,
                response: response.map(one_line),
                error: None,
            },
            Outcome::Failed(failure) => ResultLine {
                command,
                record,
                line,
                key,
                result: Status::Error,
                response: None,
                error: Some(failure),
            },
        }
    }

    /// The line as written: compact JSON and a newline.
    pub fn to_bytes(&self) -> Vec<u8> {
        // Sized up front: growing from empty would reallocate half a dozen times a line.
        let known = self.key.as_ref().map_or(0, String::len)
            + self.response.as_ref().map_or(0, |json| json.get().len());
        let mut bytes = Vec::with_capacity(known + 128);
        if crate::terminal::json_to_writer(&mut bytes, self).is_err() {
            bytes.clear();
        }
        bytes.push(b'\n');
        bytes
    }
}

/// The server's answer as one line of JSON. Most answers are compact and are kept as they came
/// (no tree built); one with a line break (pretty-printed) would split the results line, and one
/// with C1 or bidirectional controls would reach a terminal raw, so those are written again.
/// A line break can only sit between tokens (JSON strings hold `\n`, never a raw one), so the
/// rewritten answer holds the same values.
fn one_line(json: Json) -> Json {
    if crate::terminal::is_inert_json_line(json.get()) {
        return json;
    }
    match serde_json::from_str::<Value>(json.get()) {
        Ok(value) => serde_json::value::RawValue::from_string(crate::terminal::json_string(&value))
            .unwrap_or(json),
        Err(_) => json,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::ProblemDetails;
    use crate::exit::Exit;

    fn problem(status: u16, code: Option<&str>) -> ApiError {
        ApiError::Problem {
            method: "POST".into(),
            path: "/magic-links/send".into(),
            host: "example.com".into(),
            status,
            problem: Box::new(ProblemDetails {
                title: Some("It went wrong.".into()),
                status: Some(status),
                error_code: code.map(str::to_owned),
                ..Default::default()
            }),
        }
    }

    #[test]
    fn lines_are_compact_json_with_the_apis_words() {
        let ok = ResultLine::new(
            "register-token",
            1,
            2,
            Some("alice".into()),
            Outcome::Ok(Some(
                serde_json::value::to_raw_value(&serde_json::json!({"token": "register_x"}))
                    .unwrap(),
            )),
        );
        assert_eq!(
            String::from_utf8(ok.to_bytes()).unwrap(),
            "{\"command\":\"register-token\",\"record\":1,\"line\":2,\"key\":\"alice\",\"result\":\"ok\",\"response\":{\"token\":\"register_x\"}}\n"
        );
        let failed = ResultLine::new(
            "register-token",
            3,
            4,
            Some("bob".into()),
            Outcome::Failed(Failure::from_api(
                problem(409, Some("alias_conflict")),
                true,
            )),
        );
        assert_eq!(
            String::from_utf8(failed.to_bytes()).unwrap(),
            "{\"command\":\"register-token\",\"record\":3,\"line\":4,\"key\":\"bob\",\"result\":\"error\",\"error\":{\"kind\":\"api\",\"status\":409,\"errorCode\":\"alias_conflict\",\"title\":\"It went wrong.\"}}\n"
        );
        let back: ResultLine = serde_json::from_slice(&failed.to_bytes()).unwrap();
        assert_eq!(back.error.unwrap().kind, ErrorKind::Api);
    }

    /// A pretty-printed answer once made a results line span several lines; one holding a
    /// newline and a whole forged line planted a result for another record.
    #[test]
    fn a_pretty_or_hostile_answer_becomes_one_line() {
        let answer = "{\n  \"token\": \"register_x\",\n  \"n\": \"\\u0085\\u202e\"\r\n}\n{\"record\":9,\"result\":\"ok\"}";
        // Not valid JSON as a whole (two values): the transport refuses that before it gets
        // here; the first value alone is what a pretty server sends.
        assert!(serde_json::from_str::<Json>(answer).is_err());
        let pretty = answer.split_once("\n{\"record").unwrap().0;
        let line = ResultLine::new(
            "register-token",
            1,
            2,
            None,
            Outcome::Ok(Some(serde_json::from_str::<Json>(pretty).unwrap())),
        );
        let text = String::from_utf8(line.to_bytes()).unwrap();
        assert_eq!(
            text,
            "{\"command\":\"register-token\",\"record\":1,\"line\":2,\"key\":null,\"result\":\"ok\",\"response\":{\"token\":\"register_x\",\"n\":\"\\u0085\\u202e\"}}\n"
        );
    }

    #[test]
    fn exit_codes_follow_the_table() {
        assert_eq!(
            crate::exit::of_failure(&Failure::from_api(
                problem(409, Some("alias_conflict")),
                true
            )),
            Exit::Rejected
        );
        assert_eq!(
            crate::exit::of_failure(&Failure::from_api(problem(429, None), true)),
            Exit::RateLimited
        );
        assert_eq!(
            crate::exit::of_failure(&Failure::invalid("no user id")),
            Exit::Usage
        );
    }

    #[test]
    fn unknown_only_for_calls_that_must_not_repeat() {
        let timeout = || ApiError::Timeout {
            host: "example.com".into(),
            method: "POST".into(),
            path: "/magic-links/send".into(),
            elapsed_ms: 30_000,
            attempts: 1,
        };
        assert_eq!(Failure::from_api(timeout(), false).kind, ErrorKind::Unknown);
        assert_eq!(Failure::from_api(timeout(), true).kind, ErrorKind::Network);
        assert_eq!(
            Failure::from_api(problem(500, None), false).kind,
            ErrorKind::Unknown
        );
        for definite in [400, 429, 503] {
            assert_eq!(
                Failure::from_api(problem(definite, None), false).kind,
                ErrorKind::Api,
                "{definite}"
            );
        }
        let refused = ApiError::Connect {
            base_url: "http://127.0.0.1:1".into(),
            reason: "refused".into(),
        };
        assert_eq!(Failure::from_api(refused, false).kind, ErrorKind::Network);
    }
}
