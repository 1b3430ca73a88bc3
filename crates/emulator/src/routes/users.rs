//! `GET /users/list`, `GET /users/count`, `POST /users/delete` (contract §2.8).

use axum::http::StatusCode;

use crate::cx::Cx;
use crate::events::By;
use crate::http::{Reply, Req, empty, ok};
use crate::input::{self, blank};
use crate::problem::{Problem, Validation};
use crate::state::App;
use crate::{auth, dates};
use passwordless_model::types::{UserCount, UserIdRequest, UserSummary, Values};

/// The most rows `/users/list` answers with: the server's `EfTenantStorage.GetUsers` ends in
/// `.Take(1000)`, so clients that list a larger app see only the first thousand.
pub const LIST_LIMIT: usize = 1000;

/// Users in first-seen order, from the app's user index.
pub fn summaries(app: &App) -> impl Iterator<Item = UserSummary> + '_ {
    app.users.iter().map(|(id, user)| UserSummary {
        user_id: id.into(),
        alias_count: user.aliases.len() as u32,
        aliases: Some(user.aliases.iter().map(|a| a.plaintext.clone()).collect()),
        credentials_count: user.credentials.len() as u32,
        last_used_at: user
            .credentials
            .iter()
            .map(|c| c.last_used_at)
            .max()
            .map(dates::db),
    })
}

pub fn list(shared: &Cx<'_>, req: &Req) -> Reply {
    let state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    let app = state
        .apps
        .get(&caller.app_id)
        .ok_or_else(Problem::internal)?;
    let values: Vec<UserSummary> = summaries(app).take(LIST_LIMIT).collect();
    ok(&Values { values })
}

pub fn count(shared: &Cx<'_>, req: &Req) -> Reply {
    let state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    let app = state
        .apps
        .get(&caller.app_id)
        .ok_or_else(Problem::internal)?;
    ok(&UserCount {
        count: app.users.count_with_credentials() as u64,
    })
}

pub fn delete(shared: &Cx<'_>, req: &Req) -> Reply {
    let mut state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    let UserIdRequest { user_id } = input::bind(req, "DeleteUserDTO")?;
    let mut v = Validation::default();
    if blank(&user_id) {
        v.required("userId", "UserId");
    }
    v.into_result()?;
    // Only the user's row (and the event) changes: the store need not look at the settings.
    let app = state
        .app_for_users(&caller.app_id)
        .ok_or_else(Problem::internal)?;
    app.users.remove_user(&user_id);
    By::of(app, &caller.key_id, shared.now()).user_deleted(&user_id);
    empty(StatusCode::OK)
}
