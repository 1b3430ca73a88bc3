//! The HTTP edge: the accept loop (connection cap, header-read timeout, TLS handshakes, graceful
//! stop), and the per-request path that turns a request into a [`Req`] (normalised path, query
//! pairs, buffered body), answers CORS preflights, hands it to the synchronous router, records
//! refused API keys in the event log, waits until a change it made is saved, stamps problem bodies
//! with a `traceId`, adds the server's security and CORS headers, records the request for
//! `GET /_emulator/requests` (see `request_log`) and writes the optional one-line `--log`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Query, Request};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, oneshot, watch};

use super::cx::Cx;
use super::faults::{Action, Injected};
use super::http::{Req, empty};
use super::problem::Problem;
use super::request_log::{self, Recorded};
use super::routes;
use super::shared::Shared;
use super::tls::{self, Acceptor};
use super::{cors, events};

const MAX_BODY: usize = 1024 * 1024;

// The real server's security headers, on every answer.
const CSP: HeaderName = HeaderName::from_static("content-security-policy");
const NO_SNIFF: HeaderName = HeaderName::from_static("x-content-type-options");
const REFERRER: HeaderName = HeaderName::from_static("referrer-policy");

/// How long accepting pauses when the process is out of file descriptors.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);

/// Serves HTTP/1 on `listener` until `stop` fires, then lets in-flight requests finish for up to
/// `grace` (idle connections close at once).
///
/// At most `config.max_connections` connections are open at a time; further clients wait in the
/// listen backlog until one closes, so slow clients cannot use up the file descriptors the
/// emulator needs. A client has `config.read_timeout` to send its request headers (an idle
/// keep-alive connection likewise) and as long again for the body.
///
/// With `tls`, each connection first completes a TLS handshake, within the same read timeout.
pub async fn serve(
    listener: TcpListener,
    shared: Arc<Shared>,
    tls: Option<Acceptor>,
    stop: oneshot::Receiver<()>,
    grace: Duration,
) {
    let tls = tls.map(Arc::new);
    // Tells handshakes under way that the server is stopping: a client that connected and says
    // nothing would otherwise hold the stop up for the whole grace.
    let (stopping, _) = watch::channel(false);
    let permits = Arc::new(Semaphore::new(shared.config.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(shared.config.read_timeout)
        .keep_alive(true);
    tokio::pin!(stop);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            _ = &mut stop => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // EMFILE/ENFILE and aborted handshakes: nothing to serve, try again soon.
                    if !matches!(e.kind(), std::io::ErrorKind::ConnectionAborted | std::io::ErrorKind::ConnectionReset) {
                        tokio::time::sleep(ACCEPT_BACKOFF).await;
                    }
                    continue;
                }
            },
            _ = &mut stop => break,
        };
        let _ = stream.set_nodelay(true);
        let for_service = shared.clone();
        let service = service_fn(move |request: hyper::Request<Incoming>| {
            let shared = for_service.clone();
            async move {
                let response = dispatch(shared, request.map(Body::new)).await;
                // hyper closes an HTTP/1 connection whose service fails, without writing a
                // response: exactly what a `drop` fault asks for.
                if response.extensions().get::<DropConnection>().is_some() {
                    return Err(DropConnection);
                }
                Ok(response)
            }
        });
        let Some(acceptor) = tls.clone() else {
            let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
            tokio::spawn(async move {
                // Errors here are the client's (reset, timeout, bad request line): nothing to do.
                let _ = connection.await;
                drop(permit);
            });
            continue;
        };
        // Watched from the start, so a stop waits (within the grace) for handshakes under way;
        // one that completes after the stop is served no request.
        let watcher = graceful.watcher();
        let http = http.clone();
        let handshake_timeout = shared.config.read_timeout;
        let mut stopping = stopping.subscribe();
        tokio::spawn(async move {
            // A failed or slow handshake (a client that does not trust the CA, a port scanner)
            // is the client's business: drop the connection.
            let handshake = tokio::select! {
                done = tokio::time::timeout(handshake_timeout, tls::accept(&acceptor, stream)) => done,
                _ = stopping.changed() => return,
            };
            if let Ok(Ok(stream)) = handshake {
                let _ = watcher
                    .watch(http.serve_connection(TokioIo::new(stream), service))
                    .await;
            }
            drop(permit);
        });
    }
    drop(listener);
    let _ = stopping.send(true);
    let _ = tokio::time::timeout(grace, graceful.shutdown()).await;
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

/// Marks the response of a request whose connection a `drop` fault closes unanswered.
#[derive(Debug, Clone, Copy)]
struct DropConnection;

impl std::fmt::Display for DropConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by a fault rule")
    }
}

impl std::error::Error for DropConnection {}

/// What a captive portal or a proxy in front of the API might answer: not the API at all.
const GARBAGE_PAGE: &str = "<!DOCTYPE html>\n<html><head><title>Welcome</title></head><body><h1>Injected fault</h1><p>This page is not the Passwordless.dev API.</p></body></html>\n";

/// The answer to a request caught by an injected fault. A JSON object body with an error status
/// goes out as problem details, so clients parse it as they would a real error.
fn fault_response(shared: &Shared, fault: Injected) -> Response {
    match fault.action {
        Action::Answer => {}
        Action::Drop => {
            let mut response = Response::default();
            response.extensions_mut().insert(DropConnection);
            return response;
        }
        Action::Garbage => {
            let status = fault
                .status
                .and_then(|s| StatusCode::from_u16(s).ok())
                .unwrap_or(StatusCode::OK);
            return Response::builder()
                .status(status)
                .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
                .body(Body::from(GARBAGE_PAGE))
                .unwrap_or_default();
        }
    }
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

fn elapsed_ms(started: Instant) -> u128 {
    started.elapsed().as_millis()
}

/// What the request log keeps of one request besides its bodies.
struct Seen<'a> {
    method: &'a Method,
    path: String,
    status: Option<u16>,
    app: Option<String>,
    warning: Option<String>,
}

fn record(shared: &Shared, seen: Seen<'_>, started: Instant, request: &[u8], response: &[u8]) {
    shared.requests.record(Recorded {
        at: super::dates::token(shared.clock.now()),
        method: seen.method.to_string(),
        path: seen.path,
        status: seen.status,
        latency_us: u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX),
        app: seen.app,
        request: request_log::excerpt(request),
        response: request_log::excerpt(response),
        warning: seen.warning,
    });
}

/// The app a request's `ApiSecret` or `ApiKey` names, without keeping the key.
fn app_of(headers: &HeaderMap) -> Option<String> {
    let value = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    request_log::app_of(value("apisecret"), value("apikey"))
}

/// Every request goes through here.
pub async fn dispatch(shared: Arc<Shared>, request: Request) -> Response {
    let started = Instant::now();
    let (parts, body) = request.into_parts();
    // ASP.NET's CORS middleware answers preflights before routing and the security headers.
    if let Some(preflight) = cors::preflight(&parts.method, &parts.headers) {
        let path = Req::new(
            parts.method.clone(),
            parts.uri.path(),
            Vec::new(),
            HeaderMap::new(),
            Bytes::new(),
        );
        if path.lower_segments().next() != Some("_emulator") {
            let seen = Seen {
                method: &parts.method,
                path: path.path(),
                status: Some(preflight.status().as_u16()),
                app: None,
                warning: None,
            };
            record(&shared, seen, started, &[], &[]);
        }
        if shared.config.log {
            shared.config.log_sink.line(&format!(
                "{} {} {} {}ms",
                parts.method,
                parts.uri.path(),
                preflight.status().as_u16(),
                elapsed_ms(started)
            ));
        }
        return preflight;
    }
    let query = match parts.uri.query() {
        Some(_) => Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)
            .map(|q| q.0)
            .unwrap_or_default(),
        None => Vec::new(),
    };
    let read = tokio::time::timeout(
        shared.config.read_timeout,
        axum::body::to_bytes(body, MAX_BODY),
    );
    let (body, too_large) = match read.await {
        Ok(Ok(b)) => (b, false),
        Ok(Err(_)) => (Bytes::new(), true),
        Err(_) => {
            let mut response = empty(StatusCode::REQUEST_TIMEOUT).unwrap_or_default();
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            return response;
        }
    };
    let req = Req::new(parts.method, parts.uri.path(), query, parts.headers, body);
    // Control routes are left out: `emulator requests --follow` and the inspector poll them,
    // and would otherwise fill the log with their own polling and push out the API's requests.
    let logged = req.lower_segments().next() != Some("_emulator");
    let injected = if shared.faults.is_empty() {
        None
    } else {
        shared.faults.take(req.method.as_str(), &req.path())
    };
    if let Some(fault) = &injected
        && fault.delay_ms > 0
    {
        tokio::time::sleep(std::time::Duration::from_millis(fault.delay_ms)).await;
    }
    // A fault without a status only delays: the real route answers after it.
    // A warning the handler noted about the request, for its request-log entry.
    let mut warning = None;
    let mut response = if let Some(fault) =
        injected.filter(|f| f.status.is_some() || f.action != Action::Answer)
    {
        let response = fault_response(&shared, fault);
        if response.extensions().get::<DropConnection>().is_some() {
            if logged {
                let seen = Seen {
                    method: &req.method,
                    path: req.path(),
                    status: None,
                    app: app_of(&req.headers),
                    warning: None,
                };
                record(&shared, seen, started, &req.body, &[]);
            }
            if shared.config.log {
                shared.config.log_sink.line(&format!(
                    "{} {} dropped {}ms",
                    req.method,
                    req.path(),
                    elapsed_ms(started)
                ));
            }
            return response;
        }
        response
    } else {
        // The handler runs synchronously with its context; what it changed is in the
        // `--state` store (if any) by the time it returns, or the context says it is not.
        let (response, failed, pending, noted) = {
            let cx = Cx::new(&shared);
            let reply = if too_large {
                empty(StatusCode::PAYLOAD_TOO_LARGE)
            } else {
                routes::route(&cx, &req)
            };
            let response = reply.unwrap_or_else(|p| {
                if p.status == StatusCode::UNAUTHORIZED
                    && let Some(scheme) = p.challenge
                {
                    let mut state = cx.lock();
                    events::rejected_key(|id| state.app_for_events(id), &req, scheme, cx.now());
                }
                render_problem(&shared, p)
            });
            (response, cx.save_failed(), cx.pending(), cx.take_warning())
        };
        warning = noted;
        if let Some(warning) = &warning
            && shared.config.log
        {
            shared.config.log_sink.line(&format!(
                "warning: {} {}: {warning}",
                req.method,
                req.path()
            ));
        }
        // Answer only once the change is committed, so a crash never loses an acknowledged one.
        let kept = match (&shared.store, pending) {
            (Some(store), Some(number)) => store.wait(number).await,
            _ => true,
        };
        if failed || !kept {
            // The change lives in memory but not in the file: do not let the client believe
            // it was kept. The store logged why.
            render_problem(&shared, Problem::internal())
        } else {
            response
        }
    };
    let headers = response.headers_mut();
    headers.insert(CSP, HeaderValue::from_static("default-src 'self';"));
    headers.insert(NO_SNIFF, HeaderValue::from_static("nosniff"));
    headers.insert(REFERRER, HeaderValue::from_static("no-referrer"));
    cors::allow(&req.headers, &mut response);
    if logged {
        // Every answer is built whole in memory, so reading it back costs no wait; the body is
        // put back unchanged.
        let (parts, body) = response.into_parts();
        let bytes = axum::body::to_bytes(body, usize::MAX)
            .await
            .unwrap_or_default();
        let seen = Seen {
            method: &req.method,
            path: req.path(),
            status: Some(parts.status.as_u16()),
            app: app_of(&req.headers),
            warning,
        };
        record(&shared, seen, started, &req.body, &bytes);
        response = Response::from_parts(parts, Body::from(bytes));
    }
    if shared.config.log {
        // Method, normalised path, status and latency only: never headers, query or body.
        shared.config.log_sink.line(&format!(
            "{} {} {} {}ms",
            req.method,
            req.path(),
            response.status().as_u16(),
            elapsed_ms(started)
        ));
    }
    response
}
