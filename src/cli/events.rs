//! `events`: the application's event log.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum EventsCommand {
    /// List events, newest first (GET /events); needs a plan with event logging
    #[command(after_help = "Examples:
  passwordless events list
  passwordless events list --page 2 --per-page 50
  passwordless events list --per-page 1000 --json > events.json")]
    List(EventsListArgs),
}

#[derive(Debug, Args)]
pub struct EventsListArgs {
    /// Page number, from 1
    #[arg(long, default_value_t = 1)]
    pub page: u32,
    /// Events per page, 1 to 1000
    #[arg(long, default_value_t = 100)]
    pub per_page: u32,
}
