//! Seed files: initial users, aliases and credentials for the development app, read from JSON
//! or TOML. Unknown members are rejected so that a typo does not silently drop data. A seed may
//! also carry the app's settings in the settings-document format of `app export`
//! (`api::types::Settings`: features, authConfigurations, authenticators, apiKeys), so an
//! exported file is a seed on its own; `${VAR}` in the file is replaced from the environment.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, bail};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Deserialize;

use super::dates;
use super::state::{
    Alias, App, AuthConfig, Authenticator, KeyKind, StoredCredential, random_bytes, random_hex32,
};
use passwordless_model::limits::KeyType;
use passwordless_model::types::{
    ApiKeySettings, AuthConfigSettings, AuthenticatorSettings, FeatureSettings, Settings,
    normalize_aaguid, pair_api_keys, substitute_env,
};

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Seed {
    /// The development app's plan (`developer` or `free`); `--plan` wins over it.
    #[serde(default)]
    pub plan: Option<super::Plan>,
    #[serde(default)]
    pub users: Vec<SeedUser>,
    // The members of `api::types::Settings`, listed here because serde cannot flatten into a
    // struct that denies unknown members; `settings()` gathers them.
    #[serde(default)]
    pub api_keys: Option<Vec<ApiKeySettings>>,
    #[serde(default)]
    pub auth_configurations: Option<BTreeMap<String, AuthConfigSettings>>,
    #[serde(default)]
    pub authenticators: Option<AuthenticatorSettings>,
    #[serde(default)]
    pub features: Option<FeatureSettings>,
    #[serde(default)]
    pub version: Option<u32>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedUser {
    pub user_id: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Default `true`: store only the hash, as `POST /alias` does.
    #[serde(default)]
    pub alias_hashing: Option<bool>,
    #[serde(default)]
    pub credentials: Vec<SeedCredential>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedCredential {
    /// Credential id, base64url (padding optional).
    pub id: String,
    pub nickname: Option<String>,
    pub device: Option<String>,
    pub country: Option<String>,
    pub origin: Option<String>,
    pub rpid: Option<String>,
    /// ISO-8601; without a zone it is UTC.
    pub created_at: Option<String>,
    pub last_used_at: Option<String>,
    pub aa_guid: Option<String>,
    pub transports: Option<Vec<String>>,
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
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read seed file {}", path.display()))?;
        let text = substitute_env(&text, |name| std::env::var(name).ok())
            .map_err(|e| anyhow::anyhow!("seed file {}: {e}", path.display()))?;
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let seed = match ext.as_str() {
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
        seed.check()
            .with_context(|| format!("seed file {} is not usable", path.display()))?;
        Ok(seed)
    }

    /// Checks what the API itself would reject, so a bad seed fails at start, not later.
    fn check(&self) -> anyhow::Result<()> {
        let mut scratch = App::new("seedcheck", time::OffsetDateTime::now_utc());
        self.apply(&mut scratch)
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

    /// Loads the settings, then the users, into `app`.
    pub(crate) fn apply(&self, app: &mut App) -> anyhow::Result<()> {
        self.apply_settings(app)?;
        self.apply_users(app)
    }

    /// Makes `app` match the settings sections, so `app diff` of the same file finds nothing.
    /// The app's own keys (the development keys) stay: they pair with the file's keys of the
    /// same type and scopes, and the file's other keys are made, with the file's ids.
    fn apply_settings(&self, app: &mut App) -> anyhow::Result<()> {
        let settings = self.settings();
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
            let have: Vec<ApiKeySettings> = app
                .keys
                .iter()
                .map(|k| ApiKeySettings {
                    id: Some(k.id()),
                    locked: k.locked,
                    scopes: k.scopes.clone(),
                    kind: match k.kind {
                        KeyKind::Public => "public",
                        KeyKind::Secret => "secret",
                    }
                    .to_owned(),
                })
                .collect();
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

    fn apply_users(&self, app: &mut App) -> anyhow::Result<()> {
        for (i, user) in self.users.iter().enumerate() {
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
                        user_id: user.user_id.clone(),
                        hash,
                        plaintext: (!hashing).then(|| alias.clone()),
                    }),
                }
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
                let date = |field: &str, v: &Option<String>| -> anyhow::Result<_> {
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
                app.users.add_credential(StoredCredential {
                    id,
                    public_key: random_bytes::<77>().to_vec(),
                    user_id: user.user_id.clone(),
                    signature_counter: 0,
                    attestation_fmt: "none".into(),
                    created_at,
                    last_used_at,
                    aa_guid: Some(
                        c.aa_guid
                            .as_deref()
                            .map(str::to_ascii_lowercase)
                            .unwrap_or_else(|| uuid::Uuid::nil().to_string()),
                    ),
                    rpid: c.rpid.clone().unwrap_or_else(|| "localhost".into()),
                    origin: c
                        .origin
                        .clone()
                        .unwrap_or_else(|| "http://localhost".into()),
                    country: c.country.clone().unwrap_or_default(),
                    device: c.device.clone().unwrap_or_else(|| "Emulator seed".into()),
                    nickname: c.nickname.clone(),
                    transports: Some(
                        c.transports
                            .clone()
                            .unwrap_or_else(|| vec!["internal".into()]),
                    ),
                    backup_state: Some(true),
                    is_backup_eligible: Some(true),
                    is_discoverable: Some(true),
                });
            }
        }
        Ok(())
    }
}
