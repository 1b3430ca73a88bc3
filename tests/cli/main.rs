//! The one integration-test binary: drives the real `passwordless` executable in a cleared
//! environment against an in-process emulator.

mod common;

mod admin;
mod api_request;
mod app_settings;
mod bulk;
mod config;
mod emulator;
mod emulator_control;
mod emulator_state;
mod generated;
mod keyring;
mod layout;
mod register_token;
mod secrets;
mod signin_verify;
mod usage;
mod users;
mod wire;
