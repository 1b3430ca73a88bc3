//! `passwordless admin …`: operations that need the server's management key — applications,
//! their API keys, features and deletion — and the anonymous health checks. New secrets, shown
//! by the server only once, are printed in full or stored with `--save-to-profile`.

use std::borrow::Cow;

use serde::Serialize;
use serde_json::Value;

use super::{confirm, display_cell, done, numeric_scopes, usage};
use crate::api::limits::{
    KeyType, MAX_APP_ID_LEN_CREATE, MAX_RETENTION_DAYS, MIN_APP_ID_LEN, is_app_id,
};
use crate::api::types::{ApiKeyInfo, CreateAppRequest, HealthBody, ManageFeaturesRequest};
use crate::cli::{AdminApiKeysCommand, AdminAppsCommand, AdminCommand, OneTimeSecretArgs};
use crate::commands::app::{is_on, retention};
use crate::context::Context;
use crate::keyring_store::{Item, SecretEntry};
use crate::output::{Columns, Output, cell, json_cell, labeled, when};
use crate::secret::{ApiSecret, PublicKey};
use crate::secret::{Auth, mask};

/// What `--json` shows after a call that answers with no body: the app and key it changed.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Changed<'a> {
    app_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    key_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    frozen: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_locked: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    deleted: Option<bool>,
}

impl<'a> Changed<'a> {
    fn app(app_id: &'a str) -> Self {
        Changed {
            app_id,
            key_id: None,
            frozen: None,
            is_locked: None,
            deleted: None,
        }
    }

    fn key(app_id: &'a str, key_id: &'a str) -> Self {
        Changed {
            key_id: Some(key_id),
            ..Changed::app(app_id)
        }
    }

    fn json(self) -> anyhow::Result<Value> {
        Ok(serde_json::to_value(self)?)
    }
}

pub fn run(command: &AdminCommand, ctx: &Context) -> anyhow::Result<Output> {
    match command {
        AdminCommand::Apps(command) => apps(command, ctx),
        AdminCommand::ApiKeys(command) => api_keys(command, ctx),
        AdminCommand::Health => health(ctx),
    }
}

/// The rule of `/admin/apps/{appId}/create` (contract §2.15).
fn check_app_id(app_id: &str) -> anyhow::Result<()> {
    if !is_app_id(app_id, MAX_APP_ID_LEN_CREATE) {
        return Err(usage(format!(
            "`{app_id}` is not an application id; use {MIN_APP_ID_LEN} to {MAX_APP_ID_LEN_CREATE} lower-case letters and digits, starting with a letter"
        )));
    }
    Ok(())
}

/// The server's answer as field/value rows, in the server's order; `id` is what `--quiet`
/// prints (a bare value, such as `true`, is its own id).
fn record(json: Value, id: Option<String>) -> Output {
    let fields = match &json {
        Value::Object(map) => map
            .iter()
            .map(|(key, value)| (Cow::Owned(key.clone()), display_cell(Some(value), key)))
            .collect(),
        other => labeled(vec![("value", cell(Some(other)))]),
    };
    let id = id.or_else(|| (!json.is_object()).then(|| cell(Some(&json))));
    Output::Record { json, fields, id }
}

/// A key as it may be shown: secrets masked unless `reveal`.
fn shown(key: &str, reveal: bool) -> String {
    if reveal || !key.contains(":secret:") {
        key.to_owned()
    } else {
        mask(key)
    }
}

/// Masks every string member that holds a secret (`apiSecret1`, a listed secret key, …).
fn mask_secrets(json: &mut Value) {
    match json {
        Value::Object(map) => map.values_mut().for_each(mask_secrets),
        Value::Array(items) => items.iter_mut().for_each(mask_secrets),
        Value::String(text) => *text = shown(text, false),
        _ => {}
    }
}

fn apps(command: &AdminAppsCommand, ctx: &Context) -> anyhow::Result<Output> {
    match command {
        AdminAppsCommand::Available(args) => {
            check_app_id(&args.app_id)?;
            let response = ctx.management_client()?.app_available(&args.app_id)?;
            let id = response.data.available.to_string();
            Ok(record(response.json, Some(id)))
        }
        AdminAppsCommand::Create(args) => {
            check_app_id(&args.app_id)?;
            let request = CreateAppRequest {
                admin_email: args.admin_email.clone(),
                event_logging_is_enabled: args.event_logging.then_some(true),
                event_logging_retention_period: retention(args.event_log_retention)?,
                magic_link_email_monthly_quota: args.magic_link_quota.map(i64::from),
                max_users: max_users(args.max_users)?,
                allow_attestation: args.allow_attestation.then_some(true),
            };
            let response = ctx
                .management_client()?
                .create_app(&args.app_id, &request)?;
            let secret = response.data.api_secret1.clone();
            let public = response.data.api_key1.clone();
            one_time_secret(ctx, &args.once, response.json, &secret, Some(&public))
        }
        AdminAppsCommand::Freeze(args) => {
            check_app_id(&args.app_id)?;
            confirm(
                &args.confirm,
                &format!(
                    "Freeze `{}`? Every request with its keys will fail.",
                    args.app_id
                ),
            )?;
            ctx.management_client()?.freeze_app(&args.app_id, true)?;
            Ok(done(
                args.app_id.clone(),
                format!("Froze `{}`: all its keys are locked.", args.app_id),
                Changed {
                    frozen: Some(true),
                    ..Changed::app(&args.app_id)
                }
                .json()?,
            ))
        }
        AdminAppsCommand::Unfreeze(args) => {
            check_app_id(&args.app_id)?;
            ctx.management_client()?.freeze_app(&args.app_id, false)?;
            Ok(done(
                args.app_id.clone(),
                format!("Unfroze `{}`.", args.app_id),
                Changed {
                    frozen: Some(false),
                    ..Changed::app(&args.app_id)
                }
                .json()?,
            ))
        }
        AdminAppsCommand::Features(args) => {
            check_app_id(&args.app_id)?;
            let response = ctx.management_client()?.app_features(&args.app_id)?;
            let Output::Record { json, fields, id } =
                record(response.json, Some(args.app_id.clone()))
            else {
                unreachable!("record() builds a Record")
            };
            let words = super::features::in_words(&json);
            Ok(Output::Settings {
                json,
                wire: fields,
                words,
                id,
            })
        }
        AdminAppsCommand::SetFeatures(args) => {
            check_app_id(&args.app_id)?;
            let new_retention = retention(args.event_log_retention)?;
            let new_max_users = max_users(args.max_users)?;
            let client = ctx.management_client()?;
            // The route overwrites every feature: start from what is set now.
            let current = client.app_features(&args.app_id)?.data;
            let request = ManageFeaturesRequest {
                event_logging_is_enabled: args
                    .event_logging
                    .map(is_on)
                    .unwrap_or(current.event_logging_is_enabled),
                // New apps start at 365 days, which this route's own validation (0..=90) refuses;
                // carrying it over would make every change fail, so it is lowered, with a warning.
                event_logging_retention_period: new_retention.unwrap_or(
                    current
                        .event_logging_retention_period
                        .min(MAX_RETENTION_DAYS),
                ),
                // The route rewrites the quota too, and the server does not report it: without
                // the flag (or a server that reports it) it goes back to the route's default, 0,
                // which is said below rather than refused, so a hint's command runs as written.
                magic_link_email_monthly_quota: Some(
                    args.magic_link_quota
                        .map(i64::from)
                        .or(current.magic_link_email_monthly_quota)
                        .unwrap_or(0),
                ),
                max_users: match new_max_users {
                    Some(0) => None,
                    Some(n) => Some(n),
                    None => current.max_users,
                },
                allow_attestation: args
                    .attestation
                    .map(is_on)
                    .unwrap_or(current.allow_attestation),
            };
            client.set_app_features(&args.app_id, &request)?;
            let kept = current.event_logging_retention_period;
            if new_retention.is_none() && kept > MAX_RETENTION_DAYS {
                crate::report::warning(&format!(
                    "event-log retention was {kept} days, more than this route accepts; it is now {MAX_RETENTION_DAYS} days (choose with --event-log-retention DAYS)"
                ));
            }
            if args.magic_link_quota.is_none() && current.magic_link_email_monthly_quota.is_none() {
                crate::report::warning(
                    "the server does not report the monthly magic-link e-mail quota and this route rewrites it: it is now 0, the route's default (set it with --magic-link-quota N)",
                );
            }
            let json = serde_json::to_value(&request)?;
            Ok(done(
                args.app_id.clone(),
                format!("Updated the features of `{}`.", args.app_id),
                json,
            ))
        }
        AdminAppsCommand::CanDelete(args) => {
            check_app_id(&args.app_id)?;
            let response = ctx
                .management_client()?
                .can_delete_immediately(&args.app_id)?;
            Ok(record(response.json, None))
        }
        AdminAppsCommand::MarkDelete(args) => {
            check_app_id(&args.app_id)?;
            let client = ctx.management_client()?;
            // The server deletes at once an app that may go immediately (no users yet), and
            // schedules the rest: ask about what will actually happen.
            let at_once = client.can_delete_immediately(&args.app_id)?.data;
            let question = if at_once {
                format!(
                    "Delete `{}` now? It can be deleted immediately, so this cannot be undone.",
                    args.app_id
                )
            } else {
                format!(
                    "Schedule `{}` for deletion? `admin apps cancel-delete` can stop it until then.",
                    args.app_id
                )
            };
            confirm(&args.confirm, &question)?;
            let response = client.mark_app_for_deletion(&args.app_id, &args.deleted_by)?;
            let id = response.json.get("isDeleted").map(|v| cell(Some(v)));
            Ok(record(response.json, id))
        }
        AdminAppsCommand::CancelDelete(args) => {
            check_app_id(&args.app_id)?;
            let response = ctx.management_client()?.cancel_app_deletion(&args.app_id)?;
            Ok(record(response.json, Some(args.app_id.clone())))
        }
        AdminAppsCommand::Delete(args) => {
            check_app_id(&args.app_id)?;
            confirm(
                &args.confirm,
                &format!("Delete `{}` and all its users for good?", args.app_id),
            )?;
            let response = ctx.management_client()?.delete_app(&args.app_id)?;
            let id = response.json.get("isDeleted").map(|v| cell(Some(v)));
            Ok(record(response.json, id))
        }
        AdminAppsCommand::PendingDeletion => {
            let response = ctx.management_client()?.apps_pending_deletion()?;
            let rows = response.data.iter().map(|id| vec![id.clone()]).collect();
            Ok(Output::List {
                json: response.json,
                headers: vec!["APP ID"],
                rows,
                ids: response.data,
            })
        }
    }
}

fn api_keys(command: &AdminApiKeysCommand, ctx: &Context) -> anyhow::Result<Output> {
    match command {
        AdminApiKeysCommand::List(args) => {
            check_app_id(&args.app_id)?;
            let response = ctx.management_client()?.list_api_keys(&args.app_id)?;
            let mut json = response.json;
            mask_secrets(&mut json);
            Ok(Columns::new()
                .column("ID", |k: &ApiKeyInfo| k.id.clone())
                .column("TYPE", |k| {
                    KeyType::from_wire(k.kind)
                        .map_or("?", KeyType::word)
                        .to_owned()
                })
                .column("KEY", |k| shown(&k.api_key, false))
                .column("SCOPES", |k| json_cell(&k.scopes))
                .column("LOCKED", |k| k.is_locked.to_string())
                .column("CREATED", |k| when(k.created_at.as_deref()))
                .list(json, &response.data, |k| k.id.clone()))
        }
        AdminApiKeysCommand::CreatePublic(args) => {
            check_app_id(&args.app_id)?;
            let scopes = numeric_scopes(KeyType::Public, &args.scopes)?;
            let response =
                ctx.management_client()?
                    .create_api_key(&args.app_id, KeyType::Public, scopes)?;
            let id = response.data.api_key;
            Ok(record(response.json, Some(id)))
        }
        AdminApiKeysCommand::CreateSecret(args) => {
            check_app_id(&args.app_id)?;
            let scopes = numeric_scopes(KeyType::Secret, &args.scopes)?;
            let response =
                ctx.management_client()?
                    .create_api_key(&args.app_id, KeyType::Secret, scopes)?;
            let secret = response.data.api_key.clone();
            one_time_secret(ctx, &args.once, response.json, &secret, None)
        }
        AdminApiKeysCommand::Lock(args) => {
            check_app_id(&args.app_id)?;
            confirm(
                &args.confirm,
                &format!(
                    "Lock key `{}` of `{}`? Requests with it will fail.",
                    args.key_id, args.app_id
                ),
            )?;
            ctx.management_client()?
                .lock_api_key(&args.app_id, &args.key_id, true)?;
            Ok(done(
                args.key_id.clone(),
                format!("Locked key `{}` of `{}`.", args.key_id, args.app_id),
                Changed {
                    is_locked: Some(true),
                    ..Changed::key(&args.app_id, &args.key_id)
                }
                .json()?,
            ))
        }
        AdminApiKeysCommand::Unlock(args) => {
            check_app_id(&args.app_id)?;
            ctx.management_client()?
                .lock_api_key(&args.app_id, &args.key_id, false)?;
            Ok(done(
                args.key_id.clone(),
                format!("Unlocked key `{}` of `{}`.", args.key_id, args.app_id),
                Changed {
                    is_locked: Some(false),
                    ..Changed::key(&args.app_id, &args.key_id)
                }
                .json()?,
            ))
        }
        AdminApiKeysCommand::Delete(args) => {
            check_app_id(&args.app_id)?;
            confirm(
                &args.confirm,
                &format!(
                    "Delete key `{}` of `{}` for good?",
                    args.key_id, args.app_id
                ),
            )?;
            ctx.management_client()?
                .delete_api_key(&args.app_id, &args.key_id)?;
            Ok(done(
                args.key_id.clone(),
                format!("Deleted key `{}` of `{}`.", args.key_id, args.app_id),
                Changed {
                    deleted: Some(true),
                    ..Changed::key(&args.app_id, &args.key_id)
                }
                .json()?,
            ))
        }
    }
}

/// Runs the four health checks; unhealthy checks make the command fail with exit 7.
fn health(ctx: &Context) -> anyhow::Result<Output> {
    let client = ctx.client_with(Auth::Anonymous)?;
    let mut results = serde_json::Map::new();
    let mut fields = Vec::new();
    let mut unhealthy = Vec::new();
    for check in ["http", "storage", "version", "mail"] {
        let answer = client.health(check)?;
        let state = match answer.body {
            HealthBody::Report(report) => report.status,
            HealthBody::Text(text) => text,
        };
        if answer.status != 200 {
            unhealthy.push(check);
        }
        fields.push((check, state));
        results.insert(check.to_owned(), answer.json);
    }
    if !unhealthy.is_empty() {
        return Err(crate::api::error::ApiError::Problem {
            host: crate::api::host_of(&ctx.base_url()?.0),
            method: "GET".into(),
            path: format!("/health/{}", unhealthy.join(",")),
            status: 503,
            problem: Box::default(),
        }
        .into());
    }
    Ok(Output::Record {
        json: Value::Object(results),
        fields: labeled(fields),
        id: Some("Healthy".to_owned()),
    })
}

/// The answer of a call that returns a secret the server never shows again: printed in full
/// (`--json` and `--quiet` carry it whole; a terminal also gets a warning on stderr), or, with
/// `--save-to-profile`, stored in that profile's keyring entry first and then shown masked in
/// the table (`--json`/`--quiet` still carry it whole).
fn one_time_secret(
    ctx: &Context,
    once: &OneTimeSecretArgs,
    json: Value,
    secret: &str,
    public_key: Option<&str>,
) -> anyhow::Result<Output> {
    let Some(profile) = &once.save_to_profile else {
        use std::io::IsTerminal;
        if std::io::stdout().is_terminal() {
            crate::report::warning(
                "the new secret is shown only this once: store it now (`passwordless config set-secret`), or next time use --save-to-profile NAME",
            );
        }
        return Ok(record(json, Some(secret.to_owned())));
    };
    let saved = save_secret(ctx, profile, secret, public_key)?;
    let mut shown_json = json.clone();
    mask_secrets(&mut shown_json);
    let Output::Record { mut fields, .. } = record(shown_json, None) else {
        unreachable!("record() builds a Record")
    };
    fields.push((Cow::Borrowed("saved to"), saved));
    Ok(Output::Record {
        json,
        fields,
        id: Some(secret.to_owned()),
    })
}

/// Stores a new API secret in `profile`'s keyring entry and points the profile at this server
/// (and its CA and the app's public key), so the profile works on its own. Returns where it
/// went, for people: "profile `p` (file store, http://…)".
pub(crate) fn save_secret(
    ctx: &Context,
    profile: &str,
    secret: &str,
    public_key: Option<&str>,
) -> anyhow::Result<String> {
    crate::config::validate_profile_name(profile)?;
    let parsed = ApiSecret::parse(secret)
        .map_err(|e| anyhow::anyhow!("the server returned a secret the CLI cannot store: {e}"))?;
    let public = public_key.map(PublicKey::parse).transpose().map_err(|e| {
        anyhow::anyhow!("the server returned a public key the CLI cannot store: {e}")
    })?;
    let kind = ctx.store_kind_for(profile)?.available_here()?;
    let entry = SecretEntry::new(kind, profile, Item::ApiSecret, ctx.config_dir.clone());
    entry.write(parsed.expose()).inspect_err(|_| {
        let _ = entry.delete();
    })?;
    // The profile must work on its own: it names the store the secret is in, the server that
    // issued it (and the CA that server's certificate needs), and the app's public key.
    let (base_url, _) = ctx.base_url()?;
    let base_url = base_url.as_str().trim_end_matches('/').to_owned();
    let ca_cert = ctx
        .ca_cert_path()
        .map(|(path, _)| std::path::absolute(&path).unwrap_or(path))
        .map(|path| path.display().to_string());
    crate::config::update(&ctx.config_path, |file| {
        let entry = file.profiles.entry(profile.to_owned()).or_default();
        entry.keyring_store = Some(kind.name().to_owned());
        entry.base_url = Some(base_url.clone());
        // The CA goes with the server: another server's CA has no business here.
        entry.ca_cert = ca_cert.clone();
        if let Some(public) = &public {
            entry.public_key = Some(public.expose().to_owned());
        }
        Ok((true, ()))
    })?;
    Ok(format!(
        "profile `{profile}` ({} store, {})",
        kind.name(),
        crate::api::redact::display_url(&ctx.base_url()?.0).trim_end_matches('/')
    ))
}

/// `--max-users` as the wire's signed number.
fn max_users(value: Option<u64>) -> anyhow::Result<Option<i64>> {
    value
        .map(|n| i64::try_from(n).map_err(|_| usage("--max-users is too large")))
        .transpose()
}
