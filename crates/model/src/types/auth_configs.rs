//! Authentication configurations: `/auth-configs/*` (contract §2.11). The lifetime goes out as
//! a .NET TimeSpan string and comes back as seconds; hints go out as request spellings
//! (`security-key`) and come back as one string of enum names (`SecurityKey, Hybrid`).

use serde::{Deserialize, Serialize};

/// A .NET `TimeSpan` as JSON carries it: `hh:mm:ss` or `d.hh:mm:ss`. A newtype so the emulator
/// binds it only from a JSON string, as the server does (no number form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeSpan(pub String);

/// `POST /auth-configs/add` and `POST /auth-configs` (update) body.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AuthConfigRequest {
    #[serde(default)]
    pub purpose: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_verification_requirement: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_to_live: Option<TimeSpan>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hints: Option<Vec<String>>,
    #[serde(default)]
    pub performed_by: String,
}

/// `POST /auth-configs/delete` body.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AuthConfigDeleteRequest {
    #[serde(default)]
    pub purpose: String,
    #[serde(default)]
    pub performed_by: String,
}

/// The answer of `GET /auth-configs/list`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AuthConfigList {
    #[serde(default)]
    pub configurations: Vec<AuthConfig>,
}

/// One configuration as the list shows it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AuthConfig {
    pub purpose: String,
    pub user_verification_requirement: Option<String>,
    /// Seconds.
    pub time_to_live: Option<i64>,
    /// Enum names joined by `, ` (see `limits::HINTS`).
    pub hints: Option<String>,
    pub created_by: Option<String>,
    pub created_on: Option<String>,
    pub edited_by: Option<String>,
    pub edited_on: Option<String>,
    pub last_used_on: Option<String>,
}
