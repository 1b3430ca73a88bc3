//! `passwordless signin-token`: mints a verifiable sign-in token for a user with
//! `POST /signin/generate-token`, without a browser or passkey.

use super::bulk::{RecordCommand, body};
use super::{required, usage};
use crate::api::endpoints::GENERATE_SIGNIN_TOKEN;
use crate::api::limits::{MAX_TTL_SECONDS, MIN_TTL_SECONDS};
use crate::api::types::GenerateSigninTokenRequest;
use crate::bulk::schema::Synonym;
use crate::cli::SigninTokenArgs;
use crate::context::Context;
use crate::output::{Output, labeled};

/// `timeToLive` (seconds) and the server's `RPID` are flags under other names.
const SYNONYMS: &[Synonym] = &[
    Synonym::names("time-to-live", "ttl"),
    Synonym::names("rpid", "rp-id"),
];

pub fn run(args: &SigninTokenArgs, ctx: &Context) -> anyhow::Result<Output> {
    if args.bulk.from_file.is_some() {
        let op = RecordCommand::new(
            "signin-token",
            GENERATE_SIGNIN_TOKEN,
            SYNONYMS,
            "user-id",
            Box::new(|args: &SigninTokenArgs| {
                let request = build_request(args)?;
                Ok((request.user_id.clone(), body(&request)?))
            }),
        );
        return super::bulk::run(op, &args.bulk, ctx);
    }
    let request = build_request(args)?;
    let client = ctx.client()?;
    if let Some(purpose) = &args.purpose {
        // The server mints a token for any purpose, but only configured ones mean anything:
        // a typo would give a token whose verify step never matches.
        if client
            .list_auth_configs(Some(purpose))?
            .data
            .configurations
            .is_empty()
        {
            return Err(usage(format!(
                "there is no authentication configuration for purpose `{purpose}`; list them with `passwordless auth-configs list`, or add it with `passwordless auth-configs add --purpose {purpose}`"
            )));
        }
    }
    let response = client.generate_signin_token(&request)?;
    let token = response.data.token;
    Ok(Output::Record {
        json: response.json,
        fields: labeled(vec![("token", token.clone())]),
        id: Some(token),
    })
}

pub fn build_request(args: &SigninTokenArgs) -> anyhow::Result<GenerateSigninTokenRequest> {
    let user_id = required(&args.user_id, "--user-id")?;
    super::require_user_id(user_id)?;
    if let Some(purpose) = &args.purpose {
        super::auth_configs::check_purpose(purpose)?;
    }
    let time_to_live = match args.ttl {
        None => None,
        Some(ttl) => {
            let seconds = i64::try_from(ttl.as_secs()).unwrap_or(i64::MAX);
            if ttl.subsec_nanos() != 0 || !(MIN_TTL_SECONDS..=MAX_TTL_SECONDS).contains(&seconds) {
                return Err(usage(format!(
                    "--ttl must be a whole number of seconds from 1 to {MAX_TTL_SECONDS} (7 days), e.g. `120` or `10m`"
                )));
            }
            Some(seconds)
        }
    };
    Ok(GenerateSigninTokenRequest {
        user_id: user_id.to_owned(),
        time_to_live,
        purpose: args.purpose.clone(),
        rp_id: args.rp_id.clone(),
        origin: args.origin.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn args(ttl: Option<Duration>) -> SigninTokenArgs {
        SigninTokenArgs {
            user_id: Some("42".into()),
            ttl,
            purpose: None,
            rp_id: None,
            origin: None,
            bulk: Default::default(),
        }
    }

    #[test]
    fn ttl_range() {
        assert!(build_request(&args(Some(Duration::from_secs(1)))).is_ok());
        assert!(build_request(&args(Some(Duration::from_secs(604_800)))).is_ok());
        assert!(build_request(&args(Some(Duration::from_secs(0)))).is_err());
        assert!(build_request(&args(Some(Duration::from_secs(604_801)))).is_err());
        assert!(build_request(&args(Some(Duration::from_millis(1500)))).is_err());
        let body = serde_json::to_string(&build_request(&args(None)).unwrap()).unwrap();
        assert_eq!(body, r#"{"userId":"42"}"#);
    }
}
