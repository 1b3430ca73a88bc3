//! Wire models of the Passwordless.dev API, shared by the client (`api`) and the emulator so the
//! two cannot drift: one file per area. Field names and order follow the real server (see
//! `shared/api-contract.md`); timestamps stay strings so the exact wire form survives a round
//! trip through the CLI. Request types are also what the emulator binds bodies into, so their
//! numbers are as wide as the server's (`int`) and absent members have the server's defaults.

mod admin;
mod apps;
mod auth_configs;
mod authenticators;
mod events;
mod health;
mod magic_links;
mod passkey;
mod problem;
mod reports;
mod settings;
mod tokens;
mod users;

pub use admin::*;
pub use apps::*;
pub use auth_configs::*;
pub use authenticators::*;
pub use events::*;
pub use health::*;
pub use magic_links::*;
pub use passkey::*;
pub use problem::*;
pub use reports::*;
pub use settings::*;
pub use tokens::*;
pub use users::*;

/// `{"values": [...]}`: the wrapper of the alias, credential and user lists.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct Values<T> {
    pub values: Vec<T>,
}

/// Serde default for members the server defaults to `true`.
pub(crate) fn yes() -> bool {
    true
}
