//! Management routes under the `ManagementKey` header (contract §2.15): app lifecycle, keys,
//! features. The emulator has no FIDO metadata service, so `/mds/*` answers with empty lists.

use axum::http::StatusCode;
use serde_json::{Value, json};
use time::Duration;

use crate::emulator::events::By;
use crate::emulator::input::{self, Body};
use crate::emulator::problem::{Problem, Validation};
use crate::emulator::server::{Reply, Req, empty, ok};
use crate::emulator::state::{ApiKey, App, KeyKind, PUBLIC_SCOPES, SECRET_SCOPES, Shared, State};
use crate::emulator::{auth, dates};

/// How long a marked app waits before it may be deleted.
const DELETE_GRACE: Duration = Duration::days(14);

fn valid_app_id(id: &str, max_rest: usize) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && (2..=max_rest).contains(&(id.len() - 1))
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

fn check_app_id(id: &str, max_rest: usize) -> Result<(), Problem> {
    if valid_app_id(id, max_rest) {
        return Ok(());
    }
    let mut v = Validation::default();
    v.add(
        "appId",
        format!(
            "The field AppId must match the regular expression '^[a-z][a-z0-9]{{2,{max_rest}}}$'."
        ),
    );
    v.into_result()
}

fn app_not_found() -> Problem {
    Problem::bad_request(Some("app_not_found"), "App was not found.")
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

pub fn features_json(app: &App) -> Value {
    let f = &app.features;
    json!({
        "eventLoggingIsEnabled": f.event_logging_enabled,
        "eventLoggingRetentionPeriod": f.event_logging_retention_period,
        "developerLoggingEndsAt": f.developer_logging_ends_at.map(dates::db),
        "maxUsers": f.max_users,
        "allowAttestation": f.allow_attestation,
        "isGenerateSignInTokenEndpointEnabled": f.generate_signin_enabled,
        "isMagicLinksEnabled": f.magic_links_enabled,
    })
}

/// The `api-keys` listing entry; secrets are masked to their last four characters.
pub fn key_json(app_id: &str, k: &ApiKey) -> Value {
    let (shown, kind) = match k.kind {
        KeyKind::Public => (k.value.clone(), 1),
        KeyKind::Secret => (format!("{app_id}:secret:****{}", k.id()), 2),
    };
    let mut scopes = k.scopes.clone();
    scopes.sort();
    json!({
        "id": k.id(),
        "createdAt": dates::db(k.created_at),
        "apiKey": shown,
        "type": kind,
        "scopes": scopes,
        "isLocked": k.locked,
        "lastLockedAt": k.last_locked_at.map(dates::db),
    })
}

fn deletion_json(message: &str, deleted: bool, at: time::OffsetDateTime, app: &App) -> Value {
    let emails: Vec<&str> = Some(app.admin_email.as_str())
        .filter(|e| !e.is_empty())
        .into_iter()
        .collect();
    json!({"message": message, "isDeleted": deleted, "deleteAt": dates::offset(at), "adminEmails": emails})
}

pub fn route(shared: &Shared, req: &Req, segs: &[&str]) -> Reply {
    use axum::http::Method as M;
    auth::management(&shared.config.management_key, req)?;
    let method = req.method.clone();
    // Ids from the path keep their case: app ids must be lower-case and say so if not.
    let raw = |i: usize| req.segments.get(i).map(String::as_str).unwrap_or("");
    let mut state = shared.lock();
    match (segs, method) {
        (["apps", "list-pending-deletion"], M::GET) => {
            let ids: Vec<&String> = state
                .apps
                .values()
                .filter(|a| a.delete_at.is_some())
                .map(|a| &a.id)
                .collect();
            ok(&ids)
        }
        (
            [
                "mds",
                "attestation-types" | "certification-statuses" | "entries",
            ],
            M::GET,
        ) => ok(&Vec::<Value>::new()),
        (["admin", "apps", _, "available"], M::GET) => {
            let id = raw(2);
            check_app_id(id, 49)?;
            ok(&json!({"available": !state.apps.contains_key(id)}))
        }
        (["admin", "apps", _, "create"], M::POST) => create(&mut state, req, raw(2)),
        (["admin", "apps", _, action @ ("freeze" | "unfreeze")], M::POST) => {
            let freeze = *action == "freeze";
            let app = find(&mut state, raw(2))?;
            for k in &mut app.keys {
                lock_key(k, freeze);
            }
            By { app, key_id: "" }.app_frozen(freeze);
            empty(StatusCode::NO_CONTENT)
        }
        (["admin", "apps", _, kind @ ("public-keys" | "secret-keys")], M::POST) => {
            let secret = *kind == "secret-keys";
            let b = input::body(req, "CreateApiKeyRequest")?;
            let scopes = b.ints("scopes")?.unwrap_or_default();
            let app = find(&mut state, raw(2))?;
            if scopes.is_empty() {
                return Err(Problem::bad_request(
                    Some("create_api_key_scopes_required"),
                    "Please select at least one scope.",
                ));
            }
            let names = if secret { SECRET_SCOPES } else { PUBLIC_SCOPES };
            let mut chosen = Vec::new();
            for s in scopes {
                let name = usize::try_from(s)
                    .ok()
                    .and_then(|i| names.get(i))
                    .ok_or_else(|| {
                        Problem::binding(&format!(
                            "The JSON value of 'scopes' could not be converted to a scope: {s}."
                        ))
                    })?;
                if !chosen.iter().any(|c: &String| c == name) {
                    chosen.push(name.to_string());
                }
            }
            let kind = if secret {
                KeyKind::Secret
            } else {
                KeyKind::Public
            };
            let key = app.new_key(kind, chosen);
            By { app, key_id: "" }.api_key_created(&key);
            ok(&json!({"apiKey": key}))
        }
        (["admin", "apps", _, "api-keys"], M::GET) => {
            let app = find(&mut state, raw(2))?;
            let keys: Vec<Value> = app.keys.iter().map(|k| key_json(&app.id, k)).collect();
            By { app, key_id: "" }.api_keys_enumerated();
            ok(&keys)
        }
        (
            [
                "admin",
                "apps",
                _,
                "api-keys",
                _,
                action @ ("lock" | "unlock"),
            ],
            M::POST,
        ) => {
            let lock = *action == "lock";
            let app = find(&mut state, raw(2))?;
            let key = app
                .keys
                .iter_mut()
                .find(|k| k.id() == raw(4))
                .ok_or_else(key_not_found)?;
            lock_key(key, lock);
            let action = if lock { "Locked" } else { "Unlocked" };
            By { app, key_id: "" }.api_key_changed(action, raw(4));
            empty(StatusCode::NO_CONTENT)
        }
        (["admin", "apps", _, "api-keys", _], M::DELETE) => {
            let app = find(&mut state, raw(2))?;
            let pos = app
                .keys
                .iter()
                .position(|k| k.id() == raw(4))
                .ok_or_else(key_not_found)?;
            app.keys.remove(pos);
            By { app, key_id: "" }.api_key_changed("Deleted", raw(4));
            empty(StatusCode::NO_CONTENT)
        }
        (["admin", "apps", _, "features"], M::GET) => ok(&features_json(find(&mut state, raw(2))?)),
        (["admin", "apps", _, "features"], M::POST) => {
            let b = input::body(req, "ManageFeaturesRequest")?;
            let logging = b.bool("eventLoggingIsEnabled")?.unwrap_or(false);
            let retention = b.int("eventLoggingRetentionPeriod")?.unwrap_or(0);
            let quota = b.int("magicLinkEmailMonthlyQuota")?.unwrap_or(0);
            let max_users = b.int("maxUsers")?;
            let attestation = b.bool("allowAttestation")?.unwrap_or(false);
            let mut v = Validation::default();
            if !(0..=90).contains(&retention) {
                v.range(
                    "eventLoggingRetentionPeriod",
                    "EventLoggingRetentionPeriod",
                    0,
                    90,
                );
            }
            v.into_result()?;
            let app = find(&mut state, raw(2))?;
            let f = &mut app.features;
            f.event_logging_enabled = logging;
            f.event_logging_retention_period = retention;
            f.magic_link_monthly_quota = quota;
            f.max_users = max_users;
            f.allow_attestation = attestation;
            empty(StatusCode::NO_CONTENT)
        }
        (["admin", "apps", _, "can-delete-immediately"], M::GET) => {
            let app = find(&mut state, raw(2))?;
            ok(&app.credentials.is_empty())
        }
        (["admin", "apps", _, "mark-delete"], M::POST) => {
            let b = optional_body(req, "MarkDeleteApplicationRequest")?;
            let by = b.string("deletedBy")?.unwrap_or_default();
            let id = raw(2).to_string();
            let app = find(&mut state, &id)?;
            if app.delete_at.is_some() {
                return Err(Problem::bad_request(
                    Some("app_pending_deletion"),
                    "App is already pending to be deleted.",
                ));
            }
            let now = dates::now();
            if app.credentials.is_empty() {
                let body = deletion_json("The application has been deleted.", true, now, app);
                state.apps.remove(&id);
                return ok(&body);
            }
            let at = now + DELETE_GRACE;
            app.delete_at = Some(at);
            By { app, key_id: "" }.app_marked_for_deletion(&by);
            let message = format!("The application will be deleted on {}.", dates::offset(at));
            ok(&deletion_json(&message, false, at, app))
        }
        (["admin", "apps", _, "cancel-delete"], M::POST) => {
            let app = find(&mut state, raw(2))?;
            app.delete_at = None;
            By { app, key_id: "" }.app_deletion_cancelled();
            ok(
                &json!({"message": "Your account will not be deleted since the process was aborted with the cancellation link"}),
            )
        }
        (["admin", "apps", _], M::DELETE) => {
            let id = raw(2).to_string();
            let app = find(&mut state, &id)?;
            let now = dates::now();
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
                    let body = deletion_json("The application has been deleted.", true, at, app);
                    state.apps.remove(&id);
                    ok(&body)
                }
            }
        }
        _ => empty(StatusCode::METHOD_NOT_ALLOWED),
    }
}

/// Whether `segs` is a management path (so unknown methods get 405 and others 404).
pub fn is_route(segs: &[&str]) -> bool {
    matches!(
        segs,
        ["apps", "list-pending-deletion"]
            | [
                "mds",
                "attestation-types" | "certification-statuses" | "entries"
            ]
            | ["admin", "apps", _]
            | [
                "admin",
                "apps",
                _,
                "available"
                    | "create"
                    | "freeze"
                    | "unfreeze"
                    | "public-keys"
                    | "secret-keys"
                    | "api-keys"
                    | "features"
                    | "can-delete-immediately"
                    | "mark-delete"
                    | "cancel-delete"
            ]
            | ["admin", "apps", _, "api-keys", _]
            | ["admin", "apps", _, "api-keys", _, "lock" | "unlock"]
    )
}

fn key_not_found() -> Problem {
    Problem::api(
        StatusCode::NOT_FOUND,
        Some("api_key_not_found"),
        "Apikey was not found",
    )
}

fn lock_key(key: &mut ApiKey, lock: bool) {
    if lock && !key.locked {
        key.last_locked_at = Some(dates::now());
    }
    key.locked = lock;
}

fn create(state: &mut State, req: &Req, id: &str) -> Reply {
    check_app_id(id, 61)?;
    let b = optional_body(req, "CreateAppDto")?;
    let admin_email = b.string("adminEmail")?.unwrap_or_default();
    let logging = b.bool("eventLoggingIsEnabled")?.unwrap_or(false);
    let retention = b.int("eventLoggingRetentionPeriod")?.unwrap_or(365);
    let quota = b.int("magicLinkEmailMonthlyQuota")?.unwrap_or(0);
    let max_users = b.int("maxUsers")?;
    let attestation = b.bool("allowAttestation")?.unwrap_or(false);
    if state.apps.contains_key(id) {
        return Err(Problem::api(
            StatusCode::CONFLICT,
            None,
            &format!("accountName '{id}' is not available"),
        ));
    }
    let mut app = App::new(id);
    app.admin_email = admin_email;
    app.features.event_logging_enabled = logging;
    app.features.event_logging_retention_period = retention;
    app.features.magic_link_monthly_quota = quota;
    app.features.max_users = max_users;
    app.features.allow_attestation = attestation;
    let all = |s: [&str; 2]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let api_key1 = app.new_key(KeyKind::Public, all(PUBLIC_SCOPES));
    let api_key2 = app.new_key(KeyKind::Public, all(PUBLIC_SCOPES));
    let api_secret1 = app.new_key(KeyKind::Secret, all(SECRET_SCOPES));
    let api_secret2 = app.new_key(KeyKind::Secret, all(SECRET_SCOPES));
    // The server's event context reads the features of an app that does not exist yet, so
    // its ApiManagementAppCreated event is never kept: none here either.
    state.apps.insert(id.to_string(), app);
    ok(&json!({
        "message": "Store keys safely. They will only be shown to you once.",
        "apiKey1": api_key1,
        "apiKey2": api_key2,
        "apiSecret1": api_secret1,
        "apiSecret2": api_secret2,
    }))
}
