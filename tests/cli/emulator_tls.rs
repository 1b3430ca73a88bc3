//! `passwordless emulator --tls` and `emulator exec --tls` as users run them: the banner and
//! `--json` name the CA certificate, curl trusting only that CA gets answers, a certificate of
//! one's own is served with `--tls-cert/--tls-key`, and half of that pair is a usage error.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;

use crate::common::{Running, TestEnv};
use crate::snap;

/// `curl --cacert CA URL`: its stdout, or its stderr as the error.
fn curl(ca: &Path, url: &str, headers: &[&str]) -> Result<String, String> {
    let mut command = std::process::Command::new("curl");
    command.args(["-sS", "--fail", "--max-time", "10", "--cacert"]);
    command.arg(ca).arg(url);
    for header in headers {
        command.args(["-H", header]);
    }
    let output = command.output().expect("curl runs");
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

#[test]
fn tls_json_names_the_ca_that_curl_trusts() {
    let env = TestEnv::plain_http_without_secret();
    let running = Running::spawn(&env, &["emulator", "--port", "0", "--tls", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&running.url).unwrap();
    let url = json["url"].as_str().unwrap();
    assert!(url.starts_with("https://127.0.0.1:"), "{json}");
    let page = json["pageUrl"].as_str().unwrap();
    assert!(page.starts_with("https://localhost:"), "{json}");
    let ca = env.config_dir().join("emulator-ca.pem");
    assert_eq!(json["caCert"], ca.display().to_string());
    assert_eq!(
        curl(&ca, &format!("{url}/health/http"), &[]).unwrap(),
        "Healthy"
    );
    assert_eq!(
        curl(&ca, &format!("{page}health/http"), &[]).unwrap(),
        "Healthy"
    );
    // The inspector, by name over https, as a browser opens it.
    let inspector = json["inspectorUrl"].as_str().unwrap();
    assert_eq!(inspector, format!("{page}_emulator/"));
    let html = curl(&ca, inspector, &[]).unwrap();
    assert!(html.contains("Emulator inspector"), "{html}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let key = env.config_dir().join("emulator-ca.key");
        let mode = std::fs::metadata(key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    running.interrupt();

    // The next start reuses the CA: the file curl trusts is unchanged and still works.
    let pem = std::fs::read(&ca).unwrap();
    let again = Running::spawn(&env, &["emulator", "--port", "0", "--tls", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&again.url).unwrap();
    assert_eq!(std::fs::read(&ca).unwrap(), pem);
    let url = json["url"].as_str().unwrap();
    assert_eq!(
        curl(&ca, &format!("{url}/health/http"), &[]).unwrap(),
        "Healthy"
    );
    again.interrupt();

    // Without --tls there is no caCert member.
    let plain = Running::spawn(&env, &["emulator", "--port", "0", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&plain.url).unwrap();
    assert_eq!(json.get("caCert"), None, "{json}");
}

#[test]
fn tls_banner_shows_the_ca_cert_line() {
    let env = TestEnv::plain_http_without_secret();
    let mut child = env
        .std_command(&["emulator", "--port", "0", "--tls"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the emulator starts");
    let mut banner = String::new();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    for line in lines.by_ref() {
        let line = line.unwrap();
        let last = line.starts_with("stop");
        banner.push_str(&line);
        banner.push('\n');
        if last {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let mut settings = env.snapshot_settings();
    settings.add_filter(r"localhost:\d+", "localhost:[PORT]");
    settings.bind(|| {
        insta::assert_snapshot!(banner, @"
        url	https://127.0.0.1:[PORT]
        ca cert	[HOME]/config/emulator-ca.pem
        app id	devapp
        API secret	devapp:secret:0123456789abcdef0123456789abcdef
        public API key	devapp:public:[KEY]
        management key	shared_dev_key
        try a passkey	https://localhost:[PORT]/
        inspect it	https://localhost:[PORT]/_emulator/
        use it	export PASSWORDLESS_API_URL=https://127.0.0.1:[PORT] PASSWORDLESS_API_SECRET=devapp:secret:0123456789abcdef0123456789abcdef PASSWORDLESS_API_KEY=devapp:public:[KEY] PASSWORDLESS_MANAGEMENT_KEY=shared_dev_key PASSWORDLESS_CA_CERT=[HOME]/config/emulator-ca.pem
        stop	Ctrl-C
        ");
    });
}

#[test]
fn with_a_state_file_the_ca_lives_beside_it() {
    let env = TestEnv::plain_http_without_secret();
    std::fs::create_dir(env.home.path().join("project")).unwrap();
    let running = Running::spawn(
        &env,
        &[
            "emulator",
            "--port",
            "0",
            "--tls",
            "--json",
            "--state",
            "project/emulator.json",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&running.url).unwrap();
    let ca = env.home.path().join("project").join("emulator-ca.pem");
    assert_eq!(json["caCert"], ca.display().to_string());
    assert!(env.home.path().join("project/emulator-ca.key").exists());
    assert!(!env.config_dir().join("emulator-ca.pem").exists());
    running.interrupt();
}

#[test]
fn own_certificate_and_key_are_served() {
    let env = TestEnv::plain_http_without_secret();
    let made = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let cert = env.home.path().join("lan.pem");
    let key = env.home.path().join("lan-key.pem");
    std::fs::write(&cert, made.cert.pem()).unwrap();
    std::fs::write(&key, made.signing_key.serialize_pem()).unwrap();
    let running = Running::spawn(
        &env,
        &[
            "emulator",
            "--port",
            "0",
            "--json",
            "--tls-cert",
            "lan.pem",
            "--tls-key",
            "lan-key.pem",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&running.url).unwrap();
    // Its CA is the user's: none is made or printed.
    assert_eq!(json.get("caCert"), None, "{json}");
    assert!(!env.config_dir().join("emulator-ca.pem").exists());
    let page = json["pageUrl"].as_str().unwrap();
    assert_eq!(
        curl(&cert, &format!("{page}health/http"), &[]).unwrap(),
        "Healthy"
    );
    running.interrupt();
}

#[test]
fn half_a_certificate_pair_or_a_bad_file_is_a_usage_error() {
    let env = TestEnv::plain_http_without_secret();
    std::fs::write(env.home.path().join("junk.pem"), "not a certificate\n").unwrap();
    let run = env.run(&["emulator", "--port", "0", "--tls-cert", "junk.pem"]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: --tls-cert needs --tls-key FILE, the certificate's private key (PEM)
    ");
    let run = env.run(&["emulator", "--port", "0", "--tls", "--tls-key", "junk.pem"]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: --tls-key needs --tls-cert FILE, the certificate (PEM) the key belongs to
    ");
    let run = env.run(&[
        "emulator",
        "--port",
        "0",
        "--tls-cert",
        "junk.pem",
        "--tls-key",
        "junk.pem",
    ]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: junk.pem holds no certificate (no -----BEGIN CERTIFICATE----- block)
    ");
    let run = env.run(&[
        "emulator",
        "--port",
        "0",
        "--tls-cert",
        "missing.pem",
        "--tls-key",
        "junk.pem",
    ]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: cannot read missing.pem: No such file or directory (os error 2)
    ");
}

#[test]
fn exec_tls_gives_the_command_an_https_url_and_the_ca() {
    let env = TestEnv::plain_http_without_secret();
    let run = env.run(&[
        "emulator", "exec", "--tls", "--", "sh", "-c",
        "echo $PASSWORDLESS_API_URL $NODE_EXTRA_CA_CERTS $PASSWORDLESS_CA_CERT; echo ${REQUESTS_CA_BUNDLE:-unset}; curl -sS --cacert \"$NODE_EXTRA_CA_CERTS\" \"$PASSWORDLESS_API_URL/health/http\"; echo",
    ]);
    snap!(env, run, @"
    exit: 0
    --- stdout
    https://127.0.0.1:[PORT] [HOME]/config/emulator-ca.pem [HOME]/config/emulator-ca.pem
    unset
    Healthy
    --- stderr
    ");
}

#[test]
fn test_env_tls_serves_https_with_its_ca_in_the_environment() {
    let env = TestEnv::seeded_tls();
    let url = env.emulator.base_url();
    assert!(url.starts_with("https://"), "{url}");
    let ca = env.ca_cert().expect("a CA").to_owned();
    assert!(ca.starts_with(env.config_dir()), "{}", ca.display());
    let listed = curl(
        &ca,
        &format!("{url}/users/list"),
        &[&format!("ApiSecret: {}", crate::common::DEV_SECRET)],
    )
    .unwrap();
    for user in ["alice", "bob", "carol"] {
        assert!(listed.contains(user), "{listed}");
    }
    let env = TestEnv::tls();
    let ca = env.ca_cert().expect("a CA");
    let url = env.emulator.base_url();
    assert_eq!(
        curl(ca, &format!("{url}/health/http"), &[]).unwrap(),
        "Healthy"
    );
    let vars = env.vars();
    assert!(
        vars.iter()
            .any(|(name, value)| name == "PASSWORDLESS_CA_CERT" && Path::new(value) == ca),
        "{vars:?}"
    );
}

#[test]
fn the_cli_inside_exec_tls_trusts_the_emulator() {
    let env = TestEnv::plain_http_without_secret();
    let run = env.run(&[
        "emulator",
        "exec",
        "--tls",
        "--",
        "sh",
        "-c",
        "passwordless verify --quiet \"$(passwordless signin-token --user-id 42 --quiet)\"",
    ]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(run.stdout, "42\n");
}
