//! Attestation objects (`{fmt, attStmt, authData}`) and their statements: `none`, and `packed`
//! self attestation (signed with the credential key itself). Statements that need a certificate
//! chain (`packed` with `x5c`, `tpm`, `android-key`, `fido-u2f`, `apple`, …) are recognised and
//! refused with a message that says the emulator does not verify them.

use coset::cbor::value::Value;

use super::VerifyError;
use super::cose::PublicKey;

/// What the statement proved about the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttestationType {
    /// `none`: nothing.
    None,
    /// `packed` without certificates: the credential key signed its own creation.
    SelfAttestation,
}

#[derive(Debug, Clone)]
pub struct AttestationObject {
    pub fmt: String,
    pub statement: Vec<(Value, Value)>,
    pub auth_data: Vec<u8>,
}

fn text_key(key: &Value, name: &str) -> bool {
    matches!(key, Value::Text(t) if t == name)
}

fn member<'a>(map: &'a [(Value, Value)], name: &str) -> Option<&'a Value> {
    map.iter().find(|(k, _)| text_key(k, name)).map(|(_, v)| v)
}

pub fn parse(bytes: &[u8]) -> Result<AttestationObject, VerifyError> {
    if bytes.is_empty() {
        return Err(VerifyError::new("Missing AttestationObject"));
    }
    let value: Value = ciborium::from_reader(bytes)
        .map_err(|_| VerifyError::new("Invalid AttestationObject CBOR data"))?;
    let Value::Map(map) = value else {
        return Err(VerifyError::new("Invalid AttestationObject CBOR data"));
    };
    let malformed = || VerifyError::new("Malformed AttestationObject");
    let fmt = match member(&map, "fmt") {
        Some(Value::Text(t)) => t.clone(),
        _ => return Err(malformed()),
    };
    let statement = match member(&map, "attStmt") {
        Some(Value::Map(m)) => m.clone(),
        _ => return Err(malformed()),
    };
    let auth_data = match member(&map, "authData") {
        Some(Value::Bytes(b)) => b.clone(),
        _ => return Err(malformed()),
    };
    Ok(AttestationObject {
        fmt,
        statement,
        auth_data,
    })
}

/// Verifies the statement over `authData || clientDataHash` (WebAuthn §8).
pub fn verify_statement(
    object: &AttestationObject,
    credential_key: &PublicKey,
    client_data_hash: &[u8],
) -> Result<AttestationType, VerifyError> {
    let statement = &object.statement;
    match object.fmt.as_str() {
        "none" => {
            if !statement.is_empty() {
                return Err(VerifyError::new(
                    "Attestation format none should have no attestation statement",
                ));
            }
            Ok(AttestationType::None)
        }
        "packed" => {
            if statement.is_empty() {
                return Err(VerifyError::new(
                    "Attestation format packed must have attestation statement",
                ));
            }
            let sig = match member(statement, "sig") {
                Some(Value::Bytes(b)) if !b.is_empty() => b,
                _ => return Err(VerifyError::new("Invalid packed attestation signature")),
            };
            let alg = match member(statement, "alg") {
                Some(Value::Integer(i)) => i64::try_from(*i).ok(),
                _ => None,
            };
            let Some(alg) = alg else {
                return Err(VerifyError::new("Invalid packed attestation algorithm"));
            };
            if member(statement, "x5c").is_some() {
                return Err(VerifyError::new(
                    "The emulator does not verify packed attestation with a certificate chain (x5c); request attestation 'none' or use self attestation",
                ));
            }
            if member(statement, "ecdaaKeyId").is_some() {
                return Err(VerifyError::new(
                    "ECDAA support for packed attestation is not yet implemented",
                ));
            }
            if credential_key.alg() != alg {
                return Err(VerifyError::new(
                    "Algorithm mismatch between credential public key and authenticator data in self attestation statement",
                ));
            }
            let mut data = object.auth_data.clone();
            data.extend_from_slice(client_data_hash);
            if !credential_key.verify(&data, sig) {
                return Err(VerifyError::new("Failed to validate signature"));
            }
            Ok(AttestationType::SelfAttestation)
        }
        known @ ("tpm" | "android-key" | "android-safetynet" | "fido-u2f" | "apple"
        | "apple-appattest") => Err(VerifyError::new(format!(
            "The emulator does not verify '{known}' attestation; request attestation 'none' or use packed self attestation"
        ))),
        other => Err(VerifyError::new(format!(
            "Unknown attestation type. Was '{other}'"
        ))),
    }
}
