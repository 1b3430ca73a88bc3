//! Magic links: `POST /magic-links/send` (contract §2.9).

use serde::{Deserialize, Serialize};

/// `POST /magic-links/send` body.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SendMagicLinkRequest {
    #[serde(default)]
    pub email_address: String,
    #[serde(default)]
    pub url_template: String,
    #[serde(default)]
    pub user_id: String,
    /// Seconds, `limits::MIN_TTL_SECONDS..=MAX_TTL_SECONDS`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_to_live: Option<i64>,
}
