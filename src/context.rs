//! Settings resolved once per run: profile, config file, base URL, where the secret comes from,
//! output format and the HTTP client. Precedence: flag > environment > profile config > default.
//! Nothing here touches the keyring or the network until a command asks for it.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use url::Url;

use crate::api::{self, Client, ClientSettings, Trace};
use crate::cli::GlobalArgs;
use crate::config::{self, ConfigFile, DEFAULT_BASE_URL, DEFAULT_PROFILE, Profile};
use crate::env::{self, API_SECRET, MANAGEMENT_KEY};
use crate::error::CliError;
use crate::keyring_store::{Item, SecretEntry, StoreKind};
use crate::output::Format;
use crate::report;
use crate::secret::{ApiSecret, Auth, ManagementKey, SecretSource};

/// Where a setting's value came from, for `config show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Flag,
    Env,
    Config,
    Default,
}

impl Source {
    pub fn describe(self, env_name: &str) -> String {
        match self {
            Source::Flag => "flag".to_owned(),
            Source::Env => format!("env {env_name}"),
            Source::Config => "config file".to_owned(),
            Source::Default => "default".to_owned(),
        }
    }
}

pub struct Context {
    pub profile: String,
    pub config_dir: PathBuf,
    pub config_path: PathBuf,
    pub config: ConfigFile,
    pub format: Format,
    pub timeout: Duration,
    pub verbose: bool,
    api_url_arg: Option<String>,
    env_url: Option<String>,
    env_secret: Option<String>,
    env_store: Option<String>,
    env_management_key: Option<String>,
}

impl Context {
    pub fn resolve(global: &GlobalArgs) -> anyhow::Result<Context> {
        let profile = global
            .profile
            .clone()
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| DEFAULT_PROFILE.to_owned());
        config::validate_profile_name(&profile)?;
        let dir_override = std::env::var_os(env::CONFIG_DIR)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from);
        let config_dir = config::config_dir(dir_override.as_deref())?;
        let config_path = config::config_path(&config_dir);
        let config = config::load(&config_path)?;
        let format = if global.json {
            Format::Json
        } else if global.jsonl {
            Format::JsonLines
        } else if global.quiet {
            Format::Quiet
        } else {
            Format::Table {
                terminal: std::io::stdout().is_terminal(),
            }
        };
        check_timeout(global)?;
        Ok(Context {
            profile,
            config_dir,
            config_path,
            config,
            format,
            timeout: global.timeout,
            verbose: global.verbose,
            api_url_arg: global.api_url.clone().filter(|v| !v.is_empty()),
            env_url: env::non_empty(env::API_URL),
            env_secret: env::non_empty(env::API_SECRET),
            env_store: env::non_empty(env::KEYRING_STORE),
            env_management_key: env::non_empty(env::MANAGEMENT_KEY),
        })
    }

    /// Settings from the environment alone, as if no flag were given: for shell completion,
    /// which has no parsed command line.
    pub fn from_env(timeout: Duration) -> anyhow::Result<Context> {
        Context::resolve(&GlobalArgs {
            profile: env::non_empty(env::PROFILE),
            api_url: env::non_empty(env::API_URL),
            json: false,
            jsonl: false,
            quiet: false,
            timeout,
            verbose: false,
        })
    }

    pub fn profile_config(&self) -> Option<&Profile> {
        self.config.profiles.get(&self.profile)
    }

    /// The base URL and where it came from. clap folds the env var into the flag, so the two are
    /// told apart by comparing with the environment.
    pub fn base_url(&self) -> anyhow::Result<(Url, Source)> {
        let (raw, source) = if let Some(arg) = &self.api_url_arg {
            let source = if self.env_url.as_deref() == Some(arg.as_str()) {
                Source::Env
            } else {
                Source::Flag
            };
            (arg.clone(), source)
        } else if let Some(url) = self.profile_config().and_then(|p| p.base_url.clone()) {
            (url, Source::Config)
        } else {
            (DEFAULT_BASE_URL.to_owned(), Source::Default)
        };
        let url = api::parse_base_url(&raw).map_err(CliError::Usage)?;
        Ok((url, source))
    }

    pub fn store_kind(&self) -> anyhow::Result<(StoreKind, Source)> {
        if let Some(name) = &self.env_store {
            return Ok((name.parse()?, Source::Env));
        }
        if let Some(name) = self.profile_config().and_then(|p| p.keyring_store.clone()) {
            return Ok((name.parse()?, Source::Config));
        }
        Ok((StoreKind::SecretService, Source::Default))
    }

    pub fn secret_entry(&self, item: Item) -> anyhow::Result<SecretEntry> {
        let (kind, _) = self.store_kind()?;
        Ok(SecretEntry::new(
            kind,
            &self.profile,
            item,
            self.config_dir.clone(),
        ))
    }

    /// The API secret: the environment first (no keyring call at all when it is set), then the
    /// profile's keyring entry.
    pub fn secret(&self) -> anyhow::Result<(ApiSecret, SecretSource)> {
        if let Some(value) = &self.env_secret {
            let secret = ApiSecret::parse(value)
                .map_err(|e| CliError::Auth(format!("{API_SECRET} is set but unusable: {e}")))?;
            return Ok((secret, SecretSource::Env(env::API_SECRET)));
        }
        let entry = self.secret_entry(Item::ApiSecret)?;
        match entry.read()? {
            Some(value) => {
                let secret = ApiSecret::parse(&value).map_err(|e| {
                    CliError::Auth(format!(
                        "the secret stored for profile `{}` is unusable ({e}); store it again with `passwordless config set-secret`",
                        self.profile
                    ))
                })?;
                Ok((secret, SecretSource::Keyring(entry.kind().name())))
            }
            None => Err(CliError::Auth(format!(
                "no API secret for profile `{}`; store one with `passwordless config set-secret{}` or set {API_SECRET}",
                self.profile,
                self.profile_flag()
            ))
            .into()),
        }
    }

    /// ` --profile NAME` when not on the default profile, for hints.
    pub fn profile_flag(&self) -> String {
        if self.profile == DEFAULT_PROFILE {
            String::new()
        } else {
            format!(" --profile {}", self.profile)
        }
    }

    /// The management key for `admin` commands: the environment first, then the keyring.
    pub fn management_key(&self) -> anyhow::Result<(ManagementKey, SecretSource)> {
        if let Some(value) = &self.env_management_key {
            let key = ManagementKey::parse(value).map_err(|e| {
                CliError::Auth(format!("{MANAGEMENT_KEY} is set but unusable: {e}"))
            })?;
            return Ok((key, SecretSource::Env(env::MANAGEMENT_KEY)));
        }
        match self.secret_entry(Item::ManagementKey)?.read()? {
            Some(value) => Ok((
                ManagementKey::parse(&value).map_err(|e| CliError::Auth(e.to_string()))?,
                SecretSource::Keyring(self.store_kind()?.0.name()),
            )),
            None => Err(CliError::Auth(format!(
                "no management key for profile `{}`; store one with `passwordless config set-management-key{}` or set {MANAGEMENT_KEY}",
                self.profile,
                self.profile_flag()
            ))
            .into()),
        }
    }

    /// A client that sends the API secret.
    pub fn client(&self) -> anyhow::Result<Client> {
        let (secret, _) = self.secret()?;
        self.client_with(Auth::Secret(secret))
    }

    /// A client that sends the management key.
    pub fn management_client(&self) -> anyhow::Result<Client> {
        let (key, _) = self.management_key()?;
        self.client_with(Auth::Management(key))
    }

    pub fn client_with(&self, auth: Auth) -> anyhow::Result<Client> {
        let (base_url, _) = self.base_url()?;
        Client::new(ClientSettings::new(
            base_url,
            auth,
            self.timeout,
            self.verbose.then_some(report::trace as Trace),
        ))
        .context("cannot set up the HTTP client")
    }
}

fn check_timeout(global: &GlobalArgs) -> anyhow::Result<()> {
    if global.timeout.is_zero() {
        return Err(
            CliError::Usage("--timeout must be more than zero, e.g. `30s`".to_owned()).into(),
        );
    }
    Ok(())
}

/// A keyless client for `url` with the global --timeout and -v, for commands that need no
/// profile or config file (the emulator's control routes).
pub fn anonymous_client(url: &str, global: &GlobalArgs) -> anyhow::Result<Client> {
    check_timeout(global)?;
    let base_url = api::parse_base_url(url).map_err(CliError::Usage)?;
    Client::new(ClientSettings::new(
        base_url,
        Auth::Anonymous,
        global.timeout,
        global.verbose.then_some(report::trace as Trace),
    ))
    .context("cannot set up the HTTP client")
}
