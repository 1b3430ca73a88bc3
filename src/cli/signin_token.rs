//! `signin-token`: a sign-in token made without a passkey.

use std::time::Duration;

use super::bulk::{BulkArgs, RECORD_FIELDS};
use super::shared::parse_duration;
use clap::Args;

#[derive(Debug, Args)]
#[group(id = RECORD_FIELDS, multiple = true)]
pub struct SigninTokenArgs {
    /// Your id for the user to sign in, as given to `register-token --user-id`
    #[arg(group = RECORD_FIELDS, long, value_name = "ID", required_unless_present = "from_file")]
    pub user_id: Option<String>,

    /// Token lifetime, 1 second to 7 days, e.g. `30s`, `10m` [default: 120 seconds]
    #[arg(group = RECORD_FIELDS, long, value_name = "DURATION", value_parser = parse_duration)]
    pub ttl: Option<Duration>,

    /// Purpose recorded in the token, e.g. step-up [default: sign-in]
    #[arg(group = RECORD_FIELDS, long, value_name = "PURPOSE")]
    pub purpose: Option<String>,

    /// Relying-party id recorded in the token, e.g. example.com
    #[arg(group = RECORD_FIELDS, long, value_name = "RPID")]
    pub rp_id: Option<String>,

    /// Origin recorded in the token, e.g. https://example.com
    #[arg(group = RECORD_FIELDS, long, value_name = "ORIGIN")]
    pub origin: Option<String>,

    #[command(flatten)]
    pub bulk: BulkArgs,
}
