//! The one retry policy, for single calls and bulk runs alike: what is sent again, how often,
//! and after how long. Both loops (`exchange` for one call, the bulk engine for a run) ask
//! [`decide`] and nothing else, so a route behaves the same in both modes.
//!
//! The table:
//!
//! | failure                                        | `Retry::Safe` route | `Retry::Never` route |
//! |------------------------------------------------|---------------------|----------------------|
//! | no connection (refused, DNS, TLS handshake not begun) | retried      | retried (nothing was sent) |
//! | timeout, or a transfer broken after sending    | retried             | not retried          |
//! | HTTP 429, 502, 503, 504                        | retried             | not retried          |
//! | untrusted certificate, redirect, not-HTTP answer, any other status, body over the cap | not retried | not retried |
//!
//! At most [`MAX_ATTEMPTS`] attempts, all inside one deadline (the command's `--timeout`, or a
//! bulk record's). The wait is the server's `Retry-After` (seconds or an HTTP date) when it
//! sends one, else an exponential backoff with jitter. A wait that does not fit in what is
//! left of the deadline is not waited for.

use std::time::{Duration, SystemTime};

use super::Retry;
use super::error::ApiError;

/// Attempts in all, the first included.
pub const MAX_ATTEMPTS: u32 = 4;

/// The first retry waits about this long, each later one about twice as long as the one before.
pub const DEFAULT_BACKOFF: Duration = Duration::from_millis(200);

/// What a failed attempt was, as far as sending it again is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failed {
    /// Nothing reached the server: sending again cannot do anything twice.
    NotSent,
    /// The request went out (or may have) and no whole answer came back.
    Unanswered,
    /// The server answered with this status.
    Status(u16),
    /// Would fail the same way again.
    Final,
}

impl Failed {
    pub fn of(error: &ApiError) -> Failed {
        match error {
            ApiError::Connect { .. } => Failed::NotSent,
            ApiError::Timeout { .. } | ApiError::Transport { .. } => Failed::Unanswered,
            ApiError::Problem { status, .. } => Failed::Status(*status),
            ApiError::Certificate { .. }
            | ApiError::Redirect { .. }
            | ApiError::RetryLater { .. }
            | ApiError::TooLarge { .. }
            | ApiError::Decode { .. }
            | ApiError::NotApi { .. }
            | ApiError::Protocol { .. } => Failed::Final,
        }
    }
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Send it again after this wait.
    Wait(Duration),
    /// Keep this failure as the outcome.
    GiveUp,
    /// The server asked for a wait longer than what is left of the deadline: report when it
    /// will listen instead of waiting.
    TooLongAsked(Duration),
}

/// The policy's answer after attempt number `attempts` (1 for the first) failed as `failed`,
/// with `left` of the deadline to go.
pub fn decide(
    route: Retry,
    failed: Failed,
    retry_after: Option<Duration>,
    attempts: u32,
    left: Duration,
    backoff: Duration,
) -> Decision {
    let retryable = match failed {
        Failed::NotSent => true,
        Failed::Unanswered => route == Retry::Safe,
        Failed::Status(status) => route == Retry::Safe && is_retryable_status(status),
        Failed::Final => false,
    };
    if !retryable || attempts >= MAX_ATTEMPTS {
        return Decision::GiveUp;
    }
    if let Some(asked) = retry_after {
        return if asked < left {
            Decision::Wait(asked)
        } else {
            Decision::TooLongAsked(asked)
        };
    }
    let wait = jittered(backoff.saturating_mul(2u32.saturating_pow(attempts - 1)));
    if wait < left {
        Decision::Wait(wait)
    } else {
        Decision::GiveUp
    }
}

pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

/// Between half and all of `wait`, so many clients refused at once do not come back at once.
fn jittered(wait: Duration) -> Duration {
    if wait.is_zero() {
        return wait;
    }
    let half = wait / 2;
    half + half.mul_f64(rand::random::<f64>())
}

/// The wait a `Retry-After` value asks for: delta-seconds, or an HTTP date (RFC 9110 §10.2.3)
/// measured from `now` (a date in the past means "now"). Anything else is ignored.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// `2026-12-01T15:04:05Z`: when a wait of `delay` from now ends, for "try again after …".
pub fn when(delay: Duration) -> String {
    let at = time::OffsetDateTime::now_utc() + delay;
    at.replace_nanosecond(0)
        .unwrap_or(at)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| format!("{} s from now", delay.as_secs()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONG: Duration = Duration::from_secs(60);
    const BACKOFF: Duration = Duration::from_millis(200);

    #[test]
    fn retry_after_in_seconds_and_as_a_date() {
        let now = httpdate::parse_http_date("Tue, 01 Dec 2026 15:00:00 GMT").unwrap();
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("Tue, 01 Dec 2026 15:02:00 GMT", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Tue, 01 Dec 2026 14:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-3", now), None);
    }

    fn retried(route: Retry, failed: Failed) -> bool {
        matches!(
            decide(route, failed, None, 1, LONG, BACKOFF),
            Decision::Wait(_)
        )
    }

    #[test]
    fn the_retry_table() {
        for status in [429, 502, 503, 504] {
            assert!(retried(Retry::Safe, Failed::Status(status)), "{status}");
            assert!(!retried(Retry::Never, Failed::Status(status)), "{status}");
        }
        for status in [400, 401, 403, 404, 409, 500, 501] {
            assert!(!retried(Retry::Safe, Failed::Status(status)), "{status}");
        }
        assert!(retried(Retry::Safe, Failed::NotSent));
        assert!(retried(Retry::Never, Failed::NotSent), "nothing was sent");
        assert!(retried(Retry::Safe, Failed::Unanswered));
        assert!(
            !retried(Retry::Never, Failed::Unanswered),
            "it may have acted"
        );
        assert!(!retried(Retry::Safe, Failed::Final));
        let certificate = ApiError::Certificate {
            base_url: "https://x".into(),
            reason: "invalid peer certificate: UnknownIssuer".into(),
        };
        assert_eq!(Failed::of(&certificate), Failed::Final);
        let protocol = ApiError::Protocol {
            method: "GET".into(),
            url: "https://x/".into(),
            reason: "101".into(),
        };
        assert_eq!(Failed::of(&protocol), Failed::Final);
    }

    #[test]
    fn at_most_four_attempts() {
        let failed = Failed::Status(503);
        for attempts in 1..MAX_ATTEMPTS {
            assert!(matches!(
                decide(Retry::Safe, failed, None, attempts, LONG, BACKOFF),
                Decision::Wait(_)
            ));
        }
        assert_eq!(
            decide(Retry::Safe, failed, None, MAX_ATTEMPTS, LONG, BACKOFF),
            Decision::GiveUp
        );
    }

    #[test]
    fn backoff_doubles_with_jitter_within_half() {
        for attempts in 1..MAX_ATTEMPTS {
            let full = BACKOFF * 2u32.pow(attempts - 1);
            for _ in 0..50 {
                let Decision::Wait(wait) =
                    decide(Retry::Safe, Failed::NotSent, None, attempts, LONG, BACKOFF)
                else {
                    panic!("retried")
                };
                assert!(wait >= full / 2 && wait <= full, "{wait:?} for {full:?}");
            }
        }
    }

    #[test]
    fn retry_after_is_honoured_or_reported_when_it_does_not_fit() {
        let asked = Duration::from_secs(7);
        let failed = Failed::Status(429);
        assert_eq!(
            decide(Retry::Safe, failed, Some(asked), 1, LONG, BACKOFF),
            Decision::Wait(asked)
        );
        assert_eq!(
            decide(
                Retry::Safe,
                failed,
                Some(asked),
                1,
                Duration::from_secs(3),
                BACKOFF
            ),
            Decision::TooLongAsked(asked)
        );
    }

    #[test]
    fn a_backoff_past_the_deadline_gives_up() {
        assert_eq!(
            decide(
                Retry::Safe,
                Failed::NotSent,
                None,
                1,
                Duration::from_millis(50),
                Duration::from_secs(1)
            ),
            Decision::GiveUp
        );
    }
}
