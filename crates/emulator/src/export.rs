//! The emulator's state as a seed (`GET /_emulator/export`, `passwordless emulator export`): every
//! app with its settings (in the settings document's form `app export` writes), its API keys
//! (metadata, the public keys' values, and the secret keys' values only when asked for), its
//! users with their aliases and credentials (COSE public keys and signature counters included,
//! so a passkey registered here signs in against an emulator seeded from the export), and the
//! fault rules. Read back by `seed`, an export gives an emulator that exports the same document.
//!
//! Left out: events, the outbox, sent magic links, token signing keys (a token minted by one
//! emulator does not verify on another) and key dates; an app pending deletion is exported as
//! an ordinary app.

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use serde::Serialize;

use super::dates;
use super::faults::{Fault, FaultSpec};
use super::lazy::LazySeq;
#[cfg(doc)]
use super::seed::Seed;
use super::seed::{SeedApp, SeedCredential, SeedUser};
use super::state::{App, KeyKind, State, StoredCredential};
use super::users::User;
use passwordless_model::types::{
    AuthConfigSettings, AuthenticatorSettings, FeatureSettings, SETTINGS_VERSION,
};

/// The whole state and the fault rules as one seed, serialised as it is read (see `lazy`);
/// secret key values only with `secrets`. Its JSON is a [`Seed`]'s.
pub fn export<'a>(state: &'a State, faults: &[Fault], secrets: bool) -> impl Serialize + 'a {
    SeedExport {
        version: SETTINGS_VERSION,
        apps: LazySeq(move || state.apps.values().map(move |app| export_app(app, secrets))),
        faults: faults.iter().map(Fault::spec).collect(),
    }
}

/// A [`Seed`] with its apps written as they are walked; the same members in the same order.
#[derive(Serialize)]
struct SeedExport<A> {
    version: u32,
    apps: A,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    faults: Vec<FaultSpec>,
}

/// A [`SeedApp`] (made without users) followed by its users, each made as it is written.
#[derive(Serialize)]
struct AppExport<U> {
    #[serde(flatten)]
    settings: SeedApp,
    users: U,
}

fn export_app(app: &App, secrets: bool) -> AppExport<impl Serialize + '_> {
    let f = &app.features;
    let features = FeatureSettings {
        attestation: Some(f.allow_attestation),
        event_log_retention_days: Some(f.event_logging_retention_period),
        event_logging: Some(f.event_logging_enabled),
        generated_sign_in_tokens: Some(f.generate_signin_enabled),
        magic_link_monthly_quota: Some(f.magic_link_monthly_quota),
        magic_links: Some(f.magic_links_enabled),
        max_users: Some(f.max_users.unwrap_or(0)),
    };
    let list = |allowed: bool| {
        app.authenticators
            .iter()
            .filter(|a| a.is_allowed == allowed)
            .map(|a| a.aa_guid.clone())
            .collect()
    };
    let auth_configurations: BTreeMap<String, AuthConfigSettings> = app
        .auth_configs
        .iter()
        .map(|c| {
            (
                c.purpose.clone(),
                AuthConfigSettings {
                    hints: Some(c.hints.clone()),
                    time_to_live: Some(c.ttl_seconds),
                    user_verification: Some(c.user_verification.clone()),
                },
            )
        })
        .collect();
    let settings = SeedApp {
        app_id: app.id.clone(),
        admin_email: (!app.admin_email.is_empty()).then(|| app.admin_email.clone()),
        api_keys: Some(app.keys.iter().map(|k| k.settings()).collect()),
        // A public key is not secret (every page that signs in holds it); secret keys are
        // written only when asked for, and then the file is the user's to guard.
        api_key_values: app
            .keys
            .iter()
            .filter(|k| secrets || k.kind == KeyKind::Public)
            .map(|k| k.value.clone())
            .collect(),
        auth_configurations: (!auth_configurations.is_empty()).then_some(auth_configurations),
        authenticators: (!app.authenticators.is_empty()).then(|| AuthenticatorSettings {
            allowed: list(true),
            denied: list(false),
        }),
        features: Some(features),
        users: Vec::new(),
    };
    AppExport {
        settings,
        users: LazySeq(move || app.users.iter().map(|(id, user)| export_user(id, user))),
    }
}

fn export_user(user_id: &str, user: &User) -> SeedUser {
    let plain: Vec<String> = user
        .aliases
        .iter()
        .filter_map(|a| a.plaintext.clone())
        .collect();
    SeedUser {
        user_id: user_id.to_owned(),
        // Plaintext aliases were stored unhashed: they load back the same way.
        alias_hashing: (!plain.is_empty()).then_some(false),
        aliases: plain,
        alias_hashes: user
            .aliases
            .iter()
            .filter(|a| a.plaintext.is_none())
            .map(|a| a.hash.to_string())
            .collect(),
        credentials: user.credentials.iter().map(export_credential).collect(),
    }
}

fn export_credential(c: &StoredCredential) -> SeedCredential {
    let text = |s: &str| Some(Box::from(s));
    SeedCredential {
        id: URL_SAFE_NO_PAD.encode(&c.id).into(),
        public_key: text(&URL_SAFE_NO_PAD.encode(&c.public_key)),
        signature_counter: Some(c.signature_counter),
        attestation_fmt: text(&c.attestation_fmt),
        nickname: c.nickname.clone(),
        device: text(&c.device),
        country: text(&c.country),
        origin: text(&c.origin),
        rpid: text(&c.rpid),
        created_at: text(&dates::token(c.created_at)),
        last_used_at: text(&dates::token(c.last_used_at)),
        aa_guid: c.aa_guid.as_deref().and_then(text),
        // A seed without transports means `internal`: none stored is written as none.
        transports: Some(c.transports.as_deref().unwrap_or_default().into()),
        backup_state: c.backup_state,
        is_backup_eligible: c.is_backup_eligible,
        is_discoverable: c.is_discoverable,
    }
}
