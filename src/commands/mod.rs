//! One module per noun of the command line. Each `run` takes its parsed arguments and the
//! resolved [`Context`](crate::context::Context) and returns an [`Output`](crate::output::Output);
//! none of them prints.

pub mod config;
pub mod emulator;
pub mod generated;
pub mod register_token;
pub mod signin_token;
pub mod verify;

use crate::exit::CliError;

/// A usage error as an `anyhow::Error`, for the input checks every command makes.
pub fn usage(message: impl Into<String>) -> anyhow::Error {
    CliError::Usage(message.into()).into()
}

/// Length as the server counts it (.NET strings are UTF-16).
pub fn server_len(value: &str) -> usize {
    value.encode_utf16().count()
}
