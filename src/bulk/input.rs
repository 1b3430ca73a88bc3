//! Opening `--from-file FILE|-` and reading it as a stream of records: CSV with a header row
//! (column names are flag names; a column may repeat for repeatable flags), JSON Lines, or a
//! JSON array. The format comes from the file's extension (`.csv`) or from its first character
//! (`[` array, `{` JSON Lines, anything else CSV). Nothing is read ahead beyond a buffer, so
//! memory does not grow with the file, nor with one long record: a record (CSV row, JSON line or
//! array element) over [`MAX_RECORD_BYTES`] is skipped unread and reported as a bad record. A
//! record's `line` is the physical line it starts on (CRLF files and blank lines included).

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::Context as _;
use serde_json::Value;

use super::json_array::JsonArrayRecords;
use super::record::{Fields, Record};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    JsonLines,
    JsonArray,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "CSV",
            Format::JsonLines => "JSON Lines",
            Format::JsonArray => "JSON array",
        }
    }
}

/// Where the records come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

impl Source {
    /// `-` is standard input.
    pub fn from_arg(arg: &Path) -> Source {
        if arg.as_os_str() == "-" {
            Source::Stdin
        } else {
            Source::File(arg.to_owned())
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Source::Stdin => "standard input".to_owned(),
            Source::File(path) => path.display().to_string(),
        }
    }
}

pub type Records = Box<dyn Iterator<Item = anyhow::Result<Record>> + Send>;

/// An opened input, ready to be read.
pub struct Input {
    pub format: Format,
    pub records: Records,
    /// Size in bytes when known (a regular file), for the progress bar.
    pub size: Option<u64>,
    /// Bytes the parser has taken so far (not what is buffered ahead), for the progress bar.
    pub consumed: Arc<AtomicU64>,
    /// False for pipes and terminals, whose reads may wait for the writer.
    pub regular_file: bool,
    /// For CSV, the column names as written in the header.
    pub columns: Option<Vec<String>>,
}

/// Counts the bytes the parser takes from the buffered file (whether it reads or consumes
/// them), for progress by position in the file: bytes buffered ahead are not counted.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.inner.consume(amount);
        self.count.fetch_add(amount as u64, Ordering::Relaxed);
    }
}

const BUFFER: usize = 64 * 1024;

/// The largest record read: every valid record of every command is a few KB at most (64
/// aliases of 250 characters are 16 KB), so a longer one is a broken or hostile file, and
/// reading it whole would cost memory in proportion (a 200 MB line once took 1 GB).
pub const MAX_RECORD_BYTES: usize = 64 * 1024;

pub(super) fn too_long() -> String {
    format!(
        "the record is longer than {} KiB, the most a record may hold; it was skipped unread",
        MAX_RECORD_BYTES / 1024
    )
}

pub fn open(source: &Source) -> anyhow::Result<Input> {
    let consumed = Arc::new(AtomicU64::new(0));
    let (reader, size, regular_file, extension): (Box<dyn Read + Send>, _, _, _) = match source {
        Source::Stdin => {
            let regular = is_regular_stdin();
            (Box::new(std::io::stdin()), None, regular, None)
        }
        Source::File(path) => {
            // A wrong path is bad input, refused before any request: exit 2, as for a missing
            // `config set-secret --from-file` file.
            let file = File::open(path).map_err(|e| {
                crate::error::CliError::Usage(format!(
                    "cannot read --from-file {}: {e}; check the path",
                    path.display()
                ))
            })?;
            let meta = file.metadata().ok();
            let regular = meta.as_ref().is_some_and(|m| m.is_file());
            let extension = path
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase);
            (
                Box::new(file),
                meta.filter(|m| m.is_file()).map(|m| m.len()),
                regular,
                extension,
            )
        }
    };
    let mut reader = Counting {
        inner: BufReader::with_capacity(BUFFER, reader),
        count: consumed.clone(),
    };
    let (first, skipped_lines) =
        sniff(&mut reader).with_context(|| format!("cannot read {}", source.describe()))?;
    let format = match (extension.as_deref(), first) {
        (Some("csv"), _) => Format::Csv,
        (_, Some(b'[')) => Format::JsonArray,
        (_, Some(b'{')) => Format::JsonLines,
        (Some("json" | "jsonl" | "ndjson"), Some(_)) => anyhow::bail!(
            "{} is not JSON (it starts with neither `[` nor `{{`); fix the file or give CSV with a header row",
            source.describe()
        ),
        _ => Format::Csv,
    };
    let first_line = skipped_lines + 1;
    let name = source.describe();
    let (records, columns): (Records, _) = match format {
        Format::Csv => {
            let (records, columns) = CsvRecords::new(reader, first_line, name)?;
            (Box::new(records), Some(columns))
        }
        Format::JsonLines => (
            Box::new(JsonLinesRecords {
                reader,
                line: first_line - 1,
                number: 0,
                buf: Vec::new(),
                name,
            }),
            None,
        ),
        Format::JsonArray => (
            Box::new(
                JsonArrayRecords::new(reader, first_line)
                    .map(move |r| r.with_context(|| format!("cannot read {name} as a JSON array"))),
            ),
            None,
        ),
    };
    Ok(Input {
        format,
        records,
        size,
        consumed,
        regular_file,
        columns,
    })
}

#[cfg(unix)]
fn is_regular_stdin() -> bool {
    use std::os::fd::AsFd;
    std::io::stdin()
        .as_fd()
        .try_clone_to_owned()
        .ok()
        .map(File::from)
        .and_then(|f| f.metadata().ok())
        .is_some_and(|m| m.is_file())
}

#[cfg(not(unix))]
fn is_regular_stdin() -> bool {
    false
}

/// Skips a UTF-8 byte-order mark and leading whitespace; returns the first significant byte
/// (not consumed) and how many newlines were skipped.
fn sniff<R: BufRead>(reader: &mut R) -> std::io::Result<(Option<u8>, u64)> {
    let mut lines = 0;
    let mut at_start = true;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok((None, lines));
        }
        if at_start {
            at_start = false;
            if buf.starts_with(b"\xEF\xBB\xBF") {
                reader.consume(3);
                continue;
            }
        }
        let mut used = 0;
        for &b in buf {
            match b {
                b'\n' => lines += 1,
                b' ' | b'\t' | b'\r' => {}
                _ => {
                    reader.consume(used);
                    return Ok((Some(b), lines));
                }
            }
            used += 1;
        }
        reader.consume(used);
    }
}

/// Where a CSV record began, as [`Scanner`] saw it, in the order the parser will return them.
#[derive(Debug, Clone, Copy)]
struct Begun {
    line: u64,
    /// Longer than [`MAX_RECORD_BYTES`]: cut short on its way to the parser.
    cut: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    /// Between records (blank lines are skipped here, as the parser skips them).
    Between,
    FieldStart,
    Unquoted,
    Quoted,
    /// A `"` inside a quoted field: the next byte says whether it was `""` or the closing one.
    ClosingOrDoubled,
}

/// Sits between the file and the CSV parser and follows the same quoting rules (RFC 4180, as
/// the `csv` crate reads it), so it knows where each record begins and ends. That gives each
/// record its physical line, and lets it cut a record over [`MAX_RECORD_BYTES`]: the rest of it
/// is read and dropped, and the parser gets a closed record, so memory stays bounded.
struct Scanner<R> {
    inner: R,
    state: Quote,
    /// Physical line of the next byte.
    line: u64,
    /// Bytes of the current record passed on to the parser.
    passed: usize,
    /// Dropping the rest of a cut record; what closes it for the parser.
    cut_close: Option<&'static [u8]>,
    begun: Arc<Mutex<VecDeque<Begun>>>,
    chunk: Vec<u8>,
    out: Vec<u8>,
    at: usize,
}

impl<R: Read> Scanner<R> {
    fn new(inner: R, first_line: u64) -> (Scanner<R>, Arc<Mutex<VecDeque<Begun>>>) {
        let begun = Arc::new(Mutex::new(VecDeque::new()));
        let scanner = Scanner {
            inner,
            state: Quote::Between,
            line: first_line,
            passed: 0,
            cut_close: None,
            begun: begun.clone(),
            chunk: vec![0; 8 * 1024],
            out: Vec::with_capacity(8 * 1024 + 2),
            at: 0,
        };
        (scanner, begun)
    }

    fn push_begun(&self, begun: Begun) {
        self.begun
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push_back(begun);
    }

    fn mark_cut(&self) {
        if let Some(last) = self
            .begun
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .back_mut()
        {
            last.cut = true;
        }
    }

    /// One byte through the quoting rules; true when it ends the record.
    fn step(&mut self, byte: u8) -> bool {
        let (next, ends) = match (self.state, byte) {
            (Quote::Quoted, b'"') => (Quote::ClosingOrDoubled, false),
            (Quote::Quoted, _) => (Quote::Quoted, false),
            (Quote::ClosingOrDoubled, b'"') => (Quote::Quoted, false),
            (Quote::FieldStart, b'"') => (Quote::Quoted, false),
            (_, b',') => (Quote::FieldStart, false),
            (_, b'\n' | b'\r') => (Quote::Between, true),
            _ => (Quote::Unquoted, false),
        };
        self.state = next;
        ends
    }

    fn scan(&mut self, n: usize) {
        for i in 0..n {
            let byte = self.chunk[i];
            if self.state == Quote::Between {
                if byte == b'\n' {
                    self.line += 1;
                }
                if matches!(byte, b'\n' | b'\r') {
                    self.out.push(byte);
                    continue;
                }
                self.push_begun(Begun {
                    line: self.line,
                    cut: false,
                });
                self.passed = 0;
                self.state = Quote::FieldStart;
            }
            let before = self.state;
            let ends = self.step(byte);
            if byte == b'\n' {
                self.line += 1;
            }
            if ends {
                match self.cut_close.take() {
                    Some(close) => self.out.extend_from_slice(close),
                    None => self.out.push(byte),
                }
                continue;
            }
            if self.cut_close.is_some() {
                continue;
            }
            self.passed += 1;
            if self.passed > MAX_RECORD_BYTES {
                self.mark_cut();
                // Inside quotes the parser needs the closing quote before the record's end.
                self.cut_close = Some(if before == Quote::Quoted {
                    b"\"\n"
                } else {
                    b"\n"
                });
                continue;
            }
            self.out.push(byte);
        }
    }
}

impl<R: Read> Read for Scanner<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.out.len() {
            self.out.clear();
            self.at = 0;
            let n = self.inner.read(&mut self.chunk)?;
            if n == 0 {
                // A record cut short at the end of the file still needs its end.
                match self.cut_close.take() {
                    Some(close) => self.out.extend_from_slice(close),
                    None => return Ok(0),
                }
            } else {
                self.scan(n);
            }
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

struct CsvRecords<R> {
    reader: csv::Reader<Scanner<R>>,
    header: Vec<String>,
    record: csv::ByteRecord,
    number: u64,
    begun: Arc<Mutex<VecDeque<Begun>>>,
    name: String,
}

impl<R: Read> CsvRecords<R> {
    fn new(reader: R, first_line: u64, name: String) -> anyhow::Result<(Self, Vec<String>)> {
        let (scanner, begun) = Scanner::new(reader, first_line);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .trim(csv::Trim::Headers)
            .from_reader(scanner);
        let header: Vec<String> = reader
            .byte_headers()
            .with_context(|| format!("cannot read the header row of {name}"))?
            .iter()
            .enumerate()
            .map(|(i, h)| match std::str::from_utf8(h) {
                Ok("") => anyhow::bail!(
                    "column {} of the header row of {name} has no name; every column needs a flag name such as user-id",
                    i + 1
                ),
                Ok(text) => Ok(text.to_owned()),
                Err(_) => anyhow::bail!("the header row of {name} is not UTF-8"),
            })
            .collect::<anyhow::Result<_>>()?;
        let header_row = begun
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .pop_front();
        if header_row.is_some_and(|row| row.cut) {
            anyhow::bail!(
                "the header row of {name} is longer than {} KiB; give a header row of flag names such as user-id",
                MAX_RECORD_BYTES / 1024
            );
        }
        let columns = header.clone();
        Ok((
            CsvRecords {
                reader,
                header,
                record: csv::ByteRecord::new(),
                number: 0,
                begun,
                name,
            },
            columns,
        ))
    }

    fn fields(&self) -> Result<Fields, String> {
        if self.record.len() != self.header.len() {
            return Err(format!(
                "the row has {} fields but the header has {} columns",
                self.record.len(),
                self.header.len()
            ));
        }
        let mut fields = Fields::default();
        for (name, value) in self.header.iter().zip(self.record.iter()) {
            let text = std::str::from_utf8(value)
                .map_err(|_| format!("the value of column {name} is not UTF-8"))?;
            // An empty cell means "not given", so rows can leave repeated columns unused.
            if !text.is_empty() {
                fields.push_text(name, text);
            }
        }
        Ok(fields)
    }
}

impl<R: Read> Iterator for CsvRecords<R> {
    type Item = anyhow::Result<Record>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => None,
            Ok(true) => {
                self.number += 1;
                let begun = self
                    .begun
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .pop_front();
                let fields = match begun {
                    Some(Begun { cut: true, .. }) => Err(too_long()),
                    _ => self.fields(),
                };
                Some(Ok(Record {
                    number: self.number,
                    line: begun.map_or(0, |b| b.line),
                    fields,
                }))
            }
            Err(e) => Some(Err(anyhow::anyhow!(
                "cannot read {} as CSV: {e}",
                self.name
            ))),
        }
    }
}

struct JsonLinesRecords<R> {
    reader: R,
    line: u64,
    number: u64,
    buf: Vec<u8>,
    name: String,
}

impl<R: BufRead> Iterator for JsonLinesRecords<R> {
    type Item = anyhow::Result<Record>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let long = match self.read_line() {
                Ok(None) => return None,
                Ok(Some(long)) => long,
                Err(e) => return Some(Err(anyhow::anyhow!("cannot read {}: {e}", self.name))),
            };
            self.line += 1;
            if long {
                self.number += 1;
                return Some(Ok(Record {
                    number: self.number,
                    line: self.line,
                    fields: Err(too_long()),
                }));
            }
            let text = self.buf.trim_ascii();
            if text.is_empty() {
                continue;
            }
            self.number += 1;
            let fields = match serde_json::from_slice::<Value>(text) {
                Ok(Value::Object(map)) => Fields::from_json_object(&map),
                Ok(_) => Err("the line is not a JSON object".to_owned()),
                Err(e) => Err(format!("the line is not valid JSON: {e}")),
            };
            return Some(Ok(Record {
                number: self.number,
                line: self.line,
                fields,
            }));
        }
    }
}

impl<R: BufRead> JsonLinesRecords<R> {
    /// The next line into `buf`; `Some(true)` when it was longer than [`MAX_RECORD_BYTES`],
    /// in which case it was read through and dropped, never held whole.
    fn read_line(&mut self) -> std::io::Result<Option<bool>> {
        self.buf.clear();
        let mut any = false;
        let mut long = false;
        loop {
            let available = self.reader.fill_buf()?;
            if available.is_empty() {
                break;
            }
            any = true;
            let (take, found) = match available.iter().position(|&b| b == b'\n') {
                Some(at) => (at + 1, true),
                None => (available.len(), false),
            };
            // Room for a line's own `\r\n` on top of the record.
            if !long && self.buf.len() + take > MAX_RECORD_BYTES + 2 {
                long = true;
                self.buf = Vec::new();
            }
            if !long {
                self.buf.extend_from_slice(&available[..take]);
            }
            self.reader.consume(take);
            if found {
                break;
            }
        }
        Ok(any.then_some(long))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bulk::record::Cell;

    fn write(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    fn read_all(name: &str, text: &str) -> (Format, Vec<Record>) {
        let (_dir, path) = write(name, text);
        let input = open(&Source::File(path)).unwrap();
        let format = input.format;
        let records = input.records.map(Result::unwrap).collect();
        (format, records)
    }

    fn pairs(record: &Record) -> Vec<(String, String)> {
        record
            .fields
            .as_ref()
            .unwrap()
            .0
            .iter()
            .map(|(n, c)| {
                let value = match c {
                    Cell::Text(t) => t.clone(),
                    Cell::Null => "null".into(),
                };
                (n.clone(), value)
            })
            .collect()
    }

    fn p(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn csv_with_repeated_columns_quotes_and_a_bom() {
        let text = "\u{feff}user-id, username ,alias,alias\nu1,Ann,a1,a2\n\"u,2\",\"Bo\nb\",,b2\n";
        let (format, records) = read_all("users.csv", text);
        assert_eq!(format, Format::Csv);
        assert_eq!(
            pairs(&records[0]),
            p(&[
                ("user-id", "u1"),
                ("username", "Ann"),
                ("alias", "a1"),
                ("alias", "a2")
            ])
        );
        assert_eq!(
            pairs(&records[1]),
            p(&[("user-id", "u,2"), ("username", "Bo\nb"), ("alias", "b2")])
        );
        assert_eq!(
            records
                .iter()
                .map(|r| (r.number, r.line))
                .collect::<Vec<_>>(),
            [(1, 2), (2, 3)]
        );
    }

    /// `line` is the physical line a record starts on: one short for CRLF files (Excel's),
    /// and shifted after blank lines, before.
    #[test]
    fn csv_lines_are_physical_with_crlf_blank_lines_and_quoted_newlines() {
        let text =
            "\r\n\r\nuser-id,username\r\nu1,a\r\n\r\nu2,\"two\r\nlines\"\r\n\r\n\r\nu3,c\r\n";
        let (_, records) = read_all("x.csv", text);
        assert_eq!(
            records
                .iter()
                .map(|r| (r.number, r.line))
                .collect::<Vec<_>>(),
            [(1, 4), (2, 6), (3, 10)]
        );
        assert_eq!(
            pairs(&records[1]),
            p(&[("user-id", "u2"), ("username", "two\r\nlines")])
        );
        let (_, records) = read_all("y.csv", "user-id\n\nu1\n\n\nu2\n");
        assert_eq!(records.iter().map(|r| r.line).collect::<Vec<_>>(), [3, 6]);
    }

    /// A record of 200 MB once took 1 GB to read; one over the cap is skipped unread (memory
    /// stays bounded) and reported, and the records after it read as usual.
    #[test]
    fn records_over_the_cap_are_bad_records_and_the_rest_read_on() {
        let big = "x".repeat(MAX_RECORD_BYTES + 10);
        for (name, text) in [
            ("a.csv", format!("user-id,username\nu1,a\nu2,{big}\nu3,c\n")),
            (
                "b.csv",
                format!("user-id,username\nu1,a\nu2,\"{big}\n{big}\"\nu3,c\n"),
            ),
            (
                "c.jsonl",
                format!("{{\"userId\":\"u1\"}}\n{{\"userId\":\"{big}\"}}\n{{\"userId\":\"u3\"}}\n"),
            ),
            (
                "d.json",
                format!(
                    "[{{\"userId\":\"u1\"}},\n{{\"userId\":\"{big}\"}},\n\n{{\"userId\":\"u3\"}}]"
                ),
            ),
        ] {
            let (_, records) = read_all(name, &text);
            assert_eq!(records.len(), 3, "{name}");
            assert!(records[0].fields.is_ok(), "{name}");
            let err = records[1].fields.as_ref().unwrap_err();
            assert!(err.contains("longer than 64 KiB"), "{name}: {err}");
            let third = match name {
                "b.csv" => 5,
                "c.jsonl" => 3,
                _ => 4,
            };
            assert_eq!(records[2].line, third, "{name}");
            assert!(records[2].fields.is_ok(), "{name}");
        }
    }

    #[test]
    fn csv_row_with_wrong_width_is_a_record_error() {
        let (_, records) = read_all("x.csv", "user-id,username\nu1\nu2,b\n");
        assert!(
            records[0]
                .fields
                .as_ref()
                .unwrap_err()
                .contains("1 fields but the header has 2")
        );
        assert_eq!(
            pairs(&records[1]),
            p(&[("user-id", "u2"), ("username", "b")])
        );
    }

    #[test]
    fn csv_header_needs_names() {
        let (_dir, path) = write("x.csv", "user-id,,alias\nu1,x,y\n");
        let err = open(&Source::File(path)).err().unwrap();
        assert!(err.to_string().contains("column 2"), "{err}");
    }

    #[test]
    fn json_lines_skip_blank_lines_and_report_bad_ones() {
        let text = "\n{\"userId\":\"a\"}\n\n[1]\n{oops\n{\"userId\":\"b\"}";
        let (format, records) = read_all("x.jsonl", text);
        assert_eq!(format, Format::JsonLines);
        assert_eq!(
            records
                .iter()
                .map(|r| (r.number, r.line))
                .collect::<Vec<_>>(),
            [(1, 2), (2, 4), (3, 5), (4, 6)]
        );
        assert!(
            records[1]
                .fields
                .as_ref()
                .unwrap_err()
                .contains("not a JSON object")
        );
        assert!(
            records[2]
                .fields
                .as_ref()
                .unwrap_err()
                .contains("not valid JSON")
        );
        assert_eq!(pairs(&records[3]), p(&[("userId", "b")]));
    }

    #[test]
    fn format_by_first_character() {
        let (format, records) = read_all("data", "  \n[{\"userId\":\"a\"}]");
        assert_eq!(format, Format::JsonArray);
        assert_eq!((records[0].number, records[0].line), (1, 2));
        let (format, _) = read_all("data.json", "{\"userId\":\"a\"}\n");
        assert_eq!(format, Format::JsonLines);
        let (format, _) = read_all("data.txt", "user-id\nx\n");
        assert_eq!(format, Format::Csv);
        let (_dir, path) = write("data.json", "user-id\nx\n");
        let err = open(&Source::File(path)).err().unwrap();
        assert!(err.to_string().contains("is not JSON"), "{err}");
    }

    #[test]
    fn empty_input_has_no_records() {
        let (_, records) = read_all("x.jsonl", "");
        assert!(records.is_empty());
        let (_, records) = read_all("x.csv", "user-id\n");
        assert!(records.is_empty());
    }

    #[test]
    fn missing_file_names_the_flag() {
        let err = open(&Source::File("/nonexistent/x.csv".into()))
            .err()
            .unwrap();
        assert!(err.to_string().contains("--from-file"), "{err}");
    }
}
