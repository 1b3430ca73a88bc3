//! `passwordless app features set`: the feature switches the API secret may change; `app
//! export|diff|apply` are in `app_settings`.

use serde_json::json;

use super::{done, usage};
use crate::api::limits::{MAX_RETENTION_DAYS, MIN_RETENTION_DAYS};
use crate::api::types::SetFeaturesRequest;
use crate::cli::{AppCommand, AppFeaturesCommand, Switch};
use crate::context::Context;
use crate::output::Output;

pub fn run(command: &AppCommand, ctx: &Context) -> anyhow::Result<Output> {
    let args = match command {
        AppCommand::Features(AppFeaturesCommand::Set(args)) => args,
        AppCommand::Export(args) => return super::app_settings::export(args, ctx),
        AppCommand::Diff(args) => return super::app_settings::diff(args, ctx),
        AppCommand::Apply(args) => return super::app_settings::apply(args, ctx),
    };
    let request = SetFeaturesRequest {
        event_logging_retention_period: retention(args.event_log_retention)?,
        enable_manually_generated_authentication_tokens: args.generated_tokens.map(is_on),
        enable_magic_links: args.magic_links.map(is_on),
        performed_by: args.performed_by.clone(),
    };
    let (secret, _) = ctx.secret()?;
    let app_id = secret.app_id().to_owned();
    ctx.client()?.set_features(&request)?;
    let json = serde_json::to_value(&request)?;
    let mut changes = Vec::new();
    if let Some(on) = request.enable_magic_links {
        changes.push(format!("magic links {}", on_off(on)));
    }
    if let Some(on) = request.enable_manually_generated_authentication_tokens {
        changes.push(format!("generated sign-in tokens {}", on_off(on)));
    }
    if let Some(days) = request.event_logging_retention_period {
        changes.push(format!(
            "event log retention {}",
            crate::output::plural(usize::try_from(days).unwrap_or(0), "day", "days")
        ));
    }
    Ok(done(
        app_id,
        format!("Updated features: {}.", changes.join(", ")),
        json!({ "updated": json }),
    ))
}

/// `--event-log-retention`, checked against the features routes' range.
pub fn retention(days: Option<u32>) -> anyhow::Result<Option<i64>> {
    let days = days.map(i64::from);
    if days.is_some_and(|d| !(MIN_RETENTION_DAYS..=MAX_RETENTION_DAYS).contains(&d)) {
        return Err(usage(format!(
            "--event-log-retention must be from {MIN_RETENTION_DAYS} to {MAX_RETENTION_DAYS} days"
        )));
    }
    Ok(days)
}

pub fn is_on(switch: Switch) -> bool {
    switch == Switch::On
}

fn on_off(on: bool) -> &'static str {
    if on { "on" } else { "off" }
}
