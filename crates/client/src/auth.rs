//! The credential a request carries and the header it goes in.

use passwordless_model::keys::{ApiSecret, ManagementKey, PublicKey};

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
