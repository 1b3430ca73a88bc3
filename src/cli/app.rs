//! `app features`: the features the API secret may change; `app export|diff|apply`: the
//! app's settings as a file (see docs/settings-as-code.md).

use std::path::PathBuf;

use super::shared::{ConfirmArgs, Switch};
use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub enum AppCommand {
    /// Features of the application that the API secret may change (POST /apps/features)
    #[command(subcommand)]
    Features(AppFeaturesCommand),
    /// Write the app's settings to a TOML or JSON file: features, auth configurations, the
    /// authenticator allow and deny lists, API keys (metadata only: never a secret)
    #[command(
        after_help = "Features and API keys need the management key; without one they are left out, with a note.
The monthly magic-link quota can be set but never read back: it is written as a comment.

Examples:
  passwordless app export --file settings.toml
  passwordless app export --profile staging > staging.toml
  passwordless app export --json --exclude api-keys"
    )]
    Export(AppExportArgs),
    /// Compare a settings file with the app: one row per item, create, update, delete or
    /// unchanged. Exits 0 when in sync, 10 when there are differences
    #[command(
        after_help = "Values that can be written but never read (the monthly magic-link quota) show as
\"will be set\", never as a difference. `${VAR}` in the file is replaced from the environment.

Exit status: 0 in sync; 10 differences found; 1-8 an error (see `passwordless help exit-codes`).

Examples:
  passwordless app diff settings.toml
  passwordless app diff settings.toml --json
  passwordless app diff settings.toml --profile production || alert-on-drift"
    )]
    Diff(AppDiffArgs),
    /// Make the app match a settings file: shows the plan, asks (or takes --yes), then applies
    /// features, auth configurations, allow/deny lists and API keys, in that order
    #[command(
        after_help = "The whole file is checked before the first write. Deletions happen only with
--allow-delete (otherwise they are listed and skipped); the built-in `sign-in` and `step-up`
configurations and the API key this command runs with are never deleted. When a write fails the
rest is not attempted: the report says what was and was not applied, and running apply again
finishes the job.

Examples:
  passwordless app apply settings.toml --dry-run
  passwordless app apply settings.toml --yes --performed-by ci@example.com
  passwordless app apply settings.toml --yes --allow-delete --magic-link-quota 500"
    )]
    Apply(AppApplyArgs),
}

/// A part of the settings file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum SettingsSection {
    /// Event logging and its retention, magic links, generated tokens, attestation, max users
    Features,
    /// Authentication configurations by purpose
    AuthConfigs,
    /// The authenticator allow and deny lists
    Authenticators,
    /// API keys: type, scopes, locked
    ApiKeys,
}

#[derive(Debug, Args)]
pub struct AppExportArgs {
    /// Write here instead of stdout (JSON when it ends in .json, else TOML)
    #[arg(long, short, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Export only these sections (repeatable)
    #[arg(long, value_enum, value_name = "SECTION")]
    pub include: Vec<SettingsSection>,
    /// Leave these sections out (repeatable)
    #[arg(long, value_enum, value_name = "SECTION")]
    pub exclude: Vec<SettingsSection>,
}

#[derive(Debug, Args)]
pub struct AppDiffArgs {
    /// The settings file (TOML, or JSON when it ends in .json)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct AppApplyArgs {
    /// The settings file (TOML, or JSON when it ends in .json)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Show the plan and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Also delete what the file does not name (auth configurations, list entries, API keys)
    #[arg(long)]
    pub allow_delete: bool,
    /// The monthly magic-link e-mail quota to send with the features (the server never reports
    /// it, and the features route rewrites it); wins over the file's
    #[arg(long, value_name = "N")]
    pub magic_link_quota: Option<u32>,
    /// Who made the change, as the app's event log names it
    #[arg(long, value_name = "NAME", default_value = "passwordless-cli", value_parser = clap::builder::NonEmptyStringValueParser::new())]
    pub performed_by: String,
    /// Store the secret of an API secret key the file adds in this profile's keyring entry
    /// (required when the file adds one: new secrets are never printed)
    #[arg(long, value_name = "PROFILE")]
    pub save_to_profile: Option<String>,
    #[command(flatten)]
    pub confirm: ConfirmArgs,
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
