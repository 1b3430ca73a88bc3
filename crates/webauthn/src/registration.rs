//! The registration ceremony's checks (WebAuthn §7.1) in fido2-net-lib's order
//! (`AuthenticatorAttestationResponse.VerifyAsync`), up to but not including the uniqueness of
//! the credential id, which needs storage and is the caller's last step.

use sha2::{Digest, Sha256};

use super::VerifyError;
use super::attestation::{self, AttestationType};
use super::authdata::{self, AuthData, flags};
use super::client_data;
use super::cose::{self, PublicKey};

/// What the client sent (`response` of `/register/complete`), decoded from base64url.
#[derive(Debug, Clone, Copy)]
pub struct RegistrationRequest<'a> {
    pub id: &'a str,
    pub raw_id: &'a [u8],
    /// `type`; only `public-key` is valid.
    pub kind: &'a str,
    pub client_data_json: &'a [u8],
    pub attestation_object: &'a [u8],
}

/// What the relying party asked for in the creation options.
#[derive(Debug, Clone, Copy)]
pub struct RegistrationPolicy<'a> {
    pub challenge: &'a [u8],
    pub origin: &'a str,
    pub rp_id: &'a str,
    pub user_verification_required: bool,
    /// `pubKeyCredParams` algorithms.
    pub algorithms: &'a [i64],
}

/// A verified new credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registered {
    pub credential_id: Vec<u8>,
    /// COSE key bytes as the authenticator sent them.
    pub public_key: Vec<u8>,
    pub algorithm: i64,
    pub sign_count: u32,
    pub aaguid: String,
    pub fmt: String,
    pub attestation: AttestationType,
    pub backup_eligible: bool,
    pub backed_up: bool,
    pub user_verified: bool,
}

pub fn verify_registration(
    request: &RegistrationRequest,
    policy: &RegistrationPolicy,
) -> Result<Registered, VerifyError> {
    let object = attestation::parse(request.attestation_object)?;
    let auth = authdata::parse(&object.auth_data)?;
    let client = client_data::parse(request.client_data_json)?;

    if client.kind.as_deref() != Some("webauthn.create") {
        return Err(VerifyError::new(
            "AttestationResponse type must be 'webauthn.create'",
        ));
    }
    client.base_verify(policy.challenge, policy.origin)?;
    if request.id.is_empty() {
        return Err(VerifyError::new("AttestationResponse Id is missing"));
    }
    if request.kind != "public-key" {
        return Err(VerifyError::new(
            "AttestationResponse type must be 'public-key'",
        ));
    }
    if auth.rp_id_hash[..] != Sha256::digest(policy.rp_id.as_bytes())[..] {
        return Err(VerifyError::new("RPID hash does not match"));
    }
    check_presence(&auth, policy.user_verification_required)?;
    let Some(attested) = &auth.attested else {
        return Err(VerifyError::new(
            "Attestation flag not set on attestation data",
        ));
    };
    let algorithm = cose::key_alg(&attested.public_key)?;
    if !policy.algorithms.contains(&algorithm) {
        return Err(VerifyError::new(
            "Credential algorithm does not match policy requirement",
        ));
    }
    // The library would store a key it cannot check until sign-in; say so now instead.
    let key = PublicKey::from_cose(&attested.public_key)?;
    let client_data_hash = Sha256::digest(request.client_data_json);
    let attestation = attestation::verify_statement(&object, &key, &client_data_hash)?;

    Ok(Registered {
        credential_id: attested.credential_id.clone(),
        public_key: attested.public_key_bytes.clone(),
        algorithm,
        sign_count: auth.sign_count,
        aaguid: AuthData::aaguid_text(&attested.aaguid),
        fmt: object.fmt.clone(),
        attestation,
        backup_eligible: auth.has(flags::BE),
        backed_up: auth.has(flags::BS),
        user_verified: auth.has(flags::UV),
    })
}

/// User presence always, user verification when the relying party required it.
pub(super) fn check_presence(auth: &AuthData, uv_required: bool) -> Result<(), VerifyError> {
    if !auth.has(flags::UP) {
        return Err(VerifyError::new(
            "User Present flag not set in authenticator data",
        ));
    }
    if uv_required && !auth.has(flags::UV) {
        return Err(VerifyError::new(
            "User Verified flag not set in authenticator data and user verification was required",
        ));
    }
    Ok(())
}
