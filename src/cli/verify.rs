//! `verify`: the sign-in token to check.

use clap::Args;

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The `verify_...` token from the front end, or `-` to read it from stdin
    #[arg(value_name = "TOKEN")]
    pub token: String,
}
