//! Users, aliases and credentials: `/users/*`, `/alias*`, `/credentials/*` (contract §2.4–2.8).

use serde::{Deserialize, Serialize};

/// `POST /alias` body (contract §2.4).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SetAliasRequest {
    #[serde(default)]
    pub user_id: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default = "super::yes")]
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
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DeleteCredentialRequest {
    #[serde(default)]
    pub credential_id: String,
}

/// `POST /users/delete` and `POST /credentials/list` bodies: only a user id.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct UserIdRequest {
    #[serde(default)]
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
