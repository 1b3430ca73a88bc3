//! `passwordless auth-configs …`: per-purpose sign-in settings. The server takes the lifetime as
//! a .NET TimeSpan string and answers it in seconds; the CLI speaks durations both ways.

use serde::Serialize;
use serde_json::Value;

use super::{confirm, done, server_len, usage, wire_name, wire_names};
use crate::api::limits::{self, MAX_PURPOSE_LEN, MAX_TIMESPAN_DAYS};
use crate::api::types::{AuthConfig, AuthConfigDeleteRequest, AuthConfigRequest, TimeSpan};
use crate::cli::{AuthConfigArgs, AuthConfigsCommand};
use crate::context::Context;
use crate::output::{Columns, Output, json_cell, text, when};

const MAX_TIMESPAN_SECONDS: u64 = MAX_TIMESPAN_DAYS as u64 * 86_400;

/// What `--json` shows for a deleted configuration.
#[derive(Serialize)]
struct Deleted<'a> {
    purpose: &'a str,
    deleted: bool,
}

pub fn run(command: &AuthConfigsCommand, ctx: &Context) -> anyhow::Result<Output> {
    match command {
        AuthConfigsCommand::List(args) => {
            if let Some(purpose) = &args.purpose {
                check_purpose(purpose)?;
            }
            let response = ctx.client()?.list_auth_configs(args.purpose.as_deref())?;
            // `--json` prints the list itself, not its `configurations` wrapper.
            let json = match response.json {
                Value::Object(mut map) => map
                    .remove("configurations")
                    .filter(Value::is_array)
                    .unwrap_or_else(|| Value::Array(Vec::new())),
                _ => Value::Array(Vec::new()),
            };
            Ok(Columns::new()
                .column("PURPOSE", |c: &AuthConfig| c.purpose.clone())
                .column("USER VERIFICATION", |c| {
                    text(c.user_verification_requirement.as_deref())
                })
                .column("TTL (S)", |c| json_cell(&c.time_to_live))
                .column("HINTS", |c| hints_cell(c.hints.as_deref()))
                .column("CREATED BY", |c| text(c.created_by.as_deref()))
                .column("EDITED ON", |c| when(c.edited_on.as_deref()))
                .list(json, &response.data.configurations, |c| c.purpose.clone()))
        }
        AuthConfigsCommand::Add(args) => {
            let request = build_request(args)?;
            ctx.client()?.add_auth_config(&request)?;
            Ok(done(
                args.purpose.clone(),
                format!("Added the `{}` configuration.", args.purpose),
                serde_json::to_value(&request)?,
            ))
        }
        AuthConfigsCommand::Update(args) => {
            let mut request = build_request(args)?;
            let client = ctx.client()?;
            // The route replaces the whole configuration; keep what the user did not name. An
            // unknown purpose goes through unchanged, so the server's 404 speaks for itself.
            let current = client.list_auth_configs(Some(&args.purpose))?.data;
            if let Some(existing) = current.configurations.first() {
                keep_current(&mut request, existing);
            }
            client.update_auth_config(&request)?;
            Ok(done(
                args.purpose.clone(),
                format!("Updated the `{}` configuration.", args.purpose),
                serde_json::to_value(&request)?,
            ))
        }
        AuthConfigsCommand::Delete(args) => {
            check_purpose(&args.purpose)?;
            confirm(
                &args.confirm,
                &format!("Delete the `{}` configuration?", args.purpose),
            )?;
            ctx.client()?.delete_auth_config(&AuthConfigDeleteRequest {
                purpose: args.purpose.clone(),
                performed_by: args.performed_by.clone(),
            })?;
            Ok(done(
                args.purpose.clone(),
                format!("Deleted the `{}` configuration.", args.purpose),
                serde_json::to_value(Deleted {
                    purpose: &args.purpose,
                    deleted: true,
                })?,
            ))
        }
    }
}

/// Fills the settings a request leaves out from the configuration as the server lists it
/// (seconds for the lifetime, enum names such as `SecurityKey, Hybrid` for the hints).
fn keep_current(request: &mut AuthConfigRequest, existing: &AuthConfig) {
    if request.user_verification_requirement.is_none() {
        request.user_verification_requirement = existing
            .user_verification_requirement
            .as_deref()
            .map(str::to_ascii_lowercase);
    }
    if request.time_to_live.is_none() {
        request.time_to_live = existing
            .time_to_live
            .and_then(|s| u64::try_from(s).ok())
            .map(timespan);
    }
    if request.hints.is_none() {
        let hints: Vec<String> = existing
            .hints
            .as_deref()
            .unwrap_or_default()
            .split(',')
            .filter_map(|name| limits::hint_wire(name.trim()))
            .map(str::to_owned)
            .collect();
        request.hints = (!hints.is_empty()).then_some(hints);
    }
}

/// The hints as the user typed them (`security-key, hybrid`), not the .NET enum names the
/// server lists (`SecurityKey, Hybrid`); a name the CLI does not know is shown as it came.
fn hints_cell(hints: Option<&str>) -> String {
    let shown: Vec<&str> = hints
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(|name| limits::hint_wire(name).unwrap_or(name))
        .collect();
    text(Some(&shown.join(", ")))
}

pub fn check_purpose(purpose: &str) -> anyhow::Result<()> {
    let ok = !purpose.is_empty()
        && server_len(purpose) <= MAX_PURPOSE_LEN
        && purpose.chars().all(limits::is_purpose_char);
    if !ok {
        return Err(usage(format!(
            "`{purpose}` is not a valid purpose; use 1 to {MAX_PURPOSE_LEN} letters, digits, `-` or `_`"
        )));
    }
    Ok(())
}

pub fn build_request(args: &AuthConfigArgs) -> anyhow::Result<AuthConfigRequest> {
    check_purpose(&args.purpose)?;
    if args.performed_by.trim().is_empty() {
        return Err(usage("--performed-by must not be empty"));
    }
    let time_to_live = match args.ttl {
        Some(ttl) if ttl.as_secs() == 0 || ttl.subsec_nanos() != 0 => {
            return Err(usage("--ttl must be a whole number of seconds, at least 1"));
        }
        Some(ttl) if ttl.as_secs() > MAX_TIMESPAN_SECONDS => {
            return Err(usage(
                "--ttl is longer than the server can store (10675199 days)",
            ));
        }
        Some(ttl) => Some(timespan(ttl.as_secs())),
        None => None,
    };
    Ok(AuthConfigRequest {
        purpose: args.purpose.clone(),
        user_verification_requirement: args.user_verification.as_ref().map(wire_name),
        time_to_live,
        hints: wire_names(&args.hints),
        performed_by: args.performed_by.clone(),
    })
}

/// Seconds as a .NET TimeSpan: `hh:mm:ss`, or `d.hh:mm:ss` from a day up.
pub fn timespan(seconds: u64) -> TimeSpan {
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    let clock = format!(
        "{:02}:{:02}:{:02}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    );
    TimeSpan(if days > 0 {
        format!("{days}.{clock}")
    } else {
        clock
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timespans() {
        assert_eq!(timespan(120).0, "00:02:00");
        assert_eq!(timespan(3661).0, "01:01:01");
        assert_eq!(timespan(90_061).0, "1.01:01:01");
    }

    #[test]
    fn purposes() {
        assert!(check_purpose("step-up_2").is_ok());
        assert!(check_purpose("").is_err());
        assert!(check_purpose("a b").is_err());
        assert!(check_purpose(&"a".repeat(256)).is_err());
    }

    #[test]
    fn purpose_length_is_counted_as_the_server_counts_it() {
        // U+1D400 is a letter that takes two UTF-16 units: 128 of them are 256 units, over the
        // server's 255 although only 128 characters.
        assert!(check_purpose(&"\u{1D400}".repeat(127)).is_ok());
        assert!(check_purpose(&"\u{1D400}".repeat(128)).is_err());
    }
}
