//! The grammar of `passwordless passkey …`: the software authenticator's commands. clap derive
//! types only; their doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::ConfirmArgs;
use crate::env;

#[derive(Debug, Subcommand)]
pub enum PasskeyCommand {
    /// Register a passkey with a registration token, playing browser and authenticator
    ///
    /// Calls POST /register/begin and /register/complete with the app's public key, creates an
    /// ES256 key pair, answers with a `none` attestation (or `packed` self-attestation when the
    /// server asks for attestation), keeps the private key in the authenticator file and prints
    /// the `verify_` token (type passkey_register) that `passwordless verify` accepts.
    #[command(after_help = "Examples:
  passwordless passkey register --token \"$(passwordless register-token --user-id 42 --quiet)\"
  passwordless passkey register --token register_k8Qg... --origin https://app.example.com --nickname CI
  passwordless register-token --user-id 42 --quiet | passwordless passkey register --token -

The public key comes from PASSWORDLESS_API_KEY, else the profile's public-key
(`passwordless config set public-key <app>:public:...`); `emulator exec` sets the variable.")]
    Register(PasskeyRegisterArgs),

    /// Sign in with a passkey from the authenticator file and print the verify token
    ///
    /// Calls POST /signin/begin and /signin/complete. With --user-id or --alias the server names
    /// the passkeys it accepts; with neither the sign-in is discoverable and the authenticator
    /// offers the passkey it holds for the RP ID. When several fit, one registered with the same
    /// API URL and app wins, then the most recently used (--credential-id names one). Prints the
    /// `verify_` token (type passkey_signin).
    #[command(after_help = "Examples:
  passwordless passkey sign-in --user-id 42
  passwordless passkey sign-in --alias alice@example.com --purpose step-up --quiet
  passwordless passkey sign-in                      # discoverable: no user named
  passwordless verify \"$(passwordless passkey sign-in --user-id 42 --quiet)\"")]
    SignIn(PasskeySigninArgs),

    /// List the passkeys in the authenticator file (never their private keys)
    #[command(after_help = "Examples:
  passwordless passkey list
  passwordless passkey list --json
  passwordless passkey list --authenticator-file ci-passkeys.json --quiet   # ids only")]
    List(PasskeyListArgs),

    /// Delete a passkey from the authenticator file
    ///
    /// Only the private key in the file goes; the server keeps its copy of the public key
    /// until `passwordless credentials delete`.
    #[command(after_help = "Examples:
  passwordless passkey delete AQIDBAUGBwgJCgsMDQ4PEA
  passwordless passkey delete AQIDBAUGBwgJCgsMDQ4PEA --yes   # no prompt, for scripts")]
    Delete(PasskeyDeleteArgs),
}

#[derive(Debug, Args)]
pub struct AuthenticatorFileArgs {
    /// The authenticator file with the private keys, else PASSWORDLESS_AUTHENTICATOR_FILE
    /// [default: passkeys.json in the config folder]
    #[arg(
        long,
        value_name = "FILE",
        env = env::AUTHENTICATOR_FILE,
        hide_env_values = true
    )]
    pub authenticator_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CeremonyArgs {
    /// Origin of the page the ceremony runs on, e.g. https://app.example.com, or an Android app's
    /// android:apk-key-hash:<base64url> (with --rp-id), else PASSWORDLESS_ORIGIN [default:
    /// http://localhost when the API is on loopback]
    #[arg(
        long,
        value_name = "URL",
        env = env::ORIGIN,
        hide_env_values = true
    )]
    pub origin: Option<String>,

    /// Relying-party id: the origin's host or a parent domain of it; required with an Android app
    /// origin [default: the origin's host]
    #[arg(long, value_name = "DOMAIN")]
    pub rp_id: Option<String>,

    /// Leave the user-verified (UV) flag unset, like an authenticator with no PIN or biometrics
    #[arg(long)]
    pub without_user_verification: bool,

    #[command(flatten)]
    pub file: AuthenticatorFileArgs,
}

/// Which attestation statement a new passkey carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AttestationFormatChoice {
    /// What the server asked for: `none` for attestation none, else `packed`
    Auto,
    /// No statement
    None,
    /// Self-attestation signed with the new key
    Packed,
}

#[derive(Debug, Args)]
pub struct PasskeyRegisterArgs {
    /// The `register_...` token from `passwordless register-token` or your backend; `-` reads
    /// it from stdin
    #[arg(long, value_name = "TOKEN")]
    pub token: String,

    /// A name for the passkey, shown in credential lists (at most 64 characters)
    #[arg(long, value_name = "NAME")]
    pub nickname: Option<String>,

    /// Attestation statement to answer with
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "auto")]
    pub attestation_format: AttestationFormatChoice,

    /// AAGUID the authenticator reports, for testing allow and deny lists [default: all zeros]
    #[arg(long, value_name = "UUID")]
    pub aaguid: Option<String>,

    #[command(flatten)]
    pub ceremony: CeremonyArgs,
}

#[derive(Debug, Args)]
pub struct PasskeySigninArgs {
    /// Sign in as this user: the server allows only their passkeys
    #[arg(long, value_name = "ID", conflicts_with = "alias")]
    pub user_id: Option<String>,

    /// Sign in by one of the user's aliases
    #[arg(long, value_name = "ALIAS")]
    pub alias: Option<String>,

    /// Authentication configuration to use (token lifetime, user verification) [default: the
    /// server's sign-in]
    #[arg(long, value_name = "PURPOSE")]
    pub purpose: Option<String>,

    /// Use this passkey (base64url id from `passkey list`) when several fit
    #[arg(long, value_name = "ID")]
    pub credential_id: Option<String>,

    #[command(flatten)]
    pub ceremony: CeremonyArgs,
}

#[derive(Debug, Args)]
pub struct PasskeyListArgs {
    #[command(flatten)]
    pub file: AuthenticatorFileArgs,
}

#[derive(Debug, Args)]
pub struct PasskeyDeleteArgs {
    /// The passkey's credential id, as `passkey list` shows it (standard base64 also accepted)
    #[arg(value_name = "CREDENTIAL_ID")]
    pub credential_id: String,

    #[command(flatten)]
    pub confirm: ConfirmArgs,

    #[command(flatten)]
    pub file: AuthenticatorFileArgs,
}
