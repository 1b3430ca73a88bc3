//! Wire models of the four frontend (passkey ceremony) routes, contract §3.1: what a browser
//! client or a software authenticator sends to `/register/begin|complete` and
//! `/signin/begin|complete`, and the creation/request options the server answers with
//! (fido2-net-lib 4 `CredentialCreateOptions` / `AssertionOptions`, member order as serialised).
//! Binary members are base64url without padding. The server matches request member names
//! case-insensitively; these types send the spelling the official browser client uses for the
//! top level (`RPID`, `Origin`) and the WebAuthn spelling inside `response`. The emulator binds
//! requests into these same types: members the server treats as optional default to empty.

use serde::{Deserialize, Serialize};

use super::CredentialDescriptor;

/// `POST /register/begin` body.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RegisterBeginRequest {
    #[serde(default)]
    pub token: String,
    #[serde(rename = "RPID", default)]
    pub rp_id: String,
    #[serde(rename = "Origin", default)]
    pub origin: String,
}

/// `{data, session}`: the answer of `/register/begin` and `/signin/begin`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SessionResponse<T> {
    pub data: T,
    /// `session_…`, to send back to the matching `complete` route.
    pub session: String,
}

/// `rp` of the creation options: both members are the request's `RPID`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RelyingParty {
    pub id: Option<String>,
    pub name: Option<String>,
}

/// `user` of the creation options.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct UserEntity {
    /// The register token's `username`.
    pub name: String,
    /// base64url of the UTF-8 userId: the user handle.
    pub id: String,
    /// `displayName`, or `username` when the token has none.
    pub display_name: String,
}

/// One entry of `pubKeyCredParams`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PubKeyCredParam {
    #[serde(rename = "type")]
    pub kind: String,
    /// COSE algorithm number (-7 ES256, -8 EdDSA, -257 RS256, …).
    pub alg: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AuthenticatorSelection {
    /// `platform` or `cross-platform`; absent for "any".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authenticator_attachment: Option<String>,
    /// `required` for discoverable credentials, else `discouraged`.
    pub resident_key: String,
    pub require_resident_key: bool,
    pub user_verification: String,
}

/// `extensions` of the creation options: the server always asks for `credProps`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CreationExtensions {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cred_props: Option<bool>,
}

/// `data` of `/register/begin`: what `navigator.credentials.create({publicKey})` takes.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CredentialCreateOptions {
    pub rp: RelyingParty,
    pub user: UserEntity,
    /// base64url, 16 random bytes.
    pub challenge: String,
    pub pub_key_cred_params: Vec<PubKeyCredParam>,
    /// Milliseconds.
    pub timeout: u64,
    /// `none`, `indirect` or `direct`.
    pub attestation: String,
    #[serde(default)]
    pub attestation_formats: Vec<String>,
    pub authenticator_selection: AuthenticatorSelection,
    /// `security-key`, `client-device`, `hybrid`.
    #[serde(default)]
    pub hints: Vec<String>,
    /// The user's existing credentials.
    #[serde(default)]
    pub exclude_credentials: Vec<CredentialDescriptor>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<CreationExtensions>,
}

/// `data` of `/signin/begin`: what `navigator.credentials.get({publicKey})` takes.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AssertionOptions {
    /// base64url, 16 random bytes.
    pub challenge: String,
    /// Milliseconds.
    pub timeout: u64,
    pub rp_id: Option<String>,
    /// The user's credentials; empty for a discoverable sign-in.
    #[serde(default)]
    pub allow_credentials: Vec<CredentialDescriptor>,
    /// From the auth configuration of the purpose.
    pub user_verification: Option<String>,
    #[serde(default)]
    pub hints: Vec<String>,
}

/// `clientExtensionResults.credProps`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct CredentialProperties {
    /// Whether the credential is discoverable (a resident key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rk: Option<bool>,
}

/// `clientExtensionResults`: the outputs the server reads (an empty object is fine).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ClientExtensionResults {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cred_props: Option<CredentialProperties>,
}

/// `response.response` of `/register/complete` (an `AuthenticatorAttestationResponse`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AttestationResponse {
    pub attestation_object: String,
    #[serde(rename = "clientDataJSON")]
    pub client_data_json: String,
    #[serde(default)]
    pub transports: Vec<String>,
}

/// `response` of `/register/complete`: the `PublicKeyCredential` from `create()`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AttestationCredential {
    /// base64url credential id.
    pub id: String,
    /// The same id, base64url.
    pub raw_id: String,
    /// `public-key`.
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub client_extension_results: ClientExtensionResults,
    pub response: AttestationResponse,
}

/// `POST /register/complete` body.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RegisterCompleteRequest {
    #[serde(default)]
    pub session: String,
    pub response: AttestationCredential,
    /// At most 64 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nickname: Option<String>,
    #[serde(rename = "RPID", default)]
    pub rp_id: String,
    #[serde(rename = "Origin", default)]
    pub origin: String,
}

/// `POST /signin/begin` body: by `userId`, by `alias`, or neither for a discoverable sign-in.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SigninBeginRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// Auth configuration to use; `sign-in` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    #[serde(rename = "RPID", default)]
    pub rp_id: String,
    #[serde(rename = "Origin", default)]
    pub origin: String,
}

/// `response.response` of `/signin/complete` (an `AuthenticatorAssertionResponse`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AssertionResponse {
    pub authenticator_data: String,
    #[serde(rename = "clientDataJSON")]
    pub client_data_json: String,
    pub signature: String,
    /// base64url of the user handle; discoverable credentials return it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_handle: Option<String>,
}

/// `response` of `/signin/complete`: the `PublicKeyCredential` from `get()`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AssertionCredential {
    pub id: String,
    pub raw_id: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub client_extension_results: ClientExtensionResults,
    pub response: AssertionResponse,
}

/// `POST /signin/complete` body.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SigninCompleteRequest {
    #[serde(default)]
    pub session: String,
    pub response: AssertionCredential,
    #[serde(rename = "RPID", default)]
    pub rp_id: String,
    #[serde(rename = "Origin", default)]
    pub origin: String,
}
