//! COSE encodings of this authenticator's keys (RFC 9052/9053): the EC2 P-256 public key as it
//! goes into attested credential data. Only ES256 is made here.

use ciborium::Value;

/// COSE algorithm identifier of ECDSA with SHA-256 on P-256.
pub const ES256: i64 = -7;

/// The COSE_Key of a P-256 public key, in the CTAP2 canonical order of its labels
/// (1 kty, 3 alg, -1 crv, -2 x, -3 y), so the bytes are the same on every run.
pub fn ec2_public_key(x: &[u8], y: &[u8]) -> Vec<u8> {
    let key = Value::Map(vec![
        (Value::from(1), Value::from(2)),     // kty: EC2
        (Value::from(3), Value::from(ES256)), // alg
        (Value::from(-1), Value::from(1)),    // crv: P-256
        (Value::from(-2), Value::Bytes(x.to_vec())),
        (Value::from(-3), Value::Bytes(y.to_vec())),
    ]);
    encode(&key)
}

/// CBOR bytes of a value. Writing to a `Vec` cannot fail.
pub fn encode(value: &Value) -> Vec<u8> {
    let mut bytes = Vec::new();
    ciborium::into_writer(value, &mut bytes).expect("CBOR into a Vec cannot fail");
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ec2_key_has_the_canonical_layout() {
        let bytes = ec2_public_key(&[0xaa; 32], &[0xbb; 32]);
        // map(5), 1:2, 3:-7, -1:1, -2:bytes(32), -3:bytes(32)
        assert_eq!(&bytes[..7], &[0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01]);
        assert_eq!(&bytes[7..10], &[0x21, 0x58, 0x20]);
        assert_eq!(&bytes[10..42], &[0xaa; 32]);
        assert_eq!(&bytes[42..45], &[0x22, 0x58, 0x20]);
        assert_eq!(&bytes[45..], &[0xbb; 32]);
    }
}
