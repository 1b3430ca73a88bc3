//! Management routes under the `ManagementKey` header (contract §2.15): app lifecycle, keys,
//! features. One table both dispatches and tells the router which paths are management paths.
//! The emulator has no FIDO metadata service, so `/mds/*` answers with empty lists.

use axum::http::{Method, StatusCode};
use time::{Duration, OffsetDateTime};

use crate::cx::Cx;
use crate::events::By;
use crate::http::{Reply, Req, empty, ok};
use crate::input::{self, Body};
use crate::problem::{Problem, Validation};
use crate::state::{ApiKey, App, KeyKind, State};
use crate::{auth, dates};
use passwordless_model::limits::{
    self, DEFAULT_RETENTION_DAYS, KeyType, MAX_APP_ID_LEN_AVAILABLE, MAX_APP_ID_LEN_CREATE,
    MAX_RETENTION_DAYS, MIN_RETENTION_DAYS,
};
use passwordless_model::types::{
    ApiKeyInfo, AppAvailability, AppFeatures, CreateAppRequest, CreateKeyRequest, CreatedApp,
    CreatedKey, DeletionStatus, ManageFeaturesRequest, MarkDeleteRequest, MessageResponse,
};

/// How long a marked app waits before it may be deleted.
const DELETE_GRACE: Duration = Duration::days(14);

/// A handler gets the state, the request and the emulator's time (read once per request).
type Handler = fn(&mut State, &Req, OffsetDateTime) -> Reply;

/// Every management route: method, path (`*` matches one segment, an app or key id), handler.
const ROUTES: &[(Method, &str, Handler)] = &[
    (Method::GET, "apps/list-pending-deletion", pending_deletion),
    (Method::GET, "mds/attestation-types", no_metadata),
    (Method::GET, "mds/certification-statuses", no_metadata),
    (Method::GET, "mds/entries", mds_entries),
    (Method::GET, "admin/apps/*/available", available),
    (Method::POST, "admin/apps/*/create", create),
    (Method::POST, "admin/apps/*/freeze", freeze),
    (Method::POST, "admin/apps/*/unfreeze", unfreeze),
    (Method::POST, "admin/apps/*/public-keys", create_public_key),
    (Method::POST, "admin/apps/*/secret-keys", create_secret_key),
    (Method::GET, "admin/apps/*/api-keys", list_keys),
    (Method::POST, "admin/apps/*/api-keys/*/lock", lock),
    (Method::POST, "admin/apps/*/api-keys/*/unlock", unlock),
    (Method::DELETE, "admin/apps/*/api-keys/*", delete_key),
    (Method::GET, "admin/apps/*/features", get_features),
    (Method::POST, "admin/apps/*/features", set_features),
    (
        Method::GET,
        "admin/apps/*/can-delete-immediately",
        can_delete,
    ),
    (Method::POST, "admin/apps/*/mark-delete", mark_delete),
    (Method::POST, "admin/apps/*/cancel-delete", cancel_delete),
    (Method::DELETE, "admin/apps/*", delete_app),
];

fn matches(pattern: &str, segs: &[&str]) -> bool {
    let parts: Vec<&str> = pattern.split('/').collect();
    parts.len() == segs.len() && parts.iter().zip(segs).all(|(p, s)| *p == "*" || p == s)
}

/// Whether `segs` is a management path (so unknown methods get 405 and others 404).
pub fn is_route(segs: &[&str]) -> bool {
    ROUTES.iter().any(|(_, path, _)| matches(path, segs))
}

pub fn route(shared: &Cx<'_>, req: &Req, segs: &[&str]) -> Reply {
    auth::management(&shared.config.management_key, req)?;
    let handler = ROUTES
        .iter()
        .find(|(method, path, _)| *method == req.method && matches(path, segs))
        .map(|(_, _, handler)| *handler);
    match handler {
        Some(handler) => handler(&mut shared.lock(), req, shared.now()),
        None => empty(StatusCode::METHOD_NOT_ALLOWED),
    }
}

/// A path segment as sent: ids keep their case, so an upper-case app id is refused by name.
fn raw(req: &Req, i: usize) -> &str {
    req.segments().nth(i).unwrap_or("")
}

fn app_id(req: &Req) -> &str {
    raw(req, 2)
}

fn key_id(req: &Req) -> &str {
    raw(req, 4)
}

fn check_app_id(id: &str, max_len: usize) -> Result<(), Problem> {
    if limits::is_app_id(id, max_len) {
        return Ok(());
    }
    let mut v = Validation::default();
    v.add(
        "appId",
        format!(
            "The field AppId must match the regular expression '{}'.",
            limits::app_id_pattern(max_len)
        ),
    );
    v.into_result()
}

fn app_not_found() -> Problem {
    Problem::bad_request(Some("app_not_found"), "App was not found.")
}

fn key_not_found() -> Problem {
    Problem::api(
        StatusCode::NOT_FOUND,
        Some("api_key_not_found"),
        "Apikey was not found",
    )
}

fn find<'a>(state: &'a mut State, id: &str) -> Result<&'a mut App, Problem> {
    state.apps.get_mut(id).ok_or_else(app_not_found)
}

/// An optional JSON body: absent means all defaults.
fn optional_body(req: &Req, type_name: &str) -> Result<Body, Problem> {
    if req.body.is_empty() {
        Ok(Body::default())
    } else {
        input::body(req, type_name)
    }
}

fn key_type(kind: KeyKind) -> KeyType {
    match kind {
        KeyKind::Public => KeyType::Public,
        KeyKind::Secret => KeyType::Secret,
    }
}

pub fn features(app: &App) -> AppFeatures {
    let f = &app.features;
    AppFeatures {
        event_logging_is_enabled: f.event_logging_enabled,
        event_logging_retention_period: f.event_logging_retention_period,
        developer_logging_ends_at: f.developer_logging_ends_at.map(dates::db),
        max_users: f.max_users,
        allow_attestation: f.allow_attestation,
        is_generate_sign_in_token_endpoint_enabled: f.generate_signin_enabled,
        is_magic_links_enabled: f.magic_links_enabled,
        magic_link_email_monthly_quota: None,
    }
}

/// The `api-keys` listing entry; secrets are masked to their last four characters.
pub fn key_info(app_id: &str, k: &ApiKey) -> ApiKeyInfo {
    let kind = key_type(k.kind);
    let shown = match kind {
        KeyType::Public => k.value.clone(),
        KeyType::Secret => format!("{app_id}:secret:****{}", k.id()),
    };
    let mut scopes = k.scopes.clone();
    scopes.sort();
    ApiKeyInfo {
        id: k.id(),
        created_at: Some(dates::db(k.created_at)),
        api_key: shown,
        kind: kind.wire(),
        scopes,
        is_locked: k.locked,
        last_locked_at: k.last_locked_at.map(dates::db),
    }
}

fn deletion(message: String, deleted: bool, at: time::OffsetDateTime, app: &App) -> DeletionStatus {
    DeletionStatus {
        message,
        is_deleted: deleted,
        delete_at: Some(dates::offset(at)),
        admin_emails: Some(app.admin_email.clone())
            .filter(|e| !e.is_empty())
            .into_iter()
            .collect(),
    }
}

fn lock_key(key: &mut ApiKey, lock: bool, now: OffsetDateTime) {
    if lock && !key.locked {
        key.last_locked_at = Some(now);
    }
    key.locked = lock;
}

// ---- handlers, in table order ----

fn pending_deletion(state: &mut State, _req: &Req, _now: OffsetDateTime) -> Reply {
    let ids: Vec<&String> = state
        .apps
        .values()
        .filter(|a| a.delete_at.is_some())
        .map(|a| &a.id)
        .collect();
    ok(&ids)
}

fn no_metadata(_state: &mut State, _req: &Req, _now: OffsetDateTime) -> Reply {
    ok(&Vec::<String>::new())
}

/// `GET /mds/entries?attestationTypes=…&certificationStatuses=…`: the filters are validated as
/// the server's `EntriesRequest` does (each value `^[a-zA-Z0-9_]*$`), then there is nothing to
/// filter.
fn mds_entries(state: &mut State, req: &Req, now: OffsetDateTime) -> Reply {
    let mut v = Validation::default();
    for (key, pascal) in [
        ("attestationTypes", "AttestationTypes"),
        ("certificationStatuses", "CertificationStatuses"),
    ] {
        let bad = req.query.iter().any(|(name, value)| {
            name.eq_ignore_ascii_case(key)
                && !value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        });
        if bad {
            v.add(
                key,
                format!("The field {pascal} must match the regular expression '^[a-zA-Z0-9_]*$'."),
            );
        }
    }
    v.into_result()?;
    no_metadata(state, req, now)
}

fn available(state: &mut State, req: &Req, _now: OffsetDateTime) -> Reply {
    let id = app_id(req);
    check_app_id(id, MAX_APP_ID_LEN_AVAILABLE)?;
    ok(&AppAvailability {
        available: !state.apps.contains_key(id),
    })
}

fn create(state: &mut State, req: &Req, now: OffsetDateTime) -> Reply {
    let id = app_id(req);
    check_app_id(id, MAX_APP_ID_LEN_CREATE)?;
    let request: CreateAppRequest = optional_body(req, "CreateAppDto")?.bind("CreateAppDto")?;
    if state.apps.contains_key(id) {
        return Err(Problem::api(
            StatusCode::CONFLICT,
            None,
            &format!("accountName '{id}' is not available"),
        ));
    }
    let mut app = App::new(id, now);
    app.admin_email = request.admin_email.unwrap_or_default();
    let f = &mut app.features;
    f.event_logging_enabled = request.event_logging_is_enabled.unwrap_or(false);
    f.event_logging_retention_period = request
        .event_logging_retention_period
        .unwrap_or(DEFAULT_RETENTION_DAYS);
    f.magic_link_monthly_quota = request.magic_link_email_monthly_quota.unwrap_or(0);
    f.max_users = request.max_users;
    f.allow_attestation = request.allow_attestation.unwrap_or(false);
    let public = || KeyType::Public.all_scope_names();
    let secret = || KeyType::Secret.all_scope_names();
    let created = CreatedApp {
        message: "Store keys safely. They will only be shown to you once.".into(),
        api_key1: app.new_key(KeyKind::Public, public(), now),
        api_key2: app.new_key(KeyKind::Public, public(), now),
        api_secret1: app.new_key(KeyKind::Secret, secret(), now),
        api_secret2: app.new_key(KeyKind::Secret, secret(), now),
    };
    // The server's event context reads the features of an app that does not exist yet, so
    // its ApiManagementAppCreated event is never kept: none here either.
    state.apps.insert(id.to_string(), app);
    ok(&created)
}

fn freeze(state: &mut State, req: &Req, now: OffsetDateTime) -> Reply {
    set_frozen(state, req, true, now)
}

fn unfreeze(state: &mut State, req: &Req, now: OffsetDateTime) -> Reply {
    set_frozen(state, req, false, now)
}

fn set_frozen(state: &mut State, req: &Req, freeze: bool, now: OffsetDateTime) -> Reply {
    let app = find(state, app_id(req))?;
    for k in &mut app.keys {
        lock_key(k, freeze, now);
    }
    By::of(app, "", now).app_frozen(freeze);
    empty(StatusCode::NO_CONTENT)
}

fn create_public_key(state: &mut State, req: &Req, now: OffsetDateTime) -> Reply {
    create_key(state, req, KeyKind::Public, now)
}

fn create_secret_key(state: &mut State, req: &Req, now: OffsetDateTime) -> Reply {
    create_key(state, req, KeyKind::Secret, now)
}

fn create_key(state: &mut State, req: &Req, kind: KeyKind, now: OffsetDateTime) -> Reply {
    let request: CreateKeyRequest = input::bind(req, "CreateApiKeyRequest")?;
    let app = find(state, app_id(req))?;
    if request.scopes.is_empty() {
        return Err(Problem::bad_request(
            Some("create_api_key_scopes_required"),
            "Please select at least one scope.",
        ));
    }
    let mut chosen: Vec<String> = Vec::new();
    for number in request.scopes {
        let scope = key_type(kind).scope_by_number(number).ok_or_else(|| {
            Problem::binding(&format!(
                "The JSON value of 'scopes' could not be converted to a scope: {number}."
            ))
        })?;
        if !chosen.iter().any(|c| c == scope.name) {
            chosen.push(scope.name.to_string());
        }
    }
    let api_key = app.new_key(kind, chosen, now);
    By::of(app, "", now).api_key_created(&api_key);
    ok(&CreatedKey { api_key })
}

fn list_keys(state: &mut State, req: &Req, now: OffsetDateTime) -> Reply {
    let app = find(state, app_id(req))?;
    let keys: Vec<ApiKeyInfo> = app.keys.iter().map(|k| key_info(&app.id, k)).collect();
    By::of(app, "", now).api_keys_enumerated();
    ok(&keys)
}

fn lock(state: &mut State, req: &Req, now: OffsetDateTime) -> Reply {
    set_locked(state, req, true, now)
}

fn unlock(state: &mut State, req: &Req, now: OffsetDateTime) -> Reply {
    set_locked(state, req, false, now)
}

fn set_locked(state: &mut State, req: &Req, lock: bool, now: OffsetDateTime) -> Reply {
    let key_id = key_id(req);
    let app = find(state, app_id(req))?;
    let key = app
        .keys
        .iter_mut()
        .find(|k| k.id() == key_id)
        .ok_or_else(key_not_found)?;
    lock_key(key, lock, now);
    let action = if lock { "Locked" } else { "Unlocked" };
    By::of(app, "", now).api_key_changed(action, key_id);
    empty(StatusCode::NO_CONTENT)
}

fn delete_key(state: &mut State, req: &Req, now: OffsetDateTime) -> Reply {
    let key_id = key_id(req);
    let app = find(state, app_id(req))?;
    let pos = app
        .keys
        .iter()
        .position(|k| k.id() == key_id)
        .ok_or_else(key_not_found)?;
    app.keys.remove(pos);
    By::of(app, "", now).api_key_changed("Deleted", key_id);
    empty(StatusCode::NO_CONTENT)
}

fn get_features(state: &mut State, req: &Req, _now: OffsetDateTime) -> Reply {
    ok(&features(find(state, app_id(req))?))
}

fn set_features(state: &mut State, req: &Req, _now: OffsetDateTime) -> Reply {
    let request: ManageFeaturesRequest = input::bind(req, "ManageFeaturesRequest")?;
    let retention = request.event_logging_retention_period;
    let mut v = Validation::default();
    if !(MIN_RETENTION_DAYS..=MAX_RETENTION_DAYS).contains(&retention) {
        v.range(
            "eventLoggingRetentionPeriod",
            "EventLoggingRetentionPeriod",
            MIN_RETENTION_DAYS,
            MAX_RETENTION_DAYS,
        );
    }
    v.into_result()?;
    let app = find(state, app_id(req))?;
    let f = &mut app.features;
    f.event_logging_enabled = request.event_logging_is_enabled;
    f.event_logging_retention_period = retention;
    f.magic_link_monthly_quota = request.magic_link_email_monthly_quota.unwrap_or(0);
    f.max_users = request.max_users;
    f.allow_attestation = request.allow_attestation;
    empty(StatusCode::NO_CONTENT)
}

fn can_delete(state: &mut State, req: &Req, _now: OffsetDateTime) -> Reply {
    let app = find(state, app_id(req))?;
    ok(&(app.users.credential_count() == 0))
}

fn mark_delete(state: &mut State, req: &Req, now: OffsetDateTime) -> Reply {
    const TYPE: &str = "MarkDeleteApplicationRequest";
    let request: MarkDeleteRequest = optional_body(req, TYPE)?.bind(TYPE)?;
    let id = app_id(req).to_string();
    let app = find(state, &id)?;
    if app.delete_at.is_some() {
        return Err(Problem::bad_request(
            Some("app_pending_deletion"),
            "App is already pending to be deleted.",
        ));
    }
    if app.users.credential_count() == 0 {
        let body = deletion("The application has been deleted.".into(), true, now, app);
        state.apps.remove(&id);
        return ok(&body);
    }
    let at = now + DELETE_GRACE;
    app.delete_at = Some(at);
    By::of(app, "", now).app_marked_for_deletion(&request.deleted_by);
    let message = format!("The application will be deleted on {}.", dates::offset(at));
    ok(&deletion(message, false, at, app))
}

fn cancel_delete(state: &mut State, req: &Req, now: OffsetDateTime) -> Reply {
    let app = find(state, app_id(req))?;
    app.delete_at = None;
    By::of(app, "", now).app_deletion_cancelled();
    ok(&MessageResponse {
        message:
            "Your account will not be deleted since the process was aborted with the cancellation link"
                .into(),
    })
}

fn delete_app(state: &mut State, req: &Req, now: OffsetDateTime) -> Reply {
    let id = app_id(req).to_string();
    let app = find(state, &id)?;
    match app.delete_at {
        None => Err(Problem::bad_request(
            Some("app_not_pending_deletion"),
            "App was not scheduled for deletion.",
        )),
        Some(at) if at > now => Err(Problem::bad_request(
            Some("app_not_pending_deletion"),
            "App cannot be deleted yet.",
        )),
        Some(at) => {
            let body = deletion("The application has been deleted.".into(), true, at, app);
            state.apps.remove(&id);
            ok(&body)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_knows_its_paths() {
        assert!(is_route(&[
            "admin", "apps", "shop", "api-keys", "1a2b", "lock"
        ]));
        assert!(is_route(&["admin", "apps", "shop"]));
        assert!(is_route(&["mds", "entries"]));
        assert!(!is_route(&["admin", "apps", "shop", "nope"]));
        assert!(!is_route(&["admin", "apps"]));
        // Every path in the table is reachable by at least its own method.
        for (_, path, _) in ROUTES {
            let segs: Vec<&str> = path
                .split('/')
                .map(|s| if s == "*" { "x" } else { s })
                .collect();
            assert!(is_route(&segs), "{path}");
        }
    }
}
