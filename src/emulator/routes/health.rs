//! Anonymous health checks (contract §2.16).

use axum::http::StatusCode;
use serde_json::json;

use crate::emulator::server::{Reply, raw_json, text};

pub fn http() -> Reply {
    text(StatusCode::OK, "Healthy")
}

/// `/health/storage` (`db` check) or `/health/version` (`version` check).
pub fn storage(version: bool) -> Reply {
    let results = if version {
        json!({"version": {"status": "Healthy", "elapsedMilliseconds": 0.01, "data": {
            "version": concat!("passwordless-emulator ", env!("CARGO_PKG_VERSION")),
            "net-runtime-version": "none (Rust emulator)",
        }}})
    } else {
        json!({"db": {"status": "Healthy", "elapsedMilliseconds": 0.01, "data": {}}})
    };
    pretty(json!({"status": "Healthy", "elapsedMilliseconds": 0.02, "results": results}))
}

pub fn mail() -> Reply {
    pretty(json!({"status": "Healthy", "elapsedMilliseconds": 0.01, "results": {}}))
}

/// The health writer indents its JSON.
fn pretty(value: serde_json::Value) -> Reply {
    let body = serde_json::to_vec_pretty(&value).unwrap_or_default();
    raw_json(StatusCode::OK, body)
}
