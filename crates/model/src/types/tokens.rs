//! Tokens: `POST /register/token`, `POST /signin/generate-token`, `POST /signin/verify`.

use serde::{Deserialize, Serialize};

/// `POST /register/token` body (contract §5). `None` fields are left out so the server applies
/// its own defaults.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RegisterTokenRequest {
    #[serde(default)]
    pub user_id: String,
    #[serde(default)]
    pub username: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attestation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authenticator_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discoverable: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_verification: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aliases: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alias_hashing: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hints: Option<Vec<String>>,
    /// RFC 3339 instant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
    /// The server's `RegisterToken` also binds these two; the CLI never sends them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_id: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// `{"token": "..."}`: the answer of `/register/token` and `/signin/generate-token`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TokenResponse {
    pub token: String,
}

/// `POST /signin/verify` body.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct VerifyTokenRequest {
    #[serde(default)]
    pub token: String,
}

/// `POST /signin/generate-token` body (contract §2.3).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct GenerateSigninTokenRequest {
    #[serde(default)]
    pub user_id: String,
    /// Seconds, `limits::MIN_TTL_SECONDS..=MAX_TTL_SECONDS`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_to_live: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    #[serde(rename = "RPID", skip_serializing_if = "Option::is_none")]
    pub rp_id: Option<String>,
    #[serde(rename = "Origin", skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// The answer of `POST /signin/verify` (contract §6), in the server's field order.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct VerifiedUser {
    pub user_id: String,
    pub timestamp: String,
    /// Older servers and some SDKs spell it `rpid`.
    #[serde(alias = "rpid")]
    pub rp_id: Option<String>,
    pub origin: Option<String>,
    pub success: bool,
    pub device: Option<String>,
    pub country: Option<String>,
    pub nickname: Option<String>,
    /// Standard base64 with padding (not base64url), as the server writes it.
    pub credential_id: Option<String>,
    #[serde(default)]
    pub purpose: Option<String>,
    pub expires_at: String,
    pub token_id: String,
    #[serde(rename = "type")]
    pub kind: String,
}
