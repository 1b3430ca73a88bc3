//! `passwordless verify`: checks a sign-in token with `POST /signin/verify` and shows the user it
//! belongs to. Exits 0 only for a verified token.

use std::io::Read;

use super::display_cell;
use super::usage;
use crate::cli::VerifyArgs;
use crate::context::Context;
use crate::error::CliError;
use crate::output::{Output, cell, labeled};

pub fn run(args: &VerifyArgs, ctx: &Context) -> anyhow::Result<Output> {
    let token = read_token(&args.token)?;
    let response = ctx.client()?.verify_token(&token)?;
    let user = response.data;
    if !user.success {
        // The server signals failure with an HTTP error, never `success: false`; if a server
        // ever does, a script must still not mistake it for a sign-in.
        return Err(CliError::Rejected(
            "the server answered `success: false`: the token did not verify".into(),
        )
        .into());
    }
    let json = response.json;
    let field = |name: &str| display_cell(json.get(name), name);
    let fields = vec![
        ("userId", field("userId")),
        ("success", field("success")),
        ("type", field("type")),
        ("purpose", field("purpose")),
        ("credentialId", field("credentialId")),
        ("nickname", field("nickname")),
        ("device", field("device")),
        ("country", field("country")),
        ("origin", field("origin")),
        // Older servers spell it `rpid`.
        ("rpId", cell(json.get("rpId").or_else(|| json.get("rpid")))),
        ("timestamp", field("timestamp")),
        ("expiresAt", field("expiresAt")),
        ("tokenId", field("tokenId")),
    ];
    Ok(Output::Record {
        json,
        fields: labeled(fields),
        id: Some(user.user_id),
    })
}

/// The token argument, or stdin for `-`; surrounding whitespace is dropped.
fn read_token(arg: &str) -> anyhow::Result<String> {
    let token = if arg == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| usage(format!("cannot read the token from stdin: {e}")))?;
        text
    } else {
        arg.to_owned()
    };
    let token = token.trim();
    if token.is_empty() {
        return Err(usage(
            "the token is empty; pass the `verify_...` token your front end received, or `-` to read it from stdin",
        ));
    }
    Ok(token.to_owned())
}
