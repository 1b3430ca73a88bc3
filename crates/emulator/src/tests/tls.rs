//! The emulator over https: the generated certificate verifies against the local CA (which is
//! made once and reused), a certificate of the user's own is served as given, a passkey ceremony
//! and the demo page's own routes work for https pages, and a stop does not wait for a client
//! that never finishes its handshake.

use std::path::Path;
use std::time::{Duration, Instant};

use reqwest::blocking::Client;
use serde_json::json;

use super::Env;
use super::passkeys::Browser;
use crate::{CA_CERT_FILE, CA_KEY_FILE, Emulator, EmulatorConfig, TlsConfig};
use passwordless_webauthn::testkit::{Authenticator, Fmt, TestKey};

fn generated(ca_dir: &Path) -> EmulatorConfig {
    EmulatorConfig {
        deterministic: true,
        tls: Some(TlsConfig::Generated {
            ca_dir: ca_dir.to_owned(),
        }),
        ..EmulatorConfig::default()
    }
}

/// A client that trusts only the certificate in `pem_file`.
fn trusting(pem_file: &Path) -> Client {
    let pem = std::fs::read(pem_file).expect("the CA file");
    let ca = reqwest::Certificate::from_pem(&pem).expect("a PEM certificate");
    Client::builder()
        .tls_certs_only([ca])
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

fn health(client: &Client, base: &str) -> reqwest::Result<String> {
    client
        .get(format!("{base}/health/http"))
        .send()?
        .error_for_status()?
        .text()
}

#[test]
fn https_with_a_certificate_the_local_ca_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let emu = Emulator::start(generated(dir.path())).unwrap();
    let port = emu.addr().port();
    assert_eq!(emu.base_url(), format!("https://127.0.0.1:{port}"));
    let ca = dir.path().join(CA_CERT_FILE);
    assert_eq!(emu.ca_cert_path(), Some(ca.as_path()));
    let client = trusting(&ca);
    assert_eq!(health(&client, &emu.base_url()).unwrap(), "Healthy");
    // Valid by name too, which browsers need for WebAuthn.
    let by_name = format!("https://localhost:{port}");
    assert_eq!(health(&client, &by_name).unwrap(), "Healthy");

    // A client that does not trust the CA is refused, and plain http gets no answer.
    let elsewhere = tempfile::tempdir().unwrap();
    drop(Emulator::start(generated(elsewhere.path())).unwrap());
    let stranger = trusting(&elsewhere.path().join(CA_CERT_FILE));
    assert!(health(&stranger, &emu.base_url()).is_err());
    let plain = format!("http://127.0.0.1:{port}");
    assert!(health(&Client::new(), &plain).is_err());
    // …and the server is still serving.
    assert_eq!(health(&client, &emu.base_url()).unwrap(), "Healthy");
}

#[test]
fn the_ca_is_kept_and_reused_across_starts() {
    let dir = tempfile::tempdir().unwrap();
    let first = Emulator::start(generated(dir.path())).unwrap();
    let ca = dir.path().join(CA_CERT_FILE);
    let pem = std::fs::read(&ca).unwrap();
    let key = std::fs::read(dir.path().join(CA_KEY_FILE)).unwrap();
    let client = trusting(&ca);
    assert_eq!(health(&client, &first.base_url()).unwrap(), "Healthy");
    first.shutdown();

    let second = Emulator::start(generated(dir.path())).unwrap();
    assert_eq!(std::fs::read(&ca).unwrap(), pem, "the same CA certificate");
    assert_eq!(std::fs::read(dir.path().join(CA_KEY_FILE)).unwrap(), key);
    // A client that trusted the CA once keeps working with the fresh server certificate.
    assert_eq!(health(&client, &second.base_url()).unwrap(), "Healthy");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join(CA_KEY_FILE))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn a_certificate_of_ones_own_is_served_as_given() {
    let dir = tempfile::tempdir().unwrap();
    let made = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let cert = dir.path().join("cert.pem");
    let key = dir.path().join("key.pem");
    std::fs::write(&cert, made.cert.pem()).unwrap();
    std::fs::write(&key, made.signing_key.serialize_pem()).unwrap();
    let emu = Emulator::start(EmulatorConfig {
        tls: Some(TlsConfig::Files {
            cert: cert.clone(),
            key,
        }),
        ..EmulatorConfig::default()
    })
    .unwrap();
    assert_eq!(emu.ca_cert_path(), None);
    assert!(emu.base_url().starts_with("https://"), "{}", emu.base_url());
    let by_name = format!("https://localhost:{}", emu.addr().port());
    assert_eq!(health(&trusting(&cert), &by_name).unwrap(), "Healthy");
    // No CA was made anywhere.
    assert!(!dir.path().join(CA_CERT_FILE).exists());
}

#[test]
fn passkeys_and_the_demo_pages_routes_work_for_https_pages() {
    let dir = tempfile::tempdir().unwrap();
    let emu = Emulator::start(generated(dir.path())).unwrap();
    let port = emu.addr().port();
    let env = Env {
        client: trusting(&dir.path().join(CA_CERT_FILE)),
        emu,
    };
    let mut browser = Browser::new(&env);
    browser.origin = format!("https://localhost:{port}");
    let auth = Authenticator::new(TestKey::es256(7), b"tls-cred");
    let token = browser.register(&auth, "tls-user", Fmt::None);
    let v = browser.verify(&token);
    assert_eq!(v["type"], "passkey_register");
    assert_eq!(v["origin"], browser.origin.as_str());

    // The demo page served over https calls the control routes from its own https origin.
    let host = format!("localhost:{port}");
    let own = format!("https://{host}");
    let r = env.send(
        "POST",
        "/_emulator/demo/register-token",
        &[
            ("Host", &host),
            ("Origin", &own),
            ("Sec-Fetch-Site", "same-origin"),
            ("Content-Type", "application/json"),
        ],
        Some(&json!({"userId": "u1", "username": "u1"}).to_string()),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    // A name of the user's certificate (a LAN name) passes too: over TLS a rebound name would
    // have failed the browser's handshake already.
    let lan = "devbox.lan:7001";
    let r = env.send(
        "GET",
        "/_emulator/state",
        &[("Host", lan), ("Origin", "https://devbox.lan:7001")],
        None,
    );
    assert_eq!(r.status, 200, "{}", r.text);
    let plain = format!("http://{host}");
    let r = env.send(
        "GET",
        "/_emulator/state",
        &[("Host", &host), ("Origin", &plain)],
        None,
    );
    assert_eq!(
        r.status, 403,
        "another scheme is another origin: {}",
        r.text
    );
}

#[test]
fn a_stop_does_not_wait_for_an_unfinished_handshake() {
    let dir = tempfile::tempdir().unwrap();
    let emu = Emulator::start(generated(dir.path())).unwrap();
    // Connected, never says hello.
    let _silent = std::net::TcpStream::connect(emu.addr()).unwrap();
    let client = trusting(&dir.path().join(CA_CERT_FILE));
    assert_eq!(health(&client, &emu.base_url()).unwrap(), "Healthy");
    let started = Instant::now();
    emu.shutdown();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}
