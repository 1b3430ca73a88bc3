//! In-memory state of every emulated application: keys, token signing keys, features, users'
//! credentials and aliases, auth configurations, authenticator lists, events and the magic-link
//! outbox. Plain data and small queries; HTTP concerns live in `routes`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use rand::Rng;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::EmulatorConfig;
use super::dates;
use super::persist::{ts, ts_opt, ts_vec};
use passwordless_model::limits::KeyType;
use passwordless_model::types::{Credential, CredentialDescriptor};

/// Everything the request handlers share.
pub struct Shared {
    pub config: EmulatorConfig,
    /// The time every handler of this emulator reads (through its request's `Cx`).
    pub clock: super::dates::Clock,
    pub faults: super::faults::Faults,
    /// The newest requests, for `GET /_emulator/requests`.
    pub requests: super::request_log::RequestLog,
    /// Set with `--state FILE`: every change is written there before it is acknowledged.
    pub store: Option<super::store::Store>,
    state: RwLock<State>,
    /// The state at start (the seed, the empty development app, or what `--state` held), kept
    /// whole for `POST /_emulator/reset`: a copy costs memory once, where re-reading the seed or
    /// the state file would depend on files that may have changed since.
    initial: State,
    trace_seq: AtomicU64,
    id_seq: AtomicU64,
}

/// The write-locked state. Handing it out mutably counts as a change: on release, with
/// `--state`, the change is written to the store (still under the lock, so the file sees the
/// changes in the order they were made) before the request can be answered. An app handed out
/// by [`app_for_events`](StateGuard::app_for_events) is a lighter change: only the events added
/// to it are written.
pub struct StateGuard<'a> {
    state: RwLockWriteGuard<'a, State>,
    shared: &'a Shared,
    changed: bool,
    /// Events were added through `app_for_events`.
    events: bool,
    /// The state was replaced whole (a reset): the store rewrites everything.
    replaced: bool,
    /// Where the request's context (see `cx`) learns what became of the change: the commit to
    /// wait for before answering, or a failure (answered 500 rather than acknowledge a change
    /// the file does not hold). `None` outside a request, where a failure is only logged.
    outcome: Option<&'a super::cx::Outcome>,
}

impl Deref for StateGuard<'_> {
    type Target = State;

    fn deref(&self) -> &State {
        &self.state
    }
}

impl DerefMut for StateGuard<'_> {
    fn deref_mut(&mut self) -> &mut State {
        self.changed = true;
        &mut self.state
    }
}

impl StateGuard<'_> {
    /// App `app_id` for recording events only (the `events` constructors): only the events it
    /// adds are written to the store. Any other change to the app must go through the guard
    /// itself.
    pub fn app_for_events(&mut self, app_id: &str) -> Option<&mut App> {
        self.events = true;
        self.state.apps.get_mut(app_id)
    }

    /// Replaces the whole state (a reset).
    pub fn replace(&mut self, state: State) {
        self.replaced = true;
        *self.state = state;
    }
}

impl Drop for StateGuard<'_> {
    fn drop(&mut self) {
        let Some(store) = &self.shared.store else {
            return;
        };
        let result = if self.replaced {
            store.write_all(&mut self.state).map(|()| None)
        } else if self.changed || self.events {
            store.write(&mut self.state, self.changed)
        } else {
            return;
        };
        match (result, self.outcome) {
            (Ok(Some(number)), Some(outcome)) => outcome.pending.set(number),
            (Ok(_), _) => {}
            (Err(e), outcome) => {
                // The change lives in memory but not in the file; the next write retries it
                // whole.
                self.shared
                    .config
                    .log_sink
                    .line(&format!("emulator: {e:#}"));
                if let Some(outcome) = outcome {
                    outcome.failed.set(true);
                }
            }
        }
    }
}

impl Shared {
    pub fn new(config: EmulatorConfig, state: State, store: Option<super::store::Store>) -> Shared {
        Shared {
            config,
            clock: super::dates::Clock::default(),
            faults: super::faults::Faults::default(),
            requests: super::request_log::RequestLog::default(),
            store,
            initial: state.clone(),
            state: RwLock::new(state),
            trace_seq: AtomicU64::new(0),
            id_seq: AtomicU64::new(0),
        }
    }

    /// The state for reading and writing; other requests wait. `outcome` learns what became of
    /// a change made through the guard (see [`StateGuard`]). Requests lock through their `Cx`,
    /// which passes its own.
    pub fn lock_reporting<'a>(&'a self, outcome: Option<&'a super::cx::Outcome>) -> StateGuard<'a> {
        // A panic in one handler must not take every later request down with it: the state
        // is plain data and stays usable.
        let state = self
            .state
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        StateGuard {
            state,
            shared: self,
            changed: false,
            events: false,
            replaced: false,
            outcome,
        }
    }

    /// Back to the start: the initial state, the seed's faults only, the machine's time, and (in
    /// deterministic mode) ids and trace ids counting from 1 again, so a test run after a reset
    /// sees what it would see on a fresh emulator. With `--state` the file is rewritten whole.
    pub fn reset(&self, mut state: StateGuard<'_>) {
        state.replace(self.initial.clone());
        self.faults.clear();
        if let Some(seed) = &self.config.seed {
            // Checked when the seed was read: these rules were accepted at start.
            let _ = seed.add_faults(&self.faults);
        }
        self.requests.clear();
        self.clock.reset();
        self.trace_seq.store(0, Ordering::Relaxed);
        self.id_seq.store(0, Ordering::Relaxed);
    }

    /// The state for reading only, shared with other readers.
    pub fn read(&self) -> RwLockReadGuard<'_, State> {
        self.state
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Writes the whole state to the `--state` store, if any (a new file).
    pub fn save_all(&self) -> anyhow::Result<()> {
        match &self.store {
            Some(store) => store.write_all(&mut self.lock_reporting(None)),
            None => Ok(()),
        }
    }

    /// Writes and commits what changed since the last write (a loaded file's fix-ups, or what
    /// a failed write left), if there is a `--state` store.
    pub fn save_changes(&self) -> anyhow::Result<()> {
        match &self.store {
            Some(store) => {
                store.write(&mut self.lock_reporting(None), true)?;
                store.flush()
            }
            None => Ok(()),
        }
    }

    /// W3C trace-context id, as ASP.NET puts in `traceId`.
    pub fn trace_id(&self) -> String {
        if self.config.deterministic {
            let n = self.trace_seq.fetch_add(1, Ordering::Relaxed) + 1;
            format!("00-{n:032x}-{n:016x}-00")
        } else {
            let mut rng = rand::rng();
            format!(
                "00-{:032x}-{:016x}-00",
                rng.random::<u128>(),
                rng.random::<u64>()
            )
        }
    }

    /// A fresh GUID; sequential in deterministic mode so snapshots stay stable.
    pub fn new_id(&self) -> String {
        if self.config.deterministic {
            let n = self.id_seq.fetch_add(1, Ordering::Relaxed) + 1;
            format!("00000000-0000-4000-8000-{n:012}")
        } else {
            uuid::Uuid::new_v4().to_string()
        }
    }
}

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
        let start = self.value.char_indices().rev().nth(3).map_or(0, |(i, _)| i);
        self.value[start..].to_string()
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
    pub keyed: std::sync::OnceLock<crate::tokens::HmacSha256>,
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
pub struct StoredCredential {
    pub id: Vec<u8>,
    pub public_key: Vec<u8>,
    pub user_id: String,
    pub signature_counter: u32,
    pub attestation_fmt: String,
    #[serde(with = "ts")]
    pub created_at: OffsetDateTime,
    #[serde(with = "ts")]
    pub last_used_at: OffsetDateTime,
    pub aa_guid: Option<String>,
    pub rpid: String,
    pub origin: String,
    pub country: String,
    pub device: String,
    pub nickname: Option<String>,
    pub transports: Option<Vec<String>>,
    pub backup_state: Option<bool>,
    pub is_backup_eligible: Option<bool>,
    pub is_discoverable: Option<bool>,
}

impl StoredCredential {
    pub fn to_wire(&self) -> Credential {
        Credential {
            descriptor: CredentialDescriptor {
                kind: "public-key".into(),
                id: URL_SAFE_NO_PAD.encode(&self.id),
                transports: self.transports.clone(),
            },
            public_key: STANDARD.encode(&self.public_key),
            user_handle: STANDARD.encode(self.user_id.as_bytes()),
            signature_counter: self.signature_counter,
            attestation_fmt: Some(self.attestation_fmt.clone()),
            created_at: Some(dates::db(self.created_at)),
            aa_guid: self.aa_guid.clone(),
            last_used_at: Some(dates::db(self.last_used_at)),
            rpid: Some(self.rpid.clone()),
            origin: Some(self.origin.clone()),
            country: Some(self.country.clone()),
            device: Some(self.device.clone()),
            nickname: self.nickname.clone(),
            user_id: self.user_id.clone(),
            backup_state: self.backup_state,
            is_backup_eligible: self.is_backup_eligible,
            is_discoverable: self.is_discoverable,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Alias {
    pub user_id: String,
    pub hash: String,
    pub plaintext: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    #[serde(with = "ts")]
    pub performed_at: OffsetDateTime,
    pub message: String,
    pub performed_by: String,
    /// The server's fixed names: borrowed, not allocated, for every event.
    pub event_type: Cow<'static, str>,
    pub severity: Cow<'static, str>,
    pub subject: String,
    pub api_key_id: String,
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
        let word = match kind {
            KeyKind::Public => "public",
            KeyKind::Secret => "secret",
        };
        let value = format!("{}:{word}:{}", self.id, random_hex32());
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
