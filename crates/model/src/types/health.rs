//! Anonymous health checks: `GET /health/{http|storage|version|mail}` (contract §2.16).
//! `http` answers plain text; the others a report of named checks.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// The JSON answer of the health checks other than `http`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct HealthReport {
    pub status: String,
    #[serde(default)]
    pub elapsed_milliseconds: f64,
    /// By check name (`db`, `version`, …).
    #[serde(default)]
    pub results: BTreeMap<String, HealthCheck>,
}

/// One named check inside [`HealthReport::results`].
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct HealthCheck {
    pub status: String,
    #[serde(default)]
    pub elapsed_milliseconds: f64,
    /// Free-form facts the check reports (a version string, …).
    #[serde(default)]
    pub data: Map<String, Value>,
}

/// What a health check answered: text for `http`, a report for the others.
#[derive(Debug, Clone, PartialEq)]
pub enum HealthBody {
    Text(String),
    Report(HealthReport),
}

/// A health check's HTTP status and body (503 carries the report of what failed).
#[derive(Debug, Clone, PartialEq)]
pub struct HealthAnswer {
    pub status: u16,
    pub body: HealthBody,
    /// The body as the server sent it, for `--json`.
    pub json: Value,
}
