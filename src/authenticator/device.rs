//! The authenticator operations of CTAP2/WebAuthn: make a credential (a fresh ES256 key, the
//! authenticator data with attested credential data, and a `none` or `packed` self-attestation
//! object) and get an assertion (authenticator data and an ECDSA signature over
//! authenticatorData ‖ clientDataHash). Pure functions of their inputs and fresh randomness.

use ciborium::Value;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use sha2::{Digest, Sha256};

use super::cose;

/// Authenticator data flags (WebAuthn §6.1).
pub const FLAG_UP: u8 = 0x01;
pub const FLAG_UV: u8 = 0x04;
pub const FLAG_AT: u8 = 0x40;

/// Length of the credential ids this authenticator makes.
const CREDENTIAL_ID_LEN: usize = 16;

/// How a new credential attests to its origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttestationFormat {
    /// No statement: what browsers return when the server asks for `none`.
    None,
    /// `packed` self-attestation: the statement is signed with the credential's own key.
    Packed,
}

impl AttestationFormat {
    pub fn name(self) -> &'static str {
        match self {
            AttestationFormat::None => "none",
            AttestationFormat::Packed => "packed",
        }
    }
}

/// What the user did: touched the authenticator (always) and verified themselves (by default).
#[derive(Debug, Clone, Copy)]
pub struct UserAction {
    pub verified: bool,
}

impl UserAction {
    fn flags(self) -> u8 {
        if self.verified {
            FLAG_UP | FLAG_UV
        } else {
            FLAG_UP
        }
    }
}

pub struct NewCredential {
    pub id: Vec<u8>,
    pub key: SigningKey,
    pub attestation_object: Vec<u8>,
}

pub struct Assertion {
    pub authenticator_data: Vec<u8>,
    /// DER-encoded ECDSA signature, as WebAuthn carries ES256 signatures.
    pub signature: Vec<u8>,
}

/// A fresh P-256 key from the OS's random numbers.
fn new_key() -> SigningKey {
    loop {
        // A random 32-byte string is a valid scalar except with probability ~2^-32; retry then.
        if let Ok(key) = SigningKey::from_slice(&rand::random::<[u8; 32]>()) {
            return key;
        }
    }
}

/// rpIdHash ‖ flags ‖ signCount (big-endian), the fixed head of authenticator data.
fn auth_data_head(rp_id: &str, flags: u8, sign_count: u32) -> Vec<u8> {
    let mut data = Vec::with_capacity(37);
    data.extend_from_slice(&Sha256::digest(rp_id.as_bytes()));
    data.push(flags);
    data.extend_from_slice(&sign_count.to_be_bytes());
    data
}

fn sign(key: &SigningKey, auth_data: &[u8], client_data_hash: &[u8; 32]) -> Vec<u8> {
    let mut message = Vec::with_capacity(auth_data.len() + 32);
    message.extend_from_slice(auth_data);
    message.extend_from_slice(client_data_hash);
    let signature: Signature = key.sign(&message);
    signature.to_der().as_bytes().to_vec()
}

/// authenticatorMakeCredential: a new key pair and its attestation object. The sign counter
/// starts at 0.
pub fn make_credential(
    rp_id: &str,
    client_data_hash: &[u8; 32],
    format: AttestationFormat,
    aaguid: [u8; 16],
    action: UserAction,
) -> NewCredential {
    let key = new_key();
    let id = rand::random::<[u8; CREDENTIAL_ID_LEN]>().to_vec();
    let point = key.verifying_key().to_sec1_point(false);
    let (x, y) = (
        point.x().expect("an uncompressed point has x"),
        point.y().expect("an uncompressed point has y"),
    );
    let mut auth_data = auth_data_head(rp_id, action.flags() | FLAG_AT, 0);
    auth_data.extend_from_slice(&aaguid);
    auth_data.extend_from_slice(&(id.len() as u16).to_be_bytes());
    auth_data.extend_from_slice(&id);
    auth_data.extend_from_slice(&cose::ec2_public_key(x, y));

    let statement = match format {
        AttestationFormat::None => Value::Map(Vec::new()),
        AttestationFormat::Packed => Value::Map(vec![
            (Value::from("alg"), Value::from(cose::ES256)),
            (
                Value::from("sig"),
                Value::Bytes(sign(&key, &auth_data, client_data_hash)),
            ),
        ]),
    };
    // CTAP2 canonical key order: shorter keys first.
    let attestation = Value::Map(vec![
        (Value::from("fmt"), Value::from(format.name())),
        (Value::from("attStmt"), statement),
        (Value::from("authData"), Value::Bytes(auth_data)),
    ]);
    NewCredential {
        id,
        key,
        attestation_object: cose::encode(&attestation),
    }
}

/// authenticatorGetAssertion with the counter value the caller has already stored.
pub fn get_assertion(
    key: &SigningKey,
    rp_id: &str,
    sign_count: u32,
    client_data_hash: &[u8; 32],
    action: UserAction,
) -> Assertion {
    let authenticator_data = auth_data_head(rp_id, action.flags(), sign_count);
    let signature = sign(key, &authenticator_data, client_data_hash);
    Assertion {
        authenticator_data,
        signature,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use p256::ecdsa::signature::Verifier;
    use p256::ecdsa::{DerSignature, VerifyingKey};

    fn map_get<'a>(map: &'a Value, key: &str) -> &'a Value {
        map.as_map()
            .unwrap()
            .iter()
            .find(|(k, _)| k.as_text() == Some(key))
            .map(|(_, v)| v)
            .unwrap_or_else(|| panic!("no {key}"))
    }

    /// The COSE key inside attested credential data, as a verifying key.
    fn public_key_of(auth_data: &[u8]) -> (Vec<u8>, VerifyingKey) {
        let id_len = u16::from_be_bytes([auth_data[53], auth_data[54]]) as usize;
        let id = auth_data[55..55 + id_len].to_vec();
        let cose: Value = ciborium::from_reader(&auth_data[55 + id_len..]).unwrap();
        let get = |label: i64| {
            cose.as_map()
                .unwrap()
                .iter()
                .find(|(k, _)| k.as_integer() == Some(label.into()))
                .map(|(_, v)| v.clone())
                .unwrap()
        };
        assert_eq!(get(3).as_integer(), Some((-7).into()));
        let mut sec1 = vec![4u8];
        sec1.extend(get(-2).as_bytes().unwrap());
        sec1.extend(get(-3).as_bytes().unwrap());
        (id, VerifyingKey::from_sec1_bytes(&sec1).unwrap())
    }

    #[test]
    fn packed_self_attestation_verifies_with_the_new_key() {
        let hash = [9u8; 32];
        let made = make_credential(
            "localhost",
            &hash,
            AttestationFormat::Packed,
            [1; 16],
            UserAction { verified: true },
        );
        let object: Value = ciborium::from_reader(made.attestation_object.as_slice()).unwrap();
        assert_eq!(map_get(&object, "fmt").as_text(), Some("packed"));
        let auth_data = map_get(&object, "authData").as_bytes().unwrap().clone();
        assert_eq!(&auth_data[..32], Sha256::digest(b"localhost").as_slice());
        assert_eq!(auth_data[32], FLAG_UP | FLAG_UV | FLAG_AT);
        assert_eq!(&auth_data[33..37], &[0, 0, 0, 0]);
        assert_eq!(&auth_data[37..53], &[1; 16]);
        let (id, public) = public_key_of(&auth_data);
        assert_eq!(id, made.id);
        assert_eq!(&public, made.key.verifying_key());

        let statement = map_get(&object, "attStmt");
        assert_eq!(map_get(statement, "alg").as_integer(), Some((-7).into()));
        let sig = DerSignature::from_bytes(map_get(statement, "sig").as_bytes().unwrap()).unwrap();
        let mut message = auth_data.clone();
        message.extend_from_slice(&hash);
        public.verify(&message, &sig).unwrap();
        message[0] ^= 1;
        assert!(public.verify(&message, &sig).is_err());
    }

    #[test]
    fn none_attestation_has_an_empty_statement() {
        let made = make_credential(
            "example.com",
            &[0; 32],
            AttestationFormat::None,
            [0; 16],
            UserAction { verified: false },
        );
        let object: Value = ciborium::from_reader(made.attestation_object.as_slice()).unwrap();
        assert_eq!(map_get(&object, "fmt").as_text(), Some("none"));
        assert_eq!(map_get(&object, "attStmt").as_map().unwrap().len(), 0);
        let auth_data = map_get(&object, "authData").as_bytes().unwrap();
        assert_eq!(auth_data[32], FLAG_UP | FLAG_AT);
        // Keys are fresh each time.
        let other = make_credential(
            "example.com",
            &[0; 32],
            AttestationFormat::None,
            [0; 16],
            UserAction { verified: false },
        );
        assert_ne!(other.id, made.id);
        assert_ne!(other.key.to_bytes(), made.key.to_bytes());
    }

    #[test]
    fn assertion_signs_auth_data_and_client_data_hash() {
        let key = SigningKey::from_slice(&[5u8; 32]).unwrap();
        let hash = [3u8; 32];
        let assertion = get_assertion(&key, "localhost", 7, &hash, UserAction { verified: true });
        let data = &assertion.authenticator_data;
        assert_eq!(data.len(), 37);
        assert_eq!(data[32], FLAG_UP | FLAG_UV);
        assert_eq!(&data[33..], &7u32.to_be_bytes());
        let sig = DerSignature::from_bytes(&assertion.signature).unwrap();
        let mut message = data.clone();
        message.extend_from_slice(&hash);
        key.verifying_key().verify(&message, &sig).unwrap();
    }
}
