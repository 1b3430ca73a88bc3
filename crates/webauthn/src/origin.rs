//! The browser's rules for where a ceremony happens: the page origin (a secure context) and the
//! relying-party id it may claim (its host or a parent domain of it, never an IP address).
//! Errors are one-line usage messages naming the fix. Native Android apps are the exception: the
//! platform sends `android:apk-key-hash:<base64url SHA-256 of the signing certificate>` as the
//! origin, has no host to derive an RP ID from, and checks the RP ID against the site's Digital
//! Asset Links instead, so the RP ID must be given.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use url::{Host, Url};

/// What Android's Credential Manager (and the official Android SDK) puts in
/// `clientDataJSON.origin` for a native app.
pub const ANDROID_ORIGIN_PREFIX: &str = "android:apk-key-hash:";

/// `Some` when `value` is an Android app origin: `Ok` with it as sent (base64url is case-sensitive,
/// so it is compared exactly), or `Err` when what follows the prefix is not the base64url of a
/// 32-byte SHA-256 hash.
pub fn android(value: &str) -> Option<Result<String, String>> {
    let value = value.trim();
    let (scheme, hash) = value.split_at_checked(ANDROID_ORIGIN_PREFIX.len())?;
    if !scheme.eq_ignore_ascii_case(ANDROID_ORIGIN_PREFIX) {
        return None;
    }
    Some(match URL_SAFE_NO_PAD.decode(hash.trim_end_matches('=')) {
        Ok(bytes) if bytes.len() == 32 => Ok(format!("{ANDROID_ORIGIN_PREFIX}{hash}")),
        _ => Err(format!(
            "`{value}` is not an Android app origin: after {ANDROID_ORIGIN_PREFIX} comes the base64url (no padding) SHA-256 of the app's signing certificate, 43 characters"
        )),
    })
}

/// The origin used when none is given and the API is on loopback (the emulator): the secure
/// context every browser grants to plain-http `localhost`, with the RP ID `localhost`.
pub const LOOPBACK_ORIGIN: &str = "http://localhost";

/// A page origin and the RP ID the ceremony claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// Serialised origin: `scheme://host[:port]`, no path, no trailing slash.
    pub origin: String,
    pub rp_id: String,
}

/// Checks an origin as a browser would before it allows WebAuthn, and derives the RP ID (the
/// origin's host) unless `rp_id` names a parent domain of it.
pub fn site(origin: &str, rp_id: Option<&str>) -> Result<Site, String> {
    if let Some(app) = android(origin) {
        let origin = app.map_err(|e| format!("--origin {e}"))?;
        let rp_id = rp_id
            .map(|id| id.trim().trim_end_matches('.').to_ascii_lowercase())
            .filter(|id| !id.is_empty())
            .ok_or_else(|| {
                format!("--origin `{origin}` is an Android app, which has no host to take the RP ID from; give --rp-id, the domain whose assetlinks.json names the app (e.g. --rp-id example.com)")
            })?;
        if rp_id.parse::<std::net::IpAddr>().is_ok() {
            return Err(format!(
                "--rp-id `{rp_id}` is an IP address; an RP ID must be a domain"
            ));
        }
        return Ok(Site { origin, rp_id });
    }
    let url = Url::parse(origin.trim()).map_err(|e| {
        format!("--origin `{origin}` is not a URL ({e}); give the page's origin, e.g. https://app.example.com")
    })?;
    let has_path = !matches!(url.path(), "" | "/");
    if has_path || url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(format!(
            "--origin `{origin}` has more than an origin; give only scheme, host and port, e.g. {}",
            url.origin().ascii_serialization()
        ));
    }
    let host = match url.host() {
        Some(Host::Domain(name)) => name.to_ascii_lowercase(),
        Some(Host::Ipv4(_) | Host::Ipv6(_)) => {
            return Err(format!(
                "--origin `{origin}` is an IP address, where browsers refuse WebAuthn (an RP ID must be a domain); use a name such as http://localhost"
            ));
        }
        None => return Err(format!("--origin `{origin}` has no host")),
    };
    match url.scheme() {
        "https" => {}
        "http" if host == "localhost" || host.ends_with(".localhost") => {}
        "http" => {
            return Err(format!(
                "--origin `{origin}` is plain http, which browsers allow for WebAuthn only on localhost; use https://"
            ));
        }
        other => {
            return Err(format!(
                "--origin `{origin}` has the scheme `{other}`; WebAuthn needs an https:// origin (or http://localhost)"
            ));
        }
    }
    let rp_id = match rp_id {
        None => host.clone(),
        Some(rp_id) => {
            let rp_id = rp_id.trim().trim_end_matches('.').to_ascii_lowercase();
            check_rp_id(&rp_id, &host).map_err(|why| format!("--rp-id `{rp_id}` {why}"))?;
            rp_id
        }
    };
    Ok(Site {
        origin: url.origin().ascii_serialization(),
        rp_id,
    })
}

/// Whether a page on `host` may use `rp_id`: the host itself or a parent domain of it (the
/// browser also refuses public suffixes such as `com`; that list is not checked here).
pub fn check_rp_id(rp_id: &str, host: &str) -> Result<(), String> {
    if rp_id.is_empty() {
        return Err("is empty".to_owned());
    }
    if rp_id.parse::<std::net::IpAddr>().is_ok() {
        return Err("is an IP address; an RP ID must be a domain".to_owned());
    }
    if rp_id == host || host.ends_with(&format!(".{rp_id}")) {
        Ok(())
    } else {
        Err(format!(
            "is neither the origin's host `{host}` nor a parent domain of it"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_the_rp_id_from_the_host() {
        assert_eq!(
            site("https://App.Example.com:8443/", None).unwrap(),
            Site {
                origin: "https://app.example.com:8443".into(),
                rp_id: "app.example.com".into()
            }
        );
        assert_eq!(site(LOOPBACK_ORIGIN, None).unwrap().rp_id, "localhost");
        assert_eq!(
            site("https://app.example.com", Some("example.com"))
                .unwrap()
                .rp_id,
            "example.com"
        );
    }

    #[test]
    fn refuses_what_browsers_refuse() {
        for (origin, rp_id, needle) in [
            ("http://127.0.0.1:7001", None, "IP address"),
            ("http://app.example.com", None, "plain http"),
            ("https://app.example.com/login", None, "more than an origin"),
            ("ftp://app.example.com", None, "scheme"),
            ("app.example.com", None, "not a URL"),
            (
                "https://app.example.com",
                Some("other.com"),
                "parent domain",
            ),
            (
                "https://app.example.com",
                Some("pp.example.com"),
                "parent domain",
            ),
        ] {
            let err = site(origin, rp_id).unwrap_err();
            assert!(err.contains(needle), "{origin} {rp_id:?}: {err}");
        }
        assert!(site("http://dev.localhost:3000", None).is_ok());
    }

    #[test]
    fn an_android_app_origin_needs_an_rp_id() {
        let hash = URL_SAFE_NO_PAD.encode([7u8; 32]);
        let origin = format!("android:apk-key-hash:{hash}");
        assert_eq!(
            site(&origin, Some("Example.com")).unwrap(),
            Site {
                origin: origin.clone(),
                rp_id: "example.com".into()
            }
        );
        assert!(site(&origin, None).unwrap_err().contains("--rp-id"));
        assert!(site(&origin, Some("10.0.0.1")).is_err());
        let short = site("android:apk-key-hash:abc", Some("example.com")).unwrap_err();
        assert!(short.contains("SHA-256"), "{short}");
        assert_eq!(android("https://example.com"), None);
    }
}
