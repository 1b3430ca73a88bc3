//! `authenticators`: the AAGUID allow and deny lists.

use super::shared::ConfirmArgs;
use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum AuthenticatorsCommand {
    /// List the allow list, or the deny list with --denied (GET /authenticators/list)
    #[command(after_help = "Examples:
  passwordless authenticators list
  passwordless authenticators list --denied --json")]
    List(AuthenticatorsListArgs),
    /// Add AAGUIDs to the allow list (POST /authenticators/add); needs attestation on the plan
    #[command(after_help = "Example:
  passwordless authenticators allow ee882879-721c-4913-9775-3dfcce97072a")]
    Allow(AaguidArgs),
    /// Add AAGUIDs to the deny list (POST /authenticators/add); needs attestation on the plan
    #[command(after_help = "Example:
  passwordless authenticators deny ee882879-721c-4913-9775-3dfcce97072a")]
    Deny(AaguidArgs),
    /// Remove AAGUIDs from either list (POST /authenticators/remove)
    #[command(after_help = "Example:
  passwordless authenticators remove ee882879-721c-4913-9775-3dfcce97072a")]
    Remove(AuthenticatorsRemoveArgs),
}

#[derive(Debug, Args)]
pub struct AuthenticatorsRemoveArgs {
    #[command(flatten)]
    pub guids: AaguidArgs,
    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

#[derive(Debug, Args)]
pub struct AuthenticatorsListArgs {
    /// Show the deny list instead of the allow list
    #[arg(long)]
    pub denied: bool,
}

#[derive(Debug, Args)]
pub struct AaguidArgs {
    /// Authenticator AAGUIDs (one or more), e.g. ee882879-721c-4913-9775-3dfcce97072a
    #[arg(required = true, value_name = "AAGUID")]
    pub aaguids: Vec<String>,
}
