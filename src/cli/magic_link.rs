//! `magic-link`: send sign-in links by e-mail.

use std::time::Duration;

use super::bulk::{BulkArgs, RECORD_FIELDS};
use super::shared::parse_duration;
use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum MagicLinkCommand {
    /// E-mail a sign-in link (POST /magic-links/send); never retried, since each call sends mail
    #[command(after_help = "Example:
  passwordless magic-link send --email alice@example.com --user-id 42 \\
      --url-template 'https://app.example.com/verify?token=$TOKEN'")]
    Send(MagicLinkSendArgs),
}

#[derive(Debug, Args)]
#[group(id = RECORD_FIELDS, multiple = true)]
pub struct MagicLinkSendArgs {
    /// E-mail address to send the link to
    #[arg(group = RECORD_FIELDS, long, value_name = "ADDRESS", required_unless_present = "from_file")]
    pub email: Option<String>,
    /// Link to send; `$TOKEN` is replaced by the sign-in token
    #[arg(group = RECORD_FIELDS, long, value_name = "URL", required_unless_present = "from_file")]
    pub url_template: Option<String>,
    /// Your id for the user the link signs in
    #[arg(group = RECORD_FIELDS, long, value_name = "ID", required_unless_present = "from_file")]
    pub user_id: Option<String>,
    /// Token lifetime, 1 second to 7 days [default: 1 hour]
    #[arg(group = RECORD_FIELDS, long, value_name = "DURATION", value_parser = parse_duration)]
    pub ttl: Option<Duration>,
    #[command(flatten)]
    pub bulk: BulkArgs,
}
