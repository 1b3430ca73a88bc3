//! Opening `--from-file FILE|-` and reading it as a stream of records: CSV with a header row
//! (column names are flag names; a column may repeat for repeatable flags), JSON Lines, or a
//! JSON array. The format comes from the file's extension (`.csv`) or from its first character
//! (`[` array, `{` JSON Lines, anything else CSV). Nothing is read ahead beyond a buffer, so
//! memory does not grow with the file.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

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

struct CsvRecords<R> {
    reader: csv::Reader<R>,
    header: Vec<String>,
    record: csv::ByteRecord,
    number: u64,
    line_offset: u64,
    name: String,
}

impl<R: Read> CsvRecords<R> {
    fn new(reader: R, first_line: u64, name: String) -> anyhow::Result<(Self, Vec<String>)> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .trim(csv::Trim::Headers)
            .from_reader(reader);
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
        let columns = header.clone();
        Ok((
            CsvRecords {
                reader,
                header,
                record: csv::ByteRecord::new(),
                number: 0,
                line_offset: first_line - 1,
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
                let line = self.record.position().map_or(0, |p| p.line()) + self.line_offset;
                Some(Ok(Record {
                    number: self.number,
                    line,
                    fields: self.fields(),
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
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => return Some(Err(anyhow::anyhow!("cannot read {}: {e}", self.name))),
            }
            self.line += 1;
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
