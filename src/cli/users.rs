//! `users`: list, count and delete.

use super::bulk::{BulkArgs, RECORD_FIELDS};
use super::shared::ConfirmArgs;
use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// List users: everyone with a passkey or an alias (GET /users/list)
    #[command(after_help = "Examples:
  passwordless users list
  passwordless users list --quiet     # one user id per line")]
    List,
    /// Count users with at least one passkey (GET /users/count)
    #[command(after_help = "Examples:
  passwordless users count
  passwordless users count --quiet")]
    Count,
    /// Delete a user with all their passkeys and aliases (POST /users/delete)
    #[command(after_help = "Examples:
  passwordless users delete 42
  passwordless users delete 42 --yes     # no prompt, for scripts")]
    Delete(UsersDeleteArgs),
}

#[derive(Debug, Args)]
#[group(id = RECORD_FIELDS, multiple = true)]
pub struct UsersDeleteArgs {
    /// Your id for the user to delete
    #[arg(group = RECORD_FIELDS, value_name = "USER_ID", required_unless_present = "from_file")]
    pub user_id: Option<String>,
    #[command(flatten)]
    pub confirm: ConfirmArgs,
    #[command(flatten)]
    pub bulk: BulkArgs,
}
