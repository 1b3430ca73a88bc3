//! The demo page at `/`: plain HTML and the browser's WebAuthn API against the emulator's own
//! routes, so a developer can try a real passkey in a minute. The page holds only the public
//! key (in a `<meta>` tag); the two backend steps it needs — a register token and verifying
//! the result — go through the emulator-only routes below, which call the real handlers with
//! the development app's secret on the server side, as the page's backend would.
//!
//! - `POST /_emulator/demo/register-token`: the body of `POST /register/token`;
//! - `POST /_emulator/demo/verify`: `{"token": "verify_…"}`, answered like `POST /signin/verify`.
//!
//! Scripts and styles are separate files: every response carries `default-src 'self'`, which
//! forbids inline ones.

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;

use crate::cx::Cx;
use crate::http::{Reply, Req};

const INDEX: &str = include_str!("../page/index.html");
const SCRIPT: &str = include_str!("../page/app.js");
const STYLE: &str = include_str!("../page/style.css");
const KEY_PLACEHOLDER: &str = "{{PUBLIC_KEY}}";

fn asset(content_type: &'static str, body: String) -> Reply {
    Ok(Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CACHE_CONTROL, "no-store")
        .body(Body::from(body))
        .unwrap_or_default())
}

/// `GET /`: the page, with the development app's public key filled in.
pub fn page(shared: &Cx<'_>) -> Reply {
    // Keys are `[A-Za-z0-9_-]+:public:[0-9a-f]+`: nothing in them needs HTML escaping, but
    // escape anyway so a custom --public-key can never break out of the attribute.
    let key = html_escape(&shared.config.api_key);
    asset(
        "text/html; charset=utf-8",
        INDEX.replace(KEY_PLACEHOLDER, &key),
    )
}

/// `GET /_emulator/page/app.js` and `/_emulator/page/style.css`.
pub fn file(name: &str) -> Option<Reply> {
    match name {
        "app.js" => Some(asset("text/javascript; charset=utf-8", SCRIPT.to_owned())),
        "style.css" => Some(asset("text/css; charset=utf-8", STYLE.to_owned())),
        _ => None,
    }
}

/// Runs `handler` as if the request had come with the development app's `ApiSecret`.
pub fn with_dev_secret(shared: &Cx<'_>, req: &Req, handler: impl FnOnce(&Req) -> Reply) -> Reply {
    let mut inner = req.clone();
    let headers = &mut inner.headers;
    headers.remove("apikey");
    let secret = HeaderValue::from_str(&shared.config.api_secret)
        .map_err(|_| crate::problem::Problem::internal())?;
    headers.insert("apisecret", secret);
    handler(&inner)
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
