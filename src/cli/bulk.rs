//! `--from-file` and its companions, flattened into every command that can run once per record
//! of a file: register-token, signin-token, magic-link send, users delete, aliases set and
//! credentials delete.

use std::path::PathBuf;

use clap::Args;

use crate::bulk::pace::Rate;

/// The group of a command's per-record flags. With `--from-file` they come from the file, never
/// the command line (the two would be ambiguous), so every bulk flag conflicts with the group:
/// that also keeps clap from waiving `requires = "from_file"` when a record flag is given.
pub const RECORD_FIELDS: &str = "record_fields";

#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Bulk: one request per record of a file")]
pub struct BulkArgs {
    /// Send one request per record of FILE (`-` reads stdin): CSV with a header row of flag
    /// names (`user-id,username,alias`; repeat a column for a repeatable flag), JSON Lines, or
    /// a JSON array of objects (flag or API member names). Results go to stdout, one JSON line
    /// per record
    #[arg(long, value_name = "FILE|-", conflicts_with = RECORD_FIELDS)]
    pub from_file: Option<PathBuf>,

    /// Write the results to FILE instead of stdout (needed for --resume; created private)
    #[arg(long, value_name = "FILE", requires = "from_file", conflicts_with = RECORD_FIELDS)]
    pub results: Option<PathBuf>,

    /// Continue a stopped run with the same --results FILE: records already ok are skipped
    #[arg(long, requires = "results", conflicts_with = RECORD_FIELDS)]
    pub resume: bool,

    /// With --resume, send again the requests whose outcome is unknown (a magic link that may
    /// or may not have gone out when the earlier run was killed)
    #[arg(long, requires = "resume", conflicts_with = RECORD_FIELDS)]
    pub resend_unknown: bool,

    /// Requests in flight at once [default: 8]
    #[arg(long, value_name = "N", requires = "from_file", conflicts_with = RECORD_FIELDS,
        value_parser = clap::value_parser!(u16).range(1..=256))]
    pub concurrency: Option<u16>,

    /// At most this many requests per second, e.g. `50`, `50/s`, `3000/min`
    #[arg(long, value_name = "N/s", requires = "from_file", conflicts_with = RECORD_FIELDS)]
    pub rate: Option<Rate>,

    /// Start no new record after the first one that fails
    #[arg(long, requires = "from_file", conflicts_with = RECORD_FIELDS)]
    pub fail_fast: bool,
}

impl BulkArgs {
    /// The ids of these flags: they are options of the run, never columns of a record.
    pub fn ids() -> Vec<String> {
        BulkArgs::augment_args(clap::Command::new("bulk"))
            .get_arguments()
            .map(|arg| arg.get_id().to_string())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use crate::cli::{Cli, Command, UsersCommand};

    fn parse(argv: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("passwordless").chain(argv.iter().copied()))
    }

    #[test]
    fn from_file_replaces_the_per_record_flags() {
        let cli = parse(&["register-token", "--from-file", "users.csv"]).unwrap();
        let Command::RegisterToken(args) = cli.command else {
            unreachable!()
        };
        assert_eq!(args.user_id, None);
        assert_eq!(args.bulk.from_file.as_deref(), Some("users.csv".as_ref()));
        let err = parse(&["register-token", "--from-file", "x", "--user-id", "u"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::ArgumentConflict);
        let err = parse(&["register-token", "--from-file", "x", "--alias", "a"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::ArgumentConflict);
        let err = parse(&["register-token"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::MissingRequiredArgument);
    }

    #[test]
    fn confirmation_and_run_options_go_with_from_file() {
        let cli = parse(&[
            "users",
            "delete",
            "--from-file",
            "-",
            "--yes",
            "--results",
            "r.jsonl",
            "--resume",
            "--concurrency",
            "16",
            "--rate",
            "100/s",
            "--fail-fast",
        ])
        .unwrap();
        let Command::Users(UsersCommand::Delete(args)) = cli.command else {
            unreachable!()
        };
        assert!(args.confirm.yes);
        assert_eq!(args.bulk.concurrency, Some(16));
        assert_eq!(args.bulk.rate, Some(crate::bulk::pace::Rate(100.0)));
        assert!(args.bulk.resume && args.bulk.fail_fast);
        let cli = parse(&["users", "delete", "42"]).unwrap();
        let Command::Users(UsersCommand::Delete(args)) = cli.command else {
            unreachable!()
        };
        assert_eq!(args.user_id.as_deref(), Some("42"));
    }

    #[test]
    fn run_options_need_from_file() {
        for argv in [
            &["signin-token", "--user-id", "u", "--results", "r"][..],
            &["signin-token", "--user-id", "u", "--concurrency", "2"],
            &["signin-token", "--user-id", "u", "--fail-fast"],
            &["signin-token", "--from-file", "f", "--resume"],
            &["signin-token", "--from-file", "f", "--concurrency", "0"],
            &["signin-token", "--from-file", "f", "--rate", "0"],
        ] {
            assert!(parse(argv).is_err(), "{argv:?}");
        }
    }
}
