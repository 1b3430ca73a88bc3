//! `passwordless api [METHOD] PATH`: an authenticated request to any path, for endpoints the CLI
//! has no command for yet, shaped like `gh api` (GET by default, `-f`/`-F` fields, `--paginate`). The credential follows the path: management key for `/admin/`,
//! nothing for `/health/`, the API secret otherwise. A JSON body is printed indented, any other
//! as it came (as curl and `gh api` do); `-i` puts the status line and headers first. The run
//! returns its output like every command; an HTTP error status is reported after it.

use std::io::{IsTerminal, Read};

use clap::ValueEnum;
use serde_json::Value;

use super::usage;
use crate::api::Method;
use crate::cli::{ApiArgs, HttpMethod};
use crate::context::Context;
use crate::output::{Output, Then};
use crate::secret::Auth;
use crate::terminal::{escape, escape_text};

/// What the request printed, and the error its HTTP status means: with `-i` an error's status
/// line, headers and body are printed before the error is reported.
struct Answered {
    shown: Output,
    failure: Option<anyhow::Error>,
}

impl Answered {
    /// As the run returns it: the error, if any, is reported after the output is printed.
    fn into_output(self) -> Output {
        match self.failure {
            None => self.shown,
            Some(err) => Output::Finished {
                shown: Box::new(self.shown),
                then: Then::Error(std::sync::Arc::new(err)),
            },
        }
    }
}

/// What `passwordless api` was asked to send, from its words, flags and fields.
struct Request {
    method: Method,
    /// The path with a leading `/`, and any query given in it.
    path: String,
    /// Fields that go into the query string (GET).
    query: Vec<(String, String)>,
    body: Option<Value>,
}

pub fn run(
    args: &ApiArgs,
    ctx: &Context,
    emit: &mut dyn FnMut(&Output) -> anyhow::Result<()>,
) -> anyhow::Result<Output> {
    let request = request(args)?;
    let path_lower = request.path.to_ascii_lowercase();
    let paged = args.paginate.then(|| paging(&request)).transpose()?;
    let auth = if path_lower.starts_with("/admin/")
        || path_lower.starts_with("/apps/list-pending-deletion")
    {
        Auth::Management(ctx.management_key()?.0)
    } else if path_lower.starts_with("/health/") {
        Auth::Anonymous
    } else {
        Auth::Secret(ctx.secret()?.0)
    };
    let first_page = paged.unwrap_or(1);
    if args.dry_run {
        let (base_url, _) = ctx.base_url()?;
        let target = with_query(&request, paged.map(|_| first_page));
        let mut text = format!(
            "{} {}{}\n",
            request.method,
            base_url.as_str().trim_end_matches('/'),
            target
        );
        if let Some((name, _, masked)) = auth.header() {
            text.push_str(&format!("{name}: {masked}\n"));
        }
        if let Some(body) = &request.body {
            text.push_str("Content-Type: application/json\n\n");
            text.push_str(&serde_json::to_string_pretty(body)?);
            text.push('\n');
        }
        return Ok(Output::Text(text));
    }
    let client = ctx.client_with(auth)?;
    let terminal = std::io::stdout().is_terminal();
    let Some(mut page) = paged else {
        let answer = client.raw(
            request.method,
            &with_query(&request, None),
            request.body.as_ref(),
        )?;
        return shown(answer, args.include, terminal).map(Answered::into_output);
    };
    // `--paginate`: each page is printed as it arrives (as `gh api --paginate` does), so a long
    // log streams instead of piling up in memory; an empty page ends it.
    loop {
        let answer = client.raw(request.method, &with_query(&request, Some(page)), None)?;
        let failed = answer.failure.is_some();
        let empty = answer
            .json()
            .and_then(|json| {
                json.get("events")
                    .and_then(Value::as_array)
                    .map(Vec::is_empty)
            })
            .unwrap_or(true);
        let answered = shown(answer, args.include, terminal)?;
        if failed || (empty && page == first_page) {
            return Ok(answered.into_output());
        }
        if empty {
            // The empty page only says the log ended; the first page is shown even when empty,
            // so the command always prints the API's answer.
            return Ok(Output::Status(0));
        }
        emit(&answered.shown)?;
        page += 1;
    }
}

/// The method, path, query and body that the words, `-X`, `-f`/`-F` and `--data` ask for. As
/// with `gh api`: GET unless a method is given, POST when there are fields or a body; for GET
/// the fields become query parameters, otherwise a JSON object.
fn request(args: &ApiArgs) -> anyhow::Result<Request> {
    let (named, path) = match (&args.first, &args.second) {
        (path, None) => (None, path),
        (method, Some(path)) => {
            let method = HttpMethod::from_str(method, true).map_err(|_| {
                usage(format!(
                    "`{method}` is not a method this command sends; use GET, POST, PUT or DELETE, or give the path alone (GET)"
                ))
            })?;
            (Some(method), path)
        }
    };
    let method = match (named, args.method) {
        (Some(_), Some(_)) => {
            return Err(usage(
                "the method is given twice; give it as a word (`api POST /alias`) or with -X, not both",
            ));
        }
        (Some(method), None) | (None, Some(method)) => method,
        (None, None) if !args.fields.is_empty() || !args.raw_fields.is_empty() => HttpMethod::POST,
        (None, None) if args.data.is_some() => HttpMethod::POST,
        (None, None) => HttpMethod::GET,
    };
    let method = match method {
        HttpMethod::GET => Method::GET,
        HttpMethod::POST => Method::POST,
        HttpMethod::PUT => Method::PUT,
        HttpMethod::DELETE => Method::DELETE,
    };
    let path = path.trim();
    if path.is_empty() || path == "/" {
        return Err(usage("give the path, e.g. `passwordless api /users/count`"));
    }
    if path.contains("://") {
        return Err(usage(format!(
            "`{path}` is a URL; give the path below the base URL (e.g. /users/list) and the server with --api-url"
        )));
    }
    // `users/count` is `/users/count`, as `gh api` takes `repos/…` without a slash.
    let path = if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/{path}")
    };
    let mut fields = Vec::new();
    for raw in &args.raw_fields {
        let (key, value) = split_field(raw, "-f")?;
        fields.push((key, Value::String(value.to_owned())));
    }
    for typed in &args.fields {
        let (key, value) = split_field(typed, "-F")?;
        fields.push((key, typed_value(value)));
    }
    let mut request = Request {
        method,
        path,
        query: Vec::new(),
        body: args.data.as_deref().map(read_body).transpose()?,
    };
    if fields.is_empty() {
        return Ok(request);
    }
    if method == Method::GET {
        request.query = fields
            .into_iter()
            .map(|(key, value)| {
                let key = key.strip_suffix("[]").unwrap_or(key).to_owned();
                let value = match value {
                    Value::String(text) => text,
                    Value::Null => String::new(),
                    other => other.to_string(),
                };
                (key, value)
            })
            .collect();
    } else {
        let mut body = serde_json::Map::new();
        for (key, value) in fields {
            match key.strip_suffix("[]") {
                Some(array) => match body
                    .entry(array.to_owned())
                    .or_insert_with(|| Value::Array(Vec::new()))
                {
                    Value::Array(items) => items.push(value),
                    _ => {
                        return Err(usage(format!(
                            "`{array}` is given both as a value and as an array (`{array}[]=…`)"
                        )));
                    }
                },
                None => {
                    body.insert(key.to_owned(), value);
                }
            }
        }
        request.body = Some(Value::Object(body));
    }
    Ok(request)
}

/// `KEY=VALUE` of `-f`/`-F`; the key must not be empty.
fn split_field<'a>(field: &'a str, flag: &str) -> anyhow::Result<(&'a str, &'a str)> {
    match field.split_once('=') {
        Some((key, value)) if !key.is_empty() && key != "[]" => Ok((key, value)),
        _ => Err(usage(format!(
            "{flag} `{field}` is not KEY=VALUE, e.g. {flag} userId=42"
        ))),
    }
}

/// `-F`'s value: a JSON number, `true`, `false` or `null` as that JSON value, else a string
/// (gh converts the same words; a number keeps its text, so `-F ttl=300` sends 300).
fn typed_value(text: &str) -> Value {
    match text {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        "null" => Value::Null,
        _ => match serde_json::from_str::<serde_json::Number>(text) {
            Ok(number) if !text.starts_with('+') => Value::Number(number),
            _ => Value::String(text.to_owned()),
        },
    }
}

/// The path with the query fields, and `pageNumber` for `--paginate`, appended.
fn with_query(request: &Request, page: Option<u32>) -> String {
    let page = page.map(|n| n.to_string());
    let pairs = request
        .query
        .iter()
        .filter(|(key, _)| page.is_none() || !key.eq_ignore_ascii_case("pageNumber"))
        .map(|(key, value)| (key.as_str(), value.as_str()))
        .chain(page.as_deref().map(|n| ("pageNumber", n)));
    let query = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    if query.is_empty() {
        request.path.clone()
    } else if request.path.contains('?') {
        format!("{}&{query}", request.path)
    } else {
        format!("{}?{query}", request.path)
    }
}

/// The first page `--paginate` asks for: `pageNumber` when given as a field, else 1. Only
/// `GET /events` is paged by number, so anything else is refused rather than looped over.
fn paging(request: &Request) -> anyhow::Result<u32> {
    let bare = request.path.split('?').next().unwrap_or_default();
    if request.method != Method::GET || !bare.trim_end_matches('/').eq_ignore_ascii_case("/events")
    {
        return Err(usage(
            "--paginate follows the pages of GET /events, the API's one paged route; other routes answer in one piece",
        ));
    }
    if request.path.contains('?') {
        return Err(usage(
            "with --paginate give the query as fields (-F numberOfResults=1000), not in the path",
        ));
    }
    match request
        .query
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case("pageNumber"))
    {
        Some((_, value)) => value
            .parse::<u32>()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| usage("pageNumber starts at 1")),
        None => Ok(1),
    }
}

/// An answer as printed: with `-i` the status line and headers first; a JSON body indented, any
/// other as it came (escaped on a terminal).
fn shown(answer: crate::api::RawAnswer, include: bool, terminal: bool) -> anyhow::Result<Answered> {
    let mut shown = Vec::new();
    if include {
        shown.extend_from_slice(escape(&answer.status_line).as_bytes());
        shown.push(b'\n');
        for (name, value) in &answer.headers {
            shown.extend_from_slice(format!("{name}: {}\n", escape(value)).as_bytes());
        }
        shown.push(b'\n');
    }
    let show_body = include || answer.failure.is_none();
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
