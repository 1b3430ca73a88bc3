//! `passwordless magic-link send`: e-mails a sign-in link. Checked against the server's rules
//! first and never retried, because every accepted call sends an e-mail.

use serde::Serialize;

use super::bulk::{RecordCommand, body};
use super::{done, require_user_id, required, usage};
use crate::api::endpoints::SEND_MAGIC_LINK;
use crate::api::limits::{MAX_TTL_SECONDS, MIN_TTL_SECONDS};
use crate::api::types::SendMagicLinkRequest;
use crate::bulk::schema::Synonym;
use crate::cli::{MagicLinkCommand, MagicLinkSendArgs};
use crate::context::Context;
use crate::output::Output;

/// The API's member names for two flags.
const SYNONYMS: &[Synonym] = &[
    Synonym::names("email-address", "email"),
    Synonym::names("time-to-live", "ttl"),
];

pub fn run(command: &MagicLinkCommand, ctx: &Context) -> anyhow::Result<Output> {
    match command {
        MagicLinkCommand::Send(args) if args.bulk.from_file.is_some() => {
            let op = RecordCommand::new(
                "magic-link send",
                SEND_MAGIC_LINK,
                SYNONYMS,
                "user-id",
                Box::new(|args: &MagicLinkSendArgs| {
                    let request = build_request(args)?;
                    Ok((request.user_id.clone(), body(&request)?))
                }),
            );
            super::bulk::run(op, &args.bulk, ctx)
        }
        MagicLinkCommand::Send(args) => {
            let request = build_request(args)?;
            ctx.client()?.send_magic_link(&request)?;
            Ok(done(
                request.email_address.clone(),
                format!(
                    "Sent a sign-in link for user `{}` to {}.",
                    request.user_id, request.email_address
                ),
                serde_json::to_value(Sent {
                    email_address: &request.email_address,
                    user_id: &request.user_id,
                    sent: true,
                })?,
            ))
        }
    }
}

/// What `--json` shows for a sent link: whom it went to, never the link (it holds a token).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Sent<'a> {
    email_address: &'a str,
    user_id: &'a str,
    sent: bool,
}

pub fn build_request(args: &MagicLinkSendArgs) -> anyhow::Result<SendMagicLinkRequest> {
    let user_id = required(&args.user_id, "--user-id")?;
    let email = required(&args.email, "--email")?;
    let url_template = required(&args.url_template, "--url-template")?;
    require_user_id(user_id)?;
    check_email(email)?;
    check_template(url_template)?;
    let time_to_live = match args.ttl {
        None => None,
        Some(ttl)
            if ttl.subsec_nanos() == 0
                && i64::try_from(ttl.as_secs())
                    .is_ok_and(|s| (MIN_TTL_SECONDS..=MAX_TTL_SECONDS).contains(&s)) =>
        {
            Some(ttl.as_secs() as i64)
        }
        Some(_) => {
            return Err(usage(format!(
                "--ttl must be a whole number of seconds from 1 to {MAX_TTL_SECONDS} (7 days)"
            )));
        }
    };
    Ok(SendMagicLinkRequest {
        email_address: email.to_owned(),
        url_template: url_template.to_owned(),
        user_id: user_id.to_owned(),
        time_to_live,
    })
}

/// The server's `[EmailAddress]` rule: exactly one `@`, not first or last.
fn check_email(email: &str) -> anyhow::Result<()> {
    let at = email.matches('@').count();
    if at != 1 || email.starts_with('@') || email.ends_with('@') {
        return Err(usage(format!(
            "`{email}` is not an e-mail address; use e.g. alice@example.com"
        )));
    }
    Ok(())
}

/// Must hold `$TOKEN` and be an absolute http(s) URL (contract §2.9).
fn check_template(template: &str) -> anyhow::Result<()> {
    if !template.to_ascii_uppercase().contains("$TOKEN") {
        return Err(usage(
            "--url-template has no $TOKEN; include it where the token goes, e.g. 'https://app.example.com/verify?token=$TOKEN' (single quotes keep the shell from expanding it)",
        ));
    }
    let sample = template.replace("$TOKEN", "token");
    match url::Url::parse(&sample) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => Ok(()),
        _ => Err(usage(format!(
            "--url-template `{template}` is not an absolute http(s) URL"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(email: &str, template: &str) -> MagicLinkSendArgs {
        MagicLinkSendArgs {
            email: Some(email.into()),
            url_template: Some(template.into()),
            user_id: Some("42".into()),
            ttl: None,
            bulk: Default::default(),
        }
    }

    #[test]
    fn checks() {
        assert!(build_request(&args("a@b.c", "https://x.dev/?t=$TOKEN")).is_ok());
        assert!(build_request(&args("a@b.c", "https://x.dev/?t=$token")).is_ok());
        assert!(build_request(&args("ab.c", "https://x.dev/?t=$TOKEN")).is_err());
        assert!(build_request(&args("a@b@c", "https://x.dev/?t=$TOKEN")).is_err());
        assert!(build_request(&args("a@b.c", "https://x.dev/")).is_err());
        assert!(build_request(&args("a@b.c", "/verify?t=$TOKEN")).is_err());
        let body = serde_json::to_value(build_request(&args("a@b.c", "https://x/$TOKEN")).unwrap())
            .unwrap();
        assert_eq!(
            body,
            serde_json::json!({"emailAddress":"a@b.c","urlTemplate":"https://x/$TOKEN","userId":"42"})
        );
    }
}
