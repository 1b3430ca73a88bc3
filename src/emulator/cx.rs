//! The context of one request, passed to its handler explicitly: the emulator's shared parts,
//! the state lock that reports a failed `--state` write back to this request, and the clock.
//! (Both used to travel in thread-locals, which held only because a handler runs synchronously
//! on one thread; this makes what a handler depends on visible in its signature.)

use std::cell::Cell;
use std::ops::Deref;

use time::OffsetDateTime;

use super::state::{Shared, StateGuard};

pub struct Cx<'a> {
    shared: &'a Shared,
    /// Set by a state guard of this request whose change could not be written to the store.
    save_failed: Cell<bool>,
}

impl<'a> Cx<'a> {
    pub fn new(shared: &'a Shared) -> Cx<'a> {
        Cx {
            shared,
            save_failed: Cell::new(false),
        }
    }

    /// The state for reading and writing; a change this request makes through the guard is in
    /// the `--state` store when the guard is released, or [`save_failed`](Self::save_failed)
    /// says why not.
    pub fn lock(&self) -> StateGuard<'_> {
        self.shared.lock_reporting(Some(&self.save_failed))
    }

    /// The emulator's time (its clock, which tests move), read now.
    pub fn now(&self) -> OffsetDateTime {
        self.shared.clock.now()
    }

    /// A change of this request is in memory but could not be written to the `--state` file:
    /// the request must not be acknowledged.
    pub fn save_failed(&self) -> bool {
        self.save_failed.get()
    }
}

impl Deref for Cx<'_> {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        self.shared
    }
}
