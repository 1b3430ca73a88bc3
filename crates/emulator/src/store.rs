//! The `--state FILE` store: an SQLite database in WAL mode that holds the emulator's state as
//! rows (one per app's settings, per user, per event, per outbox e-mail), the lock that keeps a
//! second emulator off the file, loading at start, and the one-time migration of the JSON state
//! files that earlier versions wrote (see `persist`).
//!
//! A change is written, under the state lock so the file sees changes in their order, as the
//! rows it touched: the users the app's index recorded as changed, the events and e-mails added
//! since the last write, and an app's settings row when its bytes differ from the last ones
//! written. So a change costs in proportion to its size, not to the state's. The rows go into
//! an open transaction that a committer thread commits (group commit: every change written while
//! a commit runs rides on the next one), and the request is answered only once the commit
//! covering its change is done ([`wait`](Store::wait)). A committed WAL transaction is in the
//! operating system's hands, so a SIGKILL loses no acknowledged change (a power cut can lose the
//! newest ones: `synchronous=NORMAL`).

use crate::LogSink;
use std::collections::HashMap;
use std::fs::{File, TryLockError};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard};

use anyhow::{Context, bail};
use rusqlite::{Connection, OptionalExtension, params};
use tokio::sync::watch;

use super::event_log::MAX_EVENTS;
use super::state::{App, Event, OutboxEntry, State};
use super::users::User;

const FORMAT_NAME: &str = "passwordless-emulator-state";
/// Version 1 was the JSON snapshot with its journal; 2 is this database.
const FORMAT_VERSION: u32 = 2;

/// Every SQLite database starts with these 16 bytes.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS apps (id TEXT PRIMARY KEY, settings TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS users (
    app TEXT NOT NULL, user_id TEXT NOT NULL, ord INTEGER NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (app, user_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, app TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_by_app ON events (app, id);
CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY, data TEXT NOT NULL);
";

/// Old events are deleted from the file every this many events of an app (the log keeps
/// [`MAX_EVENTS`]), so the file does not grow without end and pruning stays cheap per event.
const PRUNE_EVERY: u64 = 1024;

/// What a change may have touched, from the least to the most.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    /// Events only (a token route with event logging on).
    Events,
    /// Users and events (aliases set, a user or a credential deleted).
    Users,
    /// Anything: settings, apps, the outbox as well.
    All,
}

/// What was last written, to write only what changed since.
struct Inner {
    conn: Connection,
    /// Per app: the settings row last written.
    settings: HashMap<String, String>,
    /// Per app: its event log's mark when its events were last written.
    event_marks: HashMap<String, u64>,
    outbox_len: usize,
    /// A write failed: the next one rewrites everything, so nothing it missed is lost.
    failed: bool,
    /// A transaction is open with changes not committed yet.
    open: bool,
    /// The number of the newest change written (into the open transaction or before).
    written: u64,
    stop: bool,
}

/// What the committer has done so far, in change numbers.
#[derive(Clone, Copy, Debug, Default)]
struct Flushed {
    /// The newest change a commit was attempted for.
    attempted: u64,
    /// The newest change known to be committed.
    durable: u64,
}

/// The `--state` file of a running emulator.
pub struct Store {
    path: PathBuf,
    /// Held open for the emulator's life: two emulators on one file would overwrite each other.
    _lock: Option<File>,
    inner: Mutex<Inner>,
    /// Wakes the committer when a change is written.
    wake: Condvar,
    flushed: watch::Sender<Flushed>,
    /// Where the store says what went wrong (and that it converted an old file).
    log: LogSink,
}

impl Store {
    /// Locks the file for this process and opens it: the state it holds (`None` for a new
    /// file), migrating a JSON state file of an earlier version first.
    pub fn open(path: &Path, log: &LogSink) -> anyhow::Result<(Store, Option<State>)> {
        let lock = lock_for(path)?;
        let (conn, mut state) = match kind_of(path)? {
            Kind::Missing => (create(path)?, None),
            Kind::Sqlite => {
                let conn = connect(path)?;
                let state = load(&conn).with_context(|| corrupt(path))?;
                (conn, Some(state))
            }
            Kind::Json => {
                let state = migrate(path, log)?;
                (connect(path)?, Some(state))
            }
        };
        let mut inner = Inner {
            conn,
            settings: HashMap::new(),
            event_marks: HashMap::new(),
            outbox_len: 0,
            failed: false,
            open: false,
            written: 0,
            stop: false,
        };
        if let Some(state) = &mut state {
            remember(&mut inner, state)?;
        }
        let store = Store {
            path: path.to_path_buf(),
            _lock: lock,
            inner: Mutex::new(inner),
            wake: Condvar::new(),
            flushed: watch::channel(Flushed::default()).0,
            log: log.clone(),
        };
        Ok((store, state))
    }

    /// Replaces everything in the file with `state` (a new file, a reset) and commits it,
    /// together with any change still waiting for its commit.
    pub fn write_all(&self, state: &mut State) -> anyhow::Result<()> {
        let mut inner = lock(&self.inner);
        let result = write_all(&mut inner, state).and_then(|()| self.commit_now(&mut inner));
        if result.is_err() {
            self.abandon(&mut inner);
        }
        result.with_context(|| self.cannot_save())
    }

    /// Writes what changed into the open transaction: the events added since the last write;
    /// from [`Scope::Users`] on the users marked changed; with [`Scope::All`] the settings rows
    /// that differ, apps deleted and the outbox. Returns the change's number to [`wait`](Self::wait) for, or `None` when
    /// nothing needed writing.
    pub fn write(&self, state: &mut State, scope: Scope) -> anyhow::Result<Option<u64>> {
        let mut inner = lock(&self.inner);
        if inner.failed {
            // A failed write or commit lost rows: rewrite everything.
            let result = write_all(&mut inner, state).and_then(|()| self.commit_now(&mut inner));
            if result.is_err() {
                self.abandon(&mut inner);
            }
            return result.map(|()| None).with_context(|| self.cannot_save());
        }
        let before = inner.conn.total_changes();
        let result = (|| -> anyhow::Result<()> {
            if !inner.open {
                inner.conn.execute_batch("BEGIN")?;
                inner.open = true;
            }
            write_changes(&mut inner, state, scope)
        })();
        if let Err(e) = result {
            self.abandon(&mut inner);
            return Err(e).with_context(|| self.cannot_save());
        }
        if inner.conn.total_changes() == before {
            return Ok(None);
        }
        inner.written += 1;
        self.wake.notify_one();
        Ok(Some(inner.written))
    }

    /// Commits the open transaction now, if any (at exit, in tests).
    pub fn flush(&self) -> anyhow::Result<()> {
        let mut inner = lock(&self.inner);
        let result = self.commit_now(&mut inner);
        if result.is_err() {
            self.abandon(&mut inner);
        }
        result.with_context(|| self.cannot_save())
    }

    fn commit_now(&self, inner: &mut Inner) -> anyhow::Result<()> {
        if inner.open {
            inner.conn.execute_batch("COMMIT")?;
            inner.open = false;
        }
        let written = inner.written;
        self.flushed.send_modify(|f| {
            f.attempted = f.attempted.max(written);
            f.durable = f.durable.max(written);
        });
        Ok(())
    }

    /// After a failed write or commit: the open transaction is rolled back, the changes in it
    /// are answered 500, and the next write rewrites everything.
    fn abandon(&self, inner: &mut Inner) {
        if inner.open {
            let _ = inner.conn.execute_batch("ROLLBACK");
            inner.open = false;
        }
        inner.failed = true;
        let written = inner.written;
        self.flushed
            .send_modify(|f| f.attempted = f.attempted.max(written));
    }

    /// Waits until change `number` was committed or failed: `true` when it is in the file.
    pub async fn wait(&self, number: u64) -> bool {
        let mut flushed = self.flushed.subscribe();
        match flushed.wait_for(|f| f.attempted >= number).await {
            Ok(f) => f.durable >= number,
            // The sender lives as long as `self`.
            Err(_) => false,
        }
    }

    /// The committer's loop: commits whenever changes are waiting, until [`stop`](Self::stop).
    /// Run it on a thread of its own: it blocks on file I/O. While it commits, new changes wait
    /// for the connection and then go into the next transaction together.
    pub fn run_committer(&self) {
        let mut inner = lock(&self.inner);
        loop {
            if inner.open {
                if let Err(e) = self.commit_now(&mut inner) {
                    self.log
                        .line(&format!("emulator: {:#}", e.context(self.cannot_save())));
                    self.abandon(&mut inner);
                }
            } else if inner.stop {
                return;
            } else {
                inner = self.wake.wait(inner).unwrap_or_else(|e| e.into_inner());
            }
        }
    }

    /// Tells the committer to commit what is pending and return.
    pub fn stop(&self) {
        lock(&self.inner).stop = true;
        self.wake.notify_one();
    }

    /// Rows written since the file was opened.
    #[cfg(test)]
    pub fn total_changes(&self) -> u64 {
        lock(&self.inner).conn.total_changes()
    }

    fn cannot_save(&self) -> String {
        format!("cannot save the emulator state to {}", self.path.display())
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        // Whatever is still open is committed, so dropping a store loses nothing written.
        if let Err(e) = self.flush() {
            self.log.line(&format!("emulator: {e:#}"));
        }
    }
}

/// Checks that `path` is a state file this emulator can start from, without locking or
/// changing it (a JSON file of an earlier version is read, not migrated).
pub fn check(path: &Path) -> anyhow::Result<()> {
    match kind_of(path)? {
        Kind::Missing => Ok(()),
        Kind::Json => super::persist::load(path).map(|_| ()),
        Kind::Sqlite => {
            let conn =
                Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                    .with_context(|| corrupt(path))?;
            load(&conn).map(|_| ()).with_context(|| corrupt(path))
        }
    }
}

fn corrupt(path: &Path) -> String {
    format!(
        "state file {} is corrupt or from another version; fix or remove it",
        path.display()
    )
}

enum Kind {
    Missing,
    Sqlite,
    /// What versions before the database wrote (or anything else: `persist` says what is
    /// wrong with it).
    Json,
}

fn kind_of(path: &Path) -> anyhow::Result<Kind> {
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Kind::Missing),
        Err(e) => {
            return Err(e).with_context(|| format!("cannot read state file {}", path.display()));
        }
    };
    let mut head = Vec::with_capacity(16);
    file.by_ref()
        .take(16)
        .read_to_end(&mut head)
        .with_context(|| format!("cannot read state file {}", path.display()))?;
    Ok(if head.as_slice() == SQLITE_HEADER {
        Kind::Sqlite
    } else {
        Kind::Json
    })
}

/// The lock file beside the state file, locked; `None` on a file system without locks.
fn lock_for(path: &Path) -> anyhow::Result<Option<File>> {
    let dir = passwordless_fsutil::parent_dir(path);
    let name = path
        .file_name()
        .with_context(|| format!("--state {} has no file name", path.display()))?
        .to_string_lossy()
        .into_owned();
    let lock_path = dir.join(format!(".{name}.lock"));
    let file = passwordless_fsutil::open_lock_file(&lock_path)?;
    match file.try_lock() {
        Ok(()) => {
            // Left by an earlier version killed while saving: they hold secrets.
            passwordless_fsutil::remove_stale_temp_files(dir, &name);
            Ok(Some(file))
        }
        Err(TryLockError::WouldBlock) => bail!(
            "state file {} is in use by another running emulator; stop that one or choose another --state file",
            path.display()
        ),
        Err(TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => Ok(None),
        Err(TryLockError::Error(e)) => {
            Err(e).with_context(|| format!("cannot lock {}", lock_path.display()))
        }
    }
}

/// Opens the database at `path` for this emulator's writes.
fn connect(path: &Path) -> anyhow::Result<Connection> {
    let conn = Connection::open(path)
        .with_context(|| format!("cannot open state file {}", path.display()))?;
    // WAL: a commit appends the changed pages instead of rewriting the database. NORMAL: no
    // fsync per commit; a committed transaction survives the process, which is what an
    // acknowledged change promises. EXCLUSIVE: this process is the file's only user (the lock
    // file says so), so SQLite need not take and release file locks around every transaction.
    // Checkpoints (copying the WAL into the database, with an fsync) every 4,000 pages rather
    // than 1,000: fewer pauses under a stream of writes.
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")
        .and_then(|()| conn.pragma_update(None, "journal_mode", "WAL"))
        .and_then(|()| conn.pragma_update(None, "synchronous", "NORMAL"))
        .and_then(|()| conn.pragma_update(None, "wal_autocheckpoint", 4000))
        .and_then(|()| conn.execute_batch(SCHEMA))
        .with_context(|| format!("cannot prepare state file {}", path.display()))?;
    Ok(conn)
}

/// A new database file, private to its owner (it holds every app's secrets).
fn create(path: &Path) -> anyhow::Result<Connection> {
    passwordless_fsutil::owner_only_options()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("cannot create state file {}", path.display()))?;
    let conn = connect(path)?;
    conn.execute_batch(&format!(
        "INSERT INTO meta VALUES ('format', '{FORMAT_NAME}'), ('version', '{FORMAT_VERSION}');"
    ))
    .with_context(|| format!("cannot prepare state file {}", path.display()))?;
    Ok(conn)
}

/// Turns the JSON state file at `path` (and its journal) into a database in its place. The
/// JSON file is kept beside it as `FILE.v1.json`; the database replaces the file in one rename,
/// so a crash part way leaves either the old file or the new one.
fn migrate(path: &Path, log: &LogSink) -> anyhow::Result<State> {
    let Some(loaded) = super::persist::load(path)? else {
        bail!("state file {} vanished while opening it", path.display());
    };
    let mut state = loaded;
    let mut backup = path.as_os_str().to_owned();
    backup.push(".v1.json");
    std::fs::copy(path, &backup).with_context(|| {
        format!(
            "cannot keep a copy of state file {} before converting it",
            path.display()
        )
    })?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = passwordless_fsutil::parent_dir(path).join(format!(".{name}.migrating"));
    let _ = std::fs::remove_file(&temp);
    let result = (|| -> anyhow::Result<()> {
        passwordless_fsutil::owner_only_options()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        let conn = Connection::open(&temp)?;
        // No WAL while converting: the file is renamed whole once closed.
        conn.execute_batch(SCHEMA)?;
        conn.execute_batch(&format!(
            "INSERT INTO meta VALUES ('format', '{FORMAT_NAME}'), ('version', '{FORMAT_VERSION}');"
        ))?;
        let mut inner = Inner {
            conn,
            settings: HashMap::new(),
            event_marks: HashMap::new(),
            outbox_len: 0,
            failed: false,
            open: false,
            written: 0,
            stop: false,
        };
        write_all(&mut inner, &mut state)?;
        inner.conn.execute_batch("COMMIT")?;
        inner
            .conn
            .close()
            .map_err(|(_, e)| e)
            .context("cannot close the converted state")?;
        std::fs::rename(&temp, path)?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(e).with_context(|| {
            format!(
                "cannot convert state file {} to the database format",
                path.display()
            )
        });
    }
    // Its events are in the database now.
    let _ = std::fs::remove_file(super::journal::path_for(path));
    log.line(&format!(
        "emulator: converted state file {} to the database format; the JSON file is kept as {}",
        path.display(),
        Path::new(&backup).display()
    ));
    Ok(state)
}

fn lock(inner: &Mutex<Inner>) -> MutexGuard<'_, Inner> {
    inner.lock().unwrap_or_else(|e| e.into_inner())
}

/// An app's settings: the app without its users and events, which have rows of their own.
/// They are moved out and back rather than copied (moving is free; a copy of a large app is
/// not), hence the `&mut`.
fn settings_of(app: &mut App) -> anyhow::Result<String> {
    let users = std::mem::take(&mut app.users);
    let events = std::mem::take(&mut app.events);
    let json = serde_json::to_string(app);
    app.users = users;
    app.events = events;
    json.context("cannot serialise an app's settings")
}

fn json<T: serde::Serialize>(value: &T) -> anyhow::Result<String> {
    serde_json::to_string(value).context("cannot serialise the emulator state")
}

fn write_user(
    conn: &Connection,
    app_id: &str,
    user_id: &str,
    user: Option<&User>,
) -> rusqlite::Result<()> {
    match user {
        Some(user) => {
            let data = serde_json::to_string(user)
                .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
            conn.prepare_cached(
                "INSERT INTO users (app, user_id, ord, data) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (app, user_id) DO UPDATE SET ord = excluded.ord, data = excluded.data",
            )?
            .execute(params![app_id, user_id, user.order(), data])?;
        }
        None => {
            conn.prepare_cached("DELETE FROM users WHERE app = ?1 AND user_id = ?2")?
                .execute(params![app_id, user_id])?;
        }
    }
    Ok(())
}

fn write_event(conn: &Connection, app_id: &str, event: &Event) -> rusqlite::Result<()> {
    let data = serde_json::to_string(event)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    conn.prepare_cached("INSERT INTO events (app, data) VALUES (?1, ?2)")?
        .execute(params![app_id, data])?;
    Ok(())
}

fn write_outbox(conn: &Connection, entries: &[OutboxEntry]) -> anyhow::Result<()> {
    let mut insert = conn.prepare_cached("INSERT INTO outbox (data) VALUES (?1)")?;
    for entry in entries {
        insert.execute([json(entry)?])?;
    }
    Ok(())
}

/// Records `state`, just read from the file, as what the file holds.
fn remember(inner: &mut Inner, state: &mut State) -> anyhow::Result<()> {
    for (id, app) in state.apps.iter_mut() {
        inner.settings.insert(id.clone(), settings_of(app)?);
        inner.event_marks.insert(id.clone(), app.events.mark());
        // From now on the app's index records which users change.
        app.users.take_dirty();
    }
    inner.outbox_len = state.outbox.len();
    Ok(())
}

/// Writes the whole state, replacing what the file held, into the open transaction (begun if
/// none is); the caller commits.
fn write_all(inner: &mut Inner, state: &mut State) -> anyhow::Result<()> {
    if !inner.open {
        inner.conn.execute_batch("BEGIN")?;
        inner.open = true;
    }
    let tx = &inner.conn;
    tx.execute_batch(
        "DELETE FROM apps; DELETE FROM users; DELETE FROM events; DELETE FROM outbox;",
    )?;
    let mut settings = HashMap::new();
    let mut marks = HashMap::new();
    for (id, app) in state.apps.iter_mut() {
        let row = settings_of(app)?;
        tx.prepare_cached("INSERT INTO apps (id, settings) VALUES (?1, ?2)")?
            .execute(params![id, row])?;
        settings.insert(id.clone(), row);
        app.users.take_dirty();
        for (user_id, user) in app.users.iter() {
            write_user(tx, id, user_id, Some(user))?;
        }
        let mut result = Ok(());
        app.events.for_each(|event| {
            if result.is_ok() {
                result = write_event(tx, id, event);
            }
        });
        result?;
        marks.insert(id.clone(), app.events.mark());
    }
    write_outbox(tx, &state.outbox)?;
    inner.written += 1;
    inner.failed = false;
    inner.settings = settings;
    inner.event_marks = marks;
    inner.outbox_len = state.outbox.len();
    Ok(())
}

fn write_changes(inner: &mut Inner, state: &mut State, scope: Scope) -> anyhow::Result<()> {
    let tx = &inner.conn;
    let mut new_settings = Vec::new();
    let mut new_marks = Vec::new();
    if scope == Scope::All {
        for (id, app) in state.apps.iter_mut() {
            // The settings row is small: comparing it is cheaper than tracking every field.
            let row = settings_of(app)?;
            if inner.settings.get(id) != Some(&row) {
                tx.prepare_cached(
                    "INSERT INTO apps (id, settings) VALUES (?1, ?2)
                     ON CONFLICT (id) DO UPDATE SET settings = excluded.settings",
                )?
                .execute(params![id, row])?;
                new_settings.push((id.clone(), row));
            }
        }
    }
    if scope >= Scope::Users {
        for (id, app) in state.apps.iter_mut() {
            match app.users.take_dirty() {
                Some(dirty) => {
                    for user_id in dirty {
                        write_user(tx, id, &user_id, app.users.get(&user_id))?;
                    }
                }
                // Not tracked yet (an app created since the last write): all of its users,
                // from now on only the changed ones.
                None => {
                    for (user_id, user) in app.users.iter() {
                        write_user(tx, id, user_id, Some(user))?;
                    }
                }
            }
        }
    }
    if scope == Scope::All {
        let gone: Vec<String> = inner
            .settings
            .keys()
            .filter(|id| !state.apps.contains_key(*id))
            .cloned()
            .collect();
        for id in &gone {
            for table in ["apps WHERE id", "users WHERE app", "events WHERE app"] {
                tx.execute(&format!("DELETE FROM {table} = ?1"), [id])?;
            }
        }
        let saved = inner.outbox_len;
        if state.outbox.len() < saved {
            tx.execute("DELETE FROM outbox", [])?;
            write_outbox(tx, &state.outbox)?;
        } else {
            write_outbox(tx, &state.outbox[saved..])?;
        }
        for id in gone {
            inner.settings.remove(&id);
            inner.event_marks.remove(&id);
        }
    }
    for (id, app) in state.apps.iter_mut() {
        let mark = app.events.mark();
        let saved = inner.event_marks.get(id).copied().unwrap_or(0);
        if mark == saved {
            continue;
        }
        let mut result = Ok(());
        app.events.added_since(saved, |event| {
            if result.is_ok() {
                result = write_event(tx, id, event);
            }
        });
        result?;
        if mark / PRUNE_EVERY != saved / PRUNE_EVERY {
            tx.prepare_cached(
                "DELETE FROM events WHERE app = ?1 AND id NOT IN
                 (SELECT id FROM events WHERE app = ?1 ORDER BY id DESC LIMIT ?2)",
            )?
            .execute(params![id, MAX_EVENTS as i64])?;
        }
        new_marks.push((id.clone(), mark));
    }
    inner.settings.extend(new_settings);
    inner.event_marks.extend(new_marks);
    inner.outbox_len = state.outbox.len();
    Ok(())
}

/// Reads the whole state from the database.
fn load(conn: &Connection) -> anyhow::Result<State> {
    let meta = |key: &str| -> anyhow::Result<Option<String>> {
        Ok(conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    };
    let format = meta("format").context("not an emulator state file")?;
    if format.as_deref() != Some(FORMAT_NAME) {
        bail!("not an emulator state file (format {format:?})");
    }
    let version = meta("version")?.unwrap_or_default();
    if version != FORMAT_VERSION.to_string() {
        bail!(
            "state file version {version} is not supported (this emulator writes version {FORMAT_VERSION})"
        );
    }
    let mut state = State::default();
    let mut apps = conn.prepare("SELECT id, settings FROM apps")?;
    let mut rows = apps.query([])?;
    while let Some(row) = rows.next()? {
        let id: String = row.get(0)?;
        let settings: String = row.get(1)?;
        let mut app: App = serde_json::from_str(&settings)
            .with_context(|| format!("the settings of app {id:?} are not readable"))?;
        // A hand-edited file may have lost the signing keys; minting needs one.
        if app.signing_keys.is_empty() {
            app.signing_keys = App::new(&app.id, app.created_at).signing_keys;
        }
        app.id = id.clone();
        state.apps.insert(id, app);
    }
    let mut users = conn.prepare("SELECT app, user_id, data FROM users ORDER BY app, ord")?;
    let mut rows = users.query([])?;
    while let Some(row) = rows.next()? {
        let app_id: String = row.get(0)?;
        let user_id: String = row.get(1)?;
        let data: String = row.get(2)?;
        let user: User = serde_json::from_str(&data)
            .with_context(|| format!("user {user_id:?} of app {app_id:?} is not readable"))?;
        if let Some(app) = state.apps.get_mut(&app_id) {
            app.users.restore(&user_id, user);
        }
    }
    let mut events = conn.prepare(
        "SELECT data FROM (SELECT id, data FROM events WHERE app = ?1 ORDER BY id DESC LIMIT ?2)
         ORDER BY id",
    )?;
    for (id, app) in state.apps.iter_mut() {
        let mut rows = events.query(params![id, MAX_EVENTS as i64])?;
        while let Some(row) = rows.next()? {
            let data: String = row.get(0)?;
            let event: Event = serde_json::from_str(&data).context("an event is not readable")?;
            app.events.push(event);
        }
    }
    let mut outbox = conn.prepare("SELECT data FROM outbox ORDER BY id")?;
    let mut rows = outbox.query([])?;
    while let Some(row) = rows.next()? {
        let data: String = row.get(0)?;
        state
            .outbox
            .push(serde_json::from_str(&data).context("an outbox e-mail is not readable")?);
    }
    Ok(state)
}
