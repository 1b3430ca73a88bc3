//! The four browser-facing routes (contract §3.1), called with the public `ApiKey` by the
//! passkey commands, which play the browser. Begin routes only open a session, so a retry is
//! harmless; complete routes store a passkey or move a sign counter and are never repeated.

use super::Method;

use super::error::ApiError;
use super::types::{
    AssertionOptions, CredentialCreateOptions, RegisterBeginRequest, RegisterCompleteRequest,
    SessionResponse, SigninBeginRequest, SigninCompleteRequest, TokenResponse,
};
use super::{ApiResponse, Client, Retry};

type Result<T> = std::result::Result<ApiResponse<T>, ApiError>;

impl Client {
    /// `POST /register/begin`: a register token → creation options and a session.
    pub fn register_begin(
        &self,
        request: &RegisterBeginRequest,
    ) -> Result<SessionResponse<CredentialCreateOptions>> {
        self.call(
            Method::POST,
            "/register/begin",
            &[],
            Some(request),
            Retry::Safe,
        )
    }

    /// `POST /register/complete`: the attestation → a `verify_` token (`passkey_register`).
    pub fn register_complete(&self, request: &RegisterCompleteRequest) -> Result<TokenResponse> {
        self.call(
            Method::POST,
            "/register/complete",
            &[],
            Some(request),
            Retry::Never,
        )
    }

    /// `POST /signin/begin`: request options for a user, an alias, or anyone (discoverable).
    pub fn signin_begin(
        &self,
        request: &SigninBeginRequest,
    ) -> Result<SessionResponse<AssertionOptions>> {
        self.call(
            Method::POST,
            "/signin/begin",
            &[],
            Some(request),
            Retry::Safe,
        )
    }

    /// `POST /signin/complete`: the assertion → a `verify_` token (`passkey_signin`).
    pub fn signin_complete(&self, request: &SigninCompleteRequest) -> Result<TokenResponse> {
        self.call(
            Method::POST,
            "/signin/complete",
            &[],
            Some(request),
            Retry::Never,
        )
    }
}
