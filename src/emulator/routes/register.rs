//! `POST /register/token` (contract §2.1, §5).

use serde::Serialize;
use time::Duration;

use super::{app_ref, check_alias_conflict, dedup, log_event, validate_aliases};
use crate::emulator::input::{self, blank};
use crate::emulator::problem::{Problem, Validation};
use crate::emulator::server::{Reply, Req, token_reply};
use crate::emulator::state::Shared;
use crate::emulator::{auth, dates, tokens};

const DEFAULT_TTL: Duration = Duration::seconds(120);

/// What a register token carries, in the order the server writes it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Payload<'a> {
    expires_at: String,
    token_id: &'a str,
    #[serde(rename = "type")]
    kind: Option<&'a str>,
    user_id: &'a str,
    display_name: Option<&'a str>,
    username: Option<&'a str>,
    attestation: &'a str,
    authenticator_type: Option<&'a str>,
    discoverable: bool,
    user_verification: &'a str,
    aliases: Option<&'a [String]>,
    alias_hashing: bool,
    hints: Vec<String>,
}

pub fn token(shared: &Shared, req: &Req) -> Reply {
    // Read-only unless the app logs events: token requests run side by side.
    let state = shared.read();
    let caller = auth::api_secret(&state, req, Some("token_register"))?;
    let b = input::body(req, "RegisterToken")?;

    let user_id = b.string("userId")?;
    let display_name = b.string("displayName")?;
    let username = b.string("username")?;
    let attestation = b.string("attestation")?;
    let authenticator_type = b.string("authenticatorType")?;
    let discoverable = b.bool("discoverable")?.unwrap_or(true);
    let user_verification = b.string("userVerification")?;
    let aliases = b.strings("aliases")?;
    let alias_hashing = b.bool("aliasHashing")?.unwrap_or(true);
    let hints = b.strings("hints")?;
    let expires_at = match b.string("expiresAt")? {
        None => None,
        Some(s) => dates::parse(&s).map_err(|_| {
            Problem::binding(&format!(
                "The JSON value of 'expiresAt' could not be converted to System.DateTime: {s:?} is not an ISO-8601 date-time."
            ))
        })?,
    };
    let token_id = b
        .string("tokenId")?
        .unwrap_or_else(|| uuid::Uuid::nil().to_string());
    let kind = b.string("type")?;

    let mut v = Validation::default();
    if blank(&user_id) {
        v.required("userId", "UserId");
    }
    if blank(&username) {
        v.required("username", "Username");
    }
    if let Some(aliases) = &aliases {
        validate_aliases(&mut v, aliases);
    }
    if hints.as_ref().is_some_and(|h| h.len() > 3) {
        v.add(
            "hints",
            "The field Hints must be a string or array type with a maximum length of '3'.",
        );
    }
    v.into_result()?;
    let user_id = user_id.unwrap_or_default();

    let app = app_ref(&state, &caller.app_id)?;
    let attestation = attestation
        .filter(|a| !a.is_empty())
        .unwrap_or_else(|| "none".into());
    if attestation == "direct" || attestation == "indirect" {
        if !app.features.allow_attestation {
            return Err(Problem::bad_request(
                Some("attestation_not_supported_on_plan"),
                "Attestation type not supported on your plan",
            ));
        }
    } else if !attestation.eq_ignore_ascii_case("none") {
        return Err(Problem::bad_request(
            Some("invalid_attestation"),
            "Attestation type not supported",
        ));
    }
    if let Some(max) = app.features.max_users
        && !app.has_credentials(&user_id)
        && app.credential_owners().len() as i64 >= max
    {
        return Err(Problem::bad_request(
            Some("max_users_reached"),
            "Maximum number of users reached",
        ));
    }
    let aliases = aliases.map(dedup);
    if let Some(aliases) = &aliases {
        check_alias_conflict(app, &user_id, aliases)?;
    }

    let expires_at = expires_at.unwrap_or_else(|| dates::now() + DEFAULT_TTL);
    let payload = Payload {
        expires_at: dates::token(expires_at),
        token_id: &token_id,
        kind: kind.as_deref(),
        user_id: &user_id,
        display_name: display_name.as_deref(),
        username: username.as_deref(),
        attestation: &attestation,
        authenticator_type: authenticator_type.as_deref(),
        discoverable,
        user_verification: user_verification
            .as_deref()
            .filter(|u| !u.is_empty())
            .unwrap_or("Preferred"),
        aliases: aliases.as_deref(),
        alias_hashing,
        hints: hints.map(dedup).unwrap_or_default(),
    };
    let token = tokens::mint(app, tokens::REGISTER, &payload);
    let logging = app.features.event_logging_enabled;
    drop(state);
    if logging {
        log_event(
            shared,
            &caller.app_id,
            "ApiAuthUserRegistered",
            format!("Created registration token for {user_id}"),
            &user_id,
            &caller.key_id,
        );
    }
    token_reply(&token)
}
