//! Opening the tokens the ceremonies consume (`register_` at `/register/begin`, `session_` at the
//! two `complete` routes) with the server's `TokenService.DecodeTokenAsync` errors, and minting
//! `session_` tokens. A session carries the options the client was given (challenge, RP ID,
//! allowed credentials, user verification…), so the `complete` routes check the answer against
//! exactly what was asked, as the server's self-contained sessions do. Sessions have no expiry
//! and are not single-use on the real server; a replayed assertion is caught by the signature
//! counter, a replayed registration by the credential id already being taken.

use serde_json::Value;

use super::problem::Problem;
use super::state::App;
use super::tokens::{self, OpenError};

pub const REGISTER: &str = "register_";
pub const SESSION: &str = "session_";

fn not_valid() -> Problem {
    Problem::bad_request(
        Some("invalid_token"),
        "The token you supplied was not valid. It could be that the token has expired or that it was not issued for this tenant.",
    )
}

fn bad_format() -> Problem {
    Problem::bad_request(
        Some("invalid_token_format"),
        "The token you supplied was not formatted correctly. It should be valid base64url.",
    )
}

/// Checks `token` against `prefix` and this app's signing keys and returns its payload.
pub fn open(app: &App, token: Option<&str>, prefix: &str) -> Result<Value, Problem> {
    let Some(token) = token else {
        return Err(Problem::bad_request(
            Some("missing_token"),
            &format!("This operation requires a token that starts with '{prefix}' to be passed."),
        ));
    };
    let has_prefix = token
        .get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix));
    if !has_prefix {
        let start: String = token.chars().take(10).collect();
        return Err(Problem::bad_request(
            Some("invalid_token"),
            &format!(
                "The token you sent was not correct. The token used for this endpoint should start with '{prefix}'. Make sure you are not sending the wrong value. The value you sent started with '{start}'"
            ),
        ));
    }
    tokens::open(app, &token[prefix.len()..]).map_err(|e| match e {
        OpenError::Format => bad_format(),
        OpenError::UnknownKey => not_valid(),
        // The server's MAC check throws a plain exception: a generic 500.
        OpenError::BadMac => Problem::internal(),
    })
}

/// Opens a `session_` token minted by [`mint`] for `kind` (`register` or `signin`). A session of
/// the other ceremony is refused as not valid for this route.
pub fn open_session(app: &App, token: Option<&str>, kind: &str) -> Result<Value, Problem> {
    let payload = open(app, token, SESSION)?;
    if payload.get("kind").and_then(Value::as_str) != Some(kind) {
        return Err(not_valid());
    }
    Ok(payload)
}

/// A `session_` token for `kind` carrying `payload`'s members.
pub fn mint(app: &App, kind: &str, mut payload: serde_json::Map<String, Value>) -> String {
    payload.insert("kind".into(), Value::String(kind.into()));
    tokens::mint(app, SESSION, &Value::Object(payload))
}

/// A payload member that the emulator itself wrote; absent means the token is not one of ours.
pub fn member<'a>(payload: &'a Value, name: &str) -> Result<&'a Value, Problem> {
    payload.get(name).ok_or_else(bad_format)
}
