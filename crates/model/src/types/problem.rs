//! RFC 7807 problem details (contract §4.1) and the docs page error codes link to.

use serde::{Deserialize, Serialize};

/// An RFC 7807 problem-details body as the server sends it. Unknown members are kept in `extra`
/// so nothing the server said is lost when it is shown to the user.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ProblemDetails {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<serde_json::Map<String, serde_json::Value>>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The docs page every Passwordless error code links to.
pub const ERRORS_DOC_URL: &str = "https://docs.passwordless.dev/guide/errors.html";
