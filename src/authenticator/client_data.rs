//! The clientDataJSON a browser builds for a ceremony (WebAuthn §5.8.1): type, challenge,
//! origin and crossOrigin, in that order, and its SHA-256 that the authenticator signs.

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{b64url, from_b64url};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ceremony {
    Create,
    Get,
}

impl Ceremony {
    fn type_name(self) -> &'static str {
        match self {
            Ceremony::Create => "webauthn.create",
            Ceremony::Get => "webauthn.get",
        }
    }
}

#[derive(Serialize)]
struct ClientData<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    challenge: &'a str,
    origin: &'a str,
    #[serde(rename = "crossOrigin")]
    cross_origin: bool,
}

/// The serialised clientDataJSON and its SHA-256.
pub struct ClientDataJson {
    pub json: Vec<u8>,
    pub hash: [u8; 32],
}

/// Builds clientDataJSON for `challenge` (base64url, as the server's options carry it). The
/// challenge is decoded and encoded again, as a browser does, so padding never reaches the
/// server. `None` when the challenge is not base64url.
pub fn build(ceremony: Ceremony, challenge: &str, origin: &str) -> Option<ClientDataJson> {
    let challenge = b64url(&from_b64url(challenge)?);
    let json = serde_json::to_vec(&ClientData {
        kind: ceremony.type_name(),
        challenge: &challenge,
        origin,
        cross_origin: false,
    })
    .expect("serialising strings cannot fail");
    let hash = Sha256::digest(&json).into();
    Some(ClientDataJson { json, hash })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_the_browser_layout() {
        let data = build(Ceremony::Get, "AQID", "http://localhost").unwrap();
        assert_eq!(
            String::from_utf8(data.json.clone()).unwrap(),
            r#"{"type":"webauthn.get","challenge":"AQID","origin":"http://localhost","crossOrigin":false}"#
        );
        assert_eq!(data.hash, <[u8; 32]>::from(Sha256::digest(&data.json)));
    }

    #[test]
    fn normalises_padding_and_refuses_garbage() {
        let data = build(Ceremony::Create, "AQI=", "https://a.example").unwrap();
        assert!(
            String::from_utf8(data.json)
                .unwrap()
                .contains(r#""challenge":"AQI""#)
        );
        assert!(build(Ceremony::Create, "not base64!", "https://a.example").is_none());
    }
}
