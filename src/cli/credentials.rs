//! `credentials`: list and delete passkeys.

use super::bulk::{BulkArgs, RECORD_FIELDS};
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
#[group(id = RECORD_FIELDS, multiple = true)]
pub struct CredentialsDeleteArgs {
    /// The credential id: base64url as `credentials list` shows it, or the standard base64 that
    /// `verify` prints (converted for you)
    #[arg(group = RECORD_FIELDS, value_name = "CREDENTIAL_ID", required_unless_present = "from_file")]
    pub credential_id: Option<String>,
    #[command(flatten)]
    pub confirm: ConfirmArgs,
    #[command(flatten)]
    pub bulk: BulkArgs,
}
