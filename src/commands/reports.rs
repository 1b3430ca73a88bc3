//! `passwordless reports …`: the periodic reports, one row per day.

use super::usage;
use crate::api::types::{ActiveUsersReportRow, CredentialsReportRow};
use crate::cli::ReportsCommand;
use crate::context::Context;
use crate::output::{Columns, Output, when};

pub fn run(command: &ReportsCommand, ctx: &Context) -> anyhow::Result<Output> {
    let args = match command {
        ReportsCommand::Credentials(args) | ReportsCommand::ActiveUsers(args) => args,
    };
    for (flag, value) in [("--from", &args.from), ("--to", &args.to)] {
        if let Some(value) = value {
            check_date(flag, value)?;
        }
    }
    let (from, to) = (args.from.as_deref(), args.to.as_deref());
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        // Both are checked `yyyy-MM-dd`, so text order is date order.
        return Err(usage(format!(
            "--from {from} is after --to {to}; swap them"
        )));
    }
    let client = ctx.client()?;
    Ok(match command {
        ReportsCommand::Credentials(_) => {
            let response = client.credentials_report(from, to)?;
            Columns::new()
                .column("DAY", |r: &CredentialsReportRow| when(Some(&r.created_at)))
                .column("USERS", |r| r.users.to_string())
                .column("CREDENTIALS", |r| r.credentials.to_string())
                .list(response.json, &response.data, |r| r.created_at.clone())
        }
        ReportsCommand::ActiveUsers(_) => {
            let response = client.active_users_report(from, to)?;
            Columns::new()
                .column("DAY", |r: &ActiveUsersReportRow| when(Some(&r.created_at)))
                .column("DAILY ACTIVE", |r| r.daily_active_users.to_string())
                .column("WEEKLY ACTIVE", |r| r.weekly_active_users.to_string())
                .column("TOTAL USERS", |r| r.total_users.to_string())
                .list(response.json, &response.data, |r| r.created_at.clone())
        }
    })
}

fn check_date(flag: &str, value: &str) -> anyhow::Result<()> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(value, &format)
        .map(|_| ())
        .map_err(|_| usage(format!("{flag} `{value}` is not a date; use YYYY-MM-DD")))
}
