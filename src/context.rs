//! Settings resolved once per run: profile, config file, base URL, where the secret comes from,
//! output format and the HTTP client. Precedence: flag > environment > profile config > default.
//! Nothing here touches the keyring or the network until a command asks for it.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use reqwest::Url;

use crate::api::{self, Client, ClientSettings};
use crate::cli::GlobalArgs;
use crate::config::{self, ConfigFile, DEFAULT_BASE_URL, DEFAULT_PROFILE, Profile};
use crate::exit::CliError;
use crate::keyring_store::{Item, SecretEntry, StoreKind};
use crate::output::Format;
use crate::secret::{ApiSecret, Auth, ManagementKey, PublicKey, SecretSource};

pub const ENV_SECRET: &str = "PASSWORDLESS_API_SECRET";
pub const ENV_URL: &str = "PASSWORDLESS_API_URL";
pub const ENV_CONFIG_DIR: &str = "PASSWORDLESS_CONFIG_DIR";
pub const ENV_KEYRING_STORE: &str = "PASSWORDLESS_KEYRING_STORE";
pub const ENV_MANAGEMENT_KEY: &str = "PASSWORDLESS_MANAGEMENT_KEY";
pub const ENV_API_KEY: &str = "PASSWORDLESS_API_KEY";

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
    env_public_key: Option<String>,
}

fn non_empty_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Context {
    pub fn resolve(global: &GlobalArgs) -> anyhow::Result<Context> {
        let profile = global
            .profile
            .clone()
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| DEFAULT_PROFILE.to_owned());
        config::validate_profile_name(&profile)?;
        let dir_override = std::env::var_os(ENV_CONFIG_DIR)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from);
        let config_dir = config::config_dir(dir_override.as_deref())?;
        let config_path = config::config_path(&config_dir);
        let config = config::load(&config_path)?;
        let format = if global.json {
            Format::Json
        } else if global.quiet {
            Format::Quiet
        } else {
            Format::Table {
                terminal: std::io::stdout().is_terminal(),
            }
        };
        if global.timeout.is_zero() {
            return Err(
                CliError::Usage("--timeout must be more than zero, e.g. `30s`".to_owned()).into(),
            );
        }
        Ok(Context {
            profile,
            config_dir,
            config_path,
            config,
            format,
            timeout: global.timeout,
            verbose: global.verbose,
            api_url_arg: global.api_url.clone().filter(|v| !v.is_empty()),
            env_url: non_empty_env(ENV_URL),
            env_secret: non_empty_env(ENV_SECRET),
            env_store: non_empty_env(ENV_KEYRING_STORE),
            env_management_key: non_empty_env(ENV_MANAGEMENT_KEY),
            env_public_key: non_empty_env(ENV_API_KEY),
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
                .map_err(|e| CliError::Auth(format!("{ENV_SECRET} is set but unusable: {e}")))?;
            return Ok((secret, SecretSource::Env(ENV_SECRET)));
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
                "no API secret for profile `{}`; store one with `passwordless config set-secret{}` or set {ENV_SECRET}",
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
                CliError::Auth(format!("{ENV_MANAGEMENT_KEY} is set but unusable: {e}"))
            })?;
            return Ok((key, SecretSource::Env(ENV_MANAGEMENT_KEY)));
        }
        match self.secret_entry(Item::ManagementKey)?.read()? {
            Some(value) => Ok((
                ManagementKey::parse(&value).map_err(|e| CliError::Auth(e.to_string()))?,
                SecretSource::Keyring(self.store_kind()?.0.name()),
            )),
            None => Err(CliError::Auth(format!(
                "no management key for profile `{}`; store one with `passwordless config set-management-key{}` or set {ENV_MANAGEMENT_KEY}",
                self.profile,
                self.profile_flag()
            ))
            .into()),
        }
    }

    /// The app's public API key, for the browser-facing routes: `PASSWORDLESS_API_KEY`, else the
    /// profile's `public-key` setting. It is not a secret, so the config file may hold it.
    pub fn public_key(&self) -> anyhow::Result<(PublicKey, Source)> {
        if let Some(value) = &self.env_public_key {
            let key = PublicKey::parse(value)
                .map_err(|e| CliError::Auth(format!("{ENV_API_KEY} is set but unusable: {e}")))?;
            return Ok((key, Source::Env));
        }
        match self.profile_config().and_then(|p| p.public_key.as_deref()) {
            Some(value) => {
                let key = PublicKey::parse(value).map_err(|e| {
                    CliError::Usage(format!(
                        "the public-key of profile `{}` in {} is unusable ({e}); set it again with `passwordless config set public-key`",
                        self.profile,
                        self.config_path.display()
                    ))
                })?;
                Ok((key, Source::Config))
            }
            None => Err(CliError::Auth(format!(
                "no public API key for profile `{}`; set {ENV_API_KEY}, or store it with `passwordless config set public-key <app>:public:…{}`",
                self.profile,
                self.profile_flag()
            ))
            .into()),
        }
    }

    /// A client for the browser-facing routes: the public key, and `Origin` as a page sends it.
    pub fn public_client(&self, origin: &str) -> anyhow::Result<Client> {
        let (key, _) = self.public_key()?;
        Ok(self.client_with(Auth::Public(key))?.with_origin(origin))
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
        Client::new(ClientSettings {
            base_url,
            auth,
            timeout: self.timeout,
            verbose: self.verbose,
        })
        .context("cannot set up the HTTP client")
    }
}
