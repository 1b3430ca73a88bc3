//! `POST /signin/verify` and `POST /signin/generate-token` (contract §2.2, §2.3, §6).

use axum::http::StatusCode;
use time::Duration;

use super::record_event;
use crate::cx::Cx;
use crate::http::{Reply, Req, ok, token_reply};
use crate::input::{self, blank};
use crate::problem::{Problem, Validation};
use crate::state::App;
use crate::tokens::{self, OpenError};
use crate::{auth, dates};
use passwordless_model::limits::{
    DEFAULT_TOKEN_TTL_SECONDS, MAX_TTL_SECONDS, MIN_TTL_SECONDS, SCOPE_TOKEN_VERIFY,
};
use passwordless_model::types::{GenerateSigninTokenRequest, VerifiedUser, VerifyTokenRequest};

pub fn verify(shared: &Cx<'_>, req: &Req) -> Reply {
    // The read lock, as for the token routes: only the event (when logged) changes anything.
    let state = shared.read();
    let caller = auth::api_secret(&state, req, Some(SCOPE_TOKEN_VERIFY))?;
    let VerifyTokenRequest { token } = input::bind(req, "SignInVerifyDTO")?;
    if token.is_empty() {
        return Err(Problem::bad_request(
            Some("missing_token"),
            "This operation requires a token that starts with 'verify_' to be passed.",
        ));
    }
    let has_prefix = token
        .get(..tokens::VERIFY.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(tokens::VERIFY));
    if !has_prefix {
        let start: String = token.chars().take(10).collect();
        return Err(Problem::bad_request(
            Some("invalid_token"),
            &format!(
                "The token you sent was not correct. The token used for this endpoint should start with 'verify_'. Make sure you are not sending the wrong value. The value you sent started with '{start}'"
            ),
        ));
    }
    let app = state
        .apps
        .get(&caller.app_id)
        .ok_or_else(Problem::internal)?;
    let user = open_verify(app, &token[tokens::VERIFY.len()..])?;
    let expires_at = dates::parse_stored(&user.expires_at).ok_or_else(format_error)?;
    let now = shared.now();
    if expires_at < now {
        return Err(Problem::api(
            StatusCode::FORBIDDEN,
            Some("expired_token"),
            &format!(
                "The token expired {} ago.",
                dates::humanize(now - expires_at)
            ),
        ));
    }
    if app.features.event_logging_enabled {
        drop(state);
        // Verifying changes nothing but the event log.
        record_event(shared, &caller, |by| by.sign_in_verified(&user.user_id))?;
    }
    ok(&user)
}

fn format_error() -> Problem {
    Problem::bad_request(
        Some("invalid_token_format"),
        "The token you supplied was not formatted correctly. It should be valid base64url.",
    )
}

/// Opens a verify token body and maps failures to the server's errors.
fn open_verify(app: &App, body: &str) -> Result<VerifiedUser, Problem> {
    let payload = tokens::open(app, body).map_err(|e| match e {
        OpenError::Format => format_error(),
        OpenError::UnknownKey => Problem::bad_request(
            Some("invalid_token"),
            "The token you supplied was not valid. It could be that the token has expired or that it was not issued for this tenant.",
        ),
        // The server's MAC check throws a plain exception: a generic 500.
        OpenError::BadMac => Problem::internal(),
    })?;
    // A register token with its prefix swapped carries a different payload shape.
    serde_json::from_value(payload).map_err(|_| format_error())
}

/// What a manually minted verify token says (generated sign-in and magic links).
pub struct Claims<'a> {
    pub user_id: &'a str,
    pub ttl: Duration,
    pub kind: &'a str,
    pub purpose: Option<String>,
    pub rp_id: Option<String>,
    pub origin: Option<String>,
}

/// Mints a verify token; shared with magic links.
pub fn mint_verify(shared: &Cx<'_>, app: &App, claims: Claims) -> String {
    let Claims {
        user_id,
        ttl,
        kind,
        purpose,
        rp_id,
        origin,
    } = claims;
    let now = shared.now();
    let user = VerifiedUser {
        user_id: user_id.into(),
        timestamp: dates::token(now),
        rp_id,
        origin,
        success: true,
        device: None,
        country: None,
        nickname: None,
        credential_id: None,
        purpose,
        expires_at: dates::token(now + ttl),
        token_id: shared.new_id(),
        kind: kind.into(),
    };
    tokens::mint(app, tokens::VERIFY, &user)
}

pub fn generate(shared: &Cx<'_>, req: &Req) -> Reply {
    let state = shared.read();
    let caller = auth::api_secret(&state, req, Some(SCOPE_TOKEN_VERIFY))?;
    const TYPE: &str = "SigninTokenRequest";
    let body = input::body(req, TYPE)?;
    body.require_present(TYPE, &["userId"])?;
    let GenerateSigninTokenRequest {
        user_id,
        time_to_live: ttl,
        purpose,
        rp_id,
        origin,
    } = body.bind(TYPE)?;

    let mut v = Validation::default();
    if blank(&user_id) {
        v.required("userId", "UserId");
    }
    if ttl.is_some_and(|t| !(MIN_TTL_SECONDS..=MAX_TTL_SECONDS).contains(&t)) {
        v.range(
            "timeToLiveSeconds",
            "TimeToLiveSeconds",
            MIN_TTL_SECONDS,
            MAX_TTL_SECONDS,
        );
    }
    v.into_result()?;

    // Read-only: the server records no event here, so nothing changes.
    let app = state
        .apps
        .get(&caller.app_id)
        .ok_or_else(Problem::internal)?;
    if !app.features.generate_signin_enabled {
        return Err(Problem::api(
            StatusCode::FORBIDDEN,
            None,
            "The 'POST /signin/generate-token' endpoint is disabled",
        ));
    }
    let claims = Claims {
        user_id: &user_id,
        ttl: Duration::seconds(ttl.unwrap_or(DEFAULT_TOKEN_TTL_SECONDS)),
        kind: "generated_signin",
        purpose: Some(purpose.unwrap_or_else(|| "sign-in".into())),
        rp_id,
        origin,
    };
    // The server records no event for a manually generated token.
    let token = mint_verify(shared, app, claims);
    token_reply(&token)
}
