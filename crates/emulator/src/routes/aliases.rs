//! `POST /alias` and `GET /alias/list` (contract §2.4, §2.5).

use axum::http::StatusCode;

use super::{check_alias_conflict, dedup, query_required, validate_aliases};
use crate::auth;
use crate::cx::Cx;
use crate::events::By;
use crate::http::{Reply, Req, empty, ok};
use crate::input::{self, blank};
use crate::problem::{Problem, Validation};
use crate::state::Alias;
use passwordless_model::types::{AliasPointer, SetAliasRequest, Values};

pub fn set(shared: &Cx<'_>, req: &Req) -> Reply {
    let mut state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    const TYPE: &str = "AliasPayload";
    let body = input::body(req, TYPE)?;
    let SetAliasRequest {
        user_id,
        aliases,
        hashing,
    } = body.bind(TYPE)?;
    let sent_aliases = body.given("aliases");
    let mut v = Validation::default();
    if blank(&user_id) {
        v.required("userId", "UserId");
    }
    if sent_aliases {
        validate_aliases(&mut v, &aliases);
    }
    v.into_result()?;
    // The server dereferences the missing set: a plain 500, kept for parity.
    if !sent_aliases {
        return Err(Problem::internal());
    }
    let aliases = dedup(aliases);
    // Only the user's row (and the event) changes: the store need not look at the settings.
    let app = state
        .app_for_users(&caller.app_id)
        .ok_or_else(Problem::internal)?;
    check_alias_conflict(app, &user_id, &aliases)?;
    let aliases = aliases
        .iter()
        .map(|alias| Alias {
            user_id: user_id.as_str().into(),
            hash: app.alias_hash(alias).into(),
            plaintext: (!hashing).then(|| alias.clone()),
        })
        .collect();
    app.users.set_aliases(&user_id, aliases);
    By::of(app, &caller.key_id, shared.now()).aliases_set(&user_id);
    empty(StatusCode::NO_CONTENT)
}

pub fn list(shared: &Cx<'_>, req: &Req) -> Reply {
    let state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    let user_id = query_required(req, "userId", "string userId")?;
    if user_id.is_empty() {
        return Err(Problem::bad_request(None, "UserId is empty"));
    }
    let app = state
        .apps
        .get(&caller.app_id)
        .ok_or_else(Problem::internal)?;
    let values = app
        .users
        .aliases_of(user_id)
        .iter()
        .map(|a| AliasPointer {
            user_id: a.user_id.to_string(),
            alias: a.hash.to_string(),
            plaintext: a.plaintext.clone(),
            tenant: app.id.clone(),
        })
        .collect();
    ok(&Values { values })
}
