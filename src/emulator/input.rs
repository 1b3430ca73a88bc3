//! Reading request bodies the way ASP.NET binds them (contract §1.4): the content-type and JSON
//! checks, then binding into the shared `api::types` request structs (see `bind`). A few routes
//! also ask whether a member was sent at all, because the server tells absence from emptiness.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::bind;
use super::problem::Problem;
use super::server::Req;

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
    let media = content_type.split(';').next().unwrap_or("").trim();
    let is_json = media.eq_ignore_ascii_case("application/json")
        || media.to_ascii_lowercase().ends_with("+json");
    if !is_json {
        return Err(Problem::unsupported_media(content_type));
    }
    Ok(())
}

/// Parses the body and binds it into `T` in one step.
pub fn bind<T: DeserializeOwned>(req: &Req, type_name: &str) -> Result<T, Problem> {
    check_media(req, type_name)?;
    if let Some(exact) = bind_exact(&req.body) {
        return Ok(exact);
    }
    body(req, type_name)?.bind(type_name)
}

/// The common case, read straight from the bytes without building a `Value` first: an object
/// whose every member is spelled as `T` spells it and holds the JSON type `T` wants. Anything
/// else (another spelling, an unknown or repeated member, a value the lenient rules would
/// convert, not an object, not JSON) is `None`, and the lenient binder decides. So a body binds
/// to the same value either way; this path only skips the work for bodies that need none.
fn bind_exact<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    // serde also binds a struct from a JSON array, which ASP.NET refuses.
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return None;
    }
    let mut json = serde_json::Deserializer::from_slice(bytes);
    let mut skipped = false;
    let value = serde_ignored::deserialize(&mut json, |_| skipped = true).ok()?;
    json.end().ok()?;
    (!skipped).then_some(value)
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::json;

    use super::*;
    use crate::api::types::{AuthConfigRequest, CreateKeyRequest, RegisterTokenRequest};

    /// What the lenient binder alone makes of `bytes` (`None` when it refuses them).
    fn lenient<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
        match serde_json::from_slice(bytes).ok()? {
            Value::Object(map) => bind::bind(&map, "T").ok(),
            _ => None,
        }
    }

    fn exact(body: &str) -> Option<RegisterTokenRequest> {
        bind_exact(body.as_bytes())
    }

    #[test]
    fn bodies_spelled_as_the_wire_type_take_the_fast_path() {
        let r = exact(r#" {"userId":"42","username":"n","aliases":["a"],"discoverable":false,"displayName":null}"#)
            .expect("fast path");
        assert_eq!((r.user_id.as_str(), r.username.as_str()), ("42", "n"));
        assert_eq!(
            (r.aliases, r.discoverable, r.display_name),
            (Some(vec!["a".into()]), Some(false), None)
        );
        assert_eq!(exact("{}"), Some(RegisterTokenRequest::default()));
    }

    #[test]
    fn anything_the_lenient_rules_would_treat_otherwise_goes_to_them() {
        for body in [
            r#"["42","n"]"#,                    // serde would bind a struct from an array
            r#"{"USERID":"42"}"#,               // another spelling
            r#"{"userId":"42","UserId":"43"}"#, // exact and folded: exact must win
            r#"{"userId":"42","extra":1}"#,     // unknown member
            r#"{"userId":"42","userId":"43"}"#, // repeated member
            r#"{"userId":42}"#,                 // number for a string
            r#"{"userId":null}"#,               // null for a required string
            r#"{"aliases":["a",null]}"#,        // null item
            r#"{"userId":"42"} x"#,             // trailing text
            "",
        ] {
            assert_eq!(exact(body), None, "{body}");
        }
    }

    fn member_names() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("userId".to_owned()),
            Just("USERID".to_owned()),
            Just("username".to_owned()),
            Just("aliases".to_owned()),
            Just("discoverable".to_owned()),
            Just("hints".to_owned()),
            Just("scopes".to_owned()),
            Just("timeToLive".to_owned()),
            Just("other".to_owned()),
        ]
    }

    fn values() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            (-3i64..300).prop_map(Value::from),
            "[a-z0-9:]{0,6}".prop_map(Value::String),
        ];
        prop_oneof![
            leaf.clone(),
            proptest::collection::vec(leaf, 0..3).prop_map(Value::Array),
        ]
    }

    proptest! {
        /// Whenever the fast path binds a body, the lenient binder binds it to the same value.
        #[test]
        fn the_fast_path_agrees_with_the_lenient_binder(
            members in proptest::collection::vec((member_names(), values()), 0..5),
        ) {
            // Written by hand so that repeated members stay in the text.
            let text = format!(
                "{{{}}}",
                members
                    .iter()
                    .map(|(k, v)| format!("{}:{v}", json!(k)))
                    .collect::<Vec<_>>()
                    .join(",")
            );
            let bytes = text.as_bytes();
            if let Some(fast) = bind_exact::<RegisterTokenRequest>(bytes) {
                prop_assert_eq!(Some(fast), lenient(bytes), "{}", text);
            }
            if let Some(fast) = bind_exact::<CreateKeyRequest>(bytes) {
                prop_assert_eq!(Some(fast), lenient(bytes), "{}", text);
            }
            if let Some(fast) = bind_exact::<AuthConfigRequest>(bytes) {
                prop_assert_eq!(Some(fast), lenient(bytes), "{}", text);
            }
        }
    }
}
