//! The one integration-test binary: drives the real `passwordless` executable in a cleared
//! environment against an in-process emulator.

mod common;

mod admin;
mod api_request;
mod app_settings;
mod bulk;
mod config;
mod demo_page;
mod emulator;
mod emulator_control;
mod emulator_durability;
mod emulator_export;
mod emulator_state;
// The macOS build has no TLS server.
#[cfg(not(target_os = "macos"))]
mod emulator_tls;
mod events;
mod faults;
mod generated;
mod keyring;
mod layout;
mod output;
mod passkey;
mod passkey_tokens;
mod platforms;
// The examples are POSIX shell.
#[cfg(unix)]
mod readme;
mod register_token;
mod secrets;
mod settings_as_code;
mod signin_verify;
mod trust;
mod usage;
mod users;
mod wire;
