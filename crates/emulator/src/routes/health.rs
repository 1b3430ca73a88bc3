//! Anonymous health checks (contract §2.16).

use std::collections::BTreeMap;

use axum::http::StatusCode;
use serde_json::{Map, Value};

use crate::http::{Reply, raw_json, text};
use passwordless_model::types::{HealthCheck, HealthReport};

const HEALTHY: &str = "Healthy";

pub fn http() -> Reply {
    text(StatusCode::OK, HEALTHY)
}

fn check(data: Map<String, Value>) -> HealthCheck {
    HealthCheck {
        status: HEALTHY.into(),
        elapsed_milliseconds: 0.01,
        data,
    }
}

/// `/health/storage` (`db` check) or `/health/version` (`version` check).
pub fn storage(version: bool) -> Reply {
    let (name, data) = if version {
        // Health data is free-form on the server too (a dictionary of facts).
        let facts = [
            (
                "version",
                concat!("passwordless-emulator ", env!("CARGO_PKG_VERSION")),
            ),
            ("net-runtime-version", "none (Rust emulator)"),
        ];
        let data = facts
            .into_iter()
            .map(|(k, v)| (k.to_owned(), Value::from(v)))
            .collect();
        ("version", data)
    } else {
        ("db", Map::new())
    };
    pretty(&HealthReport {
        status: HEALTHY.into(),
        elapsed_milliseconds: 0.02,
        results: BTreeMap::from([(name.to_owned(), check(data))]),
    })
}

pub fn mail() -> Reply {
    pretty(&HealthReport {
        status: HEALTHY.into(),
        elapsed_milliseconds: 0.01,
        results: BTreeMap::new(),
    })
}

/// The health writer indents its JSON.
fn pretty(report: &HealthReport) -> Reply {
    let body = serde_json::to_vec_pretty(report).unwrap_or_default();
    raw_json(StatusCode::OK, body)
}
