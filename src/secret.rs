//! Where the CLI meets secrets outside the key types: where a secret came from, refusing one
//! given on the command line (before clap can echo it), scrubbing argv words out of messages,
//! and decoding a secret file whatever shell wrote it. The key types themselves, and the one
//! masking rule, are the wire model's (`passwordless_model::keys`); the header a request
//! carries is the client's (`api::Auth`).

use std::fmt;

use crate::argv::Scan;

pub use crate::api::Auth;
pub use passwordless_model::keys::{
    ApiSecret, ManagementKey, PublicKey, SecretError, looks_like_secret, mask,
};

/// Where a secret was found; shown by `config show` so users know which one wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretSource {
    Env(&'static str),
    /// The named store of `keyring_store`.
    Keyring(&'static str),
}

impl fmt::Display for SecretSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SecretSource::Env(name) => write!(f, "env {name}"),
            SecretSource::Keyring(store) => write!(f, "keyring store {store}"),
        }
    }
}

/// True when a command line carries a secret that must be refused before parsing. The only
/// exception is the value of `emulator --secret/--public-key`: emulator keys are local
/// development keys that the emulator prints at start anyway.
pub fn argv_holds_secret(scan: &Scan) -> bool {
    let words = &scan.words;
    let is_emulator = scan.command() == Some("emulator")
        // `emulator exec`, `fault`, … take no keys: only the server itself does.
        && scan.after_command().is_none_or(|next| next.starts_with('-'));
    let is_emulator_key = |i: usize, word: &str| {
        is_emulator
            && scan.is_option_word(i)
            && (word.starts_with("--secret=")
                || word.starts_with("--public-key=")
                || i.checked_sub(1)
                    .and_then(|prev| words.get(prev))
                    .is_some_and(|prev| prev == "--secret" || prev == "--public-key"))
    };
    words
        .iter()
        .enumerate()
        .skip(1)
        .any(|(i, word)| looks_like_secret(word) && !is_emulator_key(i, word))
}

/// `text` with every secret-like word of `argv` masked: clap's errors quote arguments, and the
/// one placement the guard lets through (the emulator's own `--secret`) must not be echoed
/// either.
pub fn scrub_argv_words(text: &str, scan: &Scan) -> String {
    let mut out = text.to_owned();
    for arg in &scan.words {
        for part in arg.split(['=', ' ', '"', '\'']) {
            if looks_like_secret(part) {
                out = out.replace(part, &mask(part));
            }
        }
    }
    out
}

/// The text of a secret read from a file or stdin, whatever the shell that wrote it: UTF-8 with
/// or without a byte-order mark, or UTF-16 with one — what Windows PowerShell 5.1's `>` and
/// `Out-File` write, and what it pipes when `$OutputEncoding` is Unicode. The error never
/// quotes the bytes.
pub fn decode_text(bytes: &[u8]) -> Result<String, &'static str> {
    let utf16 = |rest: &[u8], from: fn([u8; 2]) -> u16| {
        if !rest.len().is_multiple_of(2) {
            return Err("it is UTF-16 with an odd number of bytes");
        }
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|pair| from([pair[0], pair[1]]))
            .collect();
        String::from_utf16(&units).map_err(|_| "it is not valid UTF-16")
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => {
            String::from_utf8(rest.to_vec()).map_err(|_| "it is not valid UTF-8")
        }
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => String::from_utf8(bytes.to_vec())
            .map_err(|_| "it is neither UTF-8 nor UTF-16 with a byte-order mark"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv_holds_secret(argv: &[std::ffi::OsString]) -> bool {
        super::argv_holds_secret(&Scan::of(argv))
    }

    const GOOD: &str = "myapp:secret:0123456789abcdef0123456789ab1a2b";
    #[test]
    fn argv_refusal_spares_only_the_emulator_keys() {
        let argv = |words: &[&str]| -> Vec<std::ffi::OsString> {
            std::iter::once("passwordless")
                .chain(words.iter().copied())
                .map(Into::into)
                .collect()
        };
        assert!(argv_holds_secret(&argv(&["verify", GOOD])));
        assert!(argv_holds_secret(&argv(&["config", "set-secret", GOOD])));
        assert!(argv_holds_secret(&argv(&[
            "emulator", "exec", "--", "x", GOOD
        ])));
        assert!(argv_holds_secret(&argv(&[
            "register-token",
            "--secret",
            GOOD
        ])));
        assert!(!argv_holds_secret(&argv(&["emulator", "--secret", GOOD])));
        assert!(!argv_holds_secret(&argv(&[
            "emulator",
            &format!("--secret={GOOD}")
        ])));
        assert!(!argv_holds_secret(&argv(&[
            "--json", "emulator", "--secret", GOOD
        ])));
        assert!(!argv_holds_secret(&argv(&[
            "register-token",
            "--user-id",
            "42"
        ])));
        // A profile or URL named like a command does not make the command an `emulator`.
        assert!(argv_holds_secret(&argv(&[
            "--profile",
            "emulator",
            "verify",
            &format!("--secret={GOOD}")
        ])));
        assert!(argv_holds_secret(&argv(&[
            "emulator", "exec", "--", "x", "--secret", GOOD
        ])));
        assert!(argv_holds_secret(&argv(&[
            "emulator", "fault", "--secret", GOOD
        ])));
        assert!(!argv_holds_secret(&argv(&[
            "--profile",
            "x",
            "emulator",
            "--secret",
            GOOD
        ])));
    }

    #[test]
    fn spots_secrets_in_argv_words() {
        assert!(looks_like_secret(GOOD));
        assert!(looks_like_secret(&format!("--secret={GOOD}")));
        assert!(!looks_like_secret("--user-id"));
        assert!(!looks_like_secret("secret:thing"));
    }

    #[test]
    fn secrets_written_by_windows_shells_decode() {
        let secret = "devapp:secret:0123456789abcdef0123456789abcdef";
        let line = format!("{secret}\r\n");
        let mut utf16le = vec![0xFF, 0xFE];
        let mut utf16be = vec![0xFE, 0xFF];
        for unit in line.encode_utf16() {
            utf16le.extend(unit.to_le_bytes());
            utf16be.extend(unit.to_be_bytes());
        }
        let mut utf8_bom = vec![0xEF, 0xBB, 0xBF];
        utf8_bom.extend(line.as_bytes());
        for bytes in [line.as_bytes().to_vec(), utf8_bom, utf16le, utf16be] {
            let text = decode_text(&bytes).unwrap();
            assert_eq!(ApiSecret::parse(&text).unwrap().expose(), secret);
        }
    }

    #[test]
    fn undecodable_input_is_refused_without_quoting_it() {
        let err = decode_text(b"devapp:secret:\xff\xfe").unwrap_err();
        assert!(!err.contains("devapp"), "{err}");
        assert!(decode_text(&[0xFF, 0xFE, 0x41]).is_err());
        // A lone surrogate is not text.
        assert!(decode_text(&[0xFF, 0xFE, 0x00, 0xD8]).is_err());
    }
}
