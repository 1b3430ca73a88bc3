//! `passwordless events list`: one page of the event log. `--json` prints the API's page object
//! (events plus `totalEventCount`), which a script needs to page through.

use serde_json::Value;

use super::{list_output, usage};
use crate::cli::EventsCommand;
use crate::context::Context;
use crate::output::Output;

pub const MAX_PER_PAGE: u32 = 1000;

pub fn run(command: &EventsCommand, ctx: &Context) -> anyhow::Result<Output> {
    let EventsCommand::List(args) = command;
    if args.page == 0 {
        return Err(usage("--page starts at 1"));
    }
    if !(1..=MAX_PER_PAGE).contains(&args.per_page) {
        return Err(usage(format!(
            "--per-page must be from 1 to {MAX_PER_PAGE}"
        )));
    }
    let response = ctx.client()?.events(args.page, args.per_page)?;
    let events = response
        .json
        .get("events")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let table = list_output(
        events,
        &[
            ("TIME", "performedAt"),
            ("EVENT", "eventType"),
            ("SEVERITY", "severity"),
            ("SUBJECT", "subject"),
            ("BY", "performedBy"),
            ("MESSAGE", "message"),
        ],
        "eventType",
    );
    Ok(match table {
        Output::List {
            headers, rows, ids, ..
        } => Output::List {
            json: response.json,
            headers,
            rows,
            ids,
        },
        other => other,
    })
}
