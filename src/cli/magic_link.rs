//! `magic-link`: send sign-in links by e-mail.

use std::time::Duration;

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
pub struct MagicLinkSendArgs {
    /// E-mail address to send the link to
    #[arg(long, value_name = "ADDRESS")]
    pub email: String,
    /// Link to send; `$TOKEN` is replaced by the sign-in token
    #[arg(long, value_name = "URL")]
    pub url_template: String,
    /// Your id for the user the link signs in
    #[arg(long, value_name = "ID")]
    pub user_id: String,
    /// Token lifetime, 1 second to 7 days [default: 1 hour]
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub ttl: Option<Duration>,
}
