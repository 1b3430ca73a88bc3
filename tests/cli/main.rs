//! The one integration-test binary: drives the real `passwordless` executable in a cleared
//! environment against an in-process emulator.

mod common;

mod admin;
mod backend;
mod config;
mod emulator;
mod emulator_durability;
mod emulator_product;
mod generated;
mod keyring;
mod register_token;
mod secrets;
mod signin_verify;
mod usage;
mod wire;
