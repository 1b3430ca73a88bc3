//! Settings resolved once per run: profile, config file, base URL, where the secret comes from,
//! output format and the HTTP client. Precedence: flag > environment > profile config > default.
//! Nothing here touches the keyring or the network until a command asks for it.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use url::Url;
use zeroize::Zeroizing;

use crate::api::{self, CaCert, Client, ClientSettings, Trace};
use crate::cli::GlobalArgs;
use crate::config::{self, ConfigFile, DEFAULT_BASE_URL, DEFAULT_PROFILE, Profile};
use crate::env::{self, API_KEY, API_SECRET, MANAGEMENT_KEY};
use crate::error::CliError;
use crate::hints::{Credential, RunNotes, Setup};
use crate::keyring_store::{Item, SecretEntry, StoreKind};
use crate::output::Format;
use crate::report;
use crate::secret::{ApiSecret, Auth, ManagementKey, PublicKey, SecretSource};

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
    /// `-v` count: 0 silent, 1 request lines, 2 headers, 3 bodies.
    pub verbose: u8,
    api_url_arg: Option<String>,
    ca_cert_arg: Option<PathBuf>,
    env_ca_cert: Option<String>,
    env_url: Option<String>,
    env_secret: Option<Zeroizing<String>>,
    env_store: Option<String>,
    env_management_key: Option<Zeroizing<String>>,
    env_public_key: Option<String>,
    /// Where this run notes what its error hints need; shared with `main`, which shows errors.
    notes: Arc<RunNotes>,
    /// Set for a command run in-process ([`Context::injected`]): makes every client the command
    /// asks for, in place of one built from the settings.
    make_client: Option<MakeClient>,
}

/// Builds the client a command asks for, given the credential it chose (gh's `Factory`).
pub type MakeClient = Arc<dyn Fn(Auth) -> anyhow::Result<Client>>;

/// The output format the flags ask for: `--json`, `--jsonl`, `--quiet`, else a table (bordered
/// and coloured only when stdout is a terminal). The one place it is decided: [`Context::resolve`]
/// and the error path before a context exists both call it.
pub fn format_of(global: &GlobalArgs) -> Format {
    if global.json {
        Format::Json
    } else if global.jsonl {
        Format::JsonLines
    } else if global.quiet {
        Format::Quiet
    } else {
        Format::Table {
            terminal: std::io::stdout().is_terminal(),
        }
    }
}

impl Context {
    pub fn resolve(global: &GlobalArgs) -> anyhow::Result<Context> {
        let profile = global
            .profile
            .clone()
            .or_else(|| env::non_empty(env::PROFILE))
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| DEFAULT_PROFILE.to_owned());
        config::validate_profile_name(&profile)?;
        let dir_override = env::required_if_set(env::CONFIG_DIR)?.map(PathBuf::from);
        let config_dir = config::config_dir(dir_override.as_deref())?;
        let config_path = config::config_path(&config_dir);
        let config = config::load(&config_path)?;
        let format = format_of(global);
        check_timeout(global)?;
        if global
            .api_url
            .as_deref()
            .is_some_and(|u| u.trim().is_empty())
        {
            return Err(CliError::Usage(
                "--api-url is empty; give the API's base URL, e.g. https://v4.passwordless.dev, or leave the flag out".to_owned(),
            )
            .into());
        }
        Ok(Context {
            profile,
            config_dir,
            config_path,
            config,
            format,
            timeout: global.timeout,
            verbose: global.verbose,
            api_url_arg: global.api_url.clone(),
            ca_cert_arg: global.ca_cert.clone(),
            env_ca_cert: env::required_if_set(env::CA_CERT)?,
            env_url: env::required_if_set(env::API_URL)?,
            env_secret: env::required_if_set(env::API_SECRET)?.map(Zeroizing::new),
            env_store: env::non_empty(env::KEYRING_STORE),
            env_management_key: env::required_if_set(env::MANAGEMENT_KEY)?.map(Zeroizing::new),
            env_public_key: env::non_empty(env::API_KEY),
            notes: Arc::default(),
            make_client: None,
        })
    }

    /// A context for running a command in-process, with settings given rather than read from
    /// flags, the environment or a config file: the credentials as if from the environment, the
    /// config folder the caller's, and every client made by `make_client` from the credential
    /// the command chose. Commands run exactly as they do for `main`.
    pub fn injected(
        config_dir: PathBuf,
        format: Format,
        secret: Option<&str>,
        management_key: Option<&str>,
        make_client: MakeClient,
    ) -> Context {
        let config_path = config::config_path(&config_dir);
        Context {
            profile: DEFAULT_PROFILE.to_owned(),
            config_dir,
            config_path,
            config: ConfigFile::default(),
            format,
            timeout: Duration::from_secs(30),
            verbose: 0,
            api_url_arg: None,
            ca_cert_arg: None,
            env_ca_cert: None,
            env_url: None,
            env_secret: secret.map(|s| Zeroizing::new(s.to_owned())),
            env_store: None,
            env_management_key: management_key.map(|k| Zeroizing::new(k.to_owned())),
            env_public_key: None,
            notes: Arc::default(),
            make_client: Some(make_client),
        }
    }

    /// The same context, noting into `notes` (which `main` keeps to show errors with).
    pub fn with_notes(mut self, notes: Arc<RunNotes>) -> Context {
        self.notes = notes;
        self
    }

    /// Settings from the environment alone, as if no flag were given: for shell completion,
    /// which has no parsed command line.
    pub fn from_env(timeout: Duration) -> anyhow::Result<Context> {
        Context::resolve(&GlobalArgs {
            profile: None,
            api_url: None,
            ca_cert: None,
            json: false,
            jsonl: false,
            quiet: false,
            timeout,
            verbose: 0,
        })
    }

    /// Whether the profile exists: `default` always does, others once the config file names
    /// them (every `config set…` for a profile records it there).
    pub fn profile_is_known(&self) -> bool {
        self.profile == DEFAULT_PROFILE || self.config.profiles.contains_key(&self.profile)
    }

    /// Refuses to send anything for a profile nobody created: a typo must not quietly fall back
    /// to the default URL and the environment's secret, which may be production's.
    pub fn check_profile_known(&self) -> anyhow::Result<()> {
        if self.profile_is_known() {
            return Ok(());
        }
        let mut known: Vec<&str> = vec![DEFAULT_PROFILE];
        known.extend(
            self.config
                .profiles
                .keys()
                .map(String::as_str)
                .filter(|name| *name != DEFAULT_PROFILE),
        );
        Err(CliError::Usage(format!(
            "there is no profile `{}` (known: {}); create it with `passwordless config set-secret --profile {}` or `passwordless config set base-url URL --profile {}`",
            self.profile,
            known.join(", "),
            self.profile,
            self.profile
        ))
        .into())
    }

    pub fn profile_config(&self) -> Option<&Profile> {
        self.config.profiles.get(&self.profile)
    }

    /// The base URL and where it came from: the flag, the variable, the profile, the default.
    pub fn base_url(&self) -> anyhow::Result<(Url, Source)> {
        let (raw, source) = if let Some(arg) = &self.api_url_arg {
            (arg.clone(), Source::Flag)
        } else if let Some(url) = &self.env_url {
            (url.clone(), Source::Env)
        } else if let Some(url) = self.profile_config().and_then(|p| p.base_url.clone()) {
            (url, Source::Config)
        } else {
            (DEFAULT_BASE_URL.to_owned(), Source::Default)
        };
        let url = api::parse_base_url(&raw).map_err(CliError::Usage)?;
        Ok((url, source))
    }

    /// The private CA file to trust and where its name came from: the flag, the variable, the
    /// profile; `None` when only the platform's roots are trusted.
    pub fn ca_cert_path(&self) -> Option<(PathBuf, Source)> {
        if let Some(path) = &self.ca_cert_arg {
            return Some((path.clone(), Source::Flag));
        }
        if let Some(path) = &self.env_ca_cert {
            return Some((PathBuf::from(path), Source::Env));
        }
        self.profile_config()
            .and_then(|p| p.ca_cert.as_deref())
            .map(|path| (PathBuf::from(path), Source::Config))
    }

    /// The private CA, read and checked: a missing or non-PEM file is a usage error before any
    /// request.
    pub fn ca_cert(&self) -> anyhow::Result<Option<CaCert>> {
        self.ca_cert_path()
            .map(|(path, _)| CaCert::load(&path).map_err(|e| CliError::Usage(e).into()))
            .transpose()
    }

    pub fn store_kind(&self) -> anyhow::Result<(StoreKind, Source)> {
        if let Some(name) = &self.env_store {
            return Ok((name.parse()?, Source::Env));
        }
        if let Some(name) = self.profile_config().and_then(|p| p.keyring_store.clone()) {
            return Ok((name.parse()?, Source::Config));
        }
        Ok((StoreKind::os_default(), Source::Default))
    }

    /// The store of another `profile` (for `--save-to-profile`): the variable, else that
    /// profile's setting, else this run's store.
    pub fn store_kind_for(&self, profile: &str) -> anyhow::Result<StoreKind> {
        if let Some(name) = &self.env_store {
            return Ok(name.parse()?);
        }
        match self
            .config
            .profiles
            .get(profile)
            .and_then(|p| p.keyring_store.as_deref())
        {
            Some(name) => Ok(name.parse()?),
            None => Ok(self.store_kind()?.0),
        }
    }

    /// The keyring entry of `item` for this profile. A store this OS does not have (say, a
    /// config file copied from another machine) is refused here, so `config show` can still
    /// display the setting.
    pub fn secret_entry(&self, item: Item) -> anyhow::Result<SecretEntry> {
        let (kind, source) = self.store_kind()?;
        let kind = kind.available_here()?;
        Ok(
            SecretEntry::new(kind, &self.profile, item, self.config_dir.clone())
                .chosen_by_env(source == Source::Env),
        )
    }

    /// Whether `PASSWORDLESS_API_SECRET` is set (the keyring is then never read for the secret).
    pub fn secret_from_env(&self) -> bool {
        self.env_secret.is_some()
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
        match entry.read()?.map(Zeroizing::new) {
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
        match self.secret_entry(Item::ManagementKey)?.read()?.map(Zeroizing::new) {
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

    /// The app's public API key, for the browser-facing routes: `PASSWORDLESS_API_KEY`, else the
    /// profile's `public-key` setting. It is not a secret, so the config file may hold it.
    pub fn public_key(&self) -> anyhow::Result<(PublicKey, Source)> {
        if let Some(value) = &self.env_public_key {
            let key = PublicKey::parse(value)
                .map_err(|e| CliError::Auth(format!("{API_KEY} is set but unusable: {e}")))?;
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
                "no public API key for profile `{}`; set {API_KEY}, or store it with `passwordless config set public-key <app>:public:…{}`",
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
        self.client_and_secret().map(|(client, _)| client)
    }

    /// [`client`](Self::client) and the secret it sends, from one read of the keyring (each
    /// read may be a prompt, on macOS).
    pub fn client_and_secret(&self) -> anyhow::Result<(Client, ApiSecret)> {
        self.check_profile_known()?;
        let (secret, source) = self.secret()?;
        self.note(Credential::ApiSecret, source);
        self.notes.note_app(secret.app_id());
        self.notes.note_setup(Setup {
            management_key_in_env: self.env_management_key.is_some(),
            management_entry: self.secret_entry(Item::ManagementKey).ok(),
            emulator: self.base_url().is_ok_and(|(url, _)| api::is_loopback(&url)),
        });
        Ok((self.client_with(Auth::Secret(secret.clone()))?, secret))
    }

    /// A client that sends the management key.
    pub fn management_client(&self) -> anyhow::Result<Client> {
        self.check_profile_known()?;
        let (key, source) = self.management_key()?;
        self.note(Credential::ManagementKey, source);
        self.client_with(Auth::Management(key))
    }

    fn note(&self, credential: Credential, source: SecretSource) {
        self.notes
            .note_credential(credential, source, self.profile_flag());
    }

    /// What this run has noted for the hints of its errors.
    pub fn notes(&self) -> &RunNotes {
        &self.notes
    }

    pub fn client_with(&self, auth: Auth) -> anyhow::Result<Client> {
        if let Some(make_client) = &self.make_client {
            return make_client(auth);
        }
        self.check_profile_known()?;
        let (base_url, _) = self.base_url()?;
        let ca_cert = self.ca_cert()?;
        Client::new(settings(
            base_url,
            auth,
            self.timeout,
            self.verbose,
            ca_cert,
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
    anonymous_client_reading(url, global, api::DEFAULT_MAX_BODY)
}

/// [`anonymous_client`] reading answers up to `max_body` (an emulator's whole state).
pub fn anonymous_client_reading(
    url: &str,
    global: &GlobalArgs,
    max_body: usize,
) -> anyhow::Result<Client> {
    check_timeout(global)?;
    let base_url = api::parse_base_url(url).map_err(CliError::Usage)?;
    // No profile here: the CA comes from the flag or the variable.
    let ca_path = global
        .ca_cert
        .clone()
        .or_else(|| env::non_empty(env::CA_CERT).map(PathBuf::from));
    let ca_cert = ca_path
        .map(|path| CaCert::load(&path).map_err(CliError::Usage))
        .transpose()?;
    Client::new(ClientSettings {
        max_body,
        ..settings(
            base_url,
            Auth::Anonymous,
            global.timeout,
            global.verbose,
            ca_cert,
        )
    })
    .context("cannot set up the HTTP client")
}

fn settings(
    base_url: Url,
    auth: Auth,
    timeout: Duration,
    verbose: u8,
    ca_cert: Option<CaCert>,
) -> ClientSettings {
    ClientSettings {
        verbosity: verbose,
        ca_cert,
        ..ClientSettings::new(
            base_url,
            auth,
            timeout,
            (verbose > 0).then_some(report::trace as Trace),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser as _;

    fn format_for(flags: &[&str]) -> Format {
        let argv = ["passwordless"].iter().chain(flags).chain(&["doctor"]);
        format_of(&crate::cli::Cli::try_parse_from(argv).unwrap().global)
    }

    #[test]
    fn the_format_follows_the_flags_else_a_table() {
        use std::io::IsTerminal;
        assert_eq!(format_for(&["--json"]), Format::Json);
        assert_eq!(format_for(&["--jsonl"]), Format::JsonLines);
        assert_eq!(format_for(&["--quiet"]), Format::Quiet);
        assert_eq!(
            format_for(&[]),
            Format::Table {
                terminal: std::io::stdout().is_terminal()
            }
        );
    }
}
