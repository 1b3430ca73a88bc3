//! Rendering of command results and errors: tables for people, exact JSON for programs, bare ids
//! for shell substitution. Everything a command shows goes through here, into any `impl Write`,
//! so tests can render without a terminal.

use std::borrow::Cow;
use std::io::{self, Write};

use comfy_table::Table;
use serde_json::Value;

use crate::terminal::escape;

mod table;

/// How results are shown, decided once from the flags and whether stdout is a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A bordered table (terminal) or plain tab-separated rows (pipe).
    Table { terminal: bool },
    /// The API's JSON, one document, newline-terminated.
    Json,
    /// JSON Lines: each item of a list as one compact line; anything else as one line.
    JsonLines,
    /// Only the id or token, one per line.
    Quiet,
}

/// What a command produced. Commands build this; they never print.
#[derive(Debug, Clone)]
pub enum Output {
    /// One object: shown as field/value rows.
    Record {
        json: Value,
        /// (label, value) rows; labels are usually fixed, but may come from the server's JSON.
        fields: Vec<(Cow<'static, str>, String)>,
        /// What `--quiet` prints.
        id: Option<String>,
    },
    /// A record whose rows read differently for people: `words` on a terminal, `wire` (the
    /// API's member names, which scripts read) when piped.
    Settings {
        json: Value,
        wire: Vec<(Cow<'static, str>, String)>,
        words: Vec<(Cow<'static, str>, String)>,
        id: Option<String>,
    },
    /// A list: shown as a table with one row per item.
    List {
        json: Value,
        headers: Vec<&'static str>,
        rows: Vec<Vec<String>>,
        ids: Vec<String>,
    },
    /// A confirmation sentence for people; `json` for programs; `id` what `--quiet` prints
    /// (nothing when `None`: the exit status says it worked).
    Message {
        json: Value,
        text: String,
        id: Option<String>,
    },
    /// Text printed as it is whatever the format (completion scripts, help pages).
    Text(String),
    /// Bytes printed as they are whatever the format (a body `passwordless api` received).
    Bytes(Vec<u8>),
    /// Nothing to print; exit with this status (e.g. the status of `emulator exec`'s command).
    Status(u8),
    /// `shown` printed as usual, then the run ends as `then` says (`doctor` with a failed check;
    /// `api -i` shows an error's status line, headers and body before the error is reported).
    Finished { shown: Box<Output>, then: Then },
}

/// How a run ends after its output is printed.
#[derive(Debug, Clone)]
pub enum Then {
    /// Exit with this status.
    Status(u8),
    /// Report this error and exit with its code, as if the command had failed with it.
    Error(std::sync::Arc<anyhow::Error>),
}

pub fn render(output: &Output, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match (output, format) {
        (Output::Status(_), _) => Ok(()),
        (Output::Finished { shown, .. }, format) => render(shown, format, out),
        (Output::Text(text), _) => out.write_all(text.as_bytes()),
        (Output::Bytes(bytes), _) => out.write_all(bytes),
        (
            Output::Settings {
                json,
                wire,
                words,
                id,
            },
            format,
        ) => {
            let fields = if format == (Format::Table { terminal: true }) {
                words
            } else {
                wire
            };
            let record = Output::Record {
                json: json.clone(),
                fields: fields.clone(),
                id: id.clone(),
            };
            render(&record, format, out)
        }
        (
            Output::Record { json, .. } | Output::List { json, .. } | Output::Message { json, .. },
            Format::Json,
        ) => write_json(json, out),
        (Output::List { json, .. }, Format::JsonLines) => match json {
            Value::Array(items) => items.iter().try_for_each(|item| write_line(item, out)),
            other => write_line(other, out),
        },
        (Output::Record { json, .. } | Output::Message { json, .. }, Format::JsonLines) => {
            write_line(json, out)
        }
        // Everything below shows server or user text: `escape` keeps its controls inert.
        (Output::Record { id, fields, .. }, Format::Quiet) => match (id, fields.as_slice()) {
            (Some(id), _) => writeln!(out, "{}", escape(id)),
            (None, [(_, value)]) => writeln!(out, "{}", escape(value)),
            (None, _) => write_fields(fields, false, out),
        },
        (Output::List { ids, .. }, Format::Quiet) => ids
            .iter()
            .try_for_each(|id| writeln!(out, "{}", escape(id))),
        (Output::Message { id, .. }, Format::Quiet) => match id {
            Some(id) => writeln!(out, "{}", escape(id)),
            None => Ok(()),
        },
        (Output::Message { text, .. }, Format::Table { .. }) => writeln!(out, "{}", escape(text)),
        (Output::Record { fields, .. }, Format::Table { terminal }) => {
            write_fields(fields, terminal, out)
        }
        (Output::List { headers, rows, .. }, Format::Table { terminal }) => {
            write_rows(headers, rows, terminal, out)
        }
    }
}

/// One compact JSON value and a newline.
pub fn write_line(value: &Value, out: &mut dyn Write) -> io::Result<()> {
    crate::terminal::json_to_writer(&mut *out, value)?;
    writeln!(out)
}

pub fn write_json(value: &Value, out: &mut dyn Write) -> io::Result<()> {
    crate::terminal::json_to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// Fixed labels for [`Output::Record`].
pub fn labeled(pairs: Vec<(&'static str, String)>) -> Vec<(Cow<'static, str>, String)> {
    pairs
        .into_iter()
        .map(|(label, value)| (Cow::Borrowed(label), value))
        .collect()
}

fn write_fields(
    fields: &[(Cow<'static, str>, String)],
    terminal: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    if let [(_, value)] = fields {
        // One value is printed bare, so `cat "$(passwordless config path)"` works; escaped like
        // every other value, since it is often the server's (a token, a message).
        return writeln!(out, "{}", escape(value));
    }
    if !terminal {
        // Piped: `field<TAB>value`, easy to cut/awk, no decoration.
        return fields.iter().try_for_each(|(name, value)| {
            writeln!(out, "{}\t{}", escape(name), escape(&filled(value)))
        });
    }
    // On a terminal: aligned `label  value` lines, never boxed or wrapped, so a token, link or
    // key can be selected and copied whole.
    let width = fields
        .iter()
        .map(|(name, _)| name.chars().count())
        .max()
        .unwrap_or(0);
    fields.iter().try_for_each(|(name, value)| {
        writeln!(out, "{:<width$}  {}", escape(name), escape(&filled(value)))
    })
}

/// The one rule for empty values in tables and records: `-`, never a blank. A blank cell
/// shifts the columns of `read` (which takes a run of tabs as one) and reads as a layout
/// glitch; `-` says "nothing here" in every format. Surrounding whitespace is dropped too
/// (the server's `device` ends in a space when it knows no OS version), since it cannot be
/// seen and only pads a line.
fn filled(value: &str) -> Cow<'_, str> {
    match value.trim() {
        "" => Cow::Borrowed("-"),
        trimmed if trimmed.len() == value.len() => Cow::Borrowed(value),
        trimmed => Cow::Owned(trimmed.to_owned()),
    }
}

fn write_rows(
    headers: &[&str],
    rows: &[Vec<String>],
    terminal: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    if !terminal {
        writeln!(out, "{}", headers.join("\t"))?;
        return rows
            .iter()
            .try_for_each(|row| writeln!(out, "{}", escaped(row).join("\t")));
    }
    if rows.is_empty() {
        return writeln!(out, "(none)");
    }
    let rows: Vec<Vec<String>> = rows.iter().map(|row| escaped(row)).collect();
    table::write(headers, &rows, terminal_width(), out)
}

fn escaped(row: &[String]) -> Vec<String> {
    row.iter()
        .map(|cell| escape(&filled(cell)).into_owned())
        .collect()
}

/// The terminal's width; when it reports none (0 columns under `script`, a serial console),
/// `COLUMNS`, else 80.
fn terminal_width() -> u16 {
    match Table::new().width() {
        Some(width) if width > 0 => width,
        _ => fallback_width(std::env::var("COLUMNS").ok().as_deref()),
    }
}

/// `COLUMNS` when it is a sensible number, else 80.
fn fallback_width(columns: Option<&str>) -> u16 {
    columns
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|w| *w >= 20)
        .unwrap_or(80)
}

/// A JSON value as a table cell: strings bare (trimmed), null, an empty string or an empty list
/// as `-`, a list of plain values as words (`login, register`), anything else as JSON.
pub fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "-".to_owned(),
        Some(Value::String(text)) => filled(text).into_owned(),
        Some(Value::Array(items)) if items.is_empty() => "-".to_owned(),
        Some(Value::Array(items)) if items.iter().all(|i| !(i.is_array() || i.is_object())) => {
            items
                .iter()
                .map(|item| cell(Some(item)))
                .collect::<Vec<_>>()
                .join(", ")
        }
        Some(other) => other.to_string(),
    }
}

/// A table built from typed rows: each column is a title and a function of the row, so tables
/// never need helper members added to (and stripped from) the API's JSON.
pub struct Columns<'a, T> {
    columns: Vec<(&'static str, Cell<'a, T>)>,
}

type Cell<'a, T> = Box<dyn Fn(&T) -> String + 'a>;

impl<'a, T> Columns<'a, T> {
    pub fn new() -> Self {
        Columns {
            columns: Vec::new(),
        }
    }

    /// Adds a column titled `title` whose cells are `cell(row)`.
    pub fn column(mut self, title: &'static str, cell: impl Fn(&T) -> String + 'a) -> Self {
        self.columns.push((title, Box::new(cell)));
        self
    }

    /// The list output: `json` is what `--json` prints (the API's JSON as it came), `rows` the
    /// typed items shown in the table, `id` what `--quiet` prints per row.
    pub fn list(self, json: Value, rows: &[T], id: impl Fn(&T) -> String) -> Output {
        Output::List {
            json,
            headers: self.columns.iter().map(|(title, _)| *title).collect(),
            rows: rows
                .iter()
                .map(|row| self.columns.iter().map(|(_, cell)| cell(row)).collect())
                .collect(),
            ids: rows.iter().map(id).collect(),
        }
    }
}

impl<T> Default for Columns<'_, T> {
    fn default() -> Self {
        Self::new()
    }
}

/// `1 alias`, `3 aliases`: a count with the noun in the right number.
pub fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

/// An optional text cell: `-` when absent or empty (an empty field would shift the columns of
/// `awk` and `read`, which take a run of tabs as one).
pub fn text(value: Option<&str>) -> String {
    value.filter(|v| !v.is_empty()).unwrap_or("-").to_owned()
}

/// A server time as a cell, to the second and in UTC with its zone said
/// (`2024-06-01 10:00:00 UTC`); `-` when absent. The server writes UTC, with `Z`, `+00:00` or no
/// zone at all; another offset is converted. A date alone, or anything else, is shown as it is.
pub fn when(value: Option<&str>) -> String {
    match value {
        None => "-".to_owned(),
        Some(text) => utc_time(text).unwrap_or_else(|| text.to_owned()),
    }
}

fn utc_time(text: &str) -> Option<String> {
    use time::macros::format_description;
    let shown = parse_utc(text)?
        .format(format_description!(
            "[year]-[month]-[day] [hour]:[minute]:[second]"
        ))
        .ok()?;
    Some(format!("{shown} UTC"))
}

/// Server text with the times in it shown as [`when`] shows a time cell: the server's messages
/// embed its own format (`The application will be deleted on 2026-12-20T17:16:33.1876482Z.`).
pub fn times_in(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i + 19 <= bytes.len() {
        if !looks_like_time(&bytes[i..i + 19]) {
            i += 1;
            continue;
        }
        // The fraction and zone that belong to it.
        let mut end = i + 19;
        if bytes.get(end) == Some(&b'.') {
            end += 1;
            while bytes.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
        }
        match bytes.get(end) {
            Some(b'Z') => end += 1,
            Some(b'+' | b'-')
                if bytes.len() >= end + 6 && looks_like_zone(&bytes[end + 1..end + 6]) =>
            {
                end += 6;
            }
            _ => {}
        }
        match utc_time(&text[i..end]) {
            Some(shown) => {
                out.push_str(&text[copied..i]);
                out.push_str(&shown);
                copied = end;
                i = end;
            }
            None => i += 1,
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// `YYYY-MM-DDThh:mm:ss`.
fn looks_like_time(b: &[u8]) -> bool {
    b.iter().enumerate().all(|(i, c)| match i {
        4 | 7 => *c == b'-',
        10 => *c == b'T',
        13 | 16 => *c == b':',
        _ => c.is_ascii_digit(),
    })
}

/// `hh:mm` of an offset.
fn looks_like_zone(b: &[u8]) -> bool {
    b.iter().enumerate().all(|(i, c)| match i {
        2 => *c == b':',
        _ => c.is_ascii_digit(),
    })
}

/// A server time (`…T10:00:00.1234567`, with `Z`, an offset or no zone, which means UTC) as an
/// instant, to the second; `None` for anything else.
pub fn parse_utc(text: &str) -> Option<time::OffsetDateTime> {
    use time::macros::format_description;
    let head = text.get(..19)?;
    let rest = text[19..].trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    let offset = match rest {
        "" | "Z" => time::UtcOffset::UTC,
        zone => {
            let sign = match zone.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let (hours, minutes) = zone[1..].split_once(':')?;
            time::UtcOffset::from_hms(
                sign * hours.parse::<i8>().ok()?,
                sign * minutes.parse::<i8>().ok()?,
                0,
            )
            .ok()?
        }
    };
    let local = time::PrimitiveDateTime::parse(
        head,
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
    )
    .ok()?;
    Some(local.assume_offset(offset).to_offset(time::UtcOffset::UTC))
}

/// Any serialisable value as a cell, the way [`cell`] shows JSON.
pub fn json_cell<T: serde::Serialize>(value: &T) -> String {
    cell(serde_json::to_value(value).ok().as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rendered(output: &Output, format: Format) -> String {
        let mut buffer = Vec::new();
        render(output, format, &mut buffer).unwrap();
        String::from_utf8(buffer).unwrap()
    }

    #[test]
    fn a_finished_output_renders_what_it_shows() {
        let finished = Output::Finished {
            shown: Box::new(record()),
            then: Then::Status(1),
        };
        for format in [
            Format::Json,
            Format::Quiet,
            Format::Table { terminal: false },
        ] {
            assert_eq!(rendered(&finished, format), rendered(&record(), format));
        }
    }

    fn record() -> Output {
        Output::Record {
            json: json!({"token": "register_abc"}),
            fields: labeled(vec![("token", "register_abc".into())]),
            id: Some("register_abc".into()),
        }
    }

    #[test]
    fn json_is_the_api_json_with_a_newline() {
        assert_eq!(
            rendered(&record(), Format::Json),
            "{\n  \"token\": \"register_abc\"\n}\n"
        );
    }

    #[test]
    fn quiet_prints_the_id_only() {
        assert_eq!(rendered(&record(), Format::Quiet), "register_abc\n");
    }

    #[test]
    fn piped_tables_have_no_borders() {
        let two = Output::Record {
            json: json!({}),
            fields: labeled(vec![
                ("token", "register_abc".into()),
                ("user id", "42".into()),
            ]),
            id: None,
        };
        assert_eq!(
            rendered(&two, Format::Table { terminal: false }),
            "token\tregister_abc\nuser id\t42\n"
        );
        let list = Output::List {
            json: json!([]),
            headers: vec!["USER ID", "ALIASES"],
            rows: vec![vec!["42".into(), "2".into()]],
            ids: vec!["42".into()],
        };
        assert_eq!(
            rendered(&list, Format::Table { terminal: false }),
            "USER ID\tALIASES\n42\t2\n"
        );
    }

    #[test]
    fn terminal_lists_have_borders_and_records_are_aligned_lines() {
        let list = Output::List {
            json: json!([]),
            headers: vec!["ID"],
            rows: vec![vec!["a".into()]],
            ids: vec!["a".into()],
        };
        let text = rendered(&list, Format::Table { terminal: true });
        assert!(text.contains('│'), "{text}");
        let two = Output::Record {
            json: json!({}),
            fields: labeled(vec![
                ("token", "register_abc".into()),
                ("user id", "42".into()),
            ]),
            id: None,
        };
        assert_eq!(
            rendered(&two, Format::Table { terminal: true }),
            "token    register_abc\nuser id  42\n"
        );
    }

    #[test]
    fn one_value_is_bare_everywhere() {
        for format in [
            Format::Table { terminal: true },
            Format::Table { terminal: false },
            Format::Quiet,
        ] {
            assert_eq!(rendered(&record(), format), "register_abc\n");
        }
    }

    #[test]
    fn long_values_are_never_wrapped_even_when_narrow() {
        let token = format!("verify_{}", "x".repeat(150));
        let list = Output::List {
            json: json!([]),
            headers: vec!["USER", "TOKEN"],
            rows: vec![vec!["alice".into(), token.clone()]],
            ids: vec![],
        };
        let text = rendered(&list, Format::Table { terminal: true });
        assert!(text.contains(&token), "{text}");
    }

    #[test]
    fn unknown_width_falls_back_to_columns_or_80() {
        assert_eq!(fallback_width(None), 80);
        assert_eq!(fallback_width(Some("132")), 132);
        assert_eq!(fallback_width(Some("0")), 80);
        assert_eq!(fallback_width(Some("wide")), 80);
    }

    #[test]
    fn typed_columns_read_the_row_not_the_json() {
        struct Row {
            id: &'static str,
            at: Option<&'static str>,
        }
        let rows = [
            Row {
                id: "a",
                at: Some("2024-06-01T10:00:00.1234567"),
            },
            Row { id: "b", at: None },
        ];
        let list = Columns::new()
            .column("ID", |r: &Row| r.id.to_owned())
            .column("AT", |r: &Row| when(r.at))
            .list(json!([{"id": "a"}, {"id": "b"}]), &rows, |r| {
                r.id.to_owned()
            });
        assert_eq!(
            rendered(&list, Format::Table { terminal: false }),
            "ID\tAT\na\t2024-06-01 10:00:00 UTC\nb\t-\n"
        );
        assert_eq!(rendered(&list, Format::Quiet), "a\nb\n");
        assert_eq!(
            rendered(&list, Format::Json),
            "[\n  {\n    \"id\": \"a\"\n  },\n  {\n    \"id\": \"b\"\n  }\n]\n"
        );
        assert_eq!(
            rendered(&list, Format::JsonLines),
            "{\"id\":\"a\"}\n{\"id\":\"b\"}\n"
        );
    }

    #[test]
    fn plurals() {
        assert_eq!(plural(1, "alias", "aliases"), "1 alias");
        assert_eq!(plural(3, "alias", "aliases"), "3 aliases");
        assert_eq!(plural(0, "alias", "aliases"), "0 aliases");
    }

    #[test]
    fn cells() {
        assert_eq!(when(Some("2024-06-01")), "2024-06-01");
        assert_eq!(
            when(Some("2024-06-01T10:00:00.5+00:00")),
            "2024-06-01 10:00:00 UTC"
        );
        assert_eq!(
            when(Some("2024-06-01T10:00:00.1234567")),
            "2024-06-01 10:00:00 UTC"
        );
        assert_eq!(
            when(Some("2024-06-01T10:00:00Z")),
            "2024-06-01 10:00:00 UTC"
        );
        assert_eq!(
            when(Some("2024-06-01T01:30:00+02:00")),
            "2024-05-31 23:30:00 UTC"
        );
        assert_eq!(when(Some("soon")), "soon");
        assert_eq!(
            times_in("deleted on 2026-12-20T17:16:33.1876482Z."),
            "deleted on 2026-12-20 17:16:33 UTC."
        );
        assert_eq!(
            times_in("on 2026-12-20T19:04:05.206423+00:00 and 2026-12-21T00:00:00"),
            "on 2026-12-20 19:04:05 UTC and 2026-12-21 00:00:00 UTC"
        );
        assert_eq!(
            times_in("no time, ünïcode 2026-12"),
            "no time, ünïcode 2026-12"
        );
        assert_eq!(text(None), "-");
        assert_eq!(text(Some("")), "-");
        assert_eq!(cell(Some(&json!(""))), "-");
        assert_eq!(cell(Some(&json!("Other, Other "))), "Other, Other");
        assert_eq!(json_cell(&vec!["login", "register"]), "login, register");
        assert_eq!(json_cell(&Vec::<u8>::new()), "-");
        assert_eq!(cell(Some(&json!([{"a": 1}]))), r#"[{"a":1}]"#);
        assert_eq!(json_cell(&Option::<u8>::None), "-");
        assert_eq!(json_cell(&3), "3");
    }

    #[test]
    fn empty_cells_are_a_dash_and_padding_is_dropped_in_every_table() {
        let list = Output::List {
            json: json!([]),
            headers: vec!["DEVICE", "COUNTRY"],
            rows: vec![vec!["Other, Other ".into(), String::new()]],
            ids: vec![],
        };
        assert_eq!(
            rendered(&list, Format::Table { terminal: false }),
            "DEVICE\tCOUNTRY\nOther, Other\t-\n"
        );
        assert!(
            rendered(&list, Format::Table { terminal: true })
                .contains("│ Other, Other ┆ -       │")
        );
        let record = Output::Record {
            json: json!({}),
            fields: labeled(vec![
                ("device", "Other, Other ".into()),
                ("country", "".into()),
            ]),
            id: None,
        };
        assert_eq!(
            rendered(&record, Format::Table { terminal: false }),
            "device\tOther, Other\ncountry\t-\n"
        );
        assert_eq!(
            rendered(&record, Format::Table { terminal: true }),
            "device   Other, Other\ncountry  -\n"
        );
    }

    #[test]
    fn empty_json_list_is_brackets() {
        let list = Output::List {
            json: json!([]),
            headers: vec!["ID"],
            rows: vec![],
            ids: vec![],
        };
        assert_eq!(rendered(&list, Format::Json), "[]\n");
        assert_eq!(rendered(&list, Format::JsonLines), "");
    }
}
