//! App features: `POST /apps/features` (ApiSecret) and `GET|POST /admin/apps/{appId}/features`
//! (ManagementKey), contract §2.10 and §2.15.

use serde::{Deserialize, Serialize};

/// `POST /apps/features` body: a patch, `None` leaves a feature unchanged.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SetFeaturesRequest {
    /// Days, `limits::MIN_RETENTION_DAYS..=MAX_RETENTION_DAYS`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_logging_retention_period: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_manually_generated_authentication_tokens: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_magic_links: Option<bool>,
    /// Who the event log names; the server says `Api` when it is absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub performed_by: Option<String>,
}

/// The answer of `GET /admin/apps/{appId}/features`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AppFeatures {
    pub event_logging_is_enabled: bool,
    pub event_logging_retention_period: i64,
    pub developer_logging_ends_at: Option<String>,
    pub max_users: Option<i64>,
    pub allow_attestation: bool,
    #[serde(default = "super::yes")]
    pub is_generate_sign_in_token_endpoint_enabled: bool,
    #[serde(default = "super::yes")]
    pub is_magic_links_enabled: bool,
    /// The real server leaves it out; read when a server sends it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub magic_link_email_monthly_quota: Option<i64>,
}

/// `POST /admin/apps/{appId}/features` body: a full overwrite, so the CLI reads the current
/// features first and changes only what the user asked for.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ManageFeaturesRequest {
    #[serde(default)]
    pub event_logging_is_enabled: bool,
    #[serde(default)]
    pub event_logging_retention_period: i64,
    /// Not in the answer of `GET …/features` on the real server; the route resets it to 0 when
    /// it is absent.
    #[serde(default)]
    pub magic_link_email_monthly_quota: Option<i64>,
    #[serde(default)]
    pub max_users: Option<i64>,
    #[serde(default)]
    pub allow_attestation: bool,
}
