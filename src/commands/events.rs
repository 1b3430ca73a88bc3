//! `passwordless events list`: one page of the event log. `--json` prints the API's page object
//! (events plus `totalEventCount`), which a script needs to page through.

use super::usage;
use crate::api::limits::MAX_EVENTS_PER_PAGE;
use crate::api::types::Event;
use crate::cli::EventsCommand;
use crate::context::Context;
use crate::output::{Columns, Output, text, when};

pub fn run(command: &EventsCommand, ctx: &Context) -> anyhow::Result<Output> {
    let EventsCommand::List(args) = command;
    if args.page == 0 {
        return Err(usage("--page starts at 1"));
    }
    if !(1..=MAX_EVENTS_PER_PAGE).contains(&i64::from(args.per_page)) {
        return Err(usage(format!(
            "--per-page must be from 1 to {MAX_EVENTS_PER_PAGE}"
        )));
    }
    let response = ctx.client()?.events(args.page, args.per_page)?;
    Ok(Columns::new()
        .column("TIME", |e: &Event| when(Some(&e.performed_at)))
        .column("EVENT", |e| e.event_type.clone())
        .column("SEVERITY", |e| e.severity.clone())
        .column("SUBJECT", |e| text(e.subject.as_deref()))
        .column("BY", |e| text(e.performed_by.as_deref()))
        .column("MESSAGE", |e| e.message.clone())
        .list(response.json, &response.data.events, |e| {
            e.event_type.clone()
        }))
}
