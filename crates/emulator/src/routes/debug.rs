//! Emulator-only control routes, no key needed: `GET /_emulator/state`,
//! `GET /_emulator/outbox`, `GET /_emulator/requests`, `GET /_emulator/export`, the fault rules under `/_emulator/faults`, `POST /_emulator/reset`,
//! the clock under `/_emulator/clock`, and the [`guard`] that keeps web pages away from them.
//! Secrets are masked; public keys are not secret.

use std::net::IpAddr;

use serde::Serialize;

use super::admin::{features, key_info};
use crate::dates;
use axum::http::StatusCode;
use passwordless_model::types::{ApiKeyInfo, AppFeatures, Credential};

use crate::cx::Cx;
use crate::faults::FaultSpec;
use crate::http::{Reply, Req, empty, json as json_reply, ok};
use crate::lazy::LazySeq;
use crate::problem::Problem;
use crate::state::App;
use crate::users::User;

/// `GET /_emulator/state`: everything the emulator holds, for tests and curious users. The
/// users are serialised as they are walked (see `lazy`), not copied first.
#[derive(Serialize)]
struct StateDump<A> {
    apps: A,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AppDump<U> {
    app_id: String,
    created_at: String,
    pending_deletion_at: Option<String>,
    features: AppFeatures,
    magic_link_email_monthly_quota: i64,
    keys: Vec<ApiKeyInfo>,
    users: U,
    auth_configs: Vec<String>,
    authenticators: Vec<AuthenticatorDump>,
    event_count: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UserDump {
    user_id: String,
    aliases: Vec<AliasDump>,
    credentials: Vec<Credential>,
}

#[derive(Serialize)]
struct AliasDump {
    alias: String,
    plaintext: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AuthenticatorDump {
    aa_guid: String,
    is_allowed: bool,
}

fn user_dump(user_id: &str, user: &User) -> UserDump {
    UserDump {
        aliases: user
            .aliases
            .iter()
            .map(|a| AliasDump {
                alias: a.hash.to_string(),
                plaintext: a.plaintext.clone(),
            })
            .collect(),
        credentials: user.credentials.iter().map(|c| c.to_wire()).collect(),
        user_id: user_id.to_owned(),
    }
}

fn app_dump(app: &App) -> AppDump<impl Serialize + '_> {
    AppDump {
        app_id: app.id.clone(),
        created_at: dates::db(app.created_at),
        pending_deletion_at: app.delete_at.map(dates::db),
        features: features(app),
        magic_link_email_monthly_quota: app.features.magic_link_monthly_quota,
        keys: app.keys.iter().map(|k| key_info(&app.id, k)).collect(),
        users: LazySeq(|| app.users.iter().map(|(id, user)| user_dump(id, user))),
        auth_configs: app.auth_configs.iter().map(|c| c.purpose.clone()).collect(),
        authenticators: app
            .authenticators
            .iter()
            .map(|a| AuthenticatorDump {
                aa_guid: a.aa_guid.clone(),
                is_allowed: a.is_allowed,
            })
            .collect(),
        event_count: app.events.len(),
    }
}

/// Refuses what a web page could send to the control routes, which need no key yet change the
/// emulator's answers (faults) and hand out live sign-in tokens (outbox):
/// - a `Host` that is neither `localhost` nor the address the emulator is bound to (DNS
///   rebinding: a page on a name the attacker re-points to 127.0.0.1 is "same origin"), over
///   plain http;
/// - an `Origin` other than the emulator's own, or `Sec-Fetch-Site` saying cross-site;
/// - a body that is not `application/json` (a cross-site form or `text/plain` POST needs no
///   CORS preflight; JSON does).
///
/// Command-line tools send no `Origin`, so the CLI, curl and test code are unaffected.
pub fn guard(shared: &Cx<'_>, req: &Req) -> Result<(), Problem> {
    // `Req::header` reads only visible ASCII, so a value with another byte would look absent
    // and skip its check below: such a value is refused outright (fail closed).
    for name in ["host", "origin", "sec-fetch-site"] {
        if req.headers.contains_key(name) && req.header(name).is_none() {
            return Err(Problem::api(
                StatusCode::FORBIDDEN,
                Some(if name == "host" {
                    "host_not_allowed"
                } else {
                    "origin_not_allowed"
                }),
                &format!(
                    "The emulator's control routes refuse a {name} header that is not visible ASCII."
                ),
            ));
        }
    }
    let host = req.header("host");
    // Over TLS a rebound name fails the handshake in the browser (the certificate is not for
    // it), so any Host the client reached us by is one our certificate names: a LAN name of
    // `--tls-cert` must work for the demo page on a phone.
    let tls = shared.config.tls.is_some();
    if let Some(host) = host
        && !tls
        && !host_allowed(shared.config.bind.ip(), host)
    {
        return Err(Problem::api(
            StatusCode::FORBIDDEN,
            Some("host_not_allowed"),
            &format!(
                "The emulator's control routes answer only to localhost or {}, not Host {host:?}; use localhost:PORT or the address it printed at start.",
                shared.config.bind.ip()
            ),
        ));
    }
    if let Some(origin) = req.header("origin") {
        // The emulator's own pages come from its own scheme: https under --tls.
        let scheme = if tls { "https" } else { "http" };
        let own =
            host.is_some_and(|host| origin.eq_ignore_ascii_case(&format!("{scheme}://{host}")));
        if !own {
            return Err(Problem::api(
                StatusCode::FORBIDDEN,
                Some("origin_not_allowed"),
                &format!(
                    "The emulator's control routes do not answer web pages of other origins (Origin {origin:?})."
                ),
            ));
        }
    }
    if req
        .header("sec-fetch-site")
        .is_some_and(|site| !matches!(site, "same-origin" | "none"))
    {
        return Err(Problem::api(
            StatusCode::FORBIDDEN,
            Some("origin_not_allowed"),
            "The emulator's control routes do not answer cross-site requests.",
        ));
    }
    let content_type = req.header("content-type");
    if !req.body.is_empty() || content_type.is_some() {
        let media = passwordless_model::media::essence(content_type.unwrap_or(""));
        if !media.eq_ignore_ascii_case("application/json") {
            return Err(Problem::unsupported_media(content_type.unwrap_or("")));
        }
    }
    Ok(())
}

/// `localhost`, a loopback address, or the bound address; when bound to all interfaces, any IP
/// literal (an IP cannot be re-pointed by DNS). The port is not checked: it may be forwarded.
fn host_allowed(bound: IpAddr, host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        // `[::1]:7001`
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    let name = name.trim_end_matches('.');
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    match name.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback() || ip == bound || bound.is_unspecified(),
        Err(_) => false,
    }
}

/// Under the read lock: a dump of a large state must not stop the requests that only read.
pub fn state(shared: &Cx<'_>) -> Reply {
    let state = shared.read();
    let reply = ok(&StateDump {
        apps: LazySeq(|| state.apps.values().map(app_dump)),
    });
    drop(state);
    // Each user's record was made and dropped as it was written: their scraps go back.
    crate::memory::give_back_freed();
    reply
}

pub fn outbox(shared: &Cx<'_>) -> Reply {
    let state = shared.read();
    ok(&state.outbox)
}

/// `GET /_emulator/requests[?limit=N][&after=ID]`: the logged requests, oldest first; `after`
/// lets a poller (`emulator requests --follow`) ask only for the ones it has not seen.
pub fn requests(shared: &Cx<'_>, req: &Req) -> Reply {
    let number = |name: &str| -> Result<Option<u64>, Problem> {
        req.query(name)
            .map(|v| {
                v.trim().parse::<u64>().map_err(|_| {
                    Problem::bad_request(None, &format!("\"{name}\" is not a whole number: {v:?}"))
                })
            })
            .transpose()
    };
    let after = number("after")?.unwrap_or(0);
    let limit = number("limit")?.map(|n| usize::try_from(n).unwrap_or(usize::MAX));
    ok(&shared.requests.list(after, limit))
}

pub fn list_faults(shared: &Cx<'_>) -> Reply {
    ok(&shared.faults.list())
}

pub fn add_fault(shared: &Cx<'_>, req: &Req) -> Reply {
    let spec: FaultSpec = serde_json::from_slice(&req.body).map_err(|e| {
        Problem::bad_request(
            None,
            &format!("the fault is not valid JSON of the expected shape: {e}"),
        )
    })?;
    let fault = shared
        .faults
        .add(spec)
        .map_err(|message| Problem::bad_request(None, &message))?;
    json_reply(StatusCode::CREATED, &fault)
}

pub fn clear_faults(shared: &Cx<'_>) -> Reply {
    shared.faults.clear();
    empty(StatusCode::NO_CONTENT)
}

/// `DELETE /_emulator/faults/{id}`: 204, or 404 when no rule has that id (any more: a counted
/// rule goes away by itself once used up).
pub fn remove_fault(shared: &Cx<'_>, id: &str) -> Reply {
    match id.parse::<u64>() {
        Ok(id) if shared.faults.remove(id) => empty(StatusCode::NO_CONTENT),
        _ => Err(Problem::api(
            StatusCode::NOT_FOUND,
            None,
            &format!("There is no fault rule with the id '{id}'."),
        )),
    }
}

/// `GET /_emulator/export[?secrets=true]`: the state and fault rules as a seed (see `export`),
/// made under the read lock.
pub fn export(shared: &Cx<'_>, req: &Req) -> Reply {
    let secrets = match req.query("secrets").map(str::trim) {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => {
            return Err(Problem::bad_request(
                None,
                &format!("\"secrets\" is true or false, not {other:?}"),
            ));
        }
    };
    let faults = shared.faults.list();
    let state = shared.read();
    let reply = ok(&crate::export::export(&state, &faults, secrets));
    drop(state);
    crate::memory::give_back_freed();
    reply
}

/// `POST /_emulator/reset`: back to the state the emulator started from (see `Shared::reset`).
pub fn reset(shared: &Cx<'_>) -> Reply {
    shared
        .reset(shared.lock())
        .map_err(|_| Problem::internal())?;
    empty(StatusCode::NO_CONTENT)
}

/// What the clock routes answer: `{"now": "2027-01-01T00:00:00Z"}`.
#[derive(Serialize)]
struct ClockDump {
    now: String,
}

/// `POST /_emulator/clock/advance` takes `{"by": "2m"}` (humantime: `90s`, `2h 30m`, `31d`).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Advance {
    by: String,
}

/// `POST /_emulator/clock/set` takes `{"now": "2027-01-01T00:00:00Z"}` (RFC 3339).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SetClock {
    now: String,
}

fn clock_reply(now: time::OffsetDateTime) -> Reply {
    ok(&ClockDump {
        now: dates::token(now),
    })
}

fn body<T: serde::de::DeserializeOwned>(req: &Req, shape: &str) -> Result<T, Problem> {
    serde_json::from_slice(&req.body).map_err(|e| {
        Problem::bad_request(
            None,
            &format!("the body is not valid JSON of the shape {shape}: {e}"),
        )
    })
}

/// `GET /_emulator/clock`.
pub fn clock(shared: &Cx<'_>) -> Reply {
    clock_reply(shared.clock.now())
}

pub fn clock_advance(shared: &Cx<'_>, req: &Req) -> Reply {
    let Advance { by } = body(req, r#"{"by": "2m"}"#)?;
    let by = humantime::parse_duration(by.trim()).map_err(|e| {
        Problem::bad_request(
            None,
            &format!("\"by\" is not a duration such as 90s, 2m or 31d: {by:?} ({e})"),
        )
    })?;
    let now = shared
        .clock
        .try_advance(by)
        .map_err(|message| Problem::bad_request(None, &message))?;
    clock_reply(now)
}

pub fn clock_set(shared: &Cx<'_>, req: &Req) -> Reply {
    let SetClock { now } = body(req, r#"{"now": "2027-01-01T00:00:00Z"}"#)?;
    let at = time::OffsetDateTime::parse(
        now.trim(),
        &time::format_description::well_known::Rfc3339,
    )
    .map_err(|e| {
        Problem::bad_request(
            None,
            &format!("\"now\" is not an RFC 3339 time such as 2027-01-01T00:00:00Z: {now:?} ({e})"),
        )
    })?;
    let now = shared
        .clock
        .try_set(at)
        .map_err(|message| Problem::bad_request(None, &message))?;
    clock_reply(now)
}
