//! When a failed call is sent again. The retry table: only [`Retry::Safe`](super::Retry) calls
//! are retried, at most [`MAX_RETRIES`] times, after a refused or dropped connection, a timeout,
//! a broken answer or HTTP 429/502/503/504 — never after a certificate failure, a redirect or
//! any other status. The wait is the server's `Retry-After` (seconds or an HTTP date) when it
//! sends one, else an exponential backoff; a wait that does not fit in what is left of the
//! command's deadline is not waited for.

use std::time::{Duration, SystemTime};

use super::error::ApiError;

/// Retries after the first attempt, so a safe call is sent at most three times.
pub const MAX_RETRIES: u32 = 2;

pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

/// Transport failures worth another attempt of a safe call. A certificate is as untrusted the
/// second time, and a body over the cap stays over it.
pub fn is_retryable_error(error: &ApiError) -> bool {
    matches!(
        error,
        ApiError::Connect { .. } | ApiError::Timeout { .. } | ApiError::Transport { .. }
    )
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

    #[test]
    fn the_retry_table() {
        for status in [429, 502, 503, 504] {
            assert!(is_retryable_status(status));
        }
        for status in [200, 400, 401, 403, 404, 409, 500, 501] {
            assert!(!is_retryable_status(status));
        }
        let certificate = ApiError::Certificate {
            base_url: "https://x".into(),
            reason: "invalid peer certificate: UnknownIssuer".into(),
        };
        assert!(!is_retryable_error(&certificate));
    }
}
