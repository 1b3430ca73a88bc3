//! Registration and assertion checks against attestations and assertions built with real test
//! keys: every algorithm and format the emulator verifies, and every failure's message.

use super::testkit::{Authenticator, Fmt, TestKey, client_data};
use super::*;

const RP: &str = "example.com";
const ORIGIN: &str = "https://example.com";
const CHALLENGE: &[u8] = b"0123456789abcdef";

fn keys() -> Vec<(&'static str, TestKey)> {
    vec![
        ("ES256", TestKey::es256(1)),
        ("EdDSA", TestKey::eddsa(2)),
        ("RS256", TestKey::rsa(alg::RS256)),
        ("PS256", TestKey::rsa(alg::PS256)),
    ]
}

fn policy<'a>() -> RegistrationPolicy<'a> {
    RegistrationPolicy {
        challenge: CHALLENGE,
        origin: ORIGIN,
        rp_id: RP,
        user_verification_required: false,
        algorithms: &OFFERED_ALGORITHMS,
    }
}

fn register(
    auth: &Authenticator,
    fmt: Fmt,
    client: &[u8],
    policy: &RegistrationPolicy,
) -> Result<Registered, VerifyError> {
    let object = auth.attestation(RP, client, fmt);
    verify_registration(
        &RegistrationRequest {
            id: "id",
            raw_id: &auth.credential_id,
            kind: "public-key",
            client_data_json: client,
            attestation_object: &object,
        },
        policy,
    )
}

fn create_data() -> Vec<u8> {
    client_data("webauthn.create", CHALLENGE, ORIGIN)
}

fn err(message: &str) -> Result<Registered, VerifyError> {
    Err(VerifyError::new(message))
}

#[test]
fn registers_every_algorithm_with_none_and_packed_self_attestation() {
    for (name, key) in keys() {
        for fmt in [Fmt::None, Fmt::Packed] {
            let mut auth = Authenticator::new(key.clone(), b"cred-1");
            auth.aaguid = [0xAB; 16];
            auth.counter = 3;
            let got = register(&auth, fmt, &create_data(), &policy())
                .unwrap_or_else(|e| panic!("{name} {fmt:?}: {e}"));
            assert_eq!(got.credential_id, b"cred-1");
            assert_eq!(got.algorithm, key.alg(), "{name}");
            assert_eq!(got.sign_count, 3);
            assert_eq!(got.aaguid, "abababab-abab-abab-abab-abababababab");
            let (fmt_name, kind) = match fmt {
                Fmt::None => ("none", AttestationType::None),
                Fmt::Packed => ("packed", AttestationType::SelfAttestation),
            };
            assert_eq!((got.fmt.as_str(), got.attestation), (fmt_name, kind));
            // The stored key verifies later assertions.
            let pk = PublicKey::from_bytes(&got.public_key).expect("stored key parses");
            assert_eq!(pk.alg(), key.alg());
        }
    }
}

#[test]
fn registration_rejections_carry_the_library_messages() {
    let auth = Authenticator::new(TestKey::es256(1), b"c");
    let wrong_challenge = client_data("webauthn.create", b"other", ORIGIN);
    assert_eq!(
        register(&auth, Fmt::None, &wrong_challenge, &policy()),
        err("Authenticator response challenge does not match original challenge")
    );
    let wrong_origin = client_data("webauthn.create", CHALLENGE, "https://evil.example");
    assert_eq!(
        register(&auth, Fmt::None, &wrong_origin, &policy()),
        err(
            "Fully qualified origin https://evil.example of https://evil.example not equal to fully qualified original origin https://example.com (1)"
        )
    );
    let get = client_data("webauthn.get", CHALLENGE, ORIGIN);
    assert_eq!(
        register(&auth, Fmt::None, &get, &policy()),
        err("AttestationResponse type must be 'webauthn.create'")
    );
    let other_rp = RegistrationPolicy {
        rp_id: "other.example",
        ..policy()
    };
    assert_eq!(
        register(&auth, Fmt::None, &create_data(), &other_rp),
        err("RPID hash does not match")
    );
    let mut absent = auth.clone();
    absent.flags = 0;
    assert_eq!(
        register(&absent, Fmt::None, &create_data(), &policy()),
        err("User Present flag not set in authenticator data")
    );
    let mut unverified = auth.clone();
    unverified.flags = flags::UP;
    let uv = RegistrationPolicy {
        user_verification_required: true,
        ..policy()
    };
    assert_eq!(
        register(&unverified, Fmt::None, &create_data(), &uv),
        err("User Verified flag not set in authenticator data and user verification was required")
    );
    assert!(register(&unverified, Fmt::None, &create_data(), &policy()).is_ok());
    let rsa_only = RegistrationPolicy {
        algorithms: &[alg::RS256],
        ..policy()
    };
    assert_eq!(
        register(&auth, Fmt::None, &create_data(), &rsa_only),
        err("Credential algorithm does not match policy requirement")
    );
    assert_eq!(
        register(&auth, Fmt::None, b"", &policy()),
        err("utf8EncodedJson may not be empty")
    );
    assert_eq!(
        register(&auth, Fmt::None, b"{not json", &policy()),
        err("Malformed clientDataJson")
    );
}

#[test]
fn packed_self_attestation_is_checked() {
    let auth = Authenticator::new(TestKey::es256(1), b"c");
    let client = create_data();
    let request = |object: &[u8]| {
        verify_registration(
            &RegistrationRequest {
                id: "c",
                raw_id: b"c",
                kind: "public-key",
                client_data_json: &client,
                attestation_object: object,
            },
            &policy(),
        )
    };
    // Signed by another key: the statement does not verify.
    let forged = auth.packed_statement(RP, &client, &TestKey::es256(9), alg::ES256);
    assert_eq!(
        request(&auth.attestation_object(RP, "packed", forged)),
        err("Failed to validate signature")
    );
    // Signed over other client data (a replayed statement).
    let stale = auth.packed_statement(RP, b"{}", &auth.key, alg::ES256);
    assert_eq!(
        request(&auth.attestation_object(RP, "packed", stale)),
        err("Failed to validate signature")
    );
    // A statement whose alg disagrees with the credential key.
    let mixed = auth.packed_statement(RP, &client, &auth.key, alg::EDDSA);
    assert_eq!(
        request(&auth.attestation_object(RP, "packed", mixed)),
        err(
            "Algorithm mismatch between credential public key and authenticator data in self attestation statement"
        )
    );
    let empty = coset::cbor::value::Value::Map(vec![]);
    assert_eq!(
        request(&auth.attestation_object(RP, "packed", empty.clone())),
        err("Attestation format packed must have attestation statement")
    );
    // Other formats are named, not silently accepted.
    assert_eq!(
        request(&auth.attestation_object(RP, "tpm", empty.clone())),
        err(
            "The emulator does not verify 'tpm' attestation; request attestation 'none' or use packed self attestation"
        )
    );
    assert_eq!(
        request(&auth.attestation_object(RP, "made-up", empty)),
        err("Unknown attestation type. Was 'made-up'")
    );
    let with_statement = auth.packed_statement(RP, &client, &auth.key, alg::ES256);
    assert_eq!(
        request(&auth.attestation_object(RP, "none", with_statement)),
        err("Attestation format none should have no attestation statement")
    );
    assert_eq!(request(b""), err("Missing AttestationObject"));
    assert_eq!(
        request(&[0xff, 0x00]),
        err("Invalid AttestationObject CBOR data")
    );
}

fn assert_with(
    auth: &Authenticator,
    client: &[u8],
    policy: &AssertionPolicy,
    stored: &StoredKey,
) -> Result<Asserted, VerifyError> {
    let (auth_data, signature) = auth.assert(RP, client);
    verify_assertion(
        &AssertionRequest {
            raw_id: &auth.credential_id,
            kind: "public-key",
            client_data_json: client,
            authenticator_data: &auth_data,
            signature: &signature,
            user_handle: Some(b"user-1"),
        },
        policy,
        stored,
    )
}

fn get_policy<'a>() -> AssertionPolicy<'a> {
    AssertionPolicy {
        challenge: CHALLENGE,
        origin: ORIGIN,
        rp_id: RP,
        user_verification_required: false,
        allow_credentials: &[],
    }
}

/// Registers `auth` and returns its stored COSE key.
fn stored_key(auth: &Authenticator) -> Vec<u8> {
    register(auth, Fmt::None, &create_data(), &policy())
        .expect("registers")
        .public_key
}

#[test]
fn asserts_with_every_algorithm_and_checks_the_signature() {
    let get = client_data("webauthn.get", CHALLENGE, ORIGIN);
    for (name, key) in keys() {
        let mut auth = Authenticator::new(key, b"cred");
        let cose = stored_key(&auth);
        auth.counter = 5;
        let stored = StoredKey {
            public_key: &cose,
            sign_count: 4,
            user_handle: b"user-1",
        };
        let got = assert_with(&auth, &get, &get_policy(), &stored)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(got.sign_count, 5);
        // Another key's signature over the same data does not pass.
        let impostor = Authenticator {
            key: TestKey::es256(42),
            ..auth.clone()
        };
        assert_eq!(
            assert_with(&impostor, &get, &get_policy(), &stored),
            Err(VerifyError::new("Signature does not match")),
            "{name}"
        );
    }
}

#[test]
fn assertion_rejections_carry_the_library_messages() {
    let mut auth = Authenticator::new(TestKey::es256(3), b"cred");
    let cose = stored_key(&auth);
    let stored = StoredKey {
        public_key: &cose,
        sign_count: 7,
        user_handle: b"user-1",
    };
    let get = client_data("webauthn.get", CHALLENGE, ORIGIN);
    let fail = |m: &str| Err(VerifyError::new(m));

    auth.counter = 7;
    assert_eq!(
        assert_with(&auth, &get, &get_policy(), &stored),
        fail("SignCount must be greater than the current SignatureCounter")
    );
    // Authenticators that do not count report 0 every time, which passes.
    auth.counter = 0;
    assert!(assert_with(&auth, &get, &get_policy(), &stored).is_ok());

    let allow = [b"someone-else".to_vec()];
    let restricted = AssertionPolicy {
        allow_credentials: &allow,
        ..get_policy()
    };
    assert_eq!(
        assert_with(&auth, &get, &restricted, &stored),
        fail("Credential ID not in allowed credentials")
    );
    let other_owner = StoredKey {
        user_handle: b"user-2",
        ..stored
    };
    assert_eq!(
        assert_with(&auth, &get, &get_policy(), &other_owner),
        fail("User is not owner of the public key identified by the credential id")
    );
    let create = client_data("webauthn.create", CHALLENGE, ORIGIN);
    assert_eq!(
        assert_with(&auth, &create, &get_policy(), &stored),
        fail("AssertionResponse type must be 'webauthn.get'")
    );
    let other_rp = AssertionPolicy {
        rp_id: "other.example",
        ..get_policy()
    };
    assert_eq!(
        assert_with(&auth, &get, &other_rp, &stored),
        fail("RPID hash does not match")
    );
    auth.flags = flags::UP;
    let uv = AssertionPolicy {
        user_verification_required: true,
        ..get_policy()
    };
    assert_eq!(
        assert_with(&auth, &get, &uv, &stored),
        fail("User Verified flag not set in authenticator data and user verification was required")
    );
    let replayed_challenge = client_data("webauthn.get", b"an old challenge", ORIGIN);
    assert_eq!(
        assert_with(&auth, &replayed_challenge, &get_policy(), &stored),
        fail("Authenticator response challenge does not match original challenge")
    );
    let (auth_data, signature) = auth.assert(RP, &get);
    let empty_handle = verify_assertion(
        &AssertionRequest {
            raw_id: &auth.credential_id,
            kind: "public-key",
            client_data_json: &get,
            authenticator_data: &auth_data,
            signature: &signature,
            user_handle: Some(b""),
        },
        &get_policy(),
        &stored,
    );
    assert_eq!(
        empty_handle,
        fail("UserHandle was empty DOMString. It should either be null or have a value.")
    );
    let short = verify_assertion(
        &AssertionRequest {
            raw_id: b"cred",
            kind: "public-key",
            client_data_json: &get,
            authenticator_data: &auth_data[..20],
            signature: &signature,
            user_handle: None,
        },
        &get_policy(),
        &stored,
    );
    assert_eq!(
        short,
        fail("Authenticator data is less than the minimum structure length of 37")
    );
}

#[test]
fn origins_compare_fully_qualified() {
    assert_eq!(
        fully_qualified_origin("https://Example.com:443/path"),
        "https://example.com"
    );
    assert_eq!(
        fully_qualified_origin("http://localhost:5173/"),
        "http://localhost:5173"
    );
    assert_eq!(fully_qualified_origin("http://[::1]:80"), "http://[::1]");
    assert_eq!(fully_qualified_origin("not a url"), "not a url");
}
