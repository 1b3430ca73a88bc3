//! A scripted HTTP/1.1 server on loopback for fault tests: each connection reads one request,
//! counts it, and gets the [`Reply`] the script chose for that request number. Also a stand-in
//! for an HTTP proxy (it counts what a proxy would have received).

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[cfg(not(target_os = "macos"))]
type TlsConfig = rustls::ServerConfig;
/// No TLS server on macOS (see `emulator/tls.rs`): the https fake server does not exist there.
#[cfg(target_os = "macos")]
enum TlsConfig {}

pub enum Reply {
    /// Bytes written as they are, then the connection is closed.
    Raw(Vec<u8>),
    /// The request is read and never answered (the connection stays open for a minute).
    Hang,
}

pub struct FakeServer {
    pub url: String,
    /// The CA that signed the server's certificate, for an https server.
    #[cfg_attr(target_os = "macos", allow(dead_code))]
    pub ca_cert: Option<std::path::PathBuf>,
    hits: Arc<AtomicUsize>,
    requests: Arc<Mutex<Vec<String>>>,
}

impl FakeServer {
    /// Serves `script(n)` to the n-th request (0-based).
    pub fn start(script: impl Fn(usize) -> Reply + Send + Sync + 'static) -> FakeServer {
        FakeServer::start_with(script, None)
    }

    /// The same over https, with a certificate for 127.0.0.1 signed by a CA written into
    /// `ca_dir` ([`ca_cert`](Self::ca_cert)). Requests are counted once their TLS handshake
    /// is done and their head is read, so a client that refuses the certificate adds none.
    #[cfg(not(target_os = "macos"))]
    pub fn start_tls(
        script: impl Fn(usize) -> Reply + Send + Sync + 'static,
        ca_dir: &std::path::Path,
    ) -> FakeServer {
        let (config, ca_cert) = tls::server_config(ca_dir);
        let mut server = FakeServer::start_with(script, Some(config));
        server.url = server.url.replacen("http://", "https://", 1);
        server.ca_cert = Some(ca_cert);
        server
    }

    fn start_with(
        script: impl Fn(usize) -> Reply + Send + Sync + 'static,
        tls: Option<Arc<TlsConfig>>,
    ) -> FakeServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let hits = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let script = Arc::new(script);
        let (counter, log) = (hits.clone(), requests.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (counter, log, script) = (counter.clone(), log.clone(), script.clone());
                let tls = tls.clone();
                std::thread::spawn(move || {
                    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
                    match tls {
                        None => serve(stream, &counter, &log, &*script),
                        #[cfg(not(target_os = "macos"))]
                        Some(config) => {
                            let Ok(conn) = rustls::ServerConnection::new(config) else {
                                return;
                            };
                            let stream = rustls::StreamOwned::new(conn, stream);
                            serve(stream, &counter, &log, &*script);
                        }
                        #[cfg(target_os = "macos")]
                        Some(never) => match *never {},
                    }
                });
            }
        });
        FakeServer {
            url,
            ca_cert: None,
            hits,
            requests,
        }
    }

    /// Requests received so far.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }

    /// The head (request line and headers) of every request received.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().expect("lock").clone()
    }
}

fn serve(
    mut stream: impl Read + Write,
    hits: &AtomicUsize,
    log: &Mutex<Vec<String>>,
    script: &(dyn Fn(usize) -> Reply + Send + Sync),
) {
    let Some(head) = read_request(&mut stream) else {
        return;
    };
    log.lock().expect("lock").push(head);
    let n = hits.fetch_add(1, Ordering::SeqCst);
    match script(n) {
        Reply::Raw(bytes) => {
            let _ = stream.write_all(&bytes);
            let _ = stream.flush();
        }
        Reply::Hang => std::thread::sleep(Duration::from_secs(60)),
    }
}

/// Reads the head and a `Content-Length` body; returns the head.
fn read_request(stream: &mut impl Read) -> Option<String> {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    let head_end = loop {
        let n = stream.read(&mut buf).ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buf[..n]);
        if let Some(at) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    let length: usize = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    while data.len() < head_end + length {
        let n = stream.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        data.extend_from_slice(&buf[..n]);
    }
    Some(head)
}

/// A complete answer with `Content-Length` and `Connection: close`.
pub fn http(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(body);
    Reply::Raw(bytes)
}

pub fn json(status: &str, body: &str) -> Reply {
    http(
        status,
        &[("Content-Type", "application/json")],
        body.as_bytes(),
    )
}

/// A CA and a certificate for 127.0.0.1 that it signs, made fresh for one fake server.
#[cfg(not(target_os = "macos"))]
mod tls {
    use std::path::{Path, PathBuf};
    use std::sync::Arc;

    use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
    use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

    /// A number for each CA made in this process, so two servers never share a file.
    fn next() -> u64 {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(0);
        NEXT.fetch_add(1, Ordering::Relaxed)
    }

    pub fn server_config(ca_dir: &Path) -> (Arc<rustls::ServerConfig>, PathBuf) {
        let ca_key = KeyPair::generate().expect("a CA key");
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let ca_cert = ca_params.self_signed(&ca_key).expect("the CA certificate");
        let issuer = Issuer::new(ca_params, ca_key);
        let key = KeyPair::generate().expect("a server key");
        let params = CertificateParams::new(vec!["127.0.0.1".to_owned()]).expect("params");
        let cert = params
            .signed_by(&key, &issuer)
            .expect("the server certificate");
        let ca_path = ca_dir.join(format!("fake-server-ca-{}.pem", next()));
        std::fs::write(&ca_path, ca_cert.pem()).expect("the CA is written");
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert(
                vec![cert.der().clone()],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
            )
            .expect("a server config");
        (Arc::new(config), ca_path)
    }
}
