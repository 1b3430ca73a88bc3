//! Shell completion. The scripts in `completions/` are small registration stubs that call back
//! into the binary (`COMPLETE=bash passwordless -- …`), so completions always match the
//! installed version and can offer values no static script knows: profile names from the config
//! file and, only when `PASSWORDLESS_COMPLETE_REMOTE=1`, user ids from the API.

use std::ffi::OsStr;
use std::time::Duration;

use clap::CommandFactory;
use clap_complete::env::{CompleteEnv, Shells};
use clap_complete::{ArgValueCompleter, CompletionCandidate};

use crate::api::{Client, ClientSettings};
use crate::cli::{Cli, Shell};
use crate::config::DEFAULT_PROFILE;
use crate::context::Context;
use crate::env;
use crate::secret::{ApiSecret, Auth};

/// The variable the registration scripts set when they call the binary.
const COMPLETE_VAR: &str = "COMPLETE";

/// Answers a completion request and exits, when the shell asked for one; otherwise returns at
/// once (one environment lookup), so normal runs pay nothing.
pub fn complete_if_asked() {
    CompleteEnv::with_factory(command)
        .var(COMPLETE_VAR)
        .complete();
}

/// The clap tree with the value completers attached, by argument id: the grammar in `cli` stays
/// free of completion code.
pub fn command() -> clap::Command {
    with_completers(Cli::command())
}

fn with_completers(command: clap::Command) -> clap::Command {
    command
        .mut_args(|arg| match arg.get_id().as_str() {
            "profile" => arg.add(ArgValueCompleter::new(profile_names)),
            "user_id" => arg.add(ArgValueCompleter::new(user_ids)),
            _ => arg,
        })
        .mut_subcommands(with_completers)
}

/// Settings as a normal run would resolve them from the environment (the command line being
/// completed is not parsed), so completion reads the same config file and base URL.
fn context() -> Option<Context> {
    Context::from_env(Duration::from_secs(2)).ok()
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
    let mut names = vec![DEFAULT_PROFILE.to_owned()];
    if let Some(ctx) = context() {
        names.extend(ctx.config.profiles.into_keys());
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
/// the environment: a TAB must never prompt for a keyring or hang on the network. The base URL is
/// resolved as for any command, so a profile's base-url counts.
pub fn user_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    if std::env::var(env::COMPLETE_REMOTE).as_deref() != Ok("1") {
        return Vec::new();
    }
    let prefix = current.to_string_lossy();
    let Some(secret) = env::non_empty(env::API_SECRET).and_then(|s| ApiSecret::parse(&s).ok())
    else {
        return Vec::new();
    };
    let Some(ctx) = context() else {
        return Vec::new();
    };
    let Ok((base_url, _)) = ctx.base_url() else {
        return Vec::new();
    };
    let Ok(ca_cert) = ctx.ca_cert() else {
        return Vec::new();
    };
    let Ok(client) = Client::new(ClientSettings {
        ca_cert,
        ..ClientSettings::new(base_url, Auth::Secret(secret), ctx.timeout, None)
    }) else {
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
