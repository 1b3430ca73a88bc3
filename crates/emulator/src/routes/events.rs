//! `GET /events` (contract §2.13): the app's event log, newest first, one page at a time.

use super::query_required;
use crate::cx::Cx;
use crate::http::{Reply, Req, ok};
use crate::problem::{Problem, Validation};
use crate::{auth, dates};
use passwordless_model::limits::{DEFAULT_EVENTS_PER_PAGE, MAX_EVENTS_PER_PAGE};
use passwordless_model::types::{Event, EventPage};

fn query_int(req: &Req, name: &str, required: bool) -> Result<Option<i64>, Problem> {
    let value = if required {
        Some(query_required(req, name, &format!("int {name}"))?)
    } else {
        req.query(name).filter(|v| !v.is_empty())
    };
    value
        .map(|v| {
            v.trim().parse::<i32>().map(i64::from).map_err(|_| {
                Problem::binding(&format!(
                    "Failed to bind parameter \"int {name}\" from \"{v}\"."
                ))
            })
        })
        .transpose()
}

pub fn list(shared: &Cx<'_>, req: &Req) -> Reply {
    let state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    let page = query_int(req, "pageNumber", true)?.unwrap_or(1);
    let size = query_int(req, "numberOfResults", false)?.unwrap_or(DEFAULT_EVENTS_PER_PAGE);
    let mut v = Validation::default();
    if page < 1 {
        v.range("pageNumber", "PageNumber", 1, i32::MAX as i64);
    }
    if !(1..=MAX_EVENTS_PER_PAGE).contains(&size) {
        v.range("numberOfResults", "NumberOfResults", 1, MAX_EVENTS_PER_PAGE);
    }
    v.into_result()?;
    let app = state
        .apps
        .get(&caller.app_id)
        .ok_or_else(Problem::internal)?;
    if !app.features.event_logging_enabled {
        return Err(Problem::forbidden(
            "Event logging is not enabled for this application.",
        ));
    }
    let skip = usize::try_from((page - 1) * size).unwrap_or(usize::MAX);
    let events = app.events.newest(skip, size as usize, |e| Event {
        performed_at: dates::db(e.performed_at),
        message: e.message.clone(),
        performed_by: Some(e.performed_by.clone()),
        tenant_id: app.id.clone(),
        event_type: e.event_type.to_string(),
        severity: e.severity.to_string(),
        subject: Some(e.subject.clone()),
        api_key_id: Some(e.api_key_id.clone()),
    });
    ok(&EventPage {
        tenant_id: app.id.clone(),
        events,
        total_event_count: app.events.len() as u64,
    })
}
