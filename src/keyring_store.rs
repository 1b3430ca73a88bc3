//! Where secrets rest between runs: the OS credential store (Secret Service over D-Bus, or the
//! kernel keyring), or — only when the user asks for it by name — a private file. The store is
//! chosen once per run, every call is bounded in time, and an unreachable keyring is an error
//! that names the ways out, never a silent fallback to plaintext.

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::mpsc;
use std::time::Duration;

use crate::error::CliError;
use crate::fsutil::{create_private_dir, write_atomically};

const SERVICE: &str = "passwordless-cli";
const CALL_TIMEOUT: Duration = Duration::from_secs(5);
const INSECURE_FILE: &str = "secrets.insecure.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreKind {
    /// freedesktop Secret Service (GNOME Keyring, KWallet) over D-Bus.
    SecretService,
    /// The Linux kernel keyring: no daemon needed, but lost at reboot.
    Keyutils,
    /// A 0600 plaintext file in the config folder, for machines with no keyring at all.
    InsecureFile,
}

impl StoreKind {
    pub const NAMES: &'static [&'static str] = &["secret-service", "keyutils", "insecure-file"];

    pub fn name(self) -> &'static str {
        match self {
            StoreKind::SecretService => "secret-service",
            StoreKind::Keyutils => "keyutils",
            StoreKind::InsecureFile => "insecure-file",
        }
    }
}

impl FromStr for StoreKind {
    type Err = CliError;
    fn from_str(value: &str) -> Result<Self, CliError> {
        match value {
            "secret-service" => Ok(StoreKind::SecretService),
            "keyutils" => Ok(StoreKind::Keyutils),
            "insecure-file" => Ok(StoreKind::InsecureFile),
            other => Err(CliError::Usage(format!(
                "`{other}` is not a keyring store; use one of: {}",
                StoreKind::NAMES.join(", ")
            ))),
        }
    }
}

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
            account,
            config_dir,
        }
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
                    Err(other) => Err(other.into_cli(self.kind).into()),
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
                    .map_err(|e| e.into_cli(self.kind).into())
            }
        }
    }

    /// Removes the entry; `false` when there was none.
    pub fn delete(&self) -> anyhow::Result<bool> {
        match self.kind {
            StoreKind::InsecureFile => {
                let _lock = self.lock_file()?;
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
                    Err(other) => Err(other.into_cli(self.kind).into()),
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
        .map_err(|e| e.into_cli(kind).into())
    }

    /// An exclusive lock around read-modify-write of the secrets file, so two runs storing
    /// secrets of different profiles at once cannot drop one of them. Released on drop.
    fn lock_file(&self) -> anyhow::Result<std::fs::File> {
        create_private_dir(&self.config_dir)?;
        let path = self.config_dir.join(format!("{INSECURE_FILE}.lock"));
        let mut options = std::fs::OpenOptions::new();
        options.create(true).truncate(false).write(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options
            .open(&path)
            .map_err(|e| anyhow::anyhow!("cannot open {}: {e}", path.display()))?;
        file.lock()
            .map_err(|e| anyhow::anyhow!("cannot lock {}: {e}", path.display()))?;
        Ok(file)
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
        write_atomically(&self.file_path(), toml::to_string(secrets)?.as_bytes())
    }
}

#[cfg(target_os = "linux")]
fn open_os_store(
    kind: StoreKind,
) -> keyring_core::Result<std::sync::Arc<keyring_core::CredentialStore>> {
    Ok(match kind {
        StoreKind::Keyutils => linux_keyutils_keyring_store::Store::new()?,
        _ => zbus_secret_service_keyring_store::Store::new()?,
    })
}

#[cfg(not(target_os = "linux"))]
fn open_os_store(
    kind: StoreKind,
) -> keyring_core::Result<std::sync::Arc<keyring_core::CredentialStore>> {
    Err(keyring_core::Error::NotSupportedByStore(format!(
        "the `{}` store is not available in this build for this operating system",
        kind.name()
    )))
}

enum StoreFailure {
    Keyring(keyring_core::Error),
    TimedOut,
}

impl StoreFailure {
    fn into_cli(self, kind: StoreKind) -> CliError {
        let reason = match self {
            StoreFailure::TimedOut => format!(
                "the `{}` keyring did not answer within {} s",
                kind.name(),
                CALL_TIMEOUT.as_secs()
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
            "{reason}; set PASSWORDLESS_API_SECRET instead, or pick another store with PASSWORDLESS_KEYRING_STORE=keyutils (kernel keyring, lost at reboot) or =insecure-file (a 0600 plaintext file in the config folder)"
        ))
    }
}

/// Runs a keyring call on its own thread and gives up after `CALL_TIMEOUT`: a locked or hung
/// D-Bus service must not hang the CLI.
fn bounded<T: Send + 'static>(
    _kind: StoreKind,
    call: impl FnOnce() -> keyring_core::Result<T> + Send + 'static,
) -> Result<T, StoreFailure> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(call());
    });
    match receiver.recv_timeout(CALL_TIMEOUT) {
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

    #[test]
    fn store_names_parse() {
        for name in StoreKind::NAMES {
            assert_eq!(name.parse::<StoreKind>().unwrap().name(), *name);
        }
        assert!("plaintext".parse::<StoreKind>().is_err());
    }
}
