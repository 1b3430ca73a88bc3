//! `passwordless passkey register`: /register/begin → checks a browser makes on the creation
//! options → a new ES256 credential → /register/complete → the key saved, the token shown.
//! The key is written only after the server accepted it, so a failed ceremony leaves no orphan.

use super::{Ceremony, now, read_token};
use crate::api::types::{
    AttestationCredential, AttestationResponse, ClientExtensionResults, CredentialCreateOptions,
    CredentialProperties, RegisterBeginRequest, RegisterCompleteRequest,
};
use crate::authenticator::client_data::{self, Ceremony as Kind};
use crate::authenticator::cose::ES256;
use crate::authenticator::device::{self, AttestationFormat};
use crate::authenticator::store::{PrivateKey, StoredCredential};
use crate::authenticator::{b64url, from_b64url};
use crate::cli::{AttestationFormatChoice, PasskeyRegisterArgs};
use crate::commands::{server_len, usage};
use crate::context::Context;
use crate::error::CliError;
use crate::output::{Output, labeled};

/// The server's limit on nicknames (`/register/complete` validation).
const MAX_NICKNAME: usize = 64;

pub fn run(args: &PasskeyRegisterArgs, ctx: &Context) -> anyhow::Result<Output> {
    let token = read_token(&args.token, "registration token")?;
    if let Some(nickname) = &args.nickname
        && server_len(nickname) > MAX_NICKNAME
    {
        return Err(usage(format!(
            "--nickname is {} characters long; the server accepts at most {MAX_NICKNAME}",
            server_len(nickname)
        )));
    }
    let aaguid = match &args.aaguid {
        None => uuid::Uuid::nil(),
        Some(text) => uuid::Uuid::parse_str(text).map_err(|_| {
            usage(format!(
                "--aaguid `{text}` is not a UUID; use the form ee882879-721c-4913-9775-3dfcce97072a"
            ))
        })?,
    };
    let mut ceremony = Ceremony::prepare(&args.ceremony, ctx)?;
    let site = ceremony.site.clone();

    let begin = ceremony.client.register_begin(&RegisterBeginRequest {
        token,
        rp_id: site.rp_id.clone(),
        origin: site.origin.clone(),
    })?;
    let session = begin.data.session;
    let options = begin.data.data;
    let rp_id = ceremony.rp_id_from(options.rp.id.as_deref())?;
    check_options(&options, &ceremony, &rp_id)?;
    let user_handle = from_b64url(&options.user.id)
        .filter(|handle| !handle.is_empty())
        .ok_or_else(|| {
            anyhow::anyhow!("the server's creation options carry no usable user.id (base64url)")
        })?;
    let format = match args.attestation_format {
        AttestationFormatChoice::None => AttestationFormat::None,
        AttestationFormatChoice::Packed => AttestationFormat::Packed,
        AttestationFormatChoice::Auto => match options.attestation.as_str() {
            "none" | "" => AttestationFormat::None,
            _ => AttestationFormat::Packed,
        },
    };
    let client_data = client_data::build(Kind::Create, &options.challenge, &site.origin)
        .ok_or_else(|| anyhow::anyhow!("the server's challenge is not base64url"))?;
    let made = device::make_credential(
        &rp_id,
        &client_data.hash,
        format,
        *aaguid.as_bytes(),
        ceremony.action,
    );
    let credential_id = b64url(&made.id);
    let response = ceremony
        .client
        .register_complete(&RegisterCompleteRequest {
            session,
            response: AttestationCredential {
                id: credential_id.clone(),
                raw_id: credential_id.clone(),
                kind: "public-key".to_owned(),
                // Every passkey this authenticator makes is discoverable (a resident key).
                client_extension_results: ClientExtensionResults {
                    cred_props: Some(CredentialProperties { rk: Some(true) }),
                },
                response: AttestationResponse {
                    attestation_object: b64url(&made.attestation_object),
                    client_data_json: b64url(&client_data.json),
                    transports: vec!["internal".to_owned()],
                },
            },
            nickname: args.nickname.clone(),
            rp_id: site.rp_id.clone(),
            origin: site.origin.clone(),
        })?;

    let user_id = String::from_utf8_lossy(&user_handle).into_owned();
    ceremony.store.credentials.push(StoredCredential {
        credential_id: credential_id.clone(),
        rp_id: rp_id.clone(),
        user_handle: b64url(&user_handle),
        user_name: options.user.name.clone(),
        display_name: options.user.display_name.clone(),
        private_key: PrivateKey::new(made.key),
        sign_count: 0,
        aaguid: aaguid.to_string(),
        attestation: format.name().to_owned(),
        origin: site.origin.clone(),
        api_url: ceremony.api_url.clone(),
        app_id: ceremony.app_id.clone(),
        nickname: args.nickname.clone(),
        created_at: now(),
        last_used_at: None,
    });
    ceremony.store.save()?;

    let token = response.data.token;
    Ok(Output::Record {
        json: response.json,
        fields: labeled(vec![
            ("token", token.clone()),
            ("credentialId", credential_id),
            ("userId", user_id),
            ("rpId", rp_id),
            ("origin", site.origin),
            ("attestation", format.name().to_owned()),
            (
                "authenticator file",
                ceremony.store.path().display().to_string(),
            ),
        ]),
        id: Some(token),
    })
}

/// What a browser refuses before it asks the authenticator: an algorithm it cannot make, an
/// attachment it is not, a user it already holds a passkey for.
fn check_options(
    options: &CredentialCreateOptions,
    ceremony: &Ceremony,
    rp_id: &str,
) -> anyhow::Result<()> {
    // An empty list means the WebAuthn defaults, ES256 among them.
    let params = &options.pub_key_cred_params;
    if !params.is_empty() && !params.iter().any(|p| p.alg == ES256) {
        let algs: Vec<String> = params.iter().map(|p| p.alg.to_string()).collect();
        return Err(CliError::Rejected(format!(
            "the server accepts only COSE algorithms {}; this authenticator makes ES256 (-7) keys",
            algs.join(", ")
        ))
        .into());
    }
    let attachment = options
        .authenticator_selection
        .authenticator_attachment
        .as_deref();
    if attachment == Some("cross-platform") {
        return Err(usage(
            "the registration token asks for a cross-platform (roaming) authenticator; this one is built in, like a platform authenticator: create the token with --authenticator-type any or platform",
        ));
    }
    let excluded = options.exclude_credentials.iter().find_map(|d| {
        ceremony
            .store
            .credentials
            .iter()
            .find(|c| c.rp_id == rp_id && c.credential_id == d.id.trim_end_matches('='))
    });
    if let Some(existing) = excluded {
        return Err(CliError::Rejected(format!(
            "{} already holds a passkey for user `{}` on {rp_id} ({}), and the server excludes it; a browser refuses a second one (InvalidStateError). Sign in with it, or delete it first",
            ceremony.store.path().display(),
            existing.user_id(),
            existing.credential_id
        ))
        .into());
    }
    Ok(())
}
