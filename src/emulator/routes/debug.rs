//! Emulator-only inspection routes, no key needed: `GET /_emulator/state`,
//! `GET /_emulator/outbox` and the fault rules under `/_emulator/faults`. Secrets are masked;
//! public keys are not secret.

use serde_json::{Value, json};

use super::admin::{features_json, key_json};
use super::users::summaries;
use crate::emulator::dates;
use axum::http::StatusCode;

use crate::emulator::faults::FaultSpec;
use crate::emulator::problem::Problem;
use crate::emulator::server::{Reply, Req, empty, json as json_reply, ok};
use crate::emulator::state::Shared;

pub fn state(shared: &Shared) -> Reply {
    let state = shared.lock();
    let apps: Vec<Value> = state
        .apps
        .values()
        .map(|app| {
            let users: Vec<Value> = summaries(app)
                .into_iter()
                .map(|u| {
                    let aliases: Vec<Value> = app
                        .aliases
                        .iter()
                        .filter(|a| a.user_id == u.user_id)
                        .map(|a| json!({"alias": a.hash, "plaintext": a.plaintext}))
                        .collect();
                    let credentials: Vec<Value> = app
                        .credentials
                        .iter()
                        .filter(|c| c.user_id == u.user_id)
                        .map(|c| serde_json::to_value(c.to_wire()).unwrap_or_default())
                        .collect();
                    json!({"userId": u.user_id, "aliases": aliases, "credentials": credentials})
                })
                .collect();
            json!({
                "appId": app.id,
                "createdAt": dates::db(app.created_at),
                "pendingDeletionAt": app.delete_at.map(dates::db),
                "features": features_json(app),
                "magicLinkEmailMonthlyQuota": app.features.magic_link_monthly_quota,
                "keys": app.keys.iter().map(|k| key_json(&app.id, k)).collect::<Vec<_>>(),
                "users": users,
                "authConfigs": app.auth_configs.iter().map(|c| c.purpose.clone()).collect::<Vec<_>>(),
                "authenticators": app.authenticators.iter().map(|a| json!({"aaGuid": a.aa_guid, "isAllowed": a.is_allowed})).collect::<Vec<_>>(),
                "eventCount": app.events.len(),
            })
        })
        .collect();
    ok(&json!({ "apps": apps }))
}

pub fn outbox(shared: &Shared) -> Reply {
    let state = shared.lock();
    ok(&state.outbox)
}

pub fn list_faults(shared: &Shared) -> Reply {
    ok(&shared.faults.list())
}

pub fn add_fault(shared: &Shared, req: &Req) -> Reply {
    let spec: FaultSpec = serde_json::from_slice(&req.body).map_err(|e| {
        Problem::bad_request(
            None,
            &format!("the fault is not valid JSON of the expected shape: {e}"),
        )
    })?;
    let fault = shared
        .faults
        .add(spec)
        .map_err(|message| Problem::bad_request(None, &message))?;
    json_reply(StatusCode::CREATED, &fault)
}

pub fn clear_faults(shared: &Shared) -> Reply {
    shared.faults.clear();
    empty(StatusCode::NO_CONTENT)
}
