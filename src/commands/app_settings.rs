//! `passwordless app export|diff|apply`: an application's settings as a file. This module reads
//! the app into a [`Settings`] document, compares one with a file into a plan, and carries a
//! plan out in the fixed order features, auth configurations, allow/deny lists, API keys. The
//! document's shape and checks live in `api::types::settings`, shared with the emulator's seed.
//! Secrets never reach the file, the plan or stdout.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Serialize;
use serde_json::{Value, json};

use super::{confirm, usage};
use crate::api::Client;
use crate::api::error::ApiError;
use crate::api::limits::{self, KeyType, MAX_RETENTION_DAYS};
use crate::api::types::{
    ApiKeySettings, AuthConfigDeleteRequest, AuthConfigRequest, AuthConfigSettings,
    AuthenticatorSettings, FeatureSettings, ManageFeaturesRequest, SETTINGS_VERSION,
    SetFeaturesRequest, Settings, normalize_aaguid, pair_api_keys, substitute_env,
};
use crate::cli::{AppApplyArgs, AppDiffArgs, AppExportArgs, SettingsSection};
use crate::context::Context;
use crate::error::CliError;
use crate::exit::Exit;
use crate::output::{Columns, Format, Output, Then};

/// The sections that only the management key can read.
const MANAGED: [SettingsSection; 2] = [SettingsSection::Features, SettingsSection::ApiKeys];

fn section_name(section: SettingsSection) -> &'static str {
    match section {
        SettingsSection::Features => "features",
        SettingsSection::AuthConfigs => "authConfigurations",
        SettingsSection::Authenticators => "authenticators",
        SettingsSection::ApiKeys => "apiKeys",
    }
}

/// The sections a document has.
fn sections_of(settings: &Settings) -> BTreeSet<SettingsSection> {
    let mut sections = BTreeSet::new();
    if settings.features.is_some() {
        sections.insert(SettingsSection::Features);
    }
    if settings.auth_configurations.is_some() {
        sections.insert(SettingsSection::AuthConfigs);
    }
    if settings.authenticators.is_some() {
        sections.insert(SettingsSection::Authenticators);
    }
    if settings.api_keys.is_some() {
        sections.insert(SettingsSection::ApiKeys);
    }
    sections
}

/// The app behind the credentials: its id (from the API secret), a client with the secret, and
/// one with the management key when there is one.
struct Remote {
    app_id: String,
    /// The id of the key this run sends: never planned for deletion.
    own_key_id: String,
    client: Client,
    management: Option<Client>,
}

impl Remote {
    fn connect(ctx: &Context, need_management: bool) -> anyhow::Result<Remote> {
        let (client, secret) = ctx.client_and_secret()?;
        let app_id = secret.app_id().to_owned();
        let own = secret.expose();
        let own_key_id = passwordless_model::keys::key_id(own).to_owned();
        // One read of the key: when it is not needed, its absence only leaves sections out.
        let management = match ctx.management_client() {
            Ok(client) => Some(client),
            Err(e) if need_management => return Err(e),
            Err(_) => None,
        };
        Ok(Remote {
            app_id,
            own_key_id,
            client,
            management,
        })
    }

    fn management(&self) -> &Client {
        self.management
            .as_ref()
            .expect("sections that need the management key are read only with one")
    }

    /// The app's current settings for `sections`, each filled in whole.
    fn read(&self, sections: &BTreeSet<SettingsSection>) -> anyhow::Result<Settings> {
        let mut settings = Settings {
            version: Some(SETTINGS_VERSION),
            ..Settings::default()
        };
        if sections.contains(&SettingsSection::Features) {
            let f = self.management().app_features(&self.app_id)?.data;
            settings.features = Some(FeatureSettings {
                attestation: Some(f.allow_attestation),
                event_log_retention_days: Some(f.event_logging_retention_period),
                event_logging: Some(f.event_logging_is_enabled),
                generated_sign_in_tokens: Some(f.is_generate_sign_in_token_endpoint_enabled),
                magic_link_monthly_quota: f.magic_link_email_monthly_quota,
                magic_links: Some(f.is_magic_links_enabled),
                max_users: Some(f.max_users.unwrap_or(0)),
            });
        }
        if sections.contains(&SettingsSection::AuthConfigs) {
            let list = self.client.list_auth_configs(None)?.data;
            let configs = list
                .configurations
                .into_iter()
                .map(|c| {
                    let hints = c
                        .hints
                        .unwrap_or_default()
                        .split(',')
                        .map(str::trim)
                        .filter(|h| !h.is_empty())
                        .map(|h| limits::hint_wire(h).unwrap_or(h).to_owned())
                        .collect();
                    let config = AuthConfigSettings {
                        hints: Some(hints),
                        time_to_live: c.time_to_live,
                        user_verification: c.user_verification_requirement,
                    };
                    (c.purpose, config.normalized())
                })
                .collect();
            settings.auth_configurations = Some(configs);
        }
        if sections.contains(&SettingsSection::Authenticators) {
            settings.authenticators = Some(self.read_lists()?.unwrap_or_default());
        }
        if sections.contains(&SettingsSection::ApiKeys) {
            let keys = self.management().list_api_keys(&self.app_id)?.data;
            let mut keys: Vec<ApiKeySettings> = keys
                .into_iter()
                .map(|k| {
                    let mut scopes = k.scopes;
                    scopes.sort();
                    ApiKeySettings {
                        id: Some(k.id),
                        locked: k.is_locked,
                        scopes,
                        kind: KeyType::from_wire(k.kind)
                            .map_or("unknown", KeyType::word)
                            .to_owned(),
                    }
                })
                .collect();
            keys.sort_by(|a, b| (&a.kind, &a.id).cmp(&(&b.kind, &b.id)));
            settings.api_keys = Some(keys);
        }
        Ok(settings)
    }

    /// The allow and deny lists; `None` when the app has no attestation (the routes answer
    /// 403 then, and the app has no lists in effect).
    fn read_lists(&self) -> anyhow::Result<Option<AuthenticatorSettings>> {
        let list = |allowed: bool| -> Result<Option<Vec<String>>, ApiError> {
            match self.client.list_authenticators(allowed) {
                Ok(answer) => {
                    let mut guids: Vec<String> = answer
                        .data
                        .into_iter()
                        .map(|a| normalize_aaguid(&a.aa_guid).unwrap_or(a.aa_guid))
                        .collect();
                    guids.sort();
                    Ok(Some(guids))
                }
                Err(e) if crate::feature_off::feature(&e).is_some() => Ok(None),
                Err(e) => Err(e),
            }
        };
        let (Some(allowed), Some(denied)) = (list(true)?, list(false)?) else {
            return Ok(None);
        };
        Ok(Some(AuthenticatorSettings { allowed, denied }))
    }
}

// --- export ----------------------------------------------------------------------------------

pub fn export(args: &AppExportArgs, ctx: &Context) -> anyhow::Result<Output> {
    let mut sections: BTreeSet<SettingsSection> = if args.include.is_empty() {
        [
            SettingsSection::Features,
            SettingsSection::AuthConfigs,
            SettingsSection::Authenticators,
            SettingsSection::ApiKeys,
        ]
        .into()
    } else {
        args.include.iter().copied().collect()
    };
    sections.retain(|s| !args.exclude.contains(s));
    if sections.is_empty() {
        return Err(usage(
            "--include and --exclude leave no section to export; drop an --exclude",
        ));
    }
    // The credentials first: without an API secret nothing is exported, and a note about the
    // management key would only stand in front of that error.
    let remote = Remote::connect(ctx, false)?;
    let has_management = remote.management.is_some();
    let left_out: Vec<&str> = MANAGED
        .iter()
        .filter(|s| sections.contains(s))
        .map(|s| section_name(*s))
        .collect();
    if !has_management && !left_out.is_empty() {
        sections.retain(|s| !MANAGED.contains(s));
        crate::report::note(&format!(
            "note: {} left out: reading them needs the management key (set PASSWORDLESS_MANAGEMENT_KEY or run `passwordless config set-management-key{}`)",
            left_out.join(" and "),
            ctx.profile_flag()
        ));
        if sections.is_empty() {
            return Err(CliError::Auth(
                "nothing to export without the management key: the sections asked for all need it"
                    .into(),
            )
            .into());
        }
    }
    let mut settings = remote.read(&sections)?;
    // The server never reports the quota; a value read from an emulator that does is not
    // exported either, so the file is the same whoever wrote it.
    if let Some(f) = &mut settings.features {
        f.magic_link_monthly_quota = None;
    }
    let json = match &args.file {
        Some(path) => {
            ctx.format == Format::Json
                || path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        }
        None => ctx.format == Format::Json,
    };
    let text = if json {
        let mut text = serde_json::to_string_pretty(&settings)?;
        text.push('\n');
        text
    } else {
        to_toml(&settings, &remote.app_id)?
    };
    match &args.file {
        None => Ok(Output::Text(text)),
        Some(path) => {
            crate::fsutil::write_atomically(path, text.as_bytes())?;
            let names: Vec<&str> = sections.iter().map(|s| section_name(*s)).collect();
            Ok(super::done(
                path.display().to_string(),
                format!(
                    "Exported the settings of `{}` to {} ({}).",
                    remote.app_id,
                    path.display(),
                    names.join(", ")
                ),
                json!({"appId": remote.app_id, "file": path.display().to_string(), "sections": names}),
            ))
        }
    }
}

/// TOML with a header and the write-only quota as a commented placeholder inside `[features]`.
fn to_toml(settings: &Settings, app_id: &str) -> anyhow::Result<String> {
    let body = toml::to_string(settings)?;
    let mut out = format!(
        "# Settings of the Passwordless.dev application `{app_id}`, from `passwordless app export`.\n\
         # Compare with `passwordless app diff FILE`, apply with `passwordless app apply FILE`.\n\
         # ${{NAME}} is replaced from the environment. Secrets are never written here.\n\n"
    );
    let mut in_features = false;
    let mut placed = false;
    let placeholder = "# magicLinkMonthlyQuota = 0  # write-only: the server never reports it; set it here or with --magic-link-quota\n";
    for line in body.lines() {
        if line.starts_with('[') {
            if in_features && !placed {
                out.push_str(placeholder);
                placed = true;
            }
            in_features = line == "[features]";
        } else if in_features
            && !placed
            && line
                .split('=')
                .next()
                .is_some_and(|key| key.trim() > "magicLinkMonthlyQuota")
        {
            out.push_str(placeholder);
            placed = true;
        }
        if in_features && !placed && line.is_empty() {
            out.push_str(placeholder);
            placed = true;
        }
        out.push_str(line);
        out.push('\n');
    }
    if in_features && !placed {
        out.push_str(placeholder);
    }
    Ok(out)
}

// --- reading a file --------------------------------------------------------------------------

/// Members of the emulator's seed format that are not settings: skipped, so one file can seed
/// an emulator and be compared with an app.
const SEED_MEMBERS: [&str; 3] = ["users", "plan", "faults"];

/// Reads, substitutes `${VAR}`, parses and checks a settings file: every mistake is a usage
/// error naming the file, found before any request. A value that came from the environment
/// is shown as its `${NAME}`, never as itself.
fn load(path: &Path) -> anyhow::Result<Settings> {
    let shown = path.display();
    let text = std::fs::read_to_string(path)
        .map_err(|e| usage(format!("cannot read settings file {shown}: {e}")))?;
    let substituted = substitute_env(&text, |name| std::env::var(name).ok())
        .map_err(|e| usage(format!("settings file {shown}: {e}")))?;
    drop(text);
    parse_settings(path, &substituted.text)
        .map_err(|message| usage(substituted.hide(&format!("settings file {shown}{message}"))))
}

/// The settings of a file's text, or what is wrong with it, to follow the file's name.
fn parse_settings(path: &Path, text: &str) -> Result<Settings, String> {
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        || text.trim_start().starts_with('{');
    // Parsed to a value first (syntax errors keep their line), then a seed's own members are
    // set aside: a seed file with users is a settings file too, as `emulator --seed` reads it.
    let settings: Result<Settings, String> = if is_json {
        let mut value: Value = serde_json::from_str(text).map_err(|e| {
            format!(
                " is not valid JSON: line {}, column {}: {}",
                e.line(),
                e.column(),
                json_reason(&e)
            )
        })?;
        if let Some(map) = value.as_object_mut() {
            for member in SEED_MEMBERS {
                map.remove(member);
            }
        }
        serde_json::from_value(value).map_err(|e| json_reason(&e))
    } else {
        let mut table: toml::Table = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            format!(
                " is not valid TOML: {}{}",
                line.map(|l| format!("line {l}: ")).unwrap_or_default(),
                e.message().trim()
            )
        })?;
        for member in SEED_MEMBERS {
            table.remove(member);
        }
        serde::Deserialize::deserialize(toml::Value::Table(table))
            .map_err(|e: toml::de::Error| e.message().trim().to_owned())
    };
    let settings = settings.map_err(|e| format!(" is not a settings file: {e}"))?;
    settings.check().map_err(|e| format!(": {e}"))?;
    Ok(settings)
}

fn json_reason(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

// --- the plan --------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
enum Action {
    Create,
    Update,
    Delete,
    Unchanged,
    /// A write-only value: written on every apply, never counted as drift.
    Set,
}

impl Action {
    fn word(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Delete => "delete",
            Action::Unchanged => "unchanged",
            Action::Set => "will be set",
        }
    }

    fn is_drift(self) -> bool {
        matches!(self, Action::Create | Action::Update | Action::Delete)
    }
}

/// What carrying out a change means.
#[derive(Debug, Clone)]
enum Target {
    /// A member of the management features route (one write for all of them).
    ManagedFeature,
    /// A member of `POST /apps/features` (one write for all of them).
    SecretFeature,
    AuthConfig(String),
    /// `allowed`: the list it goes on; `None` to take it off.
    Aaguid(String, Option<bool>),
    /// The file's key (to create) and the app's key id (to change or delete).
    Key(Option<usize>, Option<String>),
    Nothing,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Change {
    section: &'static str,
    item: String,
    action: Action,
    #[serde(skip_serializing_if = "Option::is_none")]
    current: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    desired: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(skip)]
    target: Target,
}

impl Change {
    fn new(
        section: SettingsSection,
        item: impl Into<String>,
        action: Action,
        target: Target,
    ) -> Change {
        Change {
            section: section_name(section),
            item: item.into(),
            action,
            current: None,
            desired: None,
            note: None,
            target,
        }
    }

    fn values(mut self, current: Option<Value>, desired: Option<Value>) -> Change {
        self.current = current;
        self.desired = desired;
        self
    }

    fn note(mut self, note: impl Into<String>) -> Change {
        self.note = Some(note.into());
        self
    }
}

/// A value for the table: scalars as they are, lists joined, objects as `key=value` pairs.
fn shown(value: Option<&Value>) -> String {
    match value {
        None => "-".to_owned(),
        Some(Value::Null) => "-".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) if items.is_empty() => "none".to_owned(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| shown(Some(v)))
            .collect::<Vec<_>>()
            .join("+"),
        Some(Value::Object(map)) => map
            .iter()
            .map(|(k, v)| format!("{k}={}", shown(Some(v))))
            .collect::<Vec<_>>()
            .join(" "),
        Some(other) => other.to_string(),
    }
}

/// Compares `file` with the app's `current` settings, section by section, in apply order.
fn plan(
    file: &Settings,
    current: &Settings,
    own_key_id: &str,
    quota_flag: Option<u32>,
) -> Vec<Change> {
    let mut changes = Vec::new();
    if let (Some(want), Some(have)) = (&file.features, &current.features) {
        let members: [(&str, Option<Value>, Option<Value>, Target); 6] = [
            (
                "attestation",
                want.attestation.map(Value::from),
                have.attestation.map(Value::from),
                Target::ManagedFeature,
            ),
            (
                "eventLogRetentionDays",
                want.event_log_retention_days.map(Value::from),
                have.event_log_retention_days.map(Value::from),
                Target::ManagedFeature,
            ),
            (
                "eventLogging",
                want.event_logging.map(Value::from),
                have.event_logging.map(Value::from),
                Target::ManagedFeature,
            ),
            (
                "generatedSignInTokens",
                want.generated_sign_in_tokens.map(Value::from),
                have.generated_sign_in_tokens.map(Value::from),
                Target::SecretFeature,
            ),
            (
                "magicLinks",
                want.magic_links.map(Value::from),
                have.magic_links.map(Value::from),
                Target::SecretFeature,
            ),
            (
                "maxUsers",
                want.max_users.map(Value::from),
                have.max_users.map(Value::from),
                Target::ManagedFeature,
            ),
        ];
        for (name, want, have, target) in members {
            let Some(want) = want else { continue };
            let action = if Some(&want) == have.as_ref() {
                Action::Unchanged
            } else {
                Action::Update
            };
            changes.push(
                Change::new(SettingsSection::Features, name, action, target)
                    .values(have, Some(want)),
            );
        }
        let quota = quota_flag.map(i64::from).or(want.magic_link_monthly_quota);
        if let Some(quota) = quota {
            changes.push(
                Change::new(
                    SettingsSection::Features,
                    "magicLinkMonthlyQuota",
                    Action::Set,
                    Target::ManagedFeature,
                )
                .values(None, Some(Value::from(quota)))
                .note("write-only: the server never reports it"),
            );
        }
        // Sorted by member name, as in the file.
        changes.sort_by(|a, b| a.item.cmp(&b.item));
    }
    if let (Some(want), Some(have)) = (&file.auth_configurations, &current.auth_configurations) {
        let value = |c: &AuthConfigSettings| serde_json::to_value(c.normalized()).ok();
        for (purpose, config) in want {
            let target = Target::AuthConfig(purpose.clone());
            let change = match have.get(purpose) {
                None => Change::new(
                    SettingsSection::AuthConfigs,
                    purpose,
                    Action::Create,
                    target,
                )
                .values(None, value(config)),
                Some(now) if now.normalized() == config.normalized() => Change::new(
                    SettingsSection::AuthConfigs,
                    purpose,
                    Action::Unchanged,
                    target,
                )
                .values(value(now), value(config)),
                Some(now) => Change::new(
                    SettingsSection::AuthConfigs,
                    purpose,
                    Action::Update,
                    target,
                )
                .values(value(now), value(config)),
            };
            changes.push(change);
        }
        for (purpose, now) in have {
            // The built-in configurations always exist and cannot be deleted.
            if want.contains_key(purpose) || limits::BUILTIN_PURPOSES.contains(&purpose.as_str()) {
                continue;
            }
            changes.push(
                Change::new(
                    SettingsSection::AuthConfigs,
                    purpose,
                    Action::Delete,
                    Target::AuthConfig(purpose.clone()),
                )
                .values(value(now), None),
            );
        }
    }
    if let (Some(want), Some(have)) = (&file.authenticators, &current.authenticators) {
        let on = |lists: &AuthenticatorSettings| -> BTreeMap<String, bool> {
            lists
                .allowed
                .iter()
                .map(|g| (g, true))
                .chain(lists.denied.iter().map(|g| (g, false)))
                .map(|(g, allowed)| (normalize_aaguid(g).unwrap_or_else(|| g.clone()), allowed))
                .collect()
        };
        let (want, have) = (on(want), on(have));
        let word = |allowed: bool| Value::from(if allowed { "allowed" } else { "denied" });
        let mut guids: BTreeSet<&String> = want.keys().collect();
        guids.extend(have.keys());
        for guid in guids {
            let (w, h) = (want.get(guid).copied(), have.get(guid).copied());
            let action = match (w, h) {
                (Some(_), None) => Action::Create,
                (None, Some(_)) => Action::Delete,
                (Some(a), Some(b)) if a == b => Action::Unchanged,
                _ => Action::Update,
            };
            changes.push(
                Change::new(
                    SettingsSection::Authenticators,
                    guid.clone(),
                    action,
                    Target::Aaguid(guid.clone(), w),
                )
                .values(h.map(word), w.map(word)),
            );
        }
    }
    if let (Some(want), Some(have)) = (&file.api_keys, &current.api_keys) {
        // The key this run sends goes first, so it pairs with an unlocked key of the file.
        let mut have = have.clone();
        have.sort_by_key(|k| k.id.as_deref() != Some(own_key_id));
        let (pairs, create, delete) = pair_api_keys(want, &have);
        // A key as the file writes it, without the id (the item names it).
        let shape = |k: &ApiKeySettings| {
            serde_json::to_value(ApiKeySettings {
                id: None,
                ..k.clone()
            })
            .unwrap_or_default()
        };
        let label =
            |k: &ApiKeySettings| format!("{} {}", k.kind, k.id.as_deref().unwrap_or("(new)"));
        for (i, j) in pairs {
            let (w, h) = (&want[i], &have[j]);
            let action = if w.locked == h.locked {
                Action::Unchanged
            } else {
                Action::Update
            };
            changes.push(
                Change::new(
                    SettingsSection::ApiKeys,
                    label(h),
                    action,
                    Target::Key(Some(i), h.id.clone()),
                )
                .values(Some(shape(h)), Some(shape(w))),
            );
        }
        for i in create {
            let w = &want[i];
            changes.push(
                Change::new(
                    SettingsSection::ApiKeys,
                    format!("{} (new)", w.kind),
                    Action::Create,
                    Target::Key(Some(i), None),
                )
                .values(None, Some(shape(w))),
            );
        }
        for j in delete {
            let h = &have[j];
            let change = if h.id.as_deref() == Some(own_key_id) {
                Change::new(
                    SettingsSection::ApiKeys,
                    label(h),
                    Action::Unchanged,
                    Target::Nothing,
                )
                .values(Some(shape(h)), None)
                .note("kept: the key this command runs with")
            } else {
                Change::new(
                    SettingsSection::ApiKeys,
                    label(h),
                    Action::Delete,
                    Target::Key(None, h.id.clone()),
                )
                .values(Some(shape(h)), None)
            };
            changes.push(change);
        }
    }
    changes
}

fn plan_output(changes: &[Change]) -> anyhow::Result<Output> {
    let json = serde_json::to_value(changes)?;
    Ok(Columns::new()
        .column("SECTION", |c: &Change| c.section.to_owned())
        .column("ITEM", |c| c.item.clone())
        .column("ACTION", |c| c.action.word().to_owned())
        .column("CURRENT", |c| shown(c.current.as_ref()))
        .column("DESIRED", |c| match &c.note {
            Some(note) => format!("{} ({note})", shown(c.desired.as_ref())),
            None => shown(c.desired.as_ref()),
        })
        .list(json, changes, |c| format!("{} {}", c.section, c.item)))
}

/// Loads the file, reads what it manages from the app, and plans.
fn prepare(
    path: &Path,
    ctx: &Context,
    quota_flag: Option<u32>,
) -> anyhow::Result<(Settings, Settings, Remote, Vec<Change>)> {
    let file = load(path)?;
    let sections = sections_of(&file);
    if sections.is_empty() {
        return Err(usage(format!(
            "settings file {} has no section (features, authConfigurations, authenticators, apiKeys); export one with `passwordless app export`",
            path.display()
        )));
    }
    if quota_flag.is_some() && file.features.is_none() {
        return Err(usage(
            "--magic-link-quota is sent with the features, and the file has no features section; add one or drop the flag",
        ));
    }
    let need_management = sections.iter().any(|s| MANAGED.contains(s));
    let remote = Remote::connect(ctx, need_management)?;
    let mut current = remote.read(&sections)?;
    // Without the features (no management key, or not in the file), the lists' 403 says that
    // attestation is off, which the pre-flight check needs to refuse lists before any write.
    let listed = file
        .authenticators
        .as_ref()
        .is_some_and(|l| !l.allowed.is_empty() || !l.denied.is_empty());
    if listed && current.features.is_none() && remote.read_lists()?.is_none() {
        current.features = Some(FeatureSettings {
            attestation: Some(false),
            ..FeatureSettings::default()
        });
    }
    let changes = plan(&file, &current, &remote.own_key_id, quota_flag);
    Ok((file, current, remote, changes))
}

// --- diff ------------------------------------------------------------------------------------

pub fn diff(args: &AppDiffArgs, ctx: &Context) -> anyhow::Result<Output> {
    let (_, _, _, changes) = prepare(&args.file, ctx, None)?;
    let drift = changes.iter().filter(|c| c.action.is_drift()).count();
    let shown = plan_output(&changes)?;
    if drift == 0 {
        return Ok(shown);
    }
    if ctx.format != Format::Json && ctx.format != Format::JsonLines {
        crate::report::note(&format!(
            "{} found; `passwordless app apply {}` makes the app match the file",
            crate::output::plural(drift, "difference", "differences"),
            args.file.display()
        ));
    }
    Ok(Output::Finished {
        shown: Box::new(shown),
        then: Then::Status(Exit::Drift as u8),
    })
}

// --- apply -----------------------------------------------------------------------------------

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Outcome {
    section: &'static str,
    item: String,
    action: Action,
    result: String,
}

pub fn apply(args: &AppApplyArgs, ctx: &Context) -> anyhow::Result<Output> {
    let (file, current, remote, changes) = prepare(&args.file, ctx, args.magic_link_quota)?;
    let todo: Vec<&Change> = changes
        .iter()
        .filter(|c| c.action != Action::Unchanged)
        .collect();
    if args.dry_run {
        crate::report::note("dry run: nothing was changed");
        return plan_output(&changes);
    }
    if todo.is_empty() {
        return Ok(super::done(
            remote.app_id.clone(),
            format!(
                "Nothing to apply: `{}` matches {}.",
                remote.app_id,
                args.file.display()
            ),
            json!([]),
        ));
    }
    preflight(args, &file, &current, &todo)?;
    if ctx.format != Format::Json && ctx.format != Format::JsonLines {
        let mut table = Vec::new();
        let pending: Vec<Change> = todo.iter().map(|c| (*c).clone()).collect();
        crate::output::render(
            &plan_output(&pending)?,
            Format::Table {
                terminal: crate::report::stderr_is_terminal(),
            },
            &mut table,
        )?;
        crate::report::note(String::from_utf8_lossy(&table).trim_end());
    }
    let deletions = todo.iter().filter(|c| c.action == Action::Delete).count();
    let skipped = if args.allow_delete || deletions == 0 {
        String::new()
    } else {
        format!(
            " ({} skipped: no --allow-delete)",
            crate::output::plural(deletions, "deletion", "deletions")
        )
    };
    confirm(
        &args.confirm,
        &format!(
            "Apply {} to `{}`{skipped}?",
            crate::output::plural(todo.len(), "change", "changes"),
            remote.app_id
        ),
    )?;
    let mut run = Applier {
        args,
        ctx,
        remote: &remote,
        file: &file,
        current: &current,
        outcomes: Vec::new(),
    };
    let result = run.all(&todo);
    let json = serde_json::to_value(&run.outcomes)?;
    let report = Columns::new()
        .column("SECTION", |o: &Outcome| o.section.to_owned())
        .column("ITEM", |o| o.item.clone())
        .column("ACTION", |o| o.action.word().to_owned())
        .column("RESULT", |o| o.result.clone())
        .list(json, &run.outcomes, |o| format!("{} {}", o.section, o.item));
    match result {
        Ok(()) => Ok(report),
        Err(error) => {
            let applied = run
                .outcomes
                .iter()
                .filter(|o| o.result.starts_with("applied"))
                .count();
            // The error report names the failed call; this line says where that left the app.
            if ctx.format != Format::Json && ctx.format != Format::JsonLines {
                crate::report::note(&format!(
                    "apply stopped: {applied} of {} changes applied, the rest not attempted; fix the cause and run it again to finish",
                    todo.len()
                ));
            }
            Ok(Output::Finished {
                shown: Box::new(report),
                then: Then::Error(std::sync::Arc::new(error)),
            })
        }
    }
}

/// What can be known to fail before anything is written.
fn preflight(
    args: &AppApplyArgs,
    file: &Settings,
    current: &Settings,
    todo: &[&Change],
) -> anyhow::Result<()> {
    let managed_write = todo
        .iter()
        .any(|c| matches!(c.target, Target::ManagedFeature));
    let quota = args
        .magic_link_quota
        .map(i64::from)
        .or(file
            .features
            .as_ref()
            .and_then(|f| f.magic_link_monthly_quota))
        .or(current
            .features
            .as_ref()
            .and_then(|f| f.magic_link_monthly_quota));
    if managed_write && quota.is_none() {
        return Err(usage(
            "the features route also rewrites the monthly magic-link quota, which the server never reports; set features.magicLinkMonthlyQuota in the file or pass --magic-link-quota N",
        ));
    }
    let retention = file
        .features
        .as_ref()
        .and_then(|f| f.event_log_retention_days)
        .unwrap_or(0);
    if managed_write && retention > MAX_RETENTION_DAYS {
        return Err(usage(format!(
            "features.eventLogRetentionDays is {retention} (what new apps start with), and the features route takes 0 to {MAX_RETENTION_DAYS}; lower it in the file"
        )));
    }
    // Lists need attestation on once the features are applied.
    let lists_change = todo
        .iter()
        .any(|c| matches!(c.target, Target::Aaguid(_, Some(_))));
    let attestation = file
        .features
        .as_ref()
        .and_then(|f| f.attestation)
        .or(current.features.as_ref().and_then(|f| f.attestation));
    if lists_change && attestation == Some(false) {
        return Err(usage(
            "the allow and deny lists need attestation, which is off for this app; set features.attestation = true in the file",
        ));
    }
    let new_secrets = todo
        .iter()
        .filter_map(|c| match (c.action, &c.target) {
            (Action::Create, Target::Key(Some(i), None)) => file.api_keys.as_ref()?.get(*i),
            _ => None,
        })
        .filter(|k| k.key_type() == Some(KeyType::Secret))
        .count();
    if new_secrets > 0 {
        match &args.save_to_profile {
            None => {
                return Err(usage(
                    "the file adds an API secret key, whose secret is never printed; pass --save-to-profile NAME to store it in that profile's keyring entry",
                ));
            }
            Some(profile) => crate::config::validate_profile_name(profile)?,
        }
        if new_secrets > 1 {
            return Err(usage(format!(
                "the file adds {new_secrets} API secret keys, and --save-to-profile stores one; add them one apply at a time"
            )));
        }
    }
    Ok(())
}

struct Applier<'a> {
    args: &'a AppApplyArgs,
    ctx: &'a Context,
    remote: &'a Remote,
    file: &'a Settings,
    current: &'a Settings,
    outcomes: Vec<Outcome>,
}

impl Applier<'_> {
    fn record(&mut self, change: &Change, result: impl Into<String>) {
        self.outcomes.push(Outcome {
            section: change.section,
            item: change.item.clone(),
            action: change.action,
            result: result.into(),
        });
    }

    /// Applies in order; at the first failure the failed change and every later one are
    /// recorded as such and the error is returned.
    fn all(&mut self, todo: &[&Change]) -> anyhow::Result<()> {
        // One write covers all members of a features route, and all list entries of one kind;
        // groups keep the order of their first change.
        let key = |c: &Change| -> String {
            match &c.target {
                Target::ManagedFeature => "managed".into(),
                Target::SecretFeature => "secret".into(),
                Target::Aaguid(_, Some(true)) => "allow".into(),
                Target::Aaguid(_, Some(false)) => "deny".into(),
                Target::Aaguid(_, None) => "remove".into(),
                _ => format!("{} {}", c.section, c.item),
            }
        };
        let mut groups: Vec<(String, Vec<&Change>)> = Vec::new();
        for change in todo {
            let name = key(change);
            match groups.iter_mut().find(|(k, _)| *k == name) {
                Some((_, group)) => group.push(change),
                None => groups.push((name, vec![change])),
            }
        }
        let mut groups: Vec<Vec<&Change>> = groups.into_iter().map(|(_, g)| g).collect();
        // The features' managed write goes first: attestation must be on before the lists.
        groups.sort_by_key(|g| match (g[0].section, &g[0].target) {
            ("features", Target::ManagedFeature) => 0,
            ("features", _) => 1,
            ("authConfigurations", _) => 2,
            ("authenticators", Target::Aaguid(_, None)) => 3,
            ("authenticators", _) => 4,
            _ => 5,
        });
        let mut failed: Option<anyhow::Error> = None;
        for group in groups {
            if failed.is_some() {
                for change in group {
                    self.record(change, "not applied");
                }
                continue;
            }
            if group[0].action == Action::Delete && !self.args.allow_delete {
                for change in group {
                    self.record(change, "skipped: needs --allow-delete");
                }
                continue;
            }
            match self.one(&group) {
                Ok(results) => {
                    for (change, result) in group.iter().zip(results) {
                        self.record(change, result);
                    }
                }
                Err(error) => {
                    for change in &group {
                        self.record(change, "failed");
                    }
                    failed = Some(error);
                }
            }
        }
        match failed {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    /// One write (or, for a new key, create then lock); the result of each change in `group`.
    fn one(&mut self, group: &[&Change]) -> anyhow::Result<Vec<String>> {
        let applied = || vec!["applied".to_owned(); group.len()];
        let first = group[0];
        let remote = self.remote;
        let performed_by = self.args.performed_by.clone();
        match &first.target {
            Target::ManagedFeature => {
                let want = self.file.features.clone().unwrap_or_default();
                let have = self.current.features.clone().unwrap_or_default();
                let max_users = want.max_users.or(have.max_users).unwrap_or(0);
                let request = ManageFeaturesRequest {
                    event_logging_is_enabled: want
                        .event_logging
                        .or(have.event_logging)
                        .unwrap_or(false),
                    // New apps start at 365 days, which this route refuses: lowered to its limit.
                    event_logging_retention_period: want
                        .event_log_retention_days
                        .or(have
                            .event_log_retention_days
                            .map(|d| d.min(MAX_RETENTION_DAYS)))
                        .unwrap_or(MAX_RETENTION_DAYS),
                    magic_link_email_monthly_quota: self
                        .args
                        .magic_link_quota
                        .map(i64::from)
                        .or(want.magic_link_monthly_quota)
                        .or(have.magic_link_monthly_quota),
                    max_users: (max_users > 0).then_some(max_users),
                    allow_attestation: want.attestation.or(have.attestation).unwrap_or(false),
                };
                remote
                    .management()
                    .set_app_features(&remote.app_id, &request)?;
                Ok(applied())
            }
            Target::SecretFeature => {
                let want = self.file.features.clone().unwrap_or_default();
                let request = SetFeaturesRequest {
                    event_logging_retention_period: None,
                    enable_manually_generated_authentication_tokens: want.generated_sign_in_tokens,
                    enable_magic_links: want.magic_links,
                    performed_by: Some(performed_by),
                };
                remote.client.set_features(&request)?;
                Ok(applied())
            }
            Target::AuthConfig(purpose) => {
                if first.action == Action::Delete {
                    remote.client.delete_auth_config(&AuthConfigDeleteRequest {
                        purpose: purpose.clone(),
                        performed_by,
                    })?;
                    return Ok(applied());
                }
                let config = self
                    .file
                    .auth_configurations
                    .as_ref()
                    .and_then(|c| c.get(purpose))
                    .map(AuthConfigSettings::normalized)
                    .unwrap_or_default();
                let request = AuthConfigRequest {
                    purpose: purpose.clone(),
                    user_verification_requirement: config.user_verification,
                    time_to_live: config
                        .time_to_live
                        .map(|s| super::auth_configs::timespan(s.unsigned_abs())),
                    hints: config.hints,
                    performed_by,
                };
                if first.action == Action::Create {
                    remote.client.add_auth_config(&request)?;
                } else {
                    remote.client.update_auth_config(&request)?;
                }
                Ok(applied())
            }
            Target::Aaguid(_, allowed) => {
                let guids: Vec<String> = group
                    .iter()
                    .filter_map(|c| match &c.target {
                        Target::Aaguid(g, _) => Some(g.clone()),
                        _ => None,
                    })
                    .collect();
                match allowed {
                    Some(allowed) => remote.client.add_authenticators(&guids, *allowed)?,
                    None => remote.client.remove_authenticators(&guids)?,
                }
                Ok(applied())
            }
            Target::Key(file_index, app_key) => {
                let management = remote.management();
                let want = file_index.and_then(|i| self.file.api_keys.as_ref()?.get(i).cloned());
                match (first.action, app_key, want) {
                    (Action::Delete, Some(id), _) => {
                        management.delete_api_key(&remote.app_id, id)?;
                        Ok(applied())
                    }
                    (Action::Update, Some(id), Some(want)) => {
                        management.lock_api_key(&remote.app_id, id, want.locked)?;
                        Ok(applied())
                    }
                    (Action::Create, _, Some(want)) => self.create_key(&want).map(|r| vec![r]),
                    _ => Ok(vec!["-".to_owned(); group.len()]),
                }
            }
            Target::Nothing => Ok(vec!["-".to_owned(); group.len()]),
        }
    }

    /// Creates a key; a secret goes straight to `--save-to-profile`'s keyring entry, never to
    /// the output. Then locks it when the file says so.
    fn create_key(&mut self, want: &ApiKeySettings) -> anyhow::Result<String> {
        let remote = self.remote;
        let kind = want
            .key_type()
            .ok_or_else(|| usage(format!("`{}` is not an API key type", want.kind)))?;
        let mut numbers: Vec<i64> = want
            .scopes
            .iter()
            .filter_map(|s| kind.scope_by_name(s).map(|s| i64::from(s.number)))
            .collect();
        numbers.sort_unstable();
        let created = remote
            .management()
            .create_api_key(&remote.app_id, kind, numbers)?
            .data
            .api_key;
        let id = passwordless_model::keys::key_id(&created).to_owned();
        let mut result = format!("applied: id {id}");
        if kind == KeyType::Secret {
            let profile = self
                .args
                .save_to_profile
                .as_deref()
                .expect("preflight requires --save-to-profile for a new secret key");
            let saved = super::admin::save_secret(self.ctx, profile, &created, None)?;
            result.push_str(&format!(", secret saved to {saved}"));
        } else {
            result.push_str(&format!(", key {created}"));
        }
        if want.locked {
            remote
                .management()
                .lock_api_key(&remote.app_id, &id, true)?;
            result.push_str(", locked");
        }
        Ok(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quota_placeholder_sits_in_features_in_sorted_place() {
        let settings = Settings {
            features: Some(FeatureSettings {
                attestation: Some(true),
                magic_links: Some(true),
                max_users: Some(0),
                ..Default::default()
            }),
            version: Some(1),
            ..Default::default()
        };
        let text = to_toml(&settings, "app").unwrap();
        let features = text.split("[features]").nth(1).unwrap();
        let lines: Vec<&str> = features.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(lines[0], "attestation = true");
        assert!(
            lines[1].starts_with("# magicLinkMonthlyQuota = 0"),
            "{text}"
        );
        assert_eq!(lines[2], "magicLinks = true");
        let back: Settings = toml::from_str(&text).unwrap();
        assert_eq!(back, settings);
    }
}
