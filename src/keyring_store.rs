//! Where secrets rest between runs: the OS credential store (Secret Service over D-Bus or the
//! kernel keyring on Linux, the Keychain on macOS, the Credential Manager on Windows), or — only
//! when the user asks for it by name — a private file. The store is chosen once per run, every
//! call is bounded in time, and an unreachable keyring is an error that names the ways out, never
//! a silent fallback to plaintext. Which stores exist where is decided from the OS name by plain
//! functions, so the choice for every OS is unit-tested on any of them; only `open_os_store` is
//! compiled per OS.

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::mpsc;
use std::time::Duration;

use crate::error::CliError;
use crate::fsutil::{create_private_dir, write_atomically};

/// The service name of every entry; the account is the profile name. Keychain items show it as
/// their name, the Credential Manager as `<profile>.passwordless-cli`.
pub const SERVICE: &str = "passwordless-cli";
const CALL_TIMEOUT: Duration = Duration::from_secs(5);
const KEYCHAIN_PROMPT_TIMEOUT: Duration = Duration::from_secs(60);
const INSECURE_FILE: &str = "secrets.insecure.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreKind {
    /// freedesktop Secret Service (GNOME Keyring, KWallet) over D-Bus.
    SecretService,
    /// The Linux kernel keyring: no daemon needed, but lost at reboot.
    Keyutils,
    /// The macOS login Keychain.
    MacosKeychain,
    /// The Windows Credential Manager (generic credentials of the signed-in user).
    WindowsCredentialManager,
    /// A plaintext file in the config folder (0600 on Unix), for machines with no keyring at all.
    InsecureFile,
}

impl StoreKind {
    pub const ALL: &'static [StoreKind] = &[
        StoreKind::SecretService,
        StoreKind::Keyutils,
        StoreKind::MacosKeychain,
        StoreKind::WindowsCredentialManager,
        StoreKind::InsecureFile,
    ];

    pub fn name(self) -> &'static str {
        match self {
            StoreKind::SecretService => "secret-service",
            StoreKind::Keyutils => "keyutils",
            StoreKind::MacosKeychain => "macos-keychain",
            StoreKind::WindowsCredentialManager => "windows-credential-manager",
            StoreKind::InsecureFile => "insecure-file",
        }
    }

    /// What people call the store, for messages and `doctor`.
    pub fn label(self) -> &'static str {
        match self {
            StoreKind::SecretService => "Secret Service (GNOME Keyring, KWallet)",
            StoreKind::Keyutils => "Linux kernel keyring",
            StoreKind::MacosKeychain => "macOS Keychain",
            StoreKind::WindowsCredentialManager => "Windows Credential Manager",
            StoreKind::InsecureFile => "plaintext file in the config folder",
        }
    }

    /// The store used when none is chosen, on the OS named like `std::env::consts::OS`. Other
    /// Unix systems get the freedesktop standard, which this build cannot open there, so the
    /// user hears about it instead of getting a plaintext file.
    pub fn default_for(os: &str) -> StoreKind {
        match os {
            "macos" => StoreKind::MacosKeychain,
            "windows" => StoreKind::WindowsCredentialManager,
            _ => StoreKind::SecretService,
        }
    }

    /// The stores compiled in on `os`, the default first.
    pub fn available_on(os: &str) -> &'static [StoreKind] {
        match os {
            "linux" => &[
                StoreKind::SecretService,
                StoreKind::Keyutils,
                StoreKind::InsecureFile,
            ],
            "macos" => &[StoreKind::MacosKeychain, StoreKind::InsecureFile],
            "windows" => &[StoreKind::WindowsCredentialManager, StoreKind::InsecureFile],
            _ => &[StoreKind::InsecureFile],
        }
    }

    /// The default store of the running OS.
    pub fn os_default() -> StoreKind {
        StoreKind::default_for(std::env::consts::OS)
    }

    /// `self`, if this OS has it; otherwise a usage error that lists the stores it has.
    pub fn available_here(self) -> Result<StoreKind, CliError> {
        self.available_in(std::env::consts::OS)
    }

    fn available_in(self, os: &str) -> Result<StoreKind, CliError> {
        let available = StoreKind::available_on(os);
        if available.contains(&self) {
            return Ok(self);
        }
        let names = match available.split_last() {
            Some((last, [])) => last.name().to_owned(),
            Some((last, rest)) => {
                let rest: Vec<&str> = rest.iter().map(|k| k.name()).collect();
                format!("{} or {}", rest.join(", "), last.name())
            }
            None => String::new(),
        };
        Err(CliError::Usage(format!(
            "the `{}` keyring store does not exist on {os}; use {names} (set PASSWORDLESS_KEYRING_STORE, or `passwordless config set keyring-store NAME`)",
            self.name(),
        )))
    }
}

impl FromStr for StoreKind {
    type Err = CliError;
    fn from_str(value: &str) -> Result<Self, CliError> {
        StoreKind::ALL
            .iter()
            .copied()
            .find(|kind| kind.name() == value)
            .ok_or_else(|| {
                let names: Vec<&str> = StoreKind::ALL.iter().map(|k| k.name()).collect();
                CliError::Usage(format!(
                    "`{value}` is not a keyring store; use one of: {}",
                    names.join(", ")
                ))
            })
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

/// How long one keyring call may take. The Keychain can put up an "allow access" dialog (the
/// first time a new build of the binary reads an item), and the call waits for the user's click.
fn call_timeout(kind: StoreKind) -> Duration {
    match kind {
        StoreKind::MacosKeychain => KEYCHAIN_PROMPT_TIMEOUT,
        _ => CALL_TIMEOUT,
    }
}

/// The other stores of `os` that a user can switch to when `failed` is unreachable, as the
/// end of an error message.
fn ways_out(failed: StoreKind, os: &str) -> String {
    let others: Vec<String> = StoreKind::available_on(os)
        .iter()
        .filter(|kind| **kind != failed)
        .map(|kind| {
            let note = match kind {
                StoreKind::Keyutils => "kernel keyring, lost at reboot",
                StoreKind::InsecureFile if os == "windows" => {
                    "a plaintext file in your profile's config folder"
                }
                StoreKind::InsecureFile => "a 0600 plaintext file in the config folder",
                _ => kind.label(),
            };
            format!("={} ({note})", kind.name())
        })
        .collect();
    if others.is_empty() {
        return "set PASSWORDLESS_API_SECRET instead".to_owned();
    }
    format!(
        "set PASSWORDLESS_API_SECRET instead, or pick another store with PASSWORDLESS_KEYRING_STORE{}",
        others.join(" or ")
    )
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
            ways_out(kind, std::env::consts::OS)
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

    #[test]
    fn store_names_parse() {
        for kind in StoreKind::ALL {
            assert_eq!(kind.name().parse::<StoreKind>().unwrap(), *kind);
        }
        let err = "plaintext".parse::<StoreKind>().unwrap_err().to_string();
        assert!(err.contains("windows-credential-manager"), "{err}");
    }

    #[test]
    fn each_os_defaults_to_its_own_keyring() {
        assert_eq!(StoreKind::default_for("linux"), StoreKind::SecretService);
        assert_eq!(StoreKind::default_for("macos"), StoreKind::MacosKeychain);
        assert_eq!(
            StoreKind::default_for("windows"),
            StoreKind::WindowsCredentialManager
        );
        // The default is always the first store on offer there, and never the plaintext file.
        for os in ["linux", "macos", "windows"] {
            let default = StoreKind::default_for(os);
            assert_eq!(StoreKind::available_on(os)[0], default, "{os}");
            assert_ne!(default, StoreKind::InsecureFile, "{os}");
        }
    }

    #[test]
    fn other_systems_get_no_silent_plaintext_default() {
        let default = StoreKind::default_for("freebsd");
        assert_ne!(default, StoreKind::InsecureFile);
        let err = default.available_in("freebsd").unwrap_err().to_string();
        assert!(err.contains("insecure-file"), "{err}");
    }

    #[test]
    fn stores_of_another_os_are_refused_with_the_local_ones() {
        let err = StoreKind::Keyutils
            .available_in("windows")
            .unwrap_err()
            .to_string();
        assert!(err.contains("`keyutils`"), "{err}");
        assert!(
            err.contains("windows-credential-manager or insecure-file"),
            "{err}"
        );
        assert!(StoreKind::MacosKeychain.available_in("linux").is_err());
        assert!(StoreKind::SecretService.available_in("macos").is_err());
        assert_eq!(
            StoreKind::InsecureFile.available_in("windows").unwrap(),
            StoreKind::InsecureFile
        );
        // What this build runs on has its default compiled in.
        assert!(StoreKind::os_default().available_here().is_ok());
    }

    #[test]
    fn unreachable_keyring_names_the_local_ways_out() {
        let linux = ways_out(StoreKind::SecretService, "linux");
        assert!(linux.contains("=keyutils (kernel keyring"), "{linux}");
        assert!(linux.contains("=insecure-file (a 0600"), "{linux}");
        let windows = ways_out(StoreKind::WindowsCredentialManager, "windows");
        assert!(
            windows.starts_with("set PASSWORDLESS_API_SECRET"),
            "{windows}"
        );
        assert!(!windows.contains("keyutils"), "{windows}");
        assert!(!windows.contains("0600"), "{windows}");
        assert!(windows.contains("=insecure-file"), "{windows}");
        let macos = ways_out(StoreKind::MacosKeychain, "macos");
        assert!(!macos.contains("macos-keychain"), "{macos}");
    }

    #[test]
    fn keychain_calls_wait_for_the_access_dialog() {
        assert!(call_timeout(StoreKind::MacosKeychain) >= Duration::from_secs(30));
        assert_eq!(call_timeout(StoreKind::SecretService), CALL_TIMEOUT);
        assert_eq!(
            call_timeout(StoreKind::WindowsCredentialManager),
            CALL_TIMEOUT
        );
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
