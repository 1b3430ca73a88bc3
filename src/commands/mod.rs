//! One module per noun of the command line. Each `run` takes its parsed arguments and the
//! resolved [`Context`](crate::context::Context) and returns an [`Output`](crate::output::Output);
//! none of them prints.

pub mod admin;
pub mod aliases;
pub mod api_request;
pub mod app;
pub mod app_settings;
pub mod auth_configs;
pub mod authenticators;
pub mod bulk;
pub mod config;
pub mod credentials;
pub mod doctor;
pub mod emulator;
pub mod events;
mod features;
pub mod generated;
pub mod magic_link;
pub mod passkey;
pub mod register_token;
pub mod reports;
pub mod signin_token;
pub mod users;
pub mod verify;

#[cfg(test)]
mod in_process;

use std::io::{BufRead, IsTerminal, Write};

use serde_json::Value;

use crate::api::limits::KeyType;
use crate::cli::{Command, ConfirmArgs};
use crate::context::Context;
use crate::error::CliError;
use crate::output::{Output, cell};

/// Runs a command that works with resolved settings. `print` shows a piece of output at once,
/// for the commands that stream (`events list --follow`, `api --paginate`). `main` calls this
/// with the context it resolved; a test may call it with [`Context::injected`].
pub fn dispatch(
    command: &Command,
    ctx: &Context,
    print: &mut dyn FnMut(&Output) -> anyhow::Result<()>,
) -> anyhow::Result<Output> {
    match command {
        Command::RegisterToken(args) => register_token::run(args, ctx),
        Command::Verify(args) => verify::run(args, ctx),
        Command::SigninToken(args) => signin_token::run(args, ctx),
        Command::Config(command) => config::run(command, ctx),
        Command::Users(command) => users::run(command, ctx),
        Command::Aliases(command) => aliases::run(command, ctx),
        Command::Credentials(command) => credentials::run(command, ctx),
        Command::Passkey(command) => passkey::run(command, ctx),
        Command::MagicLink(command) => magic_link::run(command, ctx),
        Command::App(command) => app::run(command, ctx),
        Command::AuthConfigs(command) => auth_configs::run(command, ctx),
        Command::Authenticators(command) => authenticators::run(command, ctx),
        Command::Events(command) => events::run(command, ctx, print),
        Command::Reports(command) => reports::run(command, ctx),
        Command::Admin(command) => admin::run(command, ctx),
        Command::Api(args) => api_request::run(args, ctx, print),
        Command::Completions(_)
        | Command::Man(_)
        | Command::Help(_)
        | Command::Emulator(_)
        | Command::Doctor => Err(CliError::Usage(
            "this command does not run with resolved settings; run it through `passwordless`"
                .to_owned(),
        )
        .into()),
    }
}

/// Asks before a destructive action. `--yes` skips the question; without a terminal to ask on,
/// the action is refused rather than taken silently.
// The prompt is the one place besides `report` that writes to stderr.
#[allow(clippy::disallowed_methods)]
pub fn confirm(args: &ConfirmArgs, question: &str) -> anyhow::Result<()> {
    if args.yes {
        return Ok(());
    }
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(usage(format!(
            "{question} Not without confirmation: add --yes when running without a terminal"
        )));
    }
    let mut stderr = std::io::stderr();
    write!(stderr, "{question} [y/N] ")?;
    stderr.flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    if matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
        Ok(())
    } else {
        Err(CliError::Cancelled.into())
    }
}

/// The value of a flag clap requires unless `--from-file` is given; absent only in bulk mode,
/// which never asks for it.
pub fn required<'a>(value: &'a Option<String>, flag: &str) -> anyhow::Result<&'a str> {
    value
        .as_deref()
        .ok_or_else(|| usage(format!("{flag} is required (or --from-file)")))
}

/// A confirmation sentence for a call that answers with no body; `id` is what it acted on
/// (a user id, a key id, a purpose…), the one value `--quiet` prints.
pub fn done(id: impl Into<String>, text: String, json: Value) -> Output {
    Output::Message {
        id: Some(id.into()),
        json,
        text,
    }
}

/// The confirmation JSON of a call that answers with no body: the request's members, then
/// `flag: true` (`"deleted": true`, `"sent": true`, …).
pub fn confirmed(request: impl serde::Serialize, flag: &str) -> anyhow::Result<Value> {
    let mut json = serde_json::to_value(request)?;
    if let Some(map) = json.as_object_mut() {
        map.insert(flag.to_owned(), Value::Bool(true));
    }
    Ok(json)
}

/// [`confirmed`] with `"deleted": true`.
pub fn deleted(request: impl serde::Serialize) -> anyhow::Result<Value> {
    confirmed(request, "deleted")
}

/// A list of JSON objects as a table: `columns` are (header, field) pairs, `id` names the field
/// `--quiet` prints. `--json` prints the array itself.
pub fn list_output(items: Vec<Value>, columns: &[(&'static str, &str)], id: &str) -> Output {
    let rows = items
        .iter()
        .map(|item| {
            columns
                .iter()
                .map(|(_, field)| display_cell(item.get(*field), field))
                .collect()
        })
        .collect();
    let ids = items.iter().map(|item| cell(item.get(id))).collect();
    Output::List {
        json: Value::Array(items),
        headers: columns.iter().map(|(header, _)| *header).collect(),
        rows,
        ids,
    }
}

/// A member's value as people see it: server times (members named `…At`, `…On` or
/// `timestamp`) to the second in UTC, as `output::when` shows them; everything else as `cell`
/// shows it. `--json` keeps the API's text.
pub fn display_cell(value: Option<&Value>, field: &str) -> String {
    let is_time = field.ends_with("At") || field.ends_with("On") || field == "timestamp";
    match value {
        Some(Value::String(text)) if is_time => crate::output::when(Some(text)),
        // The server's sentences embed its own time format (`mark-delete`'s message).
        Some(Value::String(text)) if field == "message" => {
            cell(Some(&Value::String(crate::output::times_in(text))))
        }
        other => cell(other),
    }
}

/// The `values` array of a `{"values": [...]}` answer, `[]` when missing.
pub fn values_of(json: Value) -> Vec<Value> {
    match json {
        Value::Object(mut map) => match map.remove("values") {
            Some(Value::Array(items)) => items,
            _ => Vec::new(),
        },
        Value::Array(items) => items,
        _ => Vec::new(),
    }
}

/// The name a clap value enum has on the command line, which is also its name on the wire
/// (`security-key`, `cross-platform`, `preferred`, ...).
pub fn wire_name<T: clap::ValueEnum>(value: &T) -> String {
    value
        .to_possible_value()
        .map(|v| v.get_name().to_owned())
        .unwrap_or_default()
}

/// Wire names of a repeatable enum flag; `None` when it was not given.
pub fn wire_names<T: clap::ValueEnum>(values: &[T]) -> Option<Vec<String>> {
    (!values.is_empty()).then(|| values.iter().map(wire_name).collect())
}

/// Management scopes go out as numbers, looked up by name in `limits`' scope table of the key
/// type. None given means all of them.
pub fn numeric_scopes<T: clap::ValueEnum + PartialEq>(
    kind: KeyType,
    chosen: &[T],
) -> anyhow::Result<Vec<i64>> {
    let mut numbers = T::value_variants()
        .iter()
        .filter(|variant| chosen.is_empty() || chosen.contains(variant))
        .map(|variant| {
            let name = wire_name(variant);
            kind.scope_by_name(&name)
                .map(|scope| i64::from(scope.number))
                .ok_or_else(|| anyhow::anyhow!("`{name}` is not a scope of a {} key", kind.word()))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    numbers.sort_unstable();
    Ok(numbers)
}

/// Longest user id: WebAuthn's `user.id` is at most 64 bytes, and the server uses it as is.
pub const MAX_USER_ID_BYTES: usize = 64;

/// User ids as WebAuthn allows them: 1 to 64 bytes, not blank, no control characters.
pub fn require_user_id(user_id: &str) -> anyhow::Result<()> {
    if user_id.trim().is_empty() {
        return Err(usage("the user id must not be empty"));
    }
    if user_id.len() > MAX_USER_ID_BYTES {
        return Err(usage(format!(
            "the user id is {} bytes long; WebAuthn allows at most {MAX_USER_ID_BYTES} (use a shorter id, such as your database key)",
            user_id.len()
        )));
    }
    if user_id.chars().any(char::is_control) {
        return Err(usage(
            "the user id contains a control character (a newline or tab?); remove it",
        ));
    }
    Ok(())
}

/// A usage error as an `anyhow::Error`, for the input checks every command makes.
pub fn usage(message: impl Into<String>) -> anyhow::Error {
    CliError::Usage(message.into()).into()
}

/// Length as the server counts it (.NET strings are UTF-16).
pub fn server_len(value: &str) -> usize {
    value.encode_utf16().count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{AuthenticatorType, Hint, PublicScope, SecretScope};

    #[test]
    fn wire_names_are_the_servers() {
        assert_eq!(
            wire_name(&AuthenticatorType::CrossPlatform),
            "cross-platform"
        );
        assert_eq!(
            wire_names(&[Hint::SecurityKey, Hint::ClientDevice]),
            Some(vec!["security-key".to_owned(), "client-device".to_owned()])
        );
        assert_eq!(wire_names::<Hint>(&[]), None);
    }

    #[test]
    fn every_flag_value_is_a_wire_value_in_limits() {
        use crate::api::limits::{self, USER_VERIFICATION};
        use crate::cli::UserVerification;
        use clap::ValueEnum;
        for hint in Hint::value_variants() {
            assert!(limits::hint_name(&wire_name(hint)).is_some(), "{hint:?}");
        }
        for uv in UserVerification::value_variants() {
            assert!(
                USER_VERIFICATION.contains(&wire_name(uv).as_str()),
                "{uv:?}"
            );
        }
        for scope in PublicScope::value_variants() {
            assert!(KeyType::Public.scope_by_name(&wire_name(scope)).is_some());
        }
        for scope in SecretScope::value_variants() {
            assert!(KeyType::Secret.scope_by_name(&wire_name(scope)).is_some());
        }
    }

    #[test]
    fn scopes_are_numbered_by_the_table() {
        let public = |s: &[PublicScope]| numeric_scopes(KeyType::Public, s).unwrap();
        let secret = |s: &[SecretScope]| numeric_scopes(KeyType::Secret, s).unwrap();
        assert_eq!(public(&[]), [0, 1]);
        assert_eq!(public(&[PublicScope::Login]), [1]);
        assert_eq!(secret(&[SecretScope::TokenRegister]), [0]);
        assert_eq!(
            secret(&[SecretScope::TokenVerify, SecretScope::TokenRegister]),
            [0, 1]
        );
        // A public scope name is not a secret scope.
        assert!(numeric_scopes(KeyType::Secret, &[PublicScope::Login]).is_err());
    }
}
