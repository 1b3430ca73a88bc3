//! Lenient reading of JSON bodies the way ASP.NET's "web" serializer options bind them
//! (contract §1.4): case-insensitive names, unknown members ignored, numbers accepted for string
//! members, numeric strings accepted for integer members. Binding failures become framework 400s.

use serde_json::{Map, Value};

use super::problem::Problem;
use super::server::Req;

/// A parsed JSON object body.
#[derive(Debug, Default)]
pub struct Body(Map<String, Value>);

/// Parses the request body as a JSON object. `type_name` names the .NET parameter in messages.
pub fn body(req: &Req, type_name: &str) -> Result<Body, Problem> {
    let content_type = req.header("content-type").unwrap_or("");
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
    let value: Value = serde_json::from_slice(&req.body).map_err(|e| {
        Problem::binding(&format!(
            "Failed to read parameter \"{type_name} payload\" from the request body as JSON: {e}."
        ))
    })?;
    match value {
        Value::Object(map) => Ok(Body(map)),
        other => Err(Problem::binding(&format!(
            "Failed to read parameter \"{type_name} payload\" from the request body as JSON: expected an object, got {}.",
            kind(&other)
        ))),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn conversion(name: &str, target: &str, v: &Value) -> Problem {
    Problem::binding(&format!(
        "The JSON value of '{name}' could not be converted to {target}: got {}.",
        kind(v)
    ))
}

/// Converts a scalar to the string System.Text.Json plus the server's converter would bind.
fn scalar_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(true) => Some("True".into()),
        Value::Bool(false) => Some("False".into()),
        _ => None,
    }
}

impl Body {
    /// The member `name`, matched case-insensitively; an exact match wins. One pass without
    /// hashing: bodies have a handful of members and this runs a dozen times per request.
    pub fn get(&self, name: &str) -> Option<&Value> {
        let mut loose = None;
        for (key, value) in &self.0 {
            if key == name {
                return Some(value);
            }
            if loose.is_none() && key.eq_ignore_ascii_case(name) {
                loose = Some(value);
            }
        }
        loose
    }

    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// A string member; `null` and absence are `None`.
    pub fn string(&self, name: &str) -> Result<Option<String>, Problem> {
        match self.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => scalar_string(v)
                .map(Some)
                .ok_or_else(|| conversion(name, "System.String", v)),
        }
    }

    /// A member that must be a JSON string (types such as `TimeSpan` have no number form).
    pub fn strict_string(&self, name: &str, target: &str) -> Result<Option<String>, Problem> {
        match self.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(v) => Err(conversion(name, target, v)),
        }
    }

    /// An integer member; numeric strings are accepted.
    pub fn int(&self, name: &str) -> Result<Option<i64>, Problem> {
        match self.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => n
                .as_i64()
                .map(Some)
                .ok_or_else(|| conversion(name, "System.Int32", &Value::Number(n.clone()))),
            Some(Value::String(s)) => s
                .trim()
                .parse::<i64>()
                .map(Some)
                .map_err(|_| conversion(name, "System.Int32", &Value::String(s.clone()))),
            Some(v) => Err(conversion(name, "System.Int32", v)),
        }
    }

    /// A boolean member: only JSON `true`/`false` bind.
    pub fn bool(&self, name: &str) -> Result<Option<bool>, Problem> {
        match self.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(v) => Err(conversion(name, "System.Boolean", v)),
        }
    }

    /// A string array; `null` items are kept as `None` so validation can report them.
    pub fn strings(&self, name: &str) -> Result<Option<Vec<Option<String>>>, Problem> {
        match self.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| match v {
                    Value::Null => Ok(None),
                    v => scalar_string(v)
                        .map(Some)
                        .ok_or_else(|| conversion(name, "System.String[]", v)),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            Some(v) => Err(conversion(name, "System.String[]", v)),
        }
    }

    /// An integer array (management `scopes`).
    pub fn ints(&self, name: &str) -> Result<Option<Vec<i64>>, Problem> {
        match self.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| match v {
                    Value::Number(n) => n
                        .as_i64()
                        .ok_or_else(|| conversion(name, "System.Int32[]", v)),
                    Value::String(s) => s
                        .trim()
                        .parse()
                        .map_err(|_| conversion(name, "System.Int32[]", v)),
                    v => Err(conversion(name, "System.Int32[]", v)),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            Some(v) => Err(conversion(name, "System.Int32[]", v)),
        }
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

/// `true` when a string is null, empty or whitespace (DataAnnotations `[Required]`).
pub fn blank(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(|s| s.trim().is_empty())
}
