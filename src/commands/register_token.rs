//! `passwordless register-token`: checks the options against the server's limits, then asks
//! `POST /register/token` for a registration token.

use std::time::Duration;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::bulk::{RecordCommand, body};
use super::{required, server_len, usage, wire_name, wire_names};
use crate::api::endpoints::REGISTER_TOKEN;
use crate::api::limits::{MAX_ALIAS_LEN, MAX_ALIASES, MAX_HINTS};
use crate::api::types::RegisterTokenRequest;
use crate::bulk::schema::Synonym;
use crate::cli::RegisterTokenArgs;
use crate::context::Context;
use crate::output::{Output, labeled};

/// Record fields that are the API's names for a flag.
const SYNONYMS: &[Synonym] = &[
    Synonym::names("aliases", "alias"),
    Synonym::names("hints", "hint"),
    Synonym::opposite("alias-hashing", "no-alias-hashing"),
];

pub fn run(args: &RegisterTokenArgs, ctx: &Context) -> anyhow::Result<Output> {
    if args.bulk.from_file.is_some() {
        let op = RecordCommand::new(
            "register-token",
            REGISTER_TOKEN,
            SYNONYMS,
            "user-id",
            Box::new(|args: &RegisterTokenArgs| {
                let request = build_request(args, OffsetDateTime::now_utc())?;
                Ok((request.user_id.clone(), body(&request)?))
            }),
        );
        return super::bulk::run(op, &args.bulk, ctx);
    }
    let request = build_request(args, OffsetDateTime::now_utc())?;
    let response = ctx.client()?.register_token(&request)?;
    let token = response.data.token;
    Ok(Output::Record {
        json: response.json,
        fields: labeled(vec![("token", token.clone())]),
        id: Some(token),
    })
}

/// Turns flags into the request body, refusing what the server would reject.
pub fn build_request(
    args: &RegisterTokenArgs,
    now: OffsetDateTime,
) -> anyhow::Result<RegisterTokenRequest> {
    let user_id = required(&args.user_id, "--user-id")?;
    super::require_user_id(user_id)?;
    let username = args.username.clone().unwrap_or_else(|| user_id.to_owned());
    if username.trim().is_empty() {
        return Err(usage(
            "--username must not be empty; leave it out to use the user id",
        ));
    }
    check_aliases(&args.aliases)?;
    if args.hints.len() > MAX_HINTS {
        return Err(usage(format!(
            "--hint was given {} times; the server accepts at most {MAX_HINTS}",
            args.hints.len()
        )));
    }
    let expires_at = expiry(args.expires_in, args.expires_at.as_deref(), now)?;
    Ok(RegisterTokenRequest {
        user_id: user_id.to_owned(),
        username,
        display_name: args.display_name.clone(),
        attestation: args.attestation.as_ref().map(wire_name),
        authenticator_type: args.authenticator_type.as_ref().map(wire_name),
        discoverable: args.discoverable,
        user_verification: args.user_verification.as_ref().map(wire_name),
        aliases: (!args.aliases.is_empty()).then(|| args.aliases.clone()),
        alias_hashing: args.no_alias_hashing.then_some(false),
        hints: wire_names(&args.hints),
        expires_at,
        token_id: None,
        kind: None,
    })
}

/// The alias limits of `POST /register/token` and `POST /alias` (contract §5, §2.4).
pub fn check_aliases(aliases: &[String]) -> anyhow::Result<()> {
    if aliases.len() > MAX_ALIASES {
        return Err(usage(format!(
            "{} aliases given; the server accepts at most {MAX_ALIASES}",
            aliases.len()
        )));
    }
    for alias in aliases {
        if alias.trim().is_empty() {
            return Err(usage("an alias must not be empty or blank"));
        }
        if alias.chars().any(char::is_control) {
            return Err(usage(format!(
                "the alias \"{}\" contains a control character (a newline or tab?); remove it",
                alias.escape_debug()
            )));
        }
        if server_len(alias) > MAX_ALIAS_LEN {
            return Err(usage(format!(
                "an alias is {} characters long; the server accepts at most {MAX_ALIAS_LEN}",
                server_len(alias)
            )));
        }
    }
    Ok(())
}

fn expiry(
    expires_in: Option<Duration>,
    expires_at: Option<&str>,
    now: OffsetDateTime,
) -> anyhow::Result<Option<String>> {
    let instant = match (expires_in, expires_at) {
        (Some(duration), _) => {
            if duration.is_zero() {
                return Err(usage("--expires-in must be more than zero, e.g. `10m`"));
            }
            let duration = time::Duration::try_from(duration)
                .map_err(|_| usage("--expires-in is too long"))?;
            now.checked_add(duration)
                .ok_or_else(|| usage("--expires-in is too long"))?
        }
        (None, Some(text)) => {
            let instant = OffsetDateTime::parse(text, &Rfc3339).map_err(|_| {
                usage(format!(
                    "--expires-at `{text}` is not an RFC 3339 time; use e.g. 2030-01-01T12:00:00Z"
                ))
            })?;
            if instant <= now {
                return Err(usage(format!(
                    "--expires-at `{text}` is in the past; give a future time or use --expires-in"
                )));
            }
            instant
        }
        (None, None) => return Ok(None),
    };
    let utc = instant.to_offset(time::UtcOffset::UTC);
    Ok(Some(utc.format(&Rfc3339)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;
    use time::macros::datetime;

    fn args(extra: &[&str]) -> RegisterTokenArgs {
        let mut argv = vec!["passwordless", "register-token"];
        argv.extend_from_slice(extra);
        match crate::cli::Cli::parse_from(argv).command {
            crate::cli::Command::RegisterToken(args) => args,
            _ => unreachable!(),
        }
    }

    const NOW: OffsetDateTime = datetime!(2026-01-01 00:00:00 UTC);

    #[test]
    fn username_defaults_to_the_user_id() {
        let request = build_request(&args(&["--user-id", "42", "--alias", "laptop"]), NOW).unwrap();
        assert_eq!(request.username, "42");
        assert_eq!(request.aliases, Some(vec!["laptop".to_owned()]));
        let body = serde_json::to_string(&request).unwrap();
        assert_eq!(
            body,
            r#"{"userId":"42","username":"42","aliases":["laptop"]}"#
        );
    }

    #[test]
    fn every_flag_reaches_the_body() {
        let request = build_request(
            &args(&[
                "--user-id",
                "42",
                "--username",
                "a@b",
                "--display-name",
                "A",
                "--no-alias-hashing",
                "--discoverable",
                "false",
                "--attestation",
                "direct",
                "--authenticator-type",
                "cross-platform",
                "--user-verification",
                "required",
                "--hint",
                "security-key",
                "--expires-in",
                "5m",
            ]),
            NOW,
        )
        .unwrap();
        let body = serde_json::to_value(&request).unwrap();
        assert_eq!(
            body,
            serde_json::json!({
                "userId": "42", "username": "a@b", "displayName": "A",
                "attestation": "direct", "authenticatorType": "cross-platform",
                "discoverable": false, "userVerification": "required",
                "aliasHashing": false, "hints": ["security-key"],
                "expiresAt": "2026-01-01T00:05:00Z"
            })
        );
    }

    #[test]
    fn refuses_what_the_server_would_reject() {
        let cases: Vec<Vec<String>> = vec![
            vec!["--user-id".into(), " ".into()],
            vec![
                "--user-id".into(),
                "1".into(),
                "--username".into(),
                "".into(),
            ],
            vec!["--user-id".into(), "1".into(), "--alias".into(), " ".into()],
            vec![
                "--user-id".into(),
                "1".into(),
                "--alias".into(),
                "x".repeat(251),
            ],
            vec![
                "--user-id".into(),
                "1".into(),
                "--expires-at".into(),
                "2025-01-01T00:00:00Z".into(),
            ],
            vec![
                "--user-id".into(),
                "1".into(),
                "--expires-at".into(),
                "tomorrow".into(),
            ],
            vec![
                "--user-id".into(),
                "1".into(),
                "--expires-in".into(),
                "0s".into(),
            ],
        ];
        for case in cases {
            let refs: Vec<&str> = case.iter().map(String::as_str).collect();
            let err = build_request(&args(&refs), NOW).unwrap_err();
            assert_eq!(
                crate::exit::classify(&err),
                crate::exit::Exit::Usage,
                "{case:?}"
            );
        }
        let mut many = vec!["--user-id", "1"];
        for _ in 0..11 {
            many.extend_from_slice(&["--alias", "a"]);
        }
        let err = build_request(&args(&many), NOW).unwrap_err();
        assert!(err.to_string().contains("at most 10"));
        let hints = [
            "--user-id",
            "1",
            "--hint",
            "hybrid",
            "--hint",
            "hybrid",
            "--hint",
            "hybrid",
            "--hint",
            "hybrid",
        ];
        assert!(build_request(&args(&hints), NOW).is_err());
    }
}
