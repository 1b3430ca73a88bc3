//! Reading request bodies the way ASP.NET binds them (contract §1.4): the content-type and JSON
//! checks, then binding into the shared `api::types` request structs (see `bind`). A few routes
//! also ask whether a member was sent at all, because the server tells absence from emptiness.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::bind;
use super::http::Req;
use super::problem::Problem;

/// A parsed JSON object body.
#[derive(Debug, Default)]
pub struct Body(Map<String, Value>);

/// Parses the request body as a JSON object. `type_name` names the .NET parameter in messages.
pub fn body(req: &Req, type_name: &str) -> Result<Body, Problem> {
    check_media(req, type_name)?;
    let value: Value = serde_json::from_slice(&req.body).map_err(|e| {
        Problem::binding(&format!(
            "Failed to read parameter \"{type_name} payload\" from the request body as JSON: {e}."
        ))
    })?;
    match value {
        Value::Object(map) => Ok(Body(map)),
        other => Err(Problem::binding(&format!(
            "Failed to read parameter \"{type_name} payload\" from the request body as JSON: expected an object, got {}.",
            bind::kind(&other)
        ))),
    }
}

/// The framework's checks before the body is read: there is one, and it is JSON.
fn check_media(req: &Req, type_name: &str) -> Result<(), Problem> {
    let content_type = req.header(axum::http::header::CONTENT_TYPE).unwrap_or("");
    if req.body.is_empty() && content_type.is_empty() {
        return Err(Problem::binding(&format!(
            "Required parameter \"{type_name} payload\" was not provided from body."
        )));
    }
    // The server's request-side rule, kept apart from `media::is_json_type` (the client's rule
    // for reading answers) on purpose: it is what the emulator accepts, and it is wider — any
    // `+json` type, not only `application/*+json`.
    let media = passwordless_model::media::essence(content_type);
    let is_json = media.eq_ignore_ascii_case("application/json")
        || media.to_ascii_lowercase().ends_with("+json");
    if !is_json {
        return Err(Problem::unsupported_media(content_type));
    }
    Ok(())
}

/// Parses the body and binds it into `T` in one step.
pub fn bind<T: DeserializeOwned>(req: &Req, type_name: &str) -> Result<T, Problem> {
    body(req, type_name)?.bind(type_name)
}

impl Body {
    /// Binds the body into a wire request type.
    pub fn bind<T: DeserializeOwned>(&self, type_name: &str) -> Result<T, Problem> {
        bind::bind(&self.0, type_name)
    }

    /// Whether the member was sent, even as `null` (C# `required` members).
    pub fn has(&self, name: &str) -> bool {
        bind::member(&self.0, name).is_some()
    }

    /// Whether the member was sent with a value other than `null`.
    pub fn given(&self, name: &str) -> bool {
        bind::member(&self.0, name).is_some_and(|v| !v.is_null())
    }

    /// Fails like System.Text.Json does for a C# `required` member that is absent.
    pub fn require_present(&self, type_name: &str, names: &[&str]) -> Result<(), Problem> {
        let missing: Vec<&str> = names.iter().copied().filter(|n| !self.has(n)).collect();
        if missing.is_empty() {
            return Ok(());
        }
        Err(Problem::binding(&format!(
            "Failed to read parameter \"{type_name} payload\" from the request body as JSON: JSON deserialization for type '{type_name}' was missing required properties, including the following: {}",
            missing.join(", ")
        )))
    }
}

/// `true` when a string is empty or whitespace (DataAnnotations `[Required]`; absent members
/// bind as empty strings).
pub fn blank(s: &str) -> bool {
    s.trim().is_empty()
}
