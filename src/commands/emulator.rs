//! `passwordless emulator` and `passwordless emulator exec`: the user-facing wrappers around
//! [`crate::emulator::Emulator`] — start it, announce where it listens, and either serve until
//! interrupted or run one command against it.

use std::ffi::OsString;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::Command;
use std::sync::mpsc;

use anyhow::Context as _;
use serde_json::json;

use super::usage;
use crate::cli::{EmulatorArgs, EmulatorExecArgs};
use crate::context::{ENV_MANAGEMENT_KEY, ENV_SECRET, ENV_URL};
use crate::emulator::{Emulator, EmulatorConfig, Seed};
use crate::exit::CliError;
use crate::output::Output;

pub const ENV_PUBLIC_KEY: &str = "PASSWORDLESS_API_KEY";

/// Starts the emulator, hands its address to `announce`, and serves until Ctrl-C or SIGTERM.
pub fn serve(
    args: &EmulatorArgs,
    announce: impl FnOnce(&Output) -> anyhow::Result<()>,
) -> anyhow::Result<Output> {
    if !args.bind.is_loopback() && !args.allow_remote {
        return Err(usage(format!(
            "--bind {} is not a loopback address; the emulator's keys are public, so add --allow-remote if you really want other machines to reach it",
            args.bind
        )));
    }
    let config = EmulatorConfig {
        bind: SocketAddr::new(args.bind, args.port),
        seed: load_seed(args.seed.as_ref())?,
        log: args.log,
        deterministic: args.deterministic,
        ..EmulatorConfig::default()
    };
    let emulator = start(config)?;
    if !args.bind.is_loopback() {
        eprintln!(
            "warning: the emulator listens on {} and its keys are public; anyone who can reach this port can use it",
            emulator.addr()
        );
    }
    let (stop, stopped) = mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = stop.send(());
    })
    .context("cannot install the Ctrl-C handler")?;
    announce(&startup_record(&emulator))?;
    let _ = stopped.recv();
    emulator.shutdown();
    Ok(Output::Status(0))
}

/// Starts a fresh emulator on a free port, runs the command with the emulator's URL and keys in
/// its environment, stops the emulator and passes the command's status on.
pub fn exec(args: &EmulatorExecArgs) -> anyhow::Result<Output> {
    let config = EmulatorConfig {
        seed: load_seed(args.seed.as_ref())?,
        log: args.log,
        ..EmulatorConfig::default()
    };
    let emulator = start(config)?;
    let (program, rest) = args
        .command
        .split_first()
        .ok_or_else(|| usage("give the command to run after `--`"))?;
    // The child gets Ctrl-C itself; we only wait for it to finish, then clean up.
    ctrlc::set_handler(|| {}).context("cannot install the Ctrl-C handler")?;
    let status = Command::new(program)
        .args(rest)
        .env(ENV_URL, emulator.base_url())
        .env(ENV_SECRET, &emulator.config().api_secret)
        .env(ENV_PUBLIC_KEY, &emulator.config().api_key)
        .env(ENV_MANAGEMENT_KEY, &emulator.config().management_key)
        .env("PATH", path_with_own_folder())
        .status()
        .map_err(|e| {
            CliError::Spawn(format!(
                "cannot run `{}`: {e}; check the command name and that it is on PATH",
                program.to_string_lossy()
            ))
        })?;
    emulator.shutdown();
    Ok(Output::Status(exit_status_code(status)))
}

fn start(config: EmulatorConfig) -> anyhow::Result<Emulator> {
    let addr = config.bind;
    Emulator::start(config).map_err(|err| {
        let in_use = err.chain().any(|cause| {
            cause
                .downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::AddrInUse)
        });
        if in_use {
            usage(format!(
                "cannot listen on {addr}: the port is in use; pick another with --port, or --port 0 for any free port"
            ))
        } else {
            err.context(format!("cannot start the emulator on {addr}"))
        }
    })
}

fn load_seed(path: Option<&PathBuf>) -> anyhow::Result<Option<Seed>> {
    path.map(|p| Seed::from_file(p).map_err(|e| usage(format!("{e:#}"))))
        .transpose()
}

fn startup_record(emulator: &Emulator) -> Output {
    let config = emulator.config();
    let url = emulator.base_url();
    Output::Record {
        json: json!({
            "url": url,
            "appId": config.app_id,
            "apiSecret": config.api_secret,
            "apiKey": config.api_key,
            "managementKey": config.management_key,
        }),
        fields: vec![
            ("url", url.clone()),
            ("app id", config.app_id.clone()),
            ("API secret", config.api_secret.clone()),
            ("public API key", config.api_key.clone()),
            ("management key", config.management_key.clone()),
            (
                "use it",
                format!("export {ENV_URL}={url} {ENV_SECRET}={}", config.api_secret),
            ),
            ("stop", "Ctrl-C".to_owned()),
        ],
        id: Some(url),
    }
}

/// PATH with this executable's folder first, so `passwordless` inside `exec` is this build.
fn path_with_own_folder() -> OsString {
    let current = std::env::var_os("PATH").unwrap_or_default();
    let Some(folder) = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(PathBuf::from))
    else {
        return current;
    };
    let mut paths = vec![folder];
    paths.extend(std::env::split_paths(&current));
    std::env::join_paths(paths).unwrap_or(current)
}

fn exit_status_code(status: std::process::ExitStatus) -> u8 {
    if let Some(code) = status.code() {
        return u8::try_from(code).unwrap_or(1);
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return u8::try_from(128 + signal).unwrap_or(1);
        }
    }
    1
}
