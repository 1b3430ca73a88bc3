//! `passwordless users …`: list, count and delete users.

use serde_json::json;

use super::{confirm, done, list_output, require_user_id, values_of};
use crate::cli::UsersCommand;
use crate::context::Context;
use crate::output::{Output, labeled};

pub fn run(command: &UsersCommand, ctx: &Context) -> anyhow::Result<Output> {
    match command {
        UsersCommand::List => {
            let response = ctx.client()?.list_users()?;
            let mut items = values_of(response.json);
            for item in &mut items {
                // A readable alias column: plaintexts, and a marker for hashed ones.
                let aliases = item
                    .get("aliases")
                    .and_then(|a| a.as_array())
                    .map(|list| {
                        list.iter()
                            .map(|a| a.as_str().unwrap_or("(hashed)").to_owned())
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .unwrap_or_default();
                if let Some(map) = item.as_object_mut() {
                    map.insert("_aliases".into(), json!(aliases));
                }
            }
            let mut output = list_output(
                items,
                &[
                    ("USER ID", "userId"),
                    ("PASSKEYS", "credentialsCount"),
                    ("ALIASES", "_aliases"),
                    ("LAST USED", "lastUsedAt"),
                ],
                "userId",
            );
            strip_helper_fields(&mut output);
            Ok(output)
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
                json!({ "userId": args.user_id, "deleted": true }),
            ))
        }
    }
}

/// Keeps `--json` equal to the API's JSON: helper columns exist only for the table.
fn strip_helper_fields(output: &mut Output) {
    if let Output::List { json, .. } = output {
        for item in json.as_array_mut().into_iter().flatten() {
            if let Some(map) = item.as_object_mut() {
                map.retain(|key, _| !key.starts_with('_'));
            }
        }
    }
}
