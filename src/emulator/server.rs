//! The HTTP edge: turns an axum request into a [`Req`] (normalised path, query pairs, buffered
//! body), answers CORS preflights, hands it to the synchronous router, records refused API keys
//! in the event log, stamps problem bodies with a `traceId`, adds the server's security and CORS
//! headers and writes the optional one-line request log.

use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use serde::Serialize;
use serde_json::Value;

use super::faults::Injected;
use super::problem::Problem;
use super::routes;
use super::state::Shared;
use super::{cors, events};

const MAX_BODY: usize = 1024 * 1024;

/// A buffered request with its path split into segments.
#[derive(Debug)]
pub struct Req {
    pub method: Method,
    /// Non-empty path segments as sent (for ids taken from the path).
    pub segments: Vec<String>,
    /// The same segments lower-cased, for route matching.
    pub lower: Vec<String>,
    pub query: Vec<(String, String)>,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Req {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// A query parameter, name matched case-insensitively like ASP.NET binding.
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// `/a/b` form of the normalised path, for logs.
    pub fn path(&self) -> String {
        format!("/{}", self.lower.join("/"))
    }
}

/// The handler result: a response, or a problem to be rendered.
pub type Reply = Result<Response, Problem>;

pub fn json<T: Serialize>(status: StatusCode, value: &T) -> Reply {
    let body = serde_json::to_vec(value).map_err(|_| Problem::internal())?;
    raw_json(status, body)
}

pub fn raw_json(status: StatusCode, body: Vec<u8>) -> Reply {
    Ok(Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "application/json; charset=utf-8")
        .body(Body::from(body))
        .unwrap_or_default())
}

pub fn ok<T: Serialize>(value: &T) -> Reply {
    json(StatusCode::OK, value)
}

pub fn empty(status: StatusCode) -> Reply {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = status;
    Ok(r)
}

pub fn text(status: StatusCode, body: &'static str) -> Reply {
    Ok(Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from(body))
        .unwrap_or_default())
}

fn render_problem(shared: &Shared, p: Problem) -> Response {
    let mut body = p.body;
    body.insert("traceId".into(), Value::String(shared.trace_id()));
    let bytes = serde_json::to_vec(&Value::Object(body)).unwrap_or_default();
    let mut builder = Response::builder()
        .status(p.status)
        .header(header::CONTENT_TYPE, "application/problem+json");
    if let Some(scheme) = p.challenge {
        builder = builder.header(header::WWW_AUTHENTICATE, scheme);
    }
    builder.body(Body::from(bytes)).unwrap_or_default()
}

/// The answer to a request caught by an injected fault. A JSON object body with an error status
/// goes out as problem details, so clients parse it as they would a real error.
fn fault_response(shared: &Shared, fault: Injected) -> Response {
    let status = fault
        .status
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let (content_type, body) = match fault.body {
        Some(Value::Object(mut map)) if status.as_u16() >= 400 => {
            map.entry("traceId")
                .or_insert_with(|| Value::String(shared.trace_id()));
            ("application/problem+json", Value::Object(map))
        }
        Some(other) => ("application/json; charset=utf-8", other),
        None if status.as_u16() >= 400 => {
            let mut map = serde_json::Map::new();
            map.insert(
                "type".into(),
                Value::String("https://docs.passwordless.dev/guide/errors.html".into()),
            );
            map.insert(
                "title".into(),
                Value::String(format!("Injected fault: HTTP {}", status.as_u16())),
            );
            map.insert("status".into(), Value::from(status.as_u16()));
            map.insert("traceId".into(), Value::String(shared.trace_id()));
            ("application/problem+json", Value::Object(map))
        }
        None => return empty(status).unwrap_or_default(),
    };
    let mut builder = Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type);
    if let Some(seconds) = fault.retry_after {
        builder = builder.header(header::RETRY_AFTER, seconds);
    }
    builder
        .body(Body::from(serde_json::to_vec(&body).unwrap_or_default()))
        .unwrap_or_default()
}

/// The single axum handler: every request goes through here.
pub async fn dispatch(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let started = Instant::now();
    let (parts, body) = request.into_parts();
    // ASP.NET's CORS middleware answers preflights before routing and the security headers.
    if let Some(preflight) = cors::preflight(&parts.method, &parts.headers) {
        if shared.config.log {
            crate::report::log_line(&format!(
                "{} {} {} {}ms",
                parts.method,
                parts.uri.path(),
                preflight.status().as_u16(),
                started.elapsed().as_millis()
            ));
        }
        return preflight;
    }
    let mut segments: Vec<String> = parts
        .uri
        .path()
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    // Self-hosted servers serve the API under `/api/` (their nginx strips it), so SDKs and
    // apps configured for one send that prefix. No route of the API starts with `api`.
    if segments.len() > 1 && segments[0].eq_ignore_ascii_case("api") {
        segments.remove(0);
    }
    let lower = segments.iter().map(|s| s.to_ascii_lowercase()).collect();
    let query = Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)
        .map(|q| q.0)
        .unwrap_or_default();
    let (body, too_large) = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(b) => (b, false),
        Err(_) => (Bytes::new(), true),
    };
    let req = Req {
        method: parts.method,
        segments,
        lower,
        query,
        headers: parts.headers,
        body,
    };
    let injected = shared.faults.take(req.method.as_str(), &req.path());
    if let Some(fault) = &injected
        && fault.delay_ms > 0
    {
        tokio::time::sleep(std::time::Duration::from_millis(fault.delay_ms)).await;
    }
    // A fault without a status only delays: the real route answers after it.
    let mut response = if let Some(fault) = injected.filter(|f| f.status.is_some()) {
        fault_response(&shared, fault)
    } else {
        let reply = if too_large {
            empty(StatusCode::PAYLOAD_TOO_LARGE)
        } else {
            super::dates::with_clock(&shared.clock, || routes::route(&shared, &req))
        };
        reply.unwrap_or_else(|p| {
            if p.status == StatusCode::UNAUTHORIZED
                && let Some(scheme) = p.challenge
            {
                super::dates::with_clock(&shared.clock, || {
                    events::rejected_key(&mut shared.lock(), &req, scheme)
                });
            }
            render_problem(&shared, p)
        })
    };
    if shared.saver.is_some() && !matches!(req.method, Method::GET | Method::HEAD) {
        // File I/O on a runtime worker: tell tokio so other requests keep being served.
        if let Err(e) = tokio::task::block_in_place(|| shared.save()) {
            crate::report::log_line(&format!("emulator: {e:#}"));
            // The change lives in memory but not in the file: do not let the client believe
            // it was kept.
            response = render_problem(&shared, crate::emulator::problem::Problem::internal());
        }
    }
    let headers = response.headers_mut();
    headers.insert(
        "content-security-policy",
        HeaderValue::from_static("default-src 'self';"),
    );
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    headers.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    cors::allow(&req.headers, &mut response);
    if shared.config.log {
        // Method, normalised path, status and latency only: never headers, query or body.
        crate::report::log_line(&format!(
            "{} {} {} {}ms",
            req.method,
            req.path(),
            response.status().as_u16(),
            started.elapsed().as_millis()
        ));
    }
    response
}
