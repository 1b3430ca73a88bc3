//! The route table: matches the normalised, lower-cased path and the method, then calls the
//! handler of the area. Unknown path → 404 and known path with another method → 405, both with
//! empty bodies, as ASP.NET routing does.

mod admin;
mod aliases;
mod auth_configs;
mod authenticators;
mod ceremony;
mod credentials;
mod debug;
mod demo;
mod events;
mod features;
mod health;
mod inspector;
mod magic;
mod passkey_register;
mod passkey_signin;
mod register;
mod reports;
mod signin;
mod users;

use axum::http::{Method, StatusCode};

use super::auth::Caller;
use super::cx::Cx;
use super::events::By;
use super::http::{Reply, Req, empty};
use super::problem::{Problem, Validation};
use super::state::{App, Event, State};
use passwordless_model::limits::{MAX_ALIAS_LEN, MAX_ALIASES};

pub fn route(shared: &Cx<'_>, req: &Req) -> Reply {
    if req.lower_segments().next() == Some("_emulator") {
        debug::guard(shared, req)?;
    }
    // The segments on the stack: no route has more than eight, so a longer path is unknown.
    let mut buf = [""; 8];
    let mut count = 0;
    for segment in req.lower_segments() {
        let Some(slot) = buf.get_mut(count) else {
            return empty(StatusCode::NOT_FOUND);
        };
        *slot = segment;
        count += 1;
    }
    let segs = &buf[..count];
    const GET: &[Method] = &[Method::GET];
    const POST: &[Method] = &[Method::POST];
    match segs {
        ["register", "token"] => on(req, POST, || register::token(shared, req)),
        ["register", "begin"] => on(req, POST, || passkey_register::begin(shared, req)),
        ["register", "complete"] => on(req, POST, || passkey_register::complete(shared, req)),
        ["signin", "begin"] => on(req, POST, || passkey_signin::begin(shared, req)),
        ["signin", "complete"] => on(req, POST, || passkey_signin::complete(shared, req)),
        ["signin", "verify"] => on(req, POST, || signin::verify(shared, req)),
        ["signin", "generate-token"] => on(req, POST, || signin::generate(shared, req)),
        ["alias"] => on(req, POST, || aliases::set(shared, req)),
        ["alias", "list"] => on(req, GET, || aliases::list(shared, req)),
        ["credentials", "list"] => on(req, &[Method::GET, Method::POST], || {
            credentials::list(shared, req)
        }),
        ["credentials", "delete"] => on(req, POST, || credentials::delete(shared, req, false)),
        ["users", "list"] => on(req, GET, || users::list(shared, req)),
        ["users", "count"] => on(req, GET, || users::count(shared, req)),
        ["users", "delete"] => on(req, POST, || users::delete(shared, req)),
        ["magic-links", "send"] => on(req, POST, || magic::send(shared, req)),
        ["apps", "features"] => on(req, POST, || features::set(shared, req)),
        ["auth-configs", "list"] => on(req, GET, || auth_configs::list(shared, req)),
        ["auth-configs", "add"] => on(req, POST, || auth_configs::add(shared, req)),
        ["auth-configs"] => on(req, POST, || auth_configs::update(shared, req)),
        ["auth-configs", "delete"] => on(req, POST, || auth_configs::delete(shared, req)),
        ["authenticators", "list"] => on(req, GET, || authenticators::list(shared, req)),
        ["authenticators", "add"] => on(req, POST, || authenticators::add(shared, req)),
        ["authenticators", "remove"] => on(req, POST, || authenticators::remove(shared, req)),
        ["events"] => on(req, GET, || events::list(shared, req)),
        ["reporting", "credentials", "periodic"] => {
            on(req, GET, || reports::periodic(shared, req, false))
        }
        ["reporting", "active-users", "periodic"] => {
            on(req, GET, || reports::periodic(shared, req, true))
        }
        ["_emulator", "demo", "register-token"] => on(req, POST, || {
            demo::with_dev_secret(shared, req, |inner| register::token(shared, inner))
        }),
        ["_emulator", "demo", "verify"] => on(req, POST, || {
            demo::with_dev_secret(shared, req, |inner| signin::verify(shared, inner))
        }),
        ["_emulator"] => on(req, GET, inspector::page),
        ["_emulator", "inspect"] => on(req, GET, || inspector::inspect(shared, req)),
        ["_emulator", "page", name] => match demo::file(name).or_else(|| inspector::file(name)) {
            Some(reply) => on(req, GET, || reply),
            None => empty(StatusCode::NOT_FOUND),
        },
        ["_emulator", "state"] => on(req, GET, || debug::state(shared)),
        ["_emulator", "outbox"] => on(req, GET, || debug::outbox(shared)),
        ["_emulator", "export"] => on(req, GET, || debug::export(shared, req)),
        ["_emulator", "requests"] => on(req, GET, || debug::requests(shared, req)),
        ["_emulator", "reset"] => on(req, POST, || debug::reset(shared)),
        ["_emulator", "clock"] => on(req, GET, || debug::clock(shared)),
        ["_emulator", "clock", "advance"] => on(req, POST, || debug::clock_advance(shared, req)),
        ["_emulator", "clock", "set"] => on(req, POST, || debug::clock_set(shared, req)),
        ["_emulator", "faults"] => match req.method {
            Method::GET => debug::list_faults(shared),
            Method::POST => debug::add_fault(shared, req),
            Method::DELETE => debug::clear_faults(shared),
            _ => empty(StatusCode::METHOD_NOT_ALLOWED),
        },
        ["_emulator", "faults", id] => {
            on(req, &[Method::DELETE], || debug::remove_fault(shared, id))
        }
        s if admin::is_route(s) => admin::route(shared, req, s),

        [] => on(req, GET, || demo::page(shared)),
        ["health", "http"] => on(req, GET, health::http),
        ["health", "storage"] => on(req, GET, || health::storage(false)),
        ["health", "version"] => on(req, GET, || health::storage(true)),
        ["health", "mail"] => on(req, GET, health::mail),
        ["health", "throw", "api"] => on(req, GET, || {
            Err(Problem::bad_request(
                Some("test_error"),
                "Testing error response",
            ))
        }),
        ["health", "throw", "exception"] => on(req, GET, || Err(Problem::internal())),
        _ => empty(StatusCode::NOT_FOUND),
    }
}

fn on(req: &Req, methods: &[Method], handler: impl FnOnce() -> Reply) -> Reply {
    if methods.contains(&req.method) {
        handler()
    } else {
        empty(StatusCode::METHOD_NOT_ALLOWED)
    }
}

/// A query parameter that must be present (ASP.NET binding fails with a 400 otherwise).
fn query_required<'a>(req: &'a Req, name: &str, param: &str) -> Result<&'a str, Problem> {
    req.query(name).ok_or_else(|| {
        Problem::binding(&format!(
            "Required parameter \"{param}\" was not provided from query string."
        ))
    })
}

/// Records an event for a request that changed nothing else (the token routes). The event is
/// built before any lock is taken. In memory it is added under the read lock (the log has its
/// own), so token requests never wait for one another's readers; with `--state` it is added
/// under the write lock, which orders it with every other change, and goes to the journal, not
/// a whole snapshot. The caller has let go of its read lock.
fn record_event(
    shared: &Cx<'_>,
    caller: &Caller,
    event: impl FnOnce(&mut By<'_>),
) -> Result<(), Problem> {
    let mut pending: Option<Event> = None;
    event(&mut By {
        now: shared.now(),
        tenant: &caller.app_id,
        key_id: &caller.key_id,
        enabled: true,
        events: &mut pending,
    });
    let Some(event) = pending else {
        return Ok(());
    };
    // The app's setting may have changed since the caller looked; the server checks it when it
    // writes the log.
    if shared.store.is_none() {
        // In memory nothing is journaled: the read lock and the log's own lock suffice.
        let state = shared.read();
        let app = state
            .apps
            .get(&caller.app_id)
            .ok_or_else(Problem::internal)?;
        if app.features.event_logging_enabled {
            app.events.push_shared(event, &shared.clock);
        }
        return Ok(());
    }
    let mut state = shared.lock();
    let app = state
        .app_for_events(&caller.app_id)
        .ok_or_else(Problem::internal)?;
    if app.features.event_logging_enabled {
        // Stamped here, so the log's order and its times agree.
        app.events.push(Event {
            performed_at: shared.now(),
            ..event
        });
    }
    Ok(())
}

/// The caller's app; it exists because authentication just found it.
fn app_mut<'a>(state: &'a mut State, app_id: &str) -> Result<&'a mut App, Problem> {
    state.apps.get_mut(app_id).ok_or_else(Problem::internal)
}

/// Alias list rules shared by `/register/token` and `/alias` (contract §2.4). A `null` item
/// binds as an empty string, so it fails the item rule as the server's does.
fn validate_aliases(v: &mut Validation, aliases: &[String]) {
    if aliases.len() > MAX_ALIASES {
        v.add(
            "aliases",
            format!(
                "The field Aliases must be a string or array type with a maximum length of '{MAX_ALIASES}'."
            ),
        );
    }
    if aliases
        .iter()
        .any(|a| a.encode_utf16().count() > MAX_ALIAS_LEN)
    {
        v.add(
            "aliases",
            format!(
                "The field Aliases must be a collection that contains strings with a maximum length of '{MAX_ALIAS_LEN}'."
            ),
        );
    }
    if aliases.iter().any(|a| a.trim().is_empty()) {
        v.add(
            "aliases",
            "The field Aliases must be a collection where every item is required.",
        );
    }
}

/// Distinct values in first-seen order (the server keeps aliases and hints in sets).
fn dedup(aliases: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in aliases {
        if !out.contains(&a) {
            out.push(a);
        }
    }
    out
}

/// 409 when any alias already belongs to another user.
fn check_alias_conflict(app: &App, user_id: &str, aliases: &[String]) -> Result<(), Problem> {
    for alias in aliases {
        if let Some(owner) = app.alias_owner(&app.alias_hash(alias))
            && owner != user_id
        {
            return Err(Problem::api(
                StatusCode::CONFLICT,
                Some("alias_conflict"),
                "Alias is already in use by another userid",
            ));
        }
    }
    Ok(())
}
