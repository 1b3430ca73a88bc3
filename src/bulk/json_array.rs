//! A streaming reader for a JSON array of objects (`[{...}, {...}]`): it finds the extent of one
//! element at a time (tracking strings, escapes and nesting) and parses only that slice, so a
//! file of any size is read in constant memory. A malformed element becomes an error for that
//! record only; a broken array (unclosed, garbage between elements) stops the input. An
//! element over [`MAX_RECORD_BYTES`] is read through without being kept and becomes a bad
//! record, so one huge element cannot take memory in proportion to its size.

use std::io::BufRead;

use serde_json::Value;

use super::input::MAX_RECORD_BYTES;
use super::record::{Fields, Record};

pub struct JsonArrayRecords<R> {
    reader: R,
    /// Line of the next unread byte (1-based).
    line: u64,
    number: u64,
    state: State,
    element: Vec<u8>,
    /// The current element is over [`MAX_RECORD_BYTES`]; its bytes were dropped.
    oversized: bool,
}

enum Taken {
    Element,
    EndAfterElement,
    EndInsideElement,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the opening `[`.
    Start,
    /// After `[` or a `,`: an element (or, right after `[`, the closing `]`) comes next.
    Element {
        first: bool,
    },
    /// After an element: `,` or `]` comes next.
    Separator,
    Done,
}

impl<R: BufRead> JsonArrayRecords<R> {
    /// `line` is the line the reader starts on (leading lines may have been consumed by sniffing).
    pub fn new(reader: R, line: u64) -> Self {
        JsonArrayRecords {
            reader,
            line,
            number: 0,
            state: State::Start,
            element: Vec::new(),
            oversized: false,
        }
    }

    /// The next byte that is not JSON whitespace, without consuming it; `None` at the end.
    fn peek_significant(&mut self) -> std::io::Result<Option<u8>> {
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                return Ok(None);
            }
            let mut used = 0;
            for &b in buf {
                match b {
                    b'\n' => self.line += 1,
                    b' ' | b'\t' | b'\r' => {}
                    _ => {
                        self.reader.consume(used);
                        return Ok(Some(b));
                    }
                }
                used += 1;
            }
            self.reader.consume(used);
        }
    }

    /// Copies one element's bytes into `self.element`, stopping before the `,` or `]` that
    /// follows it. At the end of the input, says whether the element itself was complete.
    fn take_element(&mut self) -> std::io::Result<Taken> {
        self.element.clear();
        self.oversized = false;
        let mut depth = 0u32;
        let mut in_string = false;
        let mut escaped = false;
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                return Ok(if depth == 0 && !in_string {
                    Taken::EndAfterElement
                } else {
                    Taken::EndInsideElement
                });
            }
            let mut used = 0;
            let mut finished = false;
            for &b in buf {
                if in_string {
                    if escaped {
                        escaped = false;
                    } else if b == b'\\' {
                        escaped = true;
                    } else if b == b'"' {
                        in_string = false;
                    }
                } else {
                    match b {
                        b'"' => in_string = true,
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' if depth > 1 => depth -= 1,
                        // The closing bracket of an object or array element ends it.
                        b'}' | b']' if depth == 1 => {
                            used += 1;
                            finished = true;
                            break;
                        }
                        // A bare value (not an object) ends at the next separator.
                        b',' | b']' if depth == 0 => {
                            finished = true;
                            break;
                        }
                        _ => {}
                    }
                }
                if b == b'\n' {
                    self.line += 1;
                }
                used += 1;
            }
            if !self.oversized && self.element.len() + used > MAX_RECORD_BYTES {
                self.oversized = true;
                self.element = Vec::new();
            }
            if !self.oversized {
                self.element.extend_from_slice(&buf[..used]);
            }
            self.reader.consume(used);
            if finished {
                return Ok(Taken::Element);
            }
        }
    }

    fn parse_element(&self) -> Result<Fields, String> {
        if self.oversized {
            return Err(super::input::too_long());
        }
        match serde_json::from_slice::<Value>(&self.element) {
            Ok(Value::Object(map)) => Fields::from_json_object(&map),
            Ok(_) => Err("the array element is not a JSON object".to_owned()),
            Err(e) => Err(format!("the array element is not valid JSON: {e}")),
        }
    }

    fn step(&mut self) -> anyhow::Result<Option<Record>> {
        loop {
            match self.state {
                State::Done => return Ok(None),
                State::Start => match self.peek_significant()? {
                    Some(b'[') => {
                        self.reader.consume(1);
                        self.state = State::Element { first: true };
                    }
                    None => {
                        self.state = State::Done;
                        return Ok(None);
                    }
                    Some(_) => anyhow::bail!("the input does not start with `[`"),
                },
                State::Separator => match self.peek_significant()? {
                    Some(b',') => {
                        self.reader.consume(1);
                        self.state = State::Element { first: false };
                    }
                    Some(b']') => {
                        self.reader.consume(1);
                        self.finish()?;
                    }
                    Some(other) => anyhow::bail!(
                        "line {}: expected `,` or `]` after an array element, found `{}`",
                        self.line,
                        char::from(other)
                    ),
                    None => anyhow::bail!("the JSON array is not closed with `]`"),
                },
                State::Element { first } => match self.peek_significant()? {
                    Some(b']') if first => {
                        self.reader.consume(1);
                        self.finish()?;
                    }
                    Some(_) => {
                        let line = self.line;
                        match self.take_element()? {
                            Taken::Element => {}
                            Taken::EndAfterElement => {
                                anyhow::bail!("the JSON array is not closed with `]`")
                            }
                            Taken::EndInsideElement => anyhow::bail!(
                                "the JSON array ends inside the element that starts on line {line}"
                            ),
                        }
                        self.state = State::Separator;
                        self.number += 1;
                        return Ok(Some(Record {
                            number: self.number,
                            line,
                            fields: self.parse_element(),
                        }));
                    }
                    None => anyhow::bail!("the JSON array is not closed with `]`"),
                },
            }
        }
    }

    /// After the closing `]` only whitespace may follow.
    fn finish(&mut self) -> anyhow::Result<()> {
        self.state = State::Done;
        if let Some(b) = self.peek_significant()? {
            anyhow::bail!(
                "line {}: unexpected `{}` after the end of the JSON array",
                self.line,
                char::from(b)
            );
        }
        Ok(())
    }
}

impl<R: BufRead> Iterator for JsonArrayRecords<R> {
    type Item = anyhow::Result<Record>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.step() {
            Ok(Some(record)) => Some(Ok(record)),
            Ok(None) => None,
            Err(e) => {
                self.state = State::Done;
                Some(Err(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bulk::record::Cell;

    fn read(text: &str) -> Vec<anyhow::Result<Record>> {
        // A tiny buffer makes every element straddle buffer boundaries.
        let reader = std::io::BufReader::with_capacity(3, text.as_bytes());
        JsonArrayRecords::new(reader, 1).collect()
    }

    fn user(record: &Record) -> String {
        match &record.fields.as_ref().unwrap().0[0].1 {
            Cell::Text(text) => text.clone(),
            Cell::Null => "null".into(),
        }
    }

    #[test]
    fn streams_elements_with_lines_and_tricky_strings() {
        let text =
            "[\n  {\"userId\": \"a,]}\\\"\"},\n  {\"userId\": \"b\"}, {\"userId\":\"c\"}\n]\n";
        let records: Vec<Record> = read(text).into_iter().map(Result::unwrap).collect();
        assert_eq!(records.len(), 3);
        assert_eq!(user(&records[0]), "a,]}\\\"".replace('\\', ""));
        assert_eq!(
            records
                .iter()
                .map(|r| (r.number, r.line))
                .collect::<Vec<_>>(),
            [(1, 2), (2, 3), (3, 3)]
        );
    }

    #[test]
    fn bad_elements_are_record_errors_and_reading_goes_on() {
        let records = read(r#"[{"userId": "a"}, 42, {"userId": tru}, {"userId": "d"}]"#);
        let records: Vec<Record> = records.into_iter().map(Result::unwrap).collect();
        assert_eq!(records.len(), 4);
        assert!(records[0].fields.is_ok());
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
        assert_eq!(user(&records[3]), "d");
    }

    #[test]
    fn empty_arrays_and_empty_input() {
        assert!(read("[]").is_empty());
        assert!(read(" [ \n ] \n").is_empty());
        assert!(read("").is_empty());
    }

    #[test]
    fn broken_arrays_stop_with_an_error() {
        for (text, expected) in [
            (r#"[{"a": 1}"#, "not closed"),
            (r#"[{"a": 1"#, "ends inside the element"),
            (r#"[{"a": 1} {"b": 2}]"#, "expected `,` or `]`"),
            (r#"[{"a": 1}] x"#, "after the end"),
            (r#"{"a": 1}"#, "does not start with `[`"),
        ] {
            let results = read(text);
            let err = results
                .into_iter()
                .find_map(Result::err)
                .unwrap_or_else(|| panic!("{text} should fail"));
            assert!(err.to_string().contains(expected), "{text}: {err}");
        }
    }
}
