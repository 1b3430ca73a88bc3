//! COSE public keys (RFC 9053) as authenticators send them, and signature checks with them:
//! ES256 (P-256, DER signatures), EdDSA (Ed25519) and RSA with PKCS#1 v1.5 or PSS padding over
//! SHA-256/384/512. ES384, ES512, ES256K and RS1 are recognised but not verified.

use coset::cbor::value::Value;
use coset::iana::EnumI64;
use coset::{AsCborValue, CoseKey, Label, RegisteredLabel, RegisteredLabelWithPrivate};
use p256::ecdsa::signature::Verifier;
use rsa::sha2::{Digest, Sha256, Sha384, Sha512};
use rsa::{BoxedUint, Pkcs1v15Sign, Pss};

use super::VerifyError;

/// COSE algorithm identifiers (IANA "COSE Algorithms").
pub mod alg {
    pub const ES256: i64 = -7;
    pub const EDDSA: i64 = -8;
    pub const ES384: i64 = -35;
    pub const ES512: i64 = -36;
    pub const PS256: i64 = -37;
    pub const PS384: i64 = -38;
    pub const PS512: i64 = -39;
    pub const ES256K: i64 = -47;
    pub const RS256: i64 = -257;
    pub const RS384: i64 = -258;
    pub const RS512: i64 = -259;
    pub const RS1: i64 = -65535;
}

const KTY_OKP: i64 = 1;
const KTY_EC2: i64 = 2;
const KTY_RSA: i64 = 3;
const CRV_P256: i64 = 1;
const CRV_ED25519: i64 = 6;

/// The name fido2-net-lib gives an algorithm, for messages.
pub fn alg_name(value: i64) -> String {
    let name = match value {
        alg::ES256 => "ES256",
        alg::EDDSA => "EdDSA",
        alg::ES384 => "ES384",
        alg::ES512 => "ES512",
        alg::PS256 => "PS256",
        alg::PS384 => "PS384",
        alg::PS512 => "PS512",
        alg::ES256K => "ES256K",
        alg::RS256 => "RS256",
        alg::RS384 => "RS384",
        alg::RS512 => "RS512",
        alg::RS1 => "RS1",
        other => return other.to_string(),
    };
    name.to_string()
}

#[derive(Debug, Clone)]
enum Key {
    P256(p256::ecdsa::VerifyingKey),
    Ed25519(ed25519_dalek::VerifyingKey),
    Rsa(rsa::PublicKey),
}

/// A credential public key that the emulator can check signatures with.
#[derive(Debug, Clone)]
pub struct PublicKey {
    alg: i64,
    key: Key,
}

fn invalid(what: &str) -> VerifyError {
    VerifyError::new(format!("Invalid COSE public key: {what}"))
}

fn label_int(label: &Label) -> Option<i64> {
    match label {
        Label::Int(i) => Some(*i),
        Label::Text(_) => None,
    }
}

/// Reads the algorithm a COSE key is bound to, as fido2-net-lib requires one.
pub fn key_alg(key: &CoseKey) -> Result<i64, VerifyError> {
    match &key.alg {
        Some(RegisteredLabelWithPrivate::Assigned(a)) => Ok(a.to_i64()),
        Some(RegisteredLabelWithPrivate::PrivateUse(a)) => Ok(*a),
        _ => Err(VerifyError::new("Unrecognized COSE algorithm value")),
    }
}

/// Decodes a COSE key from its CBOR value.
pub fn decode(value: Value) -> Result<CoseKey, VerifyError> {
    CoseKey::from_cbor_value(value).map_err(|e| invalid(&e.to_string()))
}

impl PublicKey {
    /// Builds a verifier from stored COSE bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<PublicKey, VerifyError> {
        let value: Value = ciborium::from_reader(bytes).map_err(|_| invalid("not valid CBOR"))?;
        PublicKey::from_cose(&decode(value)?)
    }

    pub fn from_cose(key: &CoseKey) -> Result<PublicKey, VerifyError> {
        let alg = key_alg(key)?;
        let kty = match &key.kty {
            RegisteredLabel::Assigned(k) => k.to_i64(),
            RegisteredLabel::Text(t) => return Err(invalid(&format!("unknown kty {t}"))),
        };
        let param = |label: i64| {
            key.params
                .iter()
                .find(|(l, _)| label_int(l) == Some(label))
                .map(|(_, v)| v)
        };
        let bytes = |label: i64, name: &str| match param(label) {
            Some(Value::Bytes(b)) => Ok(b.clone()),
            _ => Err(invalid(&format!("missing {name}"))),
        };
        let int = |label: i64| match param(label) {
            Some(Value::Integer(i)) => i64::try_from(*i).ok(),
            _ => None,
        };
        let unsupported = || {
            Err(VerifyError::new(format!(
                "The emulator cannot verify {} signatures; use ES256, EdDSA or an RSA algorithm",
                alg_name(alg)
            )))
        };
        let key = match (kty, alg) {
            (KTY_EC2, alg::ES256) => {
                if int(-1) != Some(CRV_P256) {
                    return Err(VerifyError::new(format!("Missing or unknown alg {alg}")));
                }
                let (x, y) = (bytes(-2, "x")?, bytes(-3, "y")?);
                if x.len() != 32 || y.len() != 32 {
                    return Err(invalid("P-256 coordinates must be 32 bytes"));
                }
                let mut sec1 = Vec::with_capacity(65);
                sec1.push(0x04);
                sec1.extend_from_slice(&x);
                sec1.extend_from_slice(&y);
                let vk = p256::ecdsa::VerifyingKey::from_sec1_bytes(&sec1)
                    .map_err(|_| invalid("the point is not on the P-256 curve"))?;
                Key::P256(vk)
            }
            (KTY_EC2, alg::ES384 | alg::ES512 | alg::ES256K) => return unsupported(),
            (KTY_OKP, alg::EDDSA) => {
                if int(-1) != Some(CRV_ED25519) {
                    return Err(VerifyError::new(format!(
                        "Missing or unknown crv {}",
                        int(-1).unwrap_or_default()
                    )));
                }
                let x: [u8; 32] = bytes(-2, "x")?
                    .try_into()
                    .map_err(|_| invalid("an Ed25519 key has 32 bytes"))?;
                let vk = ed25519_dalek::VerifyingKey::from_bytes(&x)
                    .map_err(|_| invalid("not an Ed25519 point"))?;
                Key::Ed25519(vk)
            }
            (KTY_RSA, alg::RS1) => return unsupported(),
            (
                KTY_RSA,
                alg::RS256 | alg::RS384 | alg::RS512 | alg::PS256 | alg::PS384 | alg::PS512,
            ) => {
                let n = BoxedUint::from_be_slice_vartime(&bytes(-1, "n")?);
                let e = BoxedUint::from_be_slice_vartime(&bytes(-2, "e")?);
                let pk = rsa::PublicKey::new(n, e).map_err(|e| invalid(&e.to_string()))?;
                Key::Rsa(pk)
            }
            (KTY_EC2 | KTY_OKP | KTY_RSA, _) => {
                return Err(VerifyError::new(format!("Missing or unknown alg {alg}")));
            }
            (other, _) => return Err(invalid(&format!("Missing or unknown kty {other}"))),
        };
        Ok(PublicKey { alg, key })
    }

    /// The COSE algorithm the key is bound to.
    pub fn alg(&self) -> i64 {
        self.alg
    }

    /// Checks `signature` over `data` (the signer hashes `data` itself).
    pub fn verify(&self, data: &[u8], signature: &[u8]) -> bool {
        match &self.key {
            Key::P256(vk) => p256::ecdsa::Signature::from_der(signature)
                .is_ok_and(|sig| vk.verify(data, &sig).is_ok()),
            Key::Ed25519(vk) => ed25519_dalek::Signature::from_slice(signature)
                .is_ok_and(|sig| vk.verify_strict(data, &sig).is_ok()),
            Key::Rsa(pk) => {
                let result = match self.alg {
                    alg::RS256 => pk.verify(
                        Pkcs1v15Sign::new::<Sha256>(),
                        &Sha256::digest(data),
                        signature,
                    ),
                    alg::RS384 => pk.verify(
                        Pkcs1v15Sign::new::<Sha384>(),
                        &Sha384::digest(data),
                        signature,
                    ),
                    alg::RS512 => pk.verify(
                        Pkcs1v15Sign::new::<Sha512>(),
                        &Sha512::digest(data),
                        signature,
                    ),
                    alg::PS256 => pk.verify(Pss::<Sha256>::new(), &Sha256::digest(data), signature),
                    alg::PS384 => pk.verify(Pss::<Sha384>::new(), &Sha384::digest(data), signature),
                    alg::PS512 => pk.verify(Pss::<Sha512>::new(), &Sha512::digest(data), signature),
                    _ => return false,
                };
                result.is_ok()
            }
        }
    }
}
