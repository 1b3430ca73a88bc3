//! The shapes of the keys the server issues: the API secret (`<app>:secret:<32 hex>`), the
//! public key (`<app>:public:<32 hex>`) and the opaque management key. Newtypes that never print
//! themselves (`Debug` and `Display` show the mask), zero their buffer when dropped, and are
//! the only holders of a secret anywhere in the workspace; plus the one masking rule.

use std::fmt;

use zeroize::Zeroize;

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

/// A key's id as the server gives it: its last four characters (whole characters, so a key
/// that is not ASCII cannot make a slice panic with the key in its message).
pub fn key_id(value: &str) -> &str {
    let start = value.char_indices().rev().nth(3).map_or(0, |(i, _)| i);
    &value[start..]
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
    fn a_key_id_is_its_last_four_characters_whatever_they_are() {
        assert_eq!(key_id(GOOD), "1a2b");
        assert_eq!(key_id("ab"), "ab");
        assert_eq!(key_id("app:secret:xyzéüöä"), "éüöä");
    }

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
}
