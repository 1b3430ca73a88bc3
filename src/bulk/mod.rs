//! Bulk operations: one API call per record of a CSV, JSON Lines or JSON array file, many at a
//! time over one pooled connection set, with results in input order, resume after a crash, and
//! a progress bar. The engine knows nothing about particular commands: a command supplies an
//! [`Operation`] (how a record becomes a request) and the API layer a [`Transport`] (how a
//! request is sent). Nothing here prints to stdout except the results themselves.

pub mod executor;
pub mod input;
pub mod json_array;
pub mod outcome;
pub mod pace;
pub mod progress;
pub mod record;
pub mod schema;
pub mod store;
mod transport;

use std::future::Future;
use std::path::PathBuf;
use std::time::Duration;

use crate::api::Retry;
use crate::api::error::ApiError;
pub use crate::api::post_once::{Json, Refusal, Try};
pub use record::{Cell, Fields, Record};

/// Requests in flight at once when `--concurrency` is not given: enough to hide the network's
/// round trip, few enough that one CLI run is a polite client of the hosted service.
pub const DEFAULT_CONCURRENCY: usize = 8;
pub const MAX_CONCURRENCY: usize = 256;

/// A request ready to send, and the key that names its record in the results.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub key: String,
    /// The JSON body.
    pub body: Vec<u8>,
}

/// What a command contributes: the route and its retry safety, and how to turn one record into
/// a checked request (the same checks as the single-call command).
pub trait Operation {
    /// The command, e.g. `register-token`, for messages.
    fn name(&self) -> &str;
    /// The route, e.g. `/register/token` (every bulk call is a POST with a JSON body).
    fn path(&self) -> &'static str;
    /// From the API's retry table: may a 429/5xx answer be retried automatically?
    fn retry(&self) -> Retry;
    /// Does sending the same request twice leave the same state (replace aliases, delete a
    /// user)? When false (an e-mail), a run keeps a write-ahead journal and never resends a
    /// request whose outcome is unknown unless told to.
    fn repeatable(&self) -> bool;
    /// A record's fields as a request, or why they cannot be one.
    fn prepare(&mut self, fields: &Fields) -> Result<Prepared, String>;
    /// The key of a record that could not be prepared, best effort, for the results.
    fn key_of(&self, fields: &Fields) -> Option<String>;
    /// Refuses CSV header columns the command does not know, before anything is sent.
    fn check_columns(&self, columns: &[String]) -> Result<(), String>;
    /// Records that only make sense together: consecutive records with the same group are
    /// joined into one request (each still gets its own result line). `aliases set` joins the
    /// one-alias-per-line output of `aliases list`, since each request replaces the whole set.
    fn group(&self, _fields: &Fields) -> Option<String> {
        None
    }
    /// Adds a later record of the same group to the first one's fields.
    fn join(&self, _into: &mut Fields, _next: Fields) {}
    /// What the input calls a named value, for messages: `column` (CSV) or `member` (JSON).
    fn set_noun(&mut self, _noun: &'static str) {}
}

/// Sends one POST; implemented by the API client, and by fakes in tests.
pub trait Transport {
    /// A route resolved once per run (the full URL), so a request does not rebuild it.
    type Target;
    fn target(&self, path: &'static str) -> anyhow::Result<Self::Target>;
    /// One attempt, no retry: the engine runs the retry policy.
    fn post(
        &self,
        target: &Self::Target,
        body: bytes::Bytes,
        attempt: Try,
    ) -> impl Future<Output = Result<Option<Json>, Refusal>>;
    /// `--timeout`: one deadline per record, retries included.
    fn deadline(&self) -> Duration;
    /// The first retry's wait before jitter (the policy's default; tests shorten it).
    fn backoff(&self) -> Duration;
    /// Runs the whole bulk loop on the runtime the transport's connections live on.
    fn block_on<F: Future>(&self, future: F) -> F::Output;
}

/// The bulk flags, resolved.
#[derive(Debug, Clone)]
pub struct Settings {
    pub from: input::Source,
    pub results: Option<PathBuf>,
    pub resume: bool,
    pub resend_unknown: bool,
    pub concurrency: usize,
    /// Requests per second, at most.
    pub rate: Option<f64>,
    pub fail_fast: bool,
    /// Draw a progress bar on stderr (it is a terminal and output is not quiet).
    pub progress: bool,
    /// Whether an error means every further record would be refused the same way (a rejected
    /// credential), so the run stops: the caller's rule, since it knows what errors mean.
    pub stops_run: fn(&ApiError) -> bool,
}

impl Settings {
    pub fn new(from: input::Source) -> Settings {
        Settings {
            from,
            results: None,
            resume: false,
            resend_unknown: false,
            concurrency: DEFAULT_CONCURRENCY,
            rate: None,
            fail_fast: false,
            progress: false,
            stops_run: |_| false,
        }
    }
}

pub use executor::{Fatal, Interrupt, Stop, Summary, run};

#[cfg(test)]
mod tests;
