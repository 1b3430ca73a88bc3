//! Settings as code: `app export`, `app diff` (exit 10 on drift) and `app apply` against the
//! emulator, and the same file seeding an emulator.

use crate::common::{DEV_MANAGEMENT_KEY, DEV_SECRET, Running, TestEnv};
use crate::snap;

/// An environment with both the API secret and the management key.
fn env() -> TestEnv {
    let mut env = TestEnv::new();
    env.set("PASSWORDLESS_MANAGEMENT_KEY", DEV_MANAGEMENT_KEY);
    env
}

fn write(env: &TestEnv, name: &str, text: &str) -> String {
    let path = env.home.path().join(name);
    std::fs::write(&path, text).expect("the file is written");
    path.display().to_string()
}

/// A file that manages a bit of everything, with retention from the environment.
const FILE: &str = r#"version = 1

[[apiKeys]]
scopes = ["login", "register"]
type = "public"

[[apiKeys]]
scopes = ["token_register", "token_verify"]
type = "secret"

[authConfigurations.pay]
hints = ["hybrid"]
timeToLive = 300
userVerification = "required"

[authenticators]
allowed = ["ee882879-721c-4913-9775-3dfcce97072a"]

[features]
attestation = true
eventLogRetentionDays = ${DAYS}
magicLinkMonthlyQuota = 100
magicLinks = false
"#;

#[test]
fn round_trip_export_change_diff_apply_the_old_file() {
    let env = env();
    let run = env.run(&["app", "export", "--file", "before.toml"]);
    snap!(env, run, @r"
    exit: 0
    --- stdout
    Exported the settings of `devapp` to before.toml (features, authConfigurations, authenticators, apiKeys).
    --- stderr
    ");
    let exported = std::fs::read_to_string(env.home.path().join("before.toml")).unwrap();
    assert!(
        exported.contains("# magicLinkMonthlyQuota = 0"),
        "{exported}"
    );
    let run = env.run(&["app", "diff", "before.toml"]);
    assert_eq!(run.code, 0, "{run}");

    // Change the app through the CLI.
    for args in [
        &["app", "features", "set", "--magic-links", "off"][..],
        &[
            "auth-configs",
            "add",
            "--purpose",
            "pay",
            "--user-verification",
            "required",
            "--performed-by",
            "me",
        ],
        &[
            "auth-configs",
            "update",
            "--purpose",
            "sign-in",
            "--ttl",
            "10m",
            "--performed-by",
            "me",
        ],
        &[
            "authenticators",
            "allow",
            "ee882879-721c-4913-9775-3dfcce97072a",
        ],
    ] {
        let run = env.run(args);
        assert_eq!(run.code, 0, "{run}");
    }
    let run = env.run(&["app", "diff", "before.toml"]);
    snap!(env, run, @"
    exit: 10
    --- stdout
    SECTION	ITEM	ACTION	CURRENT	DESIRED
    features	attestation	unchanged	true	true
    features	eventLogRetentionDays	unchanged	365	365
    features	eventLogging	unchanged	true	true
    features	generatedSignInTokens	unchanged	true	true
    features	magicLinks	update	false	true
    features	maxUsers	unchanged	0	0
    authConfigurations	sign-in	update	hints=none timeToLive=600 userVerification=preferred	hints=none timeToLive=120 userVerification=preferred
    authConfigurations	step-up	unchanged	hints=none timeToLive=120 userVerification=preferred	hints=none timeToLive=120 userVerification=preferred
    authConfigurations	pay	delete	hints=none timeToLive=120 userVerification=required	-
    authenticators	ee882879-721c-4913-9775-3dfcce97072a	delete	allowed	-
    apiKeys	public 3210	unchanged	locked=false scopes=login+register type=public	locked=false scopes=login+register type=public
    apiKeys	secret cdef	unchanged	locked=false scopes=token_register+token_verify type=secret	locked=false scopes=token_register+token_verify type=secret
    --- stderr
    4 differences found; `passwordless app apply before.toml` makes the app match the file
    ");

    // Without --allow-delete the deletions are listed and skipped.
    let run = env.run(&["app", "apply", "before.toml", "--yes"]);
    snap!(env, run, @r"
    exit: 0
    --- stdout
    SECTION	ITEM	ACTION	RESULT
    features	magicLinks	update	applied
    authConfigurations	sign-in	update	applied
    authConfigurations	pay	delete	skipped: needs --allow-delete
    authenticators	ee882879-721c-4913-9775-3dfcce97072a	delete	skipped: needs --allow-delete
    --- stderr
    SECTION	ITEM	ACTION	CURRENT	DESIRED
    features	magicLinks	update	false	true
    authConfigurations	sign-in	update	hints=none timeToLive=600 userVerification=preferred	hints=none timeToLive=120 userVerification=preferred
    authConfigurations	pay	delete	hints=none timeToLive=120 userVerification=required	-
    authenticators	ee882879-721c-4913-9775-3dfcce97072a	delete	allowed	-
    ");
    assert_eq!(env.run(&["app", "diff", "before.toml"]).code, 10);
    let run = env.run(&["app", "apply", "before.toml", "--yes", "--allow-delete"]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["app", "diff", "before.toml"]);
    assert_eq!(run.code, 0, "{run}");

    // Every write named who made it.
    let events = env.run(&["events", "list", "--json"]).json();
    let by: Vec<&str> = events["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            let t = e["eventType"].as_str().unwrap_or("");
            t.contains("AuthenticationConfiguration") || t.contains("MagicLinks")
        })
        .filter_map(|e| e["performedBy"].as_str())
        .collect();
    assert!(by.contains(&"passwordless-cli"), "{events:#}");
}

#[test]
fn the_json_plan_and_values_from_the_environment() {
    let mut env = env();
    let file = write(&env, "s.toml", FILE);
    let run = env.run(&["app", "diff", &file]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: settings file [HOME]/s.toml: line 21: ${DAYS} is used but the environment variable DAYS is not set; set it, or remove it from the file
    ");
    env.set("DAYS", "30");
    let run = env.run(&["app", "diff", &file, "--json"]);
    snap!(env, run, @r#"
    exit: 10
    --- stdout
    [
      {
        "section": "features",
        "item": "attestation",
        "action": "unchanged",
        "current": true,
        "desired": true
      },
      {
        "section": "features",
        "item": "eventLogRetentionDays",
        "action": "update",
        "current": 365,
        "desired": 30
      },
      {
        "section": "features",
        "item": "magicLinkMonthlyQuota",
        "action": "set",
        "desired": 100,
        "note": "write-only: the server never reports it"
      },
      {
        "section": "features",
        "item": "magicLinks",
        "action": "update",
        "current": true,
        "desired": false
      },
      {
        "section": "authConfigurations",
        "item": "pay",
        "action": "create",
        "desired": {
          "hints": [
            "hybrid"
          ],
          "timeToLive": 300,
          "userVerification": "required"
        }
      },
      {
        "section": "authenticators",
        "item": "ee882879-721c-4913-9775-3dfcce97072a",
        "action": "create",
        "desired": "allowed"
      },
      {
        "section": "apiKeys",
        "item": "public 3210",
        "action": "unchanged",
        "current": {
          "locked": false,
          "scopes": [
            "login",
            "register"
          ],
          "type": "public"
        },
        "desired": {
          "locked": false,
          "scopes": [
            "login",
            "register"
          ],
          "type": "public"
        }
      },
      {
        "section": "apiKeys",
        "item": "secret cdef",
        "action": "unchanged",
        "current": {
          "locked": false,
          "scopes": [
            "token_register",
            "token_verify"
          ],
          "type": "secret"
        },
        "desired": {
          "locked": false,
          "scopes": [
            "token_register",
            "token_verify"
          ],
          "type": "secret"
        }
      }
    ]
    --- stderr
    "#);
    // Only the write-only quota left: in sync.
    let run = env.run(&["app", "apply", &file, "--yes"]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["app", "diff", &file]);
    assert_eq!(run.code, 0, "{run}");
    assert!(run.stdout.contains("will be set"), "{run}");
}

#[test]
fn dry_run_changes_nothing_and_no_yes_off_a_terminal_is_refused() {
    let mut env = env();
    env.set("DAYS", "30");
    let file = write(&env, "s.toml", FILE);
    let run = env.run(&["app", "apply", &file, "--dry-run"]);
    assert_eq!(run.code, 0, "{run}");
    assert!(run.stderr.contains("dry run: nothing was changed"), "{run}");
    assert_eq!(env.run(&["app", "diff", &file]).code, 10);
    let run = env.run(&["app", "apply", &file]);
    snap!(env, run, @r"
    exit: 2
    --- stdout
    --- stderr
    SECTION	ITEM	ACTION	CURRENT	DESIRED
    features	eventLogRetentionDays	update	365	30
    features	magicLinkMonthlyQuota	will be set	-	100 (write-only: the server never reports it)
    features	magicLinks	update	true	false
    authConfigurations	pay	create	-	hints=hybrid timeToLive=300 userVerification=required
    authenticators	ee882879-721c-4913-9775-3dfcce97072a	create	-	allowed
    error: Apply 5 changes to `devapp`? Not without confirmation: add --yes when running without a terminal
    ");
    assert_eq!(env.run(&["app", "diff", &file]).code, 10);
}

#[test]
fn a_failure_part_way_reports_what_was_applied_and_a_rerun_converges() {
    let mut env = env();
    env.set("DAYS", "30");
    let file = write(&env, "s.toml", FILE);
    let url = env.emulator.base_url();
    let run = env.run(&[
        "emulator",
        "fault",
        "add",
        "--url",
        &url,
        "--path",
        "/authenticators/add",
        "--status",
        "400",
        "--count",
        "1",
    ]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["app", "apply", &file, "--yes"]);
    snap!(env, run, @"
    exit: 5
    --- stdout
    SECTION	ITEM	ACTION	RESULT
    features	eventLogRetentionDays	update	applied
    features	magicLinkMonthlyQuota	will be set	applied
    features	magicLinks	update	applied
    authConfigurations	pay	create	applied
    authenticators	ee882879-721c-4913-9775-3dfcce97072a	create	failed
    --- stderr
    SECTION	ITEM	ACTION	CURRENT	DESIRED
    features	eventLogRetentionDays	update	365	30
    features	magicLinkMonthlyQuota	will be set	-	100 (write-only: the server never reports it)
    features	magicLinks	update	true	false
    authConfigurations	pay	create	-	hints=hybrid timeToLive=300 userVerification=required
    authenticators	ee882879-721c-4913-9775-3dfcce97072a	create	-	allowed
    apply stopped: 4 of 5 changes applied, the rest not attempted; fix the cause and run it again to finish
    error: POST /authenticators/add was refused by 127.0.0.1:[PORT] with HTTP 400; fix the request as the server's message says, then try again
      title: Injected fault: HTTP 400
    ");
    let run = env.run(&["app", "diff", &file, "--json"]);
    assert_eq!(run.code, 10, "{run}");
    let run = env.run(&["app", "apply", &file, "--yes"]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(env.run(&["app", "diff", &file]).code, 0);
}

#[test]
fn a_new_secret_key_goes_to_the_keyring_never_to_stdout() {
    let mut env = env();
    let file = write(
        &env,
        "keys.toml",
        r#"[[apiKeys]]
scopes = ["login", "register"]
type = "public"

[[apiKeys]]
scopes = ["token_register", "token_verify"]
type = "secret"

[[apiKeys]]
scopes = ["token_verify"]
type = "secret"
locked = true
"#,
    );
    let run = env.run(&["app", "apply", &file, "--yes"]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: the file adds an API secret key, whose secret is never printed; pass --save-to-profile NAME to store it in that profile's keyring entry
    ");
    let run = env.run(&["app", "apply", &file, "--yes", "--save-to-profile", "ci"]);
    assert_eq!(run.code, 0, "{run}");
    assert!(!run.stdout.contains(":secret:"), "{run}");
    assert!(!run.stderr.contains(":secret:"), "{run}");
    assert!(run.stdout.contains("secret saved to profile `ci`"), "{run}");
    assert_eq!(env.run(&["app", "diff", &file]).code, 0);
    // The profile holds the new key, not the development one: it is locked, as the file says,
    // so the API refuses it (401, exit 4) where the development secret would list users.
    env.remove("PASSWORDLESS_API_SECRET");
    let run = env.run(&["users", "list", "--profile", "ci"]);
    assert_eq!(run.code, 4, "{run}");
    let stored = std::fs::read_to_string(env.config_dir().join("config.toml")).unwrap();
    assert!(stored.contains("[profiles.ci]"), "{stored}");
}

#[test]
fn a_json_file_by_its_name() {
    let env = env();
    let run = env.run(&["app", "export", "--file", "s.json", "--include", "api-keys"]);
    assert_eq!(run.code, 0, "{run}");
    let text = std::fs::read_to_string(env.home.path().join("s.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let members: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(members, ["apiKeys", "version"]);
    assert_eq!(env.run(&["app", "diff", "s.json"]).code, 0);
}

#[test]
fn no_secret_in_an_export_or_a_plan() {
    let env = env();
    let toml = env.run(&["app", "export"]);
    let json = env.run(&["app", "export", "--json"]);
    let plan = env.run(&["app", "diff", "--json", &{
        std::fs::write(env.home.path().join("e.toml"), &toml.stdout).unwrap();
        "e.toml".to_owned()
    }]);
    let body = DEV_SECRET.rsplit(':').next().unwrap();
    for run in [&toml, &json, &plan] {
        assert_eq!(run.code, 0, "{run}");
        for text in [&run.stdout, &run.stderr] {
            assert!(!text.contains(body), "{run}");
            assert!(!text.contains(":secret:"), "{run}");
            assert!(!text.contains(DEV_MANAGEMENT_KEY), "{run}");
        }
    }
}

#[test]
fn without_the_management_key_its_sections_are_left_out_with_a_note() {
    let env = TestEnv::new();
    let run = env.run(&["app", "export", "--exclude", "authenticators"]);
    snap!(env, run, @r#"
    exit: 0
    --- stdout
    # Settings of the Passwordless.dev application `devapp`, from `passwordless app export`.
    # Compare with `passwordless app diff FILE`, apply with `passwordless app apply FILE`.
    # ${NAME} is replaced from the environment. Secrets are never written here.

    version = 1

    [authConfigurations.sign-in]
    hints = []
    timeToLive = 120
    userVerification = "preferred"

    [authConfigurations.step-up]
    hints = []
    timeToLive = 120
    userVerification = "preferred"
    --- stderr
    note: features and apiKeys left out: reading them needs the management key (set PASSWORDLESS_MANAGEMENT_KEY or run `passwordless config set-management-key`)
    "#);
}

#[test]
fn the_file_is_checked_whole_before_the_first_write() {
    let env = env();
    for (text, expected) in [
        (
            "[authenticators]\nallowed = [\"not-a-guid\"]\n",
            "authenticators.allowed: `not-a-guid` is not an AAGUID",
        ),
        (
            "[authConfigurations.pay]\nhints = [\"hybrid\", \"hybrid\", \"security-key\", \"client-device\"]\n",
            "hints has 4 hints; at most 3 are allowed",
        ),
        (
            "[authConfigurations.\"pay me\"]\n",
            "`pay me` is not a valid purpose",
        ),
        (
            "[features]\nattestation = false\n[authenticators]\nallowed = [\"ee882879-721c-4913-9775-3dfcce97072a\"]\n",
            "need attestation",
        ),
        (
            "[features]\neventLogRetentionDays = 91\n",
            "eventLogRetentionDays is 91; use 0 to 90",
        ),
        (
            "[features]\nattestation = false\nmagicLinks = false\n",
            "set features.magicLinkMonthlyQuota in the file or pass --magic-link-quota N",
        ),
        ("[feature]\n", "unknown field `feature`"),
    ] {
        let file = write(&env, "bad.toml", text);
        let run = env.run(&["app", "apply", &file, "--yes"]);
        assert_eq!(run.code, 2, "{text}\n{run}");
        assert!(run.stderr.contains(expected), "{text}\n{run}");
        assert_eq!(run.stdout, "", "{run}");
    }
    // Nothing was written: magic links are still on, attestation still allowed.
    let features = env
        .run(&["admin", "apps", "features", "devapp", "--json"])
        .json();
    assert_eq!(features["isMagicLinksEnabled"], true);
    assert_eq!(features["allowAttestation"], true);
}

#[test]
fn an_exported_file_seeds_an_emulator_that_then_diffs_clean() {
    let mut source = env();
    source.set("DAYS", "30");
    let file = write(&source, "s.toml", FILE);
    let run = source.run(&["app", "apply", &file, "--yes"]);
    assert_eq!(run.code, 0, "{run}");
    let exported = source.run(&["app", "export", "--json"]);
    assert_eq!(exported.code, 0, "{exported}");
    // The settings inside the seed format, beside users.
    let mut seed = exported.json();
    seed["users"] = serde_json::json!([{"userId": "alice", "credentials": [{"id": "AQIDBA"}]}]);
    let mut target = TestEnv::seeded_with(&seed.to_string());
    target.set("PASSWORDLESS_MANAGEMENT_KEY", DEV_MANAGEMENT_KEY);
    let path = write(&target, "exported.json", &exported.stdout);
    let run = target.run(&["app", "diff", &path]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(target.value(&["users", "count", "--quiet"]), "1");
}

#[test]
fn emulator_seed_takes_an_exported_file_alone_or_beside_users() {
    let mut env = env();
    env.set("DAYS", "30");
    let file = write(&env, "s.toml", FILE);
    let run = env.run(&["app", "apply", &file, "--yes"]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["app", "export", "--file", "staging.toml"]);
    assert_eq!(run.code, 0, "{run}");

    // The README's one line: an exported app becomes a local emulator.
    let running = Running::start(&env, &["--seed", "staging.toml"]);
    env.set("PASSWORDLESS_API_URL", &running.url);
    let run = env.run(&["app", "diff", "staging.toml"]);
    assert_eq!(run.code, 0, "{run}");
    drop(running);

    // The same settings inside the seed format, beside users, with a value from the
    // environment; `app diff` of that seed file skips its users.
    let staging = std::fs::read_to_string(env.home.path().join("staging.toml")).unwrap();
    let seed = staging.replace("maxUsers = 0", "maxUsers = ${MAX_USERS}")
        + "\n[[users]]\nuserId = \"alice\"\n\n[[users.credentials]]\nid = \"AQIDBA\"\n";
    write(&env, "seed.toml", &seed);
    env.set("MAX_USERS", "5");
    let running = Running::start(&env, &["--seed", "seed.toml"]);
    env.set("PASSWORDLESS_API_URL", &running.url);
    assert_eq!(env.run(&["app", "diff", "seed.toml"]).code, 0);
    assert_eq!(env.value(&["users", "count", "--quiet"]), "1");
    let features = env
        .run(&["admin", "apps", "features", "devapp", "--json"])
        .json();
    assert_eq!(features["maxUsers"], 5);
    assert_eq!(features["isMagicLinksEnabled"], false);
    drop(running);

    // An unset variable stops the emulator at start, naming it.
    env.remove("MAX_USERS");
    let run = env.run(&["emulator", "--port", "0", "--seed", "seed.toml"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("MAX_USERS is not set"), "{run}");
}

#[test]
fn each_features_route_is_written_once_with_the_merged_whole() {
    let env = env();
    let file = write(
        &env,
        "features.toml",
        "[features]\nattestation = true\neventLogRetentionDays = 7\neventLogging = false\n\
         generatedSignInTokens = false\nmagicLinks = false\nmaxUsers = 3\n",
    );
    let run = env.run(&[
        "app",
        "apply",
        &file,
        "--yes",
        "--magic-link-quota",
        "5",
        "--performed-by",
        "ops@example.com",
    ]);
    assert_eq!(run.code, 0, "{run}");
    let url = env.emulator.base_url();
    let requests = env
        .run(&["emulator", "requests", "--url", &url, "--json"])
        .json();
    let writes: Vec<String> = requests
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["method"] == "POST")
        .map(|r| r["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        writes,
        ["/admin/apps/devapp/features", "/apps/features"],
        "{requests:#}"
    );
    let features = env
        .run(&["admin", "apps", "features", "devapp", "--json"])
        .json();
    assert_eq!(features["maxUsers"], 3);
    assert_eq!(features["eventLoggingRetentionPeriod"], 7);
    assert_eq!(features["isGenerateSignInTokenEndpointEnabled"], false);
    assert_eq!(env.run(&["app", "diff", &file]).code, 0);
}

#[test]
fn lists_on_an_app_without_attestation_are_refused_before_any_write() {
    let env = TestEnv::free_plan();
    let file = write(
        &env,
        "lists.toml",
        "[authConfigurations.pay]\n\n[authenticators]\ndenied = [\"ee882879-721c-4913-9775-3dfcce97072a\"]\n",
    );
    let run = env.run(&["app", "apply", &file, "--yes"]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: the allow and deny lists need attestation, which is off for this app; set features.attestation = true in the file
    ");
    let configs = env.run(&["auth-configs", "list", "--json"]).json();
    assert!(!configs.to_string().contains("\"pay\""), "{configs}");
}

/// On a terminal `apply` asks, and goes ahead on "y" (util-linux `script` gives it a terminal
/// and passes the answer through).
#[cfg(target_os = "linux")]
#[test]
fn on_a_terminal_apply_asks_first() {
    use std::io::Write;
    let env = env();
    let file = write(&env, "f.toml", "[features]\nmagicLinks = false\n");
    let binary = assert_cmd::cargo::cargo_bin!("passwordless");
    let line = format!("'{}' app apply '{file}'", binary.display());
    let mut command = std::process::Command::new("script");
    command
        .env_clear()
        .args(["-qec", &line, "/dev/null"])
        .current_dir(env.home.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped());
    for (name, value) in env.vars() {
        command.env(name, value);
    }
    let mut child = command.spawn().expect("util-linux `script` runs");
    // The question is asked before the answer is read; a terminal keeps typed input until then.
    child.stdin.take().unwrap().write_all(b"y\n").unwrap();
    let output = child.wait_with_output().unwrap();
    let shown = String::from_utf8_lossy(&output.stdout).replace("\r\n", "\n");
    assert_eq!(output.status.code(), Some(0), "{shown}");
    assert!(
        shown.contains("Apply 1 change to `devapp`? [y/N]"),
        "{shown}"
    );
    assert_eq!(env.run(&["app", "diff", &file]).code, 0);
}

/// The usual failures of the three commands: no secret (exit 4, naming how to set one), a file
/// that is not there (exit 2, naming it), and an unreachable server (exit 7).
#[test]
fn no_secret_no_file_and_no_server_are_one_line_each() {
    let bare = TestEnv::without_secret();
    let file = write(
        &bare,
        "s.toml",
        "version = 1\n[features]\nmagicLinks = true\n",
    );
    let commands: [&[&str]; 3] = [
        &["app", "export"],
        &["app", "diff", &file],
        &["app", "apply", &file, "--yes"],
    ];
    for args in commands {
        let run = bare.run(args);
        assert_eq!(run.code, 4, "{args:?}: {run}");
        assert!(
            run.stderr.contains("PASSWORDLESS_API_SECRET"),
            "{args:?}: {run}"
        );
        assert_eq!(run.stderr.lines().count(), 1, "{args:?}: {run}");
    }
    let with_keys = env();
    let missing = with_keys.home.path().join("missing.toml");
    let missing = missing.display().to_string();
    let commands: [&[&str]; 2] = [
        &["app", "diff", &missing],
        &["app", "apply", &missing, "--yes"],
    ];
    for args in commands {
        let run = with_keys.run(args);
        assert_eq!(run.code, 2, "{args:?}: {run}");
        assert!(run.stderr.contains("missing.toml"), "{args:?}: {run}");
    }
    let mut offline = env();
    offline.set("PASSWORDLESS_API_URL", "http://127.0.0.1:9");
    let file = write(
        &offline,
        "s.toml",
        "version = 1\n[features]\nmagicLinks = true\n",
    );
    let run = offline.run(&["app", "diff", &file]);
    assert_eq!(run.code, 7, "{run}");
    let run = offline.run(&["app", "export"]);
    assert_eq!(run.code, 7, "{run}");
    let run = with_keys.run(&[
        "app",
        "export",
        "--include",
        "features",
        "--exclude",
        "features",
    ]);
    assert_eq!(run.code, 2, "{run}");
    assert!(
        run.stderr
            .contains("--include and --exclude leave no section to export"),
        "{run}"
    );
}

/// A value from the environment that lands where the file is wrong is shown as its `${NAME}`:
/// a secret in the environment never reaches stderr, whether the parser or the check finds the
/// mistake, in `app diff` as in `emulator --seed`. Both quoted the secret before.
#[test]
fn a_mistake_in_a_value_from_the_environment_names_the_variable_not_the_value() {
    const LEAKED: &str = "shop:secret:0123456789abcdef0123456789ab1a2b";
    let mut env = env();
    env.set("WRONG_PLACE", LEAKED);
    for (name, text, expected) in [
        (
            "parse.toml",
            "[features]\nmagicLinks = \"${WRONG_PLACE}\"\n",
            "string \"${WRONG_PLACE}\", expected a boolean",
        ),
        (
            "parse.json",
            r#"{"features": {"magicLinks": "${WRONG_PLACE}"}}"#,
            "string \"${WRONG_PLACE}\", expected a boolean",
        ),
        (
            "check.toml",
            "[authConfigurations.pay]\nuserVerification = \"${WRONG_PLACE}\"\n",
            "userVerification is `${WRONG_PLACE}`",
        ),
    ] {
        let file = write(&env, name, text);
        let run = env.run(&["app", "diff", &file]);
        assert_eq!(run.code, 2, "{name}\n{run}");
        assert!(!run.stderr.contains(LEAKED), "{name}\n{run}");
        assert!(run.stderr.contains(expected), "{name}\n{run}");
    }
    let file = write(
        &env,
        "seed.toml",
        "[authConfigurations.pay]\nuserVerification = \"${WRONG_PLACE}\"\n",
    );
    let run = env.run(&["emulator", "--port", "0", "--seed", &file]);
    assert_eq!(run.code, 2, "{run}");
    assert!(!run.stderr.contains(LEAKED), "{run}");
    assert!(run.stderr.contains("`${WRONG_PLACE}`"), "{run}");
    let file = write(
        &env,
        "users.json",
        r#"{"users": [{"userId": "${WRONG_PLACE}"}, {"userId": "${WRONG_PLACE}", "aliases": ["${WRONG_PLACE}", "${WRONG_PLACE}", "${WRONG_PLACE}", "${WRONG_PLACE}", "${WRONG_PLACE}", "${WRONG_PLACE}", "${WRONG_PLACE}", "${WRONG_PLACE}", "${WRONG_PLACE}", "${WRONG_PLACE}", "${WRONG_PLACE}"]}]}"#,
    );
    let run = env.run(&["emulator", "--port", "0", "--seed", &file]);
    assert_eq!(run.code, 2, "{run}");
    assert!(!run.stderr.contains(LEAKED), "{run}");
    assert!(run.stderr.contains("${WRONG_PLACE}"), "{run}");
}
