//! What a run learns that makes an error's hint precise, and those hints: which credential it
//! sent and where that came from (a 401 names the variable or keyring entry to fix), the app
//! the secret belongs to and how the run is set up (a feature-off answer names the operator's
//! command), and the passkey a sign-in sent (`unknown_credential` names it). The context notes
//! as it builds clients, `passkey sign-in` notes its passkey, and `report` reads the notes it is
//! handed when it shows an error: passed along, never a process global.

use std::sync::OnceLock;

use crate::api::error::ApiError;
use crate::env::MANAGEMENT_KEY;
use crate::keyring_store::SecretEntry;
use crate::secret::SecretSource;

/// Which credential a run sent: the 401 hint names the one to fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    ApiSecret,
    ManagementKey,
}

struct Noted {
    credential: Credential,
    source: SecretSource,
    profile_flag: String,
}

/// What the feature-off hint needs to know about the run, noted with the client. The keyring is
/// read only if such a hint is wanted, never on the way to a request.
pub struct Setup {
    pub management_key_in_env: bool,
    pub management_entry: Option<SecretEntry>,
    pub emulator: bool,
}

/// The passkey a `passkey sign-in` sent, and the server and app it was registered with: an
/// `unknown_credential` answer then names it (which key, made where) instead of a placeholder.
#[derive(Debug, Clone)]
pub struct PasskeyUsed {
    pub credential_id: String,
    pub registered_with: String,
    pub app_id: String,
    /// The server this run talks to.
    pub server: String,
}

/// The notes of one run. Each is set once (a run makes one client of each kind); the first
/// value stays.
#[derive(Default)]
pub struct RunNotes {
    credential: OnceLock<Noted>,
    app: OnceLock<String>,
    setup: OnceLock<Setup>,
    passkey: OnceLock<PasskeyUsed>,
}

impl RunNotes {
    pub fn note_credential(
        &self,
        credential: Credential,
        source: SecretSource,
        profile_flag: String,
    ) {
        let _ = self.credential.set(Noted {
            credential,
            source,
            profile_flag,
        });
    }

    pub fn note_app(&self, app_id: &str) {
        let _ = self.app.set(app_id.to_owned());
    }

    pub fn note_setup(&self, setup: Setup) {
        let _ = self.setup.set(setup);
    }

    /// Called by `passkey sign-in` once it has chosen the passkey, before it is sent.
    pub fn note_passkey(&self, used: PasskeyUsed) {
        let _ = self.passkey.set(used);
    }

    /// The passkey this run sent, if any.
    pub fn passkey_used(&self) -> Option<&PasskeyUsed> {
        self.passkey.get()
    }

    /// The API error's hint, fitted to this run: a 401 says which variable or keyring entry to
    /// fix, an unknown passkey is named, and a feature only an operator can turn on gets a
    /// command naming the app; otherwise the error's own hint.
    pub fn hint_for(&self, error: &ApiError) -> String {
        self.credential_hint(error)
            .or_else(|| self.passkey_hint(error))
            .or_else(|| self.feature_hint(error))
            .unwrap_or_else(|| error.hint())
    }

    /// The hint for `unknown_credential` when the run sent a passkey: its id in the delete
    /// command, and, when it was made with another server (an earlier emulator), that server.
    fn passkey_hint(&self, error: &ApiError) -> Option<String> {
        if error.error_code() != Some("unknown_credential") {
            return None;
        }
        let used = self.passkey.get()?;
        let id = &used.credential_id;
        let made = if used.registered_with == used.server {
            format!("the server does not know the passkey {id} (was it deleted there?)")
        } else {
            format!(
                "the passkey {id} was registered with {} (app {}), not with {}, which does not know it",
                used.registered_with, used.app_id, used.server
            )
        };
        Some(format!(
            "{made}; remove it from the authenticator file with `passwordless passkey delete {id}`, or register a new one"
        ))
    }

    /// A hint for a "feature off" answer naming the app the secret belongs to; `None` for other
    /// errors and where the API's own hint runs as written. The operator's command only with a
    /// management key configured, the emulator's note only with a loopback base URL.
    fn feature_hint(&self, error: &ApiError) -> Option<String> {
        crate::feature_off::feature(error)?;
        let reader = self
            .setup
            .get()
            .map(|setup| crate::feature_off::Reader {
                operator: setup.management_key_in_env
                    || setup
                        .management_entry
                        .as_ref()
                        .is_some_and(|entry| matches!(entry.read(), Ok(Some(_)))),
                emulator: setup.emulator,
            })
            .unwrap_or_default();
        crate::feature_off::hint(error, self.app.get().map(String::as_str), reader)
    }

    /// A hint for a 401 that names the credential actually sent and where it came from; `None`
    /// for other errors, or when no credential was sent.
    fn credential_hint(&self, error: &ApiError) -> Option<String> {
        if error.status() != Some(401) {
            return None;
        }
        let noted = self.credential.get()?;
        // The server answers 401 alike for a wrong and a locked key (contract §1.3).
        Some(match (noted.credential, noted.source) {
            (Credential::ApiSecret, SecretSource::Env(name)) => format!(
                "the API secret in {name} was not accepted (wrong, or its key is locked); set {name} to the app's secret from the admin console, or unset it to use the keyring"
            ),
            (Credential::ApiSecret, SecretSource::Keyring(store)) => format!(
                "the API secret stored in the {store} store was not accepted (wrong, or its key is locked: an operator sees which with `passwordless admin api-keys list APP`); a wrong one is replaced with `passwordless config set-secret{}`",
                noted.profile_flag
            ),
            (Credential::ManagementKey, SecretSource::Env(name)) => format!(
                "the management key in {name} was not accepted; set {name} to the server's management key, or unset it to use the keyring"
            ),
            (Credential::ManagementKey, SecretSource::Keyring(store)) => format!(
                "the management key stored in the {store} store was not accepted; store the right one with `passwordless config set-management-key{}`, or set {MANAGEMENT_KEY}",
                noted.profile_flag
            ),
        })
    }
}
