//! `reports`: periodic credential and active-user reports.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum ReportsCommand {
    /// Users and credentials per day (GET /reporting/credentials/periodic)
    #[command(after_help = "Examples:
  passwordless reports credentials
  passwordless reports credentials --from 2026-01-01 --to 2026-01-31")]
    Credentials(ReportArgs),
    /// Daily and weekly active users (GET /reporting/active-users/periodic)
    #[command(after_help = "Examples:
  passwordless reports active-users
  passwordless reports active-users --from 2026-01-01 --json")]
    ActiveUsers(ReportArgs),
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// First day to include, YYYY-MM-DD [default: no lower bound]
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day to include, YYYY-MM-DD [default: no upper bound]
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
}
