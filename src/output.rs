//! Rendering of command results and errors: tables for people, exact JSON for programs, bare ids
//! for shell substitution. Everything a command shows goes through here, into any `impl Write`,
//! so tests can render without a terminal.

use std::borrow::Cow;
use std::io::{self, Write};

use comfy_table::{ContentArrangement, Table, presets};
use serde_json::Value;

/// How results are shown, decided once from the flags and whether stdout is a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A bordered table (terminal) or plain tab-separated rows (pipe).
    Table { terminal: bool },
    /// The API's JSON, one document, newline-terminated.
    Json,
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
    /// A list: shown as a table with one row per item.
    List {
        json: Value,
        headers: Vec<&'static str>,
        rows: Vec<Vec<String>>,
        ids: Vec<String>,
    },
    /// A confirmation sentence for people; `json` for programs.
    Message { json: Value, text: String },
    /// Text printed as it is whatever the format (completion scripts, help pages).
    Text(String),
    /// Nothing to print; exit with this status (e.g. the status of `emulator exec`'s command).
    Status(u8),
}

pub fn render(output: &Output, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match (output, format) {
        (Output::Status(_), _) => Ok(()),
        (Output::Text(text), _) => out.write_all(text.as_bytes()),
        (
            Output::Record { json, .. } | Output::List { json, .. } | Output::Message { json, .. },
            Format::Json,
        ) => write_json(json, out),
        (Output::Record { id, fields, .. }, Format::Quiet) => match id {
            Some(id) => writeln!(out, "{id}"),
            None => write_fields(fields, false, out),
        },
        (Output::List { ids, .. }, Format::Quiet) => {
            ids.iter().try_for_each(|id| writeln!(out, "{id}"))
        }
        (Output::Message { .. }, Format::Quiet) => Ok(()),
        (Output::Message { text, .. }, Format::Table { .. }) => writeln!(out, "{text}"),
        (Output::Record { fields, .. }, Format::Table { terminal }) => {
            write_fields(fields, terminal, out)
        }
        (Output::List { headers, rows, .. }, Format::Table { terminal }) => {
            write_rows(headers, rows, terminal, out)
        }
    }
}

pub fn write_json(value: &Value, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
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
    if !terminal {
        // Piped: `field<TAB>value`, easy to cut/awk, no decoration.
        return fields
            .iter()
            .try_for_each(|(name, value)| writeln!(out, "{name}\t{value}"));
    }
    let mut table = new_table();
    for (name, value) in fields {
        table.add_row(vec![name.to_string(), value.clone()]);
    }
    writeln!(out, "{table}")
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
            .try_for_each(|row| writeln!(out, "{}", row.join("\t")));
    }
    if rows.is_empty() {
        return writeln!(out, "(none)");
    }
    let mut table = new_table();
    table.set_header(headers.to_vec());
    for row in rows {
        table.add_row(row.clone());
    }
    writeln!(out, "{table}")
}

fn new_table() -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    table
}

/// A JSON value as a table cell: strings bare, null as `-`, everything else as JSON.
pub fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "-".to_owned(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    }
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
        assert_eq!(
            rendered(&record(), Format::Table { terminal: false }),
            "token\tregister_abc\n"
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
    fn terminal_tables_have_borders() {
        let text = rendered(&record(), Format::Table { terminal: true });
        assert!(text.contains('│'), "{text}");
        assert!(text.contains("register_abc"));
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
    }
}
