//! The CLI's own errors, raised before or instead of a request. Low-level modules (config,
//! keyring store, context) raise them without knowing the exit table; `exit::classify` maps them
//! to exit codes.

/// Errors raised by the CLI itself, before or instead of a request.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Bad input, caught before any request.
    #[error("{0}")]
    Usage(String),
    /// No secret, or no way to read one.
    #[error("{0}")]
    Auth(String),
    #[error("{0}")]
    NotFound(String),
    /// The server's answer means "no", though it came with a success status.
    #[error("{0}")]
    Rejected(String),
    #[error("interrupted")]
    Interrupted,
    /// The user answered no to a confirmation.
    #[error("cancelled; nothing was changed")]
    Cancelled,
    /// A program to run could not be started.
    #[error("{0}")]
    Spawn(String),
}
