//! RFC 7807 problem-details errors as the real server writes them (contract §4): one type that
//! every handler returns, turned into a response (with a `traceId`) by the dispatcher.

use axum::http::StatusCode;
use serde_json::{Map, Value, json};

use passwordless_model::types::ERRORS_DOC_URL;

const RFC_400: &str = "https://tools.ietf.org/html/rfc9110#section-15.5.1";
const RFC_415: &str = "https://tools.ietf.org/html/rfc9110#section-15.5.16";
const RFC_500: &str = "https://tools.ietf.org/html/rfc9110#section-15.6.1";

/// An error response still missing its `traceId`.
#[derive(Debug, Clone)]
pub struct Problem {
    pub status: StatusCode,
    pub body: Map<String, Value>,
    /// `WWW-Authenticate` scheme for 401 challenges.
    pub challenge: Option<&'static str>,
}

impl Problem {
    fn new(status: StatusCode, kind: &str, title: &str) -> Problem {
        let mut body = Map::new();
        body.insert("type".into(), json!(kind));
        body.insert("title".into(), json!(title));
        body.insert("status".into(), json!(status.as_u16()));
        Problem {
            status,
            body,
            challenge: None,
        }
    }

    /// A Passwordless `ApiException`: `errorCode` is always written, `null` when unset.
    pub fn api(status: StatusCode, code: Option<&str>, title: &str) -> Problem {
        let kind = format!("{ERRORS_DOC_URL}#{}", code.unwrap_or(""));
        let mut p = Problem::new(status, &kind, title);
        p.body.insert("errorCode".into(), json!(code));
        p
    }

    pub fn bad_request(code: Option<&str>, title: &str) -> Problem {
        Problem::api(StatusCode::BAD_REQUEST, code, title)
    }

    /// A request-binding failure (malformed JSON, wrong JSON type, missing required member or
    /// query parameter). Production servers send an empty 400 here; we follow the Development
    /// server so that users see why (contract §9 row 5).
    pub fn binding(title: &str) -> Problem {
        Problem::new(StatusCode::BAD_REQUEST, RFC_400, title)
    }

    pub fn unsupported_media(got: &str) -> Problem {
        Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            RFC_415,
            &format!("Expected a supported JSON media type but got \"{got}\"."),
        )
    }

    /// The generic 500 of `FriendlyExceptionsMiddleware`.
    pub fn internal() -> Problem {
        let mut p = Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            RFC_500,
            "An error occurred while processing your request.",
        );
        p.body
            .insert("detail".into(), json!("The api has encountered an error"));
        p
    }

    /// 401 challenge for `scheme` (`ApiSecret`, `ApiKey`, `ManagementKey`).
    pub fn unauthorized(scheme: &'static str, detail: Option<&str>) -> Problem {
        let title = format!("A valid '{scheme}' header is required.");
        let mut p = Problem::new(
            StatusCode::UNAUTHORIZED,
            &format!("{ERRORS_DOC_URL}#{scheme}"),
            &title,
        );
        if let Some(detail) = detail {
            p.body.insert("detail".into(), json!(detail));
        }
        p.challenge = Some(scheme);
        p
    }

    /// 403 for an authenticated key that lacks a scope.
    pub fn forbidden(detail: &str) -> Problem {
        let mut p = Problem::new(
            StatusCode::FORBIDDEN,
            &format!("{ERRORS_DOC_URL}#forbidden"),
            "You are forbidden from accessing this resource.",
        );
        p.body.insert("detail".into(), json!(detail));
        p
    }

    pub fn missing_scope(scope: &str) -> Problem {
        Problem::forbidden(&format!(
            "You are unable to access this resource because you do not have the required permissions. Required scopes: {scope}"
        ))
    }
}

/// DataAnnotations-style validation failures, collected in property order.
#[derive(Debug, Default)]
pub struct Validation {
    errors: Map<String, Value>,
}

impl Validation {
    pub fn add(&mut self, key: &str, message: impl Into<String>) {
        let entry = self
            .errors
            .entry(key.to_string())
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(list) = entry {
            list.push(Value::String(message.into()));
        }
    }

    pub fn required(&mut self, key: &str, pascal: &str) {
        self.add(key, format!("The {pascal} field is required."));
    }

    pub fn range(&mut self, key: &str, pascal: &str, min: i64, max: i64) {
        self.add(
            key,
            format!("The field {pascal} must be between {min} and {max}."),
        );
    }

    pub fn into_result(self) -> Result<(), Problem> {
        if self.errors.is_empty() {
            return Ok(());
        }
        let mut p = Problem::new(
            StatusCode::BAD_REQUEST,
            RFC_400,
            "One or more validation errors occurred.",
        );
        p.body.insert("errors".into(), Value::Object(self.errors));
        Err(p)
    }
}
