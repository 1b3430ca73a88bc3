//! Arguments and value types several commands share: confirmation, user ids, on/off
//! switches, WebAuthn settings and durations.

use std::time::Duration;

use clap::{Args, ValueEnum};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UserVerification {
    Preferred,
    Required,
    Discouraged,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Hint {
    SecurityKey,
    ClientDevice,
    Hybrid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Switch {
    On,
    Off,
}

/// Confirmation for commands that delete or lock.
#[derive(Debug, Args)]
pub struct ConfirmArgs {
    /// Do it without asking (required when stdin is not a terminal)
    #[arg(long, short)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct UserIdArgs {
    /// Your id for the user, as given to `register-token --user-id`
    #[arg(long, value_name = "ID")]
    pub user_id: String,
}

/// `30`, `30s`, `5m`, `1h30m`: plain numbers are seconds.
pub fn parse_duration(value: &str) -> Result<Duration, String> {
    let value = value.trim();
    if value.starts_with('-') {
        return Err("a duration cannot be negative; use e.g. `30s` or plain seconds".to_owned());
    }
    if let Ok(seconds) = value.parse::<u64>() {
        return Ok(Duration::from_secs(seconds));
    }
    // Plain seconds may have a fraction (`1.5`), as the help says.
    if value.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && let Ok(seconds) = value.parse::<f64>()
    {
        return Duration::try_from_secs_f64(seconds)
            .map_err(|_| format!("`{value}` seconds is out of range"));
    }
    humantime::parse_duration(value)
        .map_err(|e| format!("{e}; use e.g. `90s`, `10m`, `2h` or plain seconds"))
}
