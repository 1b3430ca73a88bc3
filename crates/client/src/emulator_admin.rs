//! Calls to a running emulator's own `/_emulator/*` routes (faults, outbox, state), through the
//! one [`Client`], so `--timeout` and `-v` apply to them as to any API call. They need no key;
//! errors name the URL, never request bodies.

use anyhow::anyhow;
use serde_json::Value;

use super::error::ApiError;
use super::{Client, Method, Retry};

impl Client {
    /// Sends one request to `{base}/_emulator/{route}` and returns the JSON answer (`Null` for an
    /// empty body). A non-2xx answer is an error carrying the emulator's `title`. Never retried:
    /// a missing emulator should be reported at once, and `fault add` must not add twice.
    pub fn emulator_control(
        &self,
        method: Method,
        route: &str,
        body: Option<&Value>,
    ) -> anyhow::Result<Value> {
        let path = format!("/_emulator/{route}");
        let url = format!(
            "{}{path}",
            super::redact::display_url(self.base_url()).trim_end_matches('/')
        );
        match self.call_any::<Value, Value>(method, &path, body, Retry::Never) {
            Ok(response) => Ok(response.json),
            Err(ApiError::Connect { base_url, reason }) => Err(ApiError::Connect {
                base_url,
                reason: format!(
                    "{reason}; is `passwordless emulator` running there? (set --url or PASSWORDLESS_API_URL)"
                ),
            }
            .into()),
            Err(ApiError::Problem {
                status, problem, ..
            }) => {
                let title = problem.title.as_deref().unwrap_or("");
                Err(anyhow!(
                    "{method} {url} failed with HTTP {status}{}{title}",
                    if title.is_empty() { "" } else { ": " }
                ))
            }
            Err(ApiError::Decode { .. }) => Err(anyhow!(
                "{method} {url} did not answer JSON; is this an emulator?"
            )),
            Err(other) => Err(other.into()),
        }
    }
}
