//! Terminal safety for text that came from a server or a user (problem titles and details,
//! user ids, aliases, nicknames): control characters are shown escaped, so a newline cannot
//! forge an `error:` line or a table row, and ESC/OSC sequences never reach the terminal. JSON
//! output is not passed through here: it is exact, and JSON escapes controls itself.

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
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
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
    }

    #[test]
    fn text_keeps_its_lines_and_escapes_the_rest() {
        assert!(matches!(escape_text("a\n\tb\r\n"), Cow::Borrowed(_)));
        assert_eq!(escape_text("ok\rerror: forged"), "ok\\rerror: forged");
        assert_eq!(escape_text("x\u{1b}[2Jy\n"), "x\\u{1b}[2Jy\n");
    }
}
