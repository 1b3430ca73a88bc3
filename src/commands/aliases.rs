//! `passwordless aliases …`: list and replace the aliases of a user.

use serde_json::json;

use super::register_token::check_aliases;
use super::{confirm, done, list_output, require_user_id, values_of};
use crate::api::types::SetAliasRequest;
use crate::cli::AliasesCommand;
use crate::context::Context;
use crate::output::Output;

pub fn run(command: &AliasesCommand, ctx: &Context) -> anyhow::Result<Output> {
    match command {
        AliasesCommand::List(args) => {
            require_user_id(&args.user_id)?;
            let response = ctx.client()?.list_aliases(&args.user_id)?;
            Ok(list_output(
                values_of(response.json),
                &[("ALIAS (HASH)", "alias"), ("PLAINTEXT", "plaintext")],
                "alias",
            ))
        }
        AliasesCommand::Set(args) => {
            require_user_id(&args.user_id)?;
            check_aliases(&args.aliases)?;
            if args.aliases.is_empty() {
                confirm(
                    &args.confirm,
                    &format!("Remove every alias of user `{}`?", args.user_id),
                )?;
            }
            let request = SetAliasRequest {
                user_id: args.user_id.clone(),
                aliases: args.aliases.clone(),
                hashing: !args.no_hashing,
            };
            ctx.client()?.set_aliases(&request)?;
            let text = if args.aliases.is_empty() {
                format!("Removed the aliases of user `{}`.", args.user_id)
            } else {
                format!(
                    "Set {} alias(es) for user `{}`{}.",
                    args.aliases.len(),
                    args.user_id,
                    if args.no_hashing {
                        ", stored in plain text"
                    } else {
                        ", stored hashed"
                    }
                )
            };
            Ok(done(
                text,
                json!({ "userId": args.user_id, "aliases": args.aliases, "hashing": !args.no_hashing }),
            ))
        }
    }
}
