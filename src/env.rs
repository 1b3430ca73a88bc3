//! Every environment variable the CLI reads, named once with its meaning. clap's `env =`, the
//! code that reads them, `help environment`, the man page and the README table (checked by a
//! test) all come from here.

pub const API_SECRET: &str = "PASSWORDLESS_API_SECRET";
pub const API_URL: &str = "PASSWORDLESS_API_URL";
pub const PROFILE: &str = "PASSWORDLESS_PROFILE";
pub const CONFIG_DIR: &str = "PASSWORDLESS_CONFIG_DIR";
pub const KEYRING_STORE: &str = "PASSWORDLESS_KEYRING_STORE";
/// The app's public key, read by the `passkey` commands (and set by `emulator exec`).
pub const API_KEY: &str = "PASSWORDLESS_API_KEY";
pub const ORIGIN: &str = "PASSWORDLESS_ORIGIN";
pub const AUTHENTICATOR_FILE: &str = "PASSWORDLESS_AUTHENTICATOR_FILE";
pub const MANAGEMENT_KEY: &str = "PASSWORDLESS_MANAGEMENT_KEY";
/// A PEM file of a private CA to trust besides the platform's roots, like --ca-cert.
pub const CA_CERT: &str = "PASSWORDLESS_CA_CERT";
pub const COMPLETE_REMOTE: &str = "PASSWORDLESS_COMPLETE_REMOTE";

/// One documented variable (or a group read together, like the proxy variables).
pub struct Var {
    pub name: &'static str,
    pub doc: &'static str,
}

/// All of them, in the order `help environment`, the man page and the README list them.
pub const DOCUMENTED: &[Var] = &[
    Var {
        name: API_SECRET,
        doc: "API secret (`<app>:secret:<32 hex>`); wins over the keyring, which is then not touched",
    },
    Var {
        name: API_URL,
        doc: "base URL of the API, like --api-url [default: https://v4.passwordless.dev]",
    },
    Var {
        name: PROFILE,
        doc: "profile to use, like --profile [default: default]",
    },
    Var {
        name: CONFIG_DIR,
        doc: "folder of config.toml [default: the platform's config folder]",
    },
    Var {
        name: CA_CERT,
        doc: "PEM file of a private certificate authority to trust besides the system's roots, like --ca-cert (set by `emulator exec --tls`)",
    },
    Var {
        name: KEYRING_STORE,
        doc: "secret store: secret-service (Linux default) or keyutils, macos-keychain (macOS default), windows-credential-manager (Windows default), insecure-file",
    },
    Var {
        name: API_KEY,
        doc: "the app's public key (`<app>:public:<32 hex>`) for `passkey register|sign-in`; wins over the profile's public-key; set by `emulator exec`",
    },
    Var {
        name: ORIGIN,
        doc: "page origin for `passkey register|sign-in`, like --origin [default: http://localhost with a loopback API]",
    },
    Var {
        name: AUTHENTICATOR_FILE,
        doc: "the passkeys' private-key file, like --authenticator-file [default: passkeys.json in the config folder; `emulator exec` sets a file of the run's own, unless this is set]",
    },
    Var {
        name: MANAGEMENT_KEY,
        doc: "management key for `admin` commands; wins over the keyring (`emulator exec` sets the emulator's)",
    },
    Var {
        name: COMPLETE_REMOTE,
        doc: "set to 1 to let shell completion fetch user ids from the API (off by default)",
    },
    Var {
        name: "NO_COLOR",
        doc: "set to anything to turn colour off",
    },
    Var {
        name: "CLICOLOR_FORCE",
        doc: "set to anything but 0 to colour errors and hints even when stderr is not a terminal",
    },
    Var {
        name: "COLUMNS",
        doc: "width for tables when the terminal's is unknown [default: 80]",
    },
    Var {
        name: "HTTPS_PROXY, HTTP_PROXY, NO_PROXY",
        doc: "standard proxy settings, honoured for API requests",
    },
    Var {
        name: "SOURCE_DATE_EPOCH",
        doc: "date stamped into man pages written by `passwordless man` (left out when unset)",
    },
];

/// The variable's value, unless unset or blank (a blank variable counts as unset).
pub fn non_empty(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The variable's value, `None` when unset; set but blank is an error. For the variables where
/// a silent fallback would be dangerous: an empty secret or URL must not quietly become the
/// keyring's secret or the production URL, nor an empty folder the platform's config folder.
pub fn required_if_set(name: &str) -> Result<Option<String>, crate::error::CliError> {
    match std::env::var_os(name) {
        None => Ok(None),
        Some(value) => match value.into_string() {
            Ok(text) if !text.trim().is_empty() => Ok(Some(text)),
            Ok(_) => Err(crate::error::CliError::Usage(format!(
                "{name} is set but empty; give it a value or unset it (`unset {name}`)"
            ))),
            Err(_) => Err(crate::error::CliError::Usage(format!(
                "{name} is not valid UTF-8; give it a value or unset it (`unset {name}`)"
            ))),
        },
    }
}
