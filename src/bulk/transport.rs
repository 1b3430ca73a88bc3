//! The API client as the bulk engine's [`Transport`]: each attempt is the client's
//! [`post_once`](crate::api::Client::post_once); the engine runs the retry policy around it.

use std::future::Future;

use bytes::Bytes;

use super::{Json, Refusal, Transport, Try};
use crate::api::Client;
use crate::api::post_once::Target;

impl Transport for Client {
    type Target = Target;

    fn target(&self, path: &'static str) -> anyhow::Result<Target> {
        self.post_target(path)
    }

    async fn post(&self, target: &Target, body: Bytes, of: Try) -> Result<Option<Json>, Refusal> {
        self.post_once(target, body, of).await
    }

    fn deadline(&self) -> std::time::Duration {
        Client::deadline(self)
    }

    fn backoff(&self) -> std::time::Duration {
        Client::backoff(self)
    }

    fn block_on<F: Future>(&self, future: F) -> F::Output {
        Client::block_on(self, future)
    }
}
