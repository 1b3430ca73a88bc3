//! `passwordless authenticators …`: the AAGUID allow and deny lists.

use super::{confirmed, done, usage};
use crate::api::types::{Authenticator, AuthenticatorsRequest};
use crate::cli::AuthenticatorsCommand;
use crate::context::Context;
use crate::output::{Columns, Output, plural, when};

pub fn run(command: &AuthenticatorsCommand, ctx: &Context) -> anyhow::Result<Output> {
    match command {
        AuthenticatorsCommand::List(args) => {
            let response = ctx.client()?.list_authenticators(!args.denied)?;
            Ok(Columns::new()
                .column("AAGUID", |a: &Authenticator| a.aa_guid.clone())
                .column("ADDED", |a| when(a.created_at.as_deref()))
                .list(response.json, &response.data, |a| a.aa_guid.clone()))
        }
        AuthenticatorsCommand::Allow(args) | AuthenticatorsCommand::Deny(args) => {
            let allowed = matches!(command, AuthenticatorsCommand::Allow(_));
            let guids = normalise(&args.aaguids)?;
            ctx.client()?.add_authenticators(&guids, allowed)?;
            let list = if allowed { "allow" } else { "deny" };
            Ok(done(
                guids.join("\n"),
                format!(
                    "Added {} to the {list} list.",
                    plural(guids.len(), "authenticator", "authenticators")
                ),
                serde_json::to_value(AuthenticatorsRequest {
                    aa_guids: guids,
                    is_allowed: Some(allowed),
                })?,
            ))
        }
        AuthenticatorsCommand::Remove(args) => {
            let guids = normalise(&args.guids.aaguids)?;
            super::confirm(
                &args.confirm,
                &format!(
                    "Remove {} from the allow and deny lists?",
                    plural(guids.len(), "authenticator", "authenticators")
                ),
            )?;
            ctx.client()?.remove_authenticators(&guids)?;
            let text = format!(
                "Removed {}.",
                plural(guids.len(), "authenticator", "authenticators")
            );
            let request = AuthenticatorsRequest {
                aa_guids: guids,
                is_allowed: None,
            };
            Ok(done(
                request.aa_guids.join("\n"),
                text,
                confirmed(&request, "removed")?,
            ))
        }
    }
}

/// AAGUIDs as the server writes GUIDs: lower-case, hyphenated.
fn normalise(values: &[String]) -> anyhow::Result<Vec<String>> {
    values
        .iter()
        .map(|value| {
            let lower = value.trim().to_ascii_lowercase();
            let groups: Vec<&str> = lower.split('-').collect();
            let shape = groups.iter().map(|g| g.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12];
            if shape
                && groups
                    .iter()
                    .all(|g| g.chars().all(|c| c.is_ascii_hexdigit()))
            {
                Ok(lower)
            } else {
                Err(usage(format!(
                    "`{value}` is not an AAGUID; use the form ee882879-721c-4913-9775-3dfcce97072a"
                )))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn aaguids() {
        let ok = normalise(&["EE882879-721C-4913-9775-3DFCCE97072A".into()]).unwrap();
        assert_eq!(ok, ["ee882879-721c-4913-9775-3dfcce97072a"]);
        assert!(normalise(&["ee882879721c491397753dfcce97072a".into()]).is_err());
        assert!(normalise(&["zz882879-721c-4913-9775-3dfcce97072a".into()]).is_err());
    }
}
