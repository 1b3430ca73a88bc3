//! `config …`: profiles, base URL precedence, and the secret's round trip through a store.

use crate::common::{DEV_SECRET, TestEnv};
use crate::snap;

#[test]
fn set_secret_from_stdin_then_use_it_in_the_next_process() {
    let env = TestEnv::without_secret();
    let run = env.run_with_stdin(&["config", "set-secret"], &format!("{DEV_SECRET}\n"));
    snap!(env, run, @"
    exit: 0
    --- stdout
    Stored the API secret devapp:secret:****cdef for profile `default` in the insecure-file store. The store came from PASSWORDLESS_KEYRING_STORE only: runs without it look in another store; keep the choice with `passwordless config set keyring-store insecure-file`.
    --- stderr
    ");
    let token = env.value(&["register-token", "--user-id", "42", "--quiet"]);
    assert!(token.starts_with("register_"));
    let run = env.run(&["config", "show"]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    profile	default
    config file	[HOME]/config/config.toml
    base URL	http://127.0.0.1:[PORT] (env PASSWORDLESS_API_URL)
    secret	devapp:secret:****cdef
    secret source	keyring store insecure-file
    keyring store	insecure-file (env PASSWORDLESS_KEYRING_STORE)
    public key	(none)
    --- stderr
    ");
}

#[test]
fn set_secret_from_a_file_for_a_named_profile() {
    let env = TestEnv::without_secret();
    let file = env.home.path().join("secret.txt");
    std::fs::write(&file, format!("{DEV_SECRET}\n")).unwrap();
    let run = env.run(&[
        "config",
        "set-secret",
        "--profile",
        "work",
        "--from-file",
        file.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{run}");
    // The default profile has no secret; `work` has one.
    let run = env.run(&["register-token", "--user-id", "42"]);
    snap!(env, run, @"
    exit: 4
    --- stdout
    --- stderr
    error: no API secret for profile `default`; store one with `passwordless config set-secret` or set PASSWORDLESS_API_SECRET
    ");
    let run = env.run(&[
        "register-token",
        "--user-id",
        "42",
        "--profile",
        "work",
        "--quiet",
    ]);
    assert_eq!(run.code, 0, "{run}");
    let mut env = env;
    env.set("PASSWORDLESS_PROFILE", "work");
    let run = env.run(&["config", "show", "--json"]);
    assert_eq!(run.json()["profile"], "work");
    assert_eq!(run.json()["secret"], "devapp:secret:****cdef");
}

#[test]
fn bad_secrets_are_refused_and_nothing_is_stored() {
    let env = TestEnv::without_secret();
    let run = env.run_with_stdin(
        &["config", "set-secret"],
        "devapp:public:fedcba9876543210fedcba9876543210\n",
    );
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: not stored: this is a public API key (`<app>:public:…`), used by browsers; the CLI needs the API secret (`<app>:secret:…`) from the admin console
    ");
    let run = env.run_with_stdin(&["config", "set-secret"], "not-a-secret\n");
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: not stored: this does not look like an API secret: expected `<app id>:secret:<32 hex digits>`, e.g. `myapp:secret:` followed by 32 characters 0-9a-f
    ");
    let run = env.run_with_stdin(&["config", "set-secret"], "");
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: not stored: the value is empty; paste the API secret from the Passwordless.dev admin console
    ");
    assert!(!env.config_dir().join("secrets.insecure.toml").exists());
}

#[test]
fn delete_secret() {
    let env = TestEnv::without_secret();
    env.run_with_stdin(&["config", "set-secret"], DEV_SECRET);
    let run = env.run(&["config", "delete-secret"]);
    assert_eq!(
        run.code, 2,
        "asks first; without a terminal it needs --yes: {run}"
    );
    assert!(run.stderr.contains("--yes"), "{run}");
    let run = env.run(&["config", "delete-secret", "--yes"]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    Deleted the API secret of profile `default` from the insecure-file store.
    --- stderr
    ");
    let run = env.run(&["config", "delete-secret"]);
    snap!(env, run, @"
    exit: 3
    --- stdout
    --- stderr
    error: nothing to delete: no API secret is stored for profile `default` in the insecure-file store
    ");
    let run = env.run(&["register-token", "--user-id", "42"]);
    assert_eq!(run.code, 4, "{run}");
}

#[test]
fn base_url_precedence_flag_env_config_default() {
    let mut env = TestEnv::new();
    env.remove("PASSWORDLESS_API_URL");
    let show = |env: &TestEnv, extra: &[&str]| {
        let mut args = vec!["config", "show", "--json"];
        args.extend_from_slice(extra);
        let json = env.run(&args).json();
        (
            json["baseUrl"].as_str().unwrap().to_owned(),
            json["baseUrlSource"].as_str().unwrap().to_owned(),
        )
    };
    assert_eq!(
        show(&env, &[]),
        ("https://v4.passwordless.dev".into(), "default".into())
    );
    let run = env.run(&["config", "set", "base-url", "https://self.example.com/api/"]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    Set base-url = https://self.example.com/api for profile `default`.
    --- stderr
    ");
    assert_eq!(
        show(&env, &[]),
        ("https://self.example.com/api".into(), "config file".into())
    );
    env.set("PASSWORDLESS_API_URL", "http://127.0.0.1:9");
    assert_eq!(
        show(&env, &[]),
        (
            "http://127.0.0.1:9".into(),
            "env PASSWORDLESS_API_URL".into()
        )
    );
    assert_eq!(
        show(&env, &["--api-url", "http://localhost:8"]),
        ("http://localhost:8".into(), "flag".into())
    );
    let run = env.run(&["config", "unset", "base-url"]);
    assert_eq!(run.code, 0, "{run}");
    env.remove("PASSWORDLESS_API_URL");
    assert_eq!(show(&env, &[]).1, "default");
}

#[test]
fn plain_http_is_refused_for_remote_hosts() {
    let env = TestEnv::new();
    let run = env.run(&["config", "set", "base-url", "http://example.com"]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: `http://example.com` uses plain http; the API secret must travel over https (http is allowed only for loopback hosts such as 127.0.0.1)
    ");
    let run = env.run(&[
        "register-token",
        "--user-id",
        "1",
        "--api-url",
        "http://example.com",
    ]);
    assert_eq!(run.code, 2, "{run}");
}

#[test]
fn the_config_file_is_private_and_never_holds_the_secret() {
    let env = TestEnv::without_secret();
    env.run_with_stdin(&["config", "set-secret"], DEV_SECRET);
    env.run(&["config", "set", "base-url", "https://example.com"]);
    let path = env.config_dir().join("config.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains(DEV_SECRET));
    assert!(text.contains("https://example.com"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

#[test]
fn a_broken_config_file_is_a_clear_error() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.config_dir()).unwrap();
    std::fs::write(env.config_dir().join("config.toml"), "[profiles\n").unwrap();
    let run = env.run(&["config", "show"]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: the config file [HOME]/config/config.toml is not valid: unclosed table, expected `]`; fix or delete it
    ");
}

#[test]
fn show_in_a_pipe_is_plain_rows() {
    let env = TestEnv::new();
    let run = env.run(&["config", "show"]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    profile	default
    config file	[HOME]/config/config.toml
    base URL	http://127.0.0.1:[PORT] (env PASSWORDLESS_API_URL)
    secret	devapp:secret:****cdef
    secret source	env PASSWORDLESS_API_SECRET
    keyring store	insecure-file (env PASSWORDLESS_KEYRING_STORE)
    public key	(none)
    --- stderr
    ");
}

#[test]
fn config_path_prints_the_file() {
    let env = TestEnv::new();
    let run = env.run(&["config", "path", "--quiet"]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(
        run.stdout.trim(),
        env.config_dir().join("config.toml").display().to_string()
    );
    let run = env.run(&["config", "path", "--profile", "bad name"]);
    assert_eq!(run.code, 2, "{run}");
}

#[test]
fn management_key_round_trip() {
    let env = TestEnv::without_secret();
    let run = env.run(&["admin", "apps", "available", "shop"]);
    assert_eq!(run.code, 4, "{run}");
    let run = env.run_with_stdin(&["config", "set-management-key"], "shared_dev_key\n");
    snap!(env, run, @"
    exit: 0
    --- stdout
    Stored the management key ****_key for profile `default` in the insecure-file store. The store came from PASSWORDLESS_KEYRING_STORE only: runs without it look in another store; keep the choice with `passwordless config set keyring-store insecure-file`.
    --- stderr
    ");
    let run = env.run(&["admin", "apps", "available", "shop", "--quiet"]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(run.stdout, "true\n");
    let run = env.run_with_stdin(&["config", "set-management-key"], "  \n");
    assert_eq!(run.code, 2, "{run}");
    let run = env.run(&["config", "delete-management-key", "--yes"]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["config", "delete-management-key", "--yes"]);
    assert_eq!(run.code, 3, "{run}");
    assert!(
        !env.run(&["config", "show"])
            .stdout
            .contains("shared_dev_key")
    );
}

/// Ten processes changing ten profiles at once, and two changing one profile's two keys: every
/// write is in the file afterwards (each read-modify-write holds the config file's lock).
#[test]
fn concurrent_config_writes_are_all_kept() {
    let env = TestEnv::new();
    let mut children: Vec<std::process::Child> = (0..10)
        .map(|n| {
            let profile = format!("p{n}");
            let url = format!("http://127.0.0.1:{}", 7000 + n);
            env.std_command(&["--profile", &profile, "config", "set", "base-url", &url])
                .stdout(std::process::Stdio::null())
                .spawn()
                .expect("spawn")
        })
        .collect();
    children.push(
        env.std_command(&[
            "--profile",
            "shared",
            "config",
            "set",
            "base-url",
            "https://a.example",
        ])
        .spawn()
        .expect("spawn"),
    );
    children.push(
        env.std_command(&[
            "--profile",
            "shared",
            "config",
            "set",
            "keyring-store",
            "keyutils",
        ])
        .spawn()
        .expect("spawn"),
    );
    for mut child in children {
        assert!(child.wait().expect("wait").success());
    }
    let text = std::fs::read_to_string(env.config_dir().join("config.toml")).expect("config");
    let file: toml::Table = toml::from_str(&text).expect("valid TOML");
    let profiles = file["profiles"].as_table().expect("profiles");
    for n in 0..10 {
        let url = format!("http://127.0.0.1:{}", 7000 + n);
        assert_eq!(
            profiles[&format!("p{n}")]["base-url"].as_str(),
            Some(url.as_str()),
            "{text}"
        );
    }
    assert_eq!(
        profiles["shared"]["base-url"].as_str(),
        Some("https://a.example"),
        "{text}"
    );
    assert_eq!(
        profiles["shared"]["keyring-store"].as_str(),
        Some("keyutils"),
        "{text}"
    );
}

#[test]
fn choosing_the_plaintext_store_warns_and_its_lock_file_is_hidden() {
    let env = TestEnv::without_secret();
    let run = env.run(&["config", "set", "keyring-store", "insecure-file"]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    Set keyring-store = insecure-file for profile `default`.
    --- stderr
    warning: the insecure-file store keeps secrets in plaintext in [HOME]/config/secrets.insecure.toml (readable by anyone who can read your files or backups); use it only where no OS keyring is reachable
    ");
    let run = env.run_with_stdin(&["config", "set-secret"], DEV_SECRET);
    assert_eq!(run.code, 0, "{run}");
    // Only the files a user should know about are visible in the config folder (over https,
    // the emulator's CA is there too): locks are dot files.
    let mut visible: Vec<String> = std::fs::read_dir(env.config_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.') && !name.starts_with("emulator-ca."))
        .collect();
    visible.sort();
    assert_eq!(visible, ["config.toml", "secrets.insecure.toml"]);
    assert!(
        env.config_dir()
            .join(".secrets.insecure.toml.lock")
            .exists()
    );
}

#[test]
fn config_get_prints_the_value_in_effect() {
    let env = TestEnv::without_secret();
    let run = env.run(&["config", "get", "keyring-store"]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    insecure-file
    --- stderr
    ");
    let run = env.run(&["config", "get", "base-url", "--json"]);
    assert_eq!(run.json()["source"], "env PASSWORDLESS_API_URL", "{run}");
    let run = env.run(&[
        "--profile",
        "work",
        "config",
        "set",
        "public-key",
        "devapp:public:fedcba9876543210fedcba9876543210",
    ]);
    assert_eq!(run.code, 0, "{run}");
    let run = env.run(&["--profile", "work", "config", "get", "public-key"]);
    assert_eq!(
        run.stdout, "devapp:public:fedcba9876543210fedcba9876543210\n",
        "{run}"
    );
    // Nothing set: exit 3, like `git config --get`, with the command that sets it.
    let run = env.run(&["config", "get", "public-key"]);
    snap!(env, run, @"
    exit: 3
    --- stdout
    --- stderr
    error: public-key is not set for profile `default`; set it with `passwordless config set public-key VALUE`
    ");
}
