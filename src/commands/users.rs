//! `passwordless users …`: list, count and delete users.

use serde_json::Value;

use super::{confirm, deleted, done, require_user_id, values_of};
use crate::api::types::{UserIdRequest, UserSummary};
use crate::cli::UsersCommand;
use crate::context::Context;
use crate::output::{Columns, Output, labeled, when};

pub fn run(command: &UsersCommand, ctx: &Context) -> anyhow::Result<Output> {
    match command {
        UsersCommand::List => {
            let response = ctx.client()?.list_users()?;
            // `--json` prints the list itself, not the `values` wrapper.
            let json = Value::Array(values_of(response.json));
            Ok(Columns::new()
                .column("USER ID", |u: &UserSummary| u.user_id.clone())
                .column("PASSKEYS", |u| u.credentials_count.to_string())
                .column("ALIASES", alias_cell)
                .column("LAST USED", |u| when(u.last_used_at.as_deref()))
                .list(json, &response.data.values, |u| u.user_id.clone()))
        }
        UsersCommand::Count => {
            let response = ctx.client()?.count_users()?;
            let count = response.data.count.to_string();
            Ok(Output::Record {
                json: response.json,
                fields: labeled(vec![("count", count.clone())]),
                id: Some(count),
            })
        }
        UsersCommand::Delete(args) => {
            require_user_id(&args.user_id)?;
            confirm(
                &args.confirm,
                &format!(
                    "Delete user `{}` with all their passkeys and aliases?",
                    args.user_id
                ),
            )?;
            ctx.client()?.delete_user(&args.user_id)?;
            Ok(done(
                format!("Deleted user `{}`.", args.user_id),
                deleted(UserIdRequest {
                    user_id: args.user_id.clone(),
                })?,
            ))
        }
    }
}

/// A readable alias column: plaintexts, and a marker for hashed ones.
fn alias_cell(user: &UserSummary) -> String {
    user.aliases
        .iter()
        .flatten()
        .map(|a| a.as_deref().unwrap_or("(hashed)"))
        .collect::<Vec<_>>()
        .join(", ")
}
