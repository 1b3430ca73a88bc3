//! What every request handler shares: the emulator's configuration, clock, faults, request log
//! and `--state` store, and the state behind its lock. Handing the state out mutably
//! ([`StateGuard`]) counts as a change, which is written to the store before the request can be
//! answered; what became of it is reported into the request's [`Outcome`].

use std::cell::Cell;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

use rand::Rng;

use super::EmulatorConfig;
use super::state::{App, State};

/// What the state guards of one request report back about its changes and the `--state` store.
#[derive(Default)]
pub struct Outcome {
    /// A change could not be written.
    pub failed: Cell<bool>,
    /// The number of the newest change written, whose commit the answer waits for (0: none).
    pub pending: Cell<u64>,
}

/// Everything the request handlers share.
pub struct Shared {
    pub config: EmulatorConfig,
    /// The time every handler of this emulator reads (through its request's `Cx`).
    pub clock: super::dates::Clock,
    pub faults: super::faults::Faults,
    /// The newest requests, for `GET /_emulator/requests`.
    pub requests: super::request_log::RequestLog,
    /// Set with `--state FILE`: every change is written there before it is acknowledged.
    pub store: Option<super::store::Store>,
    state: RwLock<State>,
    /// The state at start (the seed, the empty development app, or what `--state` held), for
    /// `POST /_emulator/reset`. Keeping it serialised instead halved the memory at start but
    /// left a fragmented heap twice the size after the first reset (measured with 100k users).
    initial: super::start::StartState,
    trace_seq: AtomicU64,
    id_seq: AtomicU64,
}

/// The write-locked state. Handing it out mutably counts as a change: on release, with
/// `--state`, the change is written to the store (still under the lock, so the file sees the
/// changes in the order they were made) before the request can be answered. An app handed out
/// by [`app_for_events`](StateGuard::app_for_events) is a lighter change: only the events added
/// to it are written.
pub struct StateGuard<'a> {
    state: RwLockWriteGuard<'a, State>,
    shared: &'a Shared,
    changed: bool,
    /// Events were added through `app_for_events`.
    events: bool,
    /// An app was handed out through `app_for_users`.
    users: bool,
    /// The state was replaced whole (a reset): the store rewrites everything.
    replaced: bool,
    /// Where the request's context (see `cx`) learns what became of the change: the commit to
    /// wait for before answering, or a failure (answered 500 rather than acknowledge a change
    /// the file does not hold). `None` outside a request, where a failure is only logged.
    outcome: Option<&'a Outcome>,
}

impl Deref for StateGuard<'_> {
    type Target = State;

    fn deref(&self) -> &State {
        &self.state
    }
}

impl DerefMut for StateGuard<'_> {
    fn deref_mut(&mut self) -> &mut State {
        self.changed = true;
        &mut self.state
    }
}

impl StateGuard<'_> {
    /// App `app_id` for recording events only (the `events` constructors): only the events it
    /// adds are written to the store. Any other change to the app must go through the guard
    /// itself.
    pub fn app_for_events(&mut self, app_id: &str) -> Option<&mut App> {
        self.events = true;
        self.state.apps.get_mut(app_id)
    }

    /// App `app_id` for changing its users (and recording events) only: the store then writes
    /// the users the app's index marked changed and the events, without comparing the app's
    /// settings. Any other change to the app must go through the guard itself.
    pub fn app_for_users(&mut self, app_id: &str) -> Option<&mut App> {
        self.users = true;
        self.state.apps.get_mut(app_id)
    }

    /// Replaces the whole state (a reset).
    pub fn replace(&mut self, state: State) {
        self.replaced = true;
        *self.state = state;
    }
}

impl Drop for StateGuard<'_> {
    fn drop(&mut self) {
        let Some(store) = &self.shared.store else {
            return;
        };
        let result = if self.replaced {
            store.write_all(&mut self.state).map(|()| None)
        } else if self.changed || self.users || self.events {
            let scope = if self.changed {
                super::store::Scope::All
            } else if self.users {
                super::store::Scope::Users
            } else {
                super::store::Scope::Events
            };
            store.write(&mut self.state, scope)
        } else {
            return;
        };
        match (result, self.outcome) {
            (Ok(Some(number)), Some(outcome)) => outcome.pending.set(number),
            (Ok(_), _) => {}
            (Err(e), outcome) => {
                // The change lives in memory but not in the file; the next write retries it
                // whole.
                self.shared
                    .config
                    .log_sink
                    .line(&format!("emulator: {e:#}"));
                if let Some(outcome) = outcome {
                    outcome.failed.set(true);
                }
            }
        }
    }
}

impl Shared {
    pub fn new(
        config: EmulatorConfig,
        mut state: State,
        store: Option<super::store::Store>,
    ) -> anyhow::Result<Shared> {
        Ok(Shared {
            config,
            clock: super::dates::Clock::default(),
            faults: super::faults::Faults::default(),
            requests: super::request_log::RequestLog::default(),
            store,
            initial: super::start::StartState::of(&mut state),
            state: RwLock::new(state),
            trace_seq: AtomicU64::new(0),
            id_seq: AtomicU64::new(0),
        })
    }

    /// The state for reading and writing; other requests wait. `outcome` learns what became of
    /// a change made through the guard (see [`StateGuard`]). Requests lock through their `Cx`,
    /// which passes its own.
    pub fn lock_reporting<'a>(&'a self, outcome: Option<&'a Outcome>) -> StateGuard<'a> {
        // A panic in one handler must not take every later request down with it: the state
        // is plain data and stays usable.
        let state = self
            .state
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        StateGuard {
            state,
            shared: self,
            changed: false,
            events: false,
            users: false,
            replaced: false,
            outcome,
        }
    }

    /// Back to the start: the initial state, the seed's faults only, the machine's time, and (in
    /// deterministic mode) ids and trace ids counting from 1 again, so a test run after a reset
    /// sees what it would see on a fresh emulator. With `--state` the file is rewritten whole.
    pub fn reset(&self, mut state: StateGuard<'_>) -> anyhow::Result<()> {
        state.replace(self.initial.thaw());
        self.faults.clear();
        if let Some(seed) = &self.config.seed {
            // Checked when the seed was read: these rules were accepted at start.
            let _ = seed.add_faults(&self.faults);
        }
        self.requests.clear();
        self.clock.reset();
        self.trace_seq.store(0, Ordering::Relaxed);
        self.id_seq.store(0, Ordering::Relaxed);
        super::memory::give_back_freed();
        Ok(())
    }

    /// The state for reading only, shared with other readers.
    pub fn read(&self) -> RwLockReadGuard<'_, State> {
        self.state
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Writes the whole state to the `--state` store, if any (a new file).
    pub fn save_all(&self) -> anyhow::Result<()> {
        match &self.store {
            // Through the guard's own field, not `DerefMut`: that would count as a change,
            // written again whole when the guard drops.
            Some(store) => store.write_all(&mut self.lock_reporting(None).state),
            None => Ok(()),
        }
    }

    /// Writes and commits what changed since the last write (a loaded file's fix-ups, or what
    /// a failed write left), if there is a `--state` store.
    pub fn save_changes(&self) -> anyhow::Result<()> {
        match &self.store {
            Some(store) => {
                let mut guard = self.lock_reporting(None);
                store.write(&mut guard.state, super::store::Scope::All)?;
                drop(guard);
                store.flush()
            }
            None => Ok(()),
        }
    }

    /// W3C trace-context id, as ASP.NET puts in `traceId`.
    pub fn trace_id(&self) -> String {
        if self.config.deterministic {
            let n = self.trace_seq.fetch_add(1, Ordering::Relaxed) + 1;
            format!("00-{n:032x}-{n:016x}-00")
        } else {
            let mut rng = rand::rng();
            format!(
                "00-{:032x}-{:016x}-00",
                rng.random::<u128>(),
                rng.random::<u64>()
            )
        }
    }

    /// A fresh GUID; sequential in deterministic mode so snapshots stay stable.
    pub fn new_id(&self) -> String {
        if self.config.deterministic {
            let n = self.id_seq.fetch_add(1, Ordering::Relaxed) + 1;
            format!("00000000-0000-4000-8000-{n:012}")
        } else {
            uuid::Uuid::new_v4().to_string()
        }
    }
}
