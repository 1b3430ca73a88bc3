//! `POST /register/begin` and `POST /register/complete` (contract §3.1–3.2; SERVER
//! `Fido2Service.RegisterBeginAsync/RegisterCompleteAsync`): a register token becomes creation
//! options and a `session_` token; the browser's attestation is verified against that session
//! and stored as a credential, and the ceremony ends with a `passkey_register` verify token.

use axum::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value, json};
use time::Duration;

use super::ceremony::{self, Outcome};
use super::{app_mut, check_alias_conflict};
use crate::cx::Cx;
use crate::events::By;
use crate::http::{Reply, Req, ok};
use crate::input;
use crate::problem::{Problem, Validation};
use crate::state::{Alias, App, StoredCredential};
use crate::{dates, device, origins, public_auth, sessions};
use passwordless_model::limits::{HINTS, SCOPE_REGISTER};
use passwordless_model::types::{
    AttestationCredential, AuthenticatorSelection, CreationExtensions, CredentialCreateOptions,
    PubKeyCredParam, RegisterBeginRequest, RegisterCompleteRequest, RelyingParty, SessionResponse,
    TokenResponse, UserEntity,
};
use passwordless_webauthn::{
    self as webauthn, OFFERED_ALGORITHMS, RegistrationPolicy, RegistrationRequest,
};

/// The `passkey_register` verify token lives 120 s (fixed in the server).
const REGISTER_VERIFY_TTL: Duration = Duration::seconds(120);
const KIND: &str = "register";
/// `[MaxLength(64)]` on the nickname, in UTF-16 units.
const MAX_NICKNAME: usize = 64;

/// fido2-net-lib's enum member order, which its error message lists.
const USER_VERIFICATION: [&str; 3] = ["required", "preferred", "discouraged"];
const ATTACHMENT: [&str; 2] = ["platform", "cross-platform"];

/// fido2-net-lib's `ToEnum`: the wire name in any case, or the C# member name.
fn to_enum(value: &str, names: &[&str], type_name: &str) -> Result<String, Problem> {
    let csharp = |wire: &str| -> String {
        wire.split('-')
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                    .unwrap_or_default()
            })
            .collect()
    };
    names
        .iter()
        .find(|n| n.eq_ignore_ascii_case(value) || csharp(n) == value)
        .map(|n| n.to_string())
        .ok_or_else(|| {
            Problem::bad_request(
                Some("invalid_argument"),
                &format!(
                    "Value '{value}' is not a valid enum name of 'Fido2NetLib.Objects.{type_name}'. Valid values are: {}.",
                    names.join(", ")
                ),
            )
        })
}

fn token_str<'a>(payload: &'a Value, name: &str) -> Option<&'a str> {
    payload.get(name).and_then(Value::as_str)
}

/// Attestation rules of the register token, checked again here against today's plan.
fn attestation(payload: &Value, app: &App) -> Result<String, Problem> {
    let value = token_str(payload, "attestation").unwrap_or("none");
    if value.eq_ignore_ascii_case("none") || value.is_empty() {
        return Ok("none".into());
    }
    if value != "direct" && value != "indirect" {
        return Err(Problem::bad_request(
            Some("invalid_attestation"),
            "Attestation type not supported",
        ));
    }
    if !app.features.allow_attestation {
        return Err(Problem::bad_request(
            Some("attestation_not_supported_on_plan"),
            "Attestation type not supported on your plan",
        ));
    }
    Ok(value.into())
}

pub fn begin(shared: &Cx<'_>, req: &Req) -> Reply {
    let mut state = shared.lock();
    let caller = public_auth::api_key(&state, req, SCOPE_REGISTER)?;
    let b = input::body(req, "FidoRegistrationBeginDTO")?;
    let request: RegisterBeginRequest = b.bind("FidoRegistrationBeginDTO")?;
    let token = b.given("token").then_some(request.token.as_str());
    let rp_id = b.given("RPID").then(|| request.rp_id.clone());
    let app = app_mut(&mut state, &caller.app_id)?;

    let payload = sessions::open(app, token, sessions::REGISTER)?;
    let expires_at = token_str(&payload, "expiresAt")
        .and_then(dates::parse_stored)
        .ok_or_else(|| {
            Problem::bad_request(
                Some("invalid_token_format"),
                "The token you supplied was not formatted correctly. It should be valid base64url.",
            )
        })?;
    let now = shared.now();
    if expires_at < now {
        return Err(Problem::api(
            StatusCode::FORBIDDEN,
            Some("expired_token"),
            &format!(
                "The token expired {} ago.",
                dates::humanize(now - expires_at)
            ),
        ));
    }
    origins::require(&request.origin, &shared.config.origins)?;
    let user_id = token_str(&payload, "userId").unwrap_or("").to_string();
    if user_id.is_empty() {
        return Err(Problem::bad_request(
            Some("missing_userid"),
            "The token does not contain a valid userId",
        ));
    }
    let user_verification = match token_str(&payload, "userVerification") {
        None | Some("") => "preferred".to_string(),
        Some(v) => to_enum(v, &USER_VERIFICATION, "UserVerificationRequirement")?,
    };
    let mut attachment = match token_str(&payload, "authenticatorType") {
        None => None,
        Some(a) if a.eq_ignore_ascii_case("any") => None,
        Some(a) => Some(to_enum(a, &ATTACHMENT, "AuthenticatorAttachment")?),
    };
    let attestation = attestation(&payload, app)?;
    let hints: Vec<String> = payload
        .get("hints")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|h| HINTS.iter().any(|(wire, _)| wire == h))
        .map(str::to_string)
        .collect();
    // Setting hints on the options also picks the attachment from the first hint.
    match hints.first().map(String::as_str) {
        Some("security-key" | "hybrid") => attachment = Some("cross-platform".into()),
        Some("client-device") => attachment = Some("platform".into()),
        _ => {}
    }
    let discoverable = payload
        .get("discoverable")
        .and_then(Value::as_bool)
        .unwrap_or(true);
    let username = token_str(&payload, "username").unwrap_or("").to_string();
    let display_name = token_str(&payload, "displayName")
        .map(str::to_string)
        .unwrap_or_else(|| username.clone());

    let options = CredentialCreateOptions {
        rp: RelyingParty {
            id: rp_id.clone(),
            name: rp_id,
        },
        user: UserEntity {
            name: username,
            id: URL_SAFE_NO_PAD.encode(user_id.as_bytes()),
            display_name,
        },
        challenge: ceremony::challenge(),
        pub_key_cred_params: OFFERED_ALGORITHMS
            .iter()
            .map(|alg| PubKeyCredParam {
                kind: "public-key".into(),
                alg: *alg,
            })
            .collect(),
        timeout: ceremony::TIMEOUT_MS,
        attestation,
        attestation_formats: Vec::new(),
        authenticator_selection: AuthenticatorSelection {
            authenticator_attachment: attachment,
            resident_key: if discoverable {
                "required"
            } else {
                "discouraged"
            }
            .into(),
            require_resident_key: discoverable,
            user_verification,
        },
        hints,
        exclude_credentials: ceremony::descriptors(app, &user_id),
        extensions: Some(CreationExtensions {
            cred_props: Some(true),
        }),
    };
    let mut session = Map::new();
    session.insert("options".into(), json!(options));
    session.insert(
        "aliases".into(),
        payload.get("aliases").cloned().unwrap_or(Value::Null),
    );
    session.insert(
        "aliasHashing".into(),
        payload
            .get("aliasHashing")
            .cloned()
            .unwrap_or(Value::Bool(true)),
    );
    let session = sessions::mint(app, KIND, session);
    By::of(app, &caller.key_id, shared.now()).registration_began(&user_id);
    ok(&SessionResponse {
        data: options,
        session,
    })
}

/// The `response` member, decoded: a `PublicKeyCredential` from `navigator.credentials.create()`.
struct Attestation {
    id: String,
    raw_id: Vec<u8>,
    client_data_json: Vec<u8>,
    attestation_object: Vec<u8>,
    discoverable: Option<bool>,
}

fn decode(credential: &AttestationCredential) -> Result<Attestation, Problem> {
    ceremony::credential_type(&credential.kind)?;
    ceremony::transports(&credential.response.transports)?;
    Ok(Attestation {
        id: credential.id.clone(),
        raw_id: ceremony::bytes("rawId", &credential.raw_id)?,
        client_data_json: ceremony::bytes("clientDataJSON", &credential.response.client_data_json)?,
        attestation_object: ceremony::bytes(
            "attestationObject",
            &credential.response.attestation_object,
        )?,
        discoverable: credential
            .client_extension_results
            .cred_props
            .as_ref()
            .and_then(|p| p.rk),
    })
}

fn invalid_registration(message: &str) -> Problem {
    Problem::bad_request(Some("fido2_invalid_registration"), message)
}

/// The app's authenticator allow- and blocklist, enforced only on plans with attestation.
fn check_authenticator(app: &App, aaguid: &str, attestation: &str) -> Result<(), Problem> {
    if !app.features.allow_attestation {
        return Ok(());
    }
    let listed = |allowed: bool| {
        app.authenticators
            .iter()
            .filter(move |a| a.is_allowed == allowed)
    };
    if listed(false).any(|a| a.aa_guid == aaguid) {
        return Err(Problem::bad_request(
            Some("authenticator_not_allowed"),
            "The authenticator is on the blocklist and is not allowed to be used for registration.",
        ));
    }
    let mut allowlist = listed(true).peekable();
    if allowlist.peek().is_some() && !allowlist.any(|a| a.aa_guid == aaguid) {
        if attestation == "none" {
            return Err(Problem::bad_request(
                Some("attestation_required"),
                "Attestation 'none' was used for registration, but an allowlist was configured. Please use a supported attestation method.",
            ));
        }
        return Err(Problem::bad_request(
            Some("authenticator_not_allowed"),
            "An allowlist was configured. The authenticator is not found on the allowlist and is not allowed to be used for registration.",
        ));
    }
    Ok(())
}

/// Replaces the user's aliases with the ones the register token carried (if any).
fn store_aliases(app: &mut App, user_id: &str, session: &Value) -> Result<(), Problem> {
    let aliases: Vec<String> = session
        .get("aliases")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect();
    if aliases.is_empty() {
        return Ok(());
    }
    let hashing = session
        .get("aliasHashing")
        .and_then(Value::as_bool)
        .unwrap_or(true);
    check_alias_conflict(app, user_id, &aliases)?;
    let aliases = aliases
        .into_iter()
        .map(|alias| Alias {
            user_id: user_id.into(),
            hash: app.alias_hash(&alias).into(),
            plaintext: (!hashing).then_some(alias),
        })
        .collect();
    app.users.set_aliases(user_id, aliases);
    Ok(())
}

pub fn complete(shared: &Cx<'_>, req: &Req) -> Reply {
    let mut state = shared.lock();
    let caller = public_auth::api_key(&state, req, SCOPE_REGISTER)?;
    let b = input::body(req, "RegistrationCompleteDTO")?;
    let request: RegisterCompleteRequest = b.bind("RegistrationCompleteDTO")?;
    let credential = decode(&request.response)?;
    let nickname = request.nickname;
    let mut v = Validation::default();
    if nickname
        .as_ref()
        .is_some_and(|n| n.encode_utf16().count() > MAX_NICKNAME)
    {
        v.add("nickname", "Nickname cannot be longer than 64 characters.");
    }
    v.into_result()?;

    let app = app_mut(&mut state, &caller.app_id)?;
    let session_token = b.given("session").then_some(request.session.as_str());
    let session = sessions::open_session(app, session_token, KIND)?;
    let origin = origins::require(&request.origin, &shared.config.origins)?.to_string();
    let rp_id = b.given("RPID").then_some(request.rp_id);
    let options: CredentialCreateOptions =
        serde_json::from_value(sessions::member(&session, "options")?.clone())
            .map_err(|_| Problem::internal())?;
    let challenge = URL_SAFE_NO_PAD
        .decode(&options.challenge)
        .map_err(|_| Problem::internal())?;
    let algorithms: Vec<i64> = options.pub_key_cred_params.iter().map(|p| p.alg).collect();
    let registered = webauthn::verify_registration(
        &RegistrationRequest {
            id: &credential.id,
            raw_id: &credential.raw_id,
            kind: "public-key",
            client_data_json: &credential.client_data_json,
            attestation_object: &credential.attestation_object,
        },
        &RegistrationPolicy {
            challenge: &challenge,
            origin: &origin,
            rp_id: options.rp.id.as_deref().unwrap_or(""),
            user_verification_required: options.authenticator_selection.user_verification
                == "required",
            algorithms: &algorithms,
        },
    )
    .map_err(|e| invalid_registration(&e.0))?;
    if app.users.credential(&registered.credential_id).is_some() {
        return Err(invalid_registration(
            "CredentialId is not unique to this user",
        ));
    }
    check_authenticator(app, &registered.aaguid, &options.attestation)?;

    let user_id = URL_SAFE_NO_PAD
        .decode(&options.user.id)
        .ok()
        .and_then(|id| String::from_utf8(id).ok())
        .ok_or_else(Problem::internal)?;
    store_aliases(app, &user_id, &session)?;
    let (device, country) = device::of(req);
    let now = shared.now();
    let stored = StoredCredential {
        id: registered.credential_id.as_slice().into(),
        public_key: registered.public_key.as_slice().into(),
        user_id: user_id.as_str().into(),
        signature_counter: registered.sign_count,
        attestation_fmt: registered.fmt.as_str().into(),
        created_at: now,
        last_used_at: now,
        aa_guid: Some(registered.aaguid.as_str().into()),
        rpid: rp_id.unwrap_or_default().into(),
        origin: origin.as_str().into(),
        country: country.into(),
        device: device.into(),
        nickname: nickname.map(String::into_boxed_str),
        transports: None,
        backup_state: Some(registered.backed_up),
        is_backup_eligible: Some(registered.backup_eligible),
        is_discoverable: credential.discoverable,
    };
    let token = ceremony::verify_token(
        shared,
        app,
        Outcome {
            credential: &stored,
            kind: "passkey_register",
            rp_id: options.rp.id.clone(),
            origin,
            purpose: None,
            ttl: REGISTER_VERIFY_TTL,
        },
    );
    app.users.add_credential(stored);
    By::of(app, &caller.key_id, shared.now()).registration_completed(&user_id);
    ok(&TokenResponse { token })
}
