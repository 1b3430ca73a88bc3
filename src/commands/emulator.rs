//! `passwordless emulator` and its subcommands: the user-facing wrappers around
//! [`crate::emulator::Emulator`] — start it, announce where it listens, and either serve until
//! interrupted or run one command against it — plus `clock`, `export`, `fault`, `outbox`,
//! `reset` and `state`, which talk to an emulator that is already running.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Context as _;
use serde_json::{Value, json};

use super::usage;
use crate::api::{Client, Method};
use crate::child;
use crate::cli::{
    EmulatorArgs, EmulatorClientArgs, EmulatorClockArgs, EmulatorClockCommand, EmulatorExecArgs,
    EmulatorExportArgs, EmulatorFaultCommand, EmulatorRequestsArgs, EmulatorResetArgs, GlobalArgs,
};
use crate::context;
use crate::emulator::{Emulator, EmulatorConfig, LogSink, Seed, TlsConfig};
use crate::env::{API_KEY, API_SECRET, API_URL, AUTHENTICATOR_FILE, CA_CERT, MANAGEMENT_KEY};
use crate::error::CliError;
use crate::output::{Format, Output, labeled};

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
    if let Some(path) = &args.state {
        // A corrupt state file is the user's to fix: a usage error, never silently replaced.
        crate::emulator::check_state_file(path).map_err(|e| usage(format!("{e:#}")))?;
    }
    let defaults = EmulatorConfig::default();
    let (app_id, api_secret, api_key) =
        dev_keys(args.secret.as_deref(), args.public_key.as_deref())?;
    let config = EmulatorConfig {
        bind: SocketAddr::new(args.bind, args.port),
        seed: load_seed(args.seed.as_ref())?,
        log: args.log,
        log_sink: LogSink::new(crate::report::log_line),
        deterministic: args.deterministic,
        state_file: args.state.clone(),
        app_id: app_id.unwrap_or(defaults.app_id),
        api_secret: api_secret.unwrap_or(defaults.api_secret),
        api_key: api_key.unwrap_or(defaults.api_key),
        origins: args.origins.iter().cloned().map(String::from).collect(),
        plan: args.plan,
        tls: tls_config(
            args.tls,
            args.tls_cert.as_deref(),
            args.tls_key.as_deref(),
            args.state.as_deref(),
        )?,
        ..EmulatorConfig::default()
    };
    let emulator = start(config)?;
    if !args.bind.is_loopback() {
        crate::report::warning(&format!(
            "the emulator listens on {} and its keys are public; anyone who can reach this port can use it",
            emulator.addr()
        ));
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
        log_sink: LogSink::new(crate::report::log_line),
        origins: args.origins.iter().cloned().map(String::from).collect(),
        plan: args.plan,
        tls: tls_config(args.tls, None, None, None)?,
        ..EmulatorConfig::default()
    };
    let emulator = start(config)?;
    let (program, rest) = args
        .command
        .split_first()
        .ok_or_else(|| usage("give the command to run after `--`"))?;
    // The child gets Ctrl-C itself; we only wait for it to finish, then clean up.
    ctrlc::set_handler(|| {}).context("cannot install the Ctrl-C handler")?;
    let child_path = child::path_with_own_folder();
    let mut command = Command::new(child::program(program, &child_path));
    command
        .args(rest)
        .env(API_URL, emulator.base_url())
        .env(API_SECRET, &emulator.config().api_secret)
        .env(API_KEY, &emulator.config().api_key)
        .env(MANAGEMENT_KEY, &emulator.config().management_key)
        .env("PATH", &child_path);
    // Passkeys registered during the run are for this emulator only, which forgets them when
    // it stops: they go to a file of the run's own, removed afterwards, not into the user's
    // passkeys.json, where dead keys would pile up run after run and be offered to later
    // sign-ins. A file the user names in PASSWORDLESS_AUTHENTICATOR_FILE is used as it is.
    let run_keys = match std::env::var_os(AUTHENTICATOR_FILE) {
        Some(file) if !file.is_empty() => None,
        _ => Some(RunDir::create()?),
    };
    if let Some(dir) = &run_keys {
        command.env(
            AUTHENTICATOR_FILE,
            dir.path.join(crate::authenticator::store::FILE_NAME),
        );
    }
    if let Some(ca) = emulator.ca_cert_path() {
        // This CLI and Node (its fetch and the official SDK) add the CA to their usual roots.
        // Python's REQUESTS_CA_BUNDLE and .NET's SSL_CERT_FILE would replace the roots
        // instead, so those stay the user's choice.
        command.env(CA_CERT, ca).env(NODE_EXTRA_CA_CERTS, ca);
    }
    let status = command.status().map_err(|e| {
        CliError::Spawn(format!(
            "cannot run `{}`: {e}; check the command name and that it is on PATH",
            program.to_string_lossy()
        ))
    })?;
    emulator.shutdown();
    drop(run_keys);
    Ok(Output::Status(child::exit_code(status)))
}

/// A private folder for one `emulator exec` run, removed (with what the command left in it)
/// when dropped.
struct RunDir {
    path: PathBuf,
}

impl RunDir {
    fn create() -> anyhow::Result<RunDir> {
        let mut attempt = 0u32;
        loop {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos());
            let path = std::env::temp_dir().join(format!(
                "passwordless-exec-{}-{nanos:09}",
                std::process::id()
            ));
            // Not recursive: creating fails on anything already there (a symlink planted in a
            // shared temp folder included), and then another name is tried.
            let builder = private_dir_builder();
            match builder.create(&path) {
                Ok(()) => return Ok(RunDir { path }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 16 => {
                    attempt += 1;
                }
                Err(e) => {
                    return Err(anyhow::Error::new(e).context(format!(
                        "cannot create {} for the run's passkeys",
                        path.display()
                    )));
                }
            }
        }
    }
}

impl Drop for RunDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// Node's: extra CA certificates for every TLS connection of the process.
const NODE_EXTRA_CA_CERTS: &str = "NODE_EXTRA_CA_CERTS";

/// The certificate `--tls`, `--tls-cert` and `--tls-key` ask for, if any. A generated one's CA
/// lives beside the state file, else in the config folder.
fn tls_config(
    tls: bool,
    cert: Option<&Path>,
    key: Option<&Path>,
    state: Option<&Path>,
) -> anyhow::Result<Option<TlsConfig>> {
    match (cert, key) {
        (Some(cert), Some(key)) => {
            crate::emulator::check_tls_files(cert, key).map_err(|e| usage(format!("{e:#}")))?;
            Ok(Some(TlsConfig::Files {
                cert: cert.to_owned(),
                key: key.to_owned(),
            }))
        }
        (Some(_), None) => Err(usage(
            "--tls-cert needs --tls-key FILE, the certificate's private key (PEM)",
        )),
        (None, Some(_)) => Err(usage(
            "--tls-key needs --tls-cert FILE, the certificate (PEM) the key belongs to",
        )),
        (None, None) if tls => {
            let ca_dir = match state {
                Some(file) => crate::fsutil::parent_dir(file).to_owned(),
                None => {
                    let dir_override = crate::env::required_if_set(crate::env::CONFIG_DIR)?;
                    crate::config::config_dir(dir_override.as_deref().map(Path::new))?
                }
            };
            // Absolute, so the path printed and handed to a child works from any folder.
            let ca_dir = std::path::absolute(&ca_dir).unwrap_or(ca_dir);
            Ok(Some(TlsConfig::Generated { ca_dir }))
        }
        (None, None) => Ok(None),
    }
}

/// The app id and keys chosen with `--secret` / `--public-key`, shapes checked. Given one, the
/// other is derived from the default with the same app id, so they always belong together.
#[allow(clippy::type_complexity)]
fn dev_keys(
    secret: Option<&str>,
    public_key: Option<&str>,
) -> anyhow::Result<(Option<String>, Option<String>, Option<String>)> {
    let secret = secret
        .map(|s| split_key(s, "secret", "--secret"))
        .transpose()?;
    let public = public_key
        .map(|k| split_key(k, "public", "--public-key"))
        .transpose()?;
    Ok(match (secret, public) {
        (None, None) => (None, None, None),
        (Some((app, hex)), None) => {
            let public = format!("{app}:public:{}", default_hex(crate::emulator::DEV_API_KEY));
            (
                Some(app.clone()),
                Some(format!("{app}:secret:{hex}")),
                Some(public),
            )
        }
        (None, Some((app, hex))) => {
            let secret = format!(
                "{app}:secret:{}",
                default_hex(crate::emulator::DEV_API_SECRET)
            );
            (
                Some(app.clone()),
                Some(secret),
                Some(format!("{app}:public:{hex}")),
            )
        }
        (Some((app, s_hex)), Some((p_app, p_hex))) => {
            if app != p_app {
                return Err(usage(format!(
                    "--secret is for app {app:?} but --public-key is for app {p_app:?}; both keys belong to one app"
                )));
            }
            (
                Some(app.clone()),
                Some(format!("{app}:secret:{s_hex}")),
                Some(format!("{app}:public:{p_hex}")),
            )
        }
    })
}

fn default_hex(key: &str) -> &str {
    key.rsplit(':').next().unwrap_or(key)
}

/// `<appid>:<kind>:<32 hex>` → (appid, hex). The app id is what the server allows in one:
/// letters, digits, `-` and `_`.
fn split_key(value: &str, kind: &str, flag: &str) -> anyhow::Result<(String, String)> {
    let parts: Vec<&str> = value.split(':').collect();
    let shape_ok = parts.len() == 3
        && !parts[0].is_empty()
        && parts[0]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && parts[1] == kind
        && parts[2].len() == 32
        && parts[2].chars().all(|c| c.is_ascii_hexdigit());
    if !shape_ok {
        return Err(usage(format!(
            "{flag} must look like <appid>:{kind}:<32 hex digits>, e.g. myapp:{kind}:0123456789abcdef0123456789abcdef"
        )));
    }
    Ok((parts[0].to_owned(), parts[2].to_ascii_lowercase()))
}

/// `emulator fault add|list|clear`.
pub fn fault(command: &EmulatorFaultCommand, global: &GlobalArgs) -> anyhow::Result<Output> {
    match command {
        EmulatorFaultCommand::Add(args) => {
            let body = args
                .body
                .as_deref()
                .map(|b| {
                    serde_json::from_str::<serde_json::Value>(b)
                        .map_err(|e| usage(format!("--body is not valid JSON: {e}")))
                })
                .transpose()?;
            let spec = json!({
                "method": args.method,
                "path": args.path,
                "status": args.status,
                "delayMs": args.delay.map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX)),
                "body": body,
                "count": args.count,
                "retryAfter": args.retry_after,
                "probability": args.probability,
                "seed": args.seed,
                "drop": args.drop,
                "garbage": args.garbage,
            });
            let fault = control(&args.target, global)?.emulator_control(
                Method::POST,
                "faults",
                Some(&spec),
            )?;
            let outcome = match (fault["action"].as_str(), fault["status"].as_u64()) {
                (Some("drop"), _) => "connection closed, no answer".to_owned(),
                (Some("garbage"), status) => {
                    format!("an HTML page (HTTP {})", status.unwrap_or(200))
                }
                (_, Some(status)) => format!("HTTP {status}"),
                (_, None) => format!("the real answer after {} ms", fault["delayMs"]),
            };
            let chance = match (fault["probability"].as_f64(), fault["seed"].as_u64()) {
                (Some(p), Some(seed)) => format!(" with probability {p} (seed {seed})"),
                (Some(p), None) => format!(" with probability {p}"),
                _ => String::new(),
            };
            let text = format!(
                "Added fault {}: {} {} → {outcome}{chance}{}.",
                fault["id"],
                fault["method"].as_str().unwrap_or("any method"),
                fault["path"].as_str().unwrap_or(""),
                match fault["remaining"].as_u64() {
                    Some(n) => format!(", {}", crate::output::plural(n as usize, "time", "times")),
                    None => ", until cleared".to_owned(),
                }
            );
            Ok(Output::Message {
                id: Some(super::cell(fault.get("id"))),
                json: fault,
                text,
            })
        }
        EmulatorFaultCommand::List(args) => {
            let list = control(args, global)?.emulator_control(Method::GET, "faults", None)?;
            let items = super::values_of(list);
            Ok(super::list_output(
                items,
                &[
                    ("ID", "id"),
                    ("METHOD", "method"),
                    ("PATH", "path"),
                    ("STATUS", "status"),
                    ("DELAY MS", "delayMs"),
                    ("REMAINING", "remaining"),
                ],
                "id",
            ))
        }
        EmulatorFaultCommand::Remove(args) => {
            let client = control(&args.target, global)?;
            let route = format!("faults/{}", args.id);
            // A failed DELETE is "no such rule" only when the list agrees; anything else (an
            // unreachable emulator, a non-emulator) keeps its own message and exit code.
            if let Err(e) = client.emulator_control(Method::DELETE, &route, None) {
                let rules = client.emulator_control(Method::GET, "faults", None)?;
                if super::values_of(rules)
                    .iter()
                    .any(|r| r["id"].as_u64() == Some(args.id))
                {
                    return Err(e);
                }
                return Err(crate::error::CliError::NotFound(format!(
                    "the emulator has no fault rule {}; `passwordless emulator fault list` shows the rules (a rule with --count goes away once used up)",
                    args.id
                ))
                .into());
            }
            Ok(super::done(
                "removed",
                format!("Removed fault {}.", args.id),
                json!({"removed": args.id}),
            ))
        }
        EmulatorFaultCommand::Clear(args) => {
            let client = control(&args.target, global)?;
            super::confirm(&args.confirm, "Remove every fault rule of the emulator?")?;
            client.emulator_control(Method::DELETE, "faults", None)?;
            Ok(super::done(
                "cleared",
                "Removed every fault rule.".to_owned(),
                json!({"cleared": true}),
            ))
        }
    }
}

/// `emulator export`: the running emulator's state as a seed, on stdout or in `--file` (TOML
/// when it ends in `.toml`). Secret API keys only with `--include-secrets`, and then only into
/// a file: a secret must not reach a terminal or a log through stdout.
pub fn export(args: &EmulatorExportArgs, global: &GlobalArgs) -> anyhow::Result<Output> {
    if args.include_secrets && args.file.is_none() {
        return Err(usage(
            "--include-secrets writes secret API keys, which go to a file only: add --file FILE (written readable by you only)",
        ));
    }
    let route = if args.include_secrets {
        "export?secrets=true"
    } else {
        "export"
    };
    let answer =
        dump_client(&emulator_url(&args.target, global)?, global)?.emulator_control_raw(route)?;
    // Read as the seed it must be, so what is written is what `--seed` accepts; straight from
    // the answer's bytes, which are dropped before the file is written.
    let seed = serde_json::from_slice::<Seed>(&answer);
    drop(answer);
    let seed: Seed = seed.map_err(|e| {
        anyhow::anyhow!("the emulator's export is not a seed this version reads ({e}); is the emulator of the same version?")
    })?;
    let toml = args.file.as_ref().is_some_and(|path| {
        path.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
    });
    let text = if toml {
        let body = toml::to_string(&seed)
            .map_err(|e| anyhow::anyhow!("the export cannot be written as TOML ({e}); write it as JSON (a FILE not ending in .toml)"))?;
        let mut text = String::from(
            "# A Passwordless.dev emulator's state, from `passwordless emulator export`.\n\
             # Start an emulator from it with `passwordless emulator --seed FILE`.\n",
        );
        if args.include_secrets {
            text.push_str("# It holds secret API keys: keep it private.\n");
        }
        text.push('\n');
        text.push_str(&body);
        text
    } else {
        let mut bytes = Vec::new();
        crate::terminal::json_to_writer_pretty(&mut bytes, &seed)?;
        let mut text = String::from_utf8(bytes)?;
        text.push('\n');
        text
    };
    let Some(path) = &args.file else {
        return Ok(Output::Text(text));
    };
    // Always owner-only (0600): the file names users and holds their passkeys' public keys,
    // and with --include-secrets the apps' secrets.
    crate::fsutil::write_atomically(path, text.as_bytes())?;
    let users: usize = seed.apps.iter().map(|a| a.users.len()).sum();
    let credentials: usize = seed
        .apps
        .iter()
        .flat_map(|a| &a.users)
        .map(|u| u.credentials.len())
        .sum();
    let file = path.display().to_string();
    let keys = if args.include_secrets {
        "secret API keys included; keep the file private"
    } else {
        "secret API keys left out (--include-secrets keeps them)"
    };
    Ok(super::done(
        file.clone(),
        format!(
            "Exported {} app(s) with {users} user(s) and {credentials} credential(s), and {} fault rule(s), to {file}; {keys}.",
            seed.apps.len(),
            seed.faults.len(),
        ),
        json!({
            "file": file,
            "apps": seed.apps.len(),
            "users": users,
            "credentials": credentials,
            "faults": seed.faults.len(),
            "secrets": args.include_secrets,
        }),
    ))
}

/// `emulator reset`: the running emulator back to its start.
pub fn reset(args: &EmulatorResetArgs, global: &GlobalArgs) -> anyhow::Result<Output> {
    let client = control(&args.target, global)?;
    super::confirm(
        &args.confirm,
        "Return the emulator to the state it started from, dropping every change since?",
    )?;
    client.emulator_control(Method::POST, "reset", None)?;
    Ok(super::done(
        "reset",
        "Reset the emulator to the state it started from.".to_owned(),
        json!({"reset": true}),
    ))
}

/// `emulator clock [advance DURATION | set TIME]`: the emulator's time after the move, if any.
pub fn clock(args: &EmulatorClockArgs, global: &GlobalArgs) -> anyhow::Result<Output> {
    let (target, path, body, verb) = match &args.command {
        None => (&args.target, "clock", None, "The emulator's clock reads"),
        Some(EmulatorClockCommand::Advance(advance)) => (
            &advance.target,
            "clock/advance",
            Some(json!({"by": humantime::format_duration(advance.by).to_string()})),
            "Moved the emulator's clock to",
        ),
        Some(EmulatorClockCommand::Set(set)) => (
            &set.target,
            "clock/set",
            Some(json!({"now": set.now.format(&time::format_description::well_known::Rfc3339)?})),
            "Set the emulator's clock to",
        ),
    };
    let method = if body.is_some() {
        Method::POST
    } else {
        Method::GET
    };
    let client = control(target, global)?;
    if let Some(EmulatorClockCommand::Set(set)) = &args.command {
        // The emulator refuses this too; asking first makes it a usage error (exit 2) with the
        // emulator's time in it, rather than a failed call.
        let current = client.emulator_control(Method::GET, "clock", None)?;
        let current = current["now"].as_str().unwrap_or_default();
        if let Ok(current_time) =
            time::OffsetDateTime::parse(current, &time::format_description::well_known::Rfc3339)
            && set.now < current_time
        {
            return Err(usage(format!(
                "the emulator's clock only moves forward and reads {current}; give a later time, or `emulator reset` to return to the machine's time"
            )));
        }
    }
    let answer = client.emulator_control(method, path, body.as_ref())?;
    let now = answer["now"]
        .as_str()
        .context("the emulator's clock answer has no \"now\"")?
        .to_owned();
    Ok(Output::Message {
        id: Some(now.clone()),
        text: format!("{verb} {now}."),
        json: answer,
    })
}

/// `emulator outbox`: the magic-link messages, newest last.
pub fn outbox(args: &EmulatorClientArgs, global: &GlobalArgs) -> anyhow::Result<Output> {
    let list = control(args, global)?.emulator_control(Method::GET, "outbox", None)?;
    Ok(super::list_output(
        super::values_of(list),
        &[
            ("SENT AT", "sentAt"),
            ("TO", "to"),
            ("USER ID", "userId"),
            ("LINK", "link"),
        ],
        "token",
    ))
}

const REQUEST_COLUMNS: [(&str, &str); 7] = [
    ("ID", "id"),
    ("AT", "at"),
    ("METHOD", "method"),
    ("PATH", "path"),
    ("STATUS", "status"),
    ("MS", "latencyMs"),
    ("APP", "app"),
];

/// `emulator requests`: the emulator's request log, newest last; with `--follow`, what comes
/// after it, polled with `?after=` the last id seen until interrupted.
pub fn requests(
    args: &EmulatorRequestsArgs,
    global: &GlobalArgs,
    format: Format,
    emit: super::events::Emit<'_>,
) -> anyhow::Result<Output> {
    let fetch = |after: u64, limit: Option<u32>| -> anyhow::Result<Vec<Value>> {
        // A client per request: --timeout is one deadline for all a client does, and
        // --follow runs on for longer than that.
        let client = control(&args.target, global)?;
        let mut route = format!("requests?after={after}");
        if let Some(limit) = limit {
            route.push_str(&format!("&limit={limit}"));
        }
        Ok(super::values_of(client.emulator_control(
            Method::GET,
            &route,
            None,
        )?))
    };
    let first = fetch(0, args.limit)?;
    if !args.follow {
        return Ok(super::list_output(first, &REQUEST_COLUMNS, "id"));
    }
    let mut last = 0;
    let mut header = matches!(format, Format::Table { terminal: false });
    let mut batch = first;
    loop {
        for item in &batch {
            last = last.max(item["id"].as_u64().unwrap_or(0));
            let line = match format {
                Format::Json | Format::JsonLines => crate::terminal::json_string(item),
                Format::Quiet => item["id"].to_string(),
                Format::Table { terminal } => {
                    if header {
                        // Piped: tab-separated with a header, as the list without --follow.
                        let names: Vec<&str> = REQUEST_COLUMNS.iter().map(|(h, _)| *h).collect();
                        emit(&Output::Text(format!("{}\n", names.join("\t"))))?;
                        header = false;
                    }
                    REQUEST_COLUMNS
                        .iter()
                        .map(|(_, field)| {
                            crate::terminal::escape(&super::display_cell(item.get(*field), field))
                                .into_owned()
                        })
                        .collect::<Vec<_>>()
                        .join(if terminal { "  " } else { "\t" })
                }
            };
            emit(&Output::Text(format!("{line}\n")))?;
        }
        std::thread::sleep(args.interval.max(Duration::from_millis(100)));
        // Ids keep counting across a reset, so nothing after `last` is missed.
        batch = fetch(last, None)?;
    }
}

/// `emulator state`: the JSON dump, whatever the output format (it is JSON by nature).
pub fn state(args: &EmulatorClientArgs, global: &GlobalArgs) -> anyhow::Result<Output> {
    let client = dump_client(&emulator_url(args, global)?, global)?;
    let answer = client.emulator_control_raw("state")?;
    // Indented as it is read, with no copy of the whole state in between.
    let mut bytes = Vec::with_capacity(answer.len() * 2);
    indent_json(&mut bytes, &answer).map_err(|e| {
        let url = crate::api::redact::display_url(client.base_url());
        anyhow::anyhow!(
            "GET {}/_emulator/state did not answer JSON ({e}); is this an emulator?",
            url.trim_end_matches('/')
        )
    })?;
    drop(answer);
    let mut text = String::from_utf8(bytes)?;
    text.push('\n');
    Ok(Output::Text(text))
}

/// JSON text indented as it is read, escaped for a terminal as all JSON output is.
fn indent_json(out: &mut Vec<u8>, json: &[u8]) -> serde_json::Result<()> {
    let mut from = serde_json::Deserializer::from_slice(json);
    let mut to = serde_json::Serializer::with_formatter(
        out,
        crate::terminal::SafeJson(serde_json::ser::PrettyFormatter::new()),
    );
    serde_transcode::transcode(&mut from, &mut to)?;
    from.end()
}

/// The client for a running emulator's control routes: no key, the global --timeout and -v.
fn control(args: &EmulatorClientArgs, global: &GlobalArgs) -> anyhow::Result<Client> {
    context::anonymous_client(&emulator_url(args, global)?, global)
}

/// The most `emulator state` and `emulator export` read of their answer: the emulator's whole
/// state, where the API's cap is for one answer of the API (an export of 100k users, one alias
/// and one passkey each, is 62 MB).
const DUMP_MAX_BODY: usize = 1024 * 1024 * 1024;

/// The control client for the whole-state routes.
fn dump_client(url: &str, global: &GlobalArgs) -> anyhow::Result<Client> {
    context::anonymous_client_reading(url, global, DUMP_MAX_BODY)
}

/// Where the running emulator is: `--url`, else `--api-url`, else PASSWORDLESS_API_URL, else
/// the default port. Two different flags are a contradiction, not a silent choice.
fn emulator_url(args: &EmulatorClientArgs, global: &GlobalArgs) -> anyhow::Result<String> {
    match (&args.url, &global.api_url) {
        (Some(url), Some(api_url))
            if url.trim_end_matches('/') != api_url.trim_end_matches('/') =>
        {
            Err(usage(format!(
                "--url {url} and --api-url {api_url} disagree; give one of them"
            )))
        }
        (Some(url), _) | (None, Some(url)) if url.trim().is_empty() => Err(usage(
            "the emulator's URL is empty; give e.g. http://127.0.0.1:7001",
        )),
        (Some(url), _) | (None, Some(url)) => Ok(url.clone()),
        (None, None) => Ok(crate::env::required_if_set(API_URL)?
            .unwrap_or_else(|| "http://127.0.0.1:7001".to_owned())),
    }
}

fn start(config: EmulatorConfig) -> anyhow::Result<Emulator> {
    let addr = config.bind;
    Emulator::start(config).map_err(|err| {
        // A seed entry the emulator refused is the user's input, named with its file.
        if let Some(bad) = err.downcast_ref::<crate::emulator::BadSeed>() {
            return usage(bad.to_string());
        }
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
    let scheme = if config.tls.is_some() {
        "https"
    } else {
        "http"
    };
    // Browsers refuse WebAuthn on an IP address: the demo page is opened by name.
    let page = format!("{scheme}://localhost:{}/", emulator.addr().port());
    // The inspector is a control route: reached by name too, which its guard accepts.
    let inspector = format!("{page}_emulator/");
    let ca = emulator.ca_cert_path().map(|p| p.display().to_string());
    let mut record = json!({
        "url": url,
        "pageUrl": page,
        "inspectorUrl": inspector,
        "appId": config.app_id,
        "apiSecret": config.api_secret,
        "apiKey": config.api_key,
        "managementKey": config.management_key,
    });
    let mut fields = vec![("url", url.clone())];
    let mut trust = String::new();
    if let Some(ca) = &ca {
        record["caCert"] = json!(ca);
        fields.push(("ca cert", ca.clone()));
        trust = format!(" {CA_CERT}={}", shell_word(ca));
    }
    fields.extend([
        ("app id", config.app_id.clone()),
        ("API secret", config.api_secret.clone()),
        ("public API key", config.api_key.clone()),
        ("management key", config.management_key.clone()),
    ]);
    // Keys a seed listed without their values (an export without --include-secrets) were made
    // now: like the development keys, they are local keys printed so they can be used.
    let seeded = emulator.seeded_keys();
    if !seeded.is_empty() {
        record["seededKeys"] = json!(seeded);
        fields.extend(seeded.iter().map(|key| ("seeded key", key.clone())));
    }
    fields.extend([
        ("try a passkey", page),
        ("inspect it", inspector),
        (
            "use it",
            format!(
                "export {API_URL}={url} {API_SECRET}={} {API_KEY}={} {MANAGEMENT_KEY}={}{trust}",
                config.api_secret,
                config.api_key,
                shell_word(&config.management_key)
            ),
        ),
        ("stop", "Ctrl-C".to_owned()),
    ]);
    Output::Record {
        json: record,
        fields: labeled(fields),
        id: Some(url),
    }
}

/// `path` as one word for a POSIX shell: quoted when it has anything but safe characters.
fn shell_word(path: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "/._-+:,@%".contains(c);
    if !path.is_empty() && path.chars().all(safe) {
        path.to_owned()
    } else {
        format!("'{}'", path.replace('\'', r"'\''"))
    }
}

/// A directory builder that makes a folder only its owner can enter (mode 0700 on unix; on
/// Windows the temp folder is already the user's own).
fn private_dir_builder() -> std::fs::DirBuilder {
    #[cfg_attr(not(unix), allow(unused_mut))]
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
}
