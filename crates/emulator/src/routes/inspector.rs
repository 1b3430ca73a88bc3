//! The inspector: an HTML page at `/_emulator/` that shows what the emulator holds (apps, users,
//! aliases, credentials, events, the outbox, faults, the request log) and refreshes itself, and
//! the read-only `GET /_emulator/inspect` it polls. Both sit behind the control-route guard.
//!
//! What it must not do: show a secret or a live token. API secrets are masked as the
//! `api-keys` listing masks them, outbox links and tokens as the request log masks them. Every
//! list is capped (`?limit=`), so a 100k-user state gives a small answer.
//!
//! The page is three files compiled in (no CDN, no build step); every response carries
//! `default-src 'self'`, so the script and style are separate files, and the script writes
//! server-provided text with `textContent` only.

use axum::body::Body;
use axum::http::{StatusCode, header};
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;

use super::admin::{features, key_info};
use crate::dates;
use crate::http::{Reply, Req, ok};
use crate::problem::Problem;
use crate::shared::Shared;
use crate::state::App;
use passwordless_model::redact::redact_text;
use passwordless_model::types::{ApiKeyInfo, AppFeatures};

const PAGE: &str = include_str!("../page/inspector.html");
const SCRIPT: &str = include_str!("../page/inspector.js");
const STYLE: &str = include_str!("../page/inspector.css");

/// Rows of each list when the page does not say.
pub const DEFAULT_LIMIT: usize = 50;
/// The most rows of each list one answer holds.
pub const MAX_LIMIT: usize = 1000;

fn asset(content_type: &'static str, body: &'static str) -> Reply {
    Ok(Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CACHE_CONTROL, "no-store")
        .body(Body::from(body))
        .unwrap_or_default())
}

/// `GET /_emulator/`: the page.
pub fn page() -> Reply {
    asset("text/html; charset=utf-8", PAGE)
}

/// `GET /_emulator/page/inspector.js` and `/_emulator/page/inspector.css`.
pub fn file(name: &str) -> Option<Reply> {
    match name {
        "inspector.js" => Some(asset("text/javascript; charset=utf-8", SCRIPT)),
        "inspector.css" => Some(asset("text/css; charset=utf-8", STYLE)),
        _ => None,
    }
}

/// `GET /_emulator/inspect[?limit=N]`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Inspection {
    now: String,
    limit: usize,
    apps: Vec<AppView>,
    /// The newest mails first.
    outbox: Vec<MailView>,
    outbox_count: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AppView {
    app_id: String,
    created_at: String,
    admin_email: String,
    pending_deletion_at: Option<String>,
    features: AppFeatures,
    keys: Vec<ApiKeyInfo>,
    /// Users as `/users/list` counts them (credential or alias owners).
    user_count: usize,
    alias_count: usize,
    credential_count: usize,
    event_count: usize,
    /// The first `limit` users, in `/users/list` order.
    users: Vec<UserView>,
    /// The newest `limit` events, newest first.
    events: Vec<EventView>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UserView {
    user_id: String,
    /// Plaintext aliases; a hashed one shows as its hash.
    aliases: Vec<String>,
    credentials: Vec<CredentialView>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CredentialView {
    /// base64url, as `descriptor.id` of `/credentials/list`.
    id: String,
    nickname: Option<String>,
    device: String,
    origin: String,
    signature_counter: u32,
    created_at: String,
    last_used_at: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EventView {
    performed_at: String,
    event_type: String,
    severity: String,
    message: String,
    performed_by: String,
    subject: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MailView {
    app_id: String,
    to: String,
    user_id: String,
    /// The link with its token masked.
    link: String,
    sent_at: String,
}

fn limit_of(req: &Req) -> Result<usize, Problem> {
    match req.query("limit") {
        None => Ok(DEFAULT_LIMIT),
        Some(v) => match v.trim().parse::<usize>() {
            Ok(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
            _ => Err(Problem::bad_request(
                None,
                &format!("\"limit\" must be a whole number from 1 to {MAX_LIMIT}: {v:?}"),
            )),
        },
    }
}

fn app_view(app: &App, limit: usize) -> AppView {
    // Users as `/users/list` orders them (credential owners first, then alias-only owners),
    // from the app's index: only the first `limit` get a row, so a poll of a 100k-user app
    // builds 50 rows, not 100k.
    let rows: Vec<UserView> = app
        .users
        .iter()
        .take(limit)
        .map(|(id, user)| UserView {
            user_id: id.to_owned(),
            aliases: user
                .aliases
                .iter()
                .map(|a| a.plaintext.clone().unwrap_or_else(|| a.hash.to_string()))
                .collect(),
            credentials: user
                .credentials
                .iter()
                .map(|c| CredentialView {
                    id: URL_SAFE_NO_PAD.encode(&c.id),
                    nickname: c.nickname(),
                    device: c.device.to_string(),
                    origin: c.origin.to_string(),
                    signature_counter: c.signature_counter,
                    created_at: dates::db(c.created_at),
                    last_used_at: dates::db(c.last_used_at),
                })
                .collect(),
        })
        .collect();
    let user_count = app.users.len();
    AppView {
        app_id: app.id.clone(),
        created_at: dates::db(app.created_at),
        admin_email: app.admin_email.clone(),
        pending_deletion_at: app.delete_at.map(dates::db),
        features: features(app),
        keys: app.keys.iter().map(|k| key_info(&app.id, k)).collect(),
        user_count,
        alias_count: app.users.alias_count(),
        credential_count: app.users.credential_count(),
        event_count: app.events.len(),
        users: rows,
        events: app.events.newest(0, limit, |e| EventView {
            performed_at: dates::db(e.performed_at),
            event_type: e.event_type.to_string(),
            severity: e.severity.to_string(),
            message: redact_text(&e.message),
            performed_by: e.performed_by.clone(),
            subject: e.subject.clone(),
        }),
    }
}

pub fn inspect(shared: &Shared, req: &Req) -> Reply {
    let limit = limit_of(req)?;
    let state = shared.read();
    let outbox = state
        .outbox
        .iter()
        .rev()
        .take(limit)
        .map(|m| MailView {
            app_id: m.app_id.clone(),
            to: m.to.clone(),
            user_id: m.user_id.clone(),
            link: redact_text(&m.link),
            sent_at: m.sent_at.clone(),
        })
        .collect();
    ok(&Inspection {
        now: dates::token(shared.clock.now()),
        limit,
        apps: state
            .apps
            .values()
            .map(|app| app_view(app, limit))
            .collect(),
        outbox,
        outbox_count: state.outbox.len(),
    })
}
