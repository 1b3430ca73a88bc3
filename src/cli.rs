//! The command-line grammar: clap derive types only, no logic. Doc comments here are the help
//! text users read, in `--help`, the man pages and the completions.

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::ArgValueCompleter;

use crate::completion::{profile_names, user_ids};

mod passkey;
pub use passkey::*;

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
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        env = "PASSWORDLESS_PROFILE",
        hide_env_values = true,
        value_name = "NAME",
        add = ArgValueCompleter::new(profile_names)
    )]
    pub profile: Option<String>,

    /// Base URL of the Passwordless.dev API, else PASSWORDLESS_API_URL, else the profile's base-url
    /// [default: https://v4.passwordless.dev]
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        env = "PASSWORDLESS_API_URL",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub api_url: Option<String>,

    /// Print the API's JSON instead of a table (errors become JSON on stderr)
    #[arg(long, global = true, help_heading = "Global options")]
    pub json: bool,

    /// Print only the token or id, for use in `$(...)`
    #[arg(
        long,
        short,
        global = true,
        help_heading = "Global options",
        conflicts_with = "json"
    )]
    pub quiet: bool,

    /// Give up on a request after this long, e.g. `10s`, `2m` or plain seconds
    #[arg(long, global = true,
        help_heading = "Global options", value_name = "DURATION", default_value = "30s", value_parser = parse_duration)]
    pub timeout: Duration,

    /// Trace each HTTP request and response on stderr (secrets masked)
    #[arg(long, short, global = true, help_heading = "Global options")]
    pub verbose: bool,
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

    /// Change the application's features (magic links, generated tokens, event log retention)
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

    /// Send an authenticated request to any API path and print the JSON answer
    ///
    /// Paths under /admin/ and /apps/list-pending-deletion carry the management key, /health/
    /// nothing, everything else the API secret.
    #[command(after_help = "Examples:
  passwordless api GET /users/count
  passwordless api POST /alias --data '{\"userId\":\"42\",\"aliases\":[\"a\"],\"hashing\":true}'
  passwordless api POST /signin/verify --data @body.json --dry-run")]
    Api(ApiArgs),

    /// Show and change profiles, the base URL and the stored API secret
    #[command(subcommand)]
    Config(ConfigCommand),

    /// Run a local emulator of the Passwordless.dev API
    ///
    /// Serves on 127.0.0.1 with a development app whose secret and public key it prints. Use
    /// `emulator exec -- CMD` to run a command against a fresh emulator. The browser-facing
    /// routes (register/sign-in begin and complete) are not emulated yet: seed users and
    /// passkeys with --seed.
    #[command(after_help = "Examples:
  passwordless emulator --seed users.json --log
  passwordless emulator --port 7002 --state emulator.json")]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Attestation {
    None,
    Direct,
    Indirect,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuthenticatorType {
    Any,
    Platform,
    CrossPlatform,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UserVerification {
    Preferred,
    Required,
    Discouraged,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Hint {
    SecurityKey,
    ClientDevice,
    Hybrid,
}

#[derive(Debug, Args)]
pub struct RegisterTokenArgs {
    /// Your id for the user (the WebAuthn user handle; keep it free of personal data)
    #[arg(long, value_name = "ID", add = ArgValueCompleter::new(user_ids))]
    pub user_id: String,

    /// Name shown by the authenticator when choosing a passkey [default: the user id]
    #[arg(long, value_name = "NAME")]
    pub username: Option<String>,

    /// Friendlier name for the user [default: the username]
    #[arg(long, value_name = "NAME")]
    pub display_name: Option<String>,

    /// An alias the user can sign in with (repeat for more; at most 10, 250 characters each)
    #[arg(long = "alias", value_name = "ALIAS")]
    pub aliases: Vec<String>,

    /// Store aliases in plain text instead of hashed, so they can be listed back
    #[arg(long)]
    pub no_alias_hashing: bool,

    /// Whether the passkey is discoverable (usable without typing a username) [default: true]
    #[arg(long, value_name = "BOOL")]
    pub discoverable: Option<bool>,

    /// Attestation to request; direct and indirect need a plan that allows attestation [default: none]
    #[arg(long, value_enum)]
    pub attestation: Option<Attestation>,

    /// Kind of authenticator allowed [default: any]
    #[arg(long, value_enum)]
    pub authenticator_type: Option<AuthenticatorType>,

    /// Whether the authenticator must verify the user (PIN, biometrics) [default: preferred]
    #[arg(long, value_enum)]
    pub user_verification: Option<UserVerification>,

    /// A hint for the browser's passkey dialog (repeat for more; at most 3)
    #[arg(long = "hint", value_enum, value_name = "HINT")]
    pub hints: Vec<Hint>,

    /// Token lifetime, e.g. `90s`, `10m`, `24h` [default: the server's 120 seconds]
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, conflicts_with = "expires_at")]
    pub expires_in: Option<Duration>,

    /// Expiry as an RFC 3339 time, e.g. 2030-01-01T12:00:00Z
    #[arg(long, value_name = "TIME")]
    pub expires_at: Option<String>,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The `verify_...` token from the front end, or `-` to read it from stdin
    #[arg(value_name = "TOKEN")]
    pub token: String,
}

#[derive(Debug, Args)]
pub struct SigninTokenArgs {
    /// Your id for the user to sign in, as given to `register-token --user-id`
    #[arg(long, value_name = "ID", add = ArgValueCompleter::new(user_ids))]
    pub user_id: String,

    /// Token lifetime, 1 second to 7 days, e.g. `30s`, `10m` [default: 120 seconds]
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub ttl: Option<Duration>,

    /// Purpose recorded in the token, e.g. step-up [default: sign-in]
    #[arg(long, value_name = "PURPOSE")]
    pub purpose: Option<String>,

    /// Relying-party id recorded in the token, e.g. example.com
    #[arg(long, value_name = "RPID")]
    pub rp_id: Option<String>,

    /// Origin recorded in the token, e.g. https://example.com
    #[arg(long, value_name = "ORIGIN")]
    pub origin: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Store the API secret in the OS keyring
    ///
    /// Reads the secret from a hidden prompt on a terminal, from stdin when piped, or from
    /// --from-file; never from an argument. Checks its shape (`<app>:secret:<32 hex>`).
    /// PASSWORDLESS_API_SECRET, when set, wins over the stored secret.
    #[command(after_help = "Examples:
  passwordless config set-secret
  pass show passwordless/prod | passwordless config set-secret --profile prod
  passwordless config set-secret --from-file ~/.secrets/passwordless")]
    SetSecret(SetSecretArgs),

    /// Remove the profile's API secret from the OS keyring
    #[command(after_help = "Examples:
  passwordless config delete-secret
  passwordless config delete-secret --profile prod")]
    DeleteSecret,

    /// Store a management key (for `admin` commands) in the OS keyring
    ///
    /// Read like the API secret: hidden prompt, stdin, or --from-file; never an argument.
    /// PASSWORDLESS_MANAGEMENT_KEY, when set, wins over the stored key.
    #[command(after_help = "Examples:
  passwordless config set-management-key
  pass show passwordless/management | passwordless config set-management-key --profile prod")]
    SetManagementKey(SetSecretArgs),

    /// Remove the profile's management key from the OS keyring
    #[command(after_help = "Examples:
  passwordless config delete-management-key
  passwordless config delete-management-key --profile prod")]
    DeleteManagementKey,

    /// Show the active profile, base URL and where the secret comes from (masked)
    #[command(after_help = "Examples:
  passwordless config show
  passwordless config show --profile prod --json")]
    Show,

    /// Set a profile setting: `base-url URL` or `keyring-store secret-service|keyutils|insecure-file`
    #[command(after_help = "Examples:
  passwordless config set base-url https://passwordless.example.com/api --profile prod
  passwordless config set keyring-store keyutils")]
    Set(ConfigSetArgs),

    /// Remove a profile setting, going back to its default
    #[command(after_help = "Examples:
  passwordless config unset base-url --profile prod")]
    Unset(ConfigUnsetArgs),

    /// Print the path of the configuration file
    #[command(after_help = "Examples:
  passwordless config path
  cat \"$(passwordless config path)\"")]
    Path,
}

#[derive(Debug, Args)]
pub struct SetSecretArgs {
    /// Read the secret from this file instead of the prompt or stdin
    #[arg(long, value_name = "FILE")]
    pub from_file: Option<PathBuf>,

    /// Never used: catches a secret typed as an argument so it can be refused without echoing it
    #[arg(hide = true, num_args = 0.., trailing_var_arg = true, allow_hyphen_values = true)]
    pub refused: Vec<OsString>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConfigKey {
    BaseUrl,
    KeyringStore,
    /// The app's public API key, for `passkey register` and `passkey sign-in`
    PublicKey,
}

#[derive(Debug, Args)]
pub struct ConfigSetArgs {
    /// The setting to change
    #[arg(value_enum)]
    pub key: ConfigKey,
    /// The new value: a URL for base-url; secret-service, keyutils or insecure-file for
    /// keyring-store; `<app>:public:<32 hex>` for public-key
    pub value: String,
}

#[derive(Debug, Args)]
pub struct ConfigUnsetArgs {
    /// The setting to remove from the profile
    #[arg(value_enum)]
    pub key: ConfigKey,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct EmulatorArgs {
    /// Port to listen on (0 picks a free one)
    #[arg(long, default_value_t = 7001)]
    pub port: u16,

    /// Address to bind; anything but loopback needs --allow-remote
    #[arg(long, default_value = "127.0.0.1", value_name = "IP")]
    pub bind: std::net::IpAddr,

    /// Allow binding a non-loopback address (the dev keys are public: anyone who can reach the port can use them)
    #[arg(long)]
    pub allow_remote: bool,

    /// Users, aliases and credentials to start from (JSON or TOML); ignored when the --state file
    /// exists
    #[arg(long, value_name = "FILE")]
    pub seed: Option<PathBuf>,

    /// Log one line per request on stderr: method, path, status, latency
    #[arg(long)]
    pub log: bool,

    /// Number tokens and trace ids sequentially, for reproducible test output
    #[arg(long, hide = true)]
    pub deterministic: bool,

    /// Keep the state in FILE: loaded at start when it exists, saved after every change and on exit
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,

    /// The development app's API secret, `<appid>:secret:<32 hex>` (a local dev key, printed at
    /// start) [default: devapp's built-in secret]
    #[arg(long, value_name = "SECRET")]
    pub secret: Option<String>,

    /// The development app's public API key, `<appid>:public:<32 hex>`; given only one of the two
    /// keys, the other gets the same app id [default: devapp's built-in key]
    #[arg(long, value_name = "KEY")]
    pub public_key: Option<String>,

    /// Also run passkey ceremonies for pages from this origin (scheme://host[:port]); loopback
    /// pages (http://localhost:PORT, http://127.0.0.1:PORT) always work. Repeatable
    #[arg(long = "origin", value_name = "URL", value_parser = crate::emulator::parse_origin)]
    pub origins: Vec<String>,

    #[command(subcommand)]
    pub command: Option<EmulatorCommand>,
}

#[derive(Debug, Subcommand)]
pub enum EmulatorCommand {
    /// Start the emulator on a free port, run CMD against it, stop it, and exit with CMD's status
    ///
    /// CMD sees PASSWORDLESS_API_URL, PASSWORDLESS_API_SECRET, PASSWORDLESS_API_KEY and
    /// PASSWORDLESS_MANAGEMENT_KEY, and this binary's folder first on PATH.
    #[command(after_help = "Examples:
  passwordless emulator exec -- passwordless register-token --user-id 42 --alias laptop
  passwordless emulator exec -- npm test")]
    Exec(EmulatorExecArgs),

    /// Make a running emulator fail chosen requests (add, list, clear)
    #[command(subcommand)]
    Fault(EmulatorFaultCommand),

    /// List the magic-link e-mails a running emulator has "sent"
    #[command(after_help = "Examples:
  passwordless emulator outbox
  passwordless emulator outbox --url http://127.0.0.1:7001 --json")]
    Outbox(EmulatorClientArgs),

    /// Print the whole state of a running emulator as JSON (secrets masked)
    #[command(after_help = "Examples:
  passwordless emulator state
  passwordless emulator state --url http://127.0.0.1:7001 > state.json")]
    State(EmulatorClientArgs),
}

/// Where the running emulator listens.
#[derive(Debug, Args)]
pub struct EmulatorClientArgs {
    /// URL of the running emulator, else PASSWORDLESS_API_URL (which `emulator exec` sets for its
    /// command)
    #[arg(
        long,
        env = "PASSWORDLESS_API_URL",
        hide_env_values = true,
        default_value = "http://127.0.0.1:7001",
        value_name = "URL"
    )]
    pub url: String,
}

#[derive(Debug, Subcommand)]
pub enum EmulatorFaultCommand {
    /// Fail requests to PATH with STATUS, after an optional delay, COUNT times or forever
    #[command(after_help = "Examples:
  passwordless emulator fault add --path /signin/verify --status 503 --count 2
  passwordless emulator fault add --path /register/token --status 400 \\
      --body '{\"errorCode\":\"invalid_attestation\",\"title\":\"Bad\",\"status\":400}'
  passwordless emulator fault add --path /users/list --status 200 --delay 2s")]
    Add(EmulatorFaultAddArgs),
    /// List the fault rules
    #[command(after_help = "Examples:
  passwordless emulator fault list
  passwordless emulator fault list --url http://127.0.0.1:7001 --json")]
    List(EmulatorClientArgs),
    /// Remove every fault rule
    #[command(after_help = "Examples:
  passwordless emulator fault clear
  passwordless emulator fault clear --url http://127.0.0.1:7001")]
    Clear(EmulatorClientArgs),
}

#[derive(Debug, Args)]
pub struct EmulatorFaultAddArgs {
    #[command(flatten)]
    pub target: EmulatorClientArgs,

    /// Request path to match, e.g. /signin/verify (case-insensitive)
    #[arg(long, value_name = "PATH")]
    pub path: String,

    /// HTTP status to answer with, 100 to 599
    #[arg(long, value_name = "STATUS", value_parser = clap::value_parser!(u16).range(100..=599))]
    pub status: u16,

    /// Only match this HTTP method, e.g. POST [default: any]
    #[arg(long, value_name = "METHOD")]
    pub method: Option<String>,

    /// Fail this many requests, then stop [default: forever]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,

    /// Wait this long before answering, e.g. 500ms or 2s
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration)]
    pub delay: Option<std::time::Duration>,

    /// JSON body to answer with [default: a problem-details body for error statuses]
    #[arg(long, value_name = "JSON")]
    pub body: Option<String>,
}

#[derive(Debug, Args)]
pub struct EmulatorExecArgs {
    /// Users, aliases and credentials to start from (JSON or TOML)
    #[arg(long, value_name = "FILE")]
    pub seed: Option<PathBuf>,

    /// Log one line per request on stderr: method, path, status, latency
    #[arg(long)]
    pub log: bool,

    /// Also run passkey ceremonies for pages from this origin (scheme://host[:port]); loopback
    /// pages (http://localhost:PORT, http://127.0.0.1:PORT) always work. Repeatable
    #[arg(long = "origin", value_name = "URL", value_parser = crate::emulator::parse_origin)]
    pub origins: Vec<String>,

    /// The command to run and its arguments, after `--`
    #[arg(
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "CMD"
    )]
    pub command: Vec<OsString>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to print the script for
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Folder to write the pages into (created if missing)
    #[arg(long, value_name = "DIR", default_value = "man")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct HelpArgs {
    /// A command path (e.g. `config set-secret`) or a topic: `environment`, `exit-codes`
    pub topic: Vec<String>,
}

/// Confirmation for commands that delete or lock.
#[derive(Debug, Args)]
pub struct ConfirmArgs {
    /// Do it without asking (required when stdin is not a terminal)
    #[arg(long, short)]
    pub yes: bool,
}

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// List users: everyone with a passkey or an alias (GET /users/list)
    #[command(after_help = "Examples:
  passwordless users list
  passwordless users list --quiet     # one user id per line")]
    List,
    /// Count users with at least one passkey (GET /users/count)
    #[command(after_help = "Examples:
  passwordless users count
  passwordless users count --quiet")]
    Count,
    /// Delete a user with all their passkeys and aliases (POST /users/delete)
    #[command(after_help = "Examples:
  passwordless users delete 42
  passwordless users delete 42 --yes     # no prompt, for scripts")]
    Delete(UsersDeleteArgs),
}

#[derive(Debug, Args)]
pub struct UsersDeleteArgs {
    /// Your id for the user to delete
    #[arg(value_name = "USER_ID", add = ArgValueCompleter::new(user_ids))]
    pub user_id: String,
    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

#[derive(Debug, Subcommand)]
pub enum AliasesCommand {
    /// List a user's aliases (GET /alias/list); hashed aliases show only their hash
    #[command(after_help = "Examples:
  passwordless aliases list --user-id 42
  passwordless aliases list --user-id 42 --json")]
    List(UserIdArgs),
    /// Replace a user's aliases (POST /alias); with no --alias, remove them all
    #[command(after_help = "Examples:
  passwordless aliases set --user-id 42 --alias alice --alias alice@example.com
  passwordless aliases set --user-id 42 --yes     # removes all aliases")]
    Set(AliasesSetArgs),
}

#[derive(Debug, Args)]
pub struct UserIdArgs {
    /// Your id for the user, as given to `register-token --user-id`
    #[arg(long, value_name = "ID", add = ArgValueCompleter::new(user_ids))]
    pub user_id: String,
}

#[derive(Debug, Args)]
pub struct AliasesSetArgs {
    /// Your id for the user, as given to `register-token --user-id`
    #[arg(long, value_name = "ID", add = ArgValueCompleter::new(user_ids))]
    pub user_id: String,
    /// An alias the user can sign in with (repeat for more; at most 10, 250 characters each)
    #[arg(long = "alias", value_name = "ALIAS")]
    pub aliases: Vec<String>,
    /// Store the aliases in plain text instead of hashed, so they can be listed back
    #[arg(long)]
    pub no_hashing: bool,
    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

#[derive(Debug, Subcommand)]
pub enum CredentialsCommand {
    /// List a user's passkeys (GET /credentials/list)
    #[command(after_help = "Examples:
  passwordless credentials list --user-id 42
  passwordless credentials list --user-id 42 --quiet     # one credential id per line")]
    List(UserIdArgs),
    /// Delete a passkey (POST /credentials/delete)
    #[command(after_help = "Examples:
  passwordless credentials delete AQIDBA
  passwordless credentials delete AQIDBA --yes     # no prompt, for scripts")]
    Delete(CredentialsDeleteArgs),
}

#[derive(Debug, Args)]
pub struct CredentialsDeleteArgs {
    /// The credential id: base64url as `credentials list` shows it, or the standard base64 that
    /// `verify` prints (converted for you)
    #[arg(value_name = "CREDENTIAL_ID")]
    pub credential_id: String,
    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

#[derive(Debug, Subcommand)]
pub enum MagicLinkCommand {
    /// E-mail a sign-in link (POST /magic-links/send); never retried, since each call sends mail
    #[command(after_help = "Example:
  passwordless magic-link send --email alice@example.com --user-id 42 \\
      --url-template 'https://app.example.com/verify?token=$TOKEN'")]
    Send(MagicLinkSendArgs),
}

#[derive(Debug, Args)]
pub struct MagicLinkSendArgs {
    /// E-mail address to send the link to
    #[arg(long, value_name = "ADDRESS")]
    pub email: String,
    /// Link to send; `$TOKEN` is replaced by the sign-in token
    #[arg(long, value_name = "URL")]
    pub url_template: String,
    /// Your id for the user the link signs in
    #[arg(long, value_name = "ID", add = ArgValueCompleter::new(user_ids))]
    pub user_id: String,
    /// Token lifetime, 1 second to 7 days [default: 1 hour]
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub ttl: Option<Duration>,
}

#[derive(Debug, Subcommand)]
pub enum AppCommand {
    /// Features of the application that the API secret may change (POST /apps/features)
    #[command(subcommand)]
    Features(AppFeaturesCommand),
}

#[derive(Debug, Subcommand)]
pub enum AppFeaturesCommand {
    /// Turn features on or off; unnamed features stay as they are. Reading them needs
    /// `admin apps features` (the API secret has no read route).
    #[command(after_help = "Examples:
  passwordless app features set --magic-links on
  passwordless app features set --generated-tokens off --event-log-retention 30")]
    Set(AppFeaturesSetArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Switch {
    On,
    Off,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("feature").required(true).multiple(true)))]
pub struct AppFeaturesSetArgs {
    /// Allow `magic-link send`
    #[arg(long, value_enum, group = "feature")]
    pub magic_links: Option<Switch>,
    /// Allow `signin-token` (POST /signin/generate-token)
    #[arg(long, value_enum, group = "feature")]
    pub generated_tokens: Option<Switch>,
    /// Days to keep the event log, 0 to 90
    #[arg(long, value_name = "DAYS", group = "feature")]
    pub event_log_retention: Option<u32>,
}

#[derive(Debug, Subcommand)]
pub enum AuthConfigsCommand {
    /// List configurations, with the built-in `sign-in` and `step-up` (GET /auth-configs/list)
    #[command(after_help = "Examples:
  passwordless auth-configs list
  passwordless auth-configs list --purpose step-up --json")]
    List(AuthConfigsListArgs),
    /// Add a configuration for a new purpose (POST /auth-configs/add)
    #[command(after_help = "Examples:
  passwordless auth-configs add --purpose checkout
  passwordless auth-configs add --purpose checkout --ttl 5m --user-verification required")]
    Add(AuthConfigArgs),
    /// Change a configuration (POST /auth-configs), built-in ones included
    ///
    /// Settings left out keep their current values: the CLI reads the configuration first,
    /// because the route itself replaces every setting.
    #[command(after_help = "Examples:
  passwordless auth-configs update --purpose checkout --ttl 10m --user-verification required
  passwordless auth-configs update --purpose step-up --ttl 1m --user-verification required")]
    Update(AuthConfigArgs),
    /// Delete a configuration (POST /auth-configs/delete); built-in ones cannot be deleted
    #[command(after_help = "Examples:
  passwordless auth-configs delete --purpose checkout
  passwordless auth-configs delete --purpose checkout --yes")]
    Delete(AuthConfigsDeleteArgs),
}

#[derive(Debug, Args)]
pub struct AuthConfigsListArgs {
    /// Show only the configuration of this purpose
    #[arg(long)]
    pub purpose: Option<String>,
}

#[derive(Debug, Args)]
pub struct AuthConfigArgs {
    /// The purpose the configuration is for: letters, digits, `-` and `_`, up to 255 characters
    #[arg(long)]
    pub purpose: String,
    /// User verification for sign-ins with this purpose [default: preferred]
    #[arg(long, value_enum)]
    pub user_verification: Option<UserVerification>,
    /// Lifetime of the verify tokens it issues, e.g. `2m`, `1h` [default: 2 minutes]
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub ttl: Option<Duration>,
    /// A hint for the browser's passkey dialog (repeat for more)
    #[arg(long = "hint", value_enum, value_name = "HINT")]
    pub hints: Vec<Hint>,
    /// Who made the change, recorded by the server
    #[arg(long, value_name = "NAME", default_value = "passwordless-cli")]
    pub performed_by: String,
}

#[derive(Debug, Args)]
pub struct AuthConfigsDeleteArgs {
    /// The purpose of the configuration to delete
    #[arg(long)]
    pub purpose: String,
    /// Who made the change, recorded by the server
    #[arg(long, value_name = "NAME", default_value = "passwordless-cli")]
    pub performed_by: String,
    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

#[derive(Debug, Subcommand)]
pub enum AuthenticatorsCommand {
    /// List the allow list, or the deny list with --denied (GET /authenticators/list)
    #[command(after_help = "Examples:
  passwordless authenticators list
  passwordless authenticators list --denied --json")]
    List(AuthenticatorsListArgs),
    /// Add AAGUIDs to the allow list (POST /authenticators/add); needs attestation on the plan
    #[command(after_help = "Example:
  passwordless authenticators allow ee882879-721c-4913-9775-3dfcce97072a")]
    Allow(AaguidArgs),
    /// Add AAGUIDs to the deny list (POST /authenticators/add); needs attestation on the plan
    #[command(after_help = "Example:
  passwordless authenticators deny ee882879-721c-4913-9775-3dfcce97072a")]
    Deny(AaguidArgs),
    /// Remove AAGUIDs from either list (POST /authenticators/remove)
    #[command(after_help = "Example:
  passwordless authenticators remove ee882879-721c-4913-9775-3dfcce97072a")]
    Remove(AaguidArgs),
}

#[derive(Debug, Args)]
pub struct AuthenticatorsListArgs {
    /// Show the deny list instead of the allow list
    #[arg(long)]
    pub denied: bool,
}

#[derive(Debug, Args)]
pub struct AaguidArgs {
    /// Authenticator AAGUIDs (one or more), e.g. ee882879-721c-4913-9775-3dfcce97072a
    #[arg(required = true, value_name = "AAGUID")]
    pub aaguids: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum EventsCommand {
    /// List events, newest first (GET /events); needs a plan with event logging
    #[command(after_help = "Examples:
  passwordless events list
  passwordless events list --page 2 --per-page 50
  passwordless events list --per-page 1000 --json > events.json")]
    List(EventsListArgs),
}

#[derive(Debug, Args)]
pub struct EventsListArgs {
    /// Page number, from 1
    #[arg(long, default_value_t = 1)]
    pub page: u32,
    /// Events per page, 1 to 1000
    #[arg(long, default_value_t = 100)]
    pub per_page: u32,
}

#[derive(Debug, Subcommand)]
pub enum ReportsCommand {
    /// Users and credentials per day (GET /reporting/credentials/periodic)
    #[command(after_help = "Examples:
  passwordless reports credentials
  passwordless reports credentials --from 2026-01-01 --to 2026-01-31")]
    Credentials(ReportArgs),
    /// Daily and weekly active users (GET /reporting/active-users/periodic)
    #[command(after_help = "Examples:
  passwordless reports active-users
  passwordless reports active-users --from 2026-01-01 --json")]
    ActiveUsers(ReportArgs),
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// First day to include, YYYY-MM-DD [default: no lower bound]
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day to include, YYYY-MM-DD [default: no upper bound]
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create, inspect, freeze and delete applications
    #[command(subcommand)]
    Apps(AdminAppsCommand),
    /// List, create, lock, unlock and delete an application's API keys
    #[command(subcommand)]
    ApiKeys(AdminApiKeysCommand),
    /// Check the server's health (anonymous /health routes); exits 7 if a check fails
    #[command(after_help = "Examples:
  passwordless admin health
  passwordless admin health --api-url http://127.0.0.1:7001 --json")]
    Health,
}

#[derive(Debug, Args)]
pub struct AppIdArgs {
    /// The application id: 3 to 62 lower-case letters and digits, starting with a letter
    #[arg(value_name = "APP_ID")]
    pub app_id: String,
}

#[derive(Debug, Subcommand)]
pub enum AdminAppsCommand {
    /// Whether an application id is free
    #[command(after_help = "Example:
  passwordless admin apps available shop")]
    Available(AppIdArgs),
    /// Create an application and print its keys (secrets masked unless --reveal)
    #[command(after_help = "Examples:
  passwordless admin apps create shop --admin-email ops@example.com
  passwordless admin apps create shop --event-logging --max-users 1000 --reveal --json")]
    Create(AdminAppsCreateArgs),
    /// Lock all of an application's keys
    #[command(after_help = "Examples:
  passwordless admin apps freeze shop
  passwordless admin apps freeze shop --yes")]
    Freeze(AdminAppConfirmArgs),
    /// Unlock all of an application's keys
    #[command(after_help = "Example:
  passwordless admin apps unfreeze shop")]
    Unfreeze(AppIdArgs),
    /// Show an application's features and plan limits
    #[command(after_help = "Examples:
  passwordless admin apps features shop
  passwordless admin apps features shop --json")]
    Features(AppIdArgs),
    /// Change an application's features; unnamed ones stay as they are
    ///
    /// The route rewrites every feature and the server does not report the magic-link quota,
    /// so --magic-link-quota must be given with every change.
    #[command(after_help = "Examples:
  passwordless admin apps set-features shop --event-logging on --attestation on \\
      --magic-link-quota 500
  passwordless admin apps set-features shop --max-users 0 --magic-link-quota 500  # no user limit")]
    SetFeatures(AdminSetFeaturesArgs),
    /// Whether an application can be deleted at once
    #[command(after_help = "Example:
  passwordless admin apps can-delete shop")]
    CanDelete(AppIdArgs),
    /// Schedule an application for deletion
    #[command(after_help = "Examples:
  passwordless admin apps mark-delete shop
  passwordless admin apps mark-delete shop --yes")]
    MarkDelete(AdminAppConfirmArgs),
    /// Cancel a scheduled deletion
    #[command(after_help = "Example:
  passwordless admin apps cancel-delete shop")]
    CancelDelete(AppIdArgs),
    /// Delete an application that is scheduled for deletion
    #[command(after_help = "Examples:
  passwordless admin apps delete shop
  passwordless admin apps delete shop --yes")]
    Delete(AdminAppConfirmArgs),
    /// List applications scheduled for deletion
    #[command(after_help = "Examples:
  passwordless admin apps pending-deletion
  passwordless admin apps pending-deletion --quiet     # one app id per line")]
    PendingDeletion,
}

#[derive(Debug, Args)]
pub struct AdminAppConfirmArgs {
    /// The application id, e.g. shop
    #[arg(value_name = "APP_ID")]
    pub app_id: String,
    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

#[derive(Debug, Args)]
pub struct AdminAppsCreateArgs {
    /// The new application's id: 3 to 62 lower-case letters and digits, starting with a letter
    #[arg(value_name = "APP_ID")]
    pub app_id: String,
    /// E-mail address of the application's administrator
    #[arg(long, value_name = "ADDRESS")]
    pub admin_email: Option<String>,
    /// Turn the event log on [default: off]
    #[arg(long)]
    pub event_logging: bool,
    /// Days to keep events, 0 to 90 [default: the server's]
    #[arg(long, value_name = "DAYS")]
    pub event_log_retention: Option<u32>,
    /// Magic-link e-mails allowed per month [default: the server's]
    #[arg(long, value_name = "N")]
    pub magic_link_quota: Option<u32>,
    /// Most users the app may have [default: no limit]
    #[arg(long, value_name = "N")]
    pub max_users: Option<u64>,
    /// Allow attestation and authenticator allow/deny lists [default: off]
    #[arg(long)]
    pub allow_attestation: bool,
    /// Print the new secrets in full (they are shown only this once)
    #[arg(long)]
    pub reveal: bool,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("feature").required(true).multiple(true)))]
pub struct AdminSetFeaturesArgs {
    /// The application id, e.g. shop
    #[arg(value_name = "APP_ID")]
    pub app_id: String,
    /// Turn the event log on or off
    #[arg(long, value_enum, group = "feature")]
    pub event_logging: Option<Switch>,
    /// Days to keep events, 0 to 90
    #[arg(long, value_name = "DAYS", group = "feature")]
    pub event_log_retention: Option<u32>,
    /// Magic-link e-mails allowed per month
    #[arg(long, value_name = "N", group = "feature")]
    pub magic_link_quota: Option<u32>,
    /// Most users the app may have; 0 removes the limit
    #[arg(long, value_name = "N", group = "feature")]
    pub max_users: Option<u64>,
    /// Allow attestation and authenticator allow/deny lists
    #[arg(long, value_enum, group = "feature")]
    pub attestation: Option<Switch>,
}

#[derive(Debug, Subcommand)]
pub enum AdminApiKeysCommand {
    /// List an application's keys (secrets are masked by the server)
    #[command(after_help = "Examples:
  passwordless admin api-keys list shop
  passwordless admin api-keys list shop --json")]
    List(AppIdArgs),
    /// Create a public key [scopes default: register, login]
    #[command(after_help = "Examples:
  passwordless admin api-keys create-public shop
  passwordless admin api-keys create-public shop --scope login")]
    CreatePublic(AdminCreatePublicArgs),
    /// Create a secret key [scopes default: token_register, token_verify]
    #[command(after_help = "Examples:
  passwordless admin api-keys create-secret shop --scope token_verify
  passwordless admin api-keys create-secret shop --reveal --quiet \\
      | passwordless config set-secret --profile shop")]
    CreateSecret(AdminCreateSecretArgs),
    /// Lock a key: requests with it fail until unlocked
    #[command(after_help = "Examples:
  passwordless admin api-keys lock shop 1a2b
  passwordless admin api-keys lock shop 1a2b --yes")]
    Lock(AdminKeyConfirmArgs),
    /// Unlock a key
    #[command(after_help = "Example:
  passwordless admin api-keys unlock shop 1a2b")]
    Unlock(AdminKeyArgs),
    /// Delete a key for good
    #[command(after_help = "Examples:
  passwordless admin api-keys delete shop 1a2b
  passwordless admin api-keys delete shop 1a2b --yes")]
    Delete(AdminKeyConfirmArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PublicScope {
    Register,
    Login,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SecretScope {
    #[value(name = "token_register")]
    TokenRegister,
    #[value(name = "token_verify")]
    TokenVerify,
}

#[derive(Debug, Args)]
pub struct AdminCreatePublicArgs {
    /// The application id, e.g. shop
    #[arg(value_name = "APP_ID")]
    pub app_id: String,
    /// What the key may do (repeat for both) [default: register and login]
    #[arg(long = "scope", value_enum)]
    pub scopes: Vec<PublicScope>,
}

#[derive(Debug, Args)]
pub struct AdminCreateSecretArgs {
    /// The application id, e.g. shop
    #[arg(value_name = "APP_ID")]
    pub app_id: String,
    /// What the key may do (repeat for both) [default: token_register and token_verify]
    #[arg(long = "scope", value_enum)]
    pub scopes: Vec<SecretScope>,
    /// Print the new secret in full (it is shown only this once)
    #[arg(long)]
    pub reveal: bool,
}

#[derive(Debug, Args)]
pub struct AdminKeyArgs {
    /// The application id, e.g. shop
    #[arg(value_name = "APP_ID")]
    pub app_id: String,
    /// The key id: its last four characters, as `api-keys list` shows
    #[arg(value_name = "KEY_ID")]
    pub key_id: String,
}

#[derive(Debug, Args)]
pub struct AdminKeyConfirmArgs {
    /// The application id, e.g. shop
    #[arg(value_name = "APP_ID")]
    pub app_id: String,
    /// The key id: its last four characters, as `api-keys list` shows
    #[arg(value_name = "KEY_ID")]
    pub key_id: String,
    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HttpMethod {
    #[value(alias = "get")]
    GET,
    #[value(alias = "post")]
    POST,
    #[value(alias = "put")]
    PUT,
    #[value(alias = "delete")]
    DELETE,
}

#[derive(Debug, Args)]
pub struct ApiArgs {
    /// HTTP method (any case)
    #[arg(value_enum, ignore_case = true)]
    pub method: HttpMethod,
    /// Path below the base URL, e.g. /users/list
    pub path: String,
    /// JSON body: inline, `@FILE`, or `-` for stdin
    #[arg(long, short, value_name = "JSON|@FILE|-")]
    pub data: Option<String>,
    /// Print the request that would be sent (credential masked) and send nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// `30`, `30s`, `5m`, `1h30m`: plain numbers are seconds.
pub fn parse_duration(value: &str) -> Result<Duration, String> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Ok(Duration::from_secs(seconds));
    }
    humantime::parse_duration(value)
        .map_err(|e| format!("{e}; use e.g. `90s`, `10m`, `2h` or plain seconds"))
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
    }
}
