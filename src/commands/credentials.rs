//! `passwordless credentials …`: list and delete passkeys.

use serde_json::Value;

use super::bulk::{RecordCommand, body};
use super::{confirm, deleted, done, require_user_id, required, usage, values_of};
use crate::api::endpoints::DELETE_CREDENTIAL;
use crate::api::types::{Credential, DeleteCredentialRequest};
use crate::bulk::schema::Synonym;
use crate::cli::{CredentialsCommand, CredentialsDeleteArgs};
use crate::context::Context;
use crate::output::{Columns, Output, text, when};

pub fn run(command: &CredentialsCommand, ctx: &Context) -> anyhow::Result<Output> {
    match command {
        CredentialsCommand::List(args) => {
            require_user_id(&args.user_id)?;
            let response = ctx.client()?.list_credentials(&args.user_id)?;
            let json = Value::Array(values_of(response.json));
            Ok(Columns::new()
                .column("CREDENTIAL ID", |c: &Credential| c.descriptor.id.clone())
                .column("NICKNAME", |c| text(c.nickname.as_deref()))
                .column("DEVICE", |c| text(c.device.as_deref()))
                .column("CREATED", |c| when(c.created_at.as_deref()))
                .column("LAST USED", |c| when(c.last_used_at.as_deref()))
                .column("ORIGIN", |c| text(c.origin.as_deref()))
                .list(json, &response.data.values, |c| c.descriptor.id.clone()))
        }
        CredentialsCommand::Delete(args) if args.bulk.from_file.is_some() => {
            confirm(&args.confirm, "Delete every passkey listed in --from-file?")?;
            let op = RecordCommand::new(
                "credentials delete",
                DELETE_CREDENTIAL,
                SYNONYMS,
                "credential-id",
                Box::new(|args: &CredentialsDeleteArgs| {
                    let id = to_base64url(required(&args.credential_id, "CREDENTIAL_ID")?)?;
                    let request = DeleteCredentialRequest { credential_id: id };
                    Ok((request.credential_id.clone(), body(&request)?))
                }),
            );
            super::bulk::run(op, &args.bulk, ctx)
        }
        CredentialsCommand::Delete(args) => {
            let id = to_base64url(required(&args.credential_id, "CREDENTIAL_ID")?)?;
            confirm(&args.confirm, &format!("Delete passkey `{id}`?"))?;
            ctx.client()?.delete_credential(&id)?;
            Ok(done(
                id.clone(),
                // The route answers 204 whether or not the passkey existed.
                format!(
                    "Passkey `{id}` is gone (the server does not say whether it existed; `credentials list --user-id ID` shows a user's passkeys)."
                ),
                deleted(DeleteCredentialRequest { credential_id: id })?,
            ))
        }
    }
}

/// `credentials list --jsonl` names the id `descriptor.id`.
const SYNONYMS: &[Synonym] = &[Synonym::names("descriptor.id", "credential-id")];

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
