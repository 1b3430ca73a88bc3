//! `GET /users/list`, `GET /users/count`, `POST /users/delete` (contract §2.8).

use axum::http::StatusCode;

use super::app_mut;
use crate::api::types::{UserCount, UserIdRequest, UserSummary, Values};
use crate::emulator::events::By;
use crate::emulator::input::{self, blank};
use crate::emulator::problem::{Problem, Validation};
use crate::emulator::server::{Reply, Req, empty, ok};
use crate::emulator::state::{App, Shared};
use crate::emulator::{auth, dates};

/// Users are the union of credential owners and alias owners, in first-seen order.
pub fn summaries(app: &App) -> Vec<UserSummary> {
    let mut ids: Vec<&str> = Vec::new();
    let owners = app.credentials.iter().map(|c| c.user_id.as_str());
    for id in owners.chain(app.aliases.iter().map(|a| a.user_id.as_str())) {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids.into_iter()
        .map(|id| {
            let aliases: Vec<Option<String>> = app
                .aliases
                .iter()
                .filter(|a| a.user_id == id)
                .map(|a| a.plaintext.clone())
                .collect();
            let creds = app.credentials.iter().filter(|c| c.user_id == id);
            UserSummary {
                user_id: id.into(),
                alias_count: aliases.len() as u32,
                aliases: Some(aliases),
                credentials_count: creds.clone().count() as u32,
                last_used_at: creds.map(|c| c.last_used_at).max().map(dates::db),
            }
        })
        .collect()
}

pub fn list(shared: &Shared, req: &Req) -> Reply {
    let state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    let app = state
        .apps
        .get(&caller.app_id)
        .ok_or_else(Problem::internal)?;
    ok(&Values {
        values: summaries(app),
    })
}

pub fn count(shared: &Shared, req: &Req) -> Reply {
    let state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    let app = state
        .apps
        .get(&caller.app_id)
        .ok_or_else(Problem::internal)?;
    ok(&UserCount {
        count: app.credential_owners().len() as u64,
    })
}

pub fn delete(shared: &Shared, req: &Req) -> Reply {
    let mut state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    let UserIdRequest { user_id } = input::bind(req, "DeleteUserDTO")?;
    let mut v = Validation::default();
    if blank(&user_id) {
        v.required("userId", "UserId");
    }
    v.into_result()?;
    let app = app_mut(&mut state, &caller.app_id)?;
    app.credentials.retain(|c| c.user_id != user_id);
    app.aliases.retain(|a| a.user_id != user_id);
    By::of(app, &caller.key_id).user_deleted(&user_id);
    empty(StatusCode::OK)
}
