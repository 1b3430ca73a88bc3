//! The command-line grammar: clap derive types only, no logic. Doc comments here are the help
//! text users read, in `--help`, the man pages and the completions. One file per command noun,
//! mirroring `commands/`; this one holds the root, the global options and the command list.
//! Shell completers are attached by `completion`, so the grammar knows nothing of them.

mod admin;
mod aliases;
mod api_request;
mod app;
mod auth_configs;
mod authenticators;
mod bulk;
mod config;
mod credentials;
mod emulator;
mod events;
mod generated;
mod magic_link;
mod parse;
mod passkey;
mod register_token;
mod reports;
mod shared;
mod signin_token;
mod users;
mod verify;

pub use admin::*;
pub use aliases::*;
pub use api_request::*;
pub use app::*;
pub use auth_configs::*;
pub use authenticators::*;
pub use bulk::*;
pub use config::*;
pub use credentials::*;
pub use emulator::*;
pub use events::*;
pub use generated::*;
pub use magic_link::*;
pub use parse::{parse, with_tips};
pub use passkey::*;
pub use register_token::*;
pub use reports::*;
pub use shared::*;
pub use signin_token::*;
pub use users::*;
pub use verify::*;

use std::time::Duration;

use clap::{Args, Parser, Subcommand};

const AFTER_HELP: &str = "\
Examples:
  passwordless emulator exec -- passwordless register-token --user-id 42 --alias laptop
  passwordless config set-secret < secret.txt
  passwordless verify \"$TOKEN\"

The API secret is read from PASSWORDLESS_API_SECRET, else from the OS keyring entry of the
profile (see `passwordless config set-secret`); it is never accepted as an argument.
Exit codes: `passwordless help exit-codes`. Environment: `passwordless help environment`.";

/// Run a Passwordless.dev application from the terminal: create registration tokens, verify
/// sign-in tokens, manage secrets and run a local emulator of the API.
#[derive(Debug, Parser)]
#[command(
    name = "passwordless",
    version,
    after_help = AFTER_HELP,
    disable_help_subcommand = true,
    // One rule for a missing command, at the top as under `users`: the help on stderr and
    // exit 2 (nothing was done); `--help` and `help` print it on stdout and exit 0.
    arg_required_else_help = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Configuration profile to use, else PASSWORDLESS_PROFILE [default: default]
    // The variables are read by `context`, not by clap: clap would count a set variable as a
    // given flag and print `--profile <NAME>` in every usage line as if it were required.
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_name = "NAME"
    )]
    pub profile: Option<String>,

    /// Base URL of the Passwordless.dev API, else PASSWORDLESS_API_URL, else the profile's base-url
    /// [default: https://v4.passwordless.dev]
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_name = "URL"
    )]
    pub api_url: Option<String>,

    /// Print the API's JSON instead of a table (errors become JSON on stderr)
    #[arg(long, global = true, help_heading = "Global options")]
    pub json: bool,

    /// Like --json, as JSON Lines: a list prints one compact object per line, which
    /// `--from-file` reads back (e.g. `users list --jsonl | users delete --from-file - --yes`)
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        conflicts_with = "json"
    )]
    pub jsonl: bool,

    /// Print only the token or id, for use in `$(...)`
    #[arg(
        long,
        short,
        global = true,
        help_heading = "Global options",
        conflicts_with_all = ["json", "jsonl"]
    )]
    pub quiet: bool,

    /// Trust this PEM file's certificate authority besides the system's roots (a self-hosted
    /// server behind a company CA, `emulator --tls`), else PASSWORDLESS_CA_CERT, else the
    /// profile's ca-cert
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_name = "FILE",
        value_hint = clap::ValueHint::FilePath
    )]
    pub ca_cert: Option<std::path::PathBuf>,

    /// Give up on a request after this long, e.g. `10s`, `2m` or plain seconds (`1.5`)
    #[arg(long, global = true, allow_hyphen_values = true,
        help_heading = "Global options", value_name = "DURATION", default_value = "30s", value_parser = parse_duration)]
    pub timeout: Duration,

    /// Trace HTTP on stderr: -v request line, status and timing; -vv also headers; -vvv also
    /// bodies (secrets, keys and tokens masked)
    #[arg(long, short, global = true, help_heading = "Global options", action = clap::ArgAction::Count)]
    pub verbose: u8,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a registration token for a user (POST /register/token)
    ///
    /// The token lets the user's browser register a passkey. Hand it to your front end, which
    /// passes it to the Passwordless.dev client's `register()`.
    #[command(after_help = "Examples:
  passwordless register-token --user-id 42 --alias laptop
  passwordless register-token --user-id 42 --username alice@example.com --expires-in 10m --quiet")]
    RegisterToken(RegisterTokenArgs),

    /// Verify a sign-in token and show who signed in (POST /signin/verify)
    ///
    /// Exits 0 only when the token verified; an invalid, malformed or expired token exits 5.
    /// Tokens can be verified again until they expire.
    #[command(after_help = "Examples:
  passwordless verify verify_k8Qg...
  echo \"$TOKEN\" | passwordless verify - --json")]
    Verify(VerifyArgs),

    /// Create a sign-in token for a user without a passkey (POST /signin/generate-token)
    ///
    /// The token verifies like one from a passkey sign-in, with type `generated_signin`: use it
    /// for tests, support sessions and account recovery flows.
    #[command(after_help = "Example:
  passwordless verify \"$(passwordless signin-token --user-id 42 --quiet)\"")]
    SigninToken(SigninTokenArgs),

    /// List, count and delete users
    #[command(subcommand)]
    Users(UsersCommand),

    /// List and replace the aliases a user can sign in with
    #[command(subcommand)]
    Aliases(AliasesCommand),

    /// List and delete users' passkeys
    #[command(subcommand)]
    Credentials(CredentialsCommand),

    /// Register and sign in with passkeys from the terminal: a software authenticator
    ///
    /// Plays browser and authenticator against the browser-facing routes with the app's public
    /// key, so a backend can run a whole sign-up and sign-in with no browser. The private keys
    /// stay in a 0600 file (the authenticator file).
    #[command(subcommand)]
    Passkey(PasskeyCommand),

    /// Send sign-in links by e-mail
    #[command(subcommand)]
    MagicLink(MagicLinkCommand),

    /// The application's settings: change features, or export, diff and apply them as a file
    #[command(subcommand)]
    App(AppCommand),

    /// Manage authentication configurations: per-purpose token lifetime and user verification
    #[command(subcommand)]
    AuthConfigs(AuthConfigsCommand),

    /// Manage the authenticator allow and deny lists (by AAGUID)
    #[command(subcommand)]
    Authenticators(AuthenticatorsCommand),

    /// Read the application's event log
    #[command(subcommand)]
    Events(EventsCommand),

    /// Periodic reports: credentials and active users per day
    #[command(subcommand)]
    Reports(ReportsCommand),

    /// Operate a server with its management key: apps, API keys, features, deletion, health
    #[command(subcommand)]
    Admin(AdminCommand),

    /// Send an authenticated request to any API path and print the answer
    ///
    /// As with `gh api`: GET unless a method is given (as a word or with -X), POST when fields
    /// or --data are given; -f KEY=VALUE adds a string and -F KEY=VALUE a number, true, false or
    /// null to the JSON body, or to the query string for GET. Paths under /admin/ and
    /// /apps/list-pending-deletion carry the management key, /health/ nothing, everything else
    /// the API secret. A JSON answer is printed indented; any other body is printed as it came
    /// (with or without --json), as curl does. The exit status follows the HTTP status, as for
    /// every command (e.g. 3 for a 404).
    #[command(
        override_usage = "passwordless api [OPTIONS] [METHOD] <PATH>",
        after_help = "Examples:
  passwordless api /users/count
  passwordless api health/http --include
  passwordless api alias -f userId=42 -f 'aliases[]=a' -F hashing=true
  passwordless api -X GET alias/list -f userId=42
  passwordless api -X GET events -F numberOfResults=1000 --paginate
  passwordless api POST /signin/verify --data @body.json --dry-run"
    )]
    Api(ApiArgs),

    /// Show and change profiles, the base URL and the stored API secret
    #[command(subcommand)]
    Config(ConfigCommand),

    /// Check the setup: config file, keyring, secret, API, clock and proxies
    ///
    /// Runs every check and prints one row each, with the fix for what fails. Exits 0 when no
    /// check fails, 1 when one does. The secret is shown masked; one read-only request is sent
    /// (GET /users/count, or GET /health/http when there is no secret).
    #[command(after_help = "Examples:
  passwordless doctor
  passwordless doctor --profile prod --json")]
    Doctor,

    /// Run a local emulator of the Passwordless.dev API
    ///
    /// Serves on 127.0.0.1 with a development app whose secret and public key it prints. Use
    /// `emulator exec -- CMD` to run a command against a fresh emulator. It runs the passkey
    /// ceremonies of the browser-facing routes too: open http://localhost:PORT/ to try a passkey
    /// in your browser, or use `passwordless passkey` with no browser; http://localhost:PORT/_emulator/
    /// shows its state and requests live. With --tls it serves https instead, with a certificate
    /// from a local CA whose file it prints for clients to trust.
    #[command(after_help = "Examples:
  passwordless emulator --seed users.json --log
  passwordless emulator --port 7002 --state emulator.db
  passwordless emulator --tls
  passwordless emulator --tls-cert lan.pem --tls-key lan-key.pem --bind 0.0.0.0 --allow-remote \\
      --origin https://devbox.lan:7001")]
    Emulator(EmulatorArgs),

    /// Print a shell completion script
    ///
    /// The script asks `passwordless` itself for completions, so they match the installed
    /// version and include profile names; set PASSWORDLESS_COMPLETE_REMOTE=1 to also complete user
    /// ids from the API. Where to put it: bash: ~/.local/share/bash-completion/completions/passwordless;
    /// zsh: a folder on $fpath, as `_passwordless`; fish: ~/.config/fish/completions/passwordless.fish;
    /// PowerShell: dot-source it from $PROFILE; elvish: ~/.config/elvish/lib, then `use`.
    #[command(after_help = "Examples:
  passwordless completions bash > ~/.local/share/bash-completion/completions/passwordless
  passwordless completions zsh > ~/.zfunc/_passwordless
  passwordless completions fish > ~/.config/fish/completions/passwordless.fish")]
    Completions(CompletionsArgs),

    /// Write the man pages (passwordless.1 and one per subcommand)
    #[command(after_help = "Examples:
  passwordless man --dir ~/.local/share/man/man1
  SOURCE_DATE_EPOCH=1767225600 passwordless man --dir dist/man")]
    Man(ManArgs),

    /// Print help for a command, or a topic: `environment`, `exit-codes`
    #[command(after_help = "Examples:
  passwordless help environment
  passwordless help exit-codes
  passwordless help config set-secret")]
    Help(HelpArgs),
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_tree_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_duration("5m").unwrap(), Duration::from_secs(300));
        assert!(parse_duration("soon").is_err());
        assert_eq!(parse_duration("1.5").unwrap(), Duration::from_millis(1500));
        assert_eq!(
            parse_duration("-1").unwrap_err(),
            "a duration cannot be negative; use e.g. `30s` or plain seconds"
        );
    }
}
