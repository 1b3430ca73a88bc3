//! HTTP calls to a running emulator's own `/_emulator/*` routes (faults, outbox, state). They
//! need no key; errors are plain messages naming the URL, never request bodies.

use std::time::Duration;

use anyhow::{Context, anyhow};
use reqwest::Method;
use reqwest::blocking::Client;
use serde_json::Value;

use super::USER_AGENT;

/// Sends one request to `{base}/_emulator/{route}` and returns the JSON answer (`Null` for an
/// empty body). A non-2xx answer is an error carrying the emulator's `title`.
pub fn call(base: &str, method: &str, route: &str, body: Option<&Value>) -> anyhow::Result<Value> {
    let method = Method::from_bytes(method.as_bytes())
        .map_err(|_| anyhow!("{method:?} is not an HTTP method"))?;
    let base = super::parse_base_url(base).map_err(crate::commands::usage)?;
    let url = base
        .join(&format!("_emulator/{route}"))
        .with_context(|| format!("cannot build the URL for {route}"))?;
    let client = Client::builder()
        .user_agent(USER_AGENT)
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(30))
        .build()
        .context("cannot build the HTTP client")?;
    let mut request = client.request(method.clone(), url.clone());
    if let Some(body) = body {
        request = request.json(body);
    }
    let response = request
        .send()
        .map_err(|e| super::error::ApiError::Connect {
            base_url: base.to_string(),
            reason: format!(
                "{e}; is `passwordless emulator` running there? (set --url or PASSWORDLESS_API_URL)"
            ),
        })?;
    let status = response.status();
    let text = response
        .text()
        .with_context(|| format!("cannot read the answer of {method} {url}"))?;
    let json: Value = if text.trim().is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text)
            .with_context(|| format!("{method} {url} did not answer JSON; is this an emulator?"))?
    };
    if !status.is_success() {
        let title = json.get("title").and_then(Value::as_str).unwrap_or("");
        return Err(anyhow!(
            "{method} {url} failed with HTTP {}{}{title}",
            status.as_u16(),
            if title.is_empty() { "" } else { ": " }
        ));
    }
    Ok(json)
}
