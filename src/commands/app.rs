//! `passwordless app features set`: the feature switches the API secret may change.

use serde_json::json;

use super::{done, usage};
use crate::api::types::SetFeaturesRequest;
use crate::cli::{AppCommand, AppFeaturesCommand, Switch};
use crate::context::Context;
use crate::output::Output;

pub const MAX_RETENTION_DAYS: u32 = 90;

pub fn run(command: &AppCommand, ctx: &Context) -> anyhow::Result<Output> {
    let AppCommand::Features(AppFeaturesCommand::Set(args)) = command;
    if args
        .event_log_retention
        .is_some_and(|days| days > MAX_RETENTION_DAYS)
    {
        return Err(usage(format!(
            "--event-log-retention must be from 0 to {MAX_RETENTION_DAYS} days"
        )));
    }
    let request = SetFeaturesRequest {
        event_logging_retention_period: args.event_log_retention,
        enable_manually_generated_authentication_tokens: args.generated_tokens.map(is_on),
        enable_magic_links: args.magic_links.map(is_on),
    };
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
        changes.push(format!("event log retention {days} days"));
    }
    Ok(done(
        format!("Updated features: {}.", changes.join(", ")),
        json!({ "updated": json }),
    ))
}

pub fn is_on(switch: Switch) -> bool {
    switch == Switch::On
}

fn on_off(on: bool) -> &'static str {
    if on { "on" } else { "off" }
}
