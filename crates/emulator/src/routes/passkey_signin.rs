//! `POST /signin/begin` and `POST /signin/complete` (contract §3.1–3.2; SERVER
//! `Fido2Service.SignInBeginAsync/SignInCompleteAsync`): request options for a user id, an alias
//! or a discoverable credential, with user verification and token lifetime from the auth
//! configuration of the purpose; then the assertion is verified against the stored key, the
//! credential's counter, device and last use are updated, and a `passkey_signin` verify token is
//! issued.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value, json};
use time::Duration;

use super::app_mut;
use super::ceremony::{self, Outcome};
use crate::cx::Cx;
use crate::events::By;
use crate::http::{Reply, Req, ok};
use crate::input;
use crate::problem::Problem;
use crate::state::{App, AuthConfig};
use crate::{device, origins, public_auth, sessions};
use passwordless_model::limits::{BUILTIN_PURPOSES, SCOPE_LOGIN};
use passwordless_model::types::{
    AssertionCredential, AssertionOptions, SessionResponse, SigninBeginRequest,
    SigninCompleteRequest, TokenResponse,
};
use passwordless_webauthn::{self as webauthn, AssertionPolicy, AssertionRequest, StoredKey};

const KIND: &str = "signin";

/// The stored configuration of `purpose`, else the built-in `sign-in`/`step-up` one; any other
/// unknown purpose gets the built-in `sign-in` preset, even when `sign-in` has stored edits
/// (SERVER `GetAuthenticationConfigurationOrDefaultAsync` / `GetDefault`).
fn config_or_default(app: &App, purpose: &str) -> AuthConfig {
    if let Some(c) = app.auth_configs.iter().find(|c| c.purpose == purpose) {
        return c.clone();
    }
    if BUILTIN_PURPOSES.contains(&purpose) {
        AuthConfig::builtin(purpose)
    } else {
        AuthConfig::builtin("sign-in")
    }
}

/// Marks a configuration used, storing a built-in one on first use as the server does.
fn touch_config(app: &mut App, purpose: &str, now: time::OffsetDateTime) {
    if !app.auth_configs.iter().any(|c| c.purpose == purpose) {
        if !BUILTIN_PURPOSES.contains(&purpose) {
            return;
        }
        app.auth_configs.push(AuthConfig::builtin(purpose));
    }
    if let Some(c) = app.auth_configs.iter_mut().find(|c| c.purpose == purpose) {
        c.last_used_on = Some(now);
    }
}

pub fn begin(shared: &Cx<'_>, req: &Req) -> Reply {
    let mut state = shared.lock();
    let caller = public_auth::api_key(&state, req, SCOPE_LOGIN)?;
    let b = input::body(req, "SignInBeginDTO")?;
    let request: SigninBeginRequest = b.bind("SignInBeginDTO")?;
    let user_id = request.user_id.filter(|u| !u.is_empty());
    let alias = request.alias.filter(|a| !a.is_empty());
    // An explicit null or blank purpose becomes a null SignInPurpose, which the server
    // dereferences: a plain 500, kept for parity.
    let purpose = match request.purpose {
        Some(p) if !p.trim().is_empty() => p,
        _ if b.has("purpose") => return Err(Problem::internal()),
        _ => "sign-in".to_string(),
    };
    let rp_id = b.given("RPID").then_some(request.rp_id);
    origins::require(&request.origin, &shared.config.origins)?;

    let app = app_mut(&mut state, &caller.app_id)?;
    let allow = if let Some(user_id) = &user_id {
        ceremony::descriptors(app, user_id)
    } else if let Some(alias) = &alias {
        let hash = app.alias_hash(alias);
        match app.alias_owner(&hash) {
            Some(owner) => ceremony::descriptors(app, owner),
            None => Vec::new(),
        }
    } else {
        Vec::new()
    };
    let config = config_or_default(app, &purpose);
    let options = AssertionOptions {
        challenge: ceremony::challenge(),
        timeout: ceremony::TIMEOUT_MS,
        rp_id,
        allow_credentials: allow,
        user_verification: Some(config.user_verification.clone()),
        hints: config.hints.clone(),
    };
    let mut session = Map::new();
    session.insert("options".into(), json!(options));
    session.insert("purpose".into(), Value::String(config.purpose.clone()));
    let session = sessions::mint(app, KIND, session);
    ok(&SessionResponse {
        data: options,
        session,
    })
}

/// The `response` member, decoded: a `PublicKeyCredential` from `navigator.credentials.get()`.
struct Assertion {
    id: String,
    raw_id: Vec<u8>,
    client_data_json: Vec<u8>,
    authenticator_data: Vec<u8>,
    signature: Vec<u8>,
    user_handle: Option<Vec<u8>>,
}

fn decode(credential: &AssertionCredential) -> Result<Assertion, Problem> {
    ceremony::credential_type(&credential.kind)?;
    let r = &credential.response;
    Ok(Assertion {
        id: credential.id.clone(),
        raw_id: ceremony::bytes("rawId", &credential.raw_id)?,
        authenticator_data: ceremony::bytes("authenticatorData", &r.authenticator_data)?,
        signature: ceremony::bytes("signature", &r.signature)?,
        client_data_json: ceremony::bytes("clientDataJSON", &r.client_data_json)?,
        user_handle: r
            .user_handle
            .as_deref()
            .map(|h| ceremony::bytes("userHandle", h))
            .transpose()?,
    })
}

/// 400 `unknown_credential`, with the id as the client sent it before `errorCode`.
fn unknown_credential(id: &str) -> Problem {
    let mut p = Problem::bad_request(
        Some("unknown_credential"),
        "We don't recognize the passkey you sent us.",
    );
    let code = p.body.shift_remove("errorCode").unwrap_or(Value::Null);
    p.body
        .insert("credentialId".into(), Value::String(id.into()));
    p.body.insert("errorCode".into(), code);
    p
}

pub fn complete(shared: &Cx<'_>, req: &Req) -> Reply {
    let mut state = shared.lock();
    let caller = public_auth::api_key(&state, req, SCOPE_LOGIN)?;
    let b = input::body(req, "SignInCompleteDTO")?;
    let request: SigninCompleteRequest = b.bind("SignInCompleteDTO")?;
    let assertion = decode(&request.response)?;
    let rp_id = b.given("RPID").then_some(request.rp_id);
    let origin = origins::require(&request.origin, &shared.config.origins)?.to_string();

    let app = app_mut(&mut state, &caller.app_id)?;
    let session_token = b.given("session").then_some(request.session.as_str());
    let session = sessions::open_session(app, session_token, KIND)?;
    let options: AssertionOptions =
        serde_json::from_value(sessions::member(&session, "options")?.clone())
            .map_err(|_| Problem::internal())?;
    let purpose = sessions::member(&session, "purpose")?
        .as_str()
        .unwrap_or("sign-in")
        .to_string();
    let Some(stored) = app.users.credential(&assertion.raw_id) else {
        return Err(unknown_credential(&assertion.id));
    };
    let challenge = URL_SAFE_NO_PAD
        .decode(&options.challenge)
        .map_err(|_| Problem::internal())?;
    let allow: Vec<Vec<u8>> = options
        .allow_credentials
        .iter()
        .filter_map(|d| URL_SAFE_NO_PAD.decode(&d.id).ok())
        .collect();
    let asserted = webauthn::verify_assertion(
        &AssertionRequest {
            raw_id: &assertion.raw_id,
            kind: "public-key",
            client_data_json: &assertion.client_data_json,
            authenticator_data: &assertion.authenticator_data,
            signature: &assertion.signature,
            user_handle: assertion.user_handle.as_deref(),
        },
        &AssertionPolicy {
            challenge: &challenge,
            origin: &origin,
            rp_id: options.rp_id.as_deref().unwrap_or(""),
            user_verification_required: options.user_verification.as_deref() == Some("required"),
            allow_credentials: &allow,
        },
        &StoredKey {
            public_key: &stored.public_key,
            sign_count: stored.signature_counter,
            user_handle: stored.user_id.as_bytes(),
        },
    )
    .map_err(|e| Problem::bad_request(Some("signin_complete_error"), &e.0))?;

    let (device, country) = device::of(req);
    let credential = app
        .users
        .credential_mut(&assertion.raw_id)
        .ok_or_else(Problem::internal)?;
    credential.signature_counter = asserted.sign_count;
    credential.country = country.into();
    credential.device = device.into();
    credential.last_used_at = shared.now();
    let credential = credential.clone();

    let config = config_or_default(app, &purpose);
    let token = ceremony::verify_token(
        shared,
        app,
        Outcome {
            credential: &credential,
            kind: "passkey_signin",
            rp_id,
            origin,
            purpose: Some(config.purpose.clone()),
            ttl: Duration::seconds(config.ttl_seconds),
        },
    );
    touch_config(app, &config.purpose, shared.now());
    By::of(app, &caller.key_id, shared.now()).sign_in_completed(&credential.user_id);
    ok(&TokenResponse { token })
}
