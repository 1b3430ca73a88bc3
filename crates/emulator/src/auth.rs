//! Header authentication (contract §1.2–1.3): `ApiSecret` for backend routes, `ManagementKey`
//! for admin routes, with the exact 401 `detail` texts and the 403 scope check.

use super::http::{API_SECRET, Req};
use super::problem::Problem;
use super::state::{KeyKind, State};

/// Who is calling: the app and the id (last four characters) of the key used.
#[derive(Debug, Clone)]
pub struct Caller {
    pub app_id: String,
    pub key_id: String,
}

const SECRET: &str = "ApiSecret";

/// Authenticates an `ApiSecret` request and, when `scope` is given, checks the key has it.
pub fn api_secret(state: &State, req: &Req, scope: Option<&str>) -> Result<Caller, Problem> {
    let value = req.header(API_SECRET).unwrap_or("").trim();
    if value.is_empty() {
        let detail = if req.header("apikey").is_some() {
            "A 'ApiKey' header was supplied when a 'ApiSecret' header should have been supplied."
        } else {
            "A valid 'ApiSecret' header is required."
        };
        return Err(Problem::unauthorized(SECRET, Some(detail)));
    }
    let deny = |detail: &str| Err(Problem::unauthorized(SECRET, Some(detail)));
    if value.starts_with("verify_") {
        return deny("A verify token was supplied instead of your 'ApiSecret'.");
    }
    if value.starts_with("register_") {
        return deny("A register token was supplied instead of your 'ApiSecret'.");
    }
    if value.contains(":public:") {
        return deny(
            "Your ApiSecret header contained a public ApiKey instead of your 'ApiSecret'.",
        );
    }
    if !value.contains("secret") {
        let start: String = value.chars().take(10).collect();
        return deny(&format!(
            "We don't recognize the value you supplied for your 'ApiSecret'. It started with: '{start}'."
        ));
    }
    let not_valid = "The value of your 'ApiSecret' is not valid.";
    let Some((app_id, _)) = value.split_once(':') else {
        return deny(not_valid);
    };
    let Some(app) = state.apps.get(app_id) else {
        return deny(not_valid);
    };
    // Locked keys look exactly like unknown ones: the server's handler swallows `api_key_locked`.
    let Some(key) = app
        .keys
        .iter()
        .find(|k| k.kind == KeyKind::Secret && !k.locked && constant_eq(&k.value, value))
    else {
        return deny(not_valid);
    };
    if let Some(scope) = scope
        && !key.scopes.iter().any(|s| s == scope)
    {
        return Err(Problem::missing_scope(scope));
    }
    Ok(Caller {
        app_id: app.id.clone(),
        key_id: key.id(),
    })
}

/// Authenticates a `ManagementKey` request (no `detail` in the 401 body).
pub fn management(expected: &str, req: &Req) -> Result<(), Problem> {
    match req.header("managementkey") {
        Some(v) if constant_eq(v, expected) => Ok(()),
        _ => Err(Problem::unauthorized("ManagementKey", None)),
    }
}

/// Compares without an early exit, so timing does not reveal how much of a key matched.
fn constant_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
