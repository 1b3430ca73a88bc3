//! The context of one request, passed to its handler explicitly: the emulator's shared parts,
//! the state lock that reports a failed `--state` write back to this request, the clock, and
//! a warning the handler notes for the request log.
//! (Both used to travel in thread-locals, which held only because a handler runs synchronously
//! on one thread; this makes what a handler depends on visible in its signature.)

use std::cell::Cell;
use std::ops::Deref;

use time::OffsetDateTime;

use super::shared::{Outcome, Shared, StateGuard};

pub struct Cx<'a> {
    shared: &'a Shared,
    outcome: Outcome,
    notes: Notes,
}

/// What a handler noticed about a request that the server accepts but a browser would not (a
/// user id over 64 bytes): shown in the request log and with `--log`.
#[derive(Default)]
struct Notes {
    warning: Cell<Option<String>>,
}

impl<'a> Cx<'a> {
    pub fn new(shared: &'a Shared) -> Cx<'a> {
        Cx {
            shared,
            outcome: Outcome::default(),
            notes: Notes::default(),
        }
    }

    /// The state for reading and writing; a change this request makes through the guard is
    /// written to the `--state` store when the guard is released, and its commit is then
    /// [`pending`](Self::pending), or [`save_failed`](Self::save_failed) says it was not.
    pub fn lock(&self) -> StateGuard<'_> {
        self.shared.lock_reporting(Some(&self.outcome))
    }

    /// The emulator's time (its clock, which tests move), read now.
    pub fn now(&self) -> OffsetDateTime {
        self.shared.clock.now()
    }

    /// A change of this request is in memory but could not be written to the `--state` file:
    /// the request must not be acknowledged.
    pub fn save_failed(&self) -> bool {
        self.outcome.failed.get()
    }

    /// Notes a warning about this request for the request log (the last one wins).
    pub fn warn(&self, warning: String) {
        self.notes.warning.set(Some(warning));
    }

    /// The warning noted about this request, if any.
    pub fn take_warning(&self) -> Option<String> {
        self.notes.warning.take()
    }

    /// The change of this request whose commit the answer must wait for, if any.
    pub fn pending(&self) -> Option<u64> {
        Some(self.outcome.pending.get()).filter(|&n| n > 0)
    }
}

impl Deref for Cx<'_> {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        self.shared
    }
}
