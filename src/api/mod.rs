//! The only module that talks HTTP to a Passwordless.dev server.

pub mod types;
