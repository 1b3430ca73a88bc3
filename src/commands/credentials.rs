//! `passwordless credentials …`: list and delete passkeys.

use serde_json::json;

use super::{confirm, done, list_output, require_user_id, usage, values_of};
use crate::cli::CredentialsCommand;
use crate::context::Context;
use crate::output::Output;

pub fn run(command: &CredentialsCommand, ctx: &Context) -> anyhow::Result<Output> {
    match command {
        CredentialsCommand::List(args) => {
            require_user_id(&args.user_id)?;
            let response = ctx.client()?.list_credentials(&args.user_id)?;
            let mut items = values_of(response.json);
            let ids: Vec<String> = items
                .iter()
                .map(|c| crate::output::cell(c.pointer("/descriptor/id")))
                .collect();
            for (item, id) in items.iter_mut().zip(&ids) {
                if let Some(map) = item.as_object_mut() {
                    map.insert("_id".into(), json!(id));
                }
            }
            let mut output = list_output(
                items,
                &[
                    ("CREDENTIAL ID", "_id"),
                    ("NICKNAME", "nickname"),
                    ("DEVICE", "device"),
                    ("CREATED", "createdAt"),
                    ("LAST USED", "lastUsedAt"),
                    ("ORIGIN", "origin"),
                ],
                "_id",
            );
            if let Output::List { json, .. } = &mut output {
                for item in json.as_array_mut().into_iter().flatten() {
                    if let Some(map) = item.as_object_mut() {
                        map.remove("_id");
                    }
                }
            }
            Ok(output)
        }
        CredentialsCommand::Delete(args) => {
            let id = to_base64url(&args.credential_id)?;
            confirm(&args.confirm, &format!("Delete passkey `{id}`?"))?;
            ctx.client()?.delete_credential(&id)?;
            Ok(done(
                format!("Deleted passkey `{id}`."),
                json!({ "credentialId": id, "deleted": true }),
            ))
        }
    }
}

/// `verify` shows credential ids in standard base64 (`+/=`); the delete route takes base64url.
pub fn to_base64url(id: &str) -> anyhow::Result<String> {
    let id = id.trim();
    let converted: String = id
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            other => other,
        })
        .collect();
    let valid = !converted.is_empty()
        && converted
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        return Err(usage(format!(
            "`{id}` is not a credential id; use the base64url id from `passwordless credentials list`"
        )));
    }
    Ok(converted)
}

#[cfg(test)]
mod tests {
    use super::to_base64url;

    #[test]
    fn converts_standard_base64() {
        assert_eq!(
            to_base64url("Mq1Zhr/uuXu+f/LZJR4=").unwrap(),
            "Mq1Zhr_uuXu-f_LZJR4"
        );
        assert_eq!(to_base64url("abc-_").unwrap(), "abc-_");
        assert!(to_base64url("").is_err());
        assert!(to_base64url("a b").is_err());
    }
}
