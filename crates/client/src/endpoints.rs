//! One typed method per Passwordless.dev endpoint. Paths, bodies and retry safety live here and
//! nowhere else. Reads and idempotent writes are `Retry::Safe`; anything a user would notice
//! twice (an e-mail, a delete, a new key) is `Retry::Never`.

use serde_json::Value;

use super::limits::KeyType;
use super::types::*;
use super::{ApiResponse, Client, Method, Retry};
use crate::error::ApiError;

type Result<T> = std::result::Result<ApiResponse<T>, ApiError>;
type Done = std::result::Result<(), ApiError>;

/// A POST route that `bulk` fans out over: its path, whether a failed call may be retried
/// automatically (the retry table), and whether sending the same request twice leaves no more
/// effect than sending it once (so a request of unknown outcome may be sent again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    pub path: &'static str,
    pub retry: Retry,
    pub repeatable: bool,
}

/// A token has no effect until it is used.
pub const REGISTER_TOKEN: Route = Route {
    path: "/register/token",
    retry: Retry::Safe,
    repeatable: true,
};
pub const GENERATE_SIGNIN_TOKEN: Route = Route {
    path: "/signin/generate-token",
    retry: Retry::Safe,
    repeatable: true,
};
/// Never retried (a delete is not repeated behind the user's back), but deleting a user twice
/// leaves the same state: the second call answers 200 too.
pub const DELETE_USER: Route = Route {
    path: "/users/delete",
    retry: Retry::Never,
    repeatable: true,
};
/// Replaces the user's aliases: idempotent.
pub const SET_ALIASES: Route = Route {
    path: "/alias",
    retry: Retry::Safe,
    repeatable: true,
};
/// Never retried; a second delete of the same id removes nothing more (the hosted service
/// answers it with a 500, the emulator with 204).
pub const DELETE_CREDENTIAL: Route = Route {
    path: "/credentials/delete",
    retry: Retry::Never,
    repeatable: true,
};
/// Each call sends an e-mail: never retried, never repeated.
pub const SEND_MAGIC_LINK: Route = Route {
    path: "/magic-links/send",
    retry: Retry::Never,
    repeatable: false,
};

/// Path segment for an app id; ids are `[a-z][a-z0-9]*`, checked before they get here.
fn app(app_id: &str, rest: &str) -> String {
    format!("/admin/apps/{app_id}{rest}")
}

impl Client {
    fn get<T: serde::de::DeserializeOwned>(&self, path: &str, query: &[(&str, &str)]) -> Result<T> {
        self.call::<(), T>(Method::GET, path, query, None, Retry::Safe)
    }

    fn post<B: serde::Serialize, T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        retry: Retry,
    ) -> Result<T> {
        self.call(Method::POST, path, &[], Some(body), retry)
    }

    fn post_empty<B: serde::Serialize>(&self, path: &str, body: Option<&B>, retry: Retry) -> Done {
        self.call_empty(Method::POST, path, body, retry)
    }

    // --- tokens -------------------------------------------------------------------------------

    /// `POST /register/token`. Safe to retry: a token has no effect until it is used.
    pub fn register_token(&self, request: &RegisterTokenRequest) -> Result<TokenResponse> {
        self.post(REGISTER_TOKEN.path, request, REGISTER_TOKEN.retry)
    }

    /// `POST /signin/verify`. Verifying does not consume the token, so it is safe to retry.
    pub fn verify_token(&self, token: &str) -> Result<VerifiedUser> {
        let body = VerifyTokenRequest {
            token: token.to_owned(),
        };
        self.post("/signin/verify", &body, Retry::Safe)
    }

    /// `POST /signin/generate-token`.
    pub fn generate_signin_token(
        &self,
        request: &GenerateSigninTokenRequest,
    ) -> Result<TokenResponse> {
        self.post(
            GENERATE_SIGNIN_TOKEN.path,
            request,
            GENERATE_SIGNIN_TOKEN.retry,
        )
    }

    // --- users, aliases, credentials ----------------------------------------------------------

    pub fn list_users(&self) -> Result<Values<UserSummary>> {
        self.get("/users/list", &[])
    }

    pub fn count_users(&self) -> Result<UserCount> {
        self.get("/users/count", &[])
    }

    /// `POST /users/delete`: 200 with an empty body.
    pub fn delete_user(&self, user_id: &str) -> Done {
        let body = UserIdRequest {
            user_id: user_id.to_owned(),
        };
        self.post_empty(DELETE_USER.path, Some(&body), DELETE_USER.retry)
    }

    pub fn list_aliases(&self, user_id: &str) -> Result<Values<AliasPointer>> {
        self.get("/alias/list", &[("userId", user_id)])
    }

    /// `POST /alias`: replaces the user's aliases. Idempotent, so safe to retry.
    pub fn set_aliases(&self, request: &SetAliasRequest) -> Done {
        self.post_empty(SET_ALIASES.path, Some(request), SET_ALIASES.retry)
    }

    pub fn list_credentials(&self, user_id: &str) -> Result<Values<Credential>> {
        self.get("/credentials/list", &[("userId", user_id)])
    }

    /// `POST /credentials/delete`; the id must be base64url.
    pub fn delete_credential(&self, credential_id: &str) -> Done {
        let body = DeleteCredentialRequest {
            credential_id: credential_id.to_owned(),
        };
        self.post_empty(DELETE_CREDENTIAL.path, Some(&body), DELETE_CREDENTIAL.retry)
    }

    // --- magic links, features, auth configs, authenticators ------------------------------------

    /// `POST /magic-links/send`: each call sends an e-mail, so it is never retried.
    pub fn send_magic_link(&self, request: &SendMagicLinkRequest) -> Done {
        self.post_empty(SEND_MAGIC_LINK.path, Some(request), SEND_MAGIC_LINK.retry)
    }

    /// `POST /apps/features`: a patch, idempotent.
    pub fn set_features(&self, request: &SetFeaturesRequest) -> Done {
        self.post_empty("/apps/features", Some(request), Retry::Safe)
    }

    pub fn list_auth_configs(&self, purpose: Option<&str>) -> Result<AuthConfigList> {
        match purpose {
            Some(purpose) => self.get("/auth-configs/list", &[("purpose", purpose)]),
            None => self.get("/auth-configs/list", &[]),
        }
    }

    /// `POST /auth-configs/add`: 201 with an empty body.
    pub fn add_auth_config(&self, request: &AuthConfigRequest) -> Done {
        self.post_empty("/auth-configs/add", Some(request), Retry::Never)
    }

    pub fn update_auth_config(&self, request: &AuthConfigRequest) -> Done {
        self.post_empty("/auth-configs", Some(request), Retry::Safe)
    }

    pub fn delete_auth_config(&self, request: &AuthConfigDeleteRequest) -> Done {
        self.post_empty("/auth-configs/delete", Some(request), Retry::Never)
    }

    pub fn list_authenticators(&self, is_allowed: bool) -> Result<Vec<Authenticator>> {
        let value = if is_allowed { "true" } else { "false" };
        self.get("/authenticators/list", &[("isAllowed", value)])
    }

    pub fn add_authenticators(&self, aa_guids: &[String], is_allowed: bool) -> Done {
        let body = AuthenticatorsRequest {
            aa_guids: aa_guids.to_vec(),
            is_allowed: Some(is_allowed),
        };
        self.post_empty("/authenticators/add", Some(&body), Retry::Safe)
    }

    pub fn remove_authenticators(&self, aa_guids: &[String]) -> Done {
        let body = AuthenticatorsRequest {
            aa_guids: aa_guids.to_vec(),
            is_allowed: None,
        };
        self.post_empty("/authenticators/remove", Some(&body), Retry::Safe)
    }

    // --- events and reports --------------------------------------------------------------------

    pub fn events(&self, page: u32, per_page: u32) -> Result<EventPage> {
        let (page, per_page) = (page.to_string(), per_page.to_string());
        self.get(
            "/events",
            &[("pageNumber", &page), ("numberOfResults", &per_page)],
        )
    }

    /// `GET /reporting/credentials/periodic` with optional inclusive dates.
    pub fn credentials_report(
        &self,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<CredentialsReportRow>> {
        self.report("credentials", from, to)
    }

    /// `GET /reporting/active-users/periodic` with optional inclusive dates.
    pub fn active_users_report(
        &self,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<ActiveUsersReportRow>> {
        self.report("active-users", from, to)
    }

    fn report<T: serde::de::DeserializeOwned>(
        &self,
        kind: &str,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<T> {
        let mut query = Vec::new();
        if let Some(from) = from {
            query.push(("from", from));
        }
        if let Some(to) = to {
            query.push(("to", to));
        }
        self.get(&format!("/reporting/{kind}/periodic"), &query)
    }

    // --- management (ManagementKey) --------------------------------------------------------------

    pub fn app_available(&self, app_id: &str) -> Result<AppAvailability> {
        self.get(&app(app_id, "/available"), &[])
    }

    /// Creates an app; the answer holds its keys, shown only once.
    pub fn create_app(&self, app_id: &str, request: &CreateAppRequest) -> Result<CreatedApp> {
        self.post(&app(app_id, "/create"), request, Retry::Never)
    }

    pub fn freeze_app(&self, app_id: &str, freeze: bool) -> Done {
        let action = if freeze { "/freeze" } else { "/unfreeze" };
        self.post_empty::<()>(&app(app_id, action), None, Retry::Safe)
    }

    pub fn list_api_keys(&self, app_id: &str) -> Result<Vec<ApiKeyInfo>> {
        self.get(&app(app_id, "/api-keys"), &[])
    }

    /// Creates a key of `kind` with scopes by number (`limits::Scope::number`).
    pub fn create_api_key(
        &self,
        app_id: &str,
        kind: KeyType,
        scopes: Vec<i64>,
    ) -> Result<CreatedKey> {
        let kind = match kind {
            KeyType::Secret => "/secret-keys",
            KeyType::Public => "/public-keys",
        };
        self.post(
            &app(app_id, kind),
            &CreateKeyRequest { scopes },
            Retry::Never,
        )
    }

    pub fn lock_api_key(&self, app_id: &str, key_id: &str, lock: bool) -> Done {
        let action = if lock { "lock" } else { "unlock" };
        self.post_empty::<()>(
            &app(app_id, &format!("/api-keys/{key_id}/{action}")),
            None,
            Retry::Safe,
        )
    }

    pub fn delete_api_key(&self, app_id: &str, key_id: &str) -> Done {
        self.call_empty::<()>(
            Method::DELETE,
            &app(app_id, &format!("/api-keys/{key_id}")),
            None,
            Retry::Never,
        )
    }

    pub fn app_features(&self, app_id: &str) -> Result<AppFeatures> {
        self.get(&app(app_id, "/features"), &[])
    }

    pub fn set_app_features(&self, app_id: &str, request: &ManageFeaturesRequest) -> Done {
        self.post_empty(&app(app_id, "/features"), Some(request), Retry::Safe)
    }

    /// A bare JSON `true` or `false`.
    pub fn can_delete_immediately(&self, app_id: &str) -> Result<bool> {
        self.get(&app(app_id, "/can-delete-immediately"), &[])
    }

    pub fn mark_app_for_deletion(&self, app_id: &str, deleted_by: &str) -> Result<DeletionStatus> {
        let body = MarkDeleteRequest {
            app_id: app_id.to_owned(),
            deleted_by: deleted_by.to_owned(),
        };
        self.post(&app(app_id, "/mark-delete"), &body, Retry::Never)
    }

    pub fn cancel_app_deletion(&self, app_id: &str) -> Result<MessageResponse> {
        self.call::<(), MessageResponse>(
            Method::POST,
            &app(app_id, "/cancel-delete"),
            &[],
            None,
            Retry::Safe,
        )
    }

    pub fn delete_app(&self, app_id: &str) -> Result<DeletionStatus> {
        self.call::<(), DeletionStatus>(Method::DELETE, &app(app_id, ""), &[], None, Retry::Never)
    }

    pub fn apps_pending_deletion(&self) -> Result<Vec<String>> {
        self.get("/apps/list-pending-deletion", &[])
    }

    // --- anonymous -------------------------------------------------------------------------------

    /// `GET /health/{check}`: `http` answers plain text, the others a [`HealthReport`]. A body
    /// that is not a report is kept as text, so an unfamiliar server still shows what it said.
    pub fn health(&self, check: &str) -> std::result::Result<HealthAnswer, ApiError> {
        let (status, text) = self.text(Method::GET, &format!("/health/{check}"))?;
        let json: Value =
            serde_json::from_str(&text).unwrap_or_else(|_| Value::String(text.trim().to_owned()));
        let body = match serde_json::from_value::<HealthReport>(json.clone()) {
            Ok(report) => HealthBody::Report(report),
            Err(_) => HealthBody::Text(text.trim().to_owned()),
        };
        Ok(HealthAnswer { status, body, json })
    }

    /// Any request, for `passwordless api`: only GET is retried. The answer is kept whole,
    /// whatever its status and body.
    pub fn raw(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> std::result::Result<super::RawAnswer, ApiError> {
        let retry = if method == Method::GET {
            Retry::Safe
        } else {
            Retry::Never
        };
        self.raw_exchange(method, path, body, retry)
    }
}
