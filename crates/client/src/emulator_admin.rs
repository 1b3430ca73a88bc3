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
        self.call_any::<Value, Value>(method, &path, body, Retry::Never)
            .map(|response| response.json)
            .map_err(|err| self.control_error(err, method, &path))
    }

    /// [`emulator_control`](Self::emulator_control) for a `GET` whose answer may be large (the
    /// whole state, an export): its JSON as it came, for the caller to decode into its own type
    /// without a `Value` in between.
    pub fn emulator_control_raw(&self, route: &str) -> anyhow::Result<Vec<u8>> {
        let path = format!("/_emulator/{route}");
        self.call_raw_json(Method::GET, &path, Retry::Never)
            .map_err(|err| self.control_error(err, Method::GET, &path))
    }

    /// What a failed control call says: where no emulator answers, the emulator's own
    /// `title`, or that what answered is no emulator.
    fn control_error(&self, err: ApiError, method: Method, path: &str) -> anyhow::Error {
        let url = format!(
            "{}{path}",
            super::redact::display_url(self.base_url()).trim_end_matches('/')
        );
        match err {
            ApiError::Connect { base_url, reason } => ApiError::Connect {
                base_url,
                reason: format!(
                    "{reason}; is `passwordless emulator` running there? (set --url or PASSWORDLESS_API_URL)"
                ),
            }
            .into(),
            ApiError::Problem {
                status, problem, ..
            } => {
                let title = problem.title.as_deref().unwrap_or("");
                anyhow!(
                    "{method} {url} failed with HTTP {status}{}{title}",
                    if title.is_empty() { "" } else { ": " }
                )
            }
            ApiError::Decode { .. } => {
                anyhow!("{method} {url} did not answer JSON; is this an emulator?")
            }
            other => other.into(),
        }
    }
}
