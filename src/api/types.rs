//! Wire models of the Passwordless.dev API, shared by the client (`api`) and the emulator so the
//! two cannot drift. Field names and order follow the real server (see `shared/api-contract.md`);
//! timestamps stay strings so the exact wire form survives a round trip through the CLI.

use serde::{Deserialize, Serialize};

/// `POST /register/token` body (contract §5). `None` fields are left out so the server applies
/// its own defaults.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RegisterTokenRequest {
    pub user_id: String,
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
}

/// `{"token": "..."}`: the answer of `/register/token` and `/signin/generate-token`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TokenResponse {
    pub token: String,
}

/// `POST /signin/verify` body.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct VerifyTokenRequest {
    pub token: String,
}

/// `POST /signin/generate-token` body (contract §2.3).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct GenerateSigninTokenRequest {
    pub user_id: String,
    /// Seconds, 1..=604800.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_to_live: Option<u32>,
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

/// `{"values": [...]}`: the wrapper of the alias, credential and user lists.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Values<T> {
    pub values: Vec<T>,
}

/// `POST /alias` body (contract §2.4).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SetAliasRequest {
    pub user_id: String,
    pub aliases: Vec<String>,
    pub hashing: bool,
}

/// One entry of `GET /alias/list`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AliasPointer {
    pub user_id: String,
    /// `base64(SHA-256(appId + alias))`.
    pub alias: String,
    pub plaintext: Option<String>,
    pub tenant: String,
}

/// `descriptor` of a stored credential.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CredentialDescriptor {
    #[serde(rename = "type")]
    pub kind: String,
    /// base64url without padding.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transports: Option<Vec<String>>,
}

/// One entry of `GET /credentials/list` (contract §2.6). Note `rpid`, not `rpId`, here.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Credential {
    pub descriptor: CredentialDescriptor,
    pub public_key: String,
    pub user_handle: String,
    pub signature_counter: u32,
    // Older rows and other servers may hold nulls here; a list must still decode.
    pub attestation_fmt: Option<String>,
    pub created_at: Option<String>,
    pub aa_guid: Option<String>,
    pub last_used_at: Option<String>,
    pub rpid: Option<String>,
    pub origin: Option<String>,
    pub country: Option<String>,
    pub device: Option<String>,
    pub nickname: Option<String>,
    pub user_id: String,
    pub backup_state: Option<bool>,
    pub is_backup_eligible: Option<bool>,
    pub is_discoverable: Option<bool>,
}

/// `POST /credentials/delete` body; the id is base64url.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DeleteCredentialRequest {
    pub credential_id: String,
}

/// `POST /users/delete` body and other bodies that carry only a user id.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct UserIdRequest {
    pub user_id: String,
}

/// One entry of `GET /users/list`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct UserSummary {
    pub user_id: String,
    pub alias_count: u32,
    /// Plaintext aliases; hashed ones are `null`. Older servers sent `null` for none.
    #[serde(default)]
    pub aliases: Option<Vec<Option<String>>>,
    pub credentials_count: u32,
    pub last_used_at: Option<String>,
}

/// `GET /users/count`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct UserCount {
    pub count: u64,
}

/// `POST /magic-links/send` body (contract §2.9).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SendMagicLinkRequest {
    pub email_address: String,
    pub url_template: String,
    pub user_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_to_live: Option<u32>,
}

/// `POST /apps/features` body: a patch, `None` leaves a feature unchanged (contract §2.10).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SetFeaturesRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_logging_retention_period: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_manually_generated_authentication_tokens: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_magic_links: Option<bool>,
}

/// An RFC 7807 problem-details body as the server sends it (contract §4.1). Unknown members are
/// kept in `extra` so nothing the server said is lost when it is shown to the user.
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

/// `POST /auth-configs/add` and `POST /auth-configs` (update) body (contract §2.11). The
/// time-to-live goes out as a .NET TimeSpan string and comes back as seconds.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AuthConfigRequest {
    pub purpose: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_verification_requirement: Option<String>,
    /// `hh:mm:ss` or `d.hh:mm:ss`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_to_live: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hints: Option<Vec<String>>,
    pub performed_by: String,
}

/// `POST /auth-configs/delete` body.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AuthConfigDeleteRequest {
    pub purpose: String,
    pub performed_by: String,
}

/// `POST /authenticators/add` body; `/authenticators/remove` sends only `aaGuids`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AuthenticatorsRequest {
    pub aa_guids: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_allowed: Option<bool>,
}

/// `POST /admin/apps/{appId}/create` body (contract §2.15).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CreateAppRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin_email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_logging_is_enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_logging_retention_period: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub magic_link_email_monthly_quota: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_users: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_attestation: Option<bool>,
}

/// `POST /admin/apps/{appId}/features` body: a full overwrite, so the CLI reads the current
/// features first and changes only what the user asked for.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ManageFeaturesRequest {
    pub event_logging_is_enabled: bool,
    pub event_logging_retention_period: u32,
    /// Not in the answer of `GET …/features` on the real server: `None` there.
    #[serde(default)]
    pub magic_link_email_monthly_quota: Option<u32>,
    pub max_users: Option<u64>,
    pub allow_attestation: bool,
}

/// `POST /admin/apps/{appId}/public-keys|secret-keys` body: numeric scopes.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CreateKeyRequest {
    pub scopes: Vec<u8>,
}

/// `POST /admin/apps/{appId}/mark-delete` body.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct MarkDeleteRequest {
    pub app_id: String,
    pub deleted_by: String,
}

mod passkey;
pub use passkey::*;
