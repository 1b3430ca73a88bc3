//! `aliases`: list and replace a user's aliases.

use super::bulk::{BulkArgs, RECORD_FIELDS};
use super::shared::{ConfirmArgs, UserIdArgs};
use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum AliasesCommand {
    /// List a user's aliases (GET /alias/list); hashed aliases show only their hash
    #[command(after_help = "Examples:
  passwordless aliases list --user-id 42
  passwordless aliases list --user-id 42 --json")]
    List(UserIdArgs),
    /// Replace a user's aliases (POST /alias); with no --alias, remove them all
    #[command(after_help = "Examples:
  passwordless aliases set --user-id 42 --alias alice --alias alice@example.com
  passwordless aliases set --user-id 42 --yes     # removes all aliases")]
    Set(AliasesSetArgs),
}

#[derive(Debug, Args)]
#[group(id = RECORD_FIELDS, multiple = true)]
pub struct AliasesSetArgs {
    /// Your id for the user, as given to `register-token --user-id`
    #[arg(group = RECORD_FIELDS, long, value_name = "ID", required_unless_present = "from_file")]
    pub user_id: Option<String>,
    /// An alias the user can sign in with (repeat for more; at most 10, 250 characters each)
    #[arg(group = RECORD_FIELDS, long = "alias", value_name = "ALIAS")]
    pub aliases: Vec<String>,
    /// Store the aliases in plain text instead of hashed, so they can be listed back
    #[arg(group = RECORD_FIELDS, long)]
    pub no_hashing: bool,
    #[command(flatten)]
    pub confirm: ConfirmArgs,
    #[command(flatten)]
    pub bulk: BulkArgs,
}
