//! `app features`: the features the API secret may change.

use super::shared::Switch;
use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum AppCommand {
    /// Features of the application that the API secret may change (POST /apps/features)
    #[command(subcommand)]
    Features(AppFeaturesCommand),
}

#[derive(Debug, Subcommand)]
pub enum AppFeaturesCommand {
    /// Turn features on or off; unnamed features stay as they are. Reading them needs
    /// `admin apps features` (the API secret has no read route).
    #[command(after_help = "Examples:
  passwordless app features set --magic-links on
  passwordless app features set --generated-tokens off --event-log-retention 30")]
    Set(AppFeaturesSetArgs),
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("feature").required(true).multiple(true)))]
pub struct AppFeaturesSetArgs {
    /// Allow `magic-link send`
    #[arg(long, value_enum, group = "feature")]
    pub magic_links: Option<Switch>,
    /// Allow `signin-token` (POST /signin/generate-token)
    #[arg(long, value_enum, group = "feature")]
    pub generated_tokens: Option<Switch>,
    /// Days to keep the event log, 0 to 90
    #[arg(long, value_name = "DAYS", group = "feature")]
    pub event_log_retention: Option<u32>,
    /// Who made the change, as the event log names it (the server's `performedBy`; it says
    /// `Api` when this is left out)
    #[arg(long, value_name = "NAME", value_parser = clap::builder::NonEmptyStringValueParser::new())]
    pub performed_by: Option<String>,
}
