//! Emulator-only inspection routes, no key needed: `GET /_emulator/state`,
//! `GET /_emulator/outbox` and the fault rules under `/_emulator/faults`. Secrets are masked;
//! public keys are not secret.

use serde::Serialize;

use super::admin::{features, key_info};
use super::users::summaries;
use crate::api::types::{ApiKeyInfo, AppFeatures, Credential};
use crate::emulator::dates;
use axum::http::StatusCode;

use crate::emulator::faults::FaultSpec;
use crate::emulator::problem::Problem;
use crate::emulator::server::{Reply, Req, empty, json as json_reply, ok};
use crate::emulator::state::{App, Shared};

/// `GET /_emulator/state`: everything the emulator holds, for tests and curious users.
#[derive(Serialize)]
struct StateDump {
    apps: Vec<AppDump>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AppDump {
    app_id: String,
    created_at: String,
    pending_deletion_at: Option<String>,
    features: AppFeatures,
    magic_link_email_monthly_quota: i64,
    keys: Vec<ApiKeyInfo>,
    users: Vec<UserDump>,
    auth_configs: Vec<String>,
    authenticators: Vec<AuthenticatorDump>,
    event_count: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UserDump {
    user_id: String,
    aliases: Vec<AliasDump>,
    credentials: Vec<Credential>,
}

#[derive(Serialize)]
struct AliasDump {
    alias: String,
    plaintext: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AuthenticatorDump {
    aa_guid: String,
    is_allowed: bool,
}

fn app_dump(app: &App) -> AppDump {
    let users = summaries(app)
        .into_iter()
        .map(|u| UserDump {
            aliases: app
                .aliases
                .iter()
                .filter(|a| a.user_id == u.user_id)
                .map(|a| AliasDump {
                    alias: a.hash.clone(),
                    plaintext: a.plaintext.clone(),
                })
                .collect(),
            credentials: app
                .credentials
                .iter()
                .filter(|c| c.user_id == u.user_id)
                .map(|c| c.to_wire())
                .collect(),
            user_id: u.user_id,
        })
        .collect();
    AppDump {
        app_id: app.id.clone(),
        created_at: dates::db(app.created_at),
        pending_deletion_at: app.delete_at.map(dates::db),
        features: features(app),
        magic_link_email_monthly_quota: app.features.magic_link_monthly_quota,
        keys: app.keys.iter().map(|k| key_info(&app.id, k)).collect(),
        users,
        auth_configs: app.auth_configs.iter().map(|c| c.purpose.clone()).collect(),
        authenticators: app
            .authenticators
            .iter()
            .map(|a| AuthenticatorDump {
                aa_guid: a.aa_guid.clone(),
                is_allowed: a.is_allowed,
            })
            .collect(),
        event_count: app.events.len(),
    }
}

pub fn state(shared: &Shared) -> Reply {
    let state = shared.lock();
    ok(&StateDump {
        apps: state.apps.values().map(app_dump).collect(),
    })
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
