//! `admin`: apps, API keys and health, with the management key.

use super::shared::{ConfirmArgs, Switch};
use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create, inspect, freeze and delete applications
    #[command(subcommand)]
    Apps(AdminAppsCommand),
    /// List, create, lock, unlock and delete an application's API keys
    #[command(subcommand)]
    ApiKeys(AdminApiKeysCommand),
    /// Check the server's health (anonymous /health routes); exits 7 if a check fails
    #[command(after_help = "Examples:
  passwordless admin health
  passwordless admin health --api-url http://127.0.0.1:7001 --json")]
    Health,
}

#[derive(Debug, Args)]
pub struct AppIdArgs {
    /// The application id: 3 to 62 lower-case letters and digits, starting with a letter
    #[arg(value_name = "APP_ID")]
    pub app_id: String,
}

#[derive(Debug, Subcommand)]
pub enum AdminAppsCommand {
    /// Whether an application id is free
    #[command(after_help = "Example:
  passwordless admin apps available shop")]
    Available(AppIdArgs),
    /// Create an application and print its keys; the secrets are shown only this once
    ///
    /// The secrets are printed in full (with a warning on stderr when stdout is a terminal), or
    /// stored straight into a profile's keyring entry with --save-to-profile.
    #[command(after_help = "Examples:
  passwordless admin apps create shop --admin-email ops@example.com --save-to-profile shop
  passwordless admin apps create shop --event-logging --max-users 1000 --json")]
    Create(AdminAppsCreateArgs),
    /// Lock all of an application's keys
    #[command(after_help = "Examples:
  passwordless admin apps freeze shop
  passwordless admin apps freeze shop --yes")]
    Freeze(AdminAppConfirmArgs),
    /// Unlock all of an application's keys
    #[command(after_help = "Example:
  passwordless admin apps unfreeze shop")]
    Unfreeze(AppIdArgs),
    /// Show an application's features and plan limits
    #[command(after_help = "Examples:
  passwordless admin apps features shop
  passwordless admin apps features shop --json")]
    Features(AppIdArgs),
    /// Change an application's features; unnamed ones stay as they are
    ///
    /// The route rewrites every feature. Two cannot be kept as they are: the magic-link quota,
    /// which the server does not report, goes back to 0 unless --magic-link-quota is given, and
    /// event-log retention over 90 days (new apps have 365), which the route refuses, becomes
    /// 90. A warning says so when either happens.
    #[command(after_help = "Examples:
  passwordless admin apps set-features shop --attestation on
  passwordless admin apps set-features shop --event-logging on --magic-link-quota 500
  passwordless admin apps set-features shop --max-users 0  # no user limit")]
    SetFeatures(AdminSetFeaturesArgs),
    /// Whether an application can be deleted at once
    #[command(after_help = "Example:
  passwordless admin apps can-delete shop")]
    CanDelete(AppIdArgs),
    /// Delete an application: at once when it is unused, else after a grace period
    ///
    /// An application with no passkeys yet (`can-delete` says true) is deleted at once, for
    /// good. Any other is scheduled for deletion and its admins are e-mailed; until the date
    /// in the answer, `cancel-delete` stops it. The question asked first says which will happen.
    #[command(after_help = "Examples:
  passwordless admin apps can-delete shop            # true: mark-delete deletes it at once
  passwordless admin apps mark-delete shop --deleted-by ops@example.com --yes")]
    MarkDelete(AdminMarkDeleteArgs),
    /// Cancel a scheduled deletion
    #[command(after_help = "Example:
  passwordless admin apps cancel-delete shop")]
    CancelDelete(AppIdArgs),
    /// Delete an application that is scheduled for deletion
    #[command(after_help = "Examples:
  passwordless admin apps delete shop
  passwordless admin apps delete shop --yes")]
    Delete(AdminAppConfirmArgs),
    /// List applications scheduled for deletion
    #[command(after_help = "Examples:
  passwordless admin apps pending-deletion
  passwordless admin apps pending-deletion --quiet     # one app id per line")]
    PendingDeletion,
}

#[derive(Debug, Args)]
pub struct AdminAppConfirmArgs {
    /// The application id, e.g. shop
    #[arg(value_name = "APP_ID")]
    pub app_id: String,
    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

#[derive(Debug, Args)]
pub struct AdminMarkDeleteArgs {
    /// The application id, e.g. shop
    #[arg(value_name = "APP_ID")]
    pub app_id: String,
    /// Who asked for the deletion, as the server records it (its `deletedBy`) in the event log
    /// and the e-mail to the app's admins
    #[arg(long, value_name = "NAME", default_value = "passwordless-cli", value_parser = clap::builder::NonEmptyStringValueParser::new())]
    pub deleted_by: String,
    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

#[derive(Debug, Args)]
pub struct AdminAppsCreateArgs {
    /// The new application's id: 3 to 62 lower-case letters and digits, starting with a letter
    #[arg(value_name = "APP_ID")]
    pub app_id: String,
    /// E-mail address of the application's administrator
    #[arg(long, value_name = "ADDRESS")]
    pub admin_email: Option<String>,
    /// Turn the event log on [default: off]
    #[arg(long)]
    pub event_logging: bool,
    /// Days to keep events, 0 to 90 [default: the server's]
    #[arg(long, value_name = "DAYS")]
    pub event_log_retention: Option<u32>,
    /// Magic-link e-mails allowed per month [default: the server's]
    #[arg(long, value_name = "N")]
    pub magic_link_quota: Option<u32>,
    /// Most users the app may have [default: no limit]
    #[arg(long, value_name = "N")]
    pub max_users: Option<u64>,
    /// Allow attestation and authenticator allow/deny lists [default: off]
    #[arg(long)]
    pub allow_attestation: bool,
    #[command(flatten)]
    pub once: OneTimeSecretArgs,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("feature").required(true).multiple(true)))]
pub struct AdminSetFeaturesArgs {
    /// The application id, e.g. shop
    #[arg(value_name = "APP_ID")]
    pub app_id: String,
    /// Turn the event log on or off
    #[arg(long, value_enum, group = "feature")]
    pub event_logging: Option<Switch>,
    /// Days to keep events, 0 to 90
    #[arg(long, value_name = "DAYS", group = "feature")]
    pub event_log_retention: Option<u32>,
    /// Magic-link e-mails allowed per month [default: 0, the route's; the server does not
    /// report the current quota]
    #[arg(long, value_name = "N", group = "feature")]
    pub magic_link_quota: Option<u32>,
    /// Most users the app may have; 0 removes the limit
    #[arg(long, value_name = "N", group = "feature")]
    pub max_users: Option<u64>,
    /// Allow attestation and authenticator allow/deny lists
    #[arg(long, value_enum, group = "feature")]
    pub attestation: Option<Switch>,
}

#[derive(Debug, Subcommand)]
pub enum AdminApiKeysCommand {
    /// List an application's keys (secrets are masked by the server)
    #[command(after_help = "Examples:
  passwordless admin api-keys list shop
  passwordless admin api-keys list shop --json")]
    List(AppIdArgs),
    /// Create a public key [scopes default: register, login]
    #[command(after_help = "Examples:
  passwordless admin api-keys create-public shop
  passwordless admin api-keys create-public shop --scope login")]
    CreatePublic(AdminCreatePublicArgs),
    /// Create a secret key, shown only this once [scopes default: token_register, token_verify]
    #[command(after_help = "Examples:
  passwordless admin api-keys create-secret shop --scope token_verify
  passwordless admin api-keys create-secret shop --save-to-profile shop
  passwordless admin api-keys create-secret shop --quiet | passwordless config set-secret --profile shop")]
    CreateSecret(AdminCreateSecretArgs),
    /// Lock a key: requests with it fail until unlocked
    #[command(after_help = "Examples:
  passwordless admin api-keys lock shop 1a2b
  passwordless admin api-keys lock shop 1a2b --yes")]
    Lock(AdminKeyConfirmArgs),
    /// Unlock a key
    #[command(after_help = "Example:
  passwordless admin api-keys unlock shop 1a2b")]
    Unlock(AdminKeyArgs),
    /// Delete a key for good
    #[command(after_help = "Examples:
  passwordless admin api-keys delete shop 1a2b
  passwordless admin api-keys delete shop 1a2b --yes")]
    Delete(AdminKeyConfirmArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PublicScope {
    Register,
    Login,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SecretScope {
    #[value(name = "token_register")]
    TokenRegister,
    #[value(name = "token_verify")]
    TokenVerify,
}

#[derive(Debug, Args)]
pub struct AdminCreatePublicArgs {
    /// The application id, e.g. shop
    #[arg(value_name = "APP_ID")]
    pub app_id: String,
    /// What the key may do (repeat for both) [default: register and login]
    #[arg(long = "scope", value_enum)]
    pub scopes: Vec<PublicScope>,
}

#[derive(Debug, Args)]
pub struct AdminCreateSecretArgs {
    /// The application id, e.g. shop
    #[arg(value_name = "APP_ID")]
    pub app_id: String,
    /// What the key may do (repeat for both) [default: token_register and token_verify]
    #[arg(long = "scope", value_enum)]
    pub scopes: Vec<SecretScope>,
    #[command(flatten)]
    pub once: OneTimeSecretArgs,
}

/// What to do with a secret the server shows only once.
#[derive(Debug, Args)]
pub struct OneTimeSecretArgs {
    /// Store the new API secret in this profile's keyring entry (and show it masked) instead of
    /// printing it in full
    #[arg(long, value_name = "PROFILE")]
    pub save_to_profile: Option<String>,
    /// Accepted for older scripts: new secrets are always printed in full
    #[arg(long, hide = true)]
    pub reveal: bool,
}

#[derive(Debug, Args)]
pub struct AdminKeyArgs {
    /// The application id, e.g. shop
    #[arg(value_name = "APP_ID")]
    pub app_id: String,
    /// The key id: its last four characters, as `api-keys list` shows
    #[arg(value_name = "KEY_ID")]
    pub key_id: String,
}

#[derive(Debug, Args)]
pub struct AdminKeyConfirmArgs {
    /// The application id, e.g. shop
    #[arg(value_name = "APP_ID")]
    pub app_id: String,
    /// The key id: its last four characters, as `api-keys list` shows
    #[arg(value_name = "KEY_ID")]
    pub key_id: String,
    #[command(flatten)]
    pub confirm: ConfirmArgs,
}
