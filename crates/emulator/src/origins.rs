//! Which web page origins the emulator runs ceremonies for. The real service takes the `Origin`
//! member of the four frontend requests and checks the browser's `clientDataJSON` against it; the
//! emulator additionally accepts only loopback pages (`http(s)://localhost:*`, `127.0.0.0/8`,
//! `[::1]`) unless `emulator --origin URL` allows more, so a key that leaks from a test cannot be
//! used from any site on the internet.
//!
//! Native apps: the real server puts the request's `Origin` in fido2-net-lib's allowed origins,
//! so an Android app's `android:apk-key-hash:…` passes when the app sends it as `Origin` too (as
//! the official Android SDK does). The emulator serves it only when told to with `--origin`, and
//! compares it exactly, since base64url is case-sensitive. iOS apps send the https origin of their
//! associated domain, which is an ordinary web origin here.

use super::problem::Problem;
use passwordless_webauthn::fully_qualified_origin;

/// A page origin allowed in passkey ceremonies (`--origin`), fully qualified
/// (`scheme://host[:port]`), or an Android app origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin(String);

impl Origin {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<Origin> for String {
    fn from(origin: Origin) -> String {
        origin.0
    }
}

impl std::str::FromStr for Origin {
    type Err = String;

    fn from_str(value: &str) -> Result<Origin, String> {
        parse(value).map(Origin)
    }
}

/// Checks an `--origin` value: an `http`/`https` URL with a host and nothing after it. Returns
/// the fully qualified form that requests are compared with.
fn parse(value: &str) -> Result<String, String> {
    if let Some(app) = passwordless_webauthn::origin::android(value) {
        return app;
    }
    let url = url::Url::parse(value).map_err(|e| {
        format!("{value:?} is not a URL ({e}); give an origin like https://app.example:8443 or android:apk-key-hash:<base64url>")
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(format!(
            "{value:?} is not a web origin; give scheme and host, like https://app.example"
        ));
    }
    if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
        return Err(format!(
            "{value:?} has a path, query or fragment; an origin is only scheme://host[:port]"
        ));
    }
    Ok(fully_qualified_origin(value))
}

fn is_loopback(origin: &str) -> bool {
    let Ok(url) = url::Url::parse(origin) else {
        return false;
    };
    if !matches!(url.scheme(), "http" | "https") {
        return false;
    }
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

pub fn is_allowed(origin: &str, extra: &[String]) -> bool {
    if passwordless_webauthn::origin::android(origin).is_some() {
        return extra.iter().any(|o| o == origin);
    }
    let qualified = fully_qualified_origin(origin);
    is_loopback(origin) || extra.iter().any(|o| o.eq_ignore_ascii_case(&qualified))
}

/// The `Origin` member of a frontend request (empty when absent): present, as the server
/// requires, and one the emulator serves.
pub fn require<'a>(origin: &'a str, extra: &[String]) -> Result<&'a str, Problem> {
    if origin.is_empty() {
        return Err(Problem::bad_request(None, "Origin is required."));
    }
    if !is_allowed(origin, extra) {
        return Err(Problem::bad_request(
            None,
            &format!(
                "The emulator does not serve the origin '{origin}': it accepts loopback origins (http://localhost:PORT, http://127.0.0.1:PORT) and those given with `passwordless emulator --origin {origin}`."
            ),
        ));
    }
    Ok(origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_and_listed_origins_only() {
        let extra = vec![parse("https://App.example:8443").unwrap()];
        assert_eq!(extra[0], "https://app.example:8443");
        for ok in [
            "http://localhost:5173",
            "http://LOCALHOST",
            "https://localhost:8443",
            "http://127.0.0.1:3000",
            "http://127.1.2.3",
            "http://[::1]:8080",
            "https://app.example:8443/",
        ] {
            assert!(is_allowed(ok, &extra), "{ok}");
        }
        for refused in [
            "https://app.example",
            "http://app.example:8443",
            "https://localhost.evil.example",
            "file:///tmp/x.html",
            "null",
        ] {
            assert!(!is_allowed(refused, &extra), "{refused}");
        }
        assert!(parse("https://app.example/login").is_err());
        assert!(parse("ftp://app.example").is_err());
        assert!(parse("app.example").is_err());
    }

    #[test]
    fn android_app_origins_only_when_listed_and_exactly() {
        let listed = "android:apk-key-hash:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";
        let extra = vec![parse(listed).unwrap()];
        assert!(is_allowed(listed, &extra));
        assert!(!is_allowed(listed, &[]));
        assert!(!is_allowed(&listed.replace("AAEC", "aaec"), &extra));
        assert!(parse("android:apk-key-hash:short").is_err());
    }

    #[test]
    fn origin_is_required_then_checked() {
        let p = require("", &[]).unwrap_err();
        assert_eq!(p.body["title"], "Origin is required.");
        assert_eq!(p.body["errorCode"], serde_json::Value::Null);
        let p = require("https://evil.example", &[]).unwrap_err();
        assert_eq!(p.status.as_u16(), 400);
        assert!(
            p.body["title"]
                .as_str()
                .unwrap()
                .contains("--origin https://evil.example")
        );
        assert_eq!(
            require("http://localhost:1", &[]).unwrap(),
            "http://localhost:1"
        );
    }
}
