//! `POST /signin/verify` and `POST /signin/generate-token` (contract §2.2, §2.3, §6).

use axum::http::StatusCode;
use time::Duration;

use super::{app_ref, log_event};
use crate::api::types::VerifiedUser;
use crate::emulator::input::{self, blank};
use crate::emulator::problem::{Problem, Validation};
use crate::emulator::server::{Reply, Req, ok, token_reply};
use crate::emulator::state::{App, Shared};
use crate::emulator::tokens::{self, OpenError};
use crate::emulator::{auth, dates};

pub const MAX_TTL: i64 = 604_800;

pub fn verify(shared: &Shared, req: &Req) -> Reply {
    // Read-only unless the app logs events: token requests run side by side.
    let state = shared.read();
    let caller = auth::api_secret(&state, req, Some("token_verify"))?;
    let b = input::body(req, "SignInVerifyDTO")?;
    let token = b.string("token")?.filter(|t| !t.is_empty());
    let Some(token) = token else {
        return Err(Problem::bad_request(
            Some("missing_token"),
            "This operation requires a token that starts with 'verify_' to be passed.",
        ));
    };
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
    let app = app_ref(&state, &caller.app_id)?;
    let user = open_verify(app, &token[tokens::VERIFY.len()..])?;
    let expires_at = dates::parse_stored(&user.expires_at).ok_or_else(format_error)?;
    let now = dates::now();
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
        log_event(
            shared,
            &caller.app_id,
            "ApiUserSignInVerified",
            format!("Verified sign-in token for user {}.", user.user_id),
            &user.user_id,
            &caller.key_id,
        );
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
pub fn mint_verify(shared: &Shared, app: &App, claims: Claims) -> String {
    let Claims {
        user_id,
        ttl,
        kind,
        purpose,
        rp_id,
        origin,
    } = claims;
    let now = dates::now();
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

pub fn generate(shared: &Shared, req: &Req) -> Reply {
    let state = shared.read();
    let caller = auth::api_secret(&state, req, Some("token_verify"))?;
    let b = input::body(req, "SigninTokenRequest")?;
    b.require_present("SigninTokenRequest", &["userId"])?;
    let user_id = b.string("userId")?;
    let ttl = b.int("timeToLive")?;
    let purpose = b.string("purpose")?;
    let rp_id = b.string("RPID")?;
    let origin = b.string("Origin")?;

    let mut v = Validation::default();
    if blank(&user_id) {
        v.required("userId", "UserId");
    }
    if ttl.is_some_and(|t| !(1..=MAX_TTL).contains(&t)) {
        v.range("timeToLiveSeconds", "TimeToLiveSeconds", 1, MAX_TTL);
    }
    v.into_result()?;
    let user_id = user_id.unwrap_or_default();

    let app = app_ref(&state, &caller.app_id)?;
    if !app.features.generate_signin_enabled {
        return Err(Problem::api(
            StatusCode::FORBIDDEN,
            None,
            "The 'POST /signin/generate-token' endpoint is disabled",
        ));
    }
    let claims = Claims {
        user_id: &user_id,
        ttl: Duration::seconds(ttl.unwrap_or(120)),
        kind: "generated_signin",
        purpose: Some(purpose.unwrap_or_else(|| "sign-in".into())),
        rp_id,
        origin,
    };
    let token = mint_verify(shared, app, claims);
    if app.features.event_logging_enabled {
        drop(state);
        log_event(
            shared,
            &caller.app_id,
            "ApiUserSigninTokenCreated",
            format!("Created sign-in token for user {user_id}."),
            &user_id,
            &caller.key_id,
        );
    }
    token_reply(&token)
}
