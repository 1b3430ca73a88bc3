//! The API client as the bulk engine's [`Transport`]: one POST with a body already serialised,
//! sent on the client's pooled connections, with the server's `Retry-After` handed back so the
//! engine (which owns retries for bulk runs) can honour it.

use std::future::Future;
use std::time::Duration;

use url::Url;

use super::{Client, Method, retry_after_header};
use crate::bulk::{Json, Refusal, Transport};

/// A bulk route: its path (for messages) and its URL.
pub struct Target {
    path: &'static str,
    url: Url,
}

impl Transport for Client {
    type Target = Target;

    fn target(&self, path: &'static str) -> Target {
        Target {
            path,
            url: self.url(path),
        }
    }

    async fn post(&self, target: &Target, body: Vec<u8>) -> Result<Option<Json>, Refusal> {
        let path = target.path;
        let request = self
            .request(Method::POST, target.url.clone())
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body);
        let response = self
            .send_once(request, Method::POST, path)
            .await
            .map_err(|error| Refusal {
                error,
                retry_after: None,
            })?;
        let retry_after = retry_after_header(&response).map(Duration::from_secs);
        let (status, bytes) = self
            .finish(response, Method::POST, path)
            .await
            .map_err(|error| Refusal { error, retry_after })?;
        if bytes.is_empty() {
            return Ok(None);
        }
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| Refusal {
                error: self.decode_error(Method::POST, path, status, e),
                retry_after: None,
            })
    }

    fn block_on<F: Future>(&self, future: F) -> F::Output {
        Client::block_on(self, future)
    }
}
