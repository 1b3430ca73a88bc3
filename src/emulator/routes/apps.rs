//! App-level backend routes: `POST /apps/features`, `/auth-configs/*`, `/authenticators/*`,
//! `GET /events` and `/reporting/*` (contract §2.10–2.14).

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::{app_mut, query_required};
use crate::emulator::events::By;
use crate::emulator::input::{self, blank};
use crate::emulator::problem::{Problem, Validation};
use crate::emulator::server::{Reply, Req, empty, ok};
use crate::emulator::state::{App, AuthConfig, Authenticator, Shared};
use crate::emulator::{auth, dates};

pub fn set_features(shared: &Shared, req: &Req) -> Reply {
    let mut state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    let b = input::body(req, "SetFeaturesRequest")?;
    let performed_by = b.string("performedBy")?.unwrap_or_else(|| "Api".into());
    let retention = b.int("eventLoggingRetentionPeriod")?;
    let generate = b.bool("enableManuallyGeneratedAuthenticationTokens")?;
    let magic = b.bool("enableMagicLinks")?;
    let mut v = Validation::default();
    if retention.is_some_and(|r| !(0..=90).contains(&r)) {
        v.range(
            "eventLoggingRetentionPeriod",
            "EventLoggingRetentionPeriod",
            0,
            90,
        );
    }
    v.into_result()?;
    let app = app_mut(&mut state, &caller.app_id)?;
    if let Some(r) = retention {
        app.features.event_logging_retention_period = r;
    }
    if let Some(on) = generate {
        app.features.generate_signin_enabled = on;
        By {
            app,
            key_id: &caller.key_id,
        }
        .generate_sign_in_token_endpoint(on, &performed_by);
    }
    if let Some(on) = magic {
        app.features.magic_links_enabled = on;
        By {
            app,
            key_id: &caller.key_id,
        }
        .magic_links(on, &performed_by);
    }
    empty(StatusCode::NO_CONTENT)
}

// ---- authentication configurations ----

const BUILTIN: [&str; 2] = ["sign-in", "step-up"];
const HINTS: [(&str, &str); 3] = [
    ("security-key", "SecurityKey"),
    ("client-device", "ClientDevice"),
    ("hybrid", "Hybrid"),
];

fn config_json(c: &AuthConfig) -> Value {
    let hints: Vec<&str> = c
        .hints
        .iter()
        .filter_map(|h| {
            HINTS
                .iter()
                .find(|(wire, _)| wire == h)
                .map(|(_, name)| *name)
        })
        .collect();
    json!({
        "purpose": c.purpose,
        "userVerificationRequirement": c.user_verification,
        "timeToLive": c.ttl_seconds,
        "hints": hints.join(", "),
        "createdBy": c.created_by,
        "createdOn": c.created_on.map(dates::offset),
        "editedBy": c.edited_by,
        "editedOn": c.edited_on.map(dates::offset),
        "lastUsedOn": c.last_used_on.map(dates::offset),
    })
}

pub fn list_configs(shared: &Shared, req: &Req) -> Reply {
    let state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    let app = state
        .apps
        .get(&caller.app_id)
        .ok_or_else(Problem::internal)?;
    let purpose = req.query("purpose").filter(|p| !p.is_empty());
    let mut configs: Vec<AuthConfig> = match purpose {
        Some(p) => app
            .auth_configs
            .iter()
            .filter(|c| c.purpose == p)
            .cloned()
            .collect(),
        None => app.auth_configs.clone(),
    };
    for builtin in ["step-up", "sign-in"] {
        let wanted = purpose.is_none_or(|p| p == builtin);
        if wanted && !configs.iter().any(|c| c.purpose == builtin) {
            configs.push(AuthConfig::builtin(builtin));
        }
    }
    let configurations: Vec<Value> = configs.iter().map(config_json).collect();
    ok(&json!({ "configurations": configurations }))
}

/// `hh:mm:ss`, `d.hh:mm:ss`, optionally with fractional seconds, optionally negative.
fn parse_timespan(s: &str) -> Option<i64> {
    let (neg, s) = match s.trim().strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.trim()),
    };
    let parts: Vec<&str> = s.split(':').collect();
    let (days, hours, minutes, seconds) = match parts.as_slice() {
        [dh, m, sec] => {
            let (d, h) = match dh.split_once('.') {
                Some((d, h)) => (d.parse::<i64>().ok()?, h.parse::<i64>().ok()?),
                None => (0, dh.parse::<i64>().ok()?),
            };
            let whole = sec.split('.').next()?.parse::<i64>().ok()?;
            (d, h, m.parse::<i64>().ok()?, whole)
        }
        [d] => (d.parse::<i64>().ok()?, 0, 0, 0),
        _ => return None,
    };
    // .NET's TimeSpan.MaxValue is 10675199 days; anything larger fails to bind there too.
    const MAX_DAYS: i64 = 10_675_199;
    if hours > 23 || minutes > 59 || seconds > 59 || !(0..=MAX_DAYS).contains(&days) {
        return None;
    }
    let total = ((days * 24 + hours) * 60 + minutes) * 60 + seconds;
    Some(if neg { -total } else { total })
}

struct ConfigInput {
    purpose: String,
    user_verification: String,
    ttl_seconds: i64,
    hints: Vec<String>,
    performed_by: String,
}

fn read_config(req: &Req) -> Result<ConfigInput, Problem> {
    let b = input::body(req, "SetAuthenticationConfigurationRequest")?;
    let purpose = b.string("purpose")?;
    let uv = b.string("userVerificationRequirement")?;
    let ttl = b.strict_string("timeToLive", "System.TimeSpan")?;
    let hints = b.strings("hints")?;
    let performed_by = b.string("performedBy")?;
    let uv = match uv {
        None => "preferred".to_string(),
        Some(u) if ["preferred", "required", "discouraged"].contains(&u.as_str()) => u,
        Some(u) => {
            return Err(Problem::binding(&format!(
                "The JSON value of 'userVerificationRequirement' could not be converted to UserVerificationRequirement: {u:?}."
            )));
        }
    };
    let ttl_seconds = match ttl {
        None => 120,
        Some(t) => parse_timespan(&t).ok_or_else(|| {
            Problem::binding(&format!(
                "The JSON value of 'timeToLive' could not be converted to System.TimeSpan: {t:?}."
            ))
        })?,
    };
    let mut hint_list = Vec::new();
    for h in hints.unwrap_or_default().into_iter().flatten() {
        if !HINTS.iter().any(|(wire, _)| *wire == h) {
            return Err(Problem::binding(&format!(
                "The JSON value of 'hints' could not be converted to PublicKeyCredentialHint: {h:?}."
            )));
        }
        if !hint_list.contains(&h) {
            hint_list.push(h);
        }
    }
    let mut v = Validation::default();
    match &purpose {
        p if blank(p) => v.required("purpose", "Purpose"),
        Some(p) => {
            if p.encode_utf16().count() > 255 {
                v.add(
                    "purpose",
                    "The field Purpose must be a string or array type with a maximum length of '255'.",
                );
            }
            if !p
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            {
                v.add("purpose", "Characters are limited to A-z, 0-9, -, or _.");
            }
        }
        None => {}
    }
    if blank(&performed_by) {
        v.required("performedBy", "PerformedBy");
    }
    v.into_result()?;
    Ok(ConfigInput {
        purpose: purpose.unwrap_or_default(),
        user_verification: uv,
        ttl_seconds,
        hints: hint_list,
        performed_by: performed_by.unwrap_or_default(),
    })
}

pub fn add_config(shared: &Shared, req: &Req) -> Reply {
    let mut state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    let input = read_config(req)?;
    let app = app_mut(&mut state, &caller.app_id)?;
    if BUILTIN.contains(&input.purpose.as_str())
        || app.auth_configs.iter().any(|c| c.purpose == input.purpose)
    {
        return Err(Problem::bad_request(
            None,
            &format!("The configuration {} already exists.", input.purpose),
        ));
    }
    app.auth_configs.push(AuthConfig {
        purpose: input.purpose.clone(),
        user_verification: input.user_verification,
        ttl_seconds: input.ttl_seconds,
        hints: input.hints,
        created_by: input.performed_by.clone(),
        created_on: Some(dates::now()),
        edited_by: None,
        edited_on: None,
        last_used_on: None,
    });
    By {
        app,
        key_id: &caller.key_id,
    }
    .auth_config("created", &input.purpose, &input.performed_by);
    empty(StatusCode::CREATED)
}

pub fn update_config(shared: &Shared, req: &Req) -> Reply {
    let mut state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    let input = read_config(req)?;
    let app = app_mut(&mut state, &caller.app_id)?;
    if !app.auth_configs.iter().any(|c| c.purpose == input.purpose) {
        if !BUILTIN.contains(&input.purpose.as_str()) {
            return Err(Problem::api(
                StatusCode::NOT_FOUND,
                None,
                &format!("The configuration {} does not exist.", input.purpose),
            ));
        }
        // A built-in default becomes a stored configuration on its first edit.
        app.auth_configs.push(AuthConfig::builtin(&input.purpose));
    }
    if let Some(c) = app
        .auth_configs
        .iter_mut()
        .find(|c| c.purpose == input.purpose)
    {
        c.user_verification = input.user_verification;
        c.ttl_seconds = input.ttl_seconds;
        c.hints = input.hints;
        c.edited_by = Some(input.performed_by.clone());
        c.edited_on = Some(dates::now());
    }
    By {
        app,
        key_id: &caller.key_id,
    }
    .auth_config("updated", &input.purpose, &input.performed_by);
    empty(StatusCode::NO_CONTENT)
}

pub fn delete_config(shared: &Shared, req: &Req) -> Reply {
    let mut state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    let b = input::body(req, "DeleteAuthenticationConfigurationRequest")?;
    b.require_present(
        "DeleteAuthenticationConfigurationRequest",
        &["purpose", "performedBy"],
    )?;
    let purpose = b.string("purpose")?;
    let performed_by = b.string("performedBy")?;
    let mut v = Validation::default();
    if blank(&purpose) {
        v.required("purpose", "Purpose");
    }
    if blank(&performed_by) {
        v.required("performedBy", "PerformedBy");
    }
    v.into_result()?;
    let (purpose, performed_by) = (
        purpose.unwrap_or_default(),
        performed_by.unwrap_or_default(),
    );
    if BUILTIN.contains(&purpose.as_str()) {
        return Err(Problem::bad_request(
            None,
            &format!("The {purpose} configuration cannot be deleted."),
        ));
    }
    let app = app_mut(&mut state, &caller.app_id)?;
    let Some(pos) = app.auth_configs.iter().position(|c| c.purpose == purpose) else {
        return empty(StatusCode::NOT_FOUND);
    };
    app.auth_configs.remove(pos);
    By {
        app,
        key_id: &caller.key_id,
    }
    .auth_config("deleted", &purpose, &performed_by);
    empty(StatusCode::NO_CONTENT)
}

// ---- authenticators ----

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

pub fn list_authenticators(shared: &Shared, req: &Req) -> Reply {
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
    let list: Vec<Value> = app
        .authenticators
        .iter()
        .filter(|a| a.is_allowed == is_allowed)
        .map(|a| json!({"aaGuid": a.aa_guid, "createdAt": dates::db(a.created_at)}))
        .collect();
    ok(&list)
}

/// Reads `aaGuids`: required, at least one, each a GUID (any GUID: the emulator has no MDS).
fn read_guids(b: &input::Body) -> Result<Vec<String>, Problem> {
    let guids = b.strings("aaGuids")?;
    let mut v = Validation::default();
    match &guids {
        None => v.required("aaGuids", "AaGuids"),
        Some(g) if g.is_empty() => v.add(
            "aaGuids",
            "The field AaGuids must be a string or array type with a minimum length of '1'.",
        ),
        _ => {}
    }
    v.into_result()?;
    guids
        .unwrap_or_default()
        .into_iter()
        .map(|g| {
            g.as_deref()
                .and_then(|s| uuid::Uuid::parse_str(s).ok())
                .map(|u| u.to_string())
                .ok_or_else(|| {
                    Problem::binding(&format!(
                        "The JSON value of 'aaGuids' could not be converted to System.Guid: {:?}.",
                        g.unwrap_or_default()
                    ))
                })
        })
        .collect()
}

pub fn add_authenticators(shared: &Shared, req: &Req) -> Reply {
    let mut state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    let b = input::body(req, "AddAuthenticatorsRequest")?;
    let guids = read_guids(&b)?;
    let is_allowed = b.bool("isAllowed")?.unwrap_or(false);
    let app = app_mut(&mut state, &caller.app_id)?;
    require_attestation(app)?;
    app.authenticators.retain(|a| !guids.contains(&a.aa_guid));
    for g in &guids {
        app.authenticators.push(Authenticator {
            aa_guid: g.clone(),
            is_allowed,
            created_at: dates::now(),
        });
    }
    By {
        app,
        key_id: &caller.key_id,
    }
    .authenticators_listed();
    empty(StatusCode::NO_CONTENT)
}

pub fn remove_authenticators(shared: &Shared, req: &Req) -> Reply {
    let mut state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    let b = input::body(req, "RemoveAuthenticatorsRequest")?;
    let guids = read_guids(&b)?;
    let app = app_mut(&mut state, &caller.app_id)?;
    require_attestation(app)?;
    app.authenticators.retain(|a| !guids.contains(&a.aa_guid));
    By {
        app,
        key_id: &caller.key_id,
    }
    .authenticators_delisted();
    empty(StatusCode::NO_CONTENT)
}

// ---- events and reporting ----

fn query_int(req: &Req, name: &str, required: bool) -> Result<Option<i64>, Problem> {
    let value = if required {
        Some(query_required(req, name, &format!("int {name}"))?)
    } else {
        req.query(name).filter(|v| !v.is_empty())
    };
    value
        .map(|v| {
            v.trim().parse::<i32>().map(i64::from).map_err(|_| {
                Problem::binding(&format!(
                    "Failed to bind parameter \"int {name}\" from \"{v}\"."
                ))
            })
        })
        .transpose()
}

pub fn events(shared: &Shared, req: &Req) -> Reply {
    let state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    let page = query_int(req, "pageNumber", true)?.unwrap_or(1);
    let size = query_int(req, "numberOfResults", false)?.unwrap_or(100);
    let mut v = Validation::default();
    if page < 1 {
        v.range("pageNumber", "PageNumber", 1, i32::MAX as i64);
    }
    if !(1..=1000).contains(&size) {
        v.range("numberOfResults", "NumberOfResults", 1, 1000);
    }
    v.into_result()?;
    let app = state
        .apps
        .get(&caller.app_id)
        .ok_or_else(Problem::internal)?;
    if !app.features.event_logging_enabled {
        return Err(Problem::forbidden(
            "Event logging is not enabled for this application.",
        ));
    }
    let events: Vec<Value> = app
        .events
        .iter()
        .rev()
        .skip(((page - 1) * size) as usize)
        .take(size as usize)
        .map(|e| {
            json!({
                "performedAt": dates::db(e.performed_at),
                "message": e.message,
                "performedBy": e.performed_by,
                "tenantId": app.id,
                "eventType": e.event_type,
                "severity": e.severity,
                "subject": e.subject,
                "apiKeyId": e.api_key_id,
            })
        })
        .collect();
    ok(&json!({"tenantId": app.id, "events": events, "totalEventCount": app.events.len()}))
}

fn query_date(req: &Req, name: &str) -> Result<Option<time::Date>, Problem> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    req.query(name)
        .filter(|v| !v.is_empty())
        .map(|v| {
            time::Date::parse(v, &format).map_err(|_| {
                Problem::binding(&format!(
                    "Failed to bind parameter \"DateOnly? {name}\" from \"{v}\"."
                ))
            })
        })
        .transpose()
}

/// Reports are computed on the spot: one row for today, if today is in the requested range.
pub fn reporting(shared: &Shared, req: &Req, active_users: bool) -> Reply {
    let state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    let from = query_date(req, "from")?;
    let to = query_date(req, "to")?;
    let app = state
        .apps
        .get(&caller.app_id)
        .ok_or_else(Problem::internal)?;
    let now = dates::now();
    let today = now.date();
    if from.is_some_and(|f| f > today) || to.is_some_and(|t| t < today) {
        return ok(&Vec::<Value>::new());
    }
    let owners = app.credential_owners().len();
    let row = if active_users {
        let active = |days: i64| {
            let since = now - time::Duration::days(days);
            let mut users: Vec<&str> = app
                .credentials
                .iter()
                .filter(|c| c.last_used_at > since)
                .map(|c| c.user_id.as_str())
                .collect();
            users.sort_unstable();
            users.dedup();
            users.len()
        };
        json!({"createdAt": dates::date_only(now), "dailyActiveUsers": active(1), "weeklyActiveUsers": active(7), "totalUsers": owners})
    } else {
        json!({"createdAt": dates::date_only(now), "users": owners, "credentials": app.credentials.len()})
    };
    ok(&vec![row])
}
