//! `passwordless reports …`: the periodic reports, one row per day.

use super::{list_output, usage};
use crate::cli::{ReportArgs, ReportsCommand};
use crate::context::Context;
use crate::output::Output;

pub fn run(command: &ReportsCommand, ctx: &Context) -> anyhow::Result<Output> {
    let (kind, args, columns): (&str, &ReportArgs, &[(&'static str, &str)]) = match command {
        ReportsCommand::Credentials(args) => (
            "credentials",
            args,
            &[
                ("DAY", "createdAt"),
                ("USERS", "users"),
                ("CREDENTIALS", "credentials"),
            ],
        ),
        ReportsCommand::ActiveUsers(args) => (
            "active-users",
            args,
            &[
                ("DAY", "createdAt"),
                ("DAILY ACTIVE", "dailyActiveUsers"),
                ("WEEKLY ACTIVE", "weeklyActiveUsers"),
                ("TOTAL USERS", "totalUsers"),
            ],
        ),
    };
    for (flag, value) in [("--from", &args.from), ("--to", &args.to)] {
        if let Some(value) = value {
            check_date(flag, value)?;
        }
    }
    let response = ctx
        .client()?
        .report(kind, args.from.as_deref(), args.to.as_deref())?;
    Ok(list_output(response.data, columns, "createdAt"))
}

fn check_date(flag: &str, value: &str) -> anyhow::Result<()> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(value, &format)
        .map(|_| ())
        .map_err(|_| usage(format!("{flag} `{value}` is not a date; use YYYY-MM-DD")))
}
