//! The configuration file: named profiles in TOML under the user's config directory. It never
//! holds a secret. Writes are atomic (temp file + rename) and private (0600), so a crash or a
//! full disk cannot leave a half-written file behind, and every change is a read-modify-write
//! under an exclusive lock ([`update`]), so concurrent runs never drop each other's changes.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use serde::{Deserialize, Serialize};

use crate::error::CliError;
use crate::fsutil::{create_private_dir, lock_exclusive, parent_dir, write_atomically};

pub const DEFAULT_PROFILE: &str = "default";
pub const DEFAULT_BASE_URL: &str = "https://v4.passwordless.dev";
const FILE_NAME: &str = "config.toml";

#[derive(Debug, Default, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Profile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    /// A store name of `keyring_store::StoreKind`, e.g. `keyutils` or `insecure-file`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keyring_store: Option<String>,
    /// The app's public API key (`<app>:public:…`) for the passkey commands; not a secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key: Option<String>,
    /// A PEM file of a private CA, trusted besides the platform's roots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_cert: Option<String>,
}

/// The folder holding `config.toml`: `PASSWORDLESS_CONFIG_DIR`, else the platform's config dir.
pub fn config_dir(env_override: Option<&Path>) -> anyhow::Result<PathBuf> {
    if let Some(dir) = env_override {
        return Ok(dir.to_owned());
    }
    directories::ProjectDirs::from("dev", "passwordless", "passwordless")
        .map(|dirs| dirs.config_dir().to_owned())
        .context("cannot find a home directory for the config file; set PASSWORDLESS_CONFIG_DIR")
}

pub fn config_path(dir: &Path) -> PathBuf {
    dir.join(FILE_NAME)
}

/// Reads the file; a missing file is an empty configuration, a broken one is an error that
/// names the file and the problem (never silently replaced).
pub fn load(path: &Path) -> anyhow::Result<ConfigFile> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(ConfigFile::default()),
        Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
    };
    parse(&text, path)
}

/// The file's text as a configuration; `path` names it in the error.
fn parse(text: &str, path: &Path) -> anyhow::Result<ConfigFile> {
    toml::from_str(text).map_err(|err| {
        CliError::Usage(format!(
            "the config file {} is not valid: {}; fix or delete it",
            path.display(),
            err.message()
        ))
        .into()
    })
}

/// Loads the file, lets `change` edit it and saves it, all under an exclusive lock on a sibling
/// lock file: the only way the CLI changes the config file. `change` returns whether anything
/// changed (nothing is written otherwise) and a value for the caller.
pub fn update<T>(
    path: &Path,
    change: impl FnOnce(&mut ConfigFile) -> anyhow::Result<(bool, T)>,
) -> anyhow::Result<T> {
    let _lock = lock_exclusive(&lock_path(path))?;
    let mut file = load(path)?;
    let (changed, value) = change(&mut file)?;
    if changed {
        save(path, &file)?;
    }
    Ok(value)
}

/// `.config.toml.lock` next to the file. The lock is on this file, never on the config file
/// itself, because the atomic rename replaces the config file's inode.
pub fn lock_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| FILE_NAME.to_owned());
    parent_dir(path).join(format!(".{name}.lock"))
}

/// Writes the file atomically with mode 0600 in a 0700 folder. Callers outside this module go
/// through [`update`], which holds the lock.
fn save(path: &Path, config: &ConfigFile) -> anyhow::Result<()> {
    create_private_dir(parent_dir(path))?;
    // Under the lock: a writer killed before its rename left its temp file behind.
    if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
        crate::fsutil::remove_stale_temp_files(parent_dir(path), name);
    }
    let text = toml::to_string_pretty(config)?;
    write_atomically(path, text.as_bytes())
}

/// Profile names become keyring entry names and TOML keys: keep them simple.
pub fn validate_profile_name(name: &str) -> anyhow::Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !ok {
        bail!(CliError::Usage(format!(
            "`{name}` is not a valid profile name; use 1 to 64 letters, digits, `-` or `_`"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = config_path(&dir.path().join("nested"));
        let mut config = ConfigFile::default();
        config.profiles.insert(
            "work".into(),
            Profile {
                base_url: Some("https://example.com".into()),
                keyring_store: None,
                public_key: Some("app:public:0123456789abcdef0123456789abcdef".into()),
                ca_cert: None,
            },
        );
        let expected = config.clone();
        update(&path, |file| {
            *file = config;
            Ok((true, ()))
        })
        .unwrap();
        assert_eq!(load(&path).unwrap(), expected);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let leftovers: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .map(|e| e.file_name())
            .collect();
        assert!(leftovers.is_empty());
    }

    /// A killed writer's temp file (a whole copy of the config) goes at the next write.
    #[test]
    fn a_killed_writers_temp_file_goes_at_the_next_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = config_path(dir.path());
        let stale = dir.path().join(format!(".{FILE_NAME}.999.3.tmp"));
        fs::write(&stale, "[profiles.x]").unwrap();
        update(&path, |_| Ok((true, ()))).unwrap();
        assert!(!stale.exists());
    }

    #[test]
    fn missing_file_is_empty_and_broken_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = config_path(dir.path());
        assert_eq!(load(&path).unwrap(), ConfigFile::default());
        fs::write(&path, "profiles = 3").unwrap();
        let message = load(&path).unwrap_err().to_string();
        assert!(message.contains("is not valid"), "{message}");
    }

    proptest::proptest! {
        #[test]
        fn no_config_text_panics(text in "[\\[\\]a-z=\"'.\\- \n0-9{}]{0,96}", bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..128)) {
            let _ = parse(&text, Path::new("config.toml"));
            let _ = parse(&String::from_utf8_lossy(&bytes), Path::new("config.toml"));
        }
    }

    #[test]
    fn profile_names() {
        assert!(validate_profile_name("work-2").is_ok());
        assert!(validate_profile_name("").is_err());
        assert!(validate_profile_name("a b").is_err());
        assert!(validate_profile_name("../x").is_err());
    }
}
