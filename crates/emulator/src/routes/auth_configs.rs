//! `/auth-configs/*` (contract §2.11): per-purpose sign-in settings. The built-in `sign-in` and
//! `step-up` configurations exist without being stored and cannot be deleted.

use axum::http::StatusCode;

use super::app_mut;
use crate::cx::Cx;
use crate::events::By;
use crate::http::{Reply, Req, empty, ok};
use crate::input::{self, blank};
use crate::problem::{Problem, Validation};
use crate::state::AuthConfig;
use crate::{auth, dates};
use passwordless_model::limits::{
    self, BUILTIN_PURPOSES, DEFAULT_TOKEN_TTL_SECONDS, MAX_PURPOSE_LEN, MAX_TIMESPAN_DAYS,
    USER_VERIFICATION,
};
use passwordless_model::types::{
    AuthConfig as ListedConfig, AuthConfigDeleteRequest, AuthConfigList, AuthConfigRequest,
};

fn is_builtin(purpose: &str) -> bool {
    BUILTIN_PURPOSES.contains(&purpose)
}

fn listed(c: &AuthConfig) -> ListedConfig {
    let hints: Vec<&str> = c
        .hints
        .iter()
        .filter_map(|h| limits::hint_name(h))
        .collect();
    ListedConfig {
        purpose: c.purpose.clone(),
        user_verification_requirement: Some(c.user_verification.clone()),
        time_to_live: Some(c.ttl_seconds),
        hints: Some(hints.join(", ")),
        created_by: Some(c.created_by.clone()),
        created_on: c.created_on.map(dates::offset),
        edited_by: c.edited_by.clone(),
        edited_on: c.edited_on.map(dates::offset),
        last_used_on: c.last_used_on.map(dates::offset),
    }
}

pub fn list(shared: &Cx<'_>, req: &Req) -> Reply {
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
    // The server appends the defaults it did not find, `step-up` first.
    for builtin in BUILTIN_PURPOSES.iter().rev() {
        let wanted = purpose.is_none_or(|p| p == *builtin);
        if wanted && !configs.iter().any(|c| c.purpose == *builtin) {
            configs.push(AuthConfig::builtin(builtin));
        }
    }
    ok(&AuthConfigList {
        configurations: configs.iter().map(listed).collect(),
    })
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
    // Anything beyond TimeSpan.MaxValue fails to bind on the server too.
    if hours > 23 || minutes > 59 || seconds > 59 || !(0..=MAX_TIMESPAN_DAYS).contains(&days) {
        return None;
    }
    let total = ((days * 24 + hours) * 60 + minutes) * 60 + seconds;
    Some(if neg { -total } else { total })
}

/// A bound and validated add/update request.
struct ConfigInput {
    purpose: String,
    user_verification: String,
    ttl_seconds: i64,
    hints: Vec<String>,
    performed_by: String,
}

fn read_config(req: &Req) -> Result<ConfigInput, Problem> {
    let request: AuthConfigRequest = input::bind(req, "SetAuthenticationConfigurationRequest")?;
    let uv = match request.user_verification_requirement {
        None => "preferred".to_string(),
        Some(u) if USER_VERIFICATION.contains(&u.as_str()) => u,
        Some(u) => {
            return Err(Problem::binding(&format!(
                "The JSON value of 'userVerificationRequirement' could not be converted to UserVerificationRequirement: {u:?}."
            )));
        }
    };
    let ttl_seconds = match request.time_to_live {
        None => DEFAULT_TOKEN_TTL_SECONDS,
        Some(t) => parse_timespan(&t.0).ok_or_else(|| {
            Problem::binding(&format!(
                "The JSON value of 'timeToLive' could not be converted to System.TimeSpan: {:?}.",
                t.0
            ))
        })?,
    };
    let mut hints = Vec::new();
    for h in request.hints.unwrap_or_default() {
        if limits::hint_name(&h).is_none() {
            return Err(Problem::binding(&format!(
                "The JSON value of 'hints' could not be converted to PublicKeyCredentialHint: {h:?}."
            )));
        }
        if !hints.contains(&h) {
            hints.push(h);
        }
    }
    let purpose = request.purpose;
    let mut v = Validation::default();
    if blank(&purpose) {
        v.required("purpose", "Purpose");
    } else {
        if purpose.encode_utf16().count() > MAX_PURPOSE_LEN {
            v.add(
                "purpose",
                format!(
                    "The field Purpose must be a string or array type with a maximum length of '{MAX_PURPOSE_LEN}'."
                ),
            );
        }
        if !purpose.chars().all(limits::is_purpose_char) {
            v.add("purpose", "Characters are limited to A-z, 0-9, -, or _.");
        }
    }
    if blank(&request.performed_by) {
        v.required("performedBy", "PerformedBy");
    }
    v.into_result()?;
    Ok(ConfigInput {
        purpose,
        user_verification: uv,
        ttl_seconds,
        hints,
        performed_by: request.performed_by,
    })
}

pub fn add(shared: &Cx<'_>, req: &Req) -> Reply {
    let mut state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    let input = read_config(req)?;
    let app = app_mut(&mut state, &caller.app_id)?;
    if is_builtin(&input.purpose) || app.auth_configs.iter().any(|c| c.purpose == input.purpose) {
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
        created_on: Some(shared.now()),
        edited_by: None,
        edited_on: None,
        last_used_on: None,
    });
    By::of(app, &caller.key_id, shared.now()).auth_config(
        "created",
        &input.purpose,
        &input.performed_by,
    );
    empty(StatusCode::CREATED)
}

pub fn update(shared: &Cx<'_>, req: &Req) -> Reply {
    let mut state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    let input = read_config(req)?;
    let app = app_mut(&mut state, &caller.app_id)?;
    if !app.auth_configs.iter().any(|c| c.purpose == input.purpose) {
        if !is_builtin(&input.purpose) {
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
        c.edited_on = Some(shared.now());
    }
    By::of(app, &caller.key_id, shared.now()).auth_config(
        "updated",
        &input.purpose,
        &input.performed_by,
    );
    empty(StatusCode::NO_CONTENT)
}

pub fn delete(shared: &Cx<'_>, req: &Req) -> Reply {
    let mut state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    const TYPE: &str = "DeleteAuthenticationConfigurationRequest";
    let body = input::body(req, TYPE)?;
    // Both are C# `required` members: absent fails binding, `null` reaches validation.
    body.require_present(TYPE, &["purpose", "performedBy"])?;
    let AuthConfigDeleteRequest {
        purpose,
        performed_by,
    } = body.bind(TYPE)?;
    let mut v = Validation::default();
    if blank(&purpose) {
        v.required("purpose", "Purpose");
    }
    if blank(&performed_by) {
        v.required("performedBy", "PerformedBy");
    }
    v.into_result()?;
    if is_builtin(&purpose) {
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
    By::of(app, &caller.key_id, shared.now()).auth_config("deleted", &purpose, &performed_by);
    empty(StatusCode::NO_CONTENT)
}
