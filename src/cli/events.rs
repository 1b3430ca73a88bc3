//! `events`: the application's event log.

use std::time::Duration;

use clap::{Args, Subcommand};

use super::shared::parse_duration;

#[derive(Debug, Subcommand)]
pub enum EventsCommand {
    /// List events, newest first (GET /events); needs a plan with event logging
    ///
    /// One page by default, with a line on stderr saying which page of how many it is. --all
    /// prints every page as it arrives, --since every event since a time, --type only events of
    /// the types named (the API has no filter: the CLI filters), and --follow waits for new
    /// events and prints them as they are logged, oldest first, until Ctrl-C (as `tail -f` and
    /// `stripe logs tail` do). --json prints the API's page object for one page, and an array
    /// of events with --all, --since or --type; --jsonl (and --json with --follow) one event
    /// per line.
    #[command(after_help = "Examples:
  passwordless events list
  passwordless events list --page 2 --per-page 50
  passwordless events list --all --jsonl > events.jsonl
  passwordless events list --since 1h --type ApiUserSignInVerified
  passwordless events list --follow")]
    List(EventsListArgs),
}

#[derive(Debug, Args)]
pub struct EventsListArgs {
    /// Page number, from 1
    #[arg(long, default_value_t = 1, conflicts_with_all = ["all", "since", "follow"])]
    pub page: u32,
    /// Events per page (per request with --all, --since and --follow), 1 to 1000
    #[arg(long, default_value_t = 100)]
    pub per_page: u32,
    /// Every page, printed as each arrives
    #[arg(long)]
    pub all: bool,
    /// Only events since WHEN: a time (2026-01-02T03:04:05Z), a date (2026-01-02, UTC), or a
    /// duration ago (30m, 2h, 7d); pages are followed back to it
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// Only events of this type, e.g. ApiUserSignInVerified (any case; repeatable)
    #[arg(long = "type", value_name = "EVENT TYPE")]
    pub types: Vec<String>,
    /// Keep polling and print new events as they are logged, until Ctrl-C
    #[arg(long, short)]
    pub follow: bool,
    /// How often --follow asks the server for new events
    #[arg(long, value_name = "DURATION", default_value = "2s", value_parser = parse_duration, requires = "follow")]
    pub interval: Duration,
}
