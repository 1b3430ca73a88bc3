//! Error messages on stderr: one line that says what failed and what to do, then the API's
//! errorCode, title, detail and docs link; or the same as one JSON object with `--json`. Also the
//! other lines that go to stderr: warnings, `-v` traces and the emulator's log. Nothing else
//! writes to stderr (clippy's `print_stderr` and `disallowed-methods` see to it), except the
//! confirmation prompt.
#![allow(clippy::disallowed_methods)]

use std::io::Write;

use serde_json::{Map, Value, json};

use crate::api::error::ApiError;
use crate::exit::Exit;

/// A warning that does not stop the command.
pub fn warning(message: &str) {
    let _ = writeln!(std::io::stderr(), "warning: {message}");
}

/// One `-v` trace line of the HTTP client (already redacted by the caller).
pub fn trace(line: std::fmt::Arguments<'_>) {
    let _ = writeln!(std::io::stderr(), "{line}");
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

/// The closing line of a bulk run (counts, time, rate, what to do next).
pub fn summary(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

pub fn usage_line(message: &str) {
    let _ = writeln!(std::io::stderr(), "error: {message}");
}

pub fn error(error: &anyhow::Error, code: Exit, json: bool) {
    let stderr = std::io::stderr();
    let mut out = stderr.lock();
    let api = error.chain().find_map(|c| c.downcast_ref::<ApiError>());
    if json {
        let _ = writeln!(out, "{}", to_json(error, api, code));
        return;
    }
    let _ = writeln!(out, "error: {}", headline(error, api));
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
            let _ = writeln!(out, "  {name}: {value}");
        }
    }
}

fn headline(error: &anyhow::Error, api: Option<&ApiError>) -> String {
    match api {
        Some(ApiError::Problem {
            method,
            path,
            status,
            ..
        }) => format!(
            "{method} {path} was refused with HTTP {status}; {}",
            api.map(ApiError::hint).unwrap_or_default()
        ),
        Some(other) => format!("{other}; {}", other.hint()),
        None => format!("{error:#}"),
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

fn to_json(error: &anyhow::Error, api: Option<&ApiError>, code: Exit) -> Value {
    let mut body = Map::new();
    body.insert("message".into(), json!(headline(error, api)));
    body.insert("exitCode".into(), json!(code as u8));
    if let Some(api) = api {
        body.insert("hint".into(), json!(api.hint()));
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
    }
    json!({ "error": body })
}
