//! An app's event log as the emulator keeps it: the newest [`MAX_EVENTS`] events, oldest first,
//! and a count of every event ever added, by which the `--state` journal finds the ones added
//! since it last looked.
//!
//! The real service keeps events for the app's retention period (days). An emulator that runs
//! for a whole CI job or a bulk import of a million users cannot keep them all: memory would
//! grow by a quarter of a kilobyte per token request, every snapshot would carry them all, and
//! the growing log was the largest cost of the token routes (page faults and allocation: about
//! 3 µs of a 33 µs request). So the oldest go first once there are [`MAX_EVENTS`].

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use std::borrow::Cow;

use time::OffsetDateTime;

use super::dates::ts;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    #[serde(with = "ts")]
    pub performed_at: OffsetDateTime,
    pub message: String,
    pub performed_by: String,
    /// The server's fixed names: borrowed, not allocated, for every event.
    pub event_type: Cow<'static, str>,
    pub severity: Cow<'static, str>,
    pub subject: String,
    pub api_key_id: String,
}

/// Events kept per app: ten pages of the events API at its largest page size.
pub const MAX_EVENTS: usize = 10_000;

/// The log has its own lock so that, in memory, the token routes can add their event while
/// holding the state's read lock only (see [`push_shared`](EventLog::push_shared)): waiting for
/// the state's write lock, which waits for every reader, was the largest cost left in a token
/// request. Whoever holds the state mutably uses the log without locking.
#[derive(Default)]
pub struct EventLog {
    log: Mutex<Log>,
}

#[derive(Debug, Default, Clone)]
struct Log {
    events: VecDeque<Event>,
    /// Events added since this log was made or loaded, kept or not.
    added: u64,
}

impl Log {
    /// Adds `event`, returning the oldest when it had to go.
    fn push(&mut self, event: Event) -> Option<Event> {
        let dropped = if self.events.len() == MAX_EVENTS {
            self.events.pop_front()
        } else {
            None
        };
        self.events.push_back(event);
        self.added += 1;
        dropped
    }
}

impl EventLog {
    fn shared(&self) -> MutexGuard<'_, Log> {
        // A push cannot leave the log half-changed: a poisoned lock's data is whole.
        self.log
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn exclusive(&mut self) -> &mut Log {
        self.log
            .get_mut()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Adds `event` as the newest, letting the oldest go when the log is full.
    pub fn push(&mut self, event: Event) {
        self.exclusive().push(event);
    }

    /// [`push`](Self::push) through a shared reference to the state, stamping the event with
    /// the current time under the log's lock, so the order of the log and its times agree.
    /// Only for an emulator without `--state`: a saved state's events must be journaled in the
    /// order of the changes, which the state's write lock gives.
    pub fn push_shared(&self, mut event: Event, clock: &super::dates::Clock) {
        let mut log = self.shared();
        event.performed_at = clock.now();
        let dropped = log.push(event);
        // Freed after the lock is let go: the other worker may be waiting for it.
        drop(log);
        drop(dropped);
    }

    /// How many events were ever added: a mark for [`added_since`](Self::added_since).
    pub fn mark(&mut self) -> u64 {
        self.exclusive().added
    }

    /// Calls `each` with the events added after `mark` was taken that are still kept, oldest
    /// first.
    pub fn added_since(&self, mark: u64, mut each: impl FnMut(&Event)) {
        let log = self.shared();
        let count = usize::try_from(log.added.saturating_sub(mark))
            .unwrap_or(usize::MAX)
            .min(log.events.len());
        log.events
            .range(log.events.len() - count..)
            .for_each(&mut each);
    }

    /// Calls `each` with every event kept, oldest first.
    pub fn for_each(&self, each: impl FnMut(&Event)) {
        self.shared().events.iter().for_each(each);
    }

    pub fn len(&self) -> usize {
        self.shared().events.len()
    }

    #[cfg_attr(not(test), allow(dead_code))] // `len`'s companion; the tests ask it
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Up to `take` events after skipping the `skip` newest, newest first, each through `map`.
    pub fn newest<T>(&self, skip: usize, take: usize, map: impl FnMut(&Event) -> T) -> Vec<T> {
        self.shared()
            .events
            .iter()
            .rev()
            .skip(skip)
            .take(take)
            .map(map)
            .collect()
    }

    /// The events, oldest first, as one list.
    #[cfg(test)]
    pub fn to_vec(&self) -> Vec<Event> {
        self.shared().events.iter().cloned().collect()
    }
}

impl Clone for EventLog {
    fn clone(&self) -> Self {
        EventLog {
            log: Mutex::new(self.shared().clone()),
        }
    }
}

impl std::fmt::Debug for EventLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.shared().events.iter()).finish()
    }
}

/// The state file holds the events as a plain array, oldest first.
impl Serialize for EventLog {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(&self.shared().events)
    }
}

/// A saved array longer than [`MAX_EVENTS`] (an older emulator's) keeps its newest.
impl<'de> Deserialize<'de> for EventLog {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut events = VecDeque::<Event>::deserialize(deserializer)?;
        let excess = events.len().saturating_sub(MAX_EVENTS);
        events.drain(..excess);
        Ok(EventLog {
            log: Mutex::new(Log { events, added: 0 }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(n: usize) -> Event {
        Event {
            performed_at: time::OffsetDateTime::UNIX_EPOCH,
            message: format!("event {n}"),
            performed_by: String::new(),
            event_type: "ApiAuthUserRegistered".into(),
            severity: "Informational".into(),
            subject: String::new(),
            api_key_id: String::new(),
        }
    }

    fn messages<'a>(events: impl Iterator<Item = &'a Event>) -> Vec<&'a str> {
        events.map(|e| e.message.as_str()).collect()
    }

    #[test]
    fn a_full_log_lets_the_oldest_go_and_marks_still_find_the_added_ones() {
        let mut log = EventLog::default();
        for n in 0..MAX_EVENTS {
            log.push(event(n));
        }
        let mark = log.mark();
        log.push(event(MAX_EVENTS));
        log.push(event(MAX_EVENTS + 1));
        assert_eq!(log.len(), MAX_EVENTS);
        assert_eq!(log.to_vec()[0].message, "event 2");
        let mut added = Vec::new();
        log.added_since(mark, |e| added.push(e.clone()));
        assert_eq!(
            messages(added.iter()),
            [
                format!("event {MAX_EVENTS}"),
                format!("event {}", MAX_EVENTS + 1)
            ]
        );
        let mut after = 0;
        let mark = log.mark();
        log.added_since(mark, |_| after += 1);
        assert_eq!(after, 0);
    }

    #[test]
    fn a_saved_log_longer_than_the_limit_loads_its_newest() {
        let saved: Vec<Event> = (0..MAX_EVENTS + 3).map(event).collect();
        let json = serde_json::to_string(&saved).unwrap();
        let log: EventLog = serde_json::from_str(&json).unwrap();
        assert_eq!(log.len(), MAX_EVENTS);
        assert_eq!(log.to_vec()[0].message, "event 3");
        assert_eq!(serde_json::to_string(&log).unwrap(), {
            let kept: Vec<&Event> = saved[3..].iter().collect();
            serde_json::to_string(&kept).unwrap()
        });
    }
}
