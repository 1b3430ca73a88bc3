//! `POST /register/token` (contract §2.1, §5).

use serde::Serialize;
use time::Duration;

use super::{check_alias_conflict, dedup, record_event, validate_aliases};
use crate::cx::Cx;
use crate::http::{Reply, Req, token_reply_with};
use crate::input::{self, blank};
use crate::problem::{Problem, Validation};
use crate::{auth, dates, tokens};
use passwordless_model::limits::{
    DEFAULT_TOKEN_TTL_SECONDS, MAX_HINTS, MAX_USER_HANDLE_BYTES, SCOPE_TOKEN_REGISTER,
};
use passwordless_model::types::RegisterTokenRequest;

const DEFAULT_TTL: Duration = Duration::seconds(DEFAULT_TOKEN_TTL_SECONDS);

/// What a registration token carries: the server's `RegisterToken` with its defaults applied.
/// Members that were not given are left out rather than written as `null` (the readers take
/// both alike), which keeps the token, and the work of signing and encoding it, smaller.
/// Borrowed from the request, so building it copies no strings.
#[derive(Serialize)]
#[cfg_attr(test, derive(Clone))]
#[serde(rename_all = "camelCase")]
struct Payload<'a> {
    expires_at: String,
    token_id: &'a str,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
    user_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_name: Option<&'a str>,
    username: &'a str,
    attestation: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    authenticator_type: Option<&'a str>,
    discoverable: bool,
    user_verification: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    aliases: Option<&'a [String]>,
    alias_hashing: bool,
    hints: &'a [String],
}

/// The token id when the request names none: the server's `Guid.Empty`.
const NIL_TOKEN_ID: &str = "00000000-0000-0000-0000-000000000000";

pub fn token(shared: &Cx<'_>, req: &Req) -> Reply {
    // The emulator's busiest route. Token requests only read, except for the event, so they run
    // side by side under the read lock; it is held only to look things up (binding, signing and
    // encoding need no state), because a writer (with `--state`, the event's) waits for every
    // reader to leave.
    let caller = auth::api_secret(&shared.read(), req, Some(SCOPE_TOKEN_REGISTER))?;
    let RegisterTokenRequest {
        user_id,
        username,
        display_name,
        attestation,
        authenticator_type,
        discoverable,
        user_verification,
        aliases,
        alias_hashing,
        hints,
        expires_at,
        token_id,
        kind,
    } = input::bind(req, "RegisterToken")?;
    let expires_at = match expires_at {
        None => None,
        Some(s) => dates::parse(&s).map_err(|_| {
            Problem::binding(&format!(
                "The JSON value of 'expiresAt' could not be converted to System.DateTime: {s:?} is not an ISO-8601 date-time."
            ))
        })?,
    };

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
    if hints.as_ref().is_some_and(|h| h.len() > MAX_HINTS) {
        v.add(
            "hints",
            format!(
                "The field Hints must be a string or array type with a maximum length of '{MAX_HINTS}'."
            ),
        );
    }
    v.into_result()?;
    // Server parity: accepted. But the id becomes the passkey's user handle, which browsers
    // refuse over 64 bytes at `navigator.credentials.create`, so say so where a developer
    // looks (the request log, `--log`) instead of letting it fail later in the browser.
    if user_id.len() > MAX_USER_HANDLE_BYTES {
        shared.warn(format!(
            "userId is {} bytes; the server accepts it, but browsers refuse a passkey user handle over {MAX_USER_HANDLE_BYTES} bytes, so registering this user will fail in the browser",
            user_id.len()
        ));
    }

    let state = shared.read();
    let app = state
        .apps
        .get(&caller.app_id)
        .ok_or_else(Problem::internal)?;
    let attestation = attestation
        .as_deref()
        .filter(|a| !a.is_empty())
        .unwrap_or("none");
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
        && app.users.count_with_credentials() as i64 >= max
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

    let key = tokens::newest_key(app).clone();
    let log_event = app.features.event_logging_enabled;
    drop(state);

    let expires_at = expires_at.unwrap_or_else(|| shared.now() + DEFAULT_TTL);
    let hints = hints.map(dedup).unwrap_or_default();
    let payload = Payload {
        expires_at: dates::token(expires_at),
        token_id: token_id.as_deref().unwrap_or(NIL_TOKEN_ID),
        kind: kind.as_deref(),
        user_id: &user_id,
        display_name: display_name.as_deref(),
        username: &username,
        attestation,
        authenticator_type: authenticator_type.as_deref(),
        discoverable: discoverable.unwrap_or(true),
        user_verification: user_verification
            .as_deref()
            .filter(|u| !u.is_empty())
            .unwrap_or("Preferred"),
        aliases: aliases.as_deref(),
        alias_hashing: alias_hashing.unwrap_or(true),
        hints: &hints,
    };
    let reply =
        token_reply_with(|body| tokens::mint_json_into(&key, tokens::REGISTER, &payload, body));
    if log_event {
        record_event(shared, &caller, |by| {
            by.registration_token_created(&user_id)
        })?;
    }
    reply
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The payload's JSON as readers of the token see it: camelCase members in this order, and
    /// members that were not given left out.
    #[test]
    fn the_payload_is_compact_json_without_absent_members() {
        let aliases = vec![
            "a@example.com".to_string(),
            "quote \" and \\ and \u{1}".into(),
        ];
        let hints = vec!["client-device".to_string()];
        let full = Payload {
            expires_at: "2026-12-02T03:04:05.1234567Z".into(),
            token_id: "t-1",
            kind: Some("register"),
            user_id: "user \"42\"",
            display_name: Some("Zoë\n"),
            username: "z@example.com",
            attestation: "direct",
            authenticator_type: Some("platform"),
            discoverable: false,
            user_verification: "Required",
            aliases: Some(&aliases),
            alias_hashing: false,
            hints: &hints,
        };
        let bare = Payload {
            kind: None,
            display_name: None,
            authenticator_type: None,
            aliases: None,
            hints: &[],
            discoverable: true,
            alias_hashing: true,
            ..full.clone()
        };
        assert_eq!(
            serde_json::to_string(&full).unwrap(),
            r#"{"expiresAt":"2026-12-02T03:04:05.1234567Z","tokenId":"t-1","type":"register","userId":"user \"42\"","displayName":"Zoë\n","username":"z@example.com","attestation":"direct","authenticatorType":"platform","discoverable":false,"userVerification":"Required","aliases":["a@example.com","quote \" and \\ and \u0001"],"aliasHashing":false,"hints":["client-device"]}"#
        );
        assert_eq!(
            serde_json::to_string(&bare).unwrap(),
            r#"{"expiresAt":"2026-12-02T03:04:05.1234567Z","tokenId":"t-1","userId":"user \"42\"","username":"z@example.com","attestation":"direct","discoverable":true,"userVerification":"Required","aliasHashing":true,"hints":[]}"#
        );
    }
}
