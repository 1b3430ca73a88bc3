//! `auth-configs`: per-purpose sign-in settings.

use std::time::Duration;

use super::shared::{ConfirmArgs, Hint, UserVerification, parse_duration};
use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum AuthConfigsCommand {
    /// List configurations, with the built-in `sign-in` and `step-up` (GET /auth-configs/list)
    #[command(after_help = "Examples:
  passwordless auth-configs list
  passwordless auth-configs list --purpose step-up --json")]
    List(AuthConfigsListArgs),
    /// Add a configuration for a new purpose (POST /auth-configs/add)
    #[command(after_help = "Examples:
  passwordless auth-configs add --purpose checkout
  passwordless auth-configs add --purpose checkout --ttl 5m --user-verification required")]
    Add(AuthConfigArgs),
    /// Change a configuration (POST /auth-configs), built-in ones included
    ///
    /// Settings left out keep their current values: the CLI reads the configuration first,
    /// because the route itself replaces every setting.
    #[command(
        mut_arg("user_verification", |a| a.help("User verification for sign-ins with this purpose [kept when left out]")),
        mut_arg("ttl", |a| a.help("Lifetime of the verify tokens it issues, e.g. `2m`, `1h` [kept when left out]")),
        mut_arg("hints", |a| a.help("A hint for the browser's passkey dialog (repeat for more) [kept when left out]")),
        after_help = "Examples:
  passwordless auth-configs update --purpose checkout --ttl 10m --user-verification required
  passwordless auth-configs update --purpose step-up --ttl 1m --user-verification required")]
    Update(AuthConfigArgs),
    /// Delete a configuration (POST /auth-configs/delete); built-in ones cannot be deleted
    #[command(after_help = "Examples:
  passwordless auth-configs delete --purpose checkout
  passwordless auth-configs delete --purpose checkout --yes")]
    Delete(AuthConfigsDeleteArgs),
}

#[derive(Debug, Args)]
pub struct AuthConfigsListArgs {
    /// Show only the configuration of this purpose
    #[arg(long)]
    pub purpose: Option<String>,
}

#[derive(Debug, Args)]
pub struct AuthConfigArgs {
    /// The purpose the configuration is for: letters, digits, `-` and `_`, up to 255 characters
    #[arg(long)]
    pub purpose: String,
    /// User verification for sign-ins with this purpose [default: preferred]
    #[arg(long, value_enum)]
    pub user_verification: Option<UserVerification>,
    /// Lifetime of the verify tokens it issues, e.g. `2m`, `1h` [default: 2 minutes]
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub ttl: Option<Duration>,
    /// A hint for the browser's passkey dialog (repeat for more)
    #[arg(long = "hint", value_enum, value_name = "HINT")]
    pub hints: Vec<Hint>,
    /// Who made the change, recorded by the server
    #[arg(long, value_name = "NAME", default_value = "passwordless-cli")]
    pub performed_by: String,
}

#[derive(Debug, Args)]
pub struct AuthConfigsDeleteArgs {
    /// The purpose of the configuration to delete
    #[arg(long)]
    pub purpose: String,
    /// Who made the change, recorded by the server
    #[arg(long, value_name = "NAME", default_value = "passwordless-cli")]
    pub performed_by: String,
    #[command(flatten)]
    pub confirm: ConfirmArgs,
}
