//! Seed files: initial users, aliases and credentials for the development app, read from JSON
//! or TOML. Unknown members are rejected so that a typo does not silently drop data. A seed may
//! also carry the app's settings in the settings-document format of `app export`
//! (`api::types::Settings`: features, authConfigurations, authenticators, apiKeys), so an
//! exported file is a seed on its own; `${VAR}` in the file is replaced from the environment.
//!
//! What `emulator export` writes (see `export`) is a seed too: `apps`, one entry per app (the
//! development app among them) with its settings, pinned API keys and users, and `faults`,
//! the fault rules loaded at start. The top-level `plan`, `users` and settings members are the
//! older single-app form and still describe the development app.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

use super::dates;
use super::faults::{FaultSpec, Faults};
use super::state::{
    Alias, App, AuthConfig, Authenticator, KeyKind, State, StoredCredential, random_bytes,
    random_hex32,
};
use passwordless_model::limits::KeyType;
use passwordless_model::types::{
    ApiKeySettings, AuthConfigSettings, AuthenticatorSettings, FeatureSettings, Settings,
    Substituted, normalize_aaguid, pair_api_keys, substitute_env,
};

// Serialize skips what is absent, so an export holds only what it sets (TOML has no null).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Seed {
    /// The development app's plan (`developer` or `free`); `--plan` wins over it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<super::Plan>,
    #[serde(
        default,
        deserialize_with = "exact",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub users: Vec<SeedUser>,
    // The members of `api::types::Settings`, listed here because serde cannot flatten into a
    // struct that denies unknown members; `settings()` gathers them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_keys: Option<Vec<ApiKeySettings>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_configurations: Option<BTreeMap<String, AuthConfigSettings>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authenticators: Option<AuthenticatorSettings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub features: Option<FeatureSettings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u32>,
    /// Whole apps, each with its id, keys, settings and users; an entry with the development
    /// app's id describes that app (after the top-level members), any other id is a new app.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub apps: Vec<SeedApp>,
    /// Fault rules in the shape `POST /_emulator/faults` takes, set at every start and again
    /// by `emulator reset` (they are part of the start state; faults are never saved in
    /// `--state`, so they are loaded even when a state file exists).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub faults: Vec<FaultSpec>,
    /// The file it was read from, for messages.
    #[serde(skip)]
    pub source: Option<PathBuf>,
    /// The values `${NAME}`s were replaced with, shown as their names in messages.
    #[serde(skip)]
    pub substituted: Substituted,
}

/// A seed the emulator cannot load: the message names the file and the entry at fault.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadSeed(String);

/// One app of a seed: the settings document's members, the values of its API keys and its
/// users.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedApp {
    /// Letters, digits, `-` and `_`, as the server allows in an app id.
    pub app_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin_email: Option<String>,
    /// The keys as metadata (the settings document's form); a key without a value in
    /// `apiKeyValues` gets a fresh random value keeping its id (its last four characters).
    /// Absent on a new app: a public and a secret key with every scope, fresh.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_keys: Option<Vec<ApiKeySettings>>,
    /// Whole keys (`<appId>:public:<32 hex>`), each pinning the `apiKeys` entry of its type
    /// whose id is its last four characters. `emulator export` writes the public keys always
    /// and the secret keys only with `--include-secrets`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub api_key_values: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_configurations: Option<BTreeMap<String, AuthConfigSettings>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authenticators: Option<AuthenticatorSettings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub features: Option<FeatureSettings>,
    #[serde(
        default,
        deserialize_with = "exact",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub users: Vec<SeedUser>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedUser {
    pub user_id: String,
    #[serde(
        default,
        deserialize_with = "exact",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub aliases: Vec<String>,
    /// Default `true`: store only the hash, as `POST /alias` does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias_hashing: Option<bool>,
    /// Aliases as the app stores them when hashed (base64 of SHA-256 of app id + alias): what
    /// an export holds of an alias whose text the emulator never kept. Valid only in an app
    /// with the same id.
    #[serde(
        default,
        deserialize_with = "exact",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub alias_hashes: Vec<String>,
    #[serde(
        default,
        deserialize_with = "exact",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub credentials: Vec<SeedCredential>,
}

/// A list read without spare room. A list read from JSON grows as its items come and makes
/// room for four at the first: a user's one passkey took four passkeys' room, and a 100k-user
/// seed 142 MB while it was read instead of 50.
fn exact<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    let mut items = Vec::<T>::deserialize(d)?;
    items.shrink_to_fit();
    Ok(items)
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedCredential {
    /// Credential id, base64url (padding optional).
    pub id: Box<str>,
    /// COSE public key, base64url or base64 (padding optional). Without it the credential
    /// gets random bytes: it lists and deletes, but no passkey can sign in with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key: Option<Box<str>>,
    /// Default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature_counter: Option<u32>,
    /// Default `none`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attestation_fmt: Option<Box<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nickname: Option<Box<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<Box<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<Box<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Box<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rpid: Option<Box<str>>,
    /// ISO-8601; without a zone it is UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<Box<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_at: Option<Box<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aa_guid: Option<Box<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transports: Option<Box<[String]>>,
    /// The three flags default to `true`, a synced passkey's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_state: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_backup_eligible: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_discoverable: Option<bool>,
}

/// A parse error as its position and reason, never the file's text: `--seed` may be pointed
/// at any file (`/etc/shadow`), and its lines must not reach the terminal.
fn json_reason(error: &serde_json::Error) -> String {
    format!(
        "line {}, column {}: {}",
        error.line(),
        error.column(),
        without_quotes(&strip_position(&error.to_string()))
    )
}

fn toml_reason(error: &toml::de::Error, text: &str) -> String {
    let reason = without_quotes(error.message().trim());
    match error.span() {
        Some(span) => {
            let before = &text.as_bytes()[..span.start.min(text.len())];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            format!("line {line}, column {column}: {reason}")
        }
        None => reason,
    }
}

/// serde_json ends its messages with ` at line L column C`, given separately here.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// Quoted values (`invalid type: string "…"`) are the file's text: they are left out. Names
/// in backticks are the seed format's own member names and stay.
fn without_quotes(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut quoted = false;
    for c in message.chars() {
        match c {
            '"' if quoted => {
                quoted = false;
                out.push_str("…\"");
            }
            '"' => {
                quoted = true;
                out.push('"');
            }
            _ if quoted => {}
            c => out.push(c),
        }
    }
    if quoted {
        out.push_str("…\"");
    }
    out
}

impl Seed {
    /// Reads a seed from `path`: `.toml` as TOML, `.json` as JSON, anything else JSON then TOML.
    pub fn from_file(path: impl AsRef<Path>) -> anyhow::Result<Seed> {
        let path = path.as_ref();
        // The file's text is dropped once substituted: a large seed is not held three times.
        let mut substituted = {
            let raw = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read seed file {}", path.display()))?;
            substitute_env(&raw, |name| std::env::var(name).ok())
                .map_err(|e| anyhow::anyhow!("seed file {}: {e}", path.display()))?
        };
        let text = std::mem::take(&mut substituted.text);
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let mut seed = match ext.as_str() {
            "toml" => toml::from_str::<Seed>(&text).map_err(|e| {
                anyhow::anyhow!(
                    "seed file {} is not valid TOML: {}",
                    path.display(),
                    toml_reason(&e, &text)
                )
            })?,
            "json" => serde_json::from_str::<Seed>(&text).map_err(|e| {
                anyhow::anyhow!(
                    "seed file {} is not valid JSON: {}",
                    path.display(),
                    json_reason(&e)
                )
            })?,
            _ => match serde_json::from_str::<Seed>(&text) {
                Ok(seed) => seed,
                Err(json_err) => toml::from_str::<Seed>(&text).map_err(|toml_err| {
                    anyhow::anyhow!(
                        "seed file {} is neither valid JSON ({}) nor valid TOML ({})",
                        path.display(),
                        json_reason(&json_err),
                        toml_reason(&toml_err, &text)
                    )
                })?,
            },
        };
        drop(text);
        seed.source = Some(path.to_owned());
        seed.substituted = substituted;
        // Parse errors never quote the file (see `json_reason`); these may quote a value.
        seed.check().map_err(|e| {
            anyhow::anyhow!(seed.substituted.hide(&format!(
                "seed file {} is not usable: {e:#}",
                path.display()
            )))
        })?;
        Ok(seed)
    }

    /// Checks what the API itself would reject before any emulator exists: the seed's apps,
    /// keys and settings are loaded into a scratch state, its fault rules into scratch rules.
    /// Its users are checked as the emulator loads them ([`load_into`](Self::load_into)):
    /// loading them twice took twice the time and held a second state of a large seed.
    fn check(&self) -> anyhow::Result<()> {
        let mut scratch = State::default();
        scratch.apps.insert(
            SCRATCH_APP.to_owned(),
            App::new(SCRATCH_APP, time::OffsetDateTime::now_utc()),
        );
        let settings = Seed {
            apps: self.apps.iter().map(SeedApp::without_users).collect(),
            ..self.clone_without_lists()
        };
        settings.apply_all(&mut scratch, SCRATCH_APP)?;
        self.add_faults(&Faults::default())
    }

    /// The seed's single members (plan and settings), its lists empty.
    fn clone_without_lists(&self) -> Seed {
        Seed {
            plan: self.plan,
            api_keys: self.api_keys.clone(),
            auth_configurations: self.auth_configurations.clone(),
            authenticators: self.authenticators.clone(),
            features: self.features.clone(),
            version: self.version,
            source: self.source.clone(),
            ..Seed::default()
        }
    }

    /// Loads the whole seed into `state` as [`apply_all`](Self::apply_all) does, then drops
    /// its users: they live in the state from then on. Returns the keys made fresh; a mistake
    /// is a [`BadSeed`] naming the file.
    ///
    /// The users are dropped together once all are loaded, not one by one as they are: freed
    /// one by one, their memory was reused in scraps between the state's records, and 60 MB of
    /// a 100k-user seed could not go back to the system.
    pub(crate) fn load_into(
        &mut self,
        state: &mut State,
        dev_app: &str,
    ) -> Result<Vec<String>, BadSeed> {
        let loaded = self.apply_all(state, dev_app).map_err(|e| {
            BadSeed(self.substituted.hide(&match &self.source {
                Some(path) => format!("seed file {} is not usable: {e:#}", path.display()),
                None => format!("the seed is not usable: {e:#}"),
            }))
        });
        self.users = Vec::new();
        for app in &mut self.apps {
            app.users = Vec::new();
        }
        loaded
    }

    /// The settings sections of the seed, as one document.
    pub fn settings(&self) -> Settings {
        Settings {
            api_keys: self.api_keys.clone(),
            auth_configurations: self.auth_configurations.clone(),
            authenticators: self.authenticators.clone(),
            features: self.features.clone(),
            version: self.version,
        }
    }

    /// Loads the top-level settings, then the top-level users, into `app`.
    pub(crate) fn apply(&self, app: &mut App) -> anyhow::Result<()> {
        apply_settings(&self.settings(), app)?;
        apply_users(&self.users, app)
    }

    /// Loads the whole seed into `state`, whose development app `dev_app` exists: the
    /// top-level members into it, then each of `apps` into the app of its id, made when new.
    /// Returns the API keys the seed made with fresh values (keys listed without their value),
    /// which nobody knows yet: the caller shows them.
    fn apply_all(&self, state: &mut State, dev_app: &str) -> anyhow::Result<Vec<String>> {
        let mut fresh = Vec::new();
        if let Some(app) = state.apps.get_mut(dev_app) {
            let before = key_values(app);
            self.apply(app)?;
            fresh.extend(key_values(app).into_iter().filter(|k| !before.contains(k)));
        }
        let mut seen = std::collections::BTreeSet::new();
        for (i, entry) in self.apps.iter().enumerate() {
            let at = format!("apps[{i}]");
            if !valid_app_id(&entry.app_id) {
                bail!(
                    "{at}.appId {:?} is not an app id; use letters, digits, - and _",
                    entry.app_id
                );
            }
            if !seen.insert(entry.app_id.as_str()) {
                bail!("{at}: appId {:?} is listed twice", entry.app_id);
            }
            let now = time::OffsetDateTime::now_utc();
            let app = state
                .apps
                .entry(entry.app_id.clone())
                .or_insert_with(|| App::new(&entry.app_id, now));
            let before = key_values(app);
            entry
                .apply(app, now)
                .with_context(|| format!("{at} (appId {:?})", entry.app_id))?;
            fresh.extend(
                key_values(app)
                    .into_iter()
                    .filter(|k| !before.contains(k) && !entry.api_key_values.contains(k)),
            );
        }
        Ok(fresh)
    }

    /// Sets the seed's fault rules on `faults`, replacing any there.
    pub(crate) fn add_faults(&self, faults: &Faults) -> anyhow::Result<()> {
        faults.clear();
        for (i, spec) in self.faults.iter().enumerate() {
            faults
                .add(spec.clone())
                .map_err(|e| anyhow::anyhow!("faults[{i}]: {e}"))?;
        }
        Ok(())
    }
}

/// The development app's stand-in while a seed is checked before any emulator exists.
const SCRATCH_APP: &str = "seedcheck";

fn key_values(app: &App) -> Vec<String> {
    app.keys.iter().map(|k| k.value.clone()).collect()
}

fn valid_app_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl SeedApp {
    /// A copy of everything but the users, which are not copied at all.
    fn without_users(&self) -> SeedApp {
        SeedApp {
            app_id: self.app_id.clone(),
            admin_email: self.admin_email.clone(),
            api_keys: self.api_keys.clone(),
            api_key_values: self.api_key_values.clone(),
            auth_configurations: self.auth_configurations.clone(),
            authenticators: self.authenticators.clone(),
            features: self.features.clone(),
            users: Vec::new(),
        }
    }

    fn settings(&self) -> Settings {
        Settings {
            api_keys: self.api_keys.clone(),
            auth_configurations: self.auth_configurations.clone(),
            authenticators: self.authenticators.clone(),
            features: self.features.clone(),
            version: None,
        }
    }

    fn apply(&self, app: &mut App, now: time::OffsetDateTime) -> anyhow::Result<()> {
        if let Some(email) = &self.admin_email {
            app.admin_email = email.clone();
        }
        self.pin_keys(app, now)?;
        if self.api_keys.is_none() && app.keys.is_empty() {
            // A new app without keys could not be called at all: it gets a pair, as an app
            // created with the admin API does.
            app.new_key(KeyKind::Public, KeyType::Public.all_scope_names(), now);
            app.new_key(KeyKind::Secret, KeyType::Secret.all_scope_names(), now);
        }
        apply_settings(&self.settings(), app)?;
        apply_users(&self.users, app)
    }

    /// Adds the keys of `apiKeyValues` the app lacks, with their `apiKeys` entry's scopes and
    /// lock; settings then pair each entry with its key by id.
    fn pin_keys(&self, app: &mut App, now: time::OffsetDateTime) -> anyhow::Result<()> {
        let entries = self.api_keys.as_deref().unwrap_or_default();
        for (j, value) in self.api_key_values.iter().enumerate() {
            let at = format!("apiKeyValues[{j}]");
            let mut parts = value.split(':');
            let (Some(owner), Some(word), Some(body), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                bail!("{at} is not a key of the shape <appId>:public|secret:<32 hex digits>");
            };
            let kind = match word {
                "public" => KeyKind::Public,
                "secret" => KeyKind::Secret,
                _ => bail!("{at} is neither a public nor a secret key"),
            };
            if owner != app.id {
                bail!("{at} is a key of app {owner:?}; an app's keys start with its own id");
            }
            // Lower case, as the server issues keys and as the CLI takes them.
            if body.len() != 32 || !body.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
                bail!("{at} does not end in 32 lower-case hex digits (0-9a-f)");
            }
            if app.keys.iter().any(|k| &k.value == value) {
                continue;
            }
            let id = &body[28..];
            let Some(entry) = entries
                .iter()
                .find(|e| e.id.as_deref() == Some(id) && e.kind == word)
            else {
                bail!(
                    "{at} (id {id}) matches no {word} key of apiKeys; list its type and scopes there with \"id\": \"{id}\""
                );
            };
            app.add_key(value.clone(), kind, entry.scopes.clone(), now);
            if let Some(added) = app.keys.last_mut() {
                added.locked = entry.locked;
            }
        }
        Ok(())
    }
}

/// Makes `app` match the settings sections, so `app diff` of the same file finds nothing.
/// The app's own keys (the development keys) stay: they pair with the file's keys of the
/// same type and scopes, and the file's other keys are made, with the file's ids.
fn apply_settings(settings: &Settings, app: &mut App) -> anyhow::Result<()> {
    settings.check().map_err(|e| anyhow::anyhow!(e))?;
    if let Some(f) = &settings.features {
        let features = &mut app.features;
        if let Some(on) = f.attestation {
            features.allow_attestation = on;
        }
        if let Some(days) = f.event_log_retention_days {
            features.event_logging_retention_period = days;
        }
        if let Some(on) = f.event_logging {
            features.event_logging_enabled = on;
        }
        if let Some(on) = f.generated_sign_in_tokens {
            features.generate_signin_enabled = on;
        }
        if let Some(quota) = f.magic_link_monthly_quota {
            features.magic_link_monthly_quota = quota;
        }
        if let Some(on) = f.magic_links {
            features.magic_links_enabled = on;
        }
        if let Some(n) = f.max_users {
            features.max_users = (n > 0).then_some(n);
        }
    }
    if let Some(lists) = &settings.authenticators {
        app.authenticators.clear();
        for (guids, is_allowed) in [(&lists.allowed, true), (&lists.denied, false)] {
            for guid in guids {
                app.authenticators.push(Authenticator {
                    aa_guid: normalize_aaguid(guid).unwrap_or_else(|| guid.clone()),
                    is_allowed,
                    created_at: time::OffsetDateTime::now_utc(),
                });
            }
        }
    }
    for (purpose, config) in settings.auth_configurations.iter().flatten() {
        let config = config.normalized();
        let mut stored = AuthConfig::builtin(purpose);
        stored.user_verification = config.user_verification.unwrap_or_default();
        stored.ttl_seconds = config.time_to_live.unwrap_or_default();
        stored.hints = config.hints.unwrap_or_default();
        stored.created_by = "seed".into();
        stored.created_on = Some(time::OffsetDateTime::now_utc());
        app.auth_configs.retain(|c| &c.purpose != purpose);
        app.auth_configs.push(stored);
    }
    if let Some(keys) = &settings.api_keys {
        let have: Vec<ApiKeySettings> = app.keys.iter().map(|k| k.settings()).collect();
        let (pairs, create, _) = pair_api_keys(keys, &have);
        for (i, j) in pairs {
            app.keys[j].locked = keys[i].locked;
        }
        for i in create {
            let key = &keys[i];
            let (kind, word) = match key.key_type() {
                Some(KeyType::Public) => (KeyKind::Public, "public"),
                _ => (KeyKind::Secret, "secret"),
            };
            // The file's id is the key's last four characters: keep it when it can be one.
            let mut body = random_hex32();
            if let Some(id) = &key.id
                && id.len() == 4
                && id
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
            {
                body.replace_range(28.., id);
            }
            let value = format!("{}:{word}:{body}", app.id);
            app.add_key(
                value,
                kind,
                key.scopes.clone(),
                time::OffsetDateTime::now_utc(),
            );
            if let Some(added) = app.keys.last_mut() {
                added.locked = key.locked;
            }
        }
    }
    Ok(())
}

fn apply_users(users: &[SeedUser], app: &mut App) -> anyhow::Result<()> {
    let mut strings = Strings::default();
    let internal = ["internal".to_owned()];
    for (i, user) in users.iter().enumerate() {
        let who = format!("users[{i}] (userId {:?})", user.user_id);
        if user.user_id.trim().is_empty() {
            bail!("users[{i}]: userId must not be empty");
        }
        if user.aliases.len() > 10 {
            bail!("{who}: at most 10 aliases are allowed");
        }
        let hashing = user.alias_hashing.unwrap_or(true);
        for alias in &user.aliases {
            if alias.trim().is_empty() || alias.encode_utf16().count() > 250 {
                bail!("{who}: alias {alias:?} must be 1 to 250 characters");
            }
            let hash = app.alias_hash(alias);
            // The app's index answers the duplicate checks: a scan per seeded alias and
            // credential made seeding quadratic (139 s for 100k users).
            match app.users.alias_owner(&hash) {
                Some(owner) if *owner != user.user_id => {
                    bail!("{who}: alias {alias:?} already belongs to userId {owner:?}")
                }
                Some(_) => continue,
                None => app.users.add_alias(Alias {
                    user_id: user.user_id.as_str().into(),
                    hash: hash.into(),
                    plaintext: (!hashing).then(|| alias.clone()),
                }),
            }
        }
        for (j, hash) in user.alias_hashes.iter().enumerate() {
            // A SHA-256 in standard base64, as `alias_hash` makes it.
            let ok = base64::engine::general_purpose::STANDARD
                .decode(hash)
                .is_ok_and(|bytes| bytes.len() == 32);
            if !ok {
                bail!(
                    "{who}: aliasHashes[{j}] is not an alias hash (base64 of 32 bytes); give the alias itself in aliases"
                );
            }
            match app.users.alias_owner(hash) {
                Some(owner) if *owner != user.user_id => {
                    bail!("{who}: aliasHashes[{j}] already belongs to userId {owner:?}")
                }
                Some(_) => continue,
                None => app.users.add_alias(Alias {
                    user_id: user.user_id.as_str().into(),
                    hash: hash.as_str().into(),
                    plaintext: None,
                }),
            }
        }
        if app.users.aliases_of(&user.user_id).len() > 10 {
            bail!("{who}: at most 10 aliases are allowed");
        }
        for (j, c) in user.credentials.iter().enumerate() {
            let at = format!("{who} credentials[{j}]");
            let id = URL_SAFE_NO_PAD
                .decode(c.id.trim_end_matches('='))
                .ok()
                .filter(|id| !id.is_empty())
                .with_context(|| format!("{at}: id {:?} is not base64url", c.id))?;
            if app.users.credential(&id).is_some() {
                bail!("{at}: credential id {:?} is used twice", c.id);
            }
            let date = |field: &str, v: &Option<Box<str>>| -> anyhow::Result<_> {
                match v {
                    None => Ok(None),
                    Some(s) => dates::parse(s).map_err(|_| {
                        anyhow::anyhow!("{at}: {field} {s:?} is not an ISO-8601 date-time")
                    }),
                }
            };
            let created_at =
                date("createdAt", &c.created_at)?.unwrap_or_else(time::OffsetDateTime::now_utc);
            let last_used_at = date("lastUsedAt", &c.last_used_at)?.unwrap_or(created_at);
            if let Some(g) = &c.aa_guid
                && uuid::Uuid::parse_str(g).is_err()
            {
                bail!("{at}: aaGuid {g:?} is not a GUID");
            }
            let public_key = match &c.public_key {
                None => random_bytes::<77>().to_vec(),
                Some(text) => decode_base64(text)
                    .filter(|key| !key.is_empty())
                    .with_context(|| format!("{at}: publicKey is not base64url or base64"))?,
            };
            app.users.add_credential(StoredCredential {
                id: id.into(),
                public_key: public_key.into(),
                user_id: user.user_id.as_str().into(),
                signature_counter: c.signature_counter.unwrap_or(0),
                attestation_fmt: strings.get(c.attestation_fmt.as_deref().unwrap_or("none")),
                created_at,
                last_used_at,
                aa_guid: Some(
                    strings.get(
                        &c.aa_guid
                            .as_deref()
                            .map(str::to_ascii_lowercase)
                            .unwrap_or_else(|| uuid::Uuid::nil().to_string()),
                    ),
                ),
                rpid: strings.get(c.rpid.as_deref().unwrap_or("localhost")),
                origin: strings.get(c.origin.as_deref().unwrap_or("http://localhost")),
                country: strings.get(c.country.as_deref().unwrap_or_default()),
                device: strings.get(c.device.as_deref().unwrap_or("Emulator seed")),
                nickname: c.nickname.as_deref().map(Box::from),
                transports: Some(strings.list(c.transports.as_deref().unwrap_or(&internal))),
                backup_state: Some(c.backup_state.unwrap_or(true)),
                is_backup_eligible: Some(c.is_backup_eligible.unwrap_or(true)),
                is_discoverable: Some(c.is_discoverable.unwrap_or(true)),
            });
        }
    }
    Ok(())
}

/// Bytes from base64url or standard base64, padded or not: a key copied from `credentials
/// list` (standard) reads as well as one from an export (base64url).
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let url: String = text
        .trim()
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    URL_SAFE_NO_PAD.decode(url).ok()
}

/// One shared copy of each string the seeded passkeys repeat (their format, rpid, origin,
/// country, device, AAGUID and transports are mostly the same for every user).
#[derive(Default)]
struct Strings(
    HashMap<String, std::sync::Arc<str>>,
    HashMap<Vec<String>, std::sync::Arc<[String]>>,
);

impl Strings {
    fn get(&mut self, text: &str) -> std::sync::Arc<str> {
        if let Some(shared) = self.0.get(text) {
            return shared.clone();
        }
        let shared: std::sync::Arc<str> = text.into();
        self.0.insert(text.to_owned(), shared.clone());
        shared
    }

    /// One shared copy of each list of transports.
    fn list(&mut self, items: &[String]) -> std::sync::Arc<[String]> {
        if let Some(shared) = self.1.get(items) {
            return shared.clone();
        }
        let shared: std::sync::Arc<[String]> = items.into();
        self.1.insert(items.to_vec(), shared.clone());
        shared
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lists of a seed hold no spare room: a list read from JSON made room for four items
    /// at the first, and a 100k-user seed took 142 MB while it was read instead of 50.
    #[test]
    fn a_seeds_lists_hold_no_spare_room() {
        let seed: Seed = serde_json::from_str(
            r#"{"users": [{"userId": "u", "aliases": ["a"], "aliasHashes": ["h"],
                           "credentials": [{"id": "AAEC"}]}],
                "apps": [{"appId": "x", "users": [{"userId": "v", "credentials": [{"id": "AA"}]}]}]}"#,
        )
        .expect("a seed");
        let user = &seed.users[0];
        assert_eq!(seed.users.capacity(), 1);
        assert_eq!(user.aliases.capacity(), 1);
        assert_eq!(user.alias_hashes.capacity(), 1);
        assert_eq!(user.credentials.capacity(), 1);
        assert_eq!(seed.apps[0].users.capacity(), 1);
        assert_eq!(seed.apps[0].users[0].credentials.capacity(), 1);
    }
}
