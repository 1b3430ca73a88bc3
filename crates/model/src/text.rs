//! Terminal safety for text that came from a server or a user (problem titles and details,
//! user ids, aliases, nicknames): control characters are shown escaped, so a newline cannot
//! forge an `error:` line or a table row, and ESC/OSC sequences never reach the terminal. JSON
//! output keeps its exact content but is written with [`SafeJson`], which escapes as `\uXXXX`
//! what serde_json would write raw: C1 controls and the bidirectional controls.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` with C0 and C1 control characters, DEL and the bidirectional overrides (which can
/// make a line read differently from what it holds) written as `\n`, `\t`, `\r` or `\u{…}`.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Like [`escape`] for text of several lines (a response body): newlines, tabs and the `\r` of
/// a `\r\n` are kept, every other control is escaped.
pub fn escape_text(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| needs_escape(c) && !matches!(c, '\n' | '\t' | '\r'))
        && !has_lone_cr(text)
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' if chars.peek() == Some(&'\n') => out.push(c),
            c if needs_escape(c) => out.push_str(&escape(c.encode_utf8(&mut [0; 4]))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A `\r` not followed by `\n`: it would move the cursor back over the line already shown.
fn has_lone_cr(text: &str) -> bool {
    text.match_indices('\r')
        .any(|(at, _)| text.as_bytes().get(at + 1) != Some(&b'\n'))
}

fn needs_escape(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// The marks and overrides that change the order text is shown in (Trojan Source), and the
/// invisible marks that do the same for one character.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
    )
}

/// What JSON output writes as `\uXXXX` though JSON allows it raw: C1 controls (U+0080–U+009F,
/// which some terminals obey as escape sequences) and the bidirectional controls. DEL too.
fn json_needs_escape(c: char) -> bool {
    matches!(c, '\u{7f}'..='\u{9f}') || is_bidi_control(c)
}

/// A serde_json formatter (compact or pretty inside) whose strings escape what
/// [`json_needs_escape`] names; the value read back is the same.
pub struct SafeJson<F>(pub F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for SafeJson<F> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if json_needs_escape(c) {
                writer.write_all(&fragment.as_bytes()[start..at])?;
                write!(writer, "\\u{:04x}", c as u32)?;
                start = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Whether JSON text is one line with nothing [`SafeJson`] would escape: ASCII without line
/// breaks passes at once, other text is checked character by character.
pub fn is_inert_json_line(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.iter().all(|&b| b < 0x7f && b != b'\n' && b != b'\r') {
        return true;
    }
    !text
        .chars()
        .any(|c| matches!(c, '\n' | '\r') || json_needs_escape(c))
}

/// `value` as compact JSON, escaped as [`SafeJson`] says.
pub fn json_to_writer<W: std::io::Write, T: serde::Serialize + ?Sized>(
    writer: W,
    value: &T,
) -> serde_json::Result<()> {
    let mut ser =
        serde_json::Serializer::with_formatter(writer, SafeJson(serde_json::ser::CompactFormatter));
    value.serialize(&mut ser)
}

/// `value` as indented JSON, escaped as [`SafeJson`] says.
pub fn json_to_writer_pretty<W: std::io::Write, T: serde::Serialize + ?Sized>(
    writer: W,
    value: &T,
) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(
        writer,
        SafeJson(serde_json::ser::PrettyFormatter::new()),
    );
    value.serialize(&mut ser)
}

/// `value` as one line of compact JSON, escaped as [`SafeJson`] says.
pub fn json_string<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let mut bytes = Vec::new();
    if json_to_writer(&mut bytes, value).is_err() {
        return String::new();
    }
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_plain_text_is_kept() {
        assert!(matches!(escape("alice@example.com"), Cow::Borrowed(_)));
        assert_eq!(escape("Zoë ✓"), "Zoë ✓");
        assert_eq!(escape("a\nerror: forged"), "a\\nerror: forged");
        assert_eq!(
            escape("\u{1b}]8;;http://x\u{7}"),
            "\\u{1b}]8;;http://x\\u{7}"
        );
        assert_eq!(escape("tab\there\r"), "tab\\there\\r");
        assert_eq!(escape("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(escape("abc\u{202e}fed"), "abc\\u{202e}fed");
        for mark in ['\u{200e}', '\u{200f}', '\u{061c}', '\u{2066}', '\u{85}'] {
            assert!(
                escape(&format!("a{mark}b")).starts_with("a\\u{"),
                "{mark:?}"
            );
        }
    }

    #[test]
    fn json_escapes_c1_and_bidi_controls_and_reads_back_the_same() {
        let value =
            serde_json::json!({"t": "a\u{85}b\u{9b}c\u{202e}d\u{2066}e\u{200f}f\u{61c}g\n✓"});
        let text = json_string(&value);
        assert_eq!(
            text,
            r#"{"t":"a\u0085b\u009bc\u202ed\u2066e\u200ff\u061cg\n✓"}"#
        );
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&text).unwrap(),
            value
        );
        let mut pretty = Vec::new();
        json_to_writer_pretty(&mut pretty, &value).unwrap();
        assert!(String::from_utf8(pretty).unwrap().contains("\\u0085"));
    }

    #[test]
    fn text_keeps_its_lines_and_escapes_the_rest() {
        assert!(matches!(escape_text("a\n\tb\r\n"), Cow::Borrowed(_)));
        assert_eq!(escape_text("ok\rerror: forged"), "ok\\rerror: forged");
        assert_eq!(escape_text("x\u{1b}[2Jy\n"), "x\\u{1b}[2Jy\n");
    }
}
