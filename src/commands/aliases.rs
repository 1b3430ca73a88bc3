//! `passwordless aliases …`: list and replace the aliases of a user.

use serde_json::Value;

use super::bulk::{Grouping, RecordCommand, body};
use super::register_token::check_aliases;
use super::{confirm, done, require_user_id, required, values_of};
use crate::api::endpoints::SET_ALIASES;
use crate::api::types::{AliasPointer, SetAliasRequest};
use crate::bulk::schema::Synonym;
use crate::bulk::{Cell, Fields};
use crate::cli::{AliasesCommand, AliasesSetArgs};
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
        AliasesCommand::Set(args) if args.bulk.from_file.is_some() => {
            // Each record replaces a user's whole alias set (an empty one removes them all):
            // asked once for the run, as the single command asks before replacing.
            confirm(
                &args.confirm,
                "Replace the aliases of every user listed in --from-file (records without aliases remove them all)?",
            )?;
            let op = RecordCommand::new(
                "aliases set",
                SET_ALIASES,
                SYNONYMS,
                "user-id",
                Box::new(|args: &AliasesSetArgs| {
                    let request = build_request(args)?;
                    Ok((request.user_id.clone(), body(&request)?))
                }),
            )
            .reshape(from_list_output)
            .grouping(Grouping {
                group: alias_list_user,
                join: join_alias_lines,
            });
            super::bulk::run(op, &args.bulk, ctx)
        }
        AliasesCommand::Set(args) => {
            let request = build_request(args)?;
            let client = ctx.client()?;
            if request.aliases.is_empty() {
                confirm(
                    &args.confirm,
                    &format!("Remove every alias of user `{}`?", request.user_id),
                )?;
            } else if !args.confirm.yes {
                // The route replaces the whole set: ask before dropping aliases the user has.
                let current = client.list_aliases(&request.user_id)?.data.values;
                if !current.is_empty() {
                    confirm(
                        &args.confirm,
                        &format!(
                            "Replace the {} of user `{}` with {}?",
                            plural(current.len(), "alias", "aliases"),
                            request.user_id,
                            plural(request.aliases.len(), "new alias", "new aliases")
                        ),
                    )?;
                }
            }
            client.set_aliases(&request)?;
            let message = if request.aliases.is_empty() {
                format!("Removed the aliases of user `{}`.", request.user_id)
            } else {
                format!(
                    "Set {} for user `{}`{}.",
                    plural(request.aliases.len(), "alias", "aliases"),
                    request.user_id,
                    if args.no_hashing {
                        ", stored in plain text"
                    } else {
                        ", stored hashed"
                    }
                )
            };
            Ok(done(
                request.user_id.clone(),
                message,
                serde_json::to_value(&request)?,
            ))
        }
    }
}

/// The API's names: `aliases` (a list), `hashing` (the opposite of --no-hashing), and in
/// `aliases list` output the `plaintext` of an alias.
const SYNONYMS: &[Synonym] = &[
    Synonym::names("aliases", "alias"),
    Synonym::opposite("hashing", "no-hashing"),
    Synonym::names("plaintext", "alias"),
];

/// Lines of `aliases list --jsonl` and `users list --jsonl` set the aliases they show. An
/// `aliases list` line names the hash `alias` and the alias itself `plaintext`, so the hash is
/// dropped. Both show plaintexts only for aliases stored unhashed (hashed ones are `null`, and
/// refused), so they are stored unhashed again.
fn from_list_output(fields: &mut Fields) {
    let has = |fields: &Fields, names: &[&str]| {
        fields
            .0
            .iter()
            .any(|(name, _)| names.contains(&name.as_str()))
    };
    let count =
        |fields: &Fields, wanted: &str| fields.0.iter().filter(|(name, _)| name == wanted).count();
    let alias_list = has(fields, &["plaintext", "tenant"]);
    let user_list = has(fields, &["aliasCount", "credentialsCount"]);
    if alias_list {
        // Each listed alias has its hash; one without its plaintext is stored hashed (the
        // list says `plaintext: null`): say so instead of dropping it.
        if count(fields, "alias") > count(fields, "plaintext") {
            fields.0.push(("plaintext".to_owned(), Cell::Null));
        }
        fields.0.retain(|(name, _)| name != "alias");
    }
    if (alias_list || user_list) && !has(fields, &["hashing"]) {
        fields.push_text("hashing", "false");
    }
}

/// `aliases list --jsonl` prints one alias per line; lines of the same user (they come
/// together) are one request, since each replaces the user's whole set.
fn alias_list_user(fields: &Fields) -> Option<String> {
    let listed = fields.0.iter().any(|(name, _)| name == "tenant");
    if !listed {
        return None;
    }
    fields.0.iter().find_map(|(name, cell)| match cell {
        Cell::Text(user) if name == "userId" => Some(user.clone()),
        _ => None,
    })
}

fn join_alias_lines(into: &mut Fields, next: Fields) {
    into.0.extend(
        next.0
            .into_iter()
            .filter(|(name, _)| name == "alias" || name == "plaintext"),
    );
}

fn build_request(args: &AliasesSetArgs) -> anyhow::Result<SetAliasRequest> {
    let user_id = required(&args.user_id, "--user-id")?;
    require_user_id(user_id)?;
    check_aliases(&args.aliases)?;
    Ok(SetAliasRequest {
        user_id: user_id.to_owned(),
        aliases: args.aliases.clone(),
        hashing: !args.no_hashing,
    })
}
