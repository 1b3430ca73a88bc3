//! Turning argv into a [`Cli`]. Building clap's whole command tree costs more than the rest of
//! a one-off call against a local server (hundreds of allocations for every subcommand's flags
//! and help), so the commands people call in loops are first parsed against a tree holding
//! only themselves and the global options. Anything that tree does not accept — help, errors,
//! every other command — goes through the full tree, so output and messages are the same.

use std::ffi::OsString;

use clap::{Args, Command, FromArgMatches, Parser};

use crate::argv::Scan;

use super::{Cli, GlobalArgs, RegisterTokenArgs, SigninTokenArgs, VerifyArgs};

pub fn parse(argv: &[OsString], scan: &Scan) -> Result<Cli, clap::Error> {
    match quick(argv, scan) {
        Some(cli) => Ok(cli),
        None => Cli::try_parse_from(argv),
    }
}

/// `err` with a `tip:` line for the habits other CLIs teach: `gh auth login` / `stripe login`
/// (here the secret is stored with `config set-secret`), and `config set secret …` (secrets
/// never go through `config set`, which would put them in argv).
pub fn with_tips(mut err: clap::Error, scan: &Scan) -> clap::Error {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let value = |err: &clap::Error, kind| match err.get(kind) {
        Some(ContextValue::String(value)) => Some(value.clone()),
        _ => None,
    };
    const LOGIN: &str = "there is no login: store the API secret with `passwordless config set-secret` (hidden prompt, stdin or --from-file), or set PASSWORDLESS_API_SECRET";
    let words: Vec<&str> = scan.words.iter().skip(1).map(String::as_str).collect();
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
fn quick(argv: &[OsString], scan: &Scan) -> Option<Cli> {
    const QUICK: [&str; 3] = ["register-token", "signin-token", "verify"];
    let name = scan.command().filter(|name| QUICK.contains(name))?;
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

    fn quick_of(args: &[&str]) -> Option<Cli> {
        let words = argv(args);
        quick(&words, &Scan::of(&words))
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
            let quick = quick_of(args).unwrap_or_else(|| panic!("{args:?} takes the quick path"));
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
            assert!(quick_of(args).is_none(), "{args:?}");
        }
        let words = argv(&["register-token"]);
        let err = parse(&words, &Scan::of(&words)).unwrap_err();
        assert!(err.to_string().contains("--user-id"), "{err}");
    }
}
