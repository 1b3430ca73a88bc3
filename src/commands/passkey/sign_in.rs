//! `passwordless passkey sign-in`: /signin/begin → the passkey to use (one the server allows,
//! or any for the RP ID when discoverable) → an assertion with the next sign counter, saved
//! before it is sent, as an authenticator counts every use → /signin/complete → the token.

use super::{Ceremony, now};
use crate::api::types::{
    AssertionCredential, AssertionResponse, ClientExtensionResults, SigninBeginRequest,
    SigninCompleteRequest,
};
use crate::authenticator::b64url;
use crate::authenticator::client_data::{self, Ceremony as Kind};
use crate::authenticator::device;
use crate::cli::PasskeySigninArgs;
use crate::commands::credentials::to_base64url;
use crate::commands::usage;
use crate::context::Context;
use crate::error::CliError;
use crate::output::{Output, labeled};

pub fn run(args: &PasskeySigninArgs, ctx: &Context) -> anyhow::Result<Output> {
    if args
        .user_id
        .as_deref()
        .is_some_and(|id| id.trim().is_empty())
    {
        return Err(usage(
            "--user-id must not be empty; leave it out for a discoverable sign-in",
        ));
    }
    if args.alias.as_deref().is_some_and(|a| a.trim().is_empty()) {
        return Err(usage(
            "--alias must not be empty; leave it out for a discoverable sign-in",
        ));
    }
    if args.purpose.as_deref().is_some_and(|p| p.trim().is_empty()) {
        return Err(usage(
            "--purpose must not be empty; leave it out for the sign-in configuration",
        ));
    }
    let wanted = args
        .credential_id
        .as_deref()
        .map(to_base64url)
        .transpose()?;
    let mut ceremony = Ceremony::prepare(&args.ceremony, ctx)?;
    let site = ceremony.site.clone();

    let begin = ceremony.client.signin_begin(&SigninBeginRequest {
        user_id: args.user_id.clone(),
        alias: args.alias.clone(),
        purpose: args.purpose.clone(),
        rp_id: site.rp_id.clone(),
        origin: site.origin.clone(),
    })?;
    let session = begin.data.session;
    let options = begin.data.data;
    let rp_id = ceremony.rp_id_from(options.rp_id.as_deref())?;
    let allowed: Vec<String> = options
        .allow_credentials
        .iter()
        .map(|d| d.id.trim_end_matches('=').to_owned())
        .collect();

    let path = ceremony.store.path().display().to_string();
    let index = ceremony
        .store
        .credentials
        .iter()
        .enumerate()
        .filter(|(_, c)| c.rp_id == rp_id)
        .filter(|(_, c)| allowed.is_empty() || allowed.contains(&c.credential_id))
        .filter(|(_, c)| wanted.as_ref().is_none_or(|w| *w == c.credential_id))
        // Several fit: one made with this server and app first (a file outlives many fresh
        // emulators), then the most recently used, as a browser's chooser lists it first.
        .max_by_key(|(_, c)| {
            let here = c.api_url == ceremony.api_url && c.app_id == ceremony.app_id;
            (here, c.recency().to_owned())
        })
        .map(|(i, _)| i)
        .ok_or_else(|| {
            let why = match (&wanted, allowed.len()) {
                (Some(id), _) => format!("the passkey `{id}` is not in {path} for {rp_id}, or the server does not accept it for this sign-in"),
                (None, 0) => format!("{path} holds no passkey for {rp_id}; register one with `passwordless passkey register`"),
                (None, 1) => format!("the one passkey the server accepts for this user on {rp_id} is not in {path}"),
                (None, n) => format!("none of the {n} passkeys the server accepts for this user on {rp_id} is in {path}"),
            };
            CliError::NotFound(why)
        })?;

    let client_data = client_data::build(Kind::Get, &options.challenge, &site.origin)
        .ok_or_else(|| anyhow::anyhow!("the server's challenge is not base64url"))?;
    // The counter moves before the assertion leaves, and is saved, so it is never reused.
    let credential = &mut ceremony.store.credentials[index];
    credential.sign_count = credential.sign_count.wrapping_add(1);
    let sign_count = credential.sign_count;
    let assertion = device::get_assertion(
        credential.private_key.signing_key(),
        &rp_id,
        sign_count,
        &client_data.hash,
        ceremony.action,
    );
    let credential_id = credential.credential_id.clone();
    let user_handle = credential.user_handle.clone();
    let user_id = credential.user_id();
    let registered_with = credential.api_url.clone();
    let app_id = credential.app_id.clone();
    ceremony.store.save()?;
    let json_out = matches!(
        ctx.format,
        crate::output::Format::Json | crate::output::Format::JsonLines
    );
    if registered_with != ceremony.api_url && !json_out {
        // A file outlives many fresh emulators: say which key goes where, so a refusal that
        // follows is not a mystery. (JSON carries it as `registeredWith` instead, keeping
        // stderr one JSON object.)
        crate::report::warning(&format!(
            "signing in with passkey {credential_id} of user `{user_id}`, registered with {registered_with} (app {app_id}), not with {}",
            ceremony.api_url
        ));
    }
    ctx.notes().note_passkey(crate::hints::PasskeyUsed {
        credential_id: credential_id.clone(),
        registered_with: registered_with.clone(),
        app_id,
        server: ceremony.api_url.clone(),
    });

    let response = ceremony.client.signin_complete(&SigninCompleteRequest {
        session,
        response: AssertionCredential {
            id: credential_id.clone(),
            raw_id: credential_id.clone(),
            kind: "public-key".to_owned(),
            client_extension_results: ClientExtensionResults::default(),
            response: AssertionResponse {
                authenticator_data: b64url(&assertion.authenticator_data),
                client_data_json: b64url(&client_data.json),
                signature: b64url(&assertion.signature),
                user_handle: Some(user_handle),
            },
        },
        rp_id: site.rp_id.clone(),
        origin: site.origin.clone(),
    })?;
    ceremony.store.credentials[index].last_used_at = Some(now());
    ceremony.store.save()?;

    let token = response.data.token;
    // The server answers only the token; the JSON adds which passkey made it, as the table does.
    let mut json = response.json;
    if let Some(object) = json.as_object_mut() {
        object.insert("credentialId".into(), credential_id.clone().into());
        object.insert("userId".into(), user_id.clone().into());
        object.insert("rpId".into(), rp_id.clone().into());
        object.insert("registeredWith".into(), registered_with.into());
    }
    Ok(Output::Record {
        json,
        fields: labeled(vec![
            ("token", token.clone()),
            ("userId", user_id),
            ("credentialId", credential_id),
            ("rpId", rp_id),
            ("origin", site.origin),
            ("signCount", sign_count.to_string()),
        ]),
        id: Some(token),
    })
}
