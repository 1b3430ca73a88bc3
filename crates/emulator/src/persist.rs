//! The JSON state files that versions before the database wrote for `--state FILE` (format
//! version 1: a versioned JSON wrapper around [`State`], continued by the events of its
//! journal, see `journal`). They are only read now: `store` converts such a file into the
//! database on first open. A corrupt or foreign file is an error naming the file, never
//! discarded. Also the RFC 3339 (de)serialisers of the state's timestamps.

use std::path::Path;

use anyhow::{Context, bail};
use serde::Deserialize;

use super::journal;
use super::state::State;

/// The version of the JSON state file.
const FORMAT_VERSION: u32 = 1;

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

const FORMAT_NAME: &str = "passwordless-emulator-state";

/// A version 1 file, as earlier versions wrote it (the tests make them to convert).
#[cfg(test)]
pub fn to_bytes(state: &State, epoch: u64) -> anyhow::Result<Vec<u8>> {
    #[derive(serde::Serialize)]
    struct FileOut<'a> {
        format: &'static str,
        version: u32,
        epoch: u64,
        state: &'a State,
    }
    let file = FileOut {
        format: FORMAT_NAME,
        version: FORMAT_VERSION,
        epoch,
        state,
    };
    let mut bytes = serde_json::to_vec_pretty(&file).context("cannot serialise the state")?;
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
            "state file version {} is not supported (this emulator reads JSON version {FORMAT_VERSION})",
            file.version
        );
    }
    let mut state = file.state;
    for app in state.apps.values_mut() {
        // A hand-edited file may have lost the signing keys; minting needs one.
        if app.signing_keys.is_empty() {
            app.signing_keys = crate::state::App::new(&app.id, app.created_at).signing_keys;
        }
    }
    Ok((state, file.epoch))
}

/// Reads a JSON state file and its journal; `Ok(None)` when there is no file.
pub fn load(path: &Path) -> anyhow::Result<Option<State>> {
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
    Ok(Some(state))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EmulatorConfig;
    use crate::state::{KeyKind, initial};

    #[test]
    fn state_round_trips_through_the_file_format() {
        let now = time::OffsetDateTime::now_utc();
        let mut state = initial(&EmulatorConfig::default());
        let app = state.apps.get_mut("devapp").expect("dev app");
        app.new_key(KeyKind::Secret, vec!["token_register".into()], now);
        app.features.event_logging_enabled = true;
        crate::events::By::of(app, "abcd", now).aliases_set("alice");
        app.magic_links_sent.push(now);
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
