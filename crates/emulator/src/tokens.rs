//! Minting and opening the emulator's tokens. Format (opaque to clients):
//! `<prefix>` + base64url-no-pad(32-byte HMAC-SHA256 || 4-byte key id (BE) || compact JSON
//! payload). The MAC covers key id and payload and uses a random per-app key, so a token from
//! another app fails the key lookup (`invalid_token`) and an edited one fails the MAC (500),
//! just like the real server.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::Mac;
use serde::Serialize;
use serde_json::Value;

use super::state::{App, HmacSha256, SigningKey};

pub const REGISTER: &str = "register_";
pub const VERIFY: &str = "verify_";

#[derive(Debug, PartialEq, Eq)]
pub enum OpenError {
    /// Not base64url or too short to hold an envelope.
    Format,
    /// The key id is not one of this app's signing keys.
    UnknownKey,
    /// The MAC does not match: the token was edited.
    BadMac,
}

fn keyed(key: &SigningKey) -> &HmacSha256 {
    key.keyed
        .get_or_init(|| HmacSha256::new_from_slice(&key.key).expect("HMAC accepts any key length"))
}

fn mac(key: &SigningKey, payload: &[u8]) -> HmacSha256 {
    let mut m = keyed(key).clone();
    m.update(&key.id.to_be_bytes());
    m.update(payload);
    m
}

/// The key new tokens of `app` are signed with: its newest, keyed, so a clone of it carries the
/// keyed HMAC state rather than making its own for each token.
pub fn newest_key(app: &App) -> &SigningKey {
    let key = app
        .signing_keys
        .last()
        .expect("every app has a signing key");
    keyed(key);
    key
}

/// Mints a token with the app's newest signing key; `payload` is written as compact JSON.
pub fn mint<T: Serialize + ?Sized>(app: &App, prefix: &str, payload: &T) -> String {
    let mut token = Vec::new();
    mint_json_into(newest_key(app), prefix, payload, &mut token);
    String::from_utf8(token).expect("a token is ASCII")
}

/// Appends a token to `out`, `payload` written as compact JSON. The register route mints its
/// token straight into its answer's body, with a key taken out of the state beforehand
/// ([`newest_key`], cloned), so the hashing and encoding need no lock.
pub fn mint_json_into<T: Serialize + ?Sized>(
    key: &SigningKey,
    prefix: &str,
    payload: &T,
    out: &mut Vec<u8>,
) {
    // One buffer, MAC first: the token route is the emulator's hottest path.
    let mut raw = Vec::with_capacity(512);
    raw.extend_from_slice(&[0; 32]);
    raw.extend_from_slice(&key.id.to_be_bytes());
    // Serialising plain data into memory cannot fail.
    let _ = serde_json::to_writer(&mut raw, payload);
    let tag = mac(key, &raw[36..]).finalize().into_bytes();
    raw[..32].copy_from_slice(&tag);
    out.extend_from_slice(prefix.as_bytes());
    let start = out.len();
    let encoded = base64::encoded_len(raw.len(), false).expect("a token's length fits usize");
    out.resize(start + encoded, 0);
    let written = URL_SAFE_NO_PAD
        .encode_slice(&raw, &mut out[start..])
        .expect("sized by encoded_len");
    out.truncate(start + written);
}

/// Checks a token body (the part after the prefix) and returns its payload.
pub fn open(app: &App, body: &str) -> Result<Value, OpenError> {
    let raw = URL_SAFE_NO_PAD
        .decode(body.trim_end_matches('='))
        .map_err(|_| OpenError::Format)?;
    if raw.len() < 36 {
        return Err(OpenError::Format);
    }
    let (tag, rest) = raw.split_at(32);
    let (id, payload) = rest.split_at(4);
    let key_id = u32::from_be_bytes([id[0], id[1], id[2], id[3]]);
    let key = app
        .signing_keys
        .iter()
        .find(|k| k.id == key_id)
        .ok_or(OpenError::UnknownKey)?;
    mac(key, payload)
        .verify_slice(tag)
        .map_err(|_| OpenError::BadMac)?;
    serde_json::from_slice(payload).map_err(|_| OpenError::Format)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn round_trip_and_failures() {
        let a = App::new("a", time::OffsetDateTime::now_utc());
        let b = App::new("b", time::OffsetDateTime::now_utc());
        let t = mint(&a, VERIFY, &json!({"userId": "u"}));
        let body = t.strip_prefix(VERIFY).unwrap();
        assert_eq!(open(&a, body).unwrap(), json!({"userId": "u"}));
        assert_eq!(open(&b, body), Err(OpenError::UnknownKey));
        assert_eq!(open(&a, "not base64!"), Err(OpenError::Format));
        assert_eq!(open(&a, "abcd"), Err(OpenError::Format));
        let mut raw = URL_SAFE_NO_PAD.decode(body).unwrap();
        let last = raw.len() - 2;
        raw[last] ^= 1;
        assert_eq!(
            open(&a, &URL_SAFE_NO_PAD.encode(raw)),
            Err(OpenError::BadMac)
        );
    }
}
