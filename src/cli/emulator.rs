//! `emulator`: serving, `exec`, and the subcommands that talk to a running emulator.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Subcommand};

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

    /// Users, aliases and credentials to start from (JSON or TOML), the app's settings as
    /// `app export` writes them, whole apps and fault rules as `emulator export` writes them;
    /// ignored when the --state file exists, except its fault rules
    #[arg(long, value_name = "FILE")]
    pub seed: Option<PathBuf>,

    /// The development app's plan: `developer` has every feature on (attestation, event logging,
    /// magic links, generated tokens); `free` gates attestation and event logging, to test those
    /// answers. Overrides the seed's "plan"; ignored when the --state file exists [default: developer]
    #[arg(long, value_name = "PLAN")]
    pub plan: Option<crate::emulator::Plan>,

    /// Log one line per request on stderr: method, path, status, latency
    #[arg(long)]
    pub log: bool,

    /// Number tokens and trace ids sequentially, for reproducible test output
    #[arg(long, hide = true)]
    pub deterministic: bool,

    /// Keep the state in FILE (an SQLite database): loaded at start when it exists, every change
    /// written before it is answered
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

    /// Also run passkey ceremonies for pages from this origin (scheme://host[:port], or an Android
    /// app's android:apk-key-hash:<base64url>); loopback
    /// pages (http://localhost:PORT, http://127.0.0.1:PORT) always work. Repeatable
    #[arg(long = "origin", value_name = "URL")]
    pub origins: Vec<crate::emulator::Origin>,

    /// Serve https, with a certificate for localhost, 127.0.0.1 and ::1 signed by a local CA.
    /// The CA is made once in the config folder (beside the --state file when given) and reused;
    /// clients trust its certificate, printed as "ca cert"
    #[arg(long)]
    pub tls: bool,

    /// Serve https with this certificate instead (PEM, chain included), e.g. one for a LAN name
    /// a phone can reach; needs --tls-key
    #[arg(long, value_name = "FILE")]
    pub tls_cert: Option<PathBuf>,

    /// The private key of --tls-cert (PEM: PKCS#8, PKCS#1 or SEC1)
    #[arg(long, value_name = "FILE")]
    pub tls_key: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<EmulatorCommand>,
}

#[derive(Debug, Subcommand)]
pub enum EmulatorCommand {
    /// Start the emulator on a free port, run CMD against it, stop it, and exit with CMD's status
    ///
    /// CMD sees PASSWORDLESS_API_URL, PASSWORDLESS_API_SECRET, PASSWORDLESS_API_KEY and
    /// PASSWORDLESS_MANAGEMENT_KEY, and this binary's folder first on PATH. With --tls, the URL is
    /// https and PASSWORDLESS_CA_CERT and NODE_EXTRA_CA_CERTS name the CA certificate to trust.
    /// Passkeys made during the run go to a file of the run's own
    /// (PASSWORDLESS_AUTHENTICATOR_FILE), removed at the end, unless that variable is set.
    #[command(after_help = "Examples:
  passwordless emulator exec -- passwordless register-token --user-id 42 --alias laptop
  passwordless emulator exec -- npm test
  passwordless emulator exec --tls -- npm test")]
    Exec(EmulatorExecArgs),

    /// Print a running emulator's time, or move it forward (advance, set)
    ///
    /// Everything time-based in the emulator reads this clock: token expiry, magic-link quotas,
    /// event times, reports, API-key dates. It only moves forward; `emulator reset` returns it
    /// to the machine's time.
    #[command(after_help = "Examples:
  passwordless emulator clock
  passwordless emulator clock --json
  passwordless emulator clock advance 2m
  passwordless emulator clock set 2030-01-01T00:00:00Z")]
    Clock(EmulatorClockArgs),

    /// Write a running emulator's state as a seed: apps, keys, settings, users, passkeys, faults
    ///
    /// Every app with its API keys (public keys whole, secret keys only with
    /// --include-secrets), features, auth configurations and authenticator lists (the format
    /// `app export` writes), its users with their aliases and credentials (public keys and
    /// signature counters, so passkeys sign in again), and the fault rules. `emulator --seed
    /// FILE` starts an emulator from it. JSON, or TOML when FILE ends in .toml; on stdout
    /// without --file. Without --include-secrets, each app but the development one gets fresh
    /// secret keys when the file is loaded.
    #[command(after_help = "Examples:
  passwordless emulator export > seed.json
  passwordless emulator export --file seed.toml
  passwordless emulator export --include-secrets --file seed.json
  passwordless emulator --seed seed.json")]
    Export(EmulatorExportArgs),

    /// Make a running emulator fail chosen requests (add, list, clear)
    #[command(subcommand)]
    Fault(EmulatorFaultCommand),

    /// List the magic-link e-mails a running emulator has "sent"
    #[command(after_help = "Examples:
  passwordless emulator outbox
  passwordless emulator outbox --url http://127.0.0.1:7001 --json")]
    Outbox(EmulatorClientArgs),

    /// List the requests a running emulator has answered, newest last
    ///
    /// Method, path, status, latency, the app the key named, and the bodies with tokens,
    /// secrets and keys masked. The emulator keeps the newest 1,000 requests, each body cut to
    /// 4 KiB; its own /_emulator routes are not kept, and `emulator reset` empties the log.
    #[command(after_help = "Examples:
  passwordless emulator requests
  passwordless emulator requests --limit 5 --json
  passwordless emulator requests --follow --url http://127.0.0.1:7001")]
    Requests(EmulatorRequestsArgs),

    /// Return a running emulator to the state it started from
    ///
    /// The seed, or the empty development app (with its --plan); with --state, what the file
    /// held when the emulator started. The outbox goes back with the rest, fault rules are
    /// removed and the clock returns to the machine's time.
    #[command(after_help = "Examples:
  passwordless emulator reset --yes
  passwordless emulator reset --url http://127.0.0.1:7001 --yes")]
    Reset(EmulatorResetArgs),

    /// Print the whole state of a running emulator as JSON (secrets masked)
    #[command(after_help = "Examples:
  passwordless emulator state
  passwordless emulator state --url http://127.0.0.1:7001 > state.json")]
    State(EmulatorClientArgs),
}

/// Where the running emulator listens.
#[derive(Debug, Args)]
pub struct EmulatorClientArgs {
    /// URL of the running emulator, else --api-url, else PASSWORDLESS_API_URL (which `emulator
    /// exec` sets for its command) [default: http://127.0.0.1:7001]
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum EmulatorFaultCommand {
    /// Fail requests to PATH with STATUS, or only delay them, COUNT times or forever
    #[command(after_help = "Examples:
  passwordless emulator fault add --path /signin/verify --status 503 --count 2
  passwordless emulator fault add --path /register/token --status 400 \\
      --body '{\"errorCode\":\"invalid_attestation\",\"title\":\"Bad\",\"status\":400}'
  passwordless emulator fault add --path /users/list --delay 2s     # slow, real answer
  passwordless emulator fault add --path '/users/*' --status 500 --probability 0.3 --seed 7
  passwordless emulator fault add --path /signin/verify --drop --count 1
  passwordless emulator fault add --path /users/count --garbage --json")]
    Add(EmulatorFaultAddArgs),
    /// List the fault rules
    #[command(after_help = "Examples:
  passwordless emulator fault list
  passwordless emulator fault list --url http://127.0.0.1:7001 --json")]
    List(EmulatorClientArgs),
    /// Remove one fault rule by its id (from `fault add` or `fault list`)
    #[command(after_help = "Examples:
  passwordless emulator fault remove 3
  passwordless emulator fault remove 3 --url http://127.0.0.1:7001")]
    Remove(EmulatorFaultRemoveArgs),
    /// Remove every fault rule
    #[command(after_help = "Examples:
  passwordless emulator fault clear
  passwordless emulator fault clear --url http://127.0.0.1:7001 --yes")]
    Clear(EmulatorFaultClearArgs),
}

#[derive(Debug, Args)]
pub struct EmulatorRequestsArgs {
    #[command(flatten)]
    pub target: EmulatorClientArgs,
    /// Only the newest N requests (with --follow: of those logged before it started)
    #[arg(long, value_name = "N")]
    pub limit: Option<u32>,
    /// Keep printing requests as they come, until interrupted; --json prints one per line
    #[arg(long)]
    pub follow: bool,
    /// How often --follow asks the emulator for new requests
    #[arg(long, value_name = "DURATION", default_value = "1s", value_parser = super::shared::parse_duration, requires = "follow")]
    pub interval: std::time::Duration,
}

#[derive(Debug, Args)]
pub struct EmulatorExportArgs {
    #[command(flatten)]
    pub target: EmulatorClientArgs,

    /// Write to FILE (readable by you only) instead of stdout: TOML when it ends in .toml,
    /// JSON otherwise
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// Also write the secret API keys, so the apps keep them when the file is loaded; needs
    /// --file
    #[arg(long)]
    pub include_secrets: bool,
}

#[derive(Debug, Args)]
pub struct EmulatorResetArgs {
    #[command(flatten)]
    pub target: EmulatorClientArgs,
    #[command(flatten)]
    pub confirm: super::shared::ConfirmArgs,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct EmulatorClockArgs {
    #[command(flatten)]
    pub target: EmulatorClientArgs,

    #[command(subcommand)]
    pub command: Option<EmulatorClockCommand>,
}

#[derive(Debug, Subcommand)]
pub enum EmulatorClockCommand {
    /// Move the clock forward by DURATION, e.g. 90s, 2m, 1h30m or 31d
    #[command(after_help = "Examples:
  passwordless emulator clock advance 2m
  passwordless emulator clock advance 31d --json")]
    Advance(EmulatorClockAdvanceArgs),
    /// Make the clock read TIME (RFC 3339) and run on from there; never earlier than it reads
    #[command(after_help = "Examples:
  passwordless emulator clock set 2030-01-01T00:00:00Z")]
    Set(EmulatorClockSetArgs),
}

#[derive(Debug, Args)]
pub struct EmulatorClockAdvanceArgs {
    /// How far, e.g. 90s, 2m, 1h30m or 31d
    #[arg(value_name = "DURATION", value_parser = humantime::parse_duration)]
    pub by: std::time::Duration,

    #[command(flatten)]
    pub target: EmulatorClientArgs,
}

#[derive(Debug, Args)]
pub struct EmulatorClockSetArgs {
    /// The time to set, RFC 3339, e.g. 2030-01-01T00:00:00Z
    #[arg(value_name = "TIME", value_parser = parse_time)]
    pub now: time::OffsetDateTime,

    #[command(flatten)]
    pub target: EmulatorClientArgs,
}

/// An RFC 3339 time, e.g. `2030-01-01T00:00:00Z`.
fn parse_time(value: &str) -> Result<time::OffsetDateTime, String> {
    time::OffsetDateTime::parse(value.trim(), &time::format_description::well_known::Rfc3339)
        .map_err(|_| "not an RFC 3339 time such as 2030-01-01T00:00:00Z".to_owned())
}

#[derive(Debug, Args)]
pub struct EmulatorFaultClearArgs {
    #[command(flatten)]
    pub target: EmulatorClientArgs,
    #[command(flatten)]
    pub confirm: super::shared::ConfirmArgs,
}

#[derive(Debug, Args)]
pub struct EmulatorFaultRemoveArgs {
    /// The rule's id
    #[arg(value_name = "ID")]
    pub id: u64,
    #[command(flatten)]
    pub target: EmulatorClientArgs,
}

#[derive(Debug, Args)]
pub struct EmulatorFaultAddArgs {
    #[command(flatten)]
    pub target: EmulatorClientArgs,

    /// Request path to match, e.g. /signin/verify (case-insensitive); a trailing `*` matches
    /// every path that starts with the rest, e.g. '/users/*'
    #[arg(long, value_name = "PATH")]
    pub path: String,

    /// HTTP status to answer with, 100 to 599 [default: none: with --delay, the real answer
    /// comes late]
    #[arg(long, value_name = "STATUS", value_parser = clap::value_parser!(u16).range(100..=599), required_unless_present_any = ["delay", "drop", "garbage"])]
    pub status: Option<u16>,

    /// Only match this HTTP method, e.g. POST [default: any]
    #[arg(long, value_name = "METHOD")]
    pub method: Option<String>,

    /// Fail this many requests, then stop [default: forever]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,

    /// Wait this long before answering, e.g. 500ms or 2s
    #[arg(long, value_name = "DURATION", value_parser = humantime::parse_duration)]
    pub delay: Option<std::time::Duration>,

    /// Send a `Retry-After` header with this many seconds, as a rate-limiting server does
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(..=300))]
    pub retry_after: Option<u64>,

    /// JSON body to answer with [default: a problem-details body for error statuses]
    #[arg(long, value_name = "JSON")]
    pub body: Option<String>,

    /// Hit a matching request with this chance, from above 0 to 1 [default: 1, every one]
    #[arg(long, value_name = "P", value_parser = parse_probability)]
    pub probability: Option<f64>,

    /// Seed for --probability: the same seed hits the same requests of the same sequence
    /// [default: random]
    #[arg(long, value_name = "S", requires = "probability")]
    pub seed: Option<u64>,

    /// Close the connection without an answer, as a crashed server or a cut network does
    #[arg(long, conflicts_with_all = ["status", "body", "retry_after", "garbage"])]
    pub drop: bool,

    /// Answer with an HTML page instead of the API, as a captive portal or a proxy does (status
    /// 200 unless --status is given)
    #[arg(long, conflicts_with = "body")]
    pub garbage: bool,
}

fn parse_probability(value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(p) if p > 0.0 && p <= 1.0 => Ok(p),
        _ => Err(format!(
            "{value:?} is not a probability above 0 and at most 1, e.g. 0.25"
        )),
    }
}

#[derive(Debug, Args)]
pub struct EmulatorExecArgs {
    /// Users, aliases and credentials to start from (JSON or TOML)
    #[arg(long, value_name = "FILE")]
    pub seed: Option<PathBuf>,

    /// The development app's plan: `developer` (every feature on) or `free` (attestation and
    /// event logging off); overrides the seed's "plan" [default: developer]
    #[arg(long, value_name = "PLAN")]
    pub plan: Option<crate::emulator::Plan>,

    /// Log one line per request on stderr: method, path, status, latency
    #[arg(long)]
    pub log: bool,

    /// Also run passkey ceremonies for pages from this origin (scheme://host[:port], or an Android
    /// app's android:apk-key-hash:<base64url>); loopback
    /// pages (http://localhost:PORT, http://127.0.0.1:PORT) always work. Repeatable
    #[arg(long = "origin", value_name = "URL")]
    pub origins: Vec<crate::emulator::Origin>,

    /// Serve https with a certificate signed by the local CA in the config folder (made once,
    /// reused), as `emulator --tls` does
    #[arg(long)]
    pub tls: bool,

    /// The command to run and its arguments, after `--`
    #[arg(
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "CMD"
    )]
    pub command: Vec<OsString>,
}
