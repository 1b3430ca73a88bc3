//! The event log: `GET /events` (contract §2.13).

use serde::{Deserialize, Serialize};

/// One page of `GET /events`, newest first.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct EventPage {
    pub tenant_id: String,
    #[serde(default)]
    pub events: Vec<Event>,
    pub total_event_count: u64,
}

/// One logged event; type and severity are names, not numbers.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub performed_at: String,
    pub message: String,
    pub performed_by: Option<String>,
    pub tenant_id: String,
    pub event_type: String,
    pub severity: String,
    pub subject: Option<String>,
    pub api_key_id: Option<String>,
}
