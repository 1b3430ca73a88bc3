//! The passwordless CLI as a library. [`main`] is the whole program: parse argv, resolve settings,
//! dispatch to a command, render its output, and turn any error into one message and one exit
//! code — in this one place.

pub mod argv;
pub mod authenticator;
pub mod bulk;
pub mod child;
pub mod cli;
pub mod commands;
pub mod completion;
pub mod config;
pub mod context;
pub mod env;
pub mod error;
pub mod exit;
pub mod feature_off;
pub mod hints;
pub mod keyring_store;
pub mod output;
pub mod report;
pub mod secret;

// The workspace's library crates under the names this crate has always used for them.
pub use passwordless_client as api;
pub use passwordless_emulator as emulator;
pub use passwordless_fsutil as fsutil;
pub use passwordless_model::text as terminal;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use cli::{Cli, Command, EmulatorArgs};
use context::Context;
use exit::Exit;
use hints::RunNotes;
use output::{Format, Output};

pub fn main() -> ExitCode {
    harden_process();
    completion::complete_if_asked();
    let argv: Vec<OsString> = std::env::args_os().collect();
    let scan = argv::Scan::of(&argv);
    // Known before clap parses, so even its errors can be JSON.
    let wants_json = scan.wants_json();
    if secret::argv_holds_secret(&scan) {
        // Refuse before clap can echo the value in an "unexpected argument" error.
        report::usage_line(
            "an API secret was given on the command line, where shell history and the process list keep it; use `passwordless config set-secret` (prompt, stdin or --from-file) or set PASSWORDLESS_API_SECRET",
            wants_json,
        );
        return ExitCode::from(Exit::Usage as u8);
    }
    let cli = match cli::parse(&argv, &scan).map_err(|err| cli::with_tips(err, &scan)) {
        Ok(cli) => cli,
        Err(err) if let Some(message) = from_file_conflict(&err, &scan) => {
            report::usage_line(&message, wants_json);
            return ExitCode::from(Exit::Usage as u8);
        }
        Err(err) if err.use_stderr() && wants_json => {
            let rendered = err.render().to_string();
            let first = rendered.lines().next().unwrap_or_default();
            let first = first.strip_prefix("error: ").unwrap_or(first);
            // The tip, when there is one, belongs to the one JSON line too.
            let tip = rendered
                .lines()
                .rev()
                .find_map(|line| line.trim_start().strip_prefix("tip: "));
            match tip {
                Some(tip) => report::usage_line(&format!("{first}; {tip}"), true),
                None => report::usage_line(first, true),
            }
            return ExitCode::from(Exit::Usage as u8);
        }
        Err(err) => {
            print_clap_error(&err, &scan);
            return ExitCode::from(if err.use_stderr() {
                Exit::Usage as u8
            } else {
                0
            });
        }
    };
    let json_errors = cli.global.json || cli.global.jsonl;
    let format = context::format_of(&cli.global);
    let notes = Arc::new(RunNotes::default());
    let failed = |err: &anyhow::Error| {
        let code = exit::classify(err);
        report::error(err, code, json_errors, &notes);
        ExitCode::from(code as u8)
    };
    match run(&cli, format, &notes) {
        Ok(Output::Status(code)) => ExitCode::from(code),
        Ok(Output::Finished { shown, then }) => match (print(&shown, format), then) {
            (Err(err), _) => failed(&err),
            (Ok(()), output::Then::Status(code)) => ExitCode::from(code),
            (Ok(()), output::Then::Error(err)) => failed(&err),
        },
        Ok(output) => match print(&output, format) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => failed(&err),
        },
        Err(err) => failed(&err),
    }
}

/// No core dumps (and no ptrace by other users' processes) while the process holds a secret in
/// memory. A failure only loses this protection, so it is not an error.
pub fn harden_process() {
    #[cfg(target_os = "linux")]
    let _ = rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable);
}

/// `--from-file` together with a per-record flag, in one line that says which flag and why
/// (clap lists every per-record flag of the command over a dozen lines).
fn from_file_conflict(err: &clap::Error, scan: &argv::Scan) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if err.kind() != ErrorKind::ArgumentConflict {
        return None;
    }
    let mut named = Vec::new();
    for kind in [ContextKind::InvalidArg, ContextKind::PriorArg] {
        match err.get(kind) {
            Some(ContextValue::String(arg)) => named.push(arg.as_str()),
            Some(ContextValue::Strings(args)) => named.extend(args.iter().map(String::as_str)),
            _ => {}
        }
    }
    // `--user-id <ID>` → `--user-id`.
    let flags: Vec<&str> = named
        .iter()
        .map(|arg| arg.split(' ').next().unwrap_or(arg))
        .collect();
    if !flags.contains(&"--from-file") {
        return None;
    }
    let given: Vec<&str> = flags
        .iter()
        .copied()
        .filter(|flag| *flag != "--from-file")
        .filter(|flag| {
            scan.words.iter().any(|word| {
                word == *flag || word.strip_prefix(*flag).is_some_and(|r| r.starts_with('='))
            })
        })
        .collect();
    let put = match given.as_slice() {
        [] => return None,
        [one] => format!(
            "put {} in a column of the file",
            one.trim_start_matches('-')
        ),
        _ => "put them in columns of the file".to_owned(),
    };
    Some(format!(
        "--from-file takes every record's values from the file, so {} cannot be given too; {put}, or leave out --from-file to send one request",
        given.join(" and ")
    ))
}

/// clap's message, or help text, with any secret-like argument masked.
#[allow(clippy::disallowed_methods, clippy::print_stdout)]
fn print_clap_error(err: &clap::Error, scan: &argv::Scan) {
    use std::io::IsTerminal;
    let to_stderr = err.use_stderr();
    let styled = err.render();
    let colour = report::colour_for(if to_stderr {
        std::io::stderr().is_terminal()
    } else {
        std::io::stdout().is_terminal()
    });
    let text = if colour {
        styled.ansi().to_string()
    } else {
        styled.to_string()
    };
    let text = secret::scrub_argv_words(&text, scan);
    if to_stderr {
        let _ = write!(std::io::stderr(), "{text}");
    } else {
        let _ = write!(std::io::stdout(), "{text}");
    }
}

fn run(cli: &Cli, format: Format, notes: &Arc<RunNotes>) -> anyhow::Result<Output> {
    if cli.global.json
        && let Some(name) = match &cli.command {
            Command::Completions(_) => Some("completions"),
            Command::Man(_) => Some("man"),
            Command::Help(_) => Some("help"),
            _ => None,
        }
    {
        return Err(error::CliError::Usage(format!(
            "`{name}` prints text for people or shells, not JSON; leave out --json"
        ))
        .into());
    }
    match &cli.command {
        // These need no profile, config file or secret: a broken config must not stop them.
        Command::Completions(args) => commands::generated::completions(args),
        Command::Man(args) => commands::generated::man(args),
        Command::Help(args) => commands::generated::help(args),
        Command::Emulator(EmulatorArgs {
            command: Some(cli::EmulatorCommand::Exec(args)),
            ..
        }) => commands::emulator::exec(args),
        Command::Emulator(EmulatorArgs {
            command: Some(cli::EmulatorCommand::Fault(command)),
            ..
        }) => commands::emulator::fault(command, &cli.global),
        Command::Emulator(EmulatorArgs {
            command: Some(cli::EmulatorCommand::Clock(args)),
            ..
        }) => commands::emulator::clock(args, &cli.global),
        Command::Emulator(EmulatorArgs {
            command: Some(cli::EmulatorCommand::Export(args)),
            ..
        }) => commands::emulator::export(args, &cli.global),
        Command::Emulator(EmulatorArgs {
            command: Some(cli::EmulatorCommand::Reset(args)),
            ..
        }) => commands::emulator::reset(args, &cli.global),
        Command::Emulator(EmulatorArgs {
            command: Some(cli::EmulatorCommand::Outbox(args)),
            ..
        }) => commands::emulator::outbox(args, &cli.global),
        Command::Emulator(EmulatorArgs {
            command: Some(cli::EmulatorCommand::Requests(args)),
            ..
        }) => commands::emulator::requests(args, &cli.global, format, &mut |piece| {
            print(piece, format)
        }),
        Command::Emulator(EmulatorArgs {
            command: Some(cli::EmulatorCommand::State(args)),
            ..
        }) => commands::emulator::state(args, &cli.global),
        Command::Emulator(args) => commands::emulator::serve(args, |startup| match startup {
            // One compact line, so a supervising script can read it with `head -n1`.
            Output::Record { json, .. } if format == Format::Json => print(
                &Output::Text(format!("{}\n", terminal::json_string(json))),
                format,
            ),
            other => print(other, format),
        }),
        Command::Doctor => Ok(commands::doctor::run(&cli.global)),
        // Every other command works with the run's settings, resolved here once.
        command => {
            let ctx = Context::resolve(&cli.global)?.with_notes(Arc::clone(notes));
            commands::dispatch(command, &ctx, &mut |piece| print(piece, format))
        }
    }
}

/// Writes to stdout; a closed pipe (`| head`) is not an error worth a message.
fn print(output: &Output, format: Format) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    match output::render(output, format, &mut lock).and_then(|()| lock.flush()) {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn the_process_cannot_dump_core() {
        super::harden_process();
        assert_eq!(
            rustix::process::dumpable_behavior().unwrap(),
            rustix::process::DumpableBehavior::NotDumpable
        );
    }
}
