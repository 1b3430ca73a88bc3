//! The authentication ceremony's checks (WebAuthn §7.2) in fido2-net-lib's order
//! (`AuthenticatorAssertionResponse.VerifyAsync`): client data, allowed credentials, user
//! handle, RP ID hash, flags, the signature over `authenticatorData || SHA-256(clientDataJSON)`
//! and the signature counter.

use sha2::{Digest, Sha256};

use super::VerifyError;
use super::authdata::{self, flags};
use super::client_data;
use super::cose::PublicKey;
use super::registration::check_presence;

/// What the client sent (`response` of `/signin/complete`), decoded from base64url.
#[derive(Debug, Clone, Copy)]
pub struct AssertionRequest<'a> {
    pub raw_id: &'a [u8],
    /// `type`; only `public-key` is valid.
    pub kind: &'a str,
    pub client_data_json: &'a [u8],
    pub authenticator_data: &'a [u8],
    pub signature: &'a [u8],
    pub user_handle: Option<&'a [u8]>,
}

/// What the relying party asked for in the request options.
#[derive(Debug, Clone, Copy)]
pub struct AssertionPolicy<'a> {
    pub challenge: &'a [u8],
    pub origin: &'a str,
    pub rp_id: &'a str,
    pub user_verification_required: bool,
    /// `allowCredentials` ids; empty for a discoverable sign-in.
    pub allow_credentials: &'a [Vec<u8>],
}

/// The stored credential being used.
#[derive(Debug, Clone, Copy)]
pub struct StoredKey<'a> {
    pub public_key: &'a [u8],
    pub sign_count: u32,
    pub user_handle: &'a [u8],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Asserted {
    pub sign_count: u32,
    pub backed_up: bool,
    pub user_verified: bool,
}

pub fn verify_assertion(
    request: &AssertionRequest,
    policy: &AssertionPolicy,
    stored: &StoredKey,
) -> Result<Asserted, VerifyError> {
    let auth = authdata::parse(request.authenticator_data)?;
    let client = client_data::parse(request.client_data_json)?;

    client.base_verify(policy.challenge, policy.origin)?;
    if request.kind != "public-key" {
        return Err(VerifyError::new(
            "AssertionResponse type must be 'public-key'",
        ));
    }
    if !policy.allow_credentials.is_empty()
        && !policy
            .allow_credentials
            .iter()
            .any(|id| id.as_slice() == request.raw_id)
    {
        return Err(VerifyError::new("Credential ID not in allowed credentials"));
    }
    if let Some(handle) = request.user_handle {
        if handle.is_empty() {
            return Err(VerifyError::new(
                "UserHandle was empty DOMString. It should either be null or have a value.",
            ));
        }
        if handle != stored.user_handle {
            return Err(VerifyError::new(
                "User is not owner of the public key identified by the credential id",
            ));
        }
    }
    if client.kind.as_deref() != Some("webauthn.get") {
        return Err(VerifyError::new(
            "AssertionResponse type must be 'webauthn.get'",
        ));
    }
    if auth.rp_id_hash[..] != Sha256::digest(policy.rp_id.as_bytes())[..] {
        return Err(VerifyError::new("RPID hash does not match"));
    }
    check_presence(&auth, policy.user_verification_required)?;
    if stored.public_key.is_empty() {
        return Err(VerifyError::new("Stored public key is null or empty"));
    }
    let key = PublicKey::from_bytes(stored.public_key)?;
    let mut data = request.authenticator_data.to_vec();
    data.extend_from_slice(&Sha256::digest(request.client_data_json));
    if !key.verify(&data, request.signature) {
        return Err(VerifyError::new("Signature does not match"));
    }
    // A counter of 0 means the authenticator does not count (e.g. synced passkeys).
    if auth.sign_count > 0 && auth.sign_count <= stored.sign_count {
        return Err(VerifyError::new(
            "SignCount must be greater than the current SignatureCounter",
        ));
    }
    Ok(Asserted {
        sign_count: auth.sign_count,
        backed_up: auth.has(flags::BS),
        user_verified: auth.has(flags::UV),
    })
}
