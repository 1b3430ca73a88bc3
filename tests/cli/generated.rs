//! The committed completions and man pages match the clap tree; help text is reviewed here.
//! `UPDATE_GENERATED=1 cargo test` rewrites the committed files.

use std::path::Path;
use std::process::Command;

use crate::common::TestEnv;
use crate::snap;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn committed_completions_and_man_pages_are_current() {
    let files = passwordless::commands::generated::files().unwrap();
    let update = std::env::var_os("UPDATE_GENERATED").is_some();
    let mut stale = Vec::new();
    for (path, bytes) in &files {
        let full = root().join(path);
        if update {
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(&full, bytes).unwrap();
        } else if std::fs::read(&full).ok().as_deref() != Some(bytes.as_slice()) {
            stale.push(path.display().to_string());
        }
    }
    // Pages of commands that no longer exist must go too.
    for dir in ["man", "completions"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = Path::new(dir).join(entry.unwrap().file_name());
            if !files.iter().any(|(p, _)| *p == path) {
                if update {
                    std::fs::remove_file(root().join(&path)).unwrap();
                } else {
                    stale.push(format!("{} (no longer generated)", path.display()));
                }
            }
        }
    }
    assert!(
        stale.is_empty(),
        "generated files are stale: {stale:?}; run `UPDATE_GENERATED=1 cargo test --test cli generated` and commit"
    );
}

#[test]
fn completions_command_prints_the_committed_script() {
    let env = TestEnv::new();
    let run = env.run(&["completions", "bash"]);
    assert_eq!(run.code, 0);
    let committed = std::fs::read_to_string(root().join("completions/passwordless.bash")).unwrap();
    assert_eq!(run.stdout, committed);
}

/// Completes `line` (ending where TAB is pressed) with the committed bash script, in the test
/// environment, and returns the candidates.
fn bash_complete(env: &TestEnv, words: &[&str]) -> Vec<String> {
    let script = root().join("completions/passwordless.bash");
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let current = words.last().copied().unwrap_or_default();
    let previous = words
        .len()
        .checked_sub(2)
        .map(|i| words[i])
        .unwrap_or_default();
    let program = format!(
        r#"source '{}'
COMP_WORDS=({}); COMP_CWORD={}; COMP_LINE='{}'; COMP_POINT=${{#COMP_LINE}}; COMP_TYPE=9
_clap_complete_passwordless passwordless '{current}' '{previous}'
printf '%s\n' "${{COMPREPLY[@]}}""#,
        script.display(),
        quoted.join(" "),
        words.len() - 1,
        words.join(" "),
    );
    let binary_dir = Path::new(assert_cmd::cargo::cargo_bin!("passwordless"))
        .parent()
        .unwrap()
        .to_owned();
    let output = Command::new("bash")
        .arg("-c")
        .arg(program)
        .env_clear()
        .envs(env_pairs(env))
        .env(
            "PATH",
            format!(
                "{}:{}",
                binary_dir.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

fn env_pairs(env: &TestEnv) -> Vec<(String, String)> {
    let command = env.std_command(&[]);
    command
        .get_envs()
        .filter_map(|(k, v)| Some((k.to_str()?.to_owned(), v?.to_str()?.to_owned())))
        .collect()
}

#[test]
fn bash_completes_a_subcommand() {
    let env = TestEnv::new();
    assert_eq!(
        bash_complete(&env, &["passwordless", "reg"]),
        ["register-token"]
    );
    let values = bash_complete(
        &env,
        &["passwordless", "register-token", "--attestation", ""],
    );
    assert_eq!(values, ["none", "direct", "indirect"]);
}

#[test]
fn bash_completes_profile_names_from_the_config() {
    let env = TestEnv::new();
    env.run(&[
        "config",
        "set",
        "base-url",
        "https://a.example.com",
        "--profile",
        "work",
    ]);
    env.run(&[
        "config",
        "set",
        "base-url",
        "https://b.example.com",
        "--profile",
        "weekend",
    ]);
    let mut names = bash_complete(&env, &["passwordless", "users", "list", "--profile", "w"]);
    names.sort();
    assert_eq!(names, ["weekend", "work"]);
}

#[test]
fn remote_ids_complete_only_when_enabled() {
    let mut env = TestEnv::seeded();
    let words = ["passwordless", "users", "delete", "a"];
    assert!(bash_complete(&env, &words).is_empty());
    env.set("PASSWORDLESS_COMPLETE_REMOTE", "1");
    assert_eq!(bash_complete(&env, &words), ["alice"]);
}

#[test]
fn remote_ids_use_the_profiles_base_url() {
    let mut env = TestEnv::seeded();
    let url = env.emulator.base_url();
    let set = env.run(&["config", "set", "base-url", &url, "--profile", "local"]);
    assert_eq!(set.code, 0, "{set}");
    env.remove("PASSWORDLESS_API_URL");
    env.set("PASSWORDLESS_PROFILE", "local");
    env.set("PASSWORDLESS_COMPLETE_REMOTE", "1");
    let words = ["passwordless", "aliases", "list", "--user-id", "b"];
    assert_eq!(bash_complete(&env, &words), ["bob"]);
}

#[test]
fn man_command_writes_the_pages() {
    let env = TestEnv::new();
    let dir = env.home.path().join("pages");
    let run = env.run(&["man", "--dir", dir.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{run}");
    let top = std::fs::read_to_string(dir.join("passwordless.1")).unwrap();
    for section in [
        ".SH ENVIRONMENT",
        ".SH FILES",
        ".SH \"EXIT STATUS\"",
        ".SH EXAMPLES",
    ] {
        let plain = section.replace('"', "");
        assert!(
            top.contains(section) || top.contains(&plain),
            "{section} missing"
        );
    }
    assert!(dir.join("passwordless-register-token.1").exists());
    assert!(dir.join("passwordless-config-set-secret.1").exists());
    // No date unless SOURCE_DATE_EPOCH gives one, so regeneration is reproducible.
    assert!(
        top.lines().any(|l| l.starts_with(".TH passwordless 1  \"")),
        "{top}"
    );
    let mut env = env;
    env.set("SOURCE_DATE_EPOCH", "86400");
    let run = env.run(&["man", "--dir", dir.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{run}");
    let top = std::fs::read_to_string(dir.join("passwordless.1")).unwrap();
    assert!(top.contains(".TH passwordless 1 1970-01-02 "), "{top}");
}

/// groff checks every page with all warnings on. Needs groff, so `.ci/run` (which installs it)
/// runs it with `--ignored`.
#[test]
#[ignore = "needs groff: `.ci/run` runs it with --ignored"]
fn man_pages_render_without_warnings() {
    for entry in std::fs::read_dir(root().join("man")).unwrap() {
        let path = entry.unwrap().path();
        let output = Command::new("groff")
            .args(["-man", "-Tutf8", "-ww", "-z"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            output.status.success() && output.stderr.is_empty(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// What a user runs: `man -l` on the top page, with man-db's own warnings on. Needs man-db.
#[test]
#[ignore = "needs man-db: `.ci/run` runs it with --ignored"]
fn man_l_renders_the_top_page_without_warnings() {
    let output = Command::new("man")
        .args(["--warnings", "-l"])
        .arg(root().join("man/passwordless.1"))
        .env("MANWIDTH", "80")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8_lossy(&output.stdout);
    for section in ["ENVIRONMENT", "FILES", "EXIT STATUS", "EXAMPLES"] {
        assert!(text.contains(section), "{section} missing");
    }
}

#[test]
fn top_level_help() {
    let env = TestEnv::new();
    let run = env.run(&["--help"]);
    snap!(env, run, @r#"
    exit: 0
    --- stdout
    Run a Passwordless.dev application from the terminal: create registration tokens, verify sign-in
    tokens, manage secrets and run a local emulator of the API

    Usage: passwordless [OPTIONS] <COMMAND>

    Commands:
      register-token  Create a registration token for a user (POST /register/token)
      verify          Verify a sign-in token and show who signed in (POST /signin/verify)
      signin-token    Create a sign-in token for a user without a passkey (POST /signin/generate-token)
      users           List, count and delete users
      aliases         List and replace the aliases a user can sign in with
      credentials     List and delete users' passkeys
      passkey         Register and sign in with passkeys from the terminal: a software authenticator
      magic-link      Send sign-in links by e-mail
      app             The application's settings: change features, or export, diff and apply them as a
                      file
      auth-configs    Manage authentication configurations: per-purpose token lifetime and user
                      verification
      authenticators  Manage the authenticator allow and deny lists (by AAGUID)
      events          Read the application's event log
      reports         Periodic reports: credentials and active users per day
      admin           Operate a server with its management key: apps, API keys, features, deletion,
                      health
      api             Send an authenticated request to any API path and print the answer
      config          Show and change profiles, the base URL and the stored API secret
      doctor          Check the setup: config file, keyring, secret, API, clock and proxies
      emulator        Run a local emulator of the Passwordless.dev API
      completions     Print a shell completion script
      man             Write the man pages (passwordless.1 and one per subcommand)
      help            Print help for a command, or a topic: `environment`, `exit-codes`

    Options:
      -h, --help     Print help
      -V, --version  Print version

    Global options:
          --profile <NAME>      Configuration profile to use, else PASSWORDLESS_PROFILE [default:
                                default]
          --api-url <URL>       Base URL of the Passwordless.dev API, else PASSWORDLESS_API_URL, else
                                the profile's base-url [default: https://v4.passwordless.dev]
          --json                Print the API's JSON instead of a table (errors become JSON on stderr)
          --jsonl               Like --json, as JSON Lines: a list prints one compact object per line,
                                which `--from-file` reads back (e.g. `users list --jsonl | users delete
                                --from-file - --yes`)
      -q, --quiet               Print only the token or id, for use in `$(...)`
          --ca-cert <FILE>      Trust this PEM file's certificate authority besides the system's roots
                                (a self-hosted server behind a company CA, `emulator --tls`), else
                                PASSWORDLESS_CA_CERT, else the profile's ca-cert
          --timeout <DURATION>  Give up on a request after this long, e.g. `10s`, `2m` or plain seconds
                                (`1.5`) [default: 30s]
      -v, --verbose...          Trace HTTP on stderr: -v request line, status and timing; -vv also
                                headers; -vvv also bodies (secrets, keys and tokens masked)

    Examples:
      passwordless emulator exec -- passwordless register-token --user-id 42 --alias laptop
      passwordless config set-secret < secret.txt
      passwordless verify "$TOKEN"

    The API secret is read from PASSWORDLESS_API_SECRET, else from the OS keyring entry of the
    profile (see `passwordless config set-secret`); it is never accepted as an argument.
    Exit codes: `passwordless help exit-codes`. Environment: `passwordless help environment`.
    --- stderr
    "#);
}

#[test]
fn register_token_help() {
    let env = TestEnv::new();
    let run = env.run(&["register-token", "--help"]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    Create a registration token for a user (POST /register/token)

    The token lets the user's browser register a passkey. Hand it to your front end, which passes it to
    the Passwordless.dev client's `register()`.

    Usage: passwordless register-token [OPTIONS]

    Options:
          --user-id <ID>
              Your id for the user (the WebAuthn user handle; keep it free of personal data)

          --username <NAME>
              Name shown by the authenticator when choosing a passkey [default: the user id]

          --display-name <NAME>
              Friendlier name for the user [default: the username]

          --alias <ALIAS>
              An alias the user can sign in with (repeat for more; at most 10, 250 characters each)

          --no-alias-hashing
              Store aliases in plain text instead of hashed, so they can be listed back

          --discoverable <BOOL>
              Whether the passkey is discoverable (usable without typing a username) [default: true]
              
              [possible values: true, false]

          --attestation <ATTESTATION>
              Attestation to request; direct and indirect need a plan that allows attestation [default:
              none]
              
              [possible values: none, direct, indirect]

          --authenticator-type <AUTHENTICATOR_TYPE>
              Kind of authenticator allowed [default: any]
              
              [possible values: any, platform, cross-platform]

          --user-verification <USER_VERIFICATION>
              Whether the authenticator must verify the user (PIN, biometrics) [default: preferred]
              
              [possible values: preferred, required, discouraged]

          --hint <HINT>
              A hint for the browser's passkey dialog (repeat for more; at most 3)
              
              [possible values: security-key, client-device, hybrid]

          --expires-in <DURATION>
              Token lifetime, e.g. `90s`, `10m`, `24h` [default: the server's 120 seconds]

          --expires-at <TIME>
              Expiry as an RFC 3339 time, e.g. [TIME]

      -h, --help
              Print help (see a summary with '-h')

    Bulk: one request per record of a file:
          --from-file <FILE|->
              Send one request per record of FILE (`-` reads stdin): CSV with a header row of flag names
              (`user-id,username,alias`; repeat a column for a repeatable flag), JSON Lines, or a JSON
              array of objects (flag or API member names). Results go to stdout, one JSON line per
              record

          --results <FILE>
              Write the results to FILE instead of stdout (needed for --resume; created private)

          --resume
              Continue a stopped run with the same --results FILE: records already ok are skipped

          --resend-unknown
              With --resume, send again the requests whose outcome is unknown (a magic link that may or
              may not have gone out when the earlier run was killed)

          --concurrency <N>
              Requests in flight at once [default: 8]

          --rate <N/s>
              At most this many requests per second, e.g. `50`, `50/s`, `3000/min`

          --fail-fast
              Start no new record after the first one that fails

    Global options:
          --profile <NAME>
              Configuration profile to use, else PASSWORDLESS_PROFILE [default: default]

          --api-url <URL>
              Base URL of the Passwordless.dev API, else PASSWORDLESS_API_URL, else the profile's
              base-url [default: https://v4.passwordless.dev]

          --json
              Print the API's JSON instead of a table (errors become JSON on stderr)

          --jsonl
              Like --json, as JSON Lines: a list prints one compact object per line, which `--from-file`
              reads back (e.g. `users list --jsonl | users delete --from-file - --yes`)

      -q, --quiet
              Print only the token or id, for use in `$(...)`

          --ca-cert <FILE>
              Trust this PEM file's certificate authority besides the system's roots (a self-hosted
              server behind a company CA, `emulator --tls`), else PASSWORDLESS_CA_CERT, else the
              profile's ca-cert

          --timeout <DURATION>
              Give up on a request after this long, e.g. `10s`, `2m` or plain seconds (`1.5`)
              
              [default: 30s]

      -v, --verbose...
              Trace HTTP on stderr: -v request line, status and timing; -vv also headers; -vvv also
              bodies (secrets, keys and tokens masked)

    Examples:
      passwordless register-token --user-id 42 --alias laptop
      passwordless register-token --user-id 42 --username alice@example.com --expires-in 10m --quiet
    --- stderr
    ");
}

#[test]
fn config_set_secret_help() {
    let env = TestEnv::new();
    let run = env.run(&["config", "set-secret", "--help"]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    Store the API secret in the OS keyring

    Reads the secret from a hidden prompt on a terminal, from stdin when piped, or from --from-file;
    never from an argument. Checks its shape (`<app>:secret:<32 hex>`). PASSWORDLESS_API_SECRET, when
    set, wins over the stored secret.

    Usage: passwordless config set-secret [OPTIONS]

    Options:
          --from-file <FILE>
              Read the secret from this file instead of the prompt or stdin

      -h, --help
              Print help (see a summary with '-h')

    Global options:
          --profile <NAME>
              Configuration profile to use, else PASSWORDLESS_PROFILE [default: default]

          --api-url <URL>
              Base URL of the Passwordless.dev API, else PASSWORDLESS_API_URL, else the profile's
              base-url [default: https://v4.passwordless.dev]

          --json
              Print the API's JSON instead of a table (errors become JSON on stderr)

          --jsonl
              Like --json, as JSON Lines: a list prints one compact object per line, which `--from-file`
              reads back (e.g. `users list --jsonl | users delete --from-file - --yes`)

      -q, --quiet
              Print only the token or id, for use in `$(...)`

          --ca-cert <FILE>
              Trust this PEM file's certificate authority besides the system's roots (a self-hosted
              server behind a company CA, `emulator --tls`), else PASSWORDLESS_CA_CERT, else the
              profile's ca-cert

          --timeout <DURATION>
              Give up on a request after this long, e.g. `10s`, `2m` or plain seconds (`1.5`)
              
              [default: 30s]

      -v, --verbose...
              Trace HTTP on stderr: -v request line, status and timing; -vv also headers; -vvv also
              bodies (secrets, keys and tokens masked)

    Examples:
      passwordless config set-secret
      pass show passwordless/prod | passwordless config set-secret --profile prod
      passwordless config set-secret --from-file ~/.secrets/passwordless
    --- stderr
    ");
}

/// Every help page, with every variable the CLI reads set to a sentinel: no value may show.
#[test]
fn help_never_shows_environment_values() {
    use clap::CommandFactory;
    let mut env = TestEnv::new();
    let sentinel = "sentinel0value";
    for name in [
        "PASSWORDLESS_API_URL",
        "PASSWORDLESS_PROFILE",
        "PASSWORDLESS_API_SECRET",
        "PASSWORDLESS_MANAGEMENT_KEY",
        "PASSWORDLESS_KEYRING_STORE",
    ] {
        env.set(name, &format!("https://{sentinel}.example"));
    }
    fn paths(command: &clap::Command, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(prefix.clone());
        for sub in command.get_subcommands() {
            let mut path = prefix.clone();
            path.push(sub.get_name().to_owned());
            paths(sub, path, out);
        }
    }
    let mut all = Vec::new();
    paths(&passwordless::cli::Cli::command(), Vec::new(), &mut all);
    assert!(all.len() > 60, "{}", all.len());
    for path in all {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let run = env.run(&args);
        assert_eq!(run.code, 0, "{args:?}: {run}");
        assert!(
            !run.stdout.contains(sentinel),
            "{args:?} shows an env value: {run}"
        );
    }
}
