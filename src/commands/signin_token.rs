//! `passwordless signin-token`: mints a verifiable sign-in token for a user with
//! `POST /signin/generate-token`, without a browser or passkey.

use super::usage;
use crate::api::limits::{MAX_TTL_SECONDS, MIN_TTL_SECONDS};
use crate::api::types::GenerateSigninTokenRequest;
use crate::cli::SigninTokenArgs;
use crate::context::Context;
use crate::output::{Output, labeled};

pub fn run(args: &SigninTokenArgs, ctx: &Context) -> anyhow::Result<Output> {
    let request = build_request(args)?;
    let response = ctx.client()?.generate_signin_token(&request)?;
    let token = response.data.token;
    Ok(Output::Record {
        json: response.json,
        fields: labeled(vec![("token", token.clone())]),
        id: Some(token),
    })
}

pub fn build_request(args: &SigninTokenArgs) -> anyhow::Result<GenerateSigninTokenRequest> {
    if args.user_id.trim().is_empty() {
        return Err(usage("--user-id must not be empty"));
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
        user_id: args.user_id.clone(),
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
            user_id: "42".into(),
            ttl,
            purpose: None,
            rp_id: None,
            origin: None,
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
