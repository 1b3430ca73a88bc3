//! The command line as read once, before clap: its words as text, where the command word is,
//! and where options end (`--`). What the run needs before parsing is answered from this one
//! reading: is JSON wanted (so even clap's errors can be JSON), does argv hold a secret (refused
//! before clap can echo it), which command the small parse tree is for, and later the words
//! that clap's errors are scrubbed of and tips are chosen by.

use std::ffi::OsString;

/// Global options that take a separate value, which is not the command name.
const GLOBAL_VALUE_OPTIONS: &[&str] = &["--profile", "--api-url", "--ca-cert", "--timeout"];

pub struct Scan {
    /// Every word as text (lossy), the program name first.
    pub words: Vec<String>,
    /// The command: the first word that is neither an option nor a global option's value
    /// (`--profile emulator verify` is a `verify`, not an `emulator`).
    command: Option<usize>,
    /// Where `--` is, or the number of words.
    end_of_options: usize,
    /// `--json` or `--jsonl` before `--`.
    json: bool,
}

impl Scan {
    pub fn of(argv: &[OsString]) -> Scan {
        let words: Vec<String> = argv
            .iter()
            .map(|arg| arg.to_string_lossy().into_owned())
            .collect();
        let mut command = None;
        let mut end_of_options = words.len();
        let mut json = false;
        let mut skip_value = false;
        for (i, word) in words.iter().enumerate().skip(1) {
            if word == "--" {
                end_of_options = i;
                break;
            }
            json |= word == "--json" || word == "--jsonl";
            if std::mem::take(&mut skip_value) {
                continue;
            }
            if command.is_none() {
                if GLOBAL_VALUE_OPTIONS.contains(&word.as_str()) {
                    skip_value = true;
                } else if !word.starts_with('-') {
                    command = Some(i);
                }
            }
        }
        Scan {
            words,
            command,
            end_of_options,
            json,
        }
    }

    /// `--json` or `--jsonl` was given, so errors, clap's included, are JSON.
    pub fn wants_json(&self) -> bool {
        self.json
    }

    /// The command word, if there is one.
    pub fn command(&self) -> Option<&str> {
        self.command.map(|at| self.words[at].as_str())
    }

    /// The word after the command, if any (`emulator exec` vs `emulator --port 0`).
    pub fn after_command(&self) -> Option<&str> {
        self.command
            .and_then(|at| self.words.get(at + 1))
            .map(String::as_str)
    }

    /// Whether word `i` comes before `--`.
    pub fn is_option_word(&self, i: usize) -> bool {
        i < self.end_of_options
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(words: &[&str]) -> Scan {
        let argv: Vec<OsString> = std::iter::once("passwordless")
            .chain(words.iter().copied())
            .map(Into::into)
            .collect();
        Scan::of(&argv)
    }

    #[test]
    fn the_command_skips_global_option_values() {
        assert_eq!(
            scan(&["--profile", "emulator", "verify", "t"]).command(),
            Some("verify")
        );
        assert_eq!(scan(&["-q", "users", "list"]).command(), Some("users"));
        assert_eq!(scan(&["--json"]).command(), None);
        assert_eq!(scan(&["emulator", "exec"]).after_command(), Some("exec"));
    }

    #[test]
    fn json_counts_only_before_the_end_of_options() {
        assert!(scan(&["users", "list", "--json"]).wants_json());
        assert!(scan(&["--jsonl", "events", "list"]).wants_json());
        assert!(!scan(&["emulator", "exec", "--", "tool", "--json"]).wants_json());
    }
}
