//! `passwordless passkey …`: the CLI as browser and authenticator against the emulator's four
//! frontend routes. The whole flow (register-token → passkey register → passkey sign-in by id,
//! alias and discoverable → verify), the authenticator file, and the rejections a server gives,
//! each with its errorCode.

use crate::common::{DEV_MANAGEMENT_KEY, Run, TestEnv};
use crate::snap;

const DEV_API_KEY: &str = passwordless::emulator::DEV_API_KEY;

/// The standard environment plus the public key the passkey commands need.
fn passkey_env() -> TestEnv {
    let mut env = TestEnv::new();
    env.set("PASSWORDLESS_API_KEY", DEV_API_KEY);
    env
}

fn register_token(env: &TestEnv, extra: &[&str]) -> String {
    let mut args = vec![
        "register-token",
        "--user-id",
        "42",
        "--alias",
        "alice",
        "--quiet",
    ];
    args.extend_from_slice(extra);
    env.value(&args)
}

/// Registers a passkey for user 42 (alias `alice`); returns its credential id.
fn register(env: &TestEnv) -> String {
    let token = register_token(env, &[]);
    let run = env.run(&["passkey", "register", "--token", &token, "--nickname", "CI"]);
    assert_eq!(run.code, 0, "{run}");
    only_passkey(env)
}

/// The id of the one passkey in the authenticator file.
fn only_passkey(env: &TestEnv) -> String {
    let ids = env.value(&["passkey", "list", "--quiet"]);
    assert_eq!(ids.lines().count(), 1, "{ids}");
    ids
}

/// Replaces random credential ids with stable names before a snapshot.
fn redact(mut run: Run, ids: &[&str]) -> Run {
    for (n, id) in ids.iter().enumerate() {
        let name = format!("[CRED{}]", n + 1);
        run.stdout = run.stdout.replace(id, &name);
        run.stderr = run.stderr.replace(id, &name);
    }
    run
}

/// `passwordless verify TOKEN --json`, which must succeed.
fn verified(env: &TestEnv, token: &str) -> serde_json::Value {
    let run = env.run(&["verify", token, "--json"]);
    assert_eq!(run.code, 0, "{run}");
    run.json()
}

fn standard_base64(id: &str) -> String {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(id)
        .unwrap();
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Rewrites one field of the authenticator file, keeping it private.
fn edit_file(env: &TestEnv, edit: impl FnOnce(&mut serde_json::Value)) {
    let path = env.config_dir().join("passkeys.json");
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    edit(&mut json);
    std::fs::write(&path, serde_json::to_string(&json).unwrap()).unwrap();
}

#[test]
fn register_then_sign_in_by_id_alias_and_discoverable() {
    let env = passkey_env();
    let token = register_token(&env, &[]);
    let run = env.run(&["passkey", "register", "--token", &token, "--nickname", "CI"]);
    let id = only_passkey(&env);
    snap!(env, redact(run, &[&id]), @"
    exit: 0
    --- stdout
    token	verify_[TOKEN]
    credentialId	[CRED1]
    userId	42
    rpId	localhost
    origin	http://localhost
    attestation	none
    authenticator file	[HOME]/config/passkeys.json
    --- stderr
    ");
    let register_token_out = env.run(&["passkey", "list", "--json"]).json();
    assert!(
        register_token_out[0].get("privateKey").is_none(),
        "{register_token_out}"
    );

    let run = env.run(&["passkey", "sign-in", "--user-id", "42"]);
    snap!(env, redact(run, &[&id]), @"
    exit: 0
    --- stdout
    token	verify_[TOKEN]
    userId	42
    credentialId	[CRED1]
    rpId	localhost
    origin	http://localhost
    signCount	1
    --- stderr
    ");

    // Each way of signing in gives a passkey_signin token for the same user and passkey.
    for args in [
        &["passkey", "sign-in", "--user-id", "42", "--quiet"][..],
        &["passkey", "sign-in", "--alias", "alice", "--quiet"][..],
        &["passkey", "sign-in", "--quiet"][..],
    ] {
        let token = env.value(args);
        let user = verified(&env, &token);
        assert_eq!(user["type"], "passkey_signin", "{args:?}: {user}");
        assert_eq!(user["userId"], "42");
        assert_eq!(user["credentialId"], standard_base64(&id));
        assert_eq!(user["nickname"], "CI");
        assert_eq!(user["origin"], "http://localhost");
        assert_eq!(user["rpId"], "localhost");
        assert_eq!(user["purpose"], "sign-in");
    }

    // The server's counter follows the authenticator's: four sign-ins.
    let listed = env
        .run(&["credentials", "list", "--user-id", "42", "--json"])
        .json();
    assert_eq!(listed[0]["descriptor"]["id"], id.as_str());
    assert_eq!(listed[0]["signatureCounter"], 4);
    assert_eq!(listed[0]["attestationFmt"], "none");
    assert_eq!(listed[0]["nickname"], "CI");
    let local = env.run(&["passkey", "list", "--json"]).json();
    assert_eq!(local[0]["signCount"], 4);
    assert_eq!(local[0]["userId"], "42");
}

#[test]
fn register_token_verifies_as_passkey_register() {
    let env = passkey_env();
    let token = register_token(&env, &[]);
    let run = env.run(&["passkey", "register", "--token", &token, "--quiet"]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(
        run.stdout.lines().count(),
        1,
        "--quiet prints only the token: {run}"
    );
    let user = verified(&env, run.stdout.trim());
    assert_eq!(user["type"], "passkey_register");
    assert_eq!(user["userId"], "42");
    assert_eq!(user["origin"], "http://localhost");
    assert_eq!(user["credentialId"], standard_base64(&only_passkey(&env)));

    // --json prints the route's answer, {"token": ...}; `-` reads the token from stdin.
    let token = env.value(&["register-token", "--user-id", "43", "--quiet"]);
    let run = env.run_with_stdin(&["passkey", "register", "--token", "-", "--json"], &token);
    assert_eq!(run.code, 0, "{run}");
    let json = run.json();
    assert_eq!(json.as_object().unwrap().len(), 1, "{json}");
    assert!(json["token"].as_str().unwrap().starts_with("verify_"));
    let token = env.value(&["passkey", "sign-in", "--user-id", "43", "--json"]);
    let token: serde_json::Value = serde_json::from_str(&token).unwrap();
    assert_eq!(
        verified(&env, token["token"].as_str().unwrap())["userId"],
        "43"
    );
}

#[test]
fn several_passkeys_for_the_rp_pick_the_newest_or_the_one_named() {
    let env = passkey_env();
    let first = register(&env);
    let token = env.value(&["register-token", "--user-id", "7", "--quiet"]);
    assert_eq!(env.run(&["passkey", "register", "--token", &token]).code, 0);
    let ids = env.value(&["passkey", "list", "--quiet"]);
    let second = ids.lines().find(|id| *id != first).unwrap().to_owned();
    // Discoverable: the most recently used or registered passkey answers.
    let token = env.value(&["passkey", "sign-in", "--quiet"]);
    assert_eq!(verified(&env, &token)["userId"], "7");
    let token = env.value(&["passkey", "sign-in", "--credential-id", &first, "--quiet"]);
    assert_eq!(verified(&env, &token)["userId"], "42");
    // A passkey made with another server (a previous emulator) yields to one made with this one,
    // however recent it is.
    edit_file(&env, |json| {
        for credential in json["credentials"].as_array_mut().unwrap() {
            if credential["credentialId"] == second.as_str() {
                credential["apiUrl"] = "http://127.0.0.1:1".into();
                credential["lastUsedAt"] = "2999-01-01T00:00:00Z".into();
            }
        }
    });
    let token = env.value(&["passkey", "sign-in", "--quiet"]);
    assert_eq!(verified(&env, &token)["userId"], "42");
    // The server names user 7's passkeys only: asking for user 42's is a local "not found".
    let run = env.run(&[
        "passkey",
        "sign-in",
        "--user-id",
        "7",
        "--credential-id",
        &first,
    ]);
    snap!(env, redact(run, &[&first, &second]), @"
    exit: 3
    --- stdout
    --- stderr
    error: the passkey `[CRED1]` is not in [HOME]/config/passkeys.json for localhost, or the server does not accept it for this sign-in
    ");
}

#[test]
fn list_and_delete_the_local_passkey() {
    let env = passkey_env();
    let run = env.run(&["passkey", "list"]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    CREDENTIAL ID	USER ID	RP ID	SERVER	APP	NICKNAME	SIGN COUNT	CREATED	LAST USED
    --- stderr
    ");
    let id = register(&env);
    let run = env.run(&["passkey", "list"]);
    snap!(env, redact(run, &[&id]), times, @"
    exit: 0
    --- stdout
    CREDENTIAL ID	USER ID	RP ID	SERVER	APP	NICKNAME	SIGN COUNT	CREATED	LAST USED
    [CRED1]	42	localhost	http://127.0.0.1:[PORT]	devapp	CI	0	[TIME] UTC	-
    --- stderr
    ");
    let run = env.run(&["passkey", "delete", "--", &id]);
    snap!(env, redact(run, &[&id]), @"
    exit: 2
    --- stdout
    --- stderr
    error: Delete the passkey [CRED1] of user `42` on localhost from [HOME]/config/passkeys.json? Its private key cannot be recovered. Not without confirmation: add --yes when running without a terminal
    ");
    let run = env.run(&["passkey", "delete", "--yes", "--", &standard_base64(&id)]);
    snap!(env, redact(run, &[&id]), @"
    exit: 0
    --- stdout
    Deleted the passkey [CRED1] of user `42` on localhost from [HOME]/config/passkeys.json. The server still lists it; `passwordless credentials delete [CRED1]` removes it there.
    --- stderr
    ");
    assert_eq!(env.value(&["passkey", "list", "--quiet"]), "");
    let run = env.run(&["passkey", "sign-in", "--user-id", "42"]);
    snap!(env, run, @"
    exit: 3
    --- stdout
    --- stderr
    error: the one passkey the server accepts for this user on localhost is not in [HOME]/config/passkeys.json
    ");
    let run = env.run(&["passkey", "delete", "--yes", "--", &id]);
    assert_eq!(run.code, 3, "{run}");
}

#[test]
fn authenticator_file_flag_and_variable() {
    let mut env = passkey_env();
    let file = env.home.path().join("ci-passkeys.json");
    let file = file.to_str().unwrap();
    let token = register_token(&env, &[]);
    let run = env.run(&[
        "passkey",
        "register",
        "--token",
        &token,
        "--authenticator-file",
        file,
        "--quiet",
    ]);
    assert_eq!(run.code, 0, "{run}");
    assert!(!env.config_dir().join("passkeys.json").exists());
    env.set("PASSWORDLESS_AUTHENTICATOR_FILE", file);
    let run = env.run(&["passkey", "sign-in", "--quiet"]);
    assert_eq!(run.code, 0, "{run}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        // Private keys others can read are refused, as ssh refuses such a key.
        std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o644)).unwrap();
        let run = env.run(&["passkey", "sign-in"]);
        snap!(env, run, @"
        exit: 2
        --- stdout
        --- stderr
        error: the authenticator file [HOME]/ci-passkeys.json holds private keys but other users can access it (mode 0644); run `chmod 600 [HOME]/ci-passkeys.json`
        ");
    }
}

// Credential ids are random base64url, so one in 64 starts with `-`: the tests pass ids after
// `--`, as a script must, or clap would read such an id as an option now and then.
#[test]
fn a_passkey_deleted_on_the_server_is_an_unknown_credential() {
    let env = passkey_env();
    let id = register(&env);
    let run = env.run(&["credentials", "delete", "--yes", "--", &id]);
    assert_eq!(run.code, 0, "{run}");
    // The user has no passkeys left, so the server allows any: the authenticator offers its own.
    let run = env.run(&["passkey", "sign-in", "--user-id", "42"]);
    snap!(env, redact(run, &[&id]), @"
    exit: 5
    --- stdout
    --- stderr
    error: POST /signin/complete was refused by 127.0.0.1:[PORT] with HTTP 400; the server does not know the passkey [CRED1] (was it deleted there?); remove it from the authenticator file with `passwordless passkey delete [CRED1]`, or register a new one
      errorCode: unknown_credential
      title: We don't recognize the passkey you sent us.
      docs: https://docs.passwordless.dev/guide/errors.html#unknown_credential
    ");
    let run = env.run(&["passkey", "sign-in", "--json"]);
    assert_eq!(run.code, 5, "{run}");
    let error = run.stderr_json();
    assert_eq!(error["error"]["errorCode"], "unknown_credential", "{error}");
}

#[test]
fn a_foreign_origin_is_refused_by_the_emulator() {
    let env = passkey_env();
    let token = register_token(&env, &[]);
    let run = env.run(&[
        "passkey",
        "register",
        "--token",
        &token,
        "--origin",
        "https://evil.example",
    ]);
    snap!(env, run, @"
    exit: 5
    --- stdout
    --- stderr
    error: POST /register/begin was refused by 127.0.0.1:[PORT] with HTTP 400; fix the request as the server's message says, then try again
      title: The emulator does not serve the origin 'https://evil.example': it accepts loopback origins (http://localhost:PORT, http://127.0.0.1:PORT) and those given with `passwordless emulator --origin https://evil.example`.
    ");
    assert_eq!(
        env.value(&["passkey", "list", "--quiet"]),
        "",
        "no key kept"
    );
    register(&env);
    let run = env.run(&["passkey", "sign-in", "--origin", "https://evil.example"]);
    assert_eq!(run.code, 5, "{run}");
    assert!(run.stderr.contains("does not serve the origin"), "{run}");
    // A localhost page on another port is a loopback origin with the same RP ID (`localhost`):
    // the passkey works there too, and the token names that origin.
    let run = env.run(&[
        "passkey",
        "sign-in",
        "--origin",
        "http://localhost:3000",
        "--json",
    ]);
    assert_eq!(run.code, 0, "{run}");
    let token = run.json()["token"].as_str().unwrap().to_owned();
    assert_eq!(verified(&env, &token)["origin"], "http://localhost:3000");
}

#[test]
fn an_expired_register_token_is_refused() {
    let env = passkey_env();
    // The CLI refuses a past expiry, so ask the API directly, as a buggy backend would.
    let past = (time::OffsetDateTime::now_utc() - time::Duration::seconds(30))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    let body = format!(r#"{{"userId":"7","username":"7","expiresAt":"{past}"}}"#);
    let run = env.run(&["api", "POST", "/register/token", "--data", &body, "--json"]);
    assert_eq!(run.code, 0, "{run}");
    let token = run.json()["token"].as_str().unwrap().to_owned();
    let run = env.run(&["passkey", "register", "--token", &token]);
    snap!(env, run, @"
    exit: 5
    --- stdout
    --- stderr
    error: POST /register/begin was refused by 127.0.0.1:[PORT] with HTTP 403; the registration token has expired; create a new one with `passwordless register-token` and use it before it expires
      errorCode: expired_token
      title: The token expired [N] seconds ago.
      docs: https://docs.passwordless.dev/guide/errors.html#expired_token
    ");
    let run = env.run(&["passkey", "register", "--token", "verify_abc"]);
    assert_eq!(run.code, 5, "{run}");
    assert!(run.stderr.contains("errorCode: invalid_token"), "{run}");
}

#[test]
fn a_sign_counter_that_goes_back_is_refused() {
    let env = passkey_env();
    register(&env);
    for _ in 0..2 {
        assert_eq!(env.run(&["passkey", "sign-in", "--quiet"]).code, 0);
    }
    // A cloned authenticator: its counter is behind the server's.
    edit_file(&env, |json| json["credentials"][0]["signCount"] = 0.into());
    let run = env.run(&["passkey", "sign-in"]);
    snap!(env, run, @"
    exit: 5
    --- stdout
    --- stderr
    error: POST /signin/complete was refused by 127.0.0.1:[PORT] with HTTP 400; fix the request as the server's message says, then try again
      errorCode: signin_complete_error
      title: SignCount must be greater than the current SignatureCounter
      docs: https://docs.passwordless.dev/guide/errors.html#signin_complete_error
    ");
}

#[test]
fn required_user_verification_needs_the_uv_flag() {
    let env = passkey_env();
    let token = register_token(&env, &["--user-verification", "required"]);
    let run = env.run(&[
        "passkey",
        "register",
        "--token",
        &token,
        "--without-user-verification",
    ]);
    assert_eq!(run.code, 5, "{run}");
    assert!(
        run.stderr.contains("errorCode: fido2_invalid_registration"),
        "{run}"
    );
    assert_eq!(
        env.value(&["passkey", "list", "--quiet"]),
        "",
        "no key kept"
    );
    let run = env.run(&["passkey", "register", "--token", &token, "--quiet"]);
    assert_eq!(run.code, 0, "{run}");

    let run = env.run(&[
        "auth-configs",
        "add",
        "--purpose",
        "payment",
        "--user-verification",
        "required",
        "--ttl",
        "10m",
    ]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&[
        "passkey",
        "sign-in",
        "--purpose",
        "payment",
        "--without-user-verification",
    ]);
    snap!(env, run, @"
    exit: 5
    --- stdout
    --- stderr
    error: POST /signin/complete was refused by 127.0.0.1:[PORT] with HTTP 400; fix the request as the server's message says, then try again
      errorCode: signin_complete_error
      title: User Verified flag not set in authenticator data and user verification was required
      docs: https://docs.passwordless.dev/guide/errors.html#signin_complete_error
    ");
    let token = env.value(&["passkey", "sign-in", "--purpose", "payment", "--quiet"]);
    let user = verified(&env, &token);
    assert_eq!(user["purpose"], "payment");
    // The purpose's TTL (10 minutes) sets the token's lifetime.
    let lifetime = |field: &str| {
        time::OffsetDateTime::parse(
            user[field].as_str().unwrap(),
            &time::format_description::well_known::Rfc3339,
        )
        .unwrap()
    };
    assert_eq!(
        (lifetime("expiresAt") - lifetime("timestamp")).whole_seconds(),
        600
    );
}

#[test]
fn packed_self_attestation_when_the_server_asks_for_attestation() {
    let mut env = passkey_env();
    env.set("PASSWORDLESS_MANAGEMENT_KEY", DEV_MANAGEMENT_KEY);
    let run = env.run(&[
        "admin",
        "apps",
        "set-features",
        "devapp",
        "--attestation",
        "on",
        "--magic-link-quota",
        "100",
    ]);
    assert_eq!(run.code, 0, "{run}");
    let token = register_token(&env, &["--attestation", "direct"]);
    let run = env.run(&["passkey", "register", "--token", &token]);
    assert_eq!(run.code, 0, "{run}");
    assert!(run.stdout.contains("attestation\tpacked"), "{run}");
    let listed = env
        .run(&["credentials", "list", "--user-id", "42", "--json"])
        .json();
    assert_eq!(listed[0]["attestationFmt"], "packed", "{listed}");
    // Forced `none` on the same kind of request is what browsers send when they anonymise.
    let token = env.value(&[
        "register-token",
        "--user-id",
        "43",
        "--attestation",
        "direct",
        "--quiet",
    ]);
    let run = env.run(&[
        "passkey",
        "register",
        "--token",
        &token,
        "--attestation-format",
        "none",
    ]);
    assert_eq!(run.code, 0, "{run}");
    let listed = env
        .run(&["credentials", "list", "--user-id", "43", "--json"])
        .json();
    assert_eq!(listed[0]["attestationFmt"], "none", "{listed}");
}

#[test]
fn a_second_passkey_for_the_same_user_is_refused_like_a_browser() {
    let env = passkey_env();
    let id = register(&env);
    let token = register_token(&env, &[]);
    let run = env.run(&["passkey", "register", "--token", &token]);
    snap!(env, redact(run, &[&id]), @"
    exit: 5
    --- stdout
    --- stderr
    error: [HOME]/config/passkeys.json already holds a passkey for user `42` on localhost ([CRED1]), and the server excludes it; a browser refuses a second one (InvalidStateError). Sign in with it, or delete it first
    ");
    // Another authenticator file is another device: it may register a second passkey.
    let other = env.home.path().join("other.json");
    let run = env.run(&[
        "passkey",
        "register",
        "--token",
        &token,
        "--authenticator-file",
        other.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{run}");
    let listed = env
        .run(&["credentials", "list", "--user-id", "42", "--json"])
        .json();
    assert_eq!(listed.as_array().unwrap().len(), 2, "{listed}");
}

#[test]
fn the_public_key_comes_from_the_environment_or_the_profile() {
    let mut env = TestEnv::new();
    let token = register_token(&env, &[]);
    let run = env.run(&["passkey", "register", "--token", &token]);
    snap!(env, run, @"
    exit: 4
    --- stdout
    --- stderr
    error: no public API key for profile `default`; set PASSWORDLESS_API_KEY, or store it with `passwordless config set public-key <app>:public:…`
    ");
    // A secret is not a public key, and is never echoed.
    env.set("PASSWORDLESS_API_KEY", crate::common::DEV_SECRET);
    let run = env.run(&["passkey", "register", "--token", &token]);
    assert_eq!(run.code, 4, "{run}");
    assert!(run.stderr.contains("must stay on your server"), "{run}");
    assert!(!run.stderr.contains("0123456789abcdef"), "{run}");
    env.remove("PASSWORDLESS_API_KEY");

    let run = env.run(&["config", "set", "public-key", DEV_API_KEY]);
    assert_eq!(run.code, 0, "{run}");
    let show = env.run(&["config", "show", "--json"]).json();
    assert_eq!(show["publicKey"], DEV_API_KEY);
    assert_eq!(show["publicKeySource"], "config file");
    let run = env.run(&["passkey", "register", "--token", &token, "--quiet"]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["config", "set", "public-key", "devapp:public:nothex"]);
    assert_eq!(run.code, 2, "{run}");
}

#[test]
fn a_locked_public_key_is_refused_with_401() {
    let mut env = passkey_env();
    env.set("PASSWORDLESS_MANAGEMENT_KEY", DEV_MANAGEMENT_KEY);
    register(&env);
    let run = env.run(&["admin", "api-keys", "lock", "devapp", "3210", "--yes"]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["passkey", "sign-in"]);
    snap!(env, run, @"
    exit: 4
    --- stdout
    --- stderr
    error: POST /signin/begin was refused by 127.0.0.1:[PORT] with HTTP 401; the public key was not accepted (unknown, locked, or for another app); check PASSWORDLESS_API_KEY or the profile's public-key with `passwordless config show`
      title: A valid 'ApiKey' header is required.
      detail: The value of your 'ApiKey' is not valid.
      docs: https://docs.passwordless.dev/guide/errors.html#ApiKey
    ");
}

#[test]
fn bad_input_is_refused_before_any_request() {
    let env = passkey_env();
    let token = register_token(&env, &[]);
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "passkey",
                "register",
                "--token",
                &token,
                "--origin",
                "http://127.0.0.1:8080",
            ],
            "IP address",
        ),
        (
            &["passkey", "sign-in", "--origin", "http://app.example.com"],
            "plain http",
        ),
        (
            &["passkey", "sign-in", "--rp-id", "example.org"],
            "parent domain",
        ),
        (
            &["passkey", "register", "--token", &token, "--aaguid", "nope"],
            "not a UUID",
        ),
        (
            &[
                "passkey",
                "register",
                "--token",
                &token,
                "--nickname",
                &"n".repeat(65),
            ],
            "at most 64",
        ),
        (&["passkey", "register", "--token", " "], "token is empty"),
        (
            &["passkey", "sign-in", "--user-id", ""],
            "--user-id must not be empty",
        ),
        (
            &[
                "--api-url",
                "https://passwordless.example.invalid",
                "passkey",
                "sign-in",
            ],
            "--origin is needed",
        ),
    ];
    for (args, needle) in cases {
        let run = env.run(args);
        assert_eq!(run.code, 2, "{args:?}: {run}");
        assert!(run.stderr.contains(needle), "{args:?}: {run}");
    }
    // Nothing reached the server: the register token is still unused and works.
    let run = env.run(&["passkey", "register", "--token", &token, "--quiet"]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["passkey", "sign-in", "--user-id", "42", "--alias", "alice"]);
    assert_eq!(run.code, 2, "--user-id and --alias conflict: {run}");
}

#[test]
fn traces_mask_the_public_key_and_never_show_private_keys() {
    let env = passkey_env();
    let token = register_token(&env, &[]);
    let run = env.run(&["passkey", "register", "--token", &token, "--verbose"]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["passkey", "sign-in", "--verbose", "--json"]);
    assert_eq!(run.code, 0, "{run}");
    assert!(
        run.stderr.contains("ApiKey: devapp:public:****3210"),
        "{run}"
    );
    assert!(!run.stderr.contains(DEV_API_KEY), "{run}");
    let file = std::fs::read_to_string(env.config_dir().join("passkeys.json")).unwrap();
    let file: serde_json::Value = serde_json::from_str(&file).unwrap();
    let private_key = file["credentials"][0]["privateKey"].as_str().unwrap();
    for args in [
        &["passkey", "list"][..],
        &["passkey", "list", "--json"][..],
        &["emulator", "state"][..],
    ] {
        let out = env.run(args);
        assert!(!out.stdout.contains(private_key), "{args:?}: {out}");
    }
}

#[test]
fn a_token_for_a_roaming_authenticator_is_refused_like_a_browser() {
    let env = passkey_env();
    let token = register_token(&env, &["--authenticator-type", "cross-platform"]);
    let run = env.run(&["passkey", "register", "--token", &token]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: the registration token asks for a cross-platform (roaming) authenticator; this one is built in, like a platform authenticator: create the token with --authenticator-type any or platform
    ");
    let token = register_token(&env, &["--authenticator-type", "platform"]);
    let run = env.run(&["passkey", "register", "--token", &token, "--quiet"]);
    assert_eq!(run.code, 0, "{run}");
}

#[test]
fn concurrent_sign_ins_never_reuse_a_counter() {
    let env = passkey_env();
    let id = register(&env);
    // Without the file lock two runs would read the same counter, and the server would refuse
    // the second assertion as a replay.
    let children: Vec<_> = (0..4)
        .map(|_| {
            env.std_command(&["passkey", "sign-in", "--quiet"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("the binary runs")
        })
        .collect();
    for child in children {
        let run = Run::from(child.wait_with_output().expect("it finishes"));
        assert_eq!(run.code, 0, "{run}");
    }
    let listed = env
        .run(&["credentials", "list", "--user-id", "42", "--json"])
        .json();
    assert_eq!(listed[0]["descriptor"]["id"], id.as_str());
    assert_eq!(listed[0]["signatureCounter"], 4);
    assert_eq!(
        env.run(&["passkey", "list", "--json"]).json()[0]["signCount"],
        4
    );
}

/// Issue 20 item 12: `passkey list` says which server and app each key was made with.
#[test]
fn passkey_list_shows_the_server_of_each_key() {
    let env = passkey_env();
    let id = register(&env);
    let run = redact(env.run(&["passkey", "list"]), &[&id]);
    snap!(env, run, times, @"
    exit: 0
    --- stdout
    CREDENTIAL ID	USER ID	RP ID	SERVER	APP	NICKNAME	SIGN COUNT	CREATED	LAST USED
    [CRED1]	42	localhost	http://127.0.0.1:[PORT]	devapp	CI	0	[TIME] UTC	-
    --- stderr
    ");
}

/// Issue 20 item 12: a key made with another emulator is named, with its server, on stderr and
/// in the `unknown_credential` hint (which used to say `passkey delete ID`); `--json` errors and
/// answers carry the credential id.
#[test]
fn a_key_from_another_emulator_is_named_with_its_server() {
    let first = passkey_env();
    let id = register(&first);
    let mut second = passkey_env();
    let file = first.config_dir().join("passkeys.json");
    second.set(
        "PASSWORDLESS_AUTHENTICATOR_FILE",
        &file.display().to_string(),
    );
    let run = second.run(&["passkey", "sign-in"]);
    let mut settings = second.snapshot_settings();
    let first_port = first.emulator.addr().port().to_string();
    let second_port = second.emulator.addr().port().to_string();
    let run = redact(run, &[&id]);
    let text = run
        .to_string()
        .replace(&first_port, "[FIRST]")
        .replace(&second_port, "[SECOND]");
    settings.add_filter(r"https://127", "http://127");
    settings.bind(|| insta::assert_snapshot!(text, @"
    exit: 5
    --- stdout
    --- stderr
    warning: signing in with passkey [CRED1] of user `42`, registered with http://127.0.0.1:[FIRST] (app devapp), not with http://127.0.0.1:[SECOND]
    error: POST /signin/complete was refused by 127.0.0.1:[SECOND] with HTTP 400; the passkey [CRED1] was registered with http://127.0.0.1:[FIRST] (app devapp), not with http://127.0.0.1:[SECOND], which does not know it; remove it from the authenticator file with `passwordless passkey delete [CRED1]`, or register a new one
      errorCode: unknown_credential
      title: We don't recognize the passkey you sent us.
      docs: https://docs.passwordless.dev/guide/errors.html#unknown_credential
    "));
    let run = second.run(&["passkey", "sign-in", "--json"]);
    assert_eq!(run.code, 5, "{run}");
    let error = run.stderr_json();
    assert_eq!(error["error"]["credentialId"], id.as_str(), "{run}");
    // A sign-in that works says in --json which passkey made the token.
    let run = first.run(&["passkey", "sign-in", "--json"]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(run.json()["credentialId"], id.as_str(), "{run}");
    assert_eq!(run.json()["userId"], "42", "{run}");
}

/// Issue 20 item 12: `emulator exec` gives its command an authenticator file of the run's own,
/// removed afterwards: keys for a server that is gone do not pile up in the user's file.
#[cfg(unix)]
#[test]
fn emulator_exec_keeps_passkeys_in_a_file_of_the_run() {
    let mut env = TestEnv::without_secret();
    env.remove("PASSWORDLESS_API_URL");
    let script = r#"passwordless passkey register --token "$(passwordless register-token --user-id 42 --quiet)" >/dev/null && passwordless passkey sign-in --user-id 42 --quiet >/dev/null && echo "$PASSWORDLESS_AUTHENTICATOR_FILE" && test -s "$PASSWORDLESS_AUTHENTICATOR_FILE""#;
    let run = env.run(&["emulator", "exec", "--", "sh", "-c", script]);
    assert_eq!(run.code, 0, "{run}");
    let used = std::path::PathBuf::from(run.stdout.trim());
    assert!(used.ends_with("passkeys.json"), "{run}");
    assert!(!used.exists(), "removed after the run: {run}");
    assert!(!used.parent().unwrap().exists(), "{run}");
    assert!(
        !env.config_dir().join("passkeys.json").exists(),
        "the user's file is untouched"
    );
    // A file the user names is theirs to keep.
    let mine = env.home.path().join("ci-passkeys.json");
    env.set(
        "PASSWORDLESS_AUTHENTICATOR_FILE",
        &mine.display().to_string(),
    );
    let run = env.run(&["emulator", "exec", "--", "sh", "-c", script]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(run.stdout.trim(), mine.display().to_string(), "{run}");
    assert!(mine.exists(), "{run}");
}

/// What the official Android SDK sends as the origin: the app's signing-certificate hash.
const ANDROID_APP: &str = "android:apk-key-hash:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

#[test]
fn an_android_app_origin_registers_and_signs_in_when_the_emulator_allows_it() {
    let mut env = passkey_env();
    let running = crate::common::Running::start(&env, &["--origin", ANDROID_APP]);
    env.set("PASSWORDLESS_API_URL", &running.url);
    let app = ["--origin", ANDROID_APP, "--rp-id", "example.com"];

    // The app origin has no host, so the RP ID must be given.
    let token = register_token(&env, &[]);
    let run = env.run(&[
        "passkey",
        "register",
        "--token",
        &token,
        "--origin",
        ANDROID_APP,
    ]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("--rp-id"), "{run}");

    let mut args = vec!["passkey", "register", "--token", &token, "--quiet"];
    args.extend_from_slice(&app);
    let run = env.run(&args);
    assert_eq!(run.code, 0, "{run}");
    let user = verified(&env, run.stdout.trim());
    assert_eq!(user["type"], "passkey_register");
    assert_eq!(user["origin"], ANDROID_APP);

    let mut args = vec!["passkey", "sign-in", "--user-id", "42", "--quiet"];
    args.extend_from_slice(&app);
    let run = env.run(&args);
    assert_eq!(run.code, 0, "{run}");
    let user = verified(&env, run.stdout.trim());
    assert_eq!(user["type"], "passkey_signin");
    assert_eq!(user["origin"], ANDROID_APP);
    assert_eq!(user["userId"], "42");

    // Another app (another signing key) was not named with --origin: refused.
    let other = "android:apk-key-hash:HxwbGhkYFxYVFBMSERAPDg0MCwoJCAcGBQQDAgEAAAA";
    let run = env.run(&[
        "passkey",
        "sign-in",
        "--origin",
        other,
        "--rp-id",
        "example.com",
    ]);
    assert_eq!(run.code, 5, "{run}");
    assert!(run.stderr.contains("does not serve the origin"), "{run}");
    // And the default emulator, told about no app, refuses the first one as well.
    let mut plain = passkey_env();
    plain.set("PASSWORDLESS_API_URL", &plain.emulator.base_url());
    let token = register_token(&plain, &[]);
    let mut args = vec!["passkey", "register", "--token", &token];
    args.extend_from_slice(&app);
    let run = plain.run(&args);
    assert_eq!(run.code, 5, "{run}");
    assert!(run.stderr.contains("does not serve the origin"), "{run}");
}
