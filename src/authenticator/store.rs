//! The authenticator file: the passkeys this CLI holds, private keys included, as JSON in a
//! 0600 file (by default `passkeys.json` in the config folder). Writes are atomic and happen
//! under an exclusive lock, so two runs at once cannot lose a key or reuse a sign counter. A
//! file that others can read, or that does not parse, is an error naming it — never replaced.

use std::fmt;
use std::fs::File;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use p256::ecdsa::SigningKey;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Value, json};

use super::{b64url, from_b64url};
use crate::error::CliError;
use crate::fsutil;

pub const FILE_NAME: &str = "passkeys.json";
const VERSION: u32 = 1;

/// The file's folder default: beside `config.toml`.
pub fn default_path(config_dir: &Path) -> PathBuf {
    config_dir.join(FILE_NAME)
}

/// A P-256 private key. Serialised as the base64url scalar (only into the 0600 file); `Debug`
/// shows nothing of it.
#[derive(Clone)]
pub struct PrivateKey(SigningKey);

impl PrivateKey {
    pub fn new(key: SigningKey) -> PrivateKey {
        PrivateKey(key)
    }

    pub fn signing_key(&self) -> &SigningKey {
        &self.0
    }
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PrivateKey(****)")
    }
}

impl Serialize for PrivateKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&b64url(&self.0.to_bytes()))
    }
}

impl<'de> Deserialize<'de> for PrivateKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let bytes = from_b64url(&text)
            .ok_or_else(|| serde::de::Error::custom("privateKey is not base64url"))?;
        SigningKey::from_slice(&bytes)
            .map(PrivateKey)
            .map_err(|_| serde::de::Error::custom("privateKey is not a P-256 private key"))
    }
}

/// One passkey: what a platform authenticator keeps for a discoverable credential, plus where
/// it was registered, for `passkey list`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StoredCredential {
    /// base64url, as `credentials list` shows it.
    pub credential_id: String,
    pub rp_id: String,
    /// base64url of the user handle (the UTF-8 bytes of the user id for Passwordless.dev).
    pub user_handle: String,
    pub user_name: String,
    pub display_name: String,
    pub private_key: PrivateKey,
    pub sign_count: u32,
    pub aaguid: String,
    /// `none` or `packed`.
    pub attestation: String,
    pub origin: String,
    /// The API it was registered with, and the app of the public key used.
    pub api_url: String,
    pub app_id: String,
    pub nickname: Option<String>,
    pub created_at: String,
    pub last_used_at: Option<String>,
}

impl StoredCredential {
    /// The user id the handle carries (Passwordless.dev handles are UTF-8 user ids).
    pub fn user_id(&self) -> String {
        from_b64url(&self.user_handle)
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .unwrap_or_default()
    }

    /// What `passkey list --json` shows: everything but the private key.
    pub fn public_view(&self) -> Value {
        json!({
            "credentialId": self.credential_id,
            "rpId": self.rp_id,
            "userId": self.user_id(),
            "userName": self.user_name,
            "displayName": self.display_name,
            "nickname": self.nickname,
            "signCount": self.sign_count,
            "aaguid": self.aaguid,
            "attestation": self.attestation,
            "origin": self.origin,
            "apiUrl": self.api_url,
            "appId": self.app_id,
            "createdAt": self.created_at,
            "lastUsedAt": self.last_used_at,
        })
    }

    /// The most recent use, or the registration: the default choice among several passkeys.
    pub fn recency(&self) -> &str {
        self.last_used_at.as_deref().unwrap_or(&self.created_at)
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct StoreFile {
    version: u32,
    credentials: Vec<StoredCredential>,
}

/// The opened file. Opened for writing, it holds the lock until dropped.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    pub credentials: Vec<StoredCredential>,
    _lock: Option<File>,
}

impl Store {
    /// Reads the file for a look only (a missing file holds no passkeys).
    pub fn read(path: &Path) -> anyhow::Result<Store> {
        Ok(Store {
            path: path.to_owned(),
            credentials: load(path)?,
            _lock: None,
        })
    }

    /// Locks the file against other writers, then reads it. Keep the `Store` until the last
    /// `save`.
    pub fn open_for_update(path: &Path) -> anyhow::Result<Store> {
        let lock = lock(path)?;
        Ok(Store {
            path: path.to_owned(),
            credentials: load(path)?,
            _lock: Some(lock),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes the whole file atomically with mode 0600.
    pub fn save(&self) -> anyhow::Result<()> {
        debug_assert!(self._lock.is_some(), "saving a store opened read-only");
        let file = StoreFile {
            version: VERSION,
            credentials: self.credentials.clone(),
        };
        let mut text = serde_json::to_string_pretty(&file)?;
        text.push('\n');
        fsutil::write_atomically(&self.path, text.as_bytes())
    }
}

fn invalid(path: &Path, why: impl fmt::Display) -> anyhow::Error {
    CliError::Usage(format!(
        "the authenticator file {} is not valid ({why}); fix it, or use another with --authenticator-file",
        path.display()
    ))
    .into()
}

fn load(path: &Path) -> anyhow::Result<Vec<StoredCredential>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => {
            return Err(err)
                .with_context(|| format!("cannot read the authenticator file {}", path.display()));
        }
    };
    check_private(path)?;
    let file: StoreFile = serde_json::from_str(&text).map_err(|e| invalid(path, e))?;
    if file.version != VERSION {
        return Err(invalid(
            path,
            format!(
                "version {} is not known to this CLI, which reads version {VERSION}",
                file.version
            ),
        ));
    }
    Ok(file.credentials)
}

/// Private keys readable by others are refused, as ssh refuses such a key.
fn check_private(path: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .with_context(|| format!("cannot read {}", path.display()))?
            .permissions()
            .mode()
            & 0o777;
        if mode & 0o077 != 0 {
            return Err(CliError::Usage(format!(
                "the authenticator file {} holds private keys but other users can access it (mode {mode:04o}); run `chmod 600 {}`",
                path.display(),
                path.display()
            ))
            .into());
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// An exclusive lock on a sibling `.NAME.lock` file, released when the handle is dropped.
fn lock(path: &Path) -> anyhow::Result<File> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    fsutil::create_private_dir(&dir)?;
    let name = path
        .file_name()
        .context("the authenticator file path has no file name")?
        .to_string_lossy();
    let lock_path = dir.join(format!(".{name}.lock"));
    let mut options = std::fs::OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options
        .open(&lock_path)
        .with_context(|| format!("cannot open {}", lock_path.display()))?;
    file.lock()
        .with_context(|| format!("cannot lock {}", lock_path.display()))?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credential() -> StoredCredential {
        StoredCredential {
            credential_id: "AQID".into(),
            rp_id: "localhost".into(),
            user_handle: b64url(b"alice"),
            user_name: "alice".into(),
            display_name: "Alice".into(),
            private_key: PrivateKey::new(SigningKey::from_slice(&[7u8; 32]).unwrap()),
            sign_count: 3,
            aaguid: "00000000-0000-0000-0000-000000000000".into(),
            attestation: "none".into(),
            origin: "http://localhost".into(),
            api_url: "http://127.0.0.1:7001".into(),
            app_id: "devapp".into(),
            nickname: None,
            created_at: "2026-01-01T00:00:00Z".into(),
            last_used_at: None,
        }
    }

    #[test]
    fn round_trips_privately_and_never_shows_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join(FILE_NAME);
        let mut store = Store::open_for_update(&path).unwrap();
        assert!(store.credentials.is_empty());
        store.credentials.push(credential());
        store.save().unwrap();
        drop(store);

        let again = Store::read(&path).unwrap();
        assert_eq!(again.credentials.len(), 1);
        let read = &again.credentials[0];
        assert_eq!(
            read.private_key.signing_key().to_bytes().as_slice(),
            [7u8; 32]
        );
        assert_eq!(read.user_id(), "alice");
        assert!(!format!("{read:?}").contains(&b64url(&[7u8; 32])));
        assert!(read.public_view().get("privateKey").is_none());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
    }

    #[cfg(unix)]
    #[test]
    fn refuses_a_file_others_can_read() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, r#"{"version":1,"credentials":[]}"#).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let err = Store::read(&path).unwrap_err().to_string();
        assert!(err.contains("chmod 600"), "{err}");
    }

    #[test]
    fn a_broken_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        fsutil::write_atomically(&path, b"{\"version\":2,\"credentials\":[]}").unwrap();
        let err = Store::read(&path).unwrap_err().to_string();
        assert!(err.contains("version 2"), "{err}");
        fsutil::write_atomically(&path, b"[").unwrap();
        let err = Store::read(&path).unwrap_err().to_string();
        assert!(
            err.contains(FILE_NAME) && err.contains("not valid"),
            "{err}"
        );
    }
}
