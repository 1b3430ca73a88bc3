//! Turning argv into a [`Cli`]. Building clap's whole command tree costs more than the rest of
//! a one-off call against a local server (hundreds of allocations for every subcommand's flags
//! and help), so the commands people call in loops are first parsed against a tree holding
//! only themselves and the global options. Anything that tree does not accept — help, errors,
//! every other command — goes through the full tree, so output and messages are the same.

use std::ffi::OsString;

use clap::{Args, Command, FromArgMatches, Parser};

use super::{Cli, GlobalArgs, RegisterTokenArgs, SigninTokenArgs, VerifyArgs};

pub fn parse(argv: &[OsString]) -> Result<Cli, clap::Error> {
    match quick(argv) {
        Some(cli) => Ok(cli),
        None => Cli::try_parse_from(argv),
    }
}

/// `err` with a `tip:` line for the habits other CLIs teach: `gh auth login` / `stripe login`
/// (here the secret is stored with `config set-secret`), and `config set secret …` (secrets
/// never go through `config set`, which would put them in argv).
pub fn with_tips(mut err: clap::Error, argv: &[OsString]) -> clap::Error {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let value = |err: &clap::Error, kind| match err.get(kind) {
        Some(ContextValue::String(value)) => Some(value.clone()),
        _ => None,
    };
    const LOGIN: &str = "there is no login: store the API secret with `passwordless config set-secret` (hidden prompt, stdin or --from-file), or set PASSWORDLESS_API_SECRET";
    let words: Vec<&str> = argv.iter().skip(1).filter_map(|a| a.to_str()).collect();
    let tip = match err.kind() {
        ErrorKind::InvalidSubcommand => {
            match value(&err, ContextKind::InvalidSubcommand).as_deref() {
                Some("login" | "signin") => Some(LOGIN),
                // `gh auth login`: the look-alikes (auth-configs, authenticators) are not meant.
                Some("auth") if words.contains(&"login") => {
                    err.remove(ContextKind::SuggestedSubcommand);
                    Some(LOGIN)
                }
                Some("logout") => {
                    Some("remove the stored API secret with `passwordless config delete-secret`")
                }
                _ => None,
            }
        }
        ErrorKind::InvalidValue if words.contains(&"config") => {
            match value(&err, ContextKind::InvalidValue).as_deref() {
                Some("secret" | "api-secret" | "api_secret") => Some(
                    "secrets are not settings: store the API secret with `passwordless config set-secret` (it reads a prompt, stdin or --from-file, never an argument)",
                ),
                Some("management-key" | "management_key") => Some(
                    "store the management key with `passwordless config set-management-key` (it reads a prompt, stdin or --from-file, never an argument)",
                ),
                _ => None,
            }
        }
        _ => None,
    };
    if let Some(tip) = tip {
        err.insert(
            ContextKind::Suggested,
            ContextValue::StyledStrs(vec![tip.into()]),
        );
    }
    err
}

/// A successful parse against the small tree, or `None` to use the full one. The tree is a
/// part of the full one, so whatever it accepts, the full tree reads the same way.
fn quick(argv: &[OsString]) -> Option<Cli> {
    const QUICK: [&str; 3] = ["register-token", "signin-token", "verify"];
    // Global options may come first; a value that happens to be a command name only makes
    // the small tree fail, and the full one decide.
    let name = argv
        .iter()
        .skip(1)
        .filter_map(|arg| arg.to_str())
        .find(|arg| QUICK.contains(arg))?;
    let leaf = Command::new(name.to_owned());
    let leaf = match name {
        "register-token" => RegisterTokenArgs::augment_args(leaf),
        "signin-token" => SigninTokenArgs::augment_args(leaf),
        "verify" => VerifyArgs::augment_args(leaf),
        _ => return None,
    };
    let root = Cli::command_for_quick_parse().subcommand(leaf);
    let matches = root.try_get_matches_from(argv).ok()?;
    Cli::from_arg_matches(&matches).ok()
}

impl Cli {
    /// The root of the tree with its settings and global options, without subcommands.
    fn command_for_quick_parse() -> Command {
        GlobalArgs::augment_args(Command::new("passwordless"))
            .version(env!("CARGO_PKG_VERSION"))
            .disable_help_subcommand(true)
            .subcommand_required(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(args: &[&str]) -> Vec<OsString> {
        std::iter::once("passwordless")
            .chain(args.iter().copied())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn the_small_tree_parses_exactly_as_the_full_one() {
        for args in [
            &["register-token", "--user-id", "42", "--quiet"][..],
            &[
                "register-token",
                "--user-id=-x",
                "--alias",
                "a",
                "--alias",
                "b",
                "--hint",
                "hybrid",
            ],
            &[
                "--json",
                "register-token",
                "--user-id",
                "42",
                "--expires-in",
                "10m",
            ],
            &[
                "register-token",
                "--from-file",
                "-",
                "--concurrency",
                "4",
                "--rate",
                "5/s",
            ],
            &[
                "signin-token",
                "--user-id",
                "42",
                "--ttl",
                "60",
                "-v",
                "--timeout",
                "5s",
            ],
            &["--profile", "prod", "verify", "verify_abc", "--jsonl"],
        ] {
            let quick =
                quick(&argv(args)).unwrap_or_else(|| panic!("{args:?} takes the quick path"));
            let full = Cli::try_parse_from(argv(args)).unwrap();
            assert_eq!(format!("{quick:?}"), format!("{full:?}"), "{args:?}");
        }
    }

    #[test]
    fn help_errors_and_other_commands_use_the_full_tree() {
        for args in [
            &["register-token", "--help"][..],
            &["register-token"],
            &["register-token", "--user-id", "4", "--bogus"],
            &["register-token", "--from-file", "f", "--user-id", "4"],
            &["verify"],
            &["--version"],
            &["users", "list"],
            &["register-tokens", "--user-id", "4"],
            &["--profile", "verify", "users", "list"],
        ] {
            assert!(quick(&argv(args)).is_none(), "{args:?}");
        }
        let err = parse(&argv(&["register-token"])).unwrap_err();
        assert!(err.to_string().contains("--user-id"), "{err}");
    }
}
