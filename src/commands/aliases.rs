//! `passwordless aliases …`: list and replace the aliases of a user.

use serde_json::Value;

use super::register_token::check_aliases;
use super::{confirm, done, require_user_id, values_of};
use crate::api::types::{AliasPointer, SetAliasRequest};
use crate::cli::AliasesCommand;
use crate::context::Context;
use crate::output::{Columns, Output, plural, text};

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
            let client = ctx.client()?;
            if args.aliases.is_empty() {
                confirm(
                    &args.confirm,
                    &format!("Remove every alias of user `{}`?", args.user_id),
                )?;
            } else if !args.confirm.yes {
                // The route replaces the whole set: ask before dropping aliases the user has.
                let current = client.list_aliases(&args.user_id)?.data.values;
                if !current.is_empty() {
                    confirm(
                        &args.confirm,
                        &format!(
                            "Replace the {} of user `{}` with {}?",
                            plural(current.len(), "alias", "aliases"),
                            args.user_id,
                            plural(args.aliases.len(), "new alias", "new aliases")
                        ),
                    )?;
                }
            }
            let request = SetAliasRequest {
                user_id: args.user_id.clone(),
                aliases: args.aliases.clone(),
                hashing: !args.no_hashing,
            };
            client.set_aliases(&request)?;
            let message = if args.aliases.is_empty() {
                format!("Removed the aliases of user `{}`.", args.user_id)
            } else {
                format!(
                    "Set {} for user `{}`{}.",
                    plural(args.aliases.len(), "alias", "aliases"),
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
