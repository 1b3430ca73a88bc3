//! Every environment variable the CLI reads, named once with its meaning. clap's `env =`, the
//! code that reads them, `help environment`, the man page and the README table (checked by a
//! test) all come from here.

pub const API_SECRET: &str = "PASSWORDLESS_API_SECRET";
pub const API_URL: &str = "PASSWORDLESS_API_URL";
pub const PROFILE: &str = "PASSWORDLESS_PROFILE";
pub const CONFIG_DIR: &str = "PASSWORDLESS_CONFIG_DIR";
pub const KEYRING_STORE: &str = "PASSWORDLESS_KEYRING_STORE";
/// Set by `emulator exec` for its command; the CLI itself never reads it.
pub const API_KEY: &str = "PASSWORDLESS_API_KEY";
pub const MANAGEMENT_KEY: &str = "PASSWORDLESS_MANAGEMENT_KEY";
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
        name: KEYRING_STORE,
        doc: "secret store: secret-service (default), keyutils, or insecure-file",
    },
    Var {
        name: API_KEY,
        doc: "public key of the emulator's app, set by `emulator exec` for the command it runs",
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
        name: "HTTPS_PROXY, HTTP_PROXY, NO_PROXY",
        doc: "standard proxy settings, honoured for API requests",
    },
    Var {
        name: "SOURCE_DATE_EPOCH",
        doc: "date stamped into man pages written by `passwordless man` (left out when unset)",
    },
];

/// The variable's value, unless unset or blank (a blank variable counts as unset everywhere).
pub fn non_empty(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}
