//! Pacing of requests: `--rate N/s` spaces sends evenly, and a 429 from the server pauses every
//! sender (not only the one that was told), so a whole run slows down together instead of each
//! request finding out on its own.

use std::cell::Cell;
use std::time::Duration;

use tokio::time::Instant;

/// Requests per second, at most, from `--rate`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate(pub f64);

impl std::str::FromStr for Rate {
    type Err = String;

    /// `50`, `50/s`, `3000/m` or `3000/min`.
    fn from_str(text: &str) -> Result<Rate, String> {
        parse_rate(text).map(Rate)
    }
}

fn parse_rate(text: &str) -> Result<f64, String> {
    let text = text.trim();
    let (number, per) = match text.split_once('/') {
        Some((n, unit)) => (n.trim(), unit.trim()),
        None => (text, "s"),
    };
    let seconds = match per {
        "s" | "sec" | "second" => 1.0,
        "m" | "min" | "minute" => 60.0,
        "h" | "hour" => 3600.0,
        other => return Err(format!("unknown unit `{other}`; use e.g. 50/s or 3000/min")),
    };
    let count: f64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a rate; use e.g. 50/s or 3000/min"))?;
    if !(count.is_finite() && count > 0.0) {
        return Err(format!("`{text}`: the rate must be above zero"));
    }
    Ok(count / seconds)
}

/// Shared by every in-flight request of one run (they all live on one thread).
pub struct Pacer {
    interval: Option<Duration>,
    next_slot: Cell<Option<Instant>>,
    paused_until: Cell<Option<Instant>>,
}

impl Pacer {
    pub fn new(rate_per_second: Option<f64>) -> Pacer {
        Pacer {
            interval: rate_per_second.map(|r| Duration::from_secs_f64(1.0 / r)),
            next_slot: Cell::new(None),
            paused_until: Cell::new(None),
        }
    }

    /// Waits until this caller may send.
    pub async fn acquire(&self) {
        loop {
            let now = Instant::now();
            let earliest = match self.paused_until.get() {
                Some(until) if until > now => until,
                _ => now,
            };
            let slot = match self.interval {
                Some(interval) => {
                    let slot = self.next_slot.get().map_or(earliest, |s| s.max(earliest));
                    self.next_slot.set(Some(slot + interval));
                    slot
                }
                None => earliest,
            };
            if slot > now {
                tokio::time::sleep_until(slot).await;
            }
            // A 429 seen while this caller slept moves everyone's start again.
            match self.paused_until.get() {
                Some(until) if until > Instant::now() => continue,
                _ => return,
            }
        }
    }

    /// Nobody sends before `delay` has passed.
    pub fn pause(&self, delay: Duration) {
        let until = Instant::now() + delay;
        if self.paused_until.get().is_none_or(|p| p < until) {
            self.paused_until.set(Some(until));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates() {
        assert_eq!(parse_rate("50").unwrap(), 50.0);
        assert_eq!(parse_rate("50/s").unwrap(), 50.0);
        assert_eq!(parse_rate("120/min").unwrap(), 2.0);
        assert_eq!(parse_rate("0.5/s").unwrap(), 0.5);
        assert!(parse_rate("0/s").is_err());
        assert!(parse_rate("-1").is_err());
        assert!(parse_rate("fast").is_err());
        assert!(parse_rate("5/day").unwrap_err().contains("unknown unit"));
    }

    #[tokio::test(start_paused = true)]
    async fn spaces_sends_and_pauses_everyone() {
        let pacer = Pacer::new(Some(10.0));
        let start = Instant::now();
        for _ in 0..5 {
            pacer.acquire().await;
        }
        // Five sends at 10/s: the first at once, the fifth 400 ms later.
        assert_eq!(start.elapsed(), Duration::from_millis(400));
        pacer.pause(Duration::from_secs(2));
        let before = Instant::now();
        pacer.acquire().await;
        assert!(before.elapsed() >= Duration::from_secs(2));
    }
}
