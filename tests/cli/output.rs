//! Issue 10: output people can copy and scripts can trust — one-time secrets, bare values,
//! one meaning per global flag, confirmations that say what happens, checked input.

use crate::common::{DEV_MANAGEMENT_KEY, TestEnv};
use crate::snap;

fn admin_env() -> TestEnv {
    let mut env = TestEnv::new();
    env.set("PASSWORDLESS_MANAGEMENT_KEY", DEV_MANAGEMENT_KEY);
    env
}

#[test]
fn one_time_secrets_are_printed_in_full_or_saved_to_a_profile() {
    let mut env = admin_env();
    let secret = env.value(&["admin", "apps", "create", "shop", "--quiet"]);
    assert!(
        secret.starts_with("shop:secret:") && secret.len() == 44,
        "{secret}"
    );
    let run = env.run(&[
        "admin",
        "apps",
        "create",
        "shopb",
        "--save-to-profile",
        "shopb",
    ]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    message	Store keys safely. They will only be shown to you once.
    apiKey1	shopb:public:[KEY]
    apiKey2	shopb:public:[KEY]
    apiSecret1	shopb:secret:****[LAST4]
    apiSecret2	shopb:secret:****[LAST4]
    saved to	profile `shopb` (insecure-file store, http://127.0.0.1:[PORT])
    --- stderr
    ");
    // The saved profile works at once, with nothing in the environment.
    env.remove("PASSWORDLESS_API_SECRET");
    let run = env.run(&["users", "count", "--profile", "shopb", "--quiet"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, "0\n"), "{run}");
    // create-secret: the full value with --json, saved with --save-to-profile.
    env.set("PASSWORDLESS_API_SECRET", &secret);
    let run = env.run(&["admin", "api-keys", "create-secret", "shop", "--json"]);
    let key = run.json()["apiKey"].as_str().unwrap().to_owned();
    assert!(
        key.starts_with("shop:secret:") && !key.contains('*'),
        "{run}"
    );
}

#[test]
fn single_values_are_bare_when_piped() {
    let env = TestEnv::new();
    let run = env.run(&["config", "path"]);
    assert_eq!(run.code, 0, "{run}");
    let path = run.stdout.trim_end_matches('\n');
    assert!(
        path.ends_with("config.toml") && !path.contains('\t'),
        "{run}"
    );
    let run = env.run(&["register-token", "--user-id", "42"]);
    assert!(
        run.stdout.starts_with("register_") && !run.stdout.contains('\t'),
        "{run}"
    );
}

#[test]
fn json_covers_usage_errors_and_the_argv_secret_refusal() {
    let env = TestEnv::new();
    let run = env.run(&["register-token", "--user", "x", "--json"]);
    snap!(env, run, @r#"
    exit: 2
    --- stdout
    --- stderr
    {"error":{"message":"unexpected argument '--user' found; a similar argument exists: '--user-id'","exitCode":2}}
    "#);
    let run = env.run(&[
        "verify",
        "devapp:secret:0123456789abcdef0123456789abcdef",
        "--json",
    ]);
    assert_eq!(run.code, 2, "{run}");
    assert_eq!(run.stderr_json()["error"]["exitCode"], 2, "{run}");
    assert!(!run.stderr.contains("0123456789abcdef"), "{run}");
    for args in [&["completions", "bash", "--json"][..], &["help", "--json"]] {
        let run = env.run(args);
        assert_eq!(run.code, 2, "{run}");
        assert!(run.stderr.contains("leave out --json"), "{run}");
    }
}

#[test]
fn usage_lines_do_not_show_variables_as_flags() {
    let mut env = TestEnv::new();
    env.set("PASSWORDLESS_PROFILE", "default");
    let run = env.run(&["users", "delete"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(!run.stderr.contains("--api-url"), "{run}");
    assert!(!run.stderr.contains("--profile"), "{run}");
}

#[test]
fn timeouts_take_fractions_and_refuse_negatives() {
    let env = TestEnv::new();
    let run = env.run(&["users", "count", "--timeout", "1.5", "--quiet"]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["users", "count", "--timeout", "-1"]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: invalid value '-1' for '--timeout <DURATION>': a duration cannot be negative; use e.g. `30s` or plain seconds

    For more information, try '--help'.
    ");
}

#[test]
fn an_unknown_profile_is_an_error_naming_the_known_ones() {
    let env = TestEnv::new();
    env.run_with_stdin(
        &[
            "config",
            "set",
            "base-url",
            "http://127.0.0.1:9",
            "--profile",
            "staging",
        ],
        "",
    );
    let run = env.run(&["users", "count", "--profile", "prod"]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: there is no profile `prod` (known: default, staging); create it with `passwordless config set-secret --profile prod` or `passwordless config set base-url URL --profile prod`
    ");
}

#[test]
fn empty_variables_and_flags_are_errors_not_fallbacks() {
    let mut env = TestEnv::new();
    let run = env.run(&["users", "count", "--api-url", ""]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("--api-url is empty"), "{run}");
    env.set("PASSWORDLESS_API_SECRET", "");
    let run = env.run(&["users", "count"]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: PASSWORDLESS_API_SECRET is set but empty; give it a value or unset it (`unset PASSWORDLESS_API_SECRET`)
    ");
    env.set("PASSWORDLESS_API_SECRET", crate::common::DEV_SECRET);
    env.set("PASSWORDLESS_CONFIG_DIR", "");
    let run = env.run(&["users", "count"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(
        run.stderr
            .contains("PASSWORDLESS_CONFIG_DIR is set but empty"),
        "{run}"
    );
}

#[test]
fn quiet_prints_one_identifying_value() {
    let env = admin_env();
    let run = env.run(&["admin", "apps", "features", "devapp", "-q"]);
    assert_eq!(run.stdout, "devapp\n", "{run}");
    let run = env.run(&["admin", "health", "-q"]);
    assert_eq!(run.stdout, "Healthy\n", "{run}");
    let url = env.emulator.base_url();
    let run = env.run(&[
        "emulator",
        "fault",
        "add",
        "--url",
        &url,
        "--path",
        "/users/count",
        "--status",
        "503",
        "--count",
        "1",
        "-q",
    ]);
    assert_eq!(
        (run.code, run.stdout.trim().is_empty()),
        (0, false),
        "{run}"
    );
    assert!(run.stdout.trim().parse::<u64>().is_ok(), "{run}");
}

#[test]
fn quiet_prints_what_an_action_acted_on() {
    let mut env = TestEnv::seeded();
    env.set("PASSWORDLESS_MANAGEMENT_KEY", DEV_MANAGEMENT_KEY);
    let url = env.emulator.base_url();
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "aliases",
                "set",
                "--user-id",
                "carol",
                "--alias",
                "c2",
                "--yes",
            ],
            "carol",
        ),
        (&["credentials", "delete", "BQYHCA", "--yes"], "BQYHCA"),
        (&["users", "delete", "bob", "--yes"], "bob"),
        (&["app", "features", "set", "--magic-links", "on"], "devapp"),
        (
            &["auth-configs", "add", "--purpose", "checkout"],
            "checkout",
        ),
        (
            &["auth-configs", "delete", "--purpose", "checkout", "--yes"],
            "checkout",
        ),
        (&["admin", "apps", "freeze", "devapp", "--yes"], "devapp"),
        (&["admin", "apps", "unfreeze", "devapp"], "devapp"),
        (
            &["emulator", "fault", "clear", "--url", &url, "--yes"],
            "cleared",
        ),
        (
            &["config", "set", "keyring-store", "insecure-file"],
            "insecure-file",
        ),
        (&["config", "unset", "keyring-store"], "keyring-store"),
    ];
    for (args, wanted) in cases {
        let mut args = args.to_vec();
        args.push("-q");
        let run = env.run(&args);
        assert_eq!(
            (run.code, run.stdout.as_str()),
            (0, format!("{wanted}\n").as_str()),
            "{args:?}: {run}"
        );
    }
}

#[test]
fn emulator_subcommands_honour_api_url() {
    let mut env = TestEnv::new();
    let url = env.emulator.base_url();
    env.remove("PASSWORDLESS_API_URL");
    let run = env.run(&["emulator", "fault", "list", "--api-url", &url, "--json"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, "[]\n"), "{run}");
    let run = env.run(&[
        "emulator",
        "outbox",
        "--api-url",
        &url,
        "--url",
        "http://127.0.0.1:9",
    ]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("disagree"), "{run}");
}

#[test]
fn mark_delete_says_what_will_happen_before_asking() {
    let env = admin_env();
    env.run(&["admin", "apps", "create", "gone", "--quiet"]);
    let run = env.run(&["admin", "apps", "mark-delete", "gone"]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: Delete `gone` now? It can be deleted immediately, so this cannot be undone. Not without confirmation: add --yes when running without a terminal
    ");
}

#[test]
fn deleting_what_is_not_there_says_nothing_to_delete() {
    let env = TestEnv::seeded();
    let run = env.run(&["users", "delete", "ghost", "--yes"]);
    snap!(env, run, @"
    exit: 3
    --- stdout
    --- stderr
    error: nothing to delete: user `ghost` has no passkeys or aliases; list users with `passwordless users list`
    ");
    let run = env.run(&["users", "delete", "bob", "--yes"]);
    assert_eq!(run.code, 0, "{run}");
}

#[test]
fn input_is_checked_before_sending() {
    let env = TestEnv::new();
    let long = "x".repeat(65);
    let run = env.run(&["register-token", "--user-id", &long]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("65 bytes long"), "{run}");
    assert_eq!(
        env.run(&["register-token", "--user-id", &"x".repeat(64), "-q"])
            .code,
        0
    );
    let run = env.run(&["signin-token", "--user-id", "a\nb"]);
    assert!(
        run.code == 2 && run.stderr.contains("control character"),
        "{run}"
    );
    let run = env.run(&[
        "aliases",
        "set",
        "--user-id",
        "42",
        "--alias",
        "a\tb",
        "--yes",
    ]);
    assert!(
        run.code == 2 && run.stderr.contains("control character"),
        "{run}"
    );
    let run = env.run(&[
        "reports",
        "credentials",
        "--from",
        "2026-02-01",
        "--to",
        "2026-01-01",
    ]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: --from 2026-02-01 is after --to 2026-01-01; swap them
    ");
    let run = env.run(&["signin-token", "--user-id", "42", "--purpose", "chekout"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(
        run.stderr
            .contains("no authentication configuration for purpose `chekout`"),
        "{run}"
    );
    let run = env.run(&[
        "signin-token",
        "--user-id",
        "42",
        "--purpose",
        "step-up",
        "-q",
    ]);
    assert_eq!(run.code, 0, "{run}");
}

#[test]
fn errors_are_coloured_only_when_asked() {
    let mut env = TestEnv::new();
    env.set(
        "PASSWORDLESS_API_SECRET",
        "devapp:secret:ffffffffffffffffffffffffffffffff",
    );
    env.remove("NO_COLOR");
    env.set("CLICOLOR_FORCE", "1");
    let run = env.run(&["users", "count"]);
    assert!(
        run.stderr.starts_with("\u{1b}[1;31merror\u{1b}[0m: "),
        "{run}"
    );
    assert!(run.stderr.contains("\u{1b}[36m"), "hint coloured: {run}");
    env.set("NO_COLOR", "1");
    let run = env.run(&["users", "count"]);
    assert!(!run.stderr.contains('\u{1b}'), "{run}");
}

#[test]
fn a_fault_with_only_a_delay_delays_the_real_answer() {
    let env = TestEnv::seeded();
    let url = env.emulator.base_url();
    let run = env.run(&[
        "emulator",
        "fault",
        "add",
        "--url",
        &url,
        "--path",
        "/users/count",
        "--delay",
        "10ms",
        "--count",
        "1",
    ]);
    assert_eq!(run.code, 0, "{run}");
    assert!(run.stdout.contains("the real answer after 10 ms"), "{run}");
    let run = env.run(&["users", "count", "--quiet"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, "2\n"), "{run}");
    let run = env.run(&["emulator", "fault", "add", "--url", &url, "--path", "/x"]);
    assert_eq!(run.code, 2, "needs a status or a delay: {run}");
}

#[test]
fn destructive_commands_confirm_and_take_yes() {
    let env = TestEnv::seeded();
    let url = env.emulator.base_url();
    for args in [
        &["emulator", "fault", "clear", "--url", &url][..],
        &[
            "authenticators",
            "remove",
            "ee882879-721c-4913-9775-3dfcce97072a",
        ],
        &[
            "aliases",
            "set",
            "--user-id",
            "alice",
            "--alias",
            "new@example.com",
        ],
    ] {
        let run = env.run(args);
        assert_eq!(run.code, 2, "{args:?} asks first: {run}");
        assert!(run.stderr.contains("add --yes"), "{run}");
    }
    let run = env.run(&[
        "aliases",
        "set",
        "--user-id",
        "alice",
        "--alias",
        "new@example.com",
    ]);
    assert!(
        run.stderr
            .contains("Replace the 1 alias of user `alice` with 1 new alias?"),
        "{run}"
    );
    let run = env.run(&["emulator", "fault", "clear", "--url", &url, "--yes"]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["aliases", "set", "--user-id", "nobody", "--alias", "fresh"]);
    assert_eq!(run.code, 0, "nothing to replace, no question: {run}");
}

#[test]
fn an_emulator_bound_to_every_address_prints_a_url_the_cli_accepts() {
    let env = TestEnv::new();
    let running = crate::common::Running::spawn(
        &env,
        &[
            "emulator",
            "--port",
            "0",
            "--bind",
            "0.0.0.0",
            "--allow-remote",
            "--quiet",
        ],
    );
    assert!(
        running.url.starts_with("http://127.0.0.1:"),
        "{}",
        running.url
    );
    let run = env.run(&["users", "count", "--api-url", &running.url, "--quiet"]);
    assert_eq!(run.code, 0, "{run}");
}

/// The command a hint suggests: the first `passwordless …` in backquotes, as words.
fn hinted_command(stderr: &str) -> Vec<String> {
    let start = stderr
        .find("`passwordless ")
        .unwrap_or_else(|| panic!("no command in the hint: {stderr}"));
    let rest = &stderr[start + 1..];
    let command = &rest[..rest.find('`').expect("a closing backquote")];
    assert!(
        !command.contains(['\'', '"', '<']) && !command.split(' ').any(|w| w == "N"),
        "the hint's command has a placeholder or quoting: {command}"
    );
    command
        .split_whitespace()
        .skip(1)
        .map(str::to_owned)
        .collect()
}

#[test]
fn feature_off_hints_run_as_written_and_then_the_command_works() {
    let mut env = TestEnv::free_plan();
    env.set("PASSWORDLESS_MANAGEMENT_KEY", DEV_MANAGEMENT_KEY);
    let run = env.run(&[
        "app",
        "features",
        "set",
        "--magic-links",
        "off",
        "--generated-tokens",
        "off",
    ]);
    assert_eq!(run.code, 0, "{run}");
    let magic_link = [
        "magic-link",
        "send",
        "--user-id",
        "42",
        "--email",
        "alice@example.com",
        "--url-template",
        "https://app.example.com/verify?token=$TOKEN",
    ];
    let commands: [&[&str]; 4] = [
        &["authenticators", "list"],
        &["events", "list"],
        &magic_link,
        &["signin-token", "--user-id", "42"],
    ];
    for args in commands {
        let refused = env.run(args);
        assert_eq!(
            refused.code, 8,
            "{args:?} is refused as a feature that is off: {refused}"
        );
        let hint = hinted_command(&refused.stderr);
        let hint: Vec<&str> = hint.iter().map(String::as_str).collect();
        let followed = env.run(&hint);
        assert_eq!(
            followed.code, 0,
            "the hint {hint:?} runs as written: {followed}"
        );
        let retried = env.run(args);
        assert_eq!(retried.code, 0, "{args:?} works after {hint:?}: {retried}");
    }
    // Each change kept what it was not told to change: everything is on now.
    let json = env
        .run(&["admin", "apps", "features", "devapp", "--json"])
        .json();
    for feature in [
        "eventLoggingIsEnabled",
        "allowAttestation",
        "isGenerateSignInTokenEndpointEnabled",
        "isMagicLinksEnabled",
    ] {
        assert_eq!(json[feature], true, "{feature}: {json}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn terminal_tables_stay_readable_when_the_width_is_unknown() {
    let mut env = admin_env();
    env.remove("COLUMNS");
    // 0 columns and no COLUMNS: laid out for 80, where the six columns cannot fit, so each key
    // is a block of lines (today's bug: every short column one letter wide).
    let run = env.run_on_terminal(&["admin", "api-keys", "list", "devapp"]);
    snap!(env, run, times, @"
    exit: 0
    --- stdout
    ID       3210
    TYPE     public
    KEY      devapp:public:[KEY]
    SCOPES   login, register
    LOCKED   false
    CREATED  [TIME] UTC

    ID       cdef
    TYPE     secret
    KEY      devapp:secret:****cdef
    SCOPES   token_register, token_verify
    LOCKED   false
    CREATED  [TIME] UTC
    --- stderr
    ");
    // Wide enough: a table, short columns at their width, the key whole, scopes in words.
    env.set("COLUMNS", "140");
    let run = env.run_on_terminal(&["admin", "api-keys", "list", "devapp"]);
    snap!(env, run, times, @"
    exit: 0
    --- stdout
    ┌──────┬────────┬────────────────────────────────────────────────┬──────────────────────────────┬────────┬─────────────────────────┐
    │ ID   ┆ TYPE   ┆ KEY                                            ┆ SCOPES                       ┆ LOCKED ┆ CREATED                 │
    ╞══════╪════════╪════════════════════════════════════════════════╪══════════════════════════════╪════════╪═════════════════════════╡
    │ 3210 ┆ public ┆ devapp:public:[KEY] ┆ login, register              ┆ false  ┆ [TIME] UTC │
    │ cdef ┆ secret ┆ devapp:secret:****cdef                         ┆ token_register, token_verify ┆ false  ┆ [TIME] UTC │
    └──────┴────────┴────────────────────────────────────────────────┴──────────────────────────────┴────────┴─────────────────────────┘
    --- stderr
    ");
}

#[cfg(target_os = "linux")]
#[test]
fn features_read_as_words_on_a_terminal_and_keep_their_names_when_piped() {
    let env = admin_env();
    let run = env.run_on_terminal(&["admin", "apps", "features", "devapp"]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    Event logging             on
    Event log retention       365 days
    Developer logging ends    -
    Max users                 unlimited
    Attestation               allowed
    Generated sign-in tokens  on
    Magic links               on
    --- stderr
    ");
    let run = env.run(&["admin", "apps", "features", "devapp"]);
    assert!(
        run.stdout.starts_with("eventLoggingIsEnabled\ttrue\n"),
        "{run}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_raw_body_reaches_a_terminal_with_its_controls_escaped() {
    use crate::common::fake_server::{FakeServer, http};
    let server = FakeServer::start(|_| {
        http(
            "200 OK",
            &[("Content-Type", "text/plain")],
            b"line one\n\x1b]0;owned\x07line two\n",
        )
    });
    let env = TestEnv::new();
    let run = env.run_on_terminal(&["api", "GET", "/text", "--api-url", &server.url]);
    snap!(env, run, @r#"
    exit: 0
    --- stdout
    line one
    \u{1b}]0;owned\u{7}line two
    --- stderr
    "#);
}

/// A hostile server's string in a one-value output: ESC/OSC, BEL, C1, bidi marks and a CR-LF
/// that would forge an `error:` line reach the terminal escaped (they did only with --quiet),
/// and JSON output writes C1 and bidi controls as `\u` escapes.
#[test]
fn a_servers_one_value_answer_is_escaped_everywhere() {
    use crate::common::fake_server::{FakeServer, json};
    let env = TestEnv::new();
    let server = FakeServer::start(|_| {
        json(
            "200 OK",
            r#"{"token":"register_x\u001b]8;;http://evil\u0007\r\nerror: forged\u202e\u0085\u200f"}"#,
        )
    });
    let plain = r"register_x\u{1b}]8;;http://evil\u{7}\r\nerror: forged\u{202e}\u{85}\u{200f}";
    for extra in [&[][..], &["--quiet"][..]] {
        let mut args = vec![
            "--api-url",
            &server.url,
            "register-token",
            "--user-id",
            "u1",
        ];
        args.extend_from_slice(extra);
        let run = env.run(&args);
        assert_eq!(run.code, 0, "{run}");
        assert_eq!(run.stdout, format!("{plain}\n"), "{extra:?}");
    }
    let run = env.run(&[
        "--api-url",
        &server.url,
        "register-token",
        "--user-id",
        "u1",
        "--json",
    ]);
    assert_eq!(run.code, 0, "{run}");
    assert!(
        run.stdout.contains(r"forged\u202e\u0085\u200f"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains('\u{85}') && !run.stdout.contains('\u{202e}'));
    assert!(
        run.json()["token"]
            .as_str()
            .unwrap()
            .ends_with("\u{202e}\u{85}\u{200f}")
    );
}

/// Fault messages read like the CLI's other confirmations: a capital and a full stop.
#[test]
fn fault_messages_are_sentences() {
    let env = TestEnv::new();
    let url = env.emulator.base_url();
    let run = env.run(&[
        "emulator",
        "fault",
        "add",
        "--url",
        &url,
        "--path",
        "/users/count",
        "--status",
        "500",
    ]);
    assert_eq!(run.code, 0, "{run}");
    assert!(run.stdout.starts_with("Added fault 1: "), "{run}");
    assert!(run.stdout.ends_with(".\n"), "{run}");
    let run = env.run(&["emulator", "fault", "clear", "--url", &url, "--yes"]);
    assert_eq!(run.stdout, "Removed every fault rule.\n", "{run}");
}

/// `-vvv` traces showed the server's body with C1 and bidi controls raw.
#[test]
fn traces_escape_c1_and_bidi_controls() {
    use crate::common::fake_server::{FakeServer, json};
    let env = TestEnv::new();
    let server = FakeServer::start(|_| {
        json(
            "200 OK",
            r#"{"token":"register_x","note":"a\u0085b\u202ec\u001b[2J"}"#,
        )
    });
    let run = env.run(&[
        "--api-url",
        &server.url,
        "-vvv",
        "register-token",
        "--user-id",
        "u1",
    ]);
    assert_eq!(run.code, 0, "{run}");
    assert!(
        run.stderr.contains(r"a\u0085b\u202ec\u001b[2J"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains(['\u{85}', '\u{202e}', '\u{1b}']),
        "{}",
        run.stderr
    );
}
