//! Shell completion. The scripts in `completions/` are small registration stubs that call back
//! into the binary (`COMPLETE=bash passwordless -- …`), so completions always match the
//! installed version and can offer values no static script knows: profile names from the config
//! file and, only when `PASSWORDLESS_COMPLETE_REMOTE=1`, user ids from the API.

use std::ffi::OsStr;
use std::time::Duration;

use clap::CommandFactory;
use clap_complete::CompletionCandidate;
use clap_complete::env::{CompleteEnv, Shells};

use crate::api::{Client, ClientSettings, parse_base_url};
use crate::cli::{Cli, Shell};
use crate::config::{self, DEFAULT_BASE_URL, DEFAULT_PROFILE};
use crate::context::{ENV_CONFIG_DIR, ENV_SECRET, ENV_URL};
use crate::secret::{ApiSecret, Auth};

/// The variable the registration scripts set when they call the binary.
const COMPLETE_VAR: &str = "COMPLETE";
/// Opt-in for completions that make an API request.
pub const ENV_COMPLETE_REMOTE: &str = "PASSWORDLESS_COMPLETE_REMOTE";

/// Answers a completion request and exits, when the shell asked for one; otherwise returns at
/// once (one environment lookup), so normal runs pay nothing.
pub fn complete_if_asked() {
    CompleteEnv::with_factory(Cli::command)
        .var(COMPLETE_VAR)
        .complete();
}

/// The registration script for `shell`, calling `passwordless` from PATH.
pub fn registration_script(shell: Shell) -> String {
    let name = match shell {
        Shell::Bash => "bash",
        Shell::Zsh => "zsh",
        Shell::Fish => "fish",
        Shell::Powershell => "powershell",
        Shell::Elvish => "elvish",
    };
    let mut buffer = Vec::new();
    if let Some(completer) = Shells::builtins().completer(name) {
        // Writing into a Vec cannot fail.
        let _ = completer.write_registration(
            COMPLETE_VAR,
            "passwordless",
            "passwordless",
            "passwordless",
            &mut buffer,
        );
    }
    String::from_utf8_lossy(&buffer).into_owned()
}

/// Profile names from the config file, plus `default`.
pub fn profile_names(current: &OsStr) -> Vec<CompletionCandidate> {
    let prefix = current.to_string_lossy();
    let dir_override = std::env::var_os(ENV_CONFIG_DIR)
        .filter(|v| !v.is_empty())
        .map(std::path::PathBuf::from);
    let mut names = vec![DEFAULT_PROFILE.to_owned()];
    if let Ok(dir) = config::config_dir(dir_override.as_deref())
        && let Ok(file) = config::load(&config::config_path(&dir))
    {
        names.extend(file.profiles.into_keys());
    }
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter(|name| name.starts_with(prefix.as_ref()))
        .map(CompletionCandidate::new)
        .collect()
}

/// User ids from `GET /users/list`, only with `PASSWORDLESS_COMPLETE_REMOTE=1` and a secret in
/// the environment: a TAB must never prompt for a keyring or hang on the network.
pub fn user_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    if std::env::var(ENV_COMPLETE_REMOTE).as_deref() != Ok("1") {
        return Vec::new();
    }
    let prefix = current.to_string_lossy();
    let Some(secret) = std::env::var(ENV_SECRET)
        .ok()
        .and_then(|s| ApiSecret::parse(&s).ok())
    else {
        return Vec::new();
    };
    let url = std::env::var(ENV_URL).unwrap_or_else(|_| DEFAULT_BASE_URL.to_owned());
    let Ok(base_url) = parse_base_url(&url) else {
        return Vec::new();
    };
    let Ok(client) = Client::new(ClientSettings::new(
        base_url,
        Auth::Secret(secret),
        Duration::from_secs(2),
        false,
    )) else {
        return Vec::new();
    };
    match client.list_users() {
        Ok(response) => response
            .data
            .values
            .into_iter()
            .map(|user| user.user_id)
            .filter(|id| id.starts_with(prefix.as_ref()))
            .map(CompletionCandidate::new)
            .collect(),
        Err(_) => Vec::new(),
    }
}
