//! Authenticator data (WebAuthn §6.1): RP ID hash, flags, sign counter, the attested credential
//! (AAGUID, credential id, COSE key) and extensions, parsed as fido2-net-lib parses them.

use coset::CoseKey;
use coset::cbor::value::Value;

use super::VerifyError;
use super::cose;

/// Flag bits of the authenticator data.
pub mod flags {
    pub const UP: u8 = 0x01;
    pub const UV: u8 = 0x04;
    pub const BE: u8 = 0x08;
    pub const BS: u8 = 0x10;
    pub const AT: u8 = 0x40;
    pub const ED: u8 = 0x80;
}

/// rpIdHash (32) + flags (1) + signCount (4).
const MIN_LENGTH: usize = 37;
/// AAGUID (16) + id length (2) + at least one byte each of id and key, as the library counts.
const MIN_ATTESTED_LENGTH: usize = 20;
const MAX_CREDENTIAL_ID: usize = 1023;

#[derive(Debug, Clone)]
pub struct Attested {
    pub aaguid: [u8; 16],
    pub credential_id: Vec<u8>,
    /// The COSE key exactly as the authenticator encoded it.
    pub public_key_bytes: Vec<u8>,
    pub public_key: CoseKey,
}

#[derive(Debug, Clone)]
pub struct AuthData {
    pub rp_id_hash: [u8; 32],
    pub flags: u8,
    pub sign_count: u32,
    pub attested: Option<Attested>,
}

impl AuthData {
    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    /// The AAGUID in the usual GUID text form (big-endian, as the library reads it).
    pub fn aaguid_text(aaguid: &[u8; 16]) -> String {
        uuid::Uuid::from_bytes(*aaguid).to_string()
    }
}

/// Decodes one CBOR item at the start of `bytes`; returns it and how many bytes it took.
fn read_cbor(bytes: &[u8]) -> Option<(Value, usize)> {
    let mut rest = bytes;
    let value: Value = ciborium::from_reader(&mut rest).ok()?;
    Some((value, bytes.len() - rest.len()))
}

pub fn parse(data: &[u8]) -> Result<AuthData, VerifyError> {
    if data.len() < MIN_LENGTH {
        return Err(VerifyError::new(format!(
            "Authenticator data is less than the minimum structure length of {MIN_LENGTH}"
        )));
    }
    let mut rp_id_hash = [0u8; 32];
    rp_id_hash.copy_from_slice(&data[..32]);
    let flags = data[32];
    let sign_count = u32::from_be_bytes([data[33], data[34], data[35], data[36]]);
    let mut pos = MIN_LENGTH;

    let mut attested = None;
    if flags & flags::AT != 0 {
        let rest = &data[pos..];
        let too_short =
            || VerifyError::new("Not enough bytes to be a valid AttestedCredentialData");
        if rest.len() < MIN_ATTESTED_LENGTH {
            return Err(too_short());
        }
        let mut aaguid = [0u8; 16];
        aaguid.copy_from_slice(&rest[..16]);
        let id_len = usize::from(u16::from_be_bytes([rest[16], rest[17]]));
        if id_len > MAX_CREDENTIAL_ID {
            return Err(VerifyError::new("CredentialId too many bytes"));
        }
        let id_end = 18 + id_len;
        let credential_id = rest.get(18..id_end).ok_or_else(too_short)?.to_vec();
        let (value, used) = read_cbor(&rest[id_end..])
            .ok_or_else(|| VerifyError::new("Invalid credential public key CBOR data"))?;
        let public_key_bytes = rest[id_end..id_end + used].to_vec();
        let public_key = cose::decode(value)?;
        pos += id_end + used;
        attested = Some(Attested {
            aaguid,
            credential_id,
            public_key_bytes,
            public_key,
        });
    }
    if flags & flags::ED != 0 {
        let (_, used) = read_cbor(&data[pos..]).ok_or_else(|| {
            VerifyError::new("Extensions flag present, malformed extensions detected")
        })?;
        pos += used;
    }
    if pos != data.len() {
        return Err(VerifyError::new(
            "Leftover bytes decoding AuthenticatorData",
        ));
    }
    Ok(AuthData {
        rp_id_hash,
        flags,
        sign_count,
        attested,
    })
}
