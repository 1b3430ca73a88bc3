//! `register-token`: the options of a registration token.

use std::time::Duration;

use super::bulk::{BulkArgs, RECORD_FIELDS};
use super::shared::{Hint, UserVerification, parse_duration};
use clap::{Args, ValueEnum};

#[derive(Debug, Args)]
#[group(id = RECORD_FIELDS, multiple = true)]
pub struct RegisterTokenArgs {
    /// Your id for the user (the WebAuthn user handle; keep it free of personal data)
    #[arg(group = RECORD_FIELDS, long, value_name = "ID", required_unless_present = "from_file")]
    pub user_id: Option<String>,

    /// Name shown by the authenticator when choosing a passkey [default: the user id]
    #[arg(group = RECORD_FIELDS, long, value_name = "NAME")]
    pub username: Option<String>,

    /// Friendlier name for the user [default: the username]
    #[arg(group = RECORD_FIELDS, long, value_name = "NAME")]
    pub display_name: Option<String>,

    /// An alias the user can sign in with (repeat for more; at most 10, 250 characters each)
    #[arg(group = RECORD_FIELDS, long = "alias", value_name = "ALIAS")]
    pub aliases: Vec<String>,

    /// Store aliases in plain text instead of hashed, so they can be listed back
    #[arg(group = RECORD_FIELDS, long)]
    pub no_alias_hashing: bool,

    /// Whether the passkey is discoverable (usable without typing a username) [default: true]
    #[arg(group = RECORD_FIELDS, long, value_name = "BOOL")]
    pub discoverable: Option<bool>,

    /// Attestation to request; direct and indirect need a plan that allows attestation [default: none]
    #[arg(group = RECORD_FIELDS, long, value_enum)]
    pub attestation: Option<Attestation>,

    /// Kind of authenticator allowed [default: any]
    #[arg(group = RECORD_FIELDS, long, value_enum)]
    pub authenticator_type: Option<AuthenticatorType>,

    /// Whether the authenticator must verify the user (PIN, biometrics) [default: preferred]
    #[arg(group = RECORD_FIELDS, long, value_enum)]
    pub user_verification: Option<UserVerification>,

    /// A hint for the browser's passkey dialog (repeat for more; at most 3)
    #[arg(group = RECORD_FIELDS, long = "hint", value_enum, value_name = "HINT")]
    pub hints: Vec<Hint>,

    /// Token lifetime, e.g. `90s`, `10m`, `24h` [default: the server's 120 seconds]
    #[arg(group = RECORD_FIELDS, long, value_name = "DURATION", value_parser = parse_duration, conflicts_with = "expires_at")]
    pub expires_in: Option<Duration>,

    /// Expiry as an RFC 3339 time, e.g. 2030-01-01T12:00:00Z
    #[arg(group = RECORD_FIELDS, long, value_name = "TIME")]
    pub expires_at: Option<String>,

    #[command(flatten)]
    pub bulk: BulkArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Attestation {
    None,
    Direct,
    Indirect,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuthenticatorType {
    Any,
    Platform,
    CrossPlatform,
}
