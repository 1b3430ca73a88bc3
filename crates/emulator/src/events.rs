//! The event log entries the real server writes (`IEventLogger` extensions in
//! `Service/EventLog/Loggers/IEventLogger.cs`): one constructor per event with the server's
//! message, `performedBy`, subject, severity and abbreviated key, and the rule that only apps with
//! event logging enabled keep them. Routes call these; nothing else builds an [`Event`].

use std::borrow::Cow;

use super::event_log::EventLog;
use super::http::Req;
use super::state::{App, Event, KeyKind};

const UNKNOWN_USER: &str = "Unknown User";
const SYSTEM: &str = "System";

/// Who performed a request, as the event context sees it: the app (its id and whether it logs
/// events), the last four characters of the key in the request (empty for management calls), and
/// where the events go. Usually the app's own log ([`By::of`]); the token routes collect their one
/// event into an `Option<Event>` (an [`EventSink`]), so it is built before any lock is taken and
/// stamped when it is added (`routes::record_event`).
pub struct By<'a> {
    pub tenant: &'a str,
    pub key_id: &'a str,
    pub enabled: bool,
    pub events: &'a mut dyn EventSink,
    /// When the events happen: the emulator's clock, read by the request.
    pub now: time::OffsetDateTime,
}

/// Where a [`By`] puts the events it makes.
pub trait EventSink {
    fn add(&mut self, event: Event);
}

impl EventSink for EventLog {
    fn add(&mut self, event: Event) {
        self.push(event);
    }
}

/// The one event of a token route, made before any lock is taken (`routes::record_event`),
/// which stamps it when it goes into the app's log.
impl EventSink for Option<Event> {
    fn add(&mut self, event: Event) {
        debug_assert!(self.is_none(), "a token route records one event");
        *self = Some(event);
    }
}

enum Severity {
    Informational,
    Alert,
}

fn event(
    kind: Cow<'static, str>,
    severity: Severity,
    message: String,
    by: &str,
    subject: &str,
    key_id: &str,
    now: time::OffsetDateTime,
) -> Event {
    let severity = match severity {
        Severity::Informational => "Informational",
        Severity::Alert => "Alert",
    };
    Event {
        performed_at: now,
        message,
        performed_by: by.to_string(),
        event_type: kind,
        severity: Cow::Borrowed(severity),
        subject: subject.to_string(),
        api_key_id: key_id.to_string(),
    }
}

/// The server's abbreviated key: its last four characters.
fn last4(key: &str) -> String {
    passwordless_model::keys::key_id(key).to_owned()
}

/// `performedBy` as the feature events write it: blank becomes "Unknown User".
fn or_unknown(performed_by: &str) -> &str {
    if performed_by.trim().is_empty() {
        UNKNOWN_USER
    } else {
        performed_by
    }
}

impl<'a> By<'a> {
    /// Events recorded straight into `app`'s log.
    pub fn of(app: &'a mut App, key_id: &'a str, now: time::OffsetDateTime) -> By<'a> {
        By {
            now,
            tenant: &app.id,
            key_id,
            enabled: app.features.event_logging_enabled,
            events: &mut app.events,
        }
    }

    /// Adds an event when the app logs events (the server's rule).
    fn add(
        &mut self,
        kind: Cow<'static, str>,
        severity: Severity,
        message: String,
        performed_by: &str,
        subject: &str,
        key_id: &str,
    ) {
        if self.enabled {
            let e = event(
                kind,
                severity,
                message,
                performed_by,
                subject,
                key_id,
                self.now,
            );
            self.events.add(e);
        }
    }

    /// [`add`](Self::add) with the app as the subject.
    fn push(
        &mut self,
        kind: impl Into<Cow<'static, str>>,
        severity: Severity,
        message: String,
        performed_by: &str,
        key_id: &str,
    ) {
        let tenant = self.tenant;
        self.add(kind.into(), severity, message, performed_by, tenant, key_id);
    }

    /// An informational event about `subject` rather than the app.
    fn push_about(
        &mut self,
        kind: &'static str,
        message: String,
        performed_by: &str,
        subject: &str,
    ) {
        let key_id = self.key_id;
        let severity = Severity::Informational;
        self.add(
            kind.into(),
            severity,
            message,
            performed_by,
            subject,
            key_id,
        );
    }

    fn info(&mut self, kind: impl Into<Cow<'static, str>>, message: String, performed_by: &str) {
        let key_id = self.key_id;
        self.push(kind, Severity::Informational, message, performed_by, key_id);
    }

    pub fn registration_token_created(&mut self, user_id: &str) {
        let msg = format!("Created registration token for {user_id}");
        self.info("ApiAuthUserRegistered", msg, user_id);
    }

    pub fn registration_began(&mut self, user_id: &str) {
        let msg = format!("Beginning passkey registration for {user_id}");
        self.info("ApiAuthPasskeyRegistrationBegan", msg, user_id);
    }

    pub fn registration_completed(&mut self, user_id: &str) {
        let msg = format!("Completed passkey registration for user {user_id}");
        self.info("ApiAuthPasskeyRegistrationCompleted", msg, user_id);
    }

    pub fn sign_in_completed(&mut self, user_id: &str) {
        let msg = format!("User {user_id} completed sign in.");
        self.info("ApiUserSignInCompleted", msg, user_id);
    }

    pub fn sign_in_verified(&mut self, user_id: &str) {
        let msg = format!("User {user_id} verified sign in token.");
        self.info("ApiUserSignInVerified", msg, user_id);
    }

    pub fn aliases_set(&mut self, user_id: &str) {
        let msg = format!("Added set aliases for user ({user_id}).");
        self.push_about("ApiUserSetAliases", msg, user_id, user_id);
    }

    pub fn credential_deleted(&mut self, user_id: &str) {
        let msg = format!("Deleted credential for user {user_id}");
        self.push_about("ApiUserDeleteCredential", msg, SYSTEM, user_id);
    }

    pub fn user_deleted(&mut self, user_id: &str) {
        let msg = format!("Deleted user {user_id}");
        self.push_about("ApiUserDeleted", msg, SYSTEM, user_id);
    }

    pub fn magic_link_created(&mut self, user_id: &str) {
        let msg = format!("Created signin token for {user_id}");
        self.info("ApiUserMagicLinkCreated", msg, user_id);
    }

    /// `POST /apps/features` toggles; the server writes these without a key id.
    pub fn generate_sign_in_token_endpoint(&mut self, enabled: bool, performed_by: &str) {
        let (kind, msg) = if enabled {
            (
                "AdminGenerateSignInTokenEndpointEnabled",
                "/signin/generate-token was enabled.",
            )
        } else {
            (
                "AdminGenerateSignInTokenEndpointDisabled",
                "/signin/generate-token endpoint was disabled.",
            )
        };
        let by = or_unknown(performed_by);
        self.push(kind, Severity::Alert, msg.into(), by, "");
    }

    pub fn magic_links(&mut self, enabled: bool, performed_by: &str) {
        let (kind, msg) = if enabled {
            ("AdminMagicLinksEnabled", "Magic Links feature was enabled.")
        } else {
            (
                "AdminMagicLinksDisabled",
                "Magic Links feature was disabled.",
            )
        };
        let by = or_unknown(performed_by);
        self.push(kind, Severity::Alert, msg.into(), by, "");
    }

    /// Auth configuration changes: `action` is `created`, `updated` or `deleted`.
    pub fn auth_config(&mut self, action: &str, purpose: &str, performed_by: &str) {
        let kind = match action {
            "created" => "ApiAuthenticationConfigurationCreated",
            "updated" => "ApiAuthenticationConfigurationUpdated",
            _ => "ApiAuthenticationConfigurationDeleted",
        };
        let msg = format!("{purpose} auth config {action}.");
        self.push(kind, Severity::Informational, msg, performed_by, "");
    }

    /// `POST /authenticators/add`: the server logs "allowlisted" whatever `isAllowed` says.
    pub fn authenticators_listed(&mut self) {
        let msg = "Authenticators added to allowlist.".to_string();
        self.info("ApiAuthenticatorsAllowlisted", msg, UNKNOWN_USER);
    }

    pub fn authenticators_delisted(&mut self) {
        let msg = "Authenticators removed from allowlist or blocklist.".to_string();
        self.info("ApiAuthenticatorsDelisted", msg, UNKNOWN_USER);
    }

    // ---- management routes (no key in the request: empty key id) ----

    pub fn app_frozen(&mut self, frozen: bool) {
        let (kind, msg) = if frozen {
            ("ApiManagementAppFrozen", "Application frozen.")
        } else {
            ("ApiManagementAppUnfrozen", "Application unfrozen.")
        };
        self.push(kind, Severity::Alert, msg.into(), SYSTEM, "");
    }

    pub fn app_marked_for_deletion(&mut self, deleted_by: &str) {
        let msg = "Application was marked for deletion.".to_string();
        self.info("ApiManagementAppMarkedForDeletion", msg, deleted_by);
    }

    pub fn app_deletion_cancelled(&mut self) {
        let msg = "Application deletion was cancelled.".to_string();
        self.info("ApiManagementAppDeletionCancelled", msg, SYSTEM);
    }

    pub fn api_key_created(&mut self, key: &str) {
        let msg = format!("Created Api Key {}", last4(key));
        self.info("AdminApiKeyCreated", msg, UNKNOWN_USER);
    }

    pub fn api_keys_enumerated(&mut self) {
        let msg = "Api keys enumerated".to_string();
        self.info("AdminApiKeysEnumerated", msg, UNKNOWN_USER);
    }

    /// Lock, unlock or delete of one key: `action` is `Locked`, `Unlocked` or `Deleted`.
    pub fn api_key_changed(&mut self, action: &str, key_id: &str) {
        let kind = format!("AdminApiKey{action}");
        let msg = format!("{action} Api Key {key_id}");
        self.info(kind, msg, UNKNOWN_USER);
    }
}

/// Records the server's alert for a request whose `ApiSecret`/`ApiKey` header named an existing
/// app but was refused: a locked key (`ApiAuthDisabled…KeyUsed`) or an unknown one
/// (`ApiAuthInvalid…KeyUsed`). Like the server, the key is looked up by its last four characters
/// among all of the app's keys, and a header without `:` names no app.
///
/// `app_of` hands out the app the key names (through the state guard's events-only door, so
/// with `--state` only the event is written).
pub fn rejected_key<'s>(
    app_of: impl FnOnce(&str) -> Option<&'s mut App>,
    req: &Req,
    scheme: &str,
    now: time::OffsetDateTime,
) {
    let (header, secret) = match scheme {
        "ApiSecret" => ("apisecret", true),
        "ApiKey" => ("apikey", false),
        _ => return,
    };
    let Some(value) = req.header(header).map(str::trim).filter(|v| !v.is_empty()) else {
        return;
    };
    let Some((app_id, _)) = value.split_once(':') else {
        return;
    };
    let Some(app) = app_of(app_id) else {
        return;
    };
    let last4 = last4(value);
    let stored = app.keys.iter().find(|k| k.id() == last4);
    // A public key is compared in clear, so only the exact key counts as "found" there.
    let locked = match stored {
        Some(k) if secret => k.locked,
        Some(k) => k.locked && k.value == value && k.kind == KeyKind::Public,
        None => false,
    };
    let (kind, message) = match (secret, locked) {
        (true, true) => ("ApiAuthDisabledSecretKeyUsed", "Disabled Api Key used."),
        (true, false) => (
            "ApiAuthInvalidSecretKeyUsed",
            "A request using an invalid ApiSecret was attempted.",
        ),
        (false, true) => ("ApiAuthDisabledPublicKeyUsed", "Disabled Public Key used."),
        (false, false) => (
            "ApiAuthInvalidPublicKeyUsed",
            "A request using an invalid PublicKey was attempted.",
        ),
    };
    By::of(app, &last4, now).push(kind, Severity::Alert, message.into(), UNKNOWN_USER, &last4);
}
