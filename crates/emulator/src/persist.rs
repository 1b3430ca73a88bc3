//! The `--state FILE` persistence of the emulator: the on-disk format (a versioned JSON wrapper
//! around [`State`]), loading at start (the snapshot, then its journal), the lock that keeps a
//! second emulator off the file, and group-committed saves after changes ([`Persister`]): whole
//! snapshots written atomically, or for changes that only record events, appends to the
//! journal (see `journal`). It never discards a file it cannot read: a corrupt or foreign file
//! is an error naming the file.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard};

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};
use tokio::sync::watch;

use super::journal::{self, Journal};
use super::state::State;

/// Bumped when the layout of [`State`] changes incompatibly.
const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    /// The journal that continues this snapshot is the one of the same epoch.
    epoch: u64,
    state: &'a State,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    format: String,
    version: u32,
    /// Absent in files written before the journal: no journal continues them.
    #[serde(default)]
    epoch: u64,
    state: State,
}

/// Snapshots larger than this are written compact; smaller ones indented, for people to read.
const INDENT_UP_TO: usize = 1 << 20;

/// The journal is folded into a new snapshot once it holds this many bytes of events.
const COMPACT_JOURNAL_AT: u64 = 64 << 20;

const FORMAT_NAME: &str = "passwordless-emulator-state";

pub fn to_bytes(state: &State, epoch: u64) -> anyhow::Result<Vec<u8>> {
    let file = FileOut {
        format: FORMAT_NAME,
        version: FORMAT_VERSION,
        epoch,
        state,
    };
    let mut bytes = serde_json::to_vec(&file).context("cannot serialise the emulator state")?;
    if bytes.len() <= INDENT_UP_TO {
        bytes = serde_json::to_vec_pretty(&file).context("cannot serialise the emulator state")?;
    }
    bytes.push(b'\n');
    Ok(bytes)
}

#[cfg(test)]
pub fn from_bytes(bytes: &[u8]) -> anyhow::Result<State> {
    decode(bytes).map(|(state, _)| state)
}

/// The state and the epoch of the journal that continues it.
fn decode(bytes: &[u8]) -> anyhow::Result<(State, u64)> {
    let file: FileIn = serde_json::from_slice(bytes).context("not a valid emulator state file")?;
    if file.format != FORMAT_NAME {
        bail!("not an emulator state file (format {:?})", file.format);
    }
    if file.version != FORMAT_VERSION {
        bail!(
            "state file version {} is not supported (this emulator writes version {FORMAT_VERSION})",
            file.version
        );
    }
    let mut state = file.state;
    for app in state.apps.values_mut() {
        // A hand-edited file may have lost the signing keys; minting needs one.
        if app.signing_keys.is_empty() {
            app.signing_keys = crate::state::App::new(&app.id).signing_keys;
        }
    }
    Ok((state, file.epoch))
}

/// A state file as read at start: the snapshot with its journal's events added.
#[derive(Debug)]
pub struct Loaded {
    pub state: State,
    pub epoch: u64,
}

/// Reads the state file and its journal if they exist; `Ok(None)` when there is none yet.
pub fn load(path: &Path) -> anyhow::Result<Option<Loaded>> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(e).with_context(|| format!("cannot read state file {}", path.display()));
        }
    };
    let (mut state, epoch) = decode(&bytes).with_context(|| {
        format!(
            "state file {} is corrupt or from another version; fix or remove it",
            path.display()
        )
    })?;
    journal::replay(&journal::path_for(path), epoch, &mut state)?;
    Ok(Some(Loaded { state, epoch }))
}

/// What the flusher has done so far, in change generations (see [`Persister`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flushed {
    /// The newest generation a write was attempted for.
    pub attempted: u64,
    /// The newest generation known to be on disk.
    pub durable: u64,
}

/// What the flusher is asked to do. Requests and journal lines are added under the state lock,
/// and the flusher takes both at once under this one, so it never sees a journal line without
/// a snapshot request made before it.
#[derive(Default)]
struct Wanted {
    /// The newest change that needs a whole snapshot.
    generation: u64,
    /// Journal lines waiting to be appended, and the newest change among them.
    journal: Vec<u8>,
    journal_generation: u64,
    stop: bool,
}

/// What is on disk: the last snapshot's bytes and epoch, and the journal continuing it.
#[derive(Default)]
struct Saved {
    bytes: Vec<u8>,
    epoch: u64,
    /// `None` until the first snapshot of this run starts one.
    journal: Option<Journal>,
}

/// The `--state` file of a running emulator: an exclusive lock on it, what was last written,
/// and group commit of changes.
///
/// Every change to the state gets a generation number (taken under the state lock). A change is
/// acknowledged only once a save covering its generation is on disk, so a SIGKILL never loses an
/// acknowledged change. One background flusher writes: a whole snapshot when a change needs one
/// (all changes made while a write is in progress ride on the next one, so the cost of a save
/// is shared by every request waiting for it), else the journal lines of changes that only
/// recorded events, in one append. Requests that change nothing never wait or write.
pub struct Persister {
    path: PathBuf,
    journal_path: PathBuf,
    /// Held open for the emulator's life: two emulators on one file would overwrite each other.
    _lock: Option<File>,
    /// What is on disk; the mutex also orders writes.
    saved: Mutex<Saved>,
    wanted: Mutex<Wanted>,
    wake: Condvar,
    flushed: watch::Sender<Flushed>,
}

impl Persister {
    /// Locks the state file for this process and removes temporary files that an earlier, killed
    /// emulator left behind while saving it.
    pub fn open(path: &Path) -> anyhow::Result<Persister> {
        let dir = passwordless_fsutil::parent_dir(path);
        let name = path
            .file_name()
            .with_context(|| format!("--state {} has no file name", path.display()))?
            .to_string_lossy()
            .into_owned();
        let lock_path = dir.join(format!(".{name}.lock"));
        let file = passwordless_fsutil::open_lock_file(&lock_path)?;
        let lock = match file.try_lock() {
            Ok(()) => Some(file),
            Err(TryLockError::WouldBlock) => bail!(
                "state file {} is in use by another running emulator; stop that one or choose another --state file",
                path.display()
            ),
            // A file system without locks: run unlocked, and leave temporary files alone since
            // another emulator may be writing them.
            Err(TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => None,
            Err(TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("cannot lock {}", lock_path.display()));
            }
        };
        if lock.is_some() {
            passwordless_fsutil::remove_stale_temp_files(dir, &name);
            passwordless_fsutil::remove_stale_temp_files(dir, &format!("{name}.journal"));
        }
        let (flushed, _) = watch::channel(Flushed::default());
        Ok(Persister {
            path: path.to_path_buf(),
            journal_path: journal::path_for(path),
            _lock: lock,
            saved: Mutex::new(Saved::default()),
            wanted: Mutex::new(Wanted::default()),
            wake: Condvar::new(),
            flushed,
        })
    }

    /// Asks the flusher for a save covering `generation`.
    pub fn request(&self, generation: u64) {
        let mut wanted = lock(&self.wanted);
        if generation > wanted.generation {
            wanted.generation = generation;
            self.wake.notify_one();
        }
    }

    /// The snapshot read at start continues `epoch`: the next snapshot takes the one after.
    pub fn continue_epoch(&self, epoch: u64) {
        lock(&self.saved).epoch = epoch;
    }

    /// Asks the flusher to append `lines` (journal lines of events) for change `generation`.
    pub fn append(&self, generation: u64, lines: &[u8]) {
        let mut wanted = lock(&self.wanted);
        wanted.journal.extend_from_slice(lines);
        wanted.journal_generation = wanted.journal_generation.max(generation);
        self.wake.notify_one();
    }

    /// Waits until a save covering `generation` was attempted: `true` when it is on disk.
    pub async fn wait(&self, generation: u64) -> bool {
        let mut flushed = self.flushed.subscribe();
        match flushed.wait_for(|f| f.attempted >= generation).await {
            Ok(f) => f.durable >= generation,
            // The sender lives as long as `self`.
            Err(_) => false,
        }
    }

    /// Writes a snapshot now unless it equals what was last written, and starts its journal.
    /// `snapshot` gets the epoch to write and returns the generation it covers and its bytes;
    /// it runs under the write lock, so a later change is never overwritten by an earlier one.
    pub fn save(
        &self,
        snapshot: impl FnOnce(u64) -> (u64, anyhow::Result<Vec<u8>>),
    ) -> anyhow::Result<()> {
        let mut saved = lock(&self.saved);
        // A journal with events in it is folded into this snapshot: the next epoch starts.
        let keep_journal = saved.journal.as_ref().is_some_and(|j| j.len() == 0);
        let epoch = if keep_journal {
            saved.epoch
        } else {
            saved.epoch + 1
        };
        let (generation, bytes) = snapshot(epoch);
        let result = bytes.and_then(|bytes| {
            if saved.bytes != bytes {
                passwordless_fsutil::write_atomically(&self.path, &bytes).with_context(|| {
                    format!("cannot save the emulator state to {}", self.path.display())
                })?;
                saved.bytes = bytes;
            }
            saved.epoch = epoch;
            if !keep_journal {
                // Until this succeeds, the old journal is of an older epoch: ignored at load,
                // and its events are in the snapshot just written.
                saved.journal = None;
                saved.journal = Some(Journal::start(&self.journal_path, epoch)?);
            }
            Ok(())
        });
        self.finished(generation, result.is_ok());
        result
    }

    /// Appends journal lines for changes up to `generation`; a snapshot instead when the
    /// journal has grown large or none was started yet.
    fn append_now(
        &self,
        generation: u64,
        lines: &[u8],
        snapshot: impl FnOnce(u64) -> (u64, anyhow::Result<Vec<u8>>),
    ) -> anyhow::Result<()> {
        let mut saved = lock(&self.saved);
        let journal = match saved.journal.as_mut() {
            Some(journal) if journal.len() < COMPACT_JOURNAL_AT => journal,
            // The events are in memory already: the snapshot holds them.
            _ => {
                drop(saved);
                return self.save(snapshot);
            }
        };
        let result = journal.append(lines).with_context(|| {
            format!(
                "cannot append to the emulator's state journal {}",
                self.journal_path.display()
            )
        });
        self.finished(generation, result.is_ok());
        result
    }

    fn finished(&self, generation: u64, ok: bool) {
        self.flushed.send_modify(|f| {
            f.attempted = f.attempted.max(generation);
            if ok {
                f.durable = f.durable.max(generation);
            }
        });
    }

    /// The flusher's loop: saves whenever a change is waiting, until [`stop`](Self::stop) and
    /// nothing is left to save. Run it on a thread of its own: it blocks on file I/O.
    pub fn run_flusher(
        &self,
        log: &crate::LogSink,
        snapshot: impl Fn(u64) -> (u64, anyhow::Result<Vec<u8>>),
    ) {
        loop {
            let (needs_snapshot, lines, journal_generation) = {
                let mut wanted = lock(&self.wanted);
                loop {
                    let needs_snapshot = wanted.generation > self.flushed.borrow().attempted;
                    if needs_snapshot || !wanted.journal.is_empty() {
                        break;
                    }
                    if wanted.stop {
                        return;
                    }
                    wanted = self.wake.wait(wanted).unwrap_or_else(|e| e.into_inner());
                }
                let needs_snapshot = wanted.generation > self.flushed.borrow().attempted;
                (
                    needs_snapshot,
                    std::mem::take(&mut wanted.journal),
                    wanted.journal_generation,
                )
            };
            // A snapshot covers the journal lines taken with it: their events are in memory.
            let result = if needs_snapshot {
                self.save(&snapshot)
            } else {
                self.append_now(journal_generation, &lines, &snapshot)
            };
            if let Err(e) = result {
                // The waiting requests answer 500; the next change tries again.
                log.line(&format!("emulator: {e:#}"));
            }
        }
    }

    /// Tells the flusher to finish what is pending and return.
    pub fn stop(&self) {
        lock(&self.wanted).stop = true;
        self.wake.notify_one();
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
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
    use crate::EmulatorConfig;
    use crate::state::{KeyKind, initial};

    #[test]
    fn state_round_trips_through_the_file_format() {
        let mut state = initial(&EmulatorConfig::default());
        let app = state.apps.get_mut("devapp").expect("dev app");
        app.new_key(KeyKind::Secret, vec!["token_register".into()]);
        app.features.event_logging_enabled = true;
        crate::events::By::of(app, "abcd").aliases_set("alice");
        app.magic_links_sent.push(crate::dates::now());
        let bytes = to_bytes(&state, 0).expect("serialise");
        let back = from_bytes(&bytes).expect("deserialise");
        assert_eq!(to_bytes(&back, 0).expect("serialise again"), bytes);
        let app = &back.apps["devapp"];
        assert_eq!(app.keys.len(), 3);
        assert_eq!(app.events.to_vec()[0].event_type, "ApiUserSetAliases");
    }

    #[test]
    fn corrupt_and_foreign_files_are_errors() {
        assert!(from_bytes(b"{not json").is_err());
        assert!(
            from_bytes(br#"{"format":"other","version":1,"state":{"apps":{},"outbox":[]}}"#)
                .is_err()
        );
        let future = br#"{"format":"passwordless-emulator-state","version":99,"state":{"apps":{},"outbox":[]}}"#;
        let err = from_bytes(future).expect_err("future version");
        assert!(format!("{err:#}").contains("version 99"));
    }

    #[test]
    fn missing_file_is_not_an_error_but_a_corrupt_one_names_the_file() {
        let dir = std::env::temp_dir().join(format!("pwl-persist-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("state.json");
        let _ = std::fs::remove_file(&path);
        assert!(load(&path).expect("missing is fine").is_none());
        std::fs::write(&path, b"garbage").expect("write");
        let err = load(&path).expect_err("corrupt");
        assert!(format!("{err:#}").contains(&path.display().to_string()));
        let _ = std::fs::remove_dir_all(&dir);
    }

    proptest::proptest! {
        /// A state file is read back on start: no content may panic the emulator.
        #[test]
        fn no_state_file_panics(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256),
            text in "[{}\\[\\]\":,0-9a-z_ -]{0,128}",
        ) {
            let _ = from_bytes(&bytes);
            let _ = from_bytes(text.as_bytes());
            let wrapped = format!(r#"{{"format":"passwordless-emulator-state","version":1,"state":{text}}}"#);
            let _ = from_bytes(wrapped.as_bytes());
        }
    }
}
