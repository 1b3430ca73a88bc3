//! The passwordless CLI as a library. [`main`] is the whole program: parse argv, resolve settings,
//! dispatch to a command, render its output, and turn any error into one message and one exit
//! code — in this one place.

#[allow(clippy::disallowed_types)]
pub mod api;
pub mod bulk;
pub mod cli;
pub mod commands;
pub mod completion;
pub mod config;
pub mod context;
pub mod emulator;
pub mod env;
pub mod error;
pub mod exit;
pub mod fsutil;
pub mod keyring_store;
pub mod output;
pub mod report;
pub mod secret;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use cli::{Cli, Command, EmulatorArgs};
use context::Context;
use exit::Exit;
use output::{Format, Output};

pub fn main() -> ExitCode {
    completion::complete_if_asked();
    let argv: Vec<OsString> = std::env::args_os().collect();
    if secret::argv_holds_secret(&argv) {
        // Refuse before clap can echo the value in an "unexpected argument" error.
        report::usage_line(
            "an API secret was given on the command line, where shell history and the process list keep it; use `passwordless config set-secret` (prompt, stdin or --from-file) or set PASSWORDLESS_API_SECRET",
        );
        return ExitCode::from(Exit::Usage as u8);
    }
    let cli = match cli::parse(&argv) {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() {
                Exit::Usage as u8
            } else {
                0
            });
        }
    };
    let json_errors = cli.global.json || cli.global.jsonl;
    let format = initial_format(&cli);
    match run(&cli, format) {
        Ok(Output::Status(code)) => ExitCode::from(code),
        Ok(output) => match print(&output, format) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                let code = exit::classify(&err);
                report::error(&err, code, json_errors);
                ExitCode::from(code as u8)
            }
        },
        Err(err) => {
            let code = exit::classify(&err);
            report::error(&err, code, json_errors);
            ExitCode::from(code as u8)
        }
    }
}

fn initial_format(cli: &Cli) -> Format {
    use std::io::IsTerminal;
    if cli.global.json {
        Format::Json
    } else if cli.global.jsonl {
        Format::JsonLines
    } else if cli.global.quiet {
        Format::Quiet
    } else {
        Format::Table {
            terminal: std::io::stdout().is_terminal(),
        }
    }
}

fn run(cli: &Cli, format: Format) -> anyhow::Result<Output> {
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
            command: Some(cli::EmulatorCommand::Outbox(args)),
            ..
        }) => commands::emulator::outbox(args, &cli.global),
        Command::Emulator(EmulatorArgs {
            command: Some(cli::EmulatorCommand::State(args)),
            ..
        }) => commands::emulator::state(args, &cli.global),
        Command::Emulator(args) => commands::emulator::serve(args, |startup| match startup {
            // One compact line, so a supervising script can read it with `head -n1`.
            Output::Record { json, .. } if format == Format::Json => {
                print(&Output::Text(format!("{json}\n")), format)
            }
            other => print(other, format),
        }),
        Command::RegisterToken(args) => {
            commands::register_token::run(args, &Context::resolve(&cli.global)?)
        }
        Command::Verify(args) => commands::verify::run(args, &Context::resolve(&cli.global)?),
        Command::SigninToken(args) => {
            commands::signin_token::run(args, &Context::resolve(&cli.global)?)
        }
        Command::Config(command) => commands::config::run(command, &Context::resolve(&cli.global)?),
        Command::Users(command) => commands::users::run(command, &Context::resolve(&cli.global)?),
        Command::Aliases(command) => {
            commands::aliases::run(command, &Context::resolve(&cli.global)?)
        }
        Command::Credentials(command) => {
            commands::credentials::run(command, &Context::resolve(&cli.global)?)
        }
        Command::MagicLink(command) => {
            commands::magic_link::run(command, &Context::resolve(&cli.global)?)
        }
        Command::App(command) => commands::app::run(command, &Context::resolve(&cli.global)?),
        Command::AuthConfigs(command) => {
            commands::auth_configs::run(command, &Context::resolve(&cli.global)?)
        }
        Command::Authenticators(command) => {
            commands::authenticators::run(command, &Context::resolve(&cli.global)?)
        }
        Command::Events(command) => commands::events::run(command, &Context::resolve(&cli.global)?),
        Command::Reports(command) => {
            commands::reports::run(command, &Context::resolve(&cli.global)?)
        }
        Command::Admin(command) => commands::admin::run(command, &Context::resolve(&cli.global)?),
        Command::Api(args) => commands::api_request::run(args, &Context::resolve(&cli.global)?),
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
