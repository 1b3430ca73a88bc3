//! `passwordless config …`: the profile settings in the config file and the API secret in the
//! keyring. The secret is read from a prompt, stdin or a file — never from argv — and only ever
//! shown masked.

use std::io::{IsTerminal, Read};

use serde_json::json;

use super::usage;
use crate::api;
use crate::cli::{ConfigCommand, ConfigKey, ConfigSetArgs, ConfigUnsetArgs, SetSecretArgs};
use crate::config;
use crate::context::Context;
use crate::env::{API_SECRET, API_URL, KEYRING_STORE};
use crate::error::CliError;
use crate::keyring_store::{Item, StoreKind};
use crate::output::{Output, labeled};
use crate::secret::{ApiSecret, ManagementKey};

pub fn run(command: &ConfigCommand, ctx: &Context) -> anyhow::Result<Output> {
    match command {
        ConfigCommand::SetSecret(args) => set_secret(args, ctx),
        ConfigCommand::DeleteSecret => delete_secret(ctx, Item::ApiSecret),
        ConfigCommand::SetManagementKey(args) => set_management_key(args, ctx),
        ConfigCommand::DeleteManagementKey => delete_secret(ctx, Item::ManagementKey),
        ConfigCommand::Show => show(ctx),
        ConfigCommand::Set(args) => set(args, ctx),
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
    let raw = read_secret_input(args)?;
    let secret = ApiSecret::parse(&raw).map_err(|e| usage(format!("not stored: {e}")))?;
    let entry = ctx.secret_entry(Item::ApiSecret)?;
    entry.write(secret.expose())?;
    let store = entry.kind().name();
    Ok(Output::Message {
        json: json!({ "profile": ctx.profile, "store": store, "secret": secret.masked() }),
        text: format!(
            "Stored the API secret {} for profile `{}` in the {store} store.",
            secret.masked(),
            ctx.profile
        ),
    })
}

fn set_management_key(args: &SetSecretArgs, ctx: &Context) -> anyhow::Result<Output> {
    if !args.refused.is_empty() {
        return Err(usage(
            "`config set-management-key` does not take the key as an argument; type it at the prompt, pipe it on stdin, or use --from-file",
        ));
    }
    let raw = read_secret_input(args)?;
    let key = ManagementKey::parse(&raw).map_err(|e| usage(format!("not stored: {e}")))?;
    let entry = ctx.secret_entry(Item::ManagementKey)?;
    entry.write(key.expose())?;
    let store = entry.kind().name();
    Ok(Output::Message {
        json: json!({ "profile": ctx.profile, "store": store, "managementKey": key.masked() }),
        text: format!(
            "Stored the management key {} for profile `{}` in the {store} store.",
            key.masked(),
            ctx.profile
        ),
    })
}

fn read_secret_input(args: &SetSecretArgs) -> anyhow::Result<String> {
    if let Some(path) = &args.from_file {
        return std::fs::read_to_string(path).map_err(|e| {
            usage(format!(
                "cannot read the secret from {}: {e}",
                path.display()
            ))
        });
    }
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password("API secret (input hidden): ").map_err(|e| {
            usage(format!(
                "cannot read the secret from the terminal ({e}); pipe it on stdin or use --from-file"
            ))
        });
    }
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| usage(format!("cannot read the secret from stdin: {e}")))?;
    Ok(text)
}

fn delete_secret(ctx: &Context, item: Item) -> anyhow::Result<Output> {
    let entry = ctx.secret_entry(item)?;
    let store = entry.kind().name();
    let what = match item {
        Item::ApiSecret => "API secret",
        Item::ManagementKey => "management key",
    };
    if !entry.delete()? {
        return Err(CliError::NotFound(format!(
            "no {what} is stored for profile `{}` in the {store} store",
            ctx.profile
        ))
        .into());
    }
    Ok(Output::Message {
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
    let base_url = base_url.as_str().trim_end_matches('/').to_owned();
    let config_file = ctx.config_path.display().to_string();
    let json = json!({
        "profile": ctx.profile,
        "configFile": config_file,
        "baseUrl": base_url,
        "baseUrlSource": url_source.describe(API_URL),
        "secret": secret,
        "secretSource": secret_source,
        "keyringStore": store.name(),
        "keyringStoreSource": store_source.describe(KEYRING_STORE),
    });
    Ok(Output::Record {
        fields: labeled(vec![
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
        ]),
        id: Some(ctx.profile.clone()),
        json,
    })
}

fn key_name(key: ConfigKey) -> &'static str {
    match key {
        ConfigKey::BaseUrl => "base-url",
        ConfigKey::KeyringStore => "keyring-store",
    }
}

fn set(args: &ConfigSetArgs, ctx: &Context) -> anyhow::Result<Output> {
    if crate::secret::looks_like_secret(&args.value) {
        return Err(usage(format!(
            "that value looks like an API secret; store secrets with `passwordless config set-secret`, or set {API_SECRET}"
        )));
    }
    let value = match args.key {
        ConfigKey::BaseUrl => {
            let url = api::parse_base_url(&args.value).map_err(CliError::Usage)?;
            url.as_str().trim_end_matches('/').to_owned()
        }
        ConfigKey::KeyringStore => args.value.parse::<StoreKind>()?.name().to_owned(),
    };
    let mut file = config::load(&ctx.config_path)?;
    let profile = file.profiles.entry(ctx.profile.clone()).or_default();
    match args.key {
        ConfigKey::BaseUrl => profile.base_url = Some(value.clone()),
        ConfigKey::KeyringStore => profile.keyring_store = Some(value.clone()),
    }
    config::save(&ctx.config_path, &file)?;
    let key = key_name(args.key);
    Ok(Output::Message {
        json: json!({ "profile": ctx.profile, "key": key, "value": value }),
        text: format!("Set {key} = {value} for profile `{}`.", ctx.profile),
    })
}

fn unset(args: &ConfigUnsetArgs, ctx: &Context) -> anyhow::Result<Output> {
    let mut file = config::load(&ctx.config_path)?;
    if let Some(profile) = file.profiles.get_mut(&ctx.profile) {
        match args.key {
            ConfigKey::BaseUrl => profile.base_url = None,
            ConfigKey::KeyringStore => profile.keyring_store = None,
        }
        if *profile == config::Profile::default() {
            file.profiles.remove(&ctx.profile);
        }
        config::save(&ctx.config_path, &file)?;
    }
    let key = key_name(args.key);
    Ok(Output::Message {
        json: json!({ "profile": ctx.profile, "key": key, "value": null }),
        text: format!("Unset {key} for profile `{}`.", ctx.profile),
    })
}
