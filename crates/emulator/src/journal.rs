//! The `--state` file's journal (`FILE.journal`): the events recorded since the last snapshot,
//! one JSON line each, so a request whose only change is an event (a registration or sign-in
//! token minted with event logging on) costs one small append instead of a whole snapshot of a
//! large state. Its first line names the snapshot epoch it continues: a journal of another epoch
//! (left by a crash between writing a snapshot and starting that snapshot's journal) is already
//! in the snapshot and is ignored. A last line without its newline was never acknowledged (the
//! answer waits for the append) and is dropped.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

use super::state::{Event, State};

const FORMAT_NAME: &str = "passwordless-emulator-journal";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    format: String,
    epoch: u64,
}

#[derive(Serialize)]
struct LineOut<'a> {
    app: &'a str,
    event: &'a Event,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LineIn {
    app: String,
    event: Event,
}

/// The journal beside a state file: `FILE.journal`.
pub fn path_for(state_file: &Path) -> PathBuf {
    let mut name = state_file.as_os_str().to_owned();
    name.push(".journal");
    PathBuf::from(name)
}

/// Appends the journal line recording `event` of app `app_id` to `out`.
pub fn encode(app_id: &str, event: &Event, out: &mut Vec<u8>) {
    // Plain data with string keys: serialising it cannot fail.
    if serde_json::to_writer(&mut *out, &LineOut { app: app_id, event }).is_ok() {
        out.push(b'\n');
    }
}

/// Adds the events of the journal at `path` to `state` when it continues snapshot `epoch`;
/// returns how many it added. A missing journal adds none.
pub fn replay(path: &Path, epoch: u64, state: &mut State) -> anyhow::Result<usize> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let corrupt = || {
        format!(
            "state journal {} is corrupt; fix or remove it (the events since the last snapshot are lost with it)",
            path.display()
        )
    };
    let mut lines = bytes.split_inclusive(|&b| b == b'\n');
    let Some(first) = lines.next().filter(|l| l.ends_with(b"\n")) else {
        return Ok(0);
    };
    let header: Header = serde_json::from_slice(first).with_context(corrupt)?;
    if header.format != FORMAT_NAME {
        bail!(
            "{}: not a state journal (format {:?})",
            corrupt(),
            header.format
        );
    }
    if header.epoch != epoch {
        return Ok(0);
    }
    let mut added = 0;
    for line in lines.filter(|l| l.ends_with(b"\n")) {
        let LineIn { app, event } = serde_json::from_slice(line).with_context(corrupt)?;
        // An app deleted later was saved in a snapshot without it: nothing to add to.
        if let Some(app) = state.apps.get_mut(&app) {
            app.events.push(event);
            added += 1;
        }
    }
    Ok(added)
}

/// An open journal, appended to by the emulator's save thread only.
pub struct Journal {
    file: File,
    len: u64,
}

impl Journal {
    /// Starts an empty journal continuing snapshot `epoch`, replacing the one there atomically.
    pub fn start(path: &Path, epoch: u64) -> anyhow::Result<Journal> {
        let mut header = serde_json::to_vec(&Header {
            format: FORMAT_NAME.to_owned(),
            epoch,
        })
        .context("cannot encode the journal header")?;
        header.push(b'\n');
        passwordless_fsutil::write_atomically(path, &header)?;
        let file = OpenOptions::new()
            .append(true)
            .open(path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        Ok(Journal { file, len: 0 })
    }

    /// Appends whole lines. Written to the file before the requests are answered, so a killed
    /// emulator loses none of them; a power cut can lose those since the last snapshot.
    pub fn append(&mut self, lines: &[u8]) -> std::io::Result<()> {
        self.file.write_all(lines)?;
        self.len += lines.len() as u64;
        Ok(())
    }

    /// Bytes of events appended since the journal started.
    pub fn len(&self) -> u64 {
        self.len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(message: &str) -> Event {
        Event {
            performed_at: time::OffsetDateTime::UNIX_EPOCH,
            message: message.to_owned(),
            performed_by: "42".to_owned(),
            event_type: "ApiAuthUserRegistered".into(),
            severity: "Informational".into(),
            subject: "devapp".to_owned(),
            api_key_id: "cdef".to_owned(),
        }
    }

    fn state_with_app() -> State {
        let mut state = State::default();
        state
            .apps
            .insert("devapp".into(), crate::state::App::new("devapp"));
        state
    }

    #[test]
    fn events_of_the_same_epoch_are_replayed_and_a_torn_last_line_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json.journal");
        let mut journal = Journal::start(&path, 7).unwrap();
        let mut lines = Vec::new();
        encode("devapp", &event("one"), &mut lines);
        encode("devapp", &event("two"), &mut lines);
        encode("gone", &event("of a deleted app"), &mut lines);
        journal.append(&lines).unwrap();
        journal
            .append(br#"{"app":"devapp","event":{"perf"#)
            .unwrap();

        let mut state = state_with_app();
        assert_eq!(replay(&path, 7, &mut state).unwrap(), 2);
        let messages: Vec<_> = state.apps["devapp"]
            .events
            .to_vec()
            .into_iter()
            .map(|e| e.message)
            .collect();
        assert_eq!(messages, ["one", "two"]);

        // Another epoch: already in the snapshot.
        let mut state = state_with_app();
        assert_eq!(replay(&path, 8, &mut state).unwrap(), 0);
        assert!(state.apps["devapp"].events.is_empty());
    }

    #[test]
    fn a_corrupt_line_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json.journal");
        let mut journal = Journal::start(&path, 1).unwrap();
        journal.append(b"not json\n").unwrap();
        let err = replay(&path, 1, &mut state_with_app()).unwrap_err();
        assert!(
            format!("{err:#}").contains("s.json.journal is corrupt"),
            "{err:#}"
        );
    }

    #[test]
    fn starting_a_journal_replaces_the_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json.journal");
        let mut journal = Journal::start(&path, 1).unwrap();
        let mut lines = Vec::new();
        encode("devapp", &event("old"), &mut lines);
        journal.append(&lines).unwrap();
        assert_eq!(journal.len(), lines.len() as u64);
        let journal = Journal::start(&path, 2).unwrap();
        assert_eq!(journal.len(), 0);
        let mut state = state_with_app();
        assert_eq!(replay(&path, 2, &mut state).unwrap(), 0);
        assert_eq!(replay(&path, 1, &mut state).unwrap(), 0);
    }
}
