//! `passwordless admin …`: operations that need the server's management key — applications,
//! their API keys, features and deletion — and the anonymous health checks. New secrets are
//! masked in every output format unless `--reveal` is given.

use std::borrow::Cow;

use serde_json::{Value, json};

use super::{confirm, done, list_output, numeric_scopes, usage};
use crate::api::types::{CreateAppRequest, ManageFeaturesRequest};
use crate::cli::{AdminApiKeysCommand, AdminAppsCommand, AdminCommand};
use crate::commands::app::{MAX_RETENTION_DAYS, is_on};
use crate::context::Context;
use crate::output::{Output, cell, labeled};
use crate::secret::{Auth, mask};

pub fn run(command: &AdminCommand, ctx: &Context) -> anyhow::Result<Output> {
    match command {
        AdminCommand::Apps(command) => apps(command, ctx),
        AdminCommand::ApiKeys(command) => api_keys(command, ctx),
        AdminCommand::Health => health(ctx),
    }
}

/// The rule of `/admin/apps/{appId}/create` (contract §2.15).
fn check_app_id(app_id: &str) -> anyhow::Result<()> {
    let mut chars = app_id.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    if !(first_ok && rest_ok && (3..=62).contains(&app_id.len())) {
        return Err(usage(format!(
            "`{app_id}` is not an application id; use 3 to 62 lower-case letters and digits, starting with a letter"
        )));
    }
    Ok(())
}

fn record(json: Value, id_field: Option<&str>) -> Output {
    let fields = match &json {
        Value::Object(map) => map
            .iter()
            .map(|(key, value)| (Cow::Owned(key.clone()), cell(Some(value))))
            .collect(),
        other => labeled(vec![("value", cell(Some(other)))]),
    };
    let id = id_field
        .and_then(|f| json.get(f))
        .map(|v| cell(Some(v)))
        .or_else(|| (!json.is_object()).then(|| cell(Some(&json))));
    Output::Record { json, fields, id }
}

/// Masks every `apiSecret*` member and any value holding `:secret:`.
fn mask_secrets(json: &mut Value) {
    if let Value::Object(map) = json {
        for value in map.values_mut() {
            if let Some(text) = value.as_str()
                && text.contains(":secret:")
            {
                *value = json!(mask(text));
            }
        }
    }
}

fn apps(command: &AdminAppsCommand, ctx: &Context) -> anyhow::Result<Output> {
    match command {
        AdminAppsCommand::Available(args) => {
            check_app_id(&args.app_id)?;
            let response = ctx.management_client()?.app_available(&args.app_id)?;
            Ok(record(response.json, Some("available")))
        }
        AdminAppsCommand::Create(args) => {
            check_app_id(&args.app_id)?;
            if args
                .event_log_retention
                .is_some_and(|d| d > MAX_RETENTION_DAYS)
            {
                return Err(usage(format!(
                    "--event-log-retention must be from 0 to {MAX_RETENTION_DAYS} days"
                )));
            }
            let request = CreateAppRequest {
                admin_email: args.admin_email.clone(),
                event_logging_is_enabled: args.event_logging.then_some(true),
                event_logging_retention_period: args.event_log_retention,
                magic_link_email_monthly_quota: args.magic_link_quota,
                max_users: args.max_users,
                allow_attestation: args.allow_attestation.then_some(true),
            };
            let response = ctx
                .management_client()?
                .create_app(&args.app_id, &request)?;
            let mut json = response.json;
            if !args.reveal {
                mask_secrets(&mut json);
            }
            Ok(record(json, Some("apiSecret1")))
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
                format!("Froze `{}`: all its keys are locked.", args.app_id),
                json!({ "appId": args.app_id, "frozen": true }),
            ))
        }
        AdminAppsCommand::Unfreeze(args) => {
            check_app_id(&args.app_id)?;
            ctx.management_client()?.freeze_app(&args.app_id, false)?;
            Ok(done(
                format!("Unfroze `{}`.", args.app_id),
                json!({ "appId": args.app_id, "frozen": false }),
            ))
        }
        AdminAppsCommand::Features(args) => {
            check_app_id(&args.app_id)?;
            let response = ctx.management_client()?.app_features(&args.app_id)?;
            Ok(record(response.json, None))
        }
        AdminAppsCommand::SetFeatures(args) => {
            check_app_id(&args.app_id)?;
            if args
                .event_log_retention
                .is_some_and(|d| d > MAX_RETENTION_DAYS)
            {
                return Err(usage(format!(
                    "--event-log-retention must be from 0 to {MAX_RETENTION_DAYS} days"
                )));
            }
            let client = ctx.management_client()?;
            // The route overwrites every feature: start from what is set now.
            let current: ManageFeaturesRequest =
                serde_json::from_value(client.app_features(&args.app_id)?.json)?;
            let request = ManageFeaturesRequest {
                event_logging_is_enabled: args
                    .event_logging
                    .map(is_on)
                    .unwrap_or(current.event_logging_is_enabled),
                // New apps start at 365 days, which this route's own validation (0..=90) refuses;
                // carrying it over would make every change fail.
                event_logging_retention_period: args.event_log_retention.unwrap_or(
                    current
                        .event_logging_retention_period
                        .min(MAX_RETENTION_DAYS),
                ),
                // The route resets the quota when it is left out, and the server does not report
                // the current one: without the flag there is nothing safe to send.
                magic_link_email_monthly_quota: Some(
                    args.magic_link_quota
                        .or(current.magic_link_email_monthly_quota)
                        .ok_or_else(|| {
                            usage(
                                "this route rewrites every feature and the server does not report the magic-link quota; pass --magic-link-quota N as well (0 turns magic-link e-mail off)",
                            )
                        })?,
                ),
                max_users: match args.max_users {
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
            let json = serde_json::to_value(&request)?;
            Ok(done(
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
            confirm(
                &args.confirm,
                &format!("Schedule `{}` for deletion?", args.app_id),
            )?;
            let response = ctx
                .management_client()?
                .mark_app_for_deletion(&args.app_id, "passwordless-cli")?;
            Ok(record(response.json, None))
        }
        AdminAppsCommand::CancelDelete(args) => {
            check_app_id(&args.app_id)?;
            let response = ctx.management_client()?.cancel_app_deletion(&args.app_id)?;
            Ok(record(response.json, None))
        }
        AdminAppsCommand::Delete(args) => {
            check_app_id(&args.app_id)?;
            confirm(
                &args.confirm,
                &format!("Delete `{}` and all its users for good?", args.app_id),
            )?;
            let response = ctx.management_client()?.delete_app(&args.app_id)?;
            Ok(record(response.json, None))
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
            let mut items = response.data;
            for item in &mut items {
                mask_secrets(item);
                if let Some(map) = item.as_object_mut() {
                    // `type` is numeric on the wire: 1 public, 2 secret.
                    let kind = match map.get("type").and_then(Value::as_u64) {
                        Some(1) => "public",
                        Some(2) => "secret",
                        _ => "?",
                    };
                    map.insert("_type".into(), json!(kind));
                }
            }
            let mut output = list_output(
                items,
                &[
                    ("ID", "id"),
                    ("TYPE", "_type"),
                    ("KEY", "apiKey"),
                    ("SCOPES", "scopes"),
                    ("LOCKED", "isLocked"),
                    ("CREATED", "createdAt"),
                ],
                "id",
            );
            if let Output::List { json, .. } = &mut output {
                for item in json.as_array_mut().into_iter().flatten() {
                    if let Some(map) = item.as_object_mut() {
                        map.remove("_type");
                    }
                }
            }
            Ok(output)
        }
        AdminApiKeysCommand::CreatePublic(args) => {
            check_app_id(&args.app_id)?;
            let scopes = numeric_scopes(&args.scopes);
            let response = ctx
                .management_client()?
                .create_api_key(&args.app_id, false, scopes)?;
            Ok(record(response.json, Some("apiKey")))
        }
        AdminApiKeysCommand::CreateSecret(args) => {
            check_app_id(&args.app_id)?;
            let scopes = numeric_scopes(&args.scopes);
            let response = ctx
                .management_client()?
                .create_api_key(&args.app_id, true, scopes)?;
            let mut json = response.json;
            if !args.reveal {
                mask_secrets(&mut json);
            }
            Ok(record(json, Some("apiKey")))
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
                format!("Locked key `{}` of `{}`.", args.key_id, args.app_id),
                json!({ "appId": args.app_id, "keyId": args.key_id, "isLocked": true }),
            ))
        }
        AdminApiKeysCommand::Unlock(args) => {
            check_app_id(&args.app_id)?;
            ctx.management_client()?
                .lock_api_key(&args.app_id, &args.key_id, false)?;
            Ok(done(
                format!("Unlocked key `{}` of `{}`.", args.key_id, args.app_id),
                json!({ "appId": args.app_id, "keyId": args.key_id, "isLocked": false }),
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
                format!("Deleted key `{}` of `{}`.", args.key_id, args.app_id),
                json!({ "appId": args.app_id, "keyId": args.key_id, "deleted": true }),
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
        let (status, body) = client.health(check)?;
        let parsed: Value = serde_json::from_str(&body).unwrap_or_else(|_| json!(body.trim()));
        let state = parsed
            .get("status")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .unwrap_or_else(|| cell(Some(&parsed)));
        if status != 200 {
            unhealthy.push(check);
        }
        fields.push((check, state));
        results.insert(check.to_owned(), parsed);
    }
    if !unhealthy.is_empty() {
        return Err(crate::api::error::ApiError::Problem {
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
        id: None,
    })
}
