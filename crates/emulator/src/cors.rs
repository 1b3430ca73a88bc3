//! CORS as the real service answers browsers: ASP.NET's `UseCors("default")` with a policy that
//! allows any origin, header and method (SERVER `Program.cs`). A preflight (`OPTIONS` with
//! `Origin` and `Access-Control-Request-Method`) on any path gets `204` with
//! `Access-Control-Allow-Origin: *` and the requested method and headers echoed back, before
//! routing, authentication or the security headers; every other request that carries `Origin`
//! gets `Access-Control-Allow-Origin: *` on its answer, errors included. No credentials, no
//! `Vary`, no max age, as that policy writes none.

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::Response;

const ALLOW_ORIGIN: &str = "access-control-allow-origin";

/// The answer to a CORS preflight, or `None` when the request is not one.
pub fn preflight(method: &Method, headers: &HeaderMap) -> Option<Response> {
    if method != Method::OPTIONS || !headers.contains_key("origin") {
        return None;
    }
    let requested = headers.get("access-control-request-method")?;
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::NO_CONTENT;
    let out = response.headers_mut();
    out.insert(ALLOW_ORIGIN, HeaderValue::from_static("*"));
    // ASP.NET splits the requested headers on commas, trims them and joins them with ",".
    let asked: Vec<String> = headers
        .get_all("access-control-request-headers")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .map(str::to_string)
        .collect();
    if !asked.is_empty()
        && let Ok(v) = HeaderValue::from_str(&asked.join(","))
    {
        out.insert("access-control-allow-headers", v);
    }
    out.insert("access-control-allow-methods", requested.clone());
    Some(response)
}

/// Marks an actual cross-origin answer as readable by any page.
pub fn allow(request: &HeaderMap, response: &mut Response) {
    if request.contains_key("origin") {
        response
            .headers_mut()
            .insert(ALLOW_ORIGIN, HeaderValue::from_static("*"));
    }
}
