//! In-memory state of every emulated application: keys, token signing keys, features, users'
//! credentials and aliases, auth configurations, authenticator lists, events and the magic-link
//! outbox. Plain data and small queries; HTTP concerns live in `routes`.

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rand::Rng;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::EmulatorConfig;
use super::dates::{ts, ts_opt, ts_vec};
use passwordless_model::limits::KeyType;

pub use super::event_log::Event;
pub use super::users::{Alias, StoredCredential};

/// The keyed MAC of a token signing key, built once per key.
pub type HmacSha256 = hmac::Hmac<Sha256>;

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct State {
    pub apps: BTreeMap<String, App>,
    pub outbox: Vec<OutboxEntry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum KeyKind {
    Public,
    Secret,
}

impl KeyKind {
    /// The word inside the key (`app:public:…`), as the model's [`KeyType`] says it.
    pub fn word(self) -> &'static str {
        match self {
            KeyKind::Public => KeyType::Public,
            KeyKind::Secret => KeyType::Secret,
        }
        .word()
    }
}

impl ApiKey {
    /// The key as the settings document lists it: id, type, scopes and lock, never its value.
    pub fn settings(&self) -> passwordless_model::types::ApiKeySettings {
        passwordless_model::types::ApiKeySettings {
            id: Some(self.id()),
            locked: self.locked,
            scopes: self.scopes.clone(),
            kind: self.kind.word().to_owned(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiKey {
    pub value: String,
    pub kind: KeyKind,
    pub scopes: Vec<String>,
    #[serde(with = "ts")]
    pub created_at: OffsetDateTime,
    pub locked: bool,
    #[serde(with = "ts_opt")]
    pub last_locked_at: Option<OffsetDateTime>,
}

impl ApiKey {
    /// The server identifies a key by its last four characters.
    pub fn id(&self) -> String {
        passwordless_model::keys::key_id(&self.value).to_owned()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SigningKey {
    pub id: u32,
    pub key: [u8; 32],
    /// The HMAC state keyed with `key`, made on first use: minting a token clones it rather
    /// than hashing the key's two pads again (a quarter of a token's hashing).
    #[serde(skip)]
    pub keyed: std::sync::OnceLock<HmacSha256>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Features {
    pub event_logging_enabled: bool,
    pub event_logging_retention_period: i64,
    #[serde(with = "ts_opt")]
    pub developer_logging_ends_at: Option<OffsetDateTime>,
    pub max_users: Option<i64>,
    pub allow_attestation: bool,
    pub generate_signin_enabled: bool,
    pub magic_links_enabled: bool,
    pub magic_link_monthly_quota: i64,
}

impl Default for Features {
    fn default() -> Self {
        Features {
            event_logging_enabled: false,
            event_logging_retention_period: 365,
            developer_logging_ends_at: None,
            max_users: None,
            allow_attestation: false,
            generate_signin_enabled: true,
            magic_links_enabled: true,
            magic_link_monthly_quota: 0,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthConfig {
    pub purpose: String,
    pub user_verification: String,
    pub ttl_seconds: i64,
    /// Wire names (`security-key`, …), converted to enum names on output.
    pub hints: Vec<String>,
    pub created_by: String,
    #[serde(with = "ts_opt")]
    pub created_on: Option<OffsetDateTime>,
    pub edited_by: Option<String>,
    #[serde(with = "ts_opt")]
    pub edited_on: Option<OffsetDateTime>,
    #[serde(with = "ts_opt")]
    pub last_used_on: Option<OffsetDateTime>,
}

impl AuthConfig {
    /// The built-in `sign-in` / `step-up` configuration used when none is stored.
    pub fn builtin(purpose: &str) -> AuthConfig {
        AuthConfig {
            purpose: purpose.into(),
            user_verification: "preferred".into(),
            ttl_seconds: 120,
            hints: Vec::new(),
            created_by: "System".into(),
            created_on: None,
            edited_by: None,
            edited_on: None,
            last_used_on: None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Authenticator {
    pub aa_guid: String,
    pub is_allowed: bool,
    #[serde(with = "ts")]
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutboxEntry {
    pub app_id: String,
    pub to: String,
    pub user_id: String,
    pub link: String,
    pub token: String,
    pub sent_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct App {
    pub id: String,
    #[serde(with = "ts")]
    pub created_at: OffsetDateTime,
    pub admin_email: String,
    pub keys: Vec<ApiKey>,
    pub signing_keys: Vec<SigningKey>,
    pub features: Features,
    /// Users with their aliases and credentials: written as the flat arrays `credentials` and
    /// `aliases`.
    #[serde(flatten)]
    pub users: super::users::Users,
    pub events: super::event_log::EventLog,
    pub auth_configs: Vec<AuthConfig>,
    pub authenticators: Vec<Authenticator>,
    #[serde(with = "ts_vec")]
    pub magic_links_sent: Vec<OffsetDateTime>,
    /// Set while the app is marked for deletion.
    #[serde(with = "ts_opt")]
    pub delete_at: Option<OffsetDateTime>,
}

pub fn random_hex32() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    rand::rng().fill(&mut b[..]);
    b
}

impl App {
    /// A new app with no keys; `add_key` gives it some.
    pub fn new(id: &str, now: OffsetDateTime) -> App {
        App {
            id: id.into(),
            created_at: now,
            admin_email: String::new(),
            keys: Vec::new(),
            // Random ids keep tokens of another app (or of an earlier run) from ever matching.
            signing_keys: vec![SigningKey {
                id: rand::random::<u32>(),
                key: random_bytes::<32>(),
                keyed: Default::default(),
            }],
            features: Features::default(),
            users: Default::default(),
            events: Default::default(),
            auth_configs: Vec::new(),
            authenticators: Vec::new(),
            magic_links_sent: Vec::new(),
            delete_at: None,
        }
    }

    pub fn add_key(
        &mut self,
        value: String,
        kind: KeyKind,
        scopes: Vec<String>,
        now: OffsetDateTime,
    ) {
        self.keys.push(ApiKey {
            value,
            kind,
            scopes,
            created_at: now,
            locked: false,
            last_locked_at: None,
        });
    }

    /// Mints a key of `kind` with a random body and returns it.
    pub fn new_key(&mut self, kind: KeyKind, scopes: Vec<String>, now: OffsetDateTime) -> String {
        let value = format!("{}:{}:{}", self.id, kind.word(), random_hex32());
        self.add_key(value.clone(), kind, scopes, now);
        value
    }

    pub fn alias_hash(&self, alias: &str) -> String {
        let digest = Sha256::digest(format!("{}{alias}", self.id).as_bytes());
        STANDARD.encode(digest)
    }

    /// The user that owns an alias hash, if any.
    pub fn alias_owner(&self, hash: &str) -> Option<&str> {
        self.users.alias_owner(hash)
    }

    pub fn has_credentials(&self, user_id: &str) -> bool {
        self.users.has_credentials(user_id)
    }
}

/// Builds the initial state: the configured development app with its fixed keys, on the plan
/// chosen by the config, else by the seed, else the developer plan (every feature on).
pub fn initial(config: &EmulatorConfig) -> State {
    // Built at start, when an emulator's clock is the machine's.
    let now = OffsetDateTime::now_utc();
    let mut app = App::new(&config.app_id, now);
    // Created a NewAccountTimeout before the start: the development app is past the server's
    // new-app rule, so magic links go to any address at once, as they do for an established
    // app. Apps created through the admin route start new and follow the rule.
    app.created_at -= time::Duration::hours(passwordless_model::limits::NEW_APP_TIMEOUT_HOURS);
    let seed_plan = config.seed.as_ref().and_then(|s| s.plan);
    app.features = config.plan.or(seed_plan).unwrap_or_default().features();
    app.add_key(
        config.api_key.clone(),
        KeyKind::Public,
        KeyType::Public.all_scope_names(),
        now,
    );
    app.add_key(
        config.api_secret.clone(),
        KeyKind::Secret,
        KeyType::Secret.all_scope_names(),
        now,
    );
    let mut state = State::default();
    state.apps.insert(app.id.clone(), app);
    state
}

/// After loading a saved state: make sure the configured app exists and accepts the configured
/// keys, so `--secret`/`--public-key` work with an older state file too.
pub fn ensure_dev_app(state: &mut State, config: &EmulatorConfig) {
    let Some(app) = state.apps.get_mut(&config.app_id) else {
        let fresh = initial(config);
        state.apps.extend(fresh.apps);
        return;
    };
    for (value, kind, scopes) in [
        (&config.api_key, KeyKind::Public, KeyType::Public),
        (&config.api_secret, KeyKind::Secret, KeyType::Secret),
    ] {
        if !app.keys.iter().any(|k| &k.value == value) {
            // At start: the machine's time is the clock's.
            app.add_key(
                value.clone(),
                kind,
                scopes.all_scope_names(),
                OffsetDateTime::now_utc(),
            );
        }
    }
}
