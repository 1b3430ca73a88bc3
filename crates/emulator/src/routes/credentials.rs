//! `GET|POST /credentials/list` and `POST /credentials/delete` (contract §2.6, §2.7).

use axum::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::query_required;
use crate::auth;
use crate::cx::Cx;
use crate::events::By;
use crate::http::{Reply, Req, empty, ok};
use crate::input::{self, blank};
use crate::problem::{Problem, Validation};
use passwordless_model::types::{Credential, DeleteCredentialRequest, UserIdRequest, Values};

pub fn list(shared: &Cx<'_>, req: &Req) -> Reply {
    let state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    let user_id = if req.method == axum::http::Method::GET {
        query_required(req, "userId", "string UserId")?.to_string()
    } else {
        input::bind::<UserIdRequest>(req, "GetCredentialsRequest")?.user_id
    };
    let mut v = Validation::default();
    if blank(&user_id) {
        v.required("userId", "UserId");
    }
    v.into_result()?;
    let app = state
        .apps
        .get(&caller.app_id)
        .ok_or_else(Problem::internal)?;
    let values: Vec<Credential> = app
        .users
        .credentials_of(&user_id)
        .iter()
        .map(|c| c.to_wire())
        .collect();
    ok(&Values { values })
}

/// Decodes base64url as the Fido2 converter does: standard-alphabet characters are rejected.
pub fn decode_base64url(s: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(s.trim_end_matches('=')).ok()
}

pub fn delete(shared: &Cx<'_>, req: &Req, strict: bool) -> Reply {
    let mut state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    let DeleteCredentialRequest { credential_id: id } = input::bind(req, "CredentialsDeleteDTO")?;
    if id.is_empty() {
        return Err(Problem::bad_request(
            None,
            "credentialId must not be null or empty",
        ));
    }
    let Some(raw) = decode_base64url(&id) else {
        return Err(Problem::binding(
            "The JSON value of 'credentialId' could not be converted to System.Byte[]: it is not base64url.",
        ));
    };
    // Only the user's row (and the event) changes: the store need not look at the settings.
    let app = state
        .app_for_users(&caller.app_id)
        .ok_or_else(Problem::internal)?;
    let Some(removed) = app.users.remove_credential(&raw) else {
        // The server dereferences null here (500); 204 is the default (contract §9 row 7).
        return if strict {
            Err(Problem::internal())
        } else {
            empty(StatusCode::NO_CONTENT)
        };
    };
    By::of(app, &caller.key_id, shared.now()).credential_deleted(&removed.user_id);
    empty(StatusCode::NO_CONTENT)
}
