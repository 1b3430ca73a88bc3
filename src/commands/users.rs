//! `passwordless users …`: list, count and delete users.

use serde_json::Value;

use super::bulk::{RecordCommand, body};
use super::{confirm, deleted, done, require_user_id, required, values_of};
use crate::api::endpoints::DELETE_USER;
use crate::api::types::{UserIdRequest, UserSummary};
use crate::cli::{UsersCommand, UsersDeleteArgs};
use crate::context::Context;
use crate::error::CliError;
use crate::output::{Columns, Output, labeled, when};

pub fn run(command: &UsersCommand, ctx: &Context) -> anyhow::Result<Output> {
    match command {
        UsersCommand::List => {
            let client = ctx.client()?;
            let response = client.list_users()?;
            let listed = response.data.values.len();
            // The server answers at most 1,000 rows and says nothing about the rest; `users
            // count` is the only way to tell. A shorter page is complete, so ask only for a full one.
            if listed >= LIST_LIMIT {
                let total = client.count_users()?.data.count;
                if let Some(message) = truncation_warning(listed, total) {
                    crate::report::warning(&message);
                }
            }
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
        UsersCommand::Delete(args) if args.bulk.from_file.is_some() => {
            confirm(
                &args.confirm,
                "Delete every user listed in --from-file, with all their passkeys and aliases?",
            )?;
            // No "nothing to delete" look-up per record, unlike the single command: it would
            // triple the requests, and the route answers the same either way.
            let op = RecordCommand::new(
                "users delete",
                DELETE_USER,
                &[],
                "user-id",
                Box::new(|args: &UsersDeleteArgs| {
                    let user_id = required(&args.user_id, "USER_ID")?;
                    require_user_id(user_id)?;
                    let request = UserIdRequest {
                        user_id: user_id.to_owned(),
                    };
                    Ok((request.user_id.clone(), body(&request)?))
                }),
            );
            super::bulk::run(op, &args.bulk, ctx)
        }
        UsersCommand::Delete(args) => {
            let user_id = required(&args.user_id, "USER_ID")?;
            require_user_id(user_id)?;
            let client = ctx.client()?;
            // The route answers 204 whether or not the user existed; a user with neither
            // passkeys nor aliases has nothing the server keeps, so say so instead of "Deleted".
            if client.list_credentials(user_id)?.data.values.is_empty()
                && client.list_aliases(user_id)?.data.values.is_empty()
            {
                return Err(CliError::NotFound(format!(
                    "nothing to delete: user `{user_id}` has no passkeys or aliases; list users with `passwordless users list`"
                ))
                .into());
            }
            confirm(
                &args.confirm,
                &format!("Delete user `{user_id}` with all their passkeys and aliases?"),
            )?;
            client.delete_user(user_id)?;
            Ok(done(
                user_id,
                format!("Deleted user `{user_id}`."),
                deleted(UserIdRequest {
                    user_id: user_id.to_owned(),
                })?,
            ))
        }
    }
}

/// The most rows the server's `/users/list` answers with (`EfTenantStorage.GetUsers`).
const LIST_LIMIT: usize = 1000;

/// The warning for a list that `users count` shows to be cut short, if it is.
fn truncation_warning(listed: usize, total: u64) -> Option<String> {
    (total > listed as u64).then(|| {
        format!(
            "listed {listed} users but `users count` reports {total}: the API answers at most {LIST_LIMIT} rows to a user list, so the rest are not shown"
        )
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warns_only_when_the_count_exceeds_the_rows() {
        assert_eq!(truncation_warning(1000, 1000), None);
        assert_eq!(truncation_warning(1000, 999), None);
        let message = truncation_warning(1000, 1500).unwrap();
        assert!(message.contains("listed 1000 users"), "{message}");
        assert!(message.contains("reports 1500"), "{message}");
    }
}
