//! `credentials`: list and delete passkeys.

use super::shared::{ConfirmArgs, UserIdArgs};
use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum CredentialsCommand {
    /// List a user's passkeys (GET /credentials/list)
    #[command(after_help = "Examples:
  passwordless credentials list --user-id 42
  passwordless credentials list --user-id 42 --quiet     # one credential id per line")]
    List(UserIdArgs),
    /// Delete a passkey (POST /credentials/delete)
    #[command(after_help = "Examples:
  passwordless credentials delete AQIDBA
  passwordless credentials delete AQIDBA --yes     # no prompt, for scripts")]
    Delete(CredentialsDeleteArgs),
}

#[derive(Debug, Args)]
pub struct CredentialsDeleteArgs {
    /// The credential id: base64url as `credentials list` shows it, or the standard base64 that
    /// `verify` prints (converted for you)
    #[arg(value_name = "CREDENTIAL_ID")]
    pub credential_id: String,
    #[command(flatten)]
    pub confirm: ConfirmArgs,
}
