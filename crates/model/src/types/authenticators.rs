//! Authenticator allow and deny lists: `/authenticators/*` (contract §2.12).

use serde::{Deserialize, Serialize};

/// `POST /authenticators/add` body; `/authenticators/remove` sends only `aaGuids`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AuthenticatorsRequest {
    #[serde(default)]
    pub aa_guids: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_allowed: Option<bool>,
}

/// One entry of `GET /authenticators/list`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Authenticator {
    pub aa_guid: String,
    pub created_at: Option<String>,
}
