//! Management routes under `ManagementKey` (contract §2.15): app lifecycle and API keys.

use serde::{Deserialize, Serialize};

/// `POST /admin/apps/{appId}/create` body; every member is optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CreateAppRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin_email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_logging_is_enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_logging_retention_period: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub magic_link_email_monthly_quota: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_users: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_attestation: Option<bool>,
}

/// The answer of `POST /admin/apps/{appId}/create`: the new keys, shown only this once.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CreatedApp {
    pub message: String,
    pub api_key1: String,
    pub api_key2: String,
    pub api_secret1: String,
    pub api_secret2: String,
}

/// The answer of `GET /admin/apps/{appId}/available`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AppAvailability {
    pub available: bool,
}

/// One entry of `GET /admin/apps/{appId}/api-keys`; secrets come masked to their last four.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ApiKeyInfo {
    pub id: String,
    pub created_at: Option<String>,
    pub api_key: String,
    /// `ApiKeyTypes` as a number: see `limits::KeyType::wire`.
    #[serde(rename = "type")]
    pub kind: u8,
    pub scopes: Vec<String>,
    pub is_locked: bool,
    pub last_locked_at: Option<String>,
}

/// `POST /admin/apps/{appId}/public-keys|secret-keys` body: scopes by number
/// (`limits::Scope::number`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct CreateKeyRequest {
    #[serde(default)]
    pub scopes: Vec<i64>,
}

/// The answer of `POST …/public-keys|secret-keys`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CreatedKey {
    pub api_key: String,
}

/// `POST /admin/apps/{appId}/mark-delete` body; the route also takes no body at all.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct MarkDeleteRequest {
    #[serde(default)]
    pub app_id: String,
    #[serde(default)]
    pub deleted_by: String,
}

/// The answer of `POST …/mark-delete` and `DELETE /admin/apps/{appId}`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DeletionStatus {
    pub message: String,
    pub is_deleted: bool,
    /// `DateTimeOffset`, with an offset.
    pub delete_at: Option<String>,
    #[serde(default)]
    pub admin_emails: Vec<String>,
}

/// `{"message": "..."}`: the answer of `POST …/cancel-delete`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MessageResponse {
    pub message: String,
}
