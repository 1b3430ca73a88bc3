//! Error messages on stderr: one line that says what failed and what to do, then the API's
//! errorCode, title, detail and docs link; or the same as one JSON object with `--json`. Also the
//! other lines that go to stderr: warnings, `-v` traces and the emulator's log; and the one colour
//! rule ([`colour_for`]), which clap's own messages follow too. Nothing else
//! writes to stderr (clippy's `print_stderr` and `disallowed-methods` see to it), except the
//! confirmation prompt.
#![allow(clippy::disallowed_methods)]

use std::io::Write;

use serde_json::{Map, Value, json};

use crate::api::error::ApiError;
use crate::exit::Exit;
use crate::hints::RunNotes;
use crate::terminal::escape;

/// What a coloured piece of a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    Error,
    Warning,
    Hint,
}

/// Colour on stderr, decided once by [`colour_for`].
fn colour_on() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| {
        use std::io::IsTerminal;
        colour_for(std::io::stderr().is_terminal())
    })
}

/// The one colour rule, for any stream (`terminal`: whether that stream is a terminal): off
/// when `NO_COLOR` is set (non-empty), forced by `CLICOLOR_FORCE` (not `0`), else only on a
/// terminal — as <https://no-color.org> and the CLICOLOR convention say.
pub fn colour_for(terminal: bool) -> bool {
    colour_wanted(
        std::env::var_os("NO_COLOR").as_deref(),
        std::env::var_os("CLICOLOR_FORCE").as_deref(),
        terminal,
    )
}

fn colour_wanted(
    no_color: Option<&std::ffi::OsStr>,
    force: Option<&std::ffi::OsStr>,
    terminal: bool,
) -> bool {
    if no_color.is_some_and(|v| !v.is_empty()) {
        return false;
    }
    if force.is_some_and(|v| !v.is_empty() && v != "0") {
        return true;
    }
    terminal
}

/// `text` in the colour of `kind` when colour is on, else as it is.
pub fn paint(kind: Paint, text: &str) -> String {
    if !colour_on() {
        return text.to_owned();
    }
    let code = match kind {
        Paint::Error => "1;31",
        Paint::Warning => "1;33",
        Paint::Hint => "36",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

/// A warning that does not stop the command.
pub fn warning(message: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "{}: {message}",
        paint(Paint::Warning, "warning")
    );
}

/// One `-v` trace line of the HTTP client (already redacted by the caller).
pub fn trace(line: std::fmt::Arguments<'_>) {
    // Header values and bodies are the server's text: one trace line stays one inert line.
    let _ = writeln!(std::io::stderr(), "{}", escape(&line.to_string()));
}

/// One line of the emulator's output: its request log (`--log`) and its own errors.
pub fn log_line(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Whether stderr is a terminal, so a progress bar there would be seen.
pub fn stderr_is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal()
}

/// A line about the output rather than part of it (which page of how many a table shows), so
/// stdout stays data.
pub fn note(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// The closing line of a bulk run (counts, time, rate, what to do next).
pub fn summary(line: &str) {
    // It may quote the server (why a run stopped): one inert line.
    let _ = writeln!(std::io::stderr(), "{}", escape(line));
}

/// A usage error found before the command runs (argv checks, clap's parse errors): one line,
/// or with `--json` the same JSON error object as every other error.
pub fn usage_line(message: &str, json: bool) {
    let mut out = std::io::stderr().lock();
    if json {
        let body = json!({"error": {"message": message, "exitCode": Exit::Usage as u8}});
        let _ = writeln!(out, "{}", crate::terminal::json_string(&body));
    } else {
        let _ = writeln!(out, "{}: {message}", paint(Paint::Error, "error"));
    }
}

/// Shows a failed run's error: one line (with the hint `notes` make precise) and the server's
/// problem details, or with `--json` one JSON object.
pub fn error(error: &anyhow::Error, code: Exit, json: bool, notes: &RunNotes) {
    let stderr = std::io::stderr();
    let mut out = stderr.lock();
    let api = error.chain().find_map(|c| c.downcast_ref::<ApiError>());
    if json {
        let _ = writeln!(
            out,
            "{}",
            crate::terminal::json_string(&to_json(error, api, code, notes))
        );
        return;
    }
    let (what, hint) = headline_parts(error, api, notes);
    let (what, hint) = (
        escape(&what).into_owned(),
        hint.map(|h| escape(&h).into_owned()),
    );
    let _ = match hint {
        Some(hint) => writeln!(
            out,
            "{}: {what}; {}",
            paint(Paint::Error, "error"),
            paint(Paint::Hint, &hint)
        ),
        None => writeln!(out, "{}: {what}", paint(Paint::Error, "error")),
    };
    if let Some(ApiError::Problem { problem, .. }) = api {
        let mut lines: Vec<(String, String)> = Vec::new();
        let mut push = |name: &str, value: Option<&str>| {
            if let Some(value) = value {
                lines.push((name.to_owned(), value.to_owned()));
            }
        };
        push("errorCode", problem.error_code.as_deref());
        push("title", problem.title.as_deref());
        push("detail", problem.detail.as_deref());
        for (field, messages) in problem.errors.iter().flatten() {
            push(field, Some(&flatten_messages(messages)));
        }
        push("docs", api.and_then(ApiError::docs_url).as_deref());
        for (name, value) in lines {
            let _ = writeln!(out, "  {}: {}", escape(&name), escape(&value));
        }
    }
}

fn headline(error: &anyhow::Error, api: Option<&ApiError>, notes: &RunNotes) -> String {
    match headline_parts(error, api, notes) {
        (what, Some(hint)) => format!("{what}; {hint}"),
        (what, None) => what,
    }
}

/// What failed, and for API errors the hint of what to do next.
fn headline_parts(
    error: &anyhow::Error,
    api: Option<&ApiError>,
    notes: &RunNotes,
) -> (String, Option<String>) {
    match api {
        Some(
            api @ ApiError::Problem {
                method,
                path,
                host,
                status,
                ..
            },
        ) => (
            format!("{method} {path} was refused by {host} with HTTP {status}"),
            Some(notes.hint_for(api)),
        ),
        Some(other) => (other.to_string(), Some(notes.hint_for(other))),
        None => (format!("{error:#}"), None),
    }
}

fn flatten_messages(messages: &Value) -> String {
    match messages {
        Value::Array(items) => items
            .iter()
            .map(|m| {
                m.as_str()
                    .map(str::to_owned)
                    .unwrap_or_else(|| m.to_string())
            })
            .collect::<Vec<_>>()
            .join(" "),
        other => other.to_string(),
    }
}

fn to_json(error: &anyhow::Error, api: Option<&ApiError>, code: Exit, notes: &RunNotes) -> Value {
    let mut body = Map::new();
    body.insert("message".into(), json!(headline(error, api, notes)));
    body.insert("exitCode".into(), json!(code as u8));
    if let Some(api) = api {
        body.insert("hint".into(), json!(notes.hint_for(api)));
        if let Some(status) = api.status() {
            body.insert("status".into(), json!(status));
        }
        if let Some(problem) = api.problem() {
            body.insert("errorCode".into(), json!(problem.error_code));
            body.insert("title".into(), json!(problem.title));
            body.insert("detail".into(), json!(problem.detail));
            if let Some(errors) = &problem.errors {
                body.insert("errors".into(), Value::Object(errors.clone()));
            }
            body.insert("docs".into(), json!(api.docs_url()));
        }
        // Which passkey a failed sign-in sent, so a script can delete or report it.
        if let Some(used) = notes.passkey_used() {
            body.insert("credentialId".into(), json!(used.credential_id));
            body.insert("registeredWith".into(), json!(used.registered_with));
        }
    }
    json!({ "error": body })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn colour_follows_no_color_and_clicolor_force() {
        let set = |v: &'static str| Some(OsStr::new(v));
        assert!(colour_wanted(None, None, true));
        assert!(!colour_wanted(None, None, false));
        assert!(!colour_wanted(set("1"), None, true));
        assert!(!colour_wanted(set("1"), set("1"), false));
        // An empty NO_COLOR does not count; CLICOLOR_FORCE=0 does not force.
        assert!(colour_wanted(set(""), None, true));
        assert!(colour_wanted(None, set("1"), false));
        assert!(!colour_wanted(None, set("0"), false));
        assert!(!colour_wanted(None, set(""), false));
        assert!(colour_wanted(None, set("0"), true));
    }
}
