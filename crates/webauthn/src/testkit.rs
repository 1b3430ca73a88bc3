//! Test-only software authenticator: fixed keys (ES256, EdDSA, RS256, PS256) that build real
//! attestation objects (`none`, `packed` self) and assertions, so tests exercise the same bytes a
//! browser would send.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use coset::cbor::value::Value;
use rsa::pkcs8::DecodePrivateKey;
use rsa::traits::PublicKeyParts;
use sha2::{Digest, Sha256};

use super::alg;
use super::flags;

const RSA_PEM: &str = include_str!("testdata/rsa2048.pem");

/// A deterministic RNG for PSS salts: tests need repeatable bytes, not secrecy.
struct CounterRng(u64);

impl rsa::rand_core::TryRng for CounterRng {
    type Error = core::convert::Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1);
        Ok((self.0 >> 32) as u32)
    }
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        Ok((u64::from(self.try_next_u32()?) << 32) | u64::from(self.try_next_u32()?))
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        for b in dst {
            *b = self.try_next_u32()? as u8;
        }
        Ok(())
    }
}

impl rsa::rand_core::TryCryptoRng for CounterRng {}

#[derive(Clone)]
pub enum TestKey {
    Es256(p256::ecdsa::SigningKey),
    EdDsa(ed25519_dalek::SigningKey),
    Rsa(Box<rsa::PrivateKey>, i64),
}

impl TestKey {
    pub fn es256(seed: u8) -> TestKey {
        let mut bytes = [0x11u8; 32];
        bytes[0] = seed;
        TestKey::Es256(p256::ecdsa::SigningKey::from_slice(&bytes).expect("valid scalar"))
    }

    pub fn eddsa(seed: u8) -> TestKey {
        TestKey::EdDsa(ed25519_dalek::SigningKey::from_bytes(&[seed; 32]))
    }

    /// RS256 or PS256 (`alg`) with the fixed 2048-bit test key.
    pub fn rsa(alg: i64) -> TestKey {
        let key = rsa::PrivateKey::from_pkcs8_pem(RSA_PEM).expect("test RSA key");
        TestKey::Rsa(Box::new(key), alg)
    }

    pub fn alg(&self) -> i64 {
        match self {
            TestKey::Es256(_) => alg::ES256,
            TestKey::EdDsa(_) => alg::EDDSA,
            TestKey::Rsa(_, a) => *a,
        }
    }

    /// The public key as a COSE_Key map.
    pub fn cose(&self) -> Value {
        let int = |i: i64| Value::Integer(i.into());
        let mut map = vec![];
        match self {
            TestKey::Es256(k) => {
                let point = k.verifying_key().to_sec1_point(false);
                let bytes = point.as_bytes();
                map.push((int(1), int(2)));
                map.push((int(3), int(alg::ES256)));
                map.push((int(-1), int(1)));
                map.push((int(-2), Value::Bytes(bytes[1..33].to_vec())));
                map.push((int(-3), Value::Bytes(bytes[33..65].to_vec())));
            }
            TestKey::EdDsa(k) => {
                map.push((int(1), int(1)));
                map.push((int(3), int(alg::EDDSA)));
                map.push((int(-1), int(6)));
                map.push((int(-2), Value::Bytes(k.verifying_key().to_bytes().to_vec())));
            }
            TestKey::Rsa(k, a) => {
                map.push((int(1), int(3)));
                map.push((int(3), int(*a)));
                map.push((int(-1), Value::Bytes(k.n_bytes().to_vec())));
                map.push((int(-2), Value::Bytes(k.e_bytes().to_vec())));
            }
        }
        Value::Map(map)
    }

    /// Signs `data` the way the key's COSE algorithm says.
    pub fn sign(&self, data: &[u8]) -> Vec<u8> {
        match self {
            TestKey::Es256(k) => {
                use p256::ecdsa::signature::Signer;
                let sig: p256::ecdsa::Signature = k.sign(data);
                sig.to_der().as_bytes().to_vec()
            }
            TestKey::EdDsa(k) => {
                use ed25519_dalek::Signer;
                k.sign(data).to_bytes().to_vec()
            }
            TestKey::Rsa(k, a) => {
                let hash = <rsa::sha2::Sha256 as rsa::sha2::Digest>::digest(data);
                if *a == alg::PS256 {
                    k.sign_with_rng(
                        &mut CounterRng(7),
                        rsa::Pss::<rsa::sha2::Sha256>::new(),
                        &hash,
                    )
                    .expect("PSS signature")
                } else {
                    k.sign(rsa::Pkcs1v15Sign::new::<rsa::sha2::Sha256>(), &hash)
                        .expect("PKCS#1 signature")
                }
            }
        }
    }
}

pub fn cbor(value: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    ciborium::into_writer(value, &mut out).expect("CBOR encodes");
    out
}

pub fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// `clientDataJSON` as a browser writes it.
pub fn client_data(kind: &str, challenge: &[u8], origin: &str) -> Vec<u8> {
    format!(
        r#"{{"type":"{kind}","challenge":"{}","origin":"{origin}","crossOrigin":false}}"#,
        b64(challenge)
    )
    .into_bytes()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fmt {
    None,
    Packed,
}

/// A software authenticator holding one credential.
#[derive(Clone)]
pub struct Authenticator {
    pub key: TestKey,
    pub credential_id: Vec<u8>,
    pub aaguid: [u8; 16],
    /// The counter the next operation reports (0 = does not count).
    pub counter: u32,
    pub flags: u8,
}

impl Authenticator {
    pub fn new(key: TestKey, credential_id: &[u8]) -> Authenticator {
        Authenticator {
            key,
            credential_id: credential_id.to_vec(),
            aaguid: [0; 16],
            counter: 0,
            flags: flags::UP | flags::UV,
        }
    }

    fn auth_data(&self, rp_id: &str, flags: u8, attested: bool) -> Vec<u8> {
        let mut out = Sha256::digest(rp_id.as_bytes()).to_vec();
        out.push(if attested { flags | flags::AT } else { flags });
        out.extend_from_slice(&self.counter.to_be_bytes());
        if attested {
            out.extend_from_slice(&self.aaguid);
            out.extend_from_slice(&(self.credential_id.len() as u16).to_be_bytes());
            out.extend_from_slice(&self.credential_id);
            out.extend_from_slice(&cbor(&self.key.cose()));
        }
        out
    }

    /// The `authData` of a `create()`.
    pub fn creation_data(&self, rp_id: &str) -> Vec<u8> {
        self.auth_data(rp_id, self.flags, true)
    }

    /// A `packed` statement over this credential's creation, signed by `signer` and naming `alg`.
    pub fn packed_statement(
        &self,
        rp_id: &str,
        client_data_json: &[u8],
        signer: &TestKey,
        alg: i64,
    ) -> Value {
        let mut signed = self.creation_data(rp_id);
        signed.extend_from_slice(&Sha256::digest(client_data_json));
        Value::Map(vec![
            (Value::Text("alg".into()), Value::Integer(alg.into())),
            (
                Value::Text("sig".into()),
                Value::Bytes(signer.sign(&signed)),
            ),
        ])
    }

    /// An attestation object with any format name and statement.
    pub fn attestation_object(&self, rp_id: &str, fmt: &str, statement: Value) -> Vec<u8> {
        cbor(&Value::Map(vec![
            (Value::Text("fmt".into()), Value::Text(fmt.into())),
            (Value::Text("attStmt".into()), statement),
            (
                Value::Text("authData".into()),
                Value::Bytes(self.creation_data(rp_id)),
            ),
        ]))
    }

    /// The attestation object for a `create()` answered with `client_data_json`.
    pub fn attestation(&self, rp_id: &str, client_data_json: &[u8], fmt: Fmt) -> Vec<u8> {
        match fmt {
            Fmt::None => self.attestation_object(rp_id, "none", Value::Map(vec![])),
            Fmt::Packed => {
                let statement =
                    self.packed_statement(rp_id, client_data_json, &self.key, self.key.alg());
                self.attestation_object(rp_id, "packed", statement)
            }
        }
    }

    /// `(authenticatorData, signature)` for a `get()` answered with `client_data_json`.
    pub fn assert(&self, rp_id: &str, client_data_json: &[u8]) -> (Vec<u8>, Vec<u8>) {
        let auth_data = self.auth_data(rp_id, self.flags, false);
        let mut signed = auth_data.clone();
        signed.extend_from_slice(&Sha256::digest(client_data_json));
        let signature = self.key.sign(&signed);
        (auth_data, signature)
    }
}
