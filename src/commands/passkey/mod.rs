//! `passwordless passkey …`: the CLI as browser and authenticator. This module resolves what
//! every ceremony needs (origin and RP ID, public-key client, the authenticator file) and owns
//! the file-only commands `list` and `delete`; `register` and `sign_in` run the ceremonies.

mod register;
mod sign_in;

use std::io::Read;
use std::path::PathBuf;

use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::{confirm, usage};
use crate::api::{self, Client};
use crate::authenticator::device::UserAction;
use crate::authenticator::store::{self, Store, StoredCredential};
use crate::cli::{AuthenticatorFileArgs, CeremonyArgs, PasskeyCommand, PasskeyDeleteArgs};
use crate::context::Context;
use crate::error::CliError;
use crate::output::{Columns, Output, text, when};
use crate::secret::Auth;
use passwordless_webauthn::origin::{self, LOOPBACK_ORIGIN, Site};

pub fn run(command: &PasskeyCommand, ctx: &Context) -> anyhow::Result<Output> {
    match command {
        PasskeyCommand::Register(args) => register::run(args, ctx),
        PasskeyCommand::SignIn(args) => sign_in::run(args, ctx),
        PasskeyCommand::List(args) => list(&file_path(&args.file, ctx)),
        PasskeyCommand::Delete(args) => delete(args, ctx),
    }
}

fn file_path(args: &AuthenticatorFileArgs, ctx: &Context) -> PathBuf {
    args.authenticator_file
        .clone()
        .filter(|path| !path.as_os_str().is_empty())
        .unwrap_or_else(|| store::default_path(&ctx.config_dir))
}

/// Everything a ceremony needs before its first request.
struct Ceremony {
    site: Site,
    client: Client,
    /// Opened for update: locked until the ceremony ends.
    store: Store,
    api_url: String,
    app_id: String,
    action: UserAction,
}

impl Ceremony {
    /// Checks the origin and the public key and locks the authenticator file, so a bad input
    /// fails before any request.
    fn prepare(args: &CeremonyArgs, ctx: &Context) -> anyhow::Result<Ceremony> {
        let (base_url, _) = ctx.base_url()?;
        let origin = match args.origin.as_deref().filter(|o| !o.trim().is_empty()) {
            Some(origin) => origin.to_owned(),
            None if api::is_loopback(&base_url) => LOOPBACK_ORIGIN.to_owned(),
            None => {
                return Err(usage(
                    "--origin is needed when the API is not on this machine: give the origin of the page your users sign in on, e.g. --origin https://app.example.com (or set PASSWORDLESS_ORIGIN)",
                ));
            }
        };
        let site = origin::site(&origin, args.rp_id.as_deref()).map_err(usage)?;
        let (key, _) = ctx.public_key()?;
        let app_id = key.app_id().to_owned();
        let client = ctx
            .client_with(Auth::Public(key))?
            .with_origin(&site.origin);
        let store = Store::open_for_update(&file_path(&args.file, ctx))?;
        Ok(Ceremony {
            site,
            client,
            store,
            api_url: base_url.as_str().trim_end_matches('/').to_owned(),
            app_id,
            action: UserAction {
                verified: !args.without_user_verification,
            },
        })
    }

    /// The RP ID the server's options name, checked as a browser checks it against the origin.
    fn rp_id_from(&self, named: Option<&str>) -> anyhow::Result<String> {
        let Some(named) = named.filter(|id| !id.is_empty()) else {
            return Ok(self.site.rp_id.clone());
        };
        // An app origin has no host: Android checks the RP ID against the site's asset links,
        // which are out of reach here, so only the RP ID the user vouched for with --rp-id goes.
        if origin::android(&self.site.origin).is_some() {
            if named.eq_ignore_ascii_case(&self.site.rp_id) {
                return Ok(named.to_owned());
            }
            return Err(CliError::Rejected(format!(
                "the server's options name the RP ID `{named}`, not the --rp-id `{}` given for the app {}; Android refuses this. Give the --rp-id the app uses",
                self.site.rp_id, self.site.origin
            ))
            .into());
        }
        let host = url::Url::parse(&self.site.origin)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_default();
        origin::check_rp_id(named, &host).map_err(|why| {
            CliError::Rejected(format!(
                "the server's options name the RP ID `{named}`, which {why} for the page {}; a browser refuses this (SecurityError). Give --origin/--rp-id that match the app",
                self.site.origin
            ))
        })?;
        Ok(named.to_owned())
    }
}

fn now() -> String {
    OffsetDateTime::now_utc()
        .format(&Rfc3339)
        .unwrap_or_default()
}

/// A token argument, or stdin for `-`.
fn read_token(arg: &str, what: &str) -> anyhow::Result<String> {
    let token = if arg == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| usage(format!("cannot read the {what} from stdin: {e}")))?;
        text
    } else {
        arg.to_owned()
    };
    let token = token.trim();
    if token.is_empty() {
        return Err(usage(format!(
            "the {what} is empty; pass the token, or `-` to read it from stdin"
        )));
    }
    Ok(token.to_owned())
}

fn list(path: &std::path::Path) -> anyhow::Result<Output> {
    let store = Store::read(path)?;
    let json = store
        .credentials
        .iter()
        .map(StoredCredential::public_view)
        .collect();
    Ok(Columns::new()
        .column("CREDENTIAL ID", |c: &StoredCredential| {
            c.credential_id.clone()
        })
        .column("USER ID", StoredCredential::user_id)
        .column("RP ID", |c| c.rp_id.clone())
        // Keys made against many emulators share one file: which server and app each is for.
        .column("SERVER", |c| c.api_url.clone())
        .column("APP", |c| c.app_id.clone())
        .column("NICKNAME", |c| text(c.nickname.as_deref()))
        .column("SIGN COUNT", |c| c.sign_count.to_string())
        .column("CREATED", |c| when(Some(&c.created_at)))
        .column("LAST USED", |c| when(c.last_used_at.as_deref()))
        .list(Value::Array(json), &store.credentials, |c| {
            c.credential_id.clone()
        }))
}

fn delete(args: &PasskeyDeleteArgs, ctx: &Context) -> anyhow::Result<Output> {
    let id = super::credentials::to_base64url(&args.credential_id)?;
    let path = file_path(&args.file, ctx);
    let mut store = Store::open_for_update(&path)?;
    let Some(index) = store
        .credentials
        .iter()
        .position(|credential| credential.credential_id == id)
    else {
        return Err(CliError::NotFound(format!(
            "no passkey `{id}` in {}; `passwordless passkey list` shows the ones there",
            path.display()
        ))
        .into());
    };
    let credential = &store.credentials[index];
    let (user_id, rp_id) = (credential.user_id(), credential.rp_id.clone());
    confirm(
        &args.confirm,
        &format!(
            "Delete the passkey {id} of user `{user_id}` on {rp_id} from {}? Its private key cannot be recovered.",
            path.display()
        ),
    )?;
    store.credentials.remove(index);
    store.save()?;
    Ok(Output::Message {
        id: Some(id.to_string()),
        json: json!({ "credentialId": id, "userId": user_id, "rpId": rp_id, "deleted": true }),
        text: format!(
            "Deleted the passkey {id} of user `{user_id}` on {rp_id} from {}. The server still lists it; `passwordless credentials delete {id}` removes it there.",
            path.display()
        ),
    })
}
