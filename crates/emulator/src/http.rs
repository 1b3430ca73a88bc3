//! The request as handlers see it ([`Req`]: method, normalised path, query, headers, body) and
//! the replies they make ([`Reply`] and its constructors). The server builds a `Req` for each
//! request and renders each `Reply`; routes, auth and input checks work with these alone.

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use serde::Serialize;

use crate::problem::Problem;

/// The header with an app's secret key, looked up on every authenticated request.
pub const API_SECRET: HeaderName = HeaderName::from_static("apisecret");

/// A buffered request. Its path is kept as sent and split on demand: building a `String` per
/// segment (twice, for the lower-cased copy) was a dozen allocations on every request.
#[derive(Debug, Clone)]
pub struct Req {
    pub method: Method,
    /// The path as sent, without its leading slashes or an `/api` prefix (see [`Req::new`]).
    path: String,
    /// The path lower-cased, for route matching; `None` when it has no upper-case letters.
    lower: Option<String>,
    pub query: Vec<(String, String)>,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Req {
    /// A request for `path` (without its query), with `query` already split into pairs.
    pub fn new(
        method: Method,
        path: &str,
        query: Vec<(String, String)>,
        headers: HeaderMap,
        body: Bytes,
    ) -> Req {
        // Self-hosted servers serve the API under `/api/` (their nginx strips it), so SDKs and
        // apps configured for one send that prefix. No route of the API starts with `api`.
        let mut rest = path.trim_start_matches('/');
        if let Some(head) = rest.get(..4)
            && head.eq_ignore_ascii_case("api/")
            && rest[4..].split('/').any(|s| !s.is_empty())
        {
            rest = &rest[4..];
        }
        let lower = rest
            .bytes()
            .any(|b| b.is_ascii_uppercase())
            .then(|| rest.to_ascii_lowercase());
        Req {
            method,
            path: rest.to_owned(),
            lower,
            query,
            headers,
            body,
        }
    }

    /// Non-empty path segments as sent (for ids taken from the path).
    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.path.split('/').filter(|s| !s.is_empty())
    }

    /// The same segments lower-cased, for route matching.
    pub fn lower_segments(&self) -> impl Iterator<Item = &str> {
        self.lower
            .as_deref()
            .unwrap_or(&self.path)
            .split('/')
            .filter(|s| !s.is_empty())
    }

    /// A header's value, when it is visible ASCII. A [`HeaderName`] constant spares the lookup
    /// parsing the name, which the hot paths use.
    pub fn header(&self, name: impl header::AsHeaderName) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// A query parameter, name matched case-insensitively like ASP.NET binding.
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// `/a/b` form of the normalised path, for logs.
    pub fn path(&self) -> String {
        let mut path = String::with_capacity(self.path.len() + 1);
        for segment in self.lower_segments() {
            path.push('/');
            path.push_str(segment);
        }
        if path.is_empty() {
            path.push('/');
        }
        path
    }
}

/// The handler result: a response, or a problem to be rendered.
pub type Reply = Result<Response, Problem>;

pub fn json<T: Serialize>(status: StatusCode, value: &T) -> Reply {
    let body = serde_json::to_vec(value).map_err(|_| Problem::internal())?;
    raw_json(status, body)
}

pub fn raw_json(status: StatusCode, body: Vec<u8>) -> Reply {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    Ok(response)
}

/// `{"token":"…"}`, the answer of the token routes, written directly: a token from
/// [`tokens::mint`](crate::tokens::mint) is a prefix and base64url, with nothing to escape.
pub fn token_reply(token: &str) -> Reply {
    token_reply_with(|body| body.extend_from_slice(token.as_bytes()))
}

/// [`token_reply`] with the token written into the body by `mint`
/// ([`tokens::mint_json_into`](crate::tokens::mint_json_into)), saving a copy on the busiest route.
pub fn token_reply_with(mint: impl FnOnce(&mut Vec<u8>)) -> Reply {
    const OPEN: &[u8] = br#"{"token":""#;
    let mut body = Vec::with_capacity(640);
    body.extend_from_slice(OPEN);
    mint(&mut body);
    debug_assert!(
        body[OPEN.len()..]
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    );
    body.extend_from_slice(br#""}"#);
    raw_json(StatusCode::OK, body)
}

pub fn ok<T: Serialize>(value: &T) -> Reply {
    json(StatusCode::OK, value)
}

pub fn empty(status: StatusCode) -> Reply {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = status;
    Ok(r)
}

pub fn text(status: StatusCode, body: &'static str) -> Reply {
    Ok(Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from(body))
        .unwrap_or_default())
}
