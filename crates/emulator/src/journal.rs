//! The journal of a JSON state file of format version 1 (`FILE.journal`), read once when
//! `store` converts the file: the events recorded since the file's snapshot, one JSON line each.
//! Its first line names the snapshot epoch it continues. A journal of another epoch is refused
//! with an error naming both files rather than dropped: its events may be in the snapshot (a
//! crash between writing a snapshot and starting its journal) or not (a file restored from a
//! backup), and only the user can tell. A last line without its newline was never acknowledged
//! (the answer waited for the append) and is dropped.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::Deserialize;

use super::state::{Event, State};

const FORMAT_NAME: &str = "passwordless-emulator-journal";

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
#[serde(deny_unknown_fields)]
struct Header {
    format: String,
    epoch: u64,
}

#[cfg(test)]
#[derive(serde::Serialize)]
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
#[cfg(test)]
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
        bail!(
            "state journal {} continues epoch {} but its state file is at epoch {epoch}; if the \
             state file is the newer one its events are in it already: remove the journal, or \
             put back the state file it belongs to",
            path.display(),
            header.epoch
        );
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

/// Writes a journal as version 1 did: its header, then `lines`.
#[cfg(test)]
pub fn write(path: &Path, epoch: u64, lines: &[u8]) -> anyhow::Result<()> {
    let mut bytes = serde_json::to_vec(&Header {
        format: FORMAT_NAME.to_owned(),
        epoch,
    })?;
    bytes.push(b'\n');
    bytes.extend_from_slice(lines);
    std::fs::write(path, bytes)?;
    Ok(())
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
        let app = crate::state::App::new("devapp", time::OffsetDateTime::UNIX_EPOCH);
        state.apps.insert("devapp".into(), app);
        state
    }

    #[test]
    fn events_of_the_same_epoch_are_replayed_and_a_torn_last_line_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json.journal");
        let mut lines = Vec::new();
        encode("devapp", &event("one"), &mut lines);
        encode("devapp", &event("two"), &mut lines);
        encode("gone", &event("of a deleted app"), &mut lines);
        lines.extend_from_slice(br#"{"app":"devapp","event":{"perf"#);
        write(&path, 7, &lines).unwrap();

        let mut state = state_with_app();
        assert_eq!(replay(&path, 7, &mut state).unwrap(), 2);
        let messages: Vec<_> = state.apps["devapp"]
            .events
            .to_vec()
            .into_iter()
            .map(|e| e.message)
            .collect();
        assert_eq!(messages, ["one", "two"]);
    }

    /// Regression: a journal of another epoch was dropped without a word, losing its events
    /// when the state file was older than the journal.
    #[test]
    fn a_journal_of_another_epoch_is_refused_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json.journal");
        let mut lines = Vec::new();
        encode("devapp", &event("one"), &mut lines);
        write(&path, 7, &lines).unwrap();
        let mut state = state_with_app();
        let err = replay(&path, 8, &mut state).unwrap_err();
        let text = format!("{err:#}");
        assert!(text.contains("s.json.journal continues epoch 7"), "{text}");
        assert!(text.contains("at epoch 8"), "{text}");
        assert!(state.apps["devapp"].events.is_empty());
    }

    #[test]
    fn a_corrupt_line_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json.journal");
        write(&path, 1, b"not json\n").unwrap();
        let err = replay(&path, 1, &mut state_with_app()).unwrap_err();
        assert!(
            format!("{err:#}").contains("s.json.journal is corrupt"),
            "{err:#}"
        );
    }
}
