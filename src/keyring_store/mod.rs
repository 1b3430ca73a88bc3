//! Where secrets rest between runs: the OS credential store (Secret Service over D-Bus or the
//! kernel keyring on Linux, the Keychain on macOS, the Credential Manager on Windows), or — only
//! when the user asks for it by name — a private file. The store is chosen once per run, every
//! call is bounded in time, and an unreachable keyring is an error that names the ways out, never
//! a silent fallback to plaintext. Which stores exist on which OS is `kind`'s; only
//! `open_os_store` here is compiled per OS.

mod kind;

use std::path::PathBuf;
use std::sync::mpsc;

use crate::error::CliError;
use crate::fsutil::{create_private_dir, write_atomically};
pub use kind::StoreKind;
use kind::{call_timeout, ways_out};

/// The service name of every entry; the account is the profile name. Keychain items show it as
/// their name, the Credential Manager as `<profile>.passwordless-cli`.
pub const SERVICE: &str = "passwordless-cli";
pub const INSECURE_FILE: &str = "secrets.insecure.toml";

/// Which secret of a profile an entry holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    ApiSecret,
    ManagementKey,
}

/// One secret of one profile in one store.
#[derive(Debug, Clone)]
pub struct SecretEntry {
    kind: StoreKind,
    item: Item,
    /// Whether `PASSWORDLESS_KEYRING_STORE` chose the store: a profile setting would not
    /// win over it, so the hint must say to unset it.
    env_chosen: bool,
    profile: String,
    account: String,
    config_dir: PathBuf,
}

impl SecretEntry {
    pub fn new(kind: StoreKind, profile: &str, item: Item, config_dir: PathBuf) -> SecretEntry {
        let account = match item {
            Item::ApiSecret => profile.to_owned(),
            Item::ManagementKey => format!("{profile}:management-key"),
        };
        SecretEntry {
            kind,
            item,
            env_chosen: false,
            profile: profile.to_owned(),
            account,
            config_dir,
        }
    }

    /// Fails, with the ways out, when the store cannot be used right now: one real read of this
    /// entry (the OS stores) or of the secrets file (`insecure-file`), which creates nothing.
    /// Run before asking anyone to paste a secret, and by `doctor`.
    pub fn check_reachable(&self) -> anyhow::Result<()> {
        self.read().map(|_| ())
    }

    fn unreachable(&self, failure: StoreFailure) -> anyhow::Error {
        let item_env = match self.item {
            Item::ApiSecret => crate::env::API_SECRET,
            Item::ManagementKey => crate::env::MANAGEMENT_KEY,
        };
        let profile_flag = if self.profile == crate::config::DEFAULT_PROFILE {
            String::new()
        } else {
            format!(" --profile {}", self.profile)
        };
        let mut error = failure.into_cli(self.kind, item_env, &profile_flag);
        if self.env_chosen
            && let CliError::Auth(message) = &mut error
        {
            message.push_str(&format!(
                "; then unset {}: it chose this store, and it wins over the profile's setting",
                crate::env::KEYRING_STORE
            ));
        }
        error.into()
    }

    /// Marks the store as chosen by `PASSWORDLESS_KEYRING_STORE`, for the unreachable hint.
    pub fn chosen_by_env(mut self, yes: bool) -> SecretEntry {
        self.env_chosen = yes;
        self
    }

    pub fn kind(&self) -> StoreKind {
        self.kind
    }

    /// The stored value, or `None` when nothing is stored for this profile.
    pub fn read(&self) -> anyhow::Result<Option<String>> {
        match self.kind {
            StoreKind::InsecureFile => Ok(self.read_file()?.remove(&self.account)),
            _ => {
                let entry = self.os_entry()?;
                match bounded(self.kind, move || entry.get_password()) {
                    Ok(value) => Ok(Some(value)),
                    Err(StoreFailure::Keyring(keyring_core::Error::NoEntry)) => Ok(None),
                    Err(other) => Err(self.unreachable(other)),
                }
            }
        }
    }

    pub fn write(&self, value: &str) -> anyhow::Result<()> {
        match self.kind {
            StoreKind::InsecureFile => {
                let _lock = self.lock_file()?;
                let mut secrets = self.read_file()?;
                secrets.insert(self.account.clone(), value.to_owned());
                self.write_file(&secrets)
            }
            _ => {
                let entry = self.os_entry()?;
                let value = value.to_owned();
                bounded(self.kind, move || entry.set_password(&value))
                    .map_err(|e| self.unreachable(e))
            }
        }
    }

    /// Removes the entry; `false` when there was none.
    pub fn delete(&self) -> anyhow::Result<bool> {
        match self.kind {
            StoreKind::InsecureFile => {
                let _lock = self.lock_file()?;
                // Even with no entry to remove: a writer killed while storing this very secret
                // left it in a temp file, never in the secrets file.
                crate::fsutil::remove_stale_temp_files(&self.config_dir, INSECURE_FILE);
                let mut secrets = self.read_file()?;
                let existed = secrets.remove(&self.account).is_some();
                if existed {
                    self.write_file(&secrets)?;
                }
                Ok(existed)
            }
            _ => {
                let entry = self.os_entry()?;
                match bounded(self.kind, move || entry.delete_credential()) {
                    Ok(()) => Ok(true),
                    Err(StoreFailure::Keyring(keyring_core::Error::NoEntry)) => Ok(false),
                    Err(other) => Err(self.unreachable(other)),
                }
            }
        }
    }

    fn os_entry(&self) -> anyhow::Result<keyring_core::Entry> {
        let kind = self.kind;
        let account = self.account.clone();
        bounded(kind, move || {
            let store = open_os_store(kind)?;
            keyring_core::Entry::new_in_store(&store, SERVICE, &account)
        })
        .map_err(|e| self.unreachable(e))
    }

    /// An exclusive lock around read-modify-write of the secrets file, so two runs storing
    /// secrets of different profiles at once cannot drop one of them. Released on drop. A dot
    /// file, like the config file's lock: it holds nothing and should not clutter the folder.
    fn lock_file(&self) -> anyhow::Result<std::fs::File> {
        crate::fsutil::lock_exclusive(&self.config_dir.join(format!(".{INSECURE_FILE}.lock")))
    }

    fn file_path(&self) -> PathBuf {
        self.config_dir.join(INSECURE_FILE)
    }

    fn read_file(&self) -> anyhow::Result<std::collections::BTreeMap<String, String>> {
        let path = self.file_path();
        match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).map_err(|err| {
                CliError::Auth(format!(
                    "the secrets file {} is not valid ({}); delete it and run `passwordless config set-secret` again",
                    path.display(),
                    err.message()
                ))
                .into()
            }),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Default::default()),
            Err(err) => Err(anyhow::Error::new(err)
                .context(format!("cannot read the secrets file {}", path.display()))),
        }
    }

    fn write_file(
        &self,
        secrets: &std::collections::BTreeMap<String, String>,
    ) -> anyhow::Result<()> {
        create_private_dir(&self.config_dir)?;
        // Called under the file's lock, so any temp file of it is a killed writer's.
        crate::fsutil::remove_stale_temp_files(&self.config_dir, INSECURE_FILE);
        write_atomically(&self.file_path(), toml::to_string(secrets)?.as_bytes())
    }
}

/// Opens the OS store behind `kind`. Each arm exists only where its crate is compiled in; the
/// context has already refused stores this OS does not have, so the last arm is a safety net.
fn open_os_store(
    kind: StoreKind,
) -> keyring_core::Result<std::sync::Arc<keyring_core::CredentialStore>> {
    match kind {
        #[cfg(target_os = "linux")]
        StoreKind::SecretService => Ok(zbus_secret_service_keyring_store::Store::new()?),
        #[cfg(target_os = "linux")]
        StoreKind::Keyutils => Ok(linux_keyutils_keyring_store::Store::new()?),
        // The login keychain; the `protected` store needs a provisioning profile a CLI lacks.
        #[cfg(target_os = "macos")]
        StoreKind::MacosKeychain => Ok(apple_native_keyring_store::keychain::Store::new()?),
        #[cfg(windows)]
        StoreKind::WindowsCredentialManager => Ok(windows_native_keyring_store::Store::new()?),
        other => Err(keyring_core::Error::NotSupportedByStore(format!(
            "the `{}` store is not available in this build for {}",
            other.name(),
            std::env::consts::OS
        ))),
    }
}

enum StoreFailure {
    Keyring(keyring_core::Error),
    TimedOut,
}

impl StoreFailure {
    fn into_cli(self, kind: StoreKind, item_env: &str, profile_flag: &str) -> CliError {
        let reason = match self {
            StoreFailure::TimedOut => format!(
                "the `{}` keyring did not answer within {} s",
                kind.name(),
                call_timeout(kind).as_secs()
            ),
            StoreFailure::Keyring(err) => {
                // Platform errors can be long multi-line D-Bus dumps: the first line is enough.
                let text = err.to_string();
                let first = text.lines().next().unwrap_or_default();
                let short: String = first.chars().take(160).collect();
                format!("the `{}` keyring is not reachable ({short})", kind.name())
            }
        };
        CliError::Auth(format!(
            "{reason}; {}",
            ways_out(kind, std::env::consts::OS, item_env, profile_flag)
        ))
    }
}

/// Runs a keyring call on its own thread and gives up after `call_timeout`: a locked or hung
/// D-Bus service must not hang the CLI.
fn bounded<T: Send + 'static>(
    kind: StoreKind,
    call: impl FnOnce() -> keyring_core::Result<T> + Send + 'static,
) -> Result<T, StoreFailure> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(call());
    });
    match receiver.recv_timeout(call_timeout(kind)) {
        Ok(result) => result.map_err(StoreFailure::Keyring),
        Err(_) => Err(StoreFailure::TimedOut),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insecure_file_round_trip_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let entry = SecretEntry::new(
            StoreKind::InsecureFile,
            "work",
            Item::ApiSecret,
            dir.path().to_owned(),
        );
        assert_eq!(entry.read().unwrap(), None);
        entry.write("v1").unwrap();
        assert_eq!(entry.read().unwrap().as_deref(), Some("v1"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(entry.file_path())
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert!(entry.delete().unwrap());
        assert!(!entry.delete().unwrap());
        assert_eq!(entry.read().unwrap(), None);
    }

    /// A writer killed between writing its temp file and renaming it left every stored secret
    /// in `.secrets.insecure.toml.<pid>.<n>.tmp`, which outlived `config delete-secret`.
    #[test]
    fn a_killed_writers_temp_file_goes_at_the_next_write_or_delete() {
        let dir = tempfile::tempdir().unwrap();
        let entry = SecretEntry::new(
            StoreKind::InsecureFile,
            "work",
            Item::ApiSecret,
            dir.path().to_owned(),
        );
        let stale = dir.path().join(format!(".{INSECURE_FILE}.4242.17.tmp"));
        let other = dir.path().join(format!(".{INSECURE_FILE}.notes"));
        std::fs::write(&stale, "work = \"app:secret:leaked\"").unwrap();
        std::fs::write(&other, "kept").unwrap();
        assert!(!entry.delete().unwrap());
        assert!(!stale.exists(), "delete-secret leaves no copy behind");
        std::fs::write(&stale, "work = \"app:secret:leaked\"").unwrap();
        entry.write("v1").unwrap();
        assert!(!stale.exists(), "the next write removes it");
        assert!(other.exists(), "other files are never touched");
    }

    #[test]
    fn entries_use_the_same_service_and_account_on_every_os() {
        let dir = PathBuf::from("unused");
        for kind in StoreKind::ALL {
            let entry = SecretEntry::new(*kind, "work", Item::ApiSecret, dir.clone());
            assert_eq!(entry.account, "work");
            let key = SecretEntry::new(*kind, "work", Item::ManagementKey, dir.clone());
            assert_eq!(key.account, "work:management-key");
        }
        assert_eq!(SERVICE, "passwordless-cli");
    }
}
