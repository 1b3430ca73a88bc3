//! Glue shared by the register and sign-in ceremonies: checking the credential JSON a browser
//! sends once it is bound (base64url members, the credential type, transports), the user's
//! credential descriptors, fresh challenges, and the `verify_` token a ceremony ends with.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use time::Duration;

use super::credentials::decode_base64url;
use crate::cx::Cx;
use crate::problem::Problem;
use crate::state::{App, StoredCredential, random_bytes};
use crate::{dates, tokens};
use passwordless_model::types::{CredentialDescriptor, VerifiedUser};

/// fido2-net-lib's default `Timeout` for both option kinds, in milliseconds.
pub const TIMEOUT_MS: u64 = 60_000;

/// The transports fido2-net-lib's `AuthenticatorTransport` enum knows.
const TRANSPORTS: [&str; 6] = ["usb", "nfc", "ble", "smart-card", "hybrid", "internal"];

pub fn challenge() -> String {
    URL_SAFE_NO_PAD.encode(random_bytes::<16>())
}

/// A base64url member (Fido2's `Base64UrlConverter`); standard base64 fails binding.
pub fn bytes(name: &str, value: &str) -> Result<Vec<u8>, Problem> {
    decode_base64url(value).ok_or_else(|| {
        Problem::binding(&format!(
            "The JSON value of '{name}' could not be converted to System.Byte[]: it is not base64url."
        ))
    })
}

/// `type` of a credential: an enum whose only value is `public-key`.
pub fn credential_type(kind: &str) -> Result<(), Problem> {
    if kind == "public-key" {
        return Ok(());
    }
    Err(Problem::binding(&format!(
        "The JSON value of 'type' could not be converted to Fido2NetLib.Objects.PublicKeyCredentialType: {kind:?}."
    )))
}

/// `transports` of an attestation response; unknown names fail binding like the enum does.
pub fn transports(list: &[String]) -> Result<(), Problem> {
    match list.iter().find(|t| !TRANSPORTS.contains(&t.as_str())) {
        None => Ok(()),
        Some(t) => Err(Problem::binding(&format!(
            "The JSON value of 'transports' could not be converted to Fido2NetLib.Objects.AuthenticatorTransport: {t:?}."
        ))),
    }
}

/// The descriptors of a user's credentials, as `excludeCredentials` / `allowCredentials` list
/// them (the server never stores transports, so none are listed).
pub fn descriptors(app: &App, user_id: &str) -> Vec<CredentialDescriptor> {
    app.users
        .credentials_of(user_id)
        .iter()
        .map(|c| CredentialDescriptor {
            kind: "public-key".into(),
            id: URL_SAFE_NO_PAD.encode(&c.id),
            transports: c.transports(),
        })
        .collect()
}

/// What a ceremony's `verify_` token says.
pub struct Outcome<'a> {
    pub credential: &'a StoredCredential,
    pub kind: &'static str,
    pub rp_id: Option<String>,
    pub origin: String,
    pub purpose: Option<String>,
    pub ttl: Duration,
}

/// Mints the `verify_` token of a completed ceremony (`passkey_register` or `passkey_signin`).
pub fn verify_token(shared: &Cx<'_>, app: &App, outcome: Outcome) -> String {
    let now = shared.now();
    let c = outcome.credential;
    let user = VerifiedUser {
        user_id: c.user_id.to_string(),
        timestamp: dates::token(now),
        rp_id: outcome.rp_id,
        origin: Some(outcome.origin),
        success: true,
        device: Some(c.device.to_string()),
        country: Some(c.country.to_string()),
        nickname: c.nickname(),
        credential_id: Some(STANDARD.encode(&c.id)),
        purpose: outcome.purpose,
        expires_at: dates::token(now + outcome.ttl),
        token_id: shared.new_id(),
        kind: outcome.kind.into(),
    };
    let payload = serde_json::to_value(&user).unwrap_or_default();
    tokens::mint(app, tokens::VERIFY, &payload)
}
