//! `clientDataJSON`: parsing, and the checks both ceremonies share (type, challenge, origin), in
//! fido2-net-lib's order and words (`AuthenticatorResponse.BaseVerify`).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Deserialize;

use super::VerifyError;

/// The members of `clientDataJSON` a relying party looks at. Names are case-sensitive, as in the
/// library's serializer context.
#[derive(Debug, Deserialize)]
struct Wire {
    #[serde(rename = "type")]
    kind: Option<String>,
    challenge: Option<String>,
    origin: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientData {
    pub kind: Option<String>,
    pub challenge: Option<Vec<u8>>,
    pub origin: Option<String>,
}

fn malformed() -> VerifyError {
    VerifyError::new("Malformed clientDataJson")
}

pub fn parse(bytes: &[u8]) -> Result<ClientData, VerifyError> {
    if bytes.is_empty() {
        return Err(VerifyError::new("utf8EncodedJson may not be empty"));
    }
    let wire: Wire = serde_json::from_slice(bytes).map_err(|_| malformed())?;
    let challenge = match wire.challenge {
        Some(c) => Some(
            URL_SAFE_NO_PAD
                .decode(c.trim_end_matches('='))
                .map_err(|_| malformed())?,
        ),
        None => None,
    };
    Ok(ClientData {
        kind: wire.kind,
        challenge,
        origin: wire.origin,
    })
}

/// `scheme://host[:port]`, the port only when it is not the scheme's default, host lower-cased;
/// anything that is not a URL with a host is compared as given (fido2-net-lib
/// `ToFullyQualifiedOrigin`).
pub fn fully_qualified_origin(origin: &str) -> String {
    match url::Url::parse(origin) {
        Ok(u) => match u.host_str() {
            Some(host) => match u.port() {
                Some(port) => format!("{}://{host}:{port}", u.scheme()),
                None => format!("{}://{host}", u.scheme()),
            },
            None => origin.to_string(),
        },
        Err(_) => origin.to_string(),
    }
}

impl ClientData {
    /// Type, challenge and origin against what the relying party expects.
    pub fn base_verify(&self, challenge: &[u8], expected_origin: &str) -> Result<(), VerifyError> {
        let kind = self.kind.as_deref().unwrap_or("");
        if kind != "webauthn.create" && kind != "webauthn.get" {
            return Err(VerifyError::new(format!(
                "Type must be 'webauthn.create' or 'webauthn.get'. Was '{kind}'"
            )));
        }
        let Some(got) = &self.challenge else {
            return Err(VerifyError::new(
                "Authenticator response challenge may not be null",
            ));
        };
        if got.as_slice() != challenge {
            return Err(VerifyError::new(
                "Authenticator response challenge does not match original challenge",
            ));
        }
        let origin = self.origin.as_deref().unwrap_or("");
        let got = fully_qualified_origin(origin);
        let expected = fully_qualified_origin(expected_origin);
        if !got.eq_ignore_ascii_case(&expected) {
            return Err(VerifyError::new(format!(
                "Fully qualified origin {got} of {origin} not equal to fully qualified original origin {expected} (1)"
            )));
        }
        Ok(())
    }
}
