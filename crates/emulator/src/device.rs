//! The `device` and `country` the server records for a ceremony (SERVER
//! `HttpRequestExtensions.GetDeviceInfo`): `"<browser family>, <OS family> <OS major>"` from the
//! `User-Agent` (the server uses UAParser; this is a small table of the common browsers and
//! systems with UAParser's names, `Other` for the rest) and the `CF-IPCountry` header or `""`.

use super::http::Req;

fn browser(ua: &str) -> &'static str {
    let has = |s: &str| ua.contains(s);
    let mobile = has("Mobile") || has("Android");
    if has("Edg/") || has("EdgA/") || has("EdgiOS/") {
        "Edge"
    } else if has("OPR/") {
        "Opera"
    } else if has("HeadlessChrome") {
        "HeadlessChrome"
    } else if has("CriOS/") {
        "Chrome Mobile iOS"
    } else if has("Chrome/") {
        if mobile { "Chrome Mobile" } else { "Chrome" }
    } else if has("FxiOS/") {
        "Firefox iOS"
    } else if has("Firefox/") {
        if mobile { "Firefox Mobile" } else { "Firefox" }
    } else if has("Safari/") && has("Version/") {
        if has("iPhone") || has("iPad") {
            "Mobile Safari"
        } else {
            "Safari"
        }
    } else if ua.starts_with("curl/") {
        "curl"
    } else if ua.starts_with("python-requests/") {
        "Python Requests"
    } else {
        "Other"
    }
}

/// The first run of digits after `marker`.
fn major_after(ua: &str, marker: &str) -> Option<String> {
    let rest = &ua[ua.find(marker)? + marker.len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    (!digits.is_empty()).then_some(digits)
}

fn os(ua: &str) -> (&'static str, String) {
    if let Some(nt) = major_after(ua, "Windows NT ") {
        let version = match ua.split("Windows NT ").nth(1).unwrap_or("") {
            v if v.starts_with("10.") => "10".to_string(),
            v if v.starts_with("6.3") => "8".to_string(),
            v if v.starts_with("6.2") => "8".to_string(),
            v if v.starts_with("6.1") => "7".to_string(),
            _ => nt,
        };
        ("Windows", version)
    } else if let Some(v) = major_after(ua, "iPhone OS ").or_else(|| major_after(ua, "CPU OS ")) {
        ("iOS", v)
    } else if let Some(v) = major_after(ua, "Mac OS X ") {
        ("Mac OS X", v)
    } else if let Some(v) = major_after(ua, "Android ") {
        ("Android", v)
    } else if ua.contains("CrOS") {
        ("Chrome OS", String::new())
    } else if ua.contains("Linux") {
        ("Linux", String::new())
    } else {
        ("Other", String::new())
    }
}

/// `"<browser>, <OS> <major>"`, with the trailing space the server leaves when there is no major.
pub fn describe(user_agent: &str) -> String {
    let (os, major) = os(user_agent);
    format!("{}, {os} {major}", browser(user_agent))
}

/// `(device, country)` of a ceremony request.
pub fn of(req: &Req) -> (String, String) {
    let device = describe(req.header("user-agent").unwrap_or(""));
    let country = req.header("cf-ipcountry").unwrap_or("").to_string();
    (device, country)
}

#[cfg(test)]
mod tests {
    use super::describe;

    #[test]
    fn common_user_agents() {
        let cases = [
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
                "Chrome, Mac OS X 10",
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0",
                "Edge, Windows 10",
            ),
            (
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.28 Safari/537.36",
                "HeadlessChrome, Linux ",
            ),
            (
                "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0",
                "Firefox, Linux ",
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
                "Mobile Safari, iOS 17",
            ),
            (
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
                "Chrome Mobile, Android 14",
            ),
            ("passwordless-cli/0.1.0", "Other, Other "),
            ("", "Other, Other "),
        ];
        for (ua, want) in cases {
            assert_eq!(describe(ua), want, "{ua}");
        }
    }
}
