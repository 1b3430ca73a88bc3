//! Which keyring stores exist on which OS, which one is the default there, and the per-store
//! policy (how long a call may take, where to go when one is unreachable). Decided from the OS
//! name by plain functions, so the choice for every OS is unit-tested on any of them.

use std::str::FromStr;
use std::time::Duration;

use crate::error::CliError;

const CALL_TIMEOUT: Duration = Duration::from_secs(5);
const KEYCHAIN_PROMPT_TIMEOUT: Duration = Duration::from_secs(60);

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

/// How long one keyring call may take. The Keychain can put up an "allow access" dialog (the
/// first time a new build of the binary reads an item), and the call waits for the user's click.
pub(super) fn call_timeout(kind: StoreKind) -> Duration {
    match kind {
        StoreKind::MacosKeychain => KEYCHAIN_PROMPT_TIMEOUT,
        _ => CALL_TIMEOUT,
    }
}

/// The ways out when `failed` is unreachable, as the end of an error message: the variable that
/// bypasses the keyring for this `item_env` (`PASSWORDLESS_API_SECRET` or
/// `PASSWORDLESS_MANAGEMENT_KEY`), and the other stores of `os` as the `config set` command that
/// persists the choice. (Naming `PASSWORDLESS_KEYRING_STORE` instead led users to store a secret
/// that later runs, without the variable, never looked for.)
pub(super) fn ways_out(failed: StoreKind, os: &str, item_env: &str, profile_flag: &str) -> String {
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
            format!(
                "`passwordless config set keyring-store {}{profile_flag}` ({note})",
                kind.name()
            )
        })
        .collect();
    if others.is_empty() {
        return format!("set {item_env} instead");
    }
    format!(
        "set {item_env} instead, or switch this profile to another store with {}",
        others.join(" or ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let linux = ways_out(
            StoreKind::SecretService,
            "linux",
            "PASSWORDLESS_API_SECRET",
            "",
        );
        assert!(
            linux.contains("`passwordless config set keyring-store keyutils` (kernel keyring"),
            "{linux}"
        );
        assert!(
            linux.contains("`passwordless config set keyring-store insecure-file` (a 0600"),
            "{linux}"
        );
        assert!(!linux.contains("PASSWORDLESS_KEYRING_STORE"), "{linux}");
        let windows = ways_out(
            StoreKind::WindowsCredentialManager,
            "windows",
            "PASSWORDLESS_API_SECRET",
            "",
        );
        assert!(
            windows.starts_with("set PASSWORDLESS_API_SECRET"),
            "{windows}"
        );
        assert!(!windows.contains("keyutils"), "{windows}");
        assert!(!windows.contains("0600"), "{windows}");
        assert!(windows.contains("keyring-store insecure-file"), "{windows}");
        let macos = ways_out(
            StoreKind::MacosKeychain,
            "macos",
            "PASSWORDLESS_API_SECRET",
            "",
        );
        assert!(!macos.contains("macos-keychain"), "{macos}");
    }

    #[test]
    fn the_hint_names_the_profile_and_the_variable_of_the_item() {
        let hint = ways_out(
            StoreKind::SecretService,
            "linux",
            "PASSWORDLESS_MANAGEMENT_KEY",
            " --profile ops",
        );
        assert!(
            hint.starts_with("set PASSWORDLESS_MANAGEMENT_KEY"),
            "{hint}"
        );
        assert!(!hint.contains("PASSWORDLESS_API_SECRET"), "{hint}");
        assert!(
            hint.contains("`passwordless config set keyring-store insecure-file --profile ops`"),
            "{hint}"
        );
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
}
