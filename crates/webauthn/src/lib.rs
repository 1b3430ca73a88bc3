//! WebAuthn relying-party checks, made the way the real server's Fido2 library (fido2-net-lib 4)
//! makes them: client data, authenticator data, attestation statements (`none`, and `packed`
//! self attestation) and signatures over COSE keys (ES256, EdDSA, RS256/384/512, PS256/384/512).
//!
//! Also the browser's rules for where a ceremony happens (`origin`), which the CLI's software
//! authenticator follows and the emulator checks.
//!
//! Pure functions over bytes: no HTTP, no storage, no clock, no randomness. Every failure carries
//! the library's own message, which the server copies into the `title` of its problem details;
//! where the emulator stops short of the library (certificate chains, some algorithms), the
//! message says so.

mod assertion;
mod attestation;
mod authdata;
mod client_data;
mod cose;
pub mod origin;
mod registration;

pub use assertion::{Asserted, AssertionPolicy, AssertionRequest, StoredKey, verify_assertion};
pub use attestation::AttestationType;
pub use authdata::{AuthData, flags};
pub use client_data::fully_qualified_origin;
pub use cose::{PublicKey, alg, alg_name};
pub use registration::{Registered, RegistrationPolicy, RegistrationRequest, verify_registration};

/// A failed check, worded as fido2-net-lib words it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct VerifyError(pub String);

impl VerifyError {
    pub fn new(message: impl Into<String>) -> VerifyError {
        VerifyError(message.into())
    }
}

/// The COSE algorithms the server offers in `pubKeyCredParams`, in its order
/// (fido2-net-lib `PubKeyCredParam.Defaults`).
pub const OFFERED_ALGORITHMS: [i64; 10] = [
    alg::EDDSA,
    alg::ES256,
    alg::RS256,
    alg::PS256,
    alg::ES384,
    alg::RS384,
    alg::PS384,
    alg::ES512,
    alg::RS512,
    alg::PS512,
];

#[cfg(any(test, feature = "testkit"))]
pub mod testkit;
#[cfg(test)]
mod tests;
