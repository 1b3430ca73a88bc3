//! `passwordless api METHOD PATH`: an authenticated request to any path, for endpoints the CLI
//! has no command for yet. The credential follows the path: management key for `/admin/`,
//! nothing for `/health/`, the API secret otherwise. A JSON body is printed indented, any other
//! as it came (as curl and `gh api` do); `-i` puts the status line and headers first.

use std::io::{IsTerminal, Read};

use serde_json::Value;

use super::usage;
use crate::api::Method;
use crate::cli::{ApiArgs, HttpMethod};
use crate::context::Context;
use crate::output::Output;
use crate::secret::Auth;
use crate::terminal::{escape, escape_text};

/// What the request printed, and the error its HTTP status means: with `-i` an error's status
/// line, headers and body are printed before the error is reported.
pub struct Answered {
    pub shown: Output,
    pub failure: Option<anyhow::Error>,
}

impl From<Output> for Answered {
    fn from(shown: Output) -> Self {
        Answered {
            shown,
            failure: None,
        }
    }
}

pub fn run(args: &ApiArgs, ctx: &Context) -> anyhow::Result<Answered> {
    if !args.path.starts_with('/') {
        return Err(usage(format!(
            "the path `{}` must start with `/`, e.g. /users/list",
            args.path
        )));
    }
    let method = match args.method {
        HttpMethod::GET => Method::GET,
        HttpMethod::POST => Method::POST,
        HttpMethod::PUT => Method::PUT,
        HttpMethod::DELETE => Method::DELETE,
    };
    let body = args.data.as_deref().map(read_body).transpose()?;
    let path_lower = args.path.to_ascii_lowercase();
    let auth = if path_lower.starts_with("/admin/")
        || path_lower.starts_with("/apps/list-pending-deletion")
    {
        Auth::Management(ctx.management_key()?.0)
    } else if path_lower.starts_with("/health/") {
        Auth::Anonymous
    } else {
        Auth::Secret(ctx.secret()?.0)
    };
    if args.dry_run {
        let (base_url, _) = ctx.base_url()?;
        let mut text = format!(
            "{method} {}{}\n",
            base_url.as_str().trim_end_matches('/'),
            args.path
        );
        if let Some((name, _, masked)) = auth.header() {
            text.push_str(&format!("{name}: {masked}\n"));
        }
        if let Some(body) = &body {
            text.push_str("Content-Type: application/json\n\n");
            text.push_str(&serde_json::to_string_pretty(body)?);
            text.push('\n');
        }
        return Ok(Output::Text(text).into());
    }
    let answer = ctx
        .client_with(auth)?
        .raw(method, &args.path, body.as_ref())?;
    let terminal = std::io::stdout().is_terminal();
    let mut shown = Vec::new();
    if args.include {
        shown.extend_from_slice(escape(&answer.status_line).as_bytes());
        shown.push(b'\n');
        for (name, value) in &answer.headers {
            shown.extend_from_slice(format!("{name}: {}\n", escape(value)).as_bytes());
        }
        shown.push(b'\n');
    }
    let show_body = args.include || answer.failure.is_none();
    match answer.json() {
        _ if !show_body || answer.body.is_empty() => {}
        Some(json) => {
            crate::terminal::json_to_writer_pretty(&mut shown, &json)?;
            shown.push(b'\n');
        }
        // A body from the server goes to a terminal with its control characters shown
        // escaped (an ESC sequence could rewrite the screen); to a pipe or file, byte for byte.
        None if terminal => {
            let text = escape_text(&String::from_utf8_lossy(&answer.body)).into_owned();
            shown.extend_from_slice(text.as_bytes());
            if !text.ends_with('\n') {
                shown.push(b'\n');
            }
        }
        None => shown.extend_from_slice(&answer.body),
    }
    Ok(Answered {
        shown: if shown.is_empty() {
            Output::Status(0)
        } else {
            Output::Bytes(shown)
        },
        failure: answer.failure.map(Into::into),
    })
}

/// `--data`: inline JSON, `@FILE`, or `-` for stdin; it must parse as JSON.
fn read_body(data: &str) -> anyhow::Result<Value> {
    let text = if data == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| usage(format!("cannot read the body from stdin: {e}")))?;
        text
    } else if let Some(path) = data.strip_prefix('@') {
        std::fs::read_to_string(path)
            .map_err(|e| usage(format!("cannot read the body from {path}: {e}")))?
    } else {
        data.to_owned()
    };
    serde_json::from_str(&text).map_err(|e| usage(format!("--data is not valid JSON: {e}")))
}
