//! The API secret: a newtype that never prints itself, its shape check, and its masked form.
//! Nothing else in the crate holds a secret as a bare `String`; both key types zero their
//! buffer when dropped, so a freed secret does not linger in memory (or in a core dump).

use std::fmt;

use zeroize::Zeroize;

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

/// Why a value is not a usable API secret. The messages never repeat the value.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SecretError {
    #[error("the value is empty; paste the API secret from the Passwordless.dev admin console")]
    Empty,
    #[error(
        "this is a public API key (`<app>:public:…`), used by browsers; the CLI needs the API secret (`<app>:secret:…`) from the admin console"
    )]
    PublicKey,
    #[error(
        "this does not look like an API secret: expected `<app id>:secret:<32 hex digits>`, e.g. `myapp:secret:` followed by 32 characters 0-9a-f"
    )]
    Shape,
    #[error(
        "the 32 hex digits of this API secret are in upper case, which the server refuses (401); it issues them in lower case (0-9a-f): copy the secret again from the admin console"
    )]
    UpperCase,
}

/// A validated `<appId>:secret:<32 hex>` API secret. `Debug` and `Display` show only the mask.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiSecret(String);

impl ApiSecret {
    /// Checks the shape the server issues (contract §1.2). Surrounding whitespace, such as the
    /// newline of a piped file, is dropped.
    pub fn parse(raw: &str) -> Result<ApiSecret, SecretError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(SecretError::Empty);
        }
        if value.contains(":public:") {
            return Err(SecretError::PublicKey);
        }
        let Some((app_id, hex)) = value.split_once(":secret:") else {
            return Err(SecretError::Shape);
        };
        let app_ok = !app_id.is_empty()
            && app_id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        let hex_ok = hex.len() == 32 && hex.chars().all(|c| c.is_ascii_hexdigit());
        if !app_ok || !hex_ok {
            return Err(SecretError::Shape);
        }
        // The server compares the secret's hash, so `…ABCDEF` is another secret to it: refuse
        // it here rather than store it and meet a 401 later (contract §1.2: lower-case hex).
        if hex.chars().any(|c| c.is_ascii_uppercase()) {
            return Err(SecretError::UpperCase);
        }
        Ok(ApiSecret(value.to_owned()))
    }

    /// The application id: everything before the first `:`.
    pub fn app_id(&self) -> &str {
        self.0.split(':').next().unwrap_or_default()
    }

    /// The value for the `ApiSecret` header. The only way to read the secret.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `myapp:secret:****1a2b`: enough to tell two secrets apart, useless to an attacker.
    pub fn masked(&self) -> String {
        mask(&self.0)
    }
}

impl Drop for ApiSecret {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// A management key (`ManagementKey` header) of a self-hosted or emulated server: an opaque
/// string, held and shown like the API secret.
#[derive(Clone, PartialEq, Eq)]
pub struct ManagementKey(String);

impl ManagementKey {
    pub fn parse(raw: &str) -> Result<ManagementKey, SecretError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(SecretError::Empty);
        }
        Ok(ManagementKey(value.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// An opaque key has no public prefix: show at most its last four characters, and none of
    /// a short one.
    pub fn masked(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        if chars.len() < 12 {
            return "****".to_owned();
        }
        let tail: String = chars[chars.len() - 4..].iter().collect();
        format!("****{tail}")
    }
}

impl Drop for ManagementKey {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for ManagementKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ManagementKey({})", self.masked())
    }
}

/// A public API key (`<appId>:public:<32 hex>`), the `ApiKey` header of the browser-facing
/// routes. Not a secret — every front end ships it — but traced masked all the same, so a
/// trace never teaches anyone to paste keys around.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey(String);

impl PublicKey {
    /// Checks the shape the server issues; the message says what was given instead.
    pub fn parse(raw: &str) -> Result<PublicKey, String> {
        let value = raw.trim();
        if value.contains(":secret:") {
            return Err("this is an API secret, which must stay on your server; the passkey commands need the app's public key (`<app>:public:…`)".to_owned());
        }
        let shape_ok = value.split_once(":public:").is_some_and(|(app, hex)| {
            !app.is_empty()
                && app
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                && hex.len() == 32
                && hex.chars().all(|c| c.is_ascii_hexdigit())
        });
        if !shape_ok {
            return Err(
                "this does not look like a public API key: expected `<app id>:public:<32 hex digits>`"
                    .to_owned(),
            );
        }
        Ok(PublicKey(value.to_owned()))
    }

    pub fn app_id(&self) -> &str {
        self.0.split(':').next().unwrap_or_default()
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn masked(&self) -> String {
        mask(&self.0)
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({})", self.masked())
    }
}

/// The credential a request carries, and the header it goes in.
#[derive(Debug, Clone)]
pub enum Auth {
    Secret(ApiSecret),
    Management(ManagementKey),
    /// For the browser-facing routes.
    Public(PublicKey),
    /// For the anonymous `/health` routes.
    Anonymous,
}

impl Auth {
    /// (header name, value, masked value), or `None` for anonymous requests.
    pub fn header(&self) -> Option<(&'static str, &str, String)> {
        match self {
            Auth::Secret(secret) => Some(("ApiSecret", secret.expose(), secret.masked())),
            Auth::Management(key) => Some(("ManagementKey", key.expose(), key.masked())),
            Auth::Public(key) => Some(("ApiKey", key.expose(), key.masked())),
            Auth::Anonymous => None,
        }
    }
}

/// Masks any key-like value: keeps the prefix up to the last `:` and the last four characters.
pub fn mask(value: &str) -> String {
    let tail_start = value.len().saturating_sub(4);
    let tail = value.get(tail_start..).unwrap_or_default();
    match value.rfind(':') {
        Some(idx) => format!("{}****{}", &value[..=idx], tail),
        None => format!("****{tail}"),
    }
}

/// True when a command-line word looks like an API secret, so it can be refused before clap (or
/// anything else) echoes it back in an error message.
pub fn looks_like_secret(word: &str) -> bool {
    word.split(['=', ' ', '"', '\'']).any(|part| {
        part.split_once(":secret:")
            .is_some_and(|(app, rest)| !app.is_empty() && rest.len() >= 8)
    })
}

/// True when a command line carries a secret that must be refused before parsing. The only
/// exception is the value of `emulator --secret/--public-key`: emulator keys are local
/// development keys that the emulator prints at start anyway.
pub fn argv_holds_secret(argv: &[std::ffi::OsString]) -> bool {
    let words: Vec<String> = argv
        .iter()
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect();
    // The command is the first word that is neither an option nor a global option's value
    // (`--profile emulator verify --secret=S` is a `verify`, not an `emulator`).
    let mut command = None;
    let mut i = 1;
    while i < words.len() {
        let word = words[i].as_str();
        if GLOBAL_VALUE_OPTIONS.contains(&word) {
            i += 2;
            continue;
        }
        if word == "--" {
            break;
        }
        if !word.starts_with('-') {
            command = Some(i);
            break;
        }
        i += 1;
    }
    let is_emulator = command.is_some_and(|at| {
        words[at] == "emulator"
            // `emulator exec`, `fault`, … take no keys: only the server itself does.
            && words.get(at + 1).is_none_or(|next| next.starts_with('-'))
    });
    let end_of_options = words.iter().position(|w| w == "--").unwrap_or(words.len());
    let is_emulator_key = |i: usize, word: &str| {
        is_emulator
            && i < end_of_options
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

/// Global options that take a separate value, which is not the command name.
const GLOBAL_VALUE_OPTIONS: &[&str] = &["--profile", "--api-url", "--ca-cert", "--timeout"];

/// `text` with every secret-like word of `argv` masked: clap's errors quote arguments, and the
/// one placement the guard lets through (the emulator's own `--secret`) must not be echoed
/// either.
pub fn scrub_argv_words(text: &str, argv: &[std::ffi::OsString]) -> String {
    let mut out = text.to_owned();
    for arg in argv {
        let arg = arg.to_string_lossy();
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

impl fmt::Debug for ApiSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiSecret({})", self.masked())
    }
}

impl fmt::Display for ApiSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "myapp:secret:0123456789abcdef0123456789ab1a2b";

    #[test]
    fn accepts_the_issued_shape_and_trims_newlines() {
        let secret = ApiSecret::parse(&format!("  {GOOD}\n")).unwrap();
        assert_eq!(secret.expose(), GOOD);
        assert_eq!(secret.app_id(), "myapp");
    }

    #[test]
    fn rejects_public_keys_with_their_own_message() {
        let err = ApiSecret::parse("myapp:public:0123456789abcdef0123456789abcdef").unwrap_err();
        assert_eq!(err, SecretError::PublicKey);
    }

    #[test]
    fn rejects_upper_case_hex_the_server_would_refuse() {
        let err = ApiSecret::parse("myapp:secret:0123456789ABCDEF0123456789ABCDEF").unwrap_err();
        assert_eq!(err, SecretError::UpperCase);
        assert!(!err.to_string().contains("ABCDEF"));
    }

    #[test]
    fn rejects_wrong_shapes() {
        for bad in [
            "",
            "   ",
            "myapp:secret:short",
            "myapp:secret:0123456789abcdef0123456789abcdeZ",
            ":secret:0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef",
            "my app:secret:0123456789abcdef0123456789abcdef",
        ] {
            assert!(ApiSecret::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn error_messages_never_contain_the_value() {
        let value = "myapp:secret:0123456789abcdef0123456789abcdeZ";
        let message = ApiSecret::parse(value).unwrap_err().to_string();
        assert!(!message.contains("abcdeZ"));
    }

    #[test]
    fn debug_and_display_are_masked() {
        let secret = ApiSecret::parse(GOOD).unwrap();
        assert_eq!(format!("{secret}"), "myapp:secret:****1a2b");
        assert_eq!(format!("{secret:?}"), "ApiSecret(myapp:secret:****1a2b)");
        assert!(!format!("{secret:?}").contains("0123"));
    }

    #[test]
    fn management_keys_show_little() {
        assert_eq!(
            ManagementKey::parse("shared_dev_key").unwrap().masked(),
            "****_key"
        );
        assert_eq!(
            ManagementKey::parse("k1:abcdefgh").unwrap().masked(),
            "****"
        );
        assert!(!format!("{:?}", ManagementKey::parse("k1:abcdefghijkl").unwrap()).contains("k1:"));
    }

    #[test]
    fn public_keys_are_told_from_secrets() {
        let key = PublicKey::parse(" devapp:public:fedcba9876543210fedcba9876543210\n").unwrap();
        assert_eq!(key.app_id(), "devapp");
        assert_eq!(key.masked(), "devapp:public:****3210");
        assert!(PublicKey::parse(GOOD).unwrap_err().contains("API secret"));
        assert!(!PublicKey::parse(GOOD).unwrap_err().contains("0123"));
        for bad in [
            "",
            "devapp:public:short",
            ":public:fedcba9876543210fedcba9876543210",
        ] {
            assert!(PublicKey::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn mask_handles_short_and_colonless_values() {
        assert_eq!(mask("abc"), "****abc");
        assert_eq!(mask("shared_dev_key"), "****_key");
    }

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
