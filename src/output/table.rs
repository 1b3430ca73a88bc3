//! Bordered tables on a terminal, laid out so every column stays readable: short columns keep
//! their width, columns holding a token, key, link or id never wrap (so they can be copied
//! whole), and only free text wraps, at word boundaries where it can. When even that does not
//! fit the terminal, each row is printed as a block of `LABEL  value` lines instead (as psql's
//! expanded mode does) rather than squeezing a column to a sliver or cutting values short.

use std::io::{self, Write};

use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width, presets};
use unicode_width::UnicodeWidthStr;

/// A column whose widest cell is at most this wide is never wrapped.
const KEEP_WHOLE: usize = 24;
/// A wrapped column is at least this wide (or as wide as its widest cell, if narrower)…
const MIN_WRAPPED: usize = 16;
/// …and wide enough for its longest word, up to this many columns.
const MAX_WORD: usize = 30;

/// How one column may be laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fit {
    /// Never wrapped: as wide as its widest cell.
    Whole(usize),
    /// Wraps; never narrower than this.
    Wraps(usize),
}

impl Fit {
    fn min(self) -> usize {
        match self {
            Fit::Whole(width) | Fit::Wraps(width) => width,
        }
    }
}

/// `rows` (already escaped for the terminal) under `headers`, fitted to `width` columns.
pub fn write(
    headers: &[&str],
    rows: &[Vec<String>],
    width: u16,
    out: &mut dyn Write,
) -> io::Result<()> {
    let fits: Vec<Fit> = (0..headers.len())
        .map(|index| {
            fit(
                headers[index],
                rows.iter()
                    .filter_map(|row| row.get(index).map(String::as_str)),
            )
        })
        .collect();
    // Each column costs its padding (one space each side) and a border; one more border closes
    // the row.
    let needed: usize = fits.iter().map(|f| f.min() + 3).sum::<usize>() + 1;
    if needed > usize::from(width) {
        return write_blocks(headers, rows, out);
    }
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(headers.to_vec());
    for row in rows {
        table.add_row(row.clone());
    }
    for (column, fit) in table.column_iter_mut().zip(&fits) {
        column.set_constraint(match fit {
            Fit::Whole(_) => ColumnConstraint::ContentWidth,
            Fit::Wraps(min) => ColumnConstraint::LowerBoundary(Width::Fixed(
                u16::try_from(*min).unwrap_or(u16::MAX),
            )),
        });
    }
    writeln!(out, "{table}")
}

fn fit<'a>(header: &str, cells: impl Iterator<Item = &'a str>) -> Fit {
    let mut widest = header.width();
    let mut longest_word = header.width();
    let mut unbreakable = false;
    for cell in cells {
        widest = widest.max(cell.width());
        longest_word = longest_word.max(cell.split_whitespace().map(str::width).max().unwrap_or(0));
        unbreakable |= is_unbreakable(cell);
    }
    if unbreakable || widest <= KEEP_WHOLE {
        Fit::Whole(widest)
    } else {
        Fit::Wraps(
            longest_word
                .clamp(MIN_WRAPPED, MAX_WORD)
                .max(header.width())
                .min(widest),
        )
    }
}

/// A long value with no spaces: a token, link, key or id that must stay in one piece.
fn is_unbreakable(cell: &str) -> bool {
    cell.chars().count() > 20 && !cell.contains(char::is_whitespace)
}

/// Each row as `LABEL  value` lines, rows apart by a blank line: every value whole and
/// unwrapped however narrow the terminal.
fn write_blocks(headers: &[&str], rows: &[Vec<String>], out: &mut dyn Write) -> io::Result<()> {
    let label_width = headers.iter().map(|h| h.width()).max().unwrap_or(0);
    for (index, row) in rows.iter().enumerate() {
        if index > 0 {
            writeln!(out)?;
        }
        for (header, value) in headers.iter().zip(row) {
            if value.is_empty() {
                writeln!(out, "{header}")?;
                continue;
            }
            let pad = label_width - header.width();
            writeln!(out, "{header}{:pad$}  {value}", "")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(headers: &[&str], rows: &[&[&str]], width: u16) -> String {
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|row| row.iter().map(|c| (*c).to_owned()).collect())
            .collect();
        let mut buffer = Vec::new();
        write(headers, &rows, width, &mut buffer).unwrap();
        String::from_utf8(buffer).unwrap()
    }

    const KEY: &str = "devapp:public:fedcba9876543210fedcba9876543210";

    fn api_keys(width: u16) -> String {
        rendered(
            &["ID", "TYPE", "KEY", "SCOPES", "LOCKED", "CREATED"],
            &[
                &[
                    "3210",
                    "public",
                    KEY,
                    "login, register",
                    "false",
                    "2026-12-01 18:06:04 UTC",
                ],
                &[
                    "cdef",
                    "secret",
                    "devapp:secret:****cdef",
                    "token_register, token_verify",
                    "false",
                    "2026-12-01 18:06:04 UTC",
                ],
            ],
            width,
        )
    }

    #[test]
    fn short_columns_keep_their_width_and_keys_stay_whole() {
        let text = api_keys(140);
        for line in text.lines() {
            assert!(line.chars().count() <= 140, "{text}");
        }
        assert!(text.contains(KEY), "{text}");
        assert!(text.contains("┆ CREATED "), "{text}");
        assert!(text.contains("2026-12-01 18:06:04 UTC"), "{text}");
        assert_eq!(text.lines().count(), 6, "one line per row: {text}");
    }

    #[test]
    fn free_text_wraps_at_words_and_nothing_else_does() {
        let detail =
            "The credential was removed by an administrator of the application after review";
        let text = rendered(
            &["ID", "TIME", "MESSAGE"],
            &[&["AQIDBA", "2026-01-02 03:04:05 UTC", detail]],
            70,
        );
        for line in text.lines() {
            assert!(line.chars().count() <= 70, "{text}");
        }
        assert!(text.contains("2026-01-02 03:04:05 UTC"), "{text}");
        assert!(
            text.contains("administrator"),
            "words are not split: {text}"
        );
        assert!(text.lines().count() > 5, "the message wraps: {text}");
    }

    #[test]
    fn rows_become_blocks_when_the_columns_cannot_fit() {
        let text = api_keys(80);
        assert!(!text.contains('│'), "{text}");
        assert!(
            text.starts_with(&format!(
                "ID       3210\nTYPE     public\nKEY      {KEY}\nSCOPES   login, register\nLOCKED   false\nCREATED  2026-12-01 18:06:04 UTC\n\nID       cdef\n"
            )),
            "{text}"
        );
    }

    #[test]
    fn a_narrow_terminal_never_gets_one_letter_columns() {
        for width in [20, 40, 60, 80, 100, 120] {
            let text = api_keys(width);
            assert!(!text.contains("│ I ┆"), "{width}: {text}");
            assert!(text.contains(KEY), "{width}: {text}");
        }
    }
}
