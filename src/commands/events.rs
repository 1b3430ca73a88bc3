//! `passwordless events list`: the event log. One page by default (`--json` prints the API's
//! page object, which a script needs to page through); `--all`, `--since` and `--follow` stream
//! events as pages arrive, so a long log never piles up in memory. The API has no filter, so
//! `--type` and `--since` are applied here. Streamed output is written through `emit` as it
//! comes; nothing here writes to stdout itself.

use std::time::Duration;

use serde_json::Value;
use time::OffsetDateTime;

use super::usage;
use crate::api::Client;
use crate::api::limits::MAX_EVENTS_PER_PAGE;
use crate::api::types::Event;
use crate::cli::{EventsCommand, EventsListArgs};
use crate::context::Context;
use crate::output::{Columns, Format, Output, parse_utc, text, when};
use crate::terminal::escape;

/// Prints one piece of output as soon as it is ready.
pub type Emit<'a> = &'a mut dyn FnMut(&Output) -> anyhow::Result<()>;

const HEADERS: [&str; 6] = ["TIME", "EVENT", "SEVERITY", "SUBJECT", "BY", "MESSAGE"];

pub fn run(command: &EventsCommand, ctx: &Context, emit: Emit<'_>) -> anyhow::Result<Output> {
    let EventsCommand::List(args) = command;
    if args.page == 0 {
        return Err(usage("--page starts at 1"));
    }
    if !(1..=MAX_EVENTS_PER_PAGE).contains(&i64::from(args.per_page)) {
        return Err(usage(format!(
            "--per-page must be from 1 to {MAX_EVENTS_PER_PAGE}"
        )));
    }
    let since = args.since.as_deref().map(parse_since).transpose()?;
    let filter = Filter {
        since,
        types: &args.types,
    };
    let client = ctx.client()?;
    if args.follow {
        return follow(&client, args, &filter, ctx.format, emit);
    }
    if args.all || since.is_some() {
        return stream(&client, args, &filter, ctx.format, emit);
    }
    one_page(&client, args, &filter, ctx.format)
}

/// One page of the log: each event typed (for the table and filters) and as the API sent it
/// (for `--json`, which prints the API's own JSON, members the CLI does not know included).
struct Page {
    total: u64,
    events: Vec<(Event, Value)>,
}

fn page(client: &Client, number: u32, per_page: u32) -> anyhow::Result<Page> {
    let response = client.events(number, per_page)?;
    let raw = match response.json.get("events") {
        Some(Value::Array(items)) => items.clone(),
        _ => Vec::new(),
    };
    Ok(Page {
        total: response.data.total_event_count,
        events: response.data.events.into_iter().zip(raw).collect(),
    })
}

/// What `--since` and `--type` let through.
struct Filter<'a> {
    since: Option<OffsetDateTime>,
    types: &'a [String],
}

impl Filter<'_> {
    fn wants(&self, event: &Event) -> bool {
        (self.types.is_empty()
            || self
                .types
                .iter()
                .any(|t| t.eq_ignore_ascii_case(&event.event_type)))
            && !self.before_since(event)
    }

    /// Whether the event is older than `--since` (an unreadable time is kept).
    fn before_since(&self, event: &Event) -> bool {
        match (self.since, parse_utc(&event.performed_at)) {
            (Some(since), Some(at)) => at < since,
            _ => false,
        }
    }
}

/// `--since`: an RFC 3339 time, a date (midnight UTC), or a duration before now.
fn parse_since(value: &str) -> anyhow::Result<OffsetDateTime> {
    let value = value.trim();
    if let Some(at) = parse_utc(value) {
        return Ok(at);
    }
    if let Ok(date) = time::Date::parse(
        value,
        time::macros::format_description!("[year]-[month]-[day]"),
    ) {
        return Ok(date.midnight().assume_utc());
    }
    if let Ok(ago) = crate::cli::parse_duration(value) {
        return Ok(OffsetDateTime::now_utc() - ago);
    }
    Err(usage(format!(
        "--since `{value}` is not a time (2026-01-02T03:04:05Z), a date (2026-01-02) or a duration ago (30m, 2h, 7d)"
    )))
}

/// One page, as a table with a footer on stderr saying where it is in the log.
fn one_page(
    client: &Client,
    args: &EventsListArgs,
    filter: &Filter<'_>,
    format: Format,
) -> anyhow::Result<Output> {
    let response = client.events(args.page, args.per_page)?;
    let total = response.data.total_event_count;
    let raw = match response.json.get("events") {
        Some(Value::Array(items)) => items.clone(),
        _ => Vec::new(),
    };
    let (events, raw): (Vec<Event>, Vec<Value>) = response
        .data
        .events
        .into_iter()
        .zip(raw)
        .filter(|(e, _)| filter.wants(e))
        .unzip();
    let json = if !filter.types.is_empty() || format == Format::JsonLines {
        // A filtered page is no longer the API's page: a list of the events shown.
        Value::Array(raw)
    } else {
        response.json
    };
    if let Format::Table { .. } = format {
        let pages = total.div_ceil(u64::from(args.per_page));
        if total > 0 {
            let mut footer = format!("page {} of {pages} ({total} events)", args.page);
            if u64::from(args.page) < pages {
                footer.push_str(&format!(", more with --page {}", args.page + 1));
            }
            crate::report::note(&footer);
        }
    }
    Ok(columns().list(json, &events, |e| e.event_type.clone()))
}

fn columns<'a>() -> Columns<'a, Event> {
    Columns::new()
        .column(HEADERS[0], |e: &Event| when(Some(&e.performed_at)))
        .column(HEADERS[1], |e| e.event_type.clone())
        .column(HEADERS[2], |e| e.severity.clone())
        .column(HEADERS[3], |e| text(e.subject.as_deref()))
        .column(HEADERS[4], |e| text(e.performed_by.as_deref()))
        .column(HEADERS[5], |e| e.message.clone())
}

/// How streamed events are written, one at a time.
struct Writer<'e> {
    format: Format,
    emit: Emit<'e>,
    /// `--json` of a finite stream is one array, opened before the first event.
    opened: bool,
    /// With `--follow`, `--json` is one event per line: an endless stream has no array end.
    endless: bool,
}

impl<'e> Writer<'e> {
    fn new(format: Format, endless: bool, emit: Emit<'e>) -> Self {
        Writer {
            format,
            emit,
            opened: false,
            endless,
        }
    }

    fn event(&mut self, (event, raw): &(Event, Value)) -> anyhow::Result<()> {
        let line = match self.format {
            Format::Json if !self.endless => {
                let item = serde_json::to_string_pretty(raw)?.replace('\n', "\n  ");
                let lead = if self.opened { ",\n  " } else { "[\n  " };
                self.opened = true;
                format!("{lead}{item}")
            }
            Format::Json | Format::JsonLines => format!("{}\n", serde_json::to_string(raw)?),
            Format::Quiet => format!("{}\n", escape(&event.event_type)),
            Format::Table { terminal } => {
                if !self.opened && !terminal {
                    // Piped: the same tab-separated columns as one page's table, header first.
                    (self.emit)(&Output::Text(format!("{}\n", HEADERS.join("\t"))))?;
                }
                self.opened = true;
                let cells: Vec<String> = [
                    when(Some(&event.performed_at)),
                    event.event_type.clone(),
                    event.severity.clone(),
                    text(event.subject.as_deref()),
                    text(event.performed_by.as_deref()),
                    text(Some(&event.message)),
                ]
                .iter()
                .map(|c| escape(c.trim()).into_owned())
                .collect();
                // On a terminal, a log line per event (a bordered table cannot grow as events
                // come); piped, tab-separated as above.
                format!("{}\n", cells.join(if terminal { "  " } else { "\t" }))
            }
        };
        (self.emit)(&Output::Text(line))
    }

    fn finish(&mut self) -> anyhow::Result<()> {
        if self.format == Format::Json && !self.endless {
            let end = if self.opened { "\n]\n" } else { "[]\n" };
            (self.emit)(&Output::Text(end.to_owned()))?;
        }
        Ok(())
    }
}

/// `--all` and `--since`: page after page, newest first, each printed as it arrives; `--since`
/// stops at the first older event (the log is newest first).
fn stream(
    client: &Client,
    args: &EventsListArgs,
    filter: &Filter<'_>,
    format: Format,
    emit: Emit<'_>,
) -> anyhow::Result<Output> {
    let mut writer = Writer::new(format, false, emit);
    let mut page_number = 1;
    'pages: loop {
        let page = page(client, page_number, args.per_page)?;
        if page.events.is_empty() {
            break;
        }
        for item in &page.events {
            if filter.before_since(&item.0) {
                break 'pages;
            }
            if filter.wants(&item.0) {
                writer.event(item)?;
            }
        }
        if u64::from(page_number) * u64::from(args.per_page) >= page.total {
            break;
        }
        page_number += 1;
    }
    writer.finish()?;
    Ok(Output::Status(0))
}

/// `--follow`: polls the first page every `--interval` and prints the events logged since the
/// last poll, oldest first, until Ctrl-C. With `--since`, the events since then come first.
/// The newest event printed (or seen at the start) marks where the new ones end: counting with
/// `totalEventCount` would miss events once the log is at its cap or retention removes old
/// ones, since the count then stays put while new events arrive.
fn follow(
    client: &Client,
    args: &EventsListArgs,
    filter: &Filter<'_>,
    format: Format,
    emit: Emit<'_>,
) -> anyhow::Result<Output> {
    let mut writer = Writer::new(format, true, emit);
    let first = page(client, 1, args.per_page)?;
    let mut newest = first.events.first().map(|(_, raw)| raw.clone());
    if filter.since.is_some() {
        let mut backlog = Vec::new();
        let mut page_number = 1;
        let mut current = first;
        'pages: loop {
            for item in current.events {
                if filter.before_since(&item.0) {
                    break 'pages;
                }
                backlog.push(item);
            }
            if u64::from(page_number) * u64::from(args.per_page) >= current.total {
                break;
            }
            page_number += 1;
            current = page(client, page_number, args.per_page)?;
        }
        for item in backlog.iter().rev().filter(|(e, _)| filter.wants(e)) {
            writer.event(item)?;
        }
    }
    loop {
        std::thread::sleep(args.interval.max(Duration::from_millis(100)));
        // `--timeout` bounds each poll; the follow itself runs until Ctrl-C.
        client.restart_deadline();
        let fresh = since_marker(client, args.per_page, newest.as_ref())?;
        if let Some((_, raw)) = fresh.first() {
            newest = Some(raw.clone());
        }
        for item in fresh.iter().rev().filter(|(e, _)| filter.wants(e)) {
            writer.event(item)?;
        }
    }
}

/// At most this many pages are read back looking for the last event seen; a burst longer than
/// that between two polls is printed from its newest part.
const MAX_FOLLOW_PAGES: u32 = 10;

/// The events logged after `marker` (all of the first pages when there is none yet), newest
/// first.
fn since_marker(
    client: &Client,
    per_page: u32,
    marker: Option<&Value>,
) -> anyhow::Result<Vec<(Event, Value)>> {
    let mut fresh = Vec::new();
    for page_number in 1..=MAX_FOLLOW_PAGES {
        let current = page(client, page_number, per_page)?;
        if current.events.is_empty() {
            break;
        }
        for item in current.events {
            if marker == Some(&item.1) {
                return Ok(fresh);
            }
            fresh.push(item);
        }
        if marker.is_none() {
            // Nothing seen before: the log was empty, so what is there now is all new.
            break;
        }
    }
    Ok(fresh)
}
