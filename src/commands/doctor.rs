//! `passwordless doctor`: checks the whole setup in one run — config file and its permissions,
//! keyring store, the secret (masked), the API (TLS, latency, secret accepted), clock skew
//! against the server's `Date`, and proxy variables — and says how to fix what fails.

use serde_json::{Value, json};

use crate::api::error::ApiError;
use crate::api::redact;
use crate::cli::GlobalArgs;
use crate::context::Context;
use crate::env::{API_SECRET, API_URL, CA_CERT, KEYRING_STORE};
use crate::exit::Exit;
use crate::keyring_store::{Item, StoreKind};
use crate::output::{Output, Then};
use crate::secret::{Auth, SecretSource};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Ok,
    Warn,
    Fail,
}

impl Status {
    fn name(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warn => "warn",
            Status::Fail => "fail",
        }
    }
}

struct Check {
    name: &'static str,
    status: Status,
    detail: String,
    fix: Option<String>,
}

fn check(
    name: &'static str,
    status: Status,
    detail: impl Into<String>,
    fix: Option<&str>,
) -> Check {
    Check {
        name,
        status,
        detail: detail.into(),
        fix: fix.map(str::to_owned),
    }
}

/// The proxy variables the HTTP client reads.
const PROXY_VARS: &[&str] = &[
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
];

/// The report; when any check failed, the run then exits 1.
pub fn run(global: &GlobalArgs) -> Output {
    let mut checks = Vec::new();
    match Context::resolve(global) {
        Ok(ctx) => {
            checks.push(config_check(&ctx));
            checks.extend(secret_checks(&ctx));
        }
        Err(err) => checks.push(check(
            "config",
            Status::Fail,
            format!("{err:#}"),
            Some("fix or delete the config file (`passwordless config path` shows where it is)"),
        )),
    }
    checks.push(proxy_check());
    let failed = checks.iter().any(|c| c.status == Status::Fail);
    let json_checks: Vec<Value> = checks
        .iter()
        .map(|c| {
            json!({"name": c.name, "status": c.status.name(), "detail": c.detail, "fix": c.fix})
        })
        .collect();
    let rows = checks
        .iter()
        .map(|c| {
            vec![
                c.name.to_owned(),
                c.status.name().to_owned(),
                c.detail.clone(),
                c.fix.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let output = Output::List {
        json: json!({ "ok": !failed, "checks": json_checks }),
        headers: vec!["CHECK", "STATUS", "DETAIL", "FIX"],
        rows,
        ids: checks
            .iter()
            .map(|c| format!("{} {}", c.name, c.status.name()))
            .collect(),
    };
    if failed {
        Output::Finished {
            shown: Box::new(output),
            then: Then::Status(Exit::Unexpected as u8),
        }
    } else {
        output
    }
}

fn config_check(ctx: &Context) -> Check {
    let path = ctx.config_path.display().to_string();
    let Ok(meta) = std::fs::metadata(&ctx.config_path) else {
        return check(
            "config",
            Status::Ok,
            format!("{path} (not created yet: defaults)"),
            None,
        );
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return check(
                "config",
                Status::Warn,
                format!("{path} is readable by others (mode {mode:o})"),
                Some(&format!("chmod 600 {path}")),
            );
        }
        check(
            "config",
            Status::Ok,
            format!("{path} (mode {mode:o}, profile `{}`)", ctx.profile),
            None,
        )
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        check(
            "config",
            Status::Ok,
            format!("{path} (profile `{}`)", ctx.profile),
            None,
        )
    }
}

/// Keyring, secret and API checks: each needs the one before.
fn secret_checks(ctx: &Context) -> Vec<Check> {
    let mut checks = Vec::new();
    let store = match ctx.store_kind() {
        Ok((kind, source)) => {
            let persists = match kind {
                StoreKind::SecretService => "persists (desktop keyring)",
                StoreKind::Keyutils => "kernel keyring: lost at reboot",
                StoreKind::MacosKeychain => "persists (login Keychain)",
                StoreKind::WindowsCredentialManager => "persists (Credential Manager)",
                StoreKind::InsecureFile if cfg!(unix) => "persists in a plaintext 0600 file",
                StoreKind::InsecureFile => {
                    "persists in a plaintext file, guarded by its folder's access list"
                }
            };
            let default = StoreKind::os_default();
            let prefer = format!(
                "prefer `{0}` where the OS keyring is reachable: `passwordless config set keyring-store {0}`",
                default.name()
            );
            let described = format!("{} ({})", kind.name(), source.describe(KEYRING_STORE));
            // A real read of the profile's entry: a store that is named but cannot be opened
            // must not be reported `ok` next to a secret that could not be read from it.
            let reachable = kind
                .available_here()
                .map_err(anyhow::Error::from)
                .and_then(|_| ctx.secret_entry(Item::ApiSecret)?.check_reachable());
            let (status, detail, fix) = match kind.available_here() {
                Err(err) => (Status::Fail, err.to_string(), None),
                Ok(_) if reachable.is_err() => {
                    // The environment's secret works without the keyring: only a warning then.
                    let status = if ctx.secret_from_env() {
                        Status::Warn
                    } else {
                        Status::Fail
                    };
                    let err = reachable.as_ref().err().map(|e| format!("{e:#}"));
                    (
                        status,
                        format!("{described}: {}", err.unwrap_or_default()),
                        None,
                    )
                }
                Ok(kind) if kind == default => (
                    Status::Ok,
                    format!("{described}, reachable, {persists}"),
                    None,
                ),
                Ok(_) => (
                    Status::Warn,
                    format!("{described}, reachable, {persists}"),
                    Some(prefer.as_str()),
                ),
            };
            checks.push(check("keyring", status, detail, fix));
            Some(status != Status::Fail)
        }
        Err(err) => {
            let names: Vec<&str> = StoreKind::available_on(std::env::consts::OS)
                .iter()
                .map(|kind| kind.name())
                .collect();
            checks.push(check(
                "keyring",
                Status::Fail,
                format!("{err:#}"),
                Some(&format!("use one of {}", names.join(", "))),
            ));
            None
        }
    };
    let secret = match ctx.secret() {
        Ok((secret, source)) => {
            let from = match source {
                SecretSource::Env(name) => format!("env {name}"),
                SecretSource::Keyring(store) => format!("keyring store {store}"),
            };
            checks.push(check(
                "secret",
                Status::Ok,
                format!(
                    "API secret {} of app `{}`, from {from}",
                    secret.masked(),
                    secret.app_id()
                ),
                None,
            ));
            Some(secret)
        }
        Err(err) => {
            // When the keyring row failed, the secret's error is that row's again: say so once.
            let (detail, fix) = if store == Some(true) {
                (
                    format!("{err:#}"),
                    format!(
                        "store one with `passwordless config set-secret{}` or set {API_SECRET}",
                        ctx.profile_flag()
                    ),
                )
            } else {
                (
                    "not read: the keyring store cannot be used".to_owned(),
                    "see the keyring check".to_owned(),
                )
            };
            checks.push(check("secret", Status::Fail, detail, Some(&fix)));
            None
        }
    };
    let (base_url, source) = match ctx.base_url() {
        Ok(found) => found,
        Err(err) => {
            checks.push(check(
                "api",
                Status::Fail,
                format!("{err:#}"),
                Some("fix the base URL: `passwordless config set base-url URL`"),
            ));
            return checks;
        }
    };
    let shown = redact::display_url(&base_url)
        .trim_end_matches('/')
        .to_owned();
    let transport = if base_url.scheme() == "https" {
        "TLS"
    } else {
        "plain http, loopback only"
    };
    let (auth, path) = match secret {
        Some(secret) => (Auth::Secret(secret), "/users/count"),
        None => (Auth::Anonymous, "/health/http"),
    };
    let probe = ctx.client_with(auth).map_err(|e| format!("{e:#}"));
    let probe = probe.map(|client| client.probe(path));
    if base_url.scheme() == "https" {
        checks.push(tls_check(ctx, &probe));
    }
    let probe = probe.and_then(|answer| answer.map_err(|e| format!("{e}; {}", e.hint())));
    match probe {
        Ok(probe) => {
            checks.push(check(
                "api",
                Status::Ok,
                format!(
                    "{shown} ({}, {transport}): GET {path} answered {} in {} ms",
                    source.describe(API_URL),
                    probe.status,
                    probe.latency.as_millis()
                ),
                None,
            ));
            checks.push(match probe.skew_secs {
                Some(skew) if skew.abs() > 60 => check(
                    "clock",
                    Status::Warn,
                    format!("this machine's clock is {} s {} the server's", skew.abs(), if skew > 0 { "behind" } else { "ahead of" }),
                    Some("sync the clock (e.g. `timedatectl set-ntp true`): token expiry is judged by the server's"),
                ),
                Some(skew) => check("clock", Status::Ok, format!("within {} s of the server's Date", skew.abs().max(1)), None),
                None => check("clock", Status::Warn, "the server sent no Date header", None),
            });
        }
        Err(message) => checks.push(check(
            "api",
            Status::Fail,
            format!(
                "{shown} ({}, {transport}): {message}",
                source.describe(API_URL)
            ),
            Some("check the base URL, the network and the secret; `-vv` shows the exchange"),
        )),
    }
    checks
}

/// Which roots the server's certificate is checked against, and whether its chain verified.
fn tls_check(
    ctx: &Context,
    probe: &Result<Result<crate::api::probe::Probe, ApiError>, String>,
) -> Check {
    let roots = match ctx.ca_cert_path() {
        Some((path, source)) => format!(
            "the system's roots and the CA in {} ({})",
            path.display(),
            source.describe(CA_CERT)
        ),
        None => "the system's roots".to_owned(),
    };
    match probe {
        Ok(Ok(_)) => check(
            "tls",
            Status::Ok,
            format!("the server's certificate chain verifies against {roots}"),
            None,
        ),
        Ok(Err(err @ ApiError::Certificate { .. })) => check(
            "tls",
            Status::Fail,
            format!("{err}; checked against {roots}"),
            Some(
                "if the server uses a private CA, trust it with `passwordless config set ca-cert FILE`, --ca-cert or PASSWORDLESS_CA_CERT",
            ),
        ),
        // No answer at all, or the CA file itself is unusable: the api row says why.
        Ok(Err(_)) | Err(_) => check(
            "tls",
            Status::Warn,
            format!("not verified (no TLS answer); would check against {roots}"),
            None,
        ),
    }
}

fn proxy_check() -> Check {
    let set: Vec<String> = PROXY_VARS
        .iter()
        .filter_map(|name| {
            let value = crate::env::non_empty(name)?;
            let shown = url::Url::parse(&value)
                .map(|url| redact::display_url(&url))
                .unwrap_or_else(|_| crate::secret::mask(&value));
            Some(format!("{name}={shown}"))
        })
        .collect();
    if set.is_empty() {
        check("proxy", Status::Ok, "no proxy variables set", None)
    } else {
        check(
            "proxy",
            Status::Ok,
            format!(
                "{} (https goes through the proxy as a CONNECT tunnel; plain-http loopback never does)",
                set.join(", ")
            ),
            None,
        )
    }
}
