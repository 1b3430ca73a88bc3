//! What `-v`, `-vv` and `-vvv` may show of a request: URLs without passwords, headers without
//! credentials, bodies without tokens, secrets or keys. Everything the client traces goes
//! through here first.

use serde_json::Value;
use url::Url;

use crate::keys::mask;

/// The URL as it may be shown: a password in it (`http://user:pass@host`) becomes `****`.
pub fn display_url(url: &Url) -> String {
    if url.password().is_none() {
        return url.as_str().to_owned();
    }
    let mut shown = url.clone();
    // Setting a password only fails for URLs that cannot have one, and this one has one.
    let _ = shown.set_password(Some("****"));
    shown.as_str().to_owned()
}

/// Header names whose values are credentials.
pub fn is_credential_header(name: &str) -> bool {
    [
        "apisecret",
        "managementkey",
        "apikey",
        "authorization",
        "proxy-authorization",
        "cookie",
        "set-cookie",
    ]
    .contains(&name.to_ascii_lowercase().as_str())
}

/// A header value as it may be shown.
pub fn header_value(name: &str, value: &str) -> String {
    if is_credential_header(name) {
        mask(value)
    } else {
        redact_text(value)
    }
}

/// The largest body [`body`] reads to show.
const MAX_SHOWN_BODY: usize = 1024 * 1024;

/// A request or response body as it may be shown at `-vvv`: JSON with every sensitive member
/// and every token-like string masked, other text with its token-like words masked; at most
/// `limit` characters.
pub fn body(bytes: &[u8], limit: usize) -> String {
    // Finding the sensitive members means reading the whole body; a body this large (a whole
    // emulator's state, up to 1 GiB) would cost its size many times over for a few lines.
    if bytes.len() > MAX_SHOWN_BODY {
        return format!("({} bytes, not shown: over 1 MiB)", bytes.len());
    }
    let text = match serde_json::from_slice::<Value>(bytes) {
        Ok(mut json) => {
            redact_value(&mut json, false);
            crate::text::json_string(&json)
        }
        Err(_) => redact_text(&String::from_utf8_lossy(bytes)),
    };
    let shown: String = text.chars().take(limit).collect();
    if shown.len() < text.len() {
        format!("{shown}… ({} more bytes)", text.len() - shown.len())
    } else {
        shown
    }
}

fn redact_value(value: &mut Value, sensitive: bool) {
    match value {
        Value::String(text) if sensitive => *text = mask(text),
        Value::String(text) => *text = redact_text(text),
        Value::Array(items) => items.iter_mut().for_each(|v| redact_value(v, sensitive)),
        Value::Object(members) => {
            for (key, member) in members.iter_mut() {
                redact_value(member, sensitive || is_sensitive_key(key));
            }
        }
        _ => {}
    }
}

/// Member names that hold credentials or tokens (`token`, `apiSecret`, `apiKey`,
/// `managementKey`, `password`, …).
fn is_sensitive_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    ["token", "secret", "apikey", "managementkey", "password"]
        .iter()
        .any(|word| key.contains(word))
}

/// Masks every token (`register_…`, `verify_…`) and API secret (`app:secret:…`) inside `text`,
/// wherever it appears (a magic link's URL holds its token in the query).
pub fn redact_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((start, end)) = next_sensitive(rest) {
        out.push_str(&rest[..start]);
        out.push_str(&mask(&rest[start..end]));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == ':'
}

/// The byte range of the first sensitive word in `text`: a run of token characters that starts
/// with a token prefix or holds `:secret:`, and is long enough to be a real one.
fn next_sensitive(text: &str) -> Option<(usize, usize)> {
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (is_token_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let word = &text[s..i];
                if is_sensitive_word(word) {
                    return Some((s, i));
                }
                start = None;
            }
            _ => {}
        }
    }
    None
}

fn is_sensitive_word(word: &str) -> bool {
    let token = ["register_", "verify_", "magic_"]
        .iter()
        .any(|prefix| word.contains(prefix) && word.len() >= prefix.len() + 16);
    token || crate::keys::looks_like_secret(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "verify_k8QgAbCdEfGhIjKlMnOpQrStUvWx";
    const SECRET: &str = "myapp:secret:0123456789abcdef0123456789ab1a2b";

    #[test]
    fn passwords_in_urls_are_masked() {
        let url = Url::parse("http://user:hunter2@127.0.0.1:8/api").unwrap();
        assert_eq!(display_url(&url), "http://user:****@127.0.0.1:8/api");
        let plain = Url::parse("https://v4.passwordless.dev/").unwrap();
        assert_eq!(display_url(&plain), "https://v4.passwordless.dev/");
    }

    #[test]
    fn bodies_lose_tokens_secrets_and_keys() {
        let json = format!(
            r#"{{"token":"{TOKEN}","nested":[{{"apiSecret":"{SECRET}"}}],"link":"https://a/?t={TOKEN}&x=1","userId":"42"}}"#
        );
        let shown = body(json.as_bytes(), 10_000);
        assert!(!shown.contains("k8QgAbCd"), "{shown}");
        assert!(!shown.contains("0123456789abcdef"), "{shown}");
        assert!(shown.contains(r#""userId":"42""#), "{shown}");
        assert!(shown.contains("&x=1"), "{shown}");
        let text = format!("<p>token {TOKEN}, secret {SECRET}</p>");
        let shown = body(text.as_bytes(), 10_000);
        assert!(
            !shown.contains("k8QgAbCd") && !shown.contains("0123456789abcdef"),
            "{shown}"
        );
    }

    #[test]
    fn credential_headers_are_masked_and_long_bodies_cut() {
        assert_eq!(header_value("ApiSecret", SECRET), "myapp:secret:****1a2b");
        assert_eq!(header_value("content-type", "text/html"), "text/html");
        let long = "x".repeat(100);
        assert!(body(long.as_bytes(), 10).ends_with("… (90 more bytes)"));
    }

    /// A body over 1 MiB is not parsed to be shown: its size is.
    #[test]
    fn a_large_body_is_not_read_to_be_shown() {
        let large = format!("{{\"apiSecret\": \"{}\"}}", "x".repeat(MAX_SHOWN_BODY));
        let shown = body(large.as_bytes(), 100);
        assert_eq!(
            shown,
            format!("({} bytes, not shown: over 1 MiB)", large.len())
        );
    }
}
