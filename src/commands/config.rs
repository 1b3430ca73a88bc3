//! `passwordless config …`: the profile settings in the config file and the API secret in the
//! keyring. The secret is read from a prompt, stdin or a file — never from argv — and only ever
//! shown masked.

use std::io::{IsTerminal, Read};

use serde_json::json;

use super::usage;
use crate::api;
use crate::cli::{
    ConfigCommand, ConfigGetArgs, ConfigKey, ConfigSetArgs, ConfigUnsetArgs, ConfirmArgs,
    SetSecretArgs,
};
use crate::config;
use crate::context::{Context, Source};
use crate::env::{API_KEY, API_SECRET, API_URL, CA_CERT, KEYRING_STORE};
use crate::error::CliError;
use crate::keyring_store::{Item, SecretEntry, StoreKind};
use crate::output::{Output, labeled};
use crate::secret::{ApiSecret, ManagementKey, PublicKey};

pub fn run(command: &ConfigCommand, ctx: &Context) -> anyhow::Result<Output> {
    match command {
        ConfigCommand::SetSecret(args) => set_secret(args, ctx),
        ConfigCommand::DeleteSecret(confirm) => delete_secret(ctx, Item::ApiSecret, confirm),
        ConfigCommand::SetManagementKey(args) => set_management_key(args, ctx),
        ConfigCommand::DeleteManagementKey(confirm) => {
            delete_secret(ctx, Item::ManagementKey, confirm)
        }
        ConfigCommand::Show => show(ctx),
        ConfigCommand::Set(args) => set(args, ctx),
        ConfigCommand::Get(args) => get(args, ctx),
        ConfigCommand::Unset(args) => unset(args, ctx),
        ConfigCommand::Path => {
            let path = ctx.config_path.display().to_string();
            Ok(Output::Record {
                json: json!({ "path": path }),
                fields: labeled(vec![("path", path.clone())]),
                id: Some(path),
            })
        }
    }
}

fn set_secret(args: &SetSecretArgs, ctx: &Context) -> anyhow::Result<Output> {
    if !args.refused.is_empty() {
        return Err(usage(
            "`config set-secret` does not take the secret as an argument (it would stay in your shell history and the process list); type it at the prompt, pipe it on stdin, or use --from-file",
        ));
    }
    // Before the prompt: nobody should paste a secret only to hear the store is unreachable.
    let entry = ctx.secret_entry(Item::ApiSecret)?;
    entry.check_reachable()?;
    let raw = read_secret_input(args, "API secret")?;
    let secret = ApiSecret::parse(&raw).map_err(|e| usage(format!("not stored: {e}")))?;
    write_or_nothing(&entry, secret.expose())?;
    remember_profile(ctx)?;
    let store = entry.kind().name();
    Ok(Output::Message {
        id: Some(secret.masked()),
        json: json!({
            "profile": ctx.profile,
            "store": store,
            "storeFromEnvOnly": store_from_env_only(ctx),
            "secret": secret.masked(),
        }),
        text: format!(
            "Stored the API secret {} for profile `{}` in the {store} store.{}",
            secret.masked(),
            ctx.profile,
            env_only_note(ctx, store)
        ),
    })
}

fn set_management_key(args: &SetSecretArgs, ctx: &Context) -> anyhow::Result<Output> {
    if !args.refused.is_empty() {
        return Err(usage(
            "`config set-management-key` does not take the key as an argument; type it at the prompt, pipe it on stdin, or use --from-file",
        ));
    }
    let entry = ctx.secret_entry(Item::ManagementKey)?;
    entry.check_reachable()?;
    let raw = read_secret_input(args, "Management key")?;
    let key = ManagementKey::parse(&raw).map_err(|e| usage(format!("not stored: {e}")))?;
    write_or_nothing(&entry, key.expose())?;
    remember_profile(ctx)?;
    let store = entry.kind().name();
    Ok(Output::Message {
        id: Some(key.masked()),
        json: json!({
            "profile": ctx.profile,
            "store": store,
            "storeFromEnvOnly": store_from_env_only(ctx),
            "managementKey": key.masked(),
        }),
        text: format!(
            "Stored the management key {} for profile `{}` in the {store} store.{}",
            key.masked(),
            ctx.profile,
            env_only_note(ctx, store)
        ),
    })
}

/// Whether the store was chosen by `PASSWORDLESS_KEYRING_STORE` alone, the profile naming
/// another one (or none): a later run without the variable looks elsewhere.
fn store_from_env_only(ctx: &Context) -> bool {
    let Ok((kind, Source::Env)) = ctx.store_kind() else {
        return false;
    };
    ctx.profile_config()
        .and_then(|p| p.keyring_store.as_deref())
        != Some(kind.name())
}

/// The sentence a success message ends with when [`store_from_env_only`].
fn env_only_note(ctx: &Context, store: &str) -> String {
    if !store_from_env_only(ctx) {
        return String::new();
    }
    format!(
        " The store came from {KEYRING_STORE} only: runs without it look in another store; keep the choice with `passwordless config set keyring-store {store}{}`.",
        ctx.profile_flag()
    )
}

/// Writes the entry; when the store reports a failure, removes whatever it may have kept
/// (a keyutils write can fail after the key landed in the kernel keyring), so a failed
/// `set-secret` leaves nothing stored.
fn write_or_nothing(entry: &SecretEntry, value: &str) -> anyhow::Result<()> {
    entry.write(value).inspect_err(|_| {
        let _ = entry.delete();
    })
}

/// Records a non-default profile in the config file, so later commands know it exists (an
/// unknown `--profile` is refused rather than silently falling back to the defaults).
fn remember_profile(ctx: &Context) -> anyhow::Result<()> {
    if ctx.profile == config::DEFAULT_PROFILE {
        return Ok(());
    }
    config::update(&ctx.config_path, |file| {
        if file.profiles.contains_key(&ctx.profile) {
            return Ok((false, ()));
        }
        file.profiles
            .insert(ctx.profile.clone(), config::Profile::default());
        Ok((true, ()))
    })
}

fn read_secret_input(args: &SetSecretArgs, what: &str) -> anyhow::Result<String> {
    if let Some(path) = &args.from_file {
        let bytes = std::fs::read(path).map_err(|e| {
            usage(format!(
                "cannot read the secret from {}: {e}",
                path.display()
            ))
        })?;
        return crate::secret::decode_text(&bytes).map_err(|why| {
            usage(format!(
                "cannot read the secret from {}: {why}; save it as UTF-8",
                path.display()
            ))
        });
    }
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password(format!("{what} (input hidden): ")).map_err(|e| {
            usage(format!(
                "cannot read the secret from the terminal ({e}); pipe it on stdin or use --from-file"
            ))
        });
    }
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| usage(format!("cannot read the secret from stdin: {e}")))?;
    crate::secret::decode_text(&bytes)
        .map_err(|why| usage(format!("cannot read the secret from stdin: {why}")))
}

fn delete_secret(ctx: &Context, item: Item, confirm: &ConfirmArgs) -> anyhow::Result<Output> {
    let entry = ctx.secret_entry(item)?;
    let store = entry.kind().name();
    let what = match item {
        Item::ApiSecret => "API secret",
        Item::ManagementKey => "management key",
    };
    if entry.read()?.is_none() {
        return Err(CliError::NotFound(format!(
            "nothing to delete: no {what} is stored for profile `{}` in the {store} store",
            ctx.profile
        ))
        .into());
    }
    super::confirm(
        confirm,
        &format!(
            "Delete the {what} of profile `{}` from the {store} store?",
            ctx.profile
        ),
    )?;
    if !entry.delete()? {
        return Err(CliError::NotFound(format!(
            "no {what} is stored for profile `{}` in the {store} store",
            ctx.profile
        ))
        .into());
    }
    Ok(Output::Message {
        id: Some(ctx.profile.clone()),
        json: json!({ "profile": ctx.profile, "store": store, "deleted": true }),
        text: format!(
            "Deleted the {what} of profile `{}` from the {store} store.",
            ctx.profile
        ),
    })
}

fn show(ctx: &Context) -> anyhow::Result<Output> {
    let (base_url, url_source) = ctx.base_url()?;
    let (store, store_source) = ctx.store_kind()?;
    // `config show` must work when the keyring does not: report the problem in place.
    let (secret, secret_source) = match ctx.secret() {
        Ok((secret, source)) => (secret.masked(), source.to_string()),
        Err(err) => ("(none)".to_owned(), err.to_string()),
    };
    // A public key is meant to be shipped to browsers: shown whole, so it can be copied.
    let public = ctx
        .public_key()
        .ok()
        .map(|(key, source)| (key.expose().to_owned(), source.describe(API_KEY)));
    let base_url = api::redact::display_url(&base_url)
        .trim_end_matches('/')
        .to_owned();
    let config_file = ctx.config_path.display().to_string();
    let ca_cert = ctx
        .ca_cert_path()
        .map(|(path, source)| (path.display().to_string(), source.describe(CA_CERT)));
    let json = json!({
        "profile": ctx.profile,
        "configFile": config_file,
        "baseUrl": base_url,
        "baseUrlSource": url_source.describe(API_URL),
        "secret": secret,
        "secretSource": secret_source,
        "keyringStore": store.name(),
        "keyringStoreSource": store_source.describe(KEYRING_STORE),
        "publicKey": public.as_ref().map(|(key, _)| key),
        "publicKeySource": public.as_ref().map(|(_, source)| source),
        "caCert": ca_cert.as_ref().map(|(path, _)| path),
        "caCertSource": ca_cert.as_ref().map(|(_, source)| source),
    });
    Ok(Output::Record {
        fields: labeled(
            vec![
                ("profile", ctx.profile.clone()),
                ("config file", config_file),
                (
                    "base URL",
                    format!("{base_url} ({})", url_source.describe(API_URL)),
                ),
                ("secret", secret),
                ("secret source", secret_source),
                (
                    "keyring store",
                    format!(
                        "{} ({})",
                        store.name(),
                        store_source.describe(KEYRING_STORE)
                    ),
                ),
                (
                    "public key",
                    match &public {
                        Some((key, source)) => format!("{key} ({source})"),
                        None => "(none)".to_owned(),
                    },
                ),
            ]
            .into_iter()
            .chain(
                ca_cert
                    .as_ref()
                    .map(|(path, source)| ("CA cert", format!("{path} ({source})"))),
            )
            .collect(),
        ),
        id: Some(ctx.profile.clone()),
        json,
    })
}

fn key_name(key: ConfigKey) -> &'static str {
    match key {
        ConfigKey::BaseUrl => "base-url",
        ConfigKey::KeyringStore => "keyring-store",
        ConfigKey::PublicKey => "public-key",
        ConfigKey::CaCert => "ca-cert",
    }
}

fn set(args: &ConfigSetArgs, ctx: &Context) -> anyhow::Result<Output> {
    if crate::secret::looks_like_secret(&args.value) {
        return Err(usage(format!(
            "that value looks like an API secret; store secrets with `passwordless config set-secret`, or set {API_SECRET}"
        )));
    }
    // `shown` is `value` with any password of a URL masked.
    let (value, shown) = match args.key {
        ConfigKey::BaseUrl => {
            let url = api::parse_base_url(&args.value).map_err(CliError::Usage)?;
            (
                url.as_str().trim_end_matches('/').to_owned(),
                api::redact::display_url(&url)
                    .trim_end_matches('/')
                    .to_owned(),
            )
        }
        ConfigKey::KeyringStore => {
            let kind = args.value.parse::<StoreKind>()?.available_here()?;
            if kind == StoreKind::InsecureFile {
                crate::report::warning(&format!(
                    "the insecure-file store keeps secrets in plaintext in {} (readable by anyone who can read your files or backups); use it only where no OS keyring is reachable",
                    ctx.config_dir
                        .join(crate::keyring_store::INSECURE_FILE)
                        .display()
                ));
            }
            let name = kind.name().to_owned();
            (name.clone(), name)
        }
        ConfigKey::PublicKey => {
            let key = PublicKey::parse(&args.value)
                .map_err(|e| usage(format!("not stored: {e}")))?
                .expose()
                .to_owned();
            (key.clone(), key)
        }
        ConfigKey::CaCert => {
            // Stored absolute, so the profile works from any folder; checked now, so a typo
            // fails here and not at the next call.
            let path = std::path::absolute(&args.value)
                .map_err(|e| usage(format!("`{}` is not a usable path ({e})", args.value)))?;
            api::CaCert::load(&path).map_err(CliError::Usage)?;
            let path = path.display().to_string();
            (path.clone(), path)
        }
    };
    config::update(&ctx.config_path, |file| {
        let profile = file.profiles.entry(ctx.profile.clone()).or_default();
        match args.key {
            ConfigKey::BaseUrl => profile.base_url = Some(value.clone()),
            ConfigKey::KeyringStore => profile.keyring_store = Some(value.clone()),
            ConfigKey::PublicKey => profile.public_key = Some(value.clone()),
            ConfigKey::CaCert => profile.ca_cert = Some(value.clone()),
        }
        Ok((true, ()))
    })?;
    let key = key_name(args.key);
    Ok(Output::Message {
        id: Some(shown.clone()),
        json: json!({ "profile": ctx.profile, "key": key, "value": shown }),
        text: format!("Set {key} = {shown} for profile `{}`.", ctx.profile),
    })
}

/// `config get KEY`: the value in effect (flag > env > profile > default) and where it came from.
fn get(args: &ConfigGetArgs, ctx: &Context) -> anyhow::Result<Output> {
    let key = key_name(args.key);
    let found: Option<(String, String)> = match args.key {
        ConfigKey::BaseUrl => {
            let (url, source) = ctx.base_url()?;
            let shown = api::redact::display_url(&url)
                .trim_end_matches('/')
                .to_owned();
            Some((shown, source.describe(API_URL)))
        }
        ConfigKey::KeyringStore => {
            let (kind, source) = ctx.store_kind()?;
            Some((kind.name().to_owned(), source.describe(KEYRING_STORE)))
        }
        ConfigKey::PublicKey => match ctx.public_key() {
            Ok((key, source)) => Some((key.expose().to_owned(), source.describe(API_KEY))),
            // Not set is "not found"; a set but broken key is the error it is.
            Err(err) if crate::exit::classify(&err) == crate::exit::Exit::Auth => None,
            Err(err) => return Err(err),
        },
        ConfigKey::CaCert => ctx
            .ca_cert_path()
            .map(|(path, source)| (path.display().to_string(), source.describe(CA_CERT))),
    };
    let Some((value, source)) = found else {
        return Err(CliError::NotFound(format!(
            "{key} is not set for profile `{}`; set it with `passwordless config set {key} VALUE{}`",
            ctx.profile,
            ctx.profile_flag()
        ))
        .into());
    };
    Ok(Output::Record {
        json: json!({ "profile": ctx.profile, "key": key, "value": value, "source": source }),
        fields: labeled(vec![(key, value.clone())]),
        id: Some(value),
    })
}

fn unset(args: &ConfigUnsetArgs, ctx: &Context) -> anyhow::Result<Output> {
    config::update(&ctx.config_path, |file| {
        let Some(profile) = file.profiles.get_mut(&ctx.profile) else {
            return Ok((false, ()));
        };
        match args.key {
            ConfigKey::BaseUrl => profile.base_url = None,
            ConfigKey::KeyringStore => profile.keyring_store = None,
            ConfigKey::PublicKey => profile.public_key = None,
            ConfigKey::CaCert => profile.ca_cert = None,
        }
        // An emptied profile stays known (as `[profiles.NAME]`); only `default` needs no entry.
        if *profile == config::Profile::default() && ctx.profile == config::DEFAULT_PROFILE {
            file.profiles.remove(&ctx.profile);
        }
        Ok((true, ()))
    })?;
    let key = key_name(args.key);
    Ok(Output::Message {
        id: Some(key.to_string()),
        json: json!({ "profile": ctx.profile, "key": key, "value": null }),
        text: format!("Unset {key} for profile `{}`.", ctx.profile),
    })
}
