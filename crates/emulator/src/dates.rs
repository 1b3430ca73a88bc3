//! The emulator's clock, the date formats of the wire (contract §1.4) and the humanized drift of
//! `expired_token`.
//!
//! Every emulator reads the time from the [`Clock`] in its shared state: real by default, moved
//! by tests so token expiry needs no sleeping. Handlers read it through their request's context
//! (`Cx::now`) and pass the time on to what they call; nothing reads a hidden per-thread clock.
//! Users move it with
//! the `/_emulator/clock` routes, forward only. Only two things read the machine's time on
//! purpose: TLS certificate validity (`tls`: clients check it against their own clocks) and
//! request latency for `--log`.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Duration, OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// A clock shared by one emulator's handlers: the real time plus an offset tests can move.
/// Clones share the offset.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset_ns: Arc<AtomicI64>,
}

impl Clock {
    pub fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc() + Duration::nanoseconds(self.offset_ns.load(Ordering::Relaxed))
    }

    /// Moves the clock forward (or back, for a negative duration).
    pub fn advance(&self, by: std::time::Duration) {
        let ns = i64::try_from(by.as_nanos()).unwrap_or(i64::MAX);
        self.offset_ns.fetch_add(ns, Ordering::Relaxed);
    }

    /// Makes the clock read `at` now, then run on from there.
    pub fn set(&self, at: OffsetDateTime) {
        let offset = (at - OffsetDateTime::now_utc()).whole_nanoseconds();
        let offset = i64::try_from(offset).unwrap_or(if offset < 0 { i64::MIN } else { i64::MAX });
        self.offset_ns.store(offset, Ordering::Relaxed);
    }

    /// Back to the machine's time (`POST /_emulator/reset`).
    pub fn reset(&self) {
        self.offset_ns.store(0, Ordering::Relaxed);
    }

    /// [`advance`](Self::advance) for the control routes, which take durations from users: a
    /// move the offset cannot hold (about 292 years from the machine's time) is refused rather
    /// than wrapped around. Returns the new time.
    pub fn try_advance(&self, by: std::time::Duration) -> Result<OffsetDateTime, String> {
        let too_far = || {
            format!(
                "cannot move the clock {} ahead: too far",
                humantime::format_duration(by)
            )
        };
        let ns = i64::try_from(by.as_nanos()).map_err(|_| too_far())?;
        self.offset_ns
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |offset| {
                offset.checked_add(ns)
            })
            .map_err(|_| too_far())?;
        Ok(self.now())
    }

    /// [`set`](Self::set) for the control routes. Only forward, as Stripe's test clocks: tokens
    /// and events already handed out carry times, and a clock that runs back would make them
    /// come from the future. `POST /_emulator/reset` is the way back to the machine's time.
    pub fn try_set(&self, at: OffsetDateTime) -> Result<OffsetDateTime, String> {
        let now = self.now();
        if at < now {
            return Err(format!(
                "the clock only moves forward: {} is before its time {}; reset the emulator to go back to the machine's time",
                token(at),
                token(now)
            ));
        }
        let offset = i64::try_from((at - OffsetDateTime::now_utc()).whole_nanoseconds())
            .map_err(|_| format!("cannot set the clock to {}: too far ahead", token(at)))?;
        self.offset_ns.store(offset, Ordering::Relaxed);
        Ok(self.now())
    }
}

/// `2024-01-02T03:04:05.1234567`: .NET round-trip form, 100 ns ticks, trailing zeros trimmed.
/// Written digit by digit: every token carries one, so it is on the emulator's hottest path.
fn base(dt: OffsetDateTime) -> String {
    let dt = dt.to_offset(UtcOffset::UTC);
    let mut s = String::with_capacity(36);
    let year = dt.year();
    if !(0..=9999).contains(&year) {
        s.push_str(&format!("{year:04}"));
    } else {
        push_digits(&mut s, year as u32, 4);
    }
    for (separator, value) in [
        ('-', u8::from(dt.month())),
        ('-', dt.day()),
        ('T', dt.hour()),
        (':', dt.minute()),
        (':', dt.second()),
    ] {
        s.push(separator);
        push_digits(&mut s, u32::from(value), 2);
    }
    let mut ticks = dt.nanosecond() / 100;
    if ticks > 0 {
        let mut width = 7;
        while ticks.is_multiple_of(10) {
            ticks /= 10;
            width -= 1;
        }
        s.push('.');
        push_digits(&mut s, ticks, width);
    }
    s
}

/// `value` as exactly `width` decimal digits, zero-padded (higher digits are dropped).
fn push_digits(s: &mut String, value: u32, width: u32) {
    for place in (0..width).rev() {
        let digit = (value / 10u32.pow(place)) % 10;
        s.push(char::from(b'0' + digit as u8));
    }
}

/// Dates that went through a token: UTC with `Z`.
pub fn token(dt: OffsetDateTime) -> String {
    base(dt) + "Z"
}

/// Dates read from the database: UTC without a zone designator.
pub fn db(dt: OffsetDateTime) -> String {
    base(dt)
}

/// `DateTimeOffset` values: with an explicit offset.
pub fn offset(dt: OffsetDateTime) -> String {
    base(dt) + "+00:00"
}

/// `DateOnly` values.
pub fn date_only(dt: OffsetDateTime) -> String {
    let d = dt.date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Parses an ISO-8601 date-time; a value without a zone is taken as UTC. `Ok(None)` for .NET's
/// empty date `0001-01-01T00:00:00`, which clients send for "unset".
pub fn parse(s: &str) -> Result<Option<OffsetDateTime>, ()> {
    let s = s.trim();
    let parsed = OffsetDateTime::parse(s, &Rfc3339).or_else(|_| {
        let with_time = format_description!(
            version = 2,
            "[year]-[month]-[day]T[hour]:[minute][optional [:[second][optional [.[subsecond]]]]]"
        );
        let date_only = format_description!(version = 2, "[year]-[month]-[day]");
        PrimitiveDateTime::parse(s, &with_time)
            .or_else(|_| {
                time::Date::parse(s, &date_only).map(|d| d.with_time(time::Time::MIDNIGHT))
            })
            .map(|p| p.assume_utc())
    });
    match parsed {
        Ok(dt) if dt.year() == 1 && dt.ordinal() == 1 && dt.time() == time::Time::MIDNIGHT => {
            Ok(None)
        }
        Ok(dt) => Ok(Some(dt)),
        Err(_) => Err(()),
    }
}

/// Parses a date written by [`token`] or [`db`].
pub fn parse_stored(s: &str) -> Option<OffsetDateTime> {
    parse(s).ok().flatten()
}

/// Humanizer's `TimeSpan.Humanize()` with its defaults (precision 1, largest unit week): the
/// largest whole unit, singular for 1, e.g. `1 second`, `10 seconds`, `3 minutes`, `2 weeks`.
pub fn humanize(d: Duration) -> String {
    let ms = d.whole_milliseconds().max(0);
    let units: [(i128, &str); 6] = [
        (7 * 24 * 3_600_000, "week"),
        (24 * 3_600_000, "day"),
        (3_600_000, "hour"),
        (60_000, "minute"),
        (1_000, "second"),
        (1, "millisecond"),
    ];
    for (size, name) in units {
        let n = ms / size;
        if n >= 1 {
            return if n == 1 {
                format!("1 {name}")
            } else {
                format!("{n} {name}s")
            };
        }
    }
    "no time".into()
}

/// RFC 3339 (de)serialisation of timestamps, so state files are readable and zone-exact.
pub mod ts {
    use serde::{Deserialize, Deserializer, Serializer, de::Error as _, ser::Error as _};
    use time::OffsetDateTime;
    use time::format_description::well_known::Rfc3339;

    pub fn serialize<S: Serializer>(t: &OffsetDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&t.format(&Rfc3339).map_err(S::Error::custom)?)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<OffsetDateTime, D::Error> {
        let text = String::deserialize(d)?;
        OffsetDateTime::parse(&text, &Rfc3339).map_err(D::Error::custom)
    }
}

pub mod ts_opt {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::OffsetDateTime;

    pub fn serialize<S: Serializer>(t: &Option<OffsetDateTime>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => super::ts::serialize(t, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<OffsetDateTime>, D::Error> {
        #[derive(Deserialize)]
        struct W(#[serde(with = "super::ts")] OffsetDateTime);
        Ok(Option::<W>::deserialize(d)?.map(|w| w.0))
    }
}

pub mod ts_vec {
    use serde::ser::SerializeSeq;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use time::OffsetDateTime;

    #[derive(Serialize, Deserialize)]
    struct W(#[serde(with = "super::ts")] OffsetDateTime);

    pub fn serialize<S: Serializer>(v: &[OffsetDateTime], s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(v.len()))?;
        for t in v {
            seq.serialize_element(&W(*t))?;
        }
        seq.end()
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<OffsetDateTime>, D::Error> {
        Ok(Vec::<W>::deserialize(d)?.into_iter().map(|w| w.0).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_clock_runs_on_from_where_it_was_set_and_clones_share_it() {
        let clock = Clock::default();
        let clone = clock.clone();
        clock.set(datetime!(2030-01-01 00:00 UTC));
        clock.advance(std::time::Duration::from_secs(3600));
        let read = clone.now();
        assert!(read >= datetime!(2030-01-01 01:00 UTC), "{read}");
        assert!(read < datetime!(2030-01-01 01:01 UTC), "{read}");
        assert!(
            Clock::default().now() < datetime!(2030-01-01 00:00 UTC),
            "another clock keeps the real time"
        );
    }

    #[test]
    fn control_moves_go_forward_only_and_never_wrap() {
        let clock = Clock::default();
        let before = clock.now();
        let after = clock
            .try_advance(std::time::Duration::from_secs(120))
            .expect("2m");
        assert!(after - before >= Duration::minutes(2), "{before} {after}");
        let err = clock
            .try_advance(std::time::Duration::from_secs(u64::MAX))
            .expect_err("too far");
        assert!(err.contains("too far"), "{err}");
        assert!(
            clock.now() - after < Duration::minutes(1),
            "unchanged by the refusal"
        );

        let err = clock
            .try_set(datetime!(2020-01-01 00:00 UTC))
            .expect_err("backwards");
        assert!(err.contains("only moves forward"), "{err}");
        assert!(err.contains("2020-01-01T00:00:00Z"), "{err}");
        let set = clock
            .try_set(datetime!(2200-01-01 00:00 UTC))
            .expect("forward");
        assert!(set >= datetime!(2200-01-01 00:00 UTC), "{set}");
        assert!(clock.try_set(datetime!(9999-01-01 00:00 UTC)).is_err());

        clock.reset();
        assert!(clock.now() < datetime!(2200-01-01 00:00 UTC));
    }

    #[test]
    fn formats_trim_trailing_zeros() {
        let dt = datetime!(2023-09-09 20:09:59.6986743 UTC);
        assert_eq!(token(dt), "2023-09-09T20:09:59.6986743Z");
        assert_eq!(
            db(datetime!(2023-09-09 20:09:59.5 UTC)),
            "2023-09-09T20:09:59.5"
        );
        assert_eq!(
            token(datetime!(2023-09-09 20:09:59 UTC)),
            "2023-09-09T20:09:59Z"
        );
        assert_eq!(
            offset(datetime!(2024-06-01 10:00:00.123 UTC)),
            "2024-06-01T10:00:00.123+00:00"
        );
        assert_eq!(
            db(datetime!(0042-01-02 03:04:05.0000001 UTC)),
            "0042-01-02T03:04:05.0000001"
        );
        assert_eq!(
            token(datetime!(2024-12-31 23:59:59.12 +02:00)),
            "2024-12-31T21:59:59.12Z"
        );
    }

    #[test]
    fn parses_zoned_zoneless_and_unset() {
        assert_eq!(parse("0001-01-01T00:00:00"), Ok(None));
        assert_eq!(parse("0001-01-01T00:00:00Z"), Ok(None));
        assert_eq!(
            parse("2030-01-01T10:00:00"),
            Ok(Some(datetime!(2030-01-01 10:00:00 UTC)))
        );
        assert_eq!(
            parse("2030-01-01T12:00:00+02:00"),
            Ok(Some(datetime!(2030-01-01 10:00:00 UTC)))
        );
        assert_eq!(
            parse("2030-01-01T10:00:00.5"),
            Ok(Some(datetime!(2030-01-01 10:00:00.5 UTC)))
        );
        assert!(parse("tomorrow").is_err());
    }

    #[test]
    fn humanizes_like_humanizer() {
        assert_eq!(humanize(Duration::milliseconds(1500)), "1 second");
        assert_eq!(humanize(Duration::seconds(10)), "10 seconds");
        assert_eq!(humanize(Duration::seconds(61)), "1 minute");
        assert_eq!(humanize(Duration::hours(5)), "5 hours");
        assert_eq!(humanize(Duration::days(3)), "3 days");
        assert_eq!(humanize(Duration::days(15)), "2 weeks");
        assert_eq!(humanize(Duration::milliseconds(300)), "300 milliseconds");
    }
}
