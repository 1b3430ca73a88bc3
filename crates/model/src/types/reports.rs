//! Periodic reports: `GET /reporting/{credentials|active-users}/periodic` (contract §2.14).

use serde::{Deserialize, Serialize};

/// One day of `GET /reporting/credentials/periodic`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CredentialsReportRow {
    /// `DateOnly`: `YYYY-MM-DD`.
    pub created_at: String,
    pub users: u64,
    pub credentials: u64,
}

/// One day of `GET /reporting/active-users/periodic`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ActiveUsersReportRow {
    pub created_at: String,
    pub daily_active_users: u64,
    pub weekly_active_users: u64,
    pub total_users: u64,
}
