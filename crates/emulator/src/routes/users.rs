//! `GET /users/list`, `GET /users/count`, `POST /users/delete` (contract §2.8).

use std::collections::HashMap;

use axum::http::StatusCode;

use super::app_mut;
use crate::events::By;
use crate::http::{Reply, Req, empty, ok};
use crate::input::{self, blank};
use crate::problem::{Problem, Validation};
use crate::state::{App, Shared};
use crate::{auth, dates};
use passwordless_model::types::{UserCount, UserIdRequest, UserSummary, Values};

/// The most rows `/users/list` answers with: the server's `EfTenantStorage.GetUsers` ends in
/// `.Take(1000)`, so clients that list a larger app see only the first thousand.
pub const LIST_LIMIT: usize = 1000;

/// Users are the union of credential owners and alias owners, in first-seen order.
///
/// One pass over credentials and aliases with a map from userId to row, so the cost grows with
/// the state's size, not with its square (the former per-user filter scanned everything again).
pub fn summaries(app: &App) -> Vec<UserSummary> {
    struct Row<'a> {
        id: &'a str,
        aliases: Vec<Option<String>>,
        credentials: u32,
        last_used: Option<time::OffsetDateTime>,
    }
    fn row_of<'a>(
        rows: &mut Vec<Row<'a>>,
        index: &mut HashMap<&'a str, usize>,
        id: &'a str,
    ) -> usize {
        *index.entry(id).or_insert_with(|| {
            rows.push(Row {
                id,
                aliases: Vec::new(),
                credentials: 0,
                last_used: None,
            });
            rows.len() - 1
        })
    }
    let mut rows: Vec<Row<'_>> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for c in &app.credentials {
        let i = row_of(&mut rows, &mut index, &c.user_id);
        let row = &mut rows[i];
        row.credentials += 1;
        row.last_used = row.last_used.max(Some(c.last_used_at));
    }
    for a in &app.aliases {
        let i = row_of(&mut rows, &mut index, &a.user_id);
        rows[i].aliases.push(a.plaintext.clone());
    }
    rows.into_iter()
        .map(|row| UserSummary {
            user_id: row.id.into(),
            alias_count: row.aliases.len() as u32,
            aliases: Some(row.aliases),
            credentials_count: row.credentials,
            last_used_at: row.last_used.map(dates::db),
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
    let mut values = summaries(app);
    values.truncate(LIST_LIMIT);
    ok(&Values { values })
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
