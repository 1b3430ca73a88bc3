//! `GET /authenticators/list`, `POST /authenticators/add|remove` (contract §2.12): the AAGUID
//! allow and deny lists, available only to apps with attestation.

use axum::http::StatusCode;

use super::{app_mut, query_required};
use crate::cx::Cx;
use crate::events::By;
use crate::http::{Reply, Req, empty, ok};
use crate::input::{self, Body};
use crate::problem::{Problem, Validation};
use crate::state::{App, Authenticator};
use crate::{auth, dates};
use passwordless_model::types::{Authenticator as ListedAuthenticator, AuthenticatorsRequest};

fn require_attestation(app: &App) -> Result<(), Problem> {
    if app.features.allow_attestation {
        Ok(())
    } else {
        Err(Problem::api(
            StatusCode::FORBIDDEN,
            Some("attestation_not_supported_on_plan"),
            "Attestation is not supported on your plan.",
        ))
    }
}

fn parse_bool(name: &str, value: &str) -> Result<bool, Problem> {
    match value.to_ascii_lowercase().as_str() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(Problem::binding(&format!(
            "Failed to bind parameter \"bool {name}\" from \"{value}\"."
        ))),
    }
}

pub fn list(shared: &Cx<'_>, req: &Req) -> Reply {
    let state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    let is_allowed = parse_bool(
        "isAllowed",
        query_required(req, "isAllowed", "bool isAllowed")?,
    )?;
    let app = state
        .apps
        .get(&caller.app_id)
        .ok_or_else(Problem::internal)?;
    require_attestation(app)?;
    let list: Vec<ListedAuthenticator> = app
        .authenticators
        .iter()
        .filter(|a| a.is_allowed == is_allowed)
        .map(|a| ListedAuthenticator {
            aa_guid: a.aa_guid.clone(),
            created_at: Some(dates::db(a.created_at)),
        })
        .collect();
    ok(&list)
}

/// Binds the body and checks `aaGuids`: required, at least one, each a GUID (any GUID: the
/// emulator has no metadata service). GUIDs come back in the server's lower-case form.
fn read(req: &Req, type_name: &str) -> Result<(Vec<String>, AuthenticatorsRequest), Problem> {
    let body: Body = input::body(req, type_name)?;
    let request: AuthenticatorsRequest = body.bind(type_name)?;
    let mut v = Validation::default();
    if !body.given("aaGuids") {
        v.required("aaGuids", "AaGuids");
    } else if request.aa_guids.is_empty() {
        v.add(
            "aaGuids",
            "The field AaGuids must be a string or array type with a minimum length of '1'.",
        );
    }
    v.into_result()?;
    let guids =
        request
            .aa_guids
            .iter()
            .map(|g| {
                uuid::Uuid::parse_str(g).map(|u| u.to_string()).map_err(|_| {
                Problem::binding(&format!(
                    "The JSON value of 'aaGuids' could not be converted to System.Guid: {g:?}."
                ))
            })
            })
            .collect::<Result<_, _>>()?;
    Ok((guids, request))
}

pub fn add(shared: &Cx<'_>, req: &Req) -> Reply {
    let mut state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    let (guids, request) = read(req, "AddAuthenticatorsRequest")?;
    let is_allowed = request.is_allowed.unwrap_or(false);
    let app = app_mut(&mut state, &caller.app_id)?;
    require_attestation(app)?;
    app.authenticators.retain(|a| !guids.contains(&a.aa_guid));
    for g in &guids {
        app.authenticators.push(Authenticator {
            aa_guid: g.clone(),
            is_allowed,
            created_at: shared.now(),
        });
    }
    // The server logs "allowlisted" whatever `isAllowed` says.
    By::of(app, &caller.key_id, shared.now()).authenticators_listed();
    empty(StatusCode::NO_CONTENT)
}

pub fn remove(shared: &Cx<'_>, req: &Req) -> Reply {
    let mut state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    let (guids, _) = read(req, "RemoveAuthenticatorsRequest")?;
    let app = app_mut(&mut state, &caller.app_id)?;
    require_attestation(app)?;
    app.authenticators.retain(|a| !guids.contains(&a.aa_guid));
    By::of(app, &caller.key_id, shared.now()).authenticators_delisted();
    empty(StatusCode::NO_CONTENT)
}
