//! The reachability probe of `passwordless doctor`: one authenticated read, never retried,
//! timed, with the server's clock from its `Date` header.

use std::time::{Duration, Instant, SystemTime};

use super::error::ApiError;
use super::{Client, Expect, Method, Retry};

pub struct Probe {
    pub status: u16,
    pub latency: Duration,
    /// Server clock minus local clock, in seconds, when the server sent a `Date`.
    pub skew_secs: Option<i64>,
}

impl Client {
    /// `GET path`, holding the answer to the contract like any call.
    pub fn probe(&self, path: &str) -> Result<Probe, ApiError> {
        let started = Instant::now();
        let answer = self.exchange::<()>(Method::GET, path, &[], None, Retry::Never)?;
        let latency = started.elapsed();
        self.check_body(&answer, Expect::Json)?;
        let skew_secs = answer
            .date
            .as_deref()
            .and_then(|date| httpdate::parse_http_date(date).ok())
            .map(|server| skew(server, SystemTime::now() - latency / 2));
        Ok(Probe {
            status: answer.status,
            latency,
            skew_secs,
        })
    }
}

fn skew(server: SystemTime, local: SystemTime) -> i64 {
    match server.duration_since(local) {
        Ok(ahead) => ahead.as_secs() as i64,
        Err(behind) => -(behind.duration().as_secs() as i64),
    }
}
