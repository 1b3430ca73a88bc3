//! What differs between operating systems, checked from Linux: a keyring store of another OS is
//! refused with the ones this OS has (and `config show` still works), and secrets saved by
//! Windows shells (UTF-16 or a byte-order mark, CRLF) are read. The Windows build itself runs
//! under Wine in `.ci/windows-wine.sh`.

use crate::common::{DEV_SECRET, TestEnv};
use crate::snap;

#[test]
fn a_store_of_another_os_is_refused_naming_the_local_ones() {
    let mut env = TestEnv::without_secret();
    let run = env.run(&[
        "config",
        "set",
        "keyring-store",
        "windows-credential-manager",
    ]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: the `windows-credential-manager` keyring store does not exist on linux; use secret-service, keyutils or insecure-file (set PASSWORDLESS_KEYRING_STORE, or `passwordless config set keyring-store NAME`)
    ");
    assert!(!env.config_dir().join("config.toml").exists());

    env.set("PASSWORDLESS_KEYRING_STORE", "macos-keychain");
    let run = env.run(&["register-token", "--user-id", "42"]);
    assert_eq!(run.code, 2, "{run}");
    assert!(
        run.stderr
            .contains("`macos-keychain` keyring store does not exist on linux"),
        "{run}"
    );
    let run = env.run_with_stdin(&["config", "set-secret"], DEV_SECRET);
    assert_eq!(run.code, 2, "{run}");

    // `config show` still shows the setting and why no secret comes from it.
    let show = env.run(&["config", "show", "--json"]);
    assert_eq!(show.code, 0, "{show}");
    let show = show.json();
    assert_eq!(show["keyringStore"], "macos-keychain");
    assert_eq!(show["secret"], "(none)");
    assert!(
        show["secretSource"]
            .as_str()
            .unwrap()
            .contains("does not exist on linux"),
        "{show}"
    );
}

#[test]
fn the_default_store_on_linux_is_the_secret_service() {
    let mut env = TestEnv::without_secret();
    env.remove("PASSWORDLESS_KEYRING_STORE");
    let show = env.run(&["config", "show", "--json"]).json();
    assert_eq!(show["keyringStore"], "secret-service");
    assert_eq!(show["keyringStoreSource"], "default");
}

#[test]
fn a_secret_file_saved_by_windows_powershell_is_read() {
    let env = TestEnv::without_secret();
    // `"…" > secret.txt` in Windows PowerShell 5.1: UTF-16LE with a byte-order mark, CRLF.
    let mut bytes = vec![0xFF, 0xFE];
    for unit in format!("{DEV_SECRET}\r\n").encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let file = env.home.path().join("secret from powershell.txt");
    std::fs::write(&file, bytes).unwrap();
    let run = env.run(&[
        "config",
        "set-secret",
        "--from-file",
        file.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{run}");
    let token = env.value(&["register-token", "--user-id", "42", "--quiet"]);
    assert!(token.starts_with("register_"), "{token}");
}

#[test]
fn a_secret_piped_with_a_byte_order_mark_is_read() {
    let env = TestEnv::without_secret();
    let run = env.run_with_stdin(
        &["config", "set-secret"],
        &format!("\u{feff}{DEV_SECRET}\r\n"),
    );
    assert_eq!(run.code, 0, "{run}");
    assert!(run.stdout.contains("devapp:secret:****cdef"), "{run}");
}

#[test]
fn an_undecodable_secret_file_names_the_fix_without_echoing_it() {
    let env = TestEnv::without_secret();
    let file = env.home.path().join("secret.bin");
    let mut bytes = DEV_SECRET.as_bytes().to_vec();
    bytes.extend([0xFF, 0x00]);
    std::fs::write(&file, bytes).unwrap();
    let run = env.run(&[
        "config",
        "set-secret",
        "--from-file",
        file.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{run}");
    assert!(run.stderr.contains("save it as UTF-8"), "{run}");
    assert!(!run.stderr.contains("0123456789abcdef"), "{run}");
    assert_eq!(run.stderr.lines().count(), 1, "{run}");
}

#[test]
fn doctor_names_the_store_of_this_os() {
    let keyring_check = |env: &TestEnv| {
        let report = env.run(&["doctor", "--json"]).json();
        report["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == "keyring")
            .cloned()
            .unwrap()
    };
    let mut env = TestEnv::new();
    env.set("PASSWORDLESS_KEYRING_STORE", "windows-credential-manager");
    let check = keyring_check(&env);
    assert_eq!(check["status"], "fail", "{check}");
    assert!(
        check["detail"]
            .as_str()
            .unwrap()
            .contains("does not exist on linux; use secret-service, keyutils or insecure-file"),
        "{check}"
    );
    // The test environment's own choice: works, but is not this OS's keyring.
    env.set("PASSWORDLESS_KEYRING_STORE", "insecure-file");
    let check = keyring_check(&env);
    assert_eq!(check["status"], "warn", "{check}");
    assert!(
        check["fix"]
            .as_str()
            .unwrap()
            .contains("config set keyring-store secret-service"),
        "{check}"
    );
}
