//! The local Passwordless.dev API emulator.
