//! `ApiKey` header authentication for the four frontend routes (contract §1.2–1.3): the public
//! key's 401 `detail` texts (the mirror of the `ApiSecret` ones) and the 403 scope check
//! (`register`, `login`). Locked keys look exactly like unknown ones.

use super::auth::Caller;
use super::http::Req;
use super::problem::Problem;
use super::state::{KeyKind, State};

const SCHEME: &str = "ApiKey";

pub fn api_key(state: &State, req: &Req, scope: &str) -> Result<Caller, Problem> {
    let deny = |detail: &str| Err(Problem::unauthorized(SCHEME, Some(detail)));
    let value = req.header("apikey").unwrap_or("").trim();
    if value.is_empty() {
        return deny(if req.header("apisecret").is_some() {
            "A 'ApiSecret' header was supplied when a 'ApiKey' header should have been supplied."
        } else {
            "A valid 'ApiKey' header is required."
        });
    }
    if value.starts_with("verify_") {
        return deny("A verify token was supplied instead of your 'ApiKey'.");
    }
    if value.starts_with("register_") {
        return deny("A register token was supplied instead of your 'ApiKey'.");
    }
    if value.contains(":secret:") {
        return deny("Your ApiKey header contained a ApiSecret instead of your 'ApiKey'.");
    }
    if !value.contains("public") {
        let start: String = value.chars().take(10).collect();
        return deny(&format!(
            "We don't recognize the value you supplied for your 'ApiKey'. It started with: '{start}'."
        ));
    }
    let not_valid = "The value of your 'ApiKey' is not valid.";
    let app = value
        .split_once(':')
        .and_then(|(app_id, _)| state.apps.get(app_id));
    let Some(app) = app else {
        return deny(not_valid);
    };
    // Public keys are stored in clear and compared by equality.
    let Some(key) = app
        .keys
        .iter()
        .find(|k| k.kind == KeyKind::Public && !k.locked && k.value == value)
    else {
        return deny(not_valid);
    };
    if !key.scopes.iter().any(|s| s == scope) {
        return Err(Problem::missing_scope(scope));
    }
    Ok(Caller {
        app_id: app.id.clone(),
        key_id: key.id(),
    })
}
