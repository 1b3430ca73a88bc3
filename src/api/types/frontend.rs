//! Wire models of the four browser-facing routes (`/register/begin|complete`,
//! `/signin/begin|complete`, contract §3.1) under the public `ApiKey`: the requests a browser
//! sends through the official client and the WebAuthn options the server answers with. Binary
//! members are base64url strings. Answers are read leniently (unknown members ignored, missing
//! optional ones defaulted); requests carry the server's spelling (`RPID`, `Origin`,
//! `clientDataJSON`).

use serde::{Deserialize, Serialize};

/// `POST /register/begin` body.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RegisterBeginRequest {
    pub token: String,
    #[serde(rename = "RPID")]
    pub rp_id: String,
    #[serde(rename = "Origin")]
    pub origin: String,
}

/// The answer of both begin routes: WebAuthn options and the session to complete with.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BeginResponse<T> {
    pub data: T,
    pub session: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct RelyingParty {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct UserEntity {
    /// base64url of the user handle.
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub display_name: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PubKeyCredParam {
    #[serde(rename = "type")]
    pub kind: String,
    pub alg: i64,
}

/// A credential named in `excludeCredentials` / `allowCredentials`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PublicKeyDescriptor {
    #[serde(rename = "type", default)]
    pub kind: String,
    /// base64url.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transports: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AuthenticatorSelection {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authenticator_attachment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resident_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub require_resident_key: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_verification: Option<String>,
}

/// `data` of `/register/begin`: PublicKeyCredentialCreationOptions as JSON.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CreationOptions {
    #[serde(default)]
    pub rp: RelyingParty,
    pub user: UserEntity,
    /// base64url.
    pub challenge: String,
    #[serde(default)]
    pub pub_key_cred_params: Vec<PubKeyCredParam>,
    #[serde(default)]
    pub timeout: Option<u64>,
    #[serde(default)]
    pub attestation: Option<String>,
    #[serde(default)]
    pub authenticator_selection: Option<AuthenticatorSelection>,
    #[serde(default)]
    pub exclude_credentials: Option<Vec<PublicKeyDescriptor>>,
}

/// `data` of `/signin/begin`: PublicKeyCredentialRequestOptions as JSON.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RequestOptions {
    /// base64url.
    pub challenge: String,
    #[serde(default)]
    pub timeout: Option<u64>,
    #[serde(default)]
    pub rp_id: Option<String>,
    #[serde(default)]
    pub allow_credentials: Option<Vec<PublicKeyDescriptor>>,
    #[serde(default)]
    pub user_verification: Option<String>,
}

/// `clientExtensionResults`: only `credProps`, which the server always requests.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ClientExtensionResults {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cred_props: Option<CredProps>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CredProps {
    pub rk: bool,
}

/// A PublicKeyCredential as the browser client serialises it; `R` is the attestation or the
/// assertion response.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PublicKeyCredential<R> {
    /// base64url of the credential id (`rawId` carries the same).
    pub id: String,
    pub raw_id: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub client_extension_results: ClientExtensionResults,
    pub response: R,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AttestationResponse {
    #[serde(rename = "attestationObject")]
    pub attestation_object: String,
    #[serde(rename = "clientDataJSON")]
    pub client_data_json: String,
    #[serde(default)]
    pub transports: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AssertionResponse {
    #[serde(rename = "authenticatorData")]
    pub authenticator_data: String,
    #[serde(rename = "clientDataJSON")]
    pub client_data_json: String,
    pub signature: String,
    #[serde(
        rename = "userHandle",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub user_handle: Option<String>,
}

/// `POST /register/complete` body.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RegisterCompleteRequest {
    pub session: String,
    pub response: PublicKeyCredential<AttestationResponse>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nickname: Option<String>,
    #[serde(rename = "RPID")]
    pub rp_id: String,
    #[serde(rename = "Origin")]
    pub origin: String,
}

/// `POST /signin/begin` body: neither user id nor alias means a discoverable sign-in.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SigninBeginRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    #[serde(rename = "RPID")]
    pub rp_id: String,
    #[serde(rename = "Origin")]
    pub origin: String,
}

/// `POST /signin/complete` body.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SigninCompleteRequest {
    pub session: String,
    pub response: PublicKeyCredential<AssertionResponse>,
    #[serde(rename = "RPID")]
    pub rp_id: String,
    #[serde(rename = "Origin")]
    pub origin: String,
}
