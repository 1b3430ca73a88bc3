//! Emulator-only control routes, no key needed: `GET /_emulator/state`,
//! `GET /_emulator/outbox` and the fault rules under `/_emulator/faults`, and the [`guard`] that
//! keeps web pages away from them. Secrets are masked; public keys are not secret.

use std::net::IpAddr;

use serde_json::{Value, json};

use super::admin::{features_json, key_json};
use super::users::summaries;
use crate::emulator::dates;
use axum::http::StatusCode;

use crate::emulator::faults::FaultSpec;
use crate::emulator::problem::Problem;
use crate::emulator::server::{Reply, Req, empty, json as json_reply, ok};
use crate::emulator::state::Shared;

/// Refuses what a web page could send to the control routes, which need no key yet change the
/// emulator's answers (faults) and hand out live sign-in tokens (outbox):
/// - a `Host` that is neither `localhost` nor the address the emulator is bound to (DNS
///   rebinding: a page on a name the attacker re-points to 127.0.0.1 is "same origin");
/// - an `Origin` other than the emulator's own, or `Sec-Fetch-Site` saying cross-site;
/// - a body that is not `application/json` (a cross-site form or `text/plain` POST needs no
///   CORS preflight; JSON does).
///
/// Command-line tools send no `Origin`, so the CLI, curl and test code are unaffected.
pub fn guard(shared: &Shared, req: &Req) -> Result<(), Problem> {
    let host = req.header("host");
    if let Some(host) = host
        && !host_allowed(shared.config.bind.ip(), host)
    {
        return Err(Problem::api(
            StatusCode::FORBIDDEN,
            Some("host_not_allowed"),
            &format!(
                "The emulator's control routes answer only to localhost or {}, not Host {host:?}; use http://localhost:PORT or the address it printed at start.",
                shared.config.bind.ip()
            ),
        ));
    }
    if let Some(origin) = req.header("origin") {
        let own = host.is_some_and(|host| origin.eq_ignore_ascii_case(&format!("http://{host}")));
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
        let media = content_type
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap_or("")
            .trim();
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

pub fn state(shared: &Shared) -> Reply {
    let state = shared.lock();
    let apps: Vec<Value> = state
        .apps
        .values()
        .map(|app| {
            let users: Vec<Value> = summaries(app)
                .into_iter()
                .map(|u| {
                    let aliases: Vec<Value> = app
                        .aliases
                        .iter()
                        .filter(|a| a.user_id == u.user_id)
                        .map(|a| json!({"alias": a.hash, "plaintext": a.plaintext}))
                        .collect();
                    let credentials: Vec<Value> = app
                        .credentials
                        .iter()
                        .filter(|c| c.user_id == u.user_id)
                        .map(|c| serde_json::to_value(c.to_wire()).unwrap_or_default())
                        .collect();
                    json!({"userId": u.user_id, "aliases": aliases, "credentials": credentials})
                })
                .collect();
            json!({
                "appId": app.id,
                "createdAt": dates::db(app.created_at),
                "pendingDeletionAt": app.delete_at.map(dates::db),
                "features": features_json(app),
                "magicLinkEmailMonthlyQuota": app.features.magic_link_monthly_quota,
                "keys": app.keys.iter().map(|k| key_json(&app.id, k)).collect::<Vec<_>>(),
                "users": users,
                "authConfigs": app.auth_configs.iter().map(|c| c.purpose.clone()).collect::<Vec<_>>(),
                "authenticators": app.authenticators.iter().map(|a| json!({"aaGuid": a.aa_guid, "isAllowed": a.is_allowed})).collect::<Vec<_>>(),
                "eventCount": app.events.len(),
            })
        })
        .collect();
    ok(&json!({ "apps": apps }))
}

pub fn outbox(shared: &Shared) -> Reply {
    let state = shared.lock();
    ok(&state.outbox)
}

pub fn list_faults(shared: &Shared) -> Reply {
    ok(&shared.faults.list())
}

pub fn add_fault(shared: &Shared, req: &Req) -> Reply {
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

pub fn clear_faults(shared: &Shared) -> Reply {
    shared.faults.clear();
    empty(StatusCode::NO_CONTENT)
}
