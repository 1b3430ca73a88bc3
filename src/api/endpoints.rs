//! One typed method per Passwordless.dev endpoint. Paths, bodies and retry safety live here and
//! nowhere else.

use reqwest::Method;
use serde_json::Value;

use super::types::{
    GenerateSigninTokenRequest, RegisterTokenRequest, TokenResponse, VerifiedUser,
    VerifyTokenRequest,
};
use super::{ApiResponse, Client, Retry};
use crate::api::error::ApiError;

type Result<T> = std::result::Result<ApiResponse<T>, ApiError>;

impl Client {
    /// `POST /register/token`. Safe to retry: a token has no effect until it is used.
    pub fn register_token(&self, request: &RegisterTokenRequest) -> Result<TokenResponse> {
        self.call(
            Method::POST,
            "/register/token",
            &[],
            Some(request),
            Retry::Safe,
        )
    }

    /// `POST /signin/verify`. Verifying does not consume the token, so it is safe to retry.
    pub fn verify_token(&self, token: &str) -> Result<VerifiedUser> {
        let body = VerifyTokenRequest {
            token: token.to_owned(),
        };
        self.call(
            Method::POST,
            "/signin/verify",
            &[],
            Some(&body),
            Retry::Safe,
        )
    }

    /// `POST /signin/generate-token`.
    pub fn generate_signin_token(
        &self,
        request: &GenerateSigninTokenRequest,
    ) -> Result<TokenResponse> {
        self.call(
            Method::POST,
            "/signin/generate-token",
            &[],
            Some(request),
            Retry::Safe,
        )
    }

    /// Any JSON answer, for `passwordless api`.
    pub fn raw(&self, method: Method, path: &str, body: Option<&Value>) -> Result<Value> {
        let retry = if method == Method::GET {
            Retry::Safe
        } else {
            Retry::Never
        };
        self.call(method, path, &[], body, retry)
    }
}
