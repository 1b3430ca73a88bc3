//! The CLI's software authenticator: ES256 (P-256) passkeys kept in a private file. It makes
//! credentials and assertions byte for byte as a WebAuthn platform authenticator does
//! (authenticator data, `none` or `packed` self-attestation, signatures over
//! authenticatorData ‖ SHA-256(clientDataJSON)), and builds the clientDataJSON a browser would.
//!
//! Nothing here talks to a server or prints: `commands::passkey` plays the browser around it.
//! Private keys never leave [`store`] except to sign, and no `Debug` of them shows a byte.

pub mod client_data;
pub mod cose;
pub mod device;
pub mod store;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// base64url without padding: how WebAuthn JSON carries bytes.
pub fn b64url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Decodes base64url, tolerating padding (some servers pad).
pub fn from_b64url(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')).ok()
}
