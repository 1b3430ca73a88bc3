//! `passwordless aliases …`: list and replace the aliases of a user.

use serde_json::Value;

use super::register_token::check_aliases;
use super::{confirm, done, require_user_id, values_of};
use crate::api::types::{AliasPointer, SetAliasRequest};
use crate::cli::AliasesCommand;
use crate::context::Context;
use crate::output::{Columns, Output, text};

pub fn run(command: &AliasesCommand, ctx: &Context) -> anyhow::Result<Output> {
    match command {
        AliasesCommand::List(args) => {
            require_user_id(&args.user_id)?;
            let response = ctx.client()?.list_aliases(&args.user_id)?;
            let json = Value::Array(values_of(response.json));
            Ok(Columns::new()
                .column("ALIAS (HASH)", |a: &AliasPointer| a.alias.clone())
                .column("PLAINTEXT", |a| text(a.plaintext.as_deref()))
                .list(json, &response.data.values, |a| a.alias.clone()))
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
            let message = if args.aliases.is_empty() {
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
            Ok(done(message, serde_json::to_value(&request)?))
        }
    }
}
