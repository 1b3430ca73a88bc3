//! The Passwordless.dev wire model, shared by the client, the emulator and the CLI: the request
//! and response types as the server serialises them, the server's limits, the shapes of its
//! keys, and the rules for what of them may be shown (redaction, terminal-safe text). serde
//! and small pure crates only: no HTTP client, no runtime, no argument parser.

pub mod keys;
pub mod limits;
pub mod media;
pub mod redact;
pub mod text;
pub mod types;
