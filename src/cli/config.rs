//! `config`: profiles, settings and the stored secrets.

use std::ffi::OsString;
use std::path::PathBuf;

use super::shared::ConfirmArgs;
use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Store the API secret in the OS keyring
    ///
    /// Reads the secret from a hidden prompt on a terminal, from stdin when piped, or from
    /// --from-file; never from an argument. Checks its shape (`<app>:secret:<32 hex>`).
    /// PASSWORDLESS_API_SECRET, when set, wins over the stored secret.
    #[command(after_help = "Examples:
  passwordless config set-secret
  pass show passwordless/prod | passwordless config set-secret --profile prod
  passwordless config set-secret --from-file ~/.secrets/passwordless")]
    SetSecret(SetSecretArgs),

    /// Remove the profile's API secret from the OS keyring
    #[command(after_help = "Examples:
  passwordless config delete-secret
  passwordless config delete-secret --profile prod --yes")]
    DeleteSecret(ConfirmArgs),

    /// Store a management key (for `admin` commands) in the OS keyring
    ///
    /// Read like the API secret: hidden prompt, stdin, or --from-file; never an argument.
    /// PASSWORDLESS_MANAGEMENT_KEY, when set, wins over the stored key.
    #[command(after_help = "Examples:
  passwordless config set-management-key
  pass show passwordless/management | passwordless config set-management-key --profile prod")]
    SetManagementKey(SetSecretArgs),

    /// Remove the profile's management key from the OS keyring
    #[command(after_help = "Examples:
  passwordless config delete-management-key
  passwordless config delete-management-key --profile prod --yes")]
    DeleteManagementKey(ConfirmArgs),

    /// Show the active profile, base URL and where the secret comes from (masked)
    #[command(after_help = "Examples:
  passwordless config show
  passwordless config show --profile prod --json")]
    Show,

    /// Set a profile setting: `base-url URL` or `keyring-store STORE`
    #[command(after_help = "Examples:
  passwordless config set base-url https://passwordless.example.com/api --profile prod
  passwordless config set keyring-store keyutils")]
    Set(ConfigSetArgs),

    /// Print the value of a setting in effect, as `config show` resolves it
    ///
    /// The flag, then the variable, then the profile, then the default, like every command.
    /// Exits 3 when the setting has no value (public-key, ca-cert).
    #[command(after_help = "Examples:
  passwordless config get base-url
  passwordless config get public-key --profile prod")]
    Get(ConfigGetArgs),

    /// Remove a profile setting, going back to its default
    #[command(after_help = "Examples:
  passwordless config unset base-url --profile prod")]
    Unset(ConfigUnsetArgs),

    /// Print the path of the configuration file
    #[command(after_help = "Examples:
  passwordless config path
  cat \"$(passwordless config path)\"")]
    Path,
}

#[derive(Debug, Args)]
pub struct SetSecretArgs {
    /// Read the secret from this file instead of the prompt or stdin
    #[arg(long, value_name = "FILE")]
    pub from_file: Option<PathBuf>,

    /// Never used: catches a secret typed as an argument so it can be refused without echoing it
    #[arg(hide = true, num_args = 0.., trailing_var_arg = true, allow_hyphen_values = true)]
    pub refused: Vec<OsString>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConfigKey {
    BaseUrl,
    KeyringStore,
    /// The app's public API key, for `passkey register` and `passkey sign-in`
    PublicKey,
    /// A PEM file of a private certificate authority to trust besides the system's roots
    CaCert,
}

#[derive(Debug, Args)]
pub struct ConfigSetArgs {
    /// The setting to change
    #[arg(value_enum)]
    pub key: ConfigKey,
    /// The new value: a URL for base-url; `<app>:public:<32 hex>` for public-key; a PEM file
    /// for ca-cert (stored as an absolute path); for
    /// keyring-store one of secret-service or keyutils (Linux), macos-keychain (macOS),
    /// windows-credential-manager (Windows), insecure-file (any)
    pub value: String,
}

#[derive(Debug, Args)]
pub struct ConfigGetArgs {
    /// The setting to print
    #[arg(value_enum)]
    pub key: ConfigKey,
}

#[derive(Debug, Args)]
pub struct ConfigUnsetArgs {
    /// The setting to remove from the profile
    #[arg(value_enum)]
    pub key: ConfigKey,
}
