//! HTTPS for the emulator (`emulator --tls`): the local certificate authority kept on disk, the
//! fresh `localhost` certificate it signs at each start, a user's own certificate and key from PEM
//! files, and the rustls acceptor that serves either.
//!
//! The CA is made once and reused, so a client, a browser or the OS store trusts it once; its key
//! file is private (0600). The server certificate is made at each start: nothing keeps it, and a
//! new one never needs trusting again. Everything runs on the aws-lc-rs provider that the HTTP
//! client's rustls already builds (chosen explicitly, never the process default). The macOS
//! build, which uses the system TLS and carries no aws-lc, has no TLS server: `--tls` says so
//! there.

use std::path::PathBuf;

/// Where the emulator's TLS certificate comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TlsConfig {
    /// A certificate for `localhost`, `127.0.0.1` and `::1`, signed by the local CA kept in
    /// `ca_dir` ([`CA_CERT_FILE`], [`CA_KEY_FILE`]; made there on first use).
    Generated { ca_dir: PathBuf },
    /// The user's own certificate chain and private key, both PEM.
    Files { cert: PathBuf, key: PathBuf },
}

/// The CA certificate clients trust, in the CA folder.
pub const CA_CERT_FILE: &str = "emulator-ca.pem";
/// The CA's private key (0600), beside it.
pub const CA_KEY_FILE: &str = "emulator-ca.key";

/// A TLS set-up ready to serve: the acceptor and the CA certificate file clients should trust.
pub struct Prepared {
    pub acceptor: Acceptor,
    pub ca_cert: Option<PathBuf>,
}

#[cfg(not(target_os = "macos"))]
pub use imp::*;

#[cfg(target_os = "macos")]
pub use unavailable::*;

#[cfg(not(target_os = "macos"))]
mod imp {
    use std::path::Path;
    use std::sync::Arc;
    use std::time::Duration;

    use anyhow::{Context as _, anyhow, bail};
    use rcgen::{
        BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose,
        IsCa, Issuer, KeyPair, KeyUsagePurpose,
    };
    use rustls::ServerConfig;
    use rustls::client::WebPkiServerVerifier;
    use rustls::client::danger::ServerCertVerifier;
    use rustls::crypto::CryptoProvider;
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{
        CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName, UnixTime,
    };
    use tokio::net::TcpStream;

    use super::{CA_CERT_FILE, CA_KEY_FILE, Prepared, TlsConfig};
    use passwordless_fsutil::{create_private_dir, lock_exclusive, write_atomically};

    pub type Acceptor = tokio_rustls::TlsAcceptor;
    pub type Stream = tokio_rustls::server::TlsStream<TcpStream>;

    /// The names the generated server certificate is valid for: every way a local client
    /// spells this machine.
    const LOCAL_NAMES: [&str; 3] = ["localhost", "127.0.0.1", "::1"];
    /// The CA's common name, before a tag of its key (see [`ca_params`]).
    const CA_NAME: &str = "passwordless emulator local CA";
    const CA_VALIDITY_DAYS: i64 = 10 * 365;
    /// Apple's TLS refuses server certificates valid for more than 825 days; a year is plenty
    /// for one that is made again at every start.
    const LEAF_VALIDITY_DAYS: i64 = 365;
    /// Slack for clocks a little behind ours (a VM, a phone).
    const BACKDATE_DAYS: i64 = 1;

    /// The crypto of every TLS object here: aws-lc-rs, the one the HTTP client's rustls builds.
    fn provider() -> Arc<CryptoProvider> {
        Arc::new(rustls::crypto::aws_lc_rs::default_provider())
    }

    /// Loads or makes what `config` asks for and builds the acceptor.
    pub fn prepare(config: &TlsConfig) -> anyhow::Result<Prepared> {
        match config {
            TlsConfig::Generated { ca_dir } => {
                let ca = load_or_create_ca(ca_dir)?;
                let (chain, key) = issue_leaf(&ca)?;
                Ok(Prepared {
                    acceptor: acceptor(chain, key)?,
                    ca_cert: Some(ca_dir.join(CA_CERT_FILE)),
                })
            }
            TlsConfig::Files { cert, key } => {
                let (chain, private) = read_files(cert, key)?;
                let acceptor = acceptor(chain, private).map_err(|e| {
                    anyhow!(
                        "the key {} does not fit the certificate {} ({e:#})",
                        key.display(),
                        cert.display()
                    )
                })?;
                Ok(Prepared {
                    acceptor,
                    ca_cert: None,
                })
            }
        }
    }

    /// Reads and checks `--tls-cert` / `--tls-key` without serving anything: errors name the
    /// file at fault.
    pub fn check_files(cert: &Path, key: &Path) -> anyhow::Result<()> {
        prepare(&TlsConfig::Files {
            cert: cert.to_owned(),
            key: key.to_owned(),
        })
        .map(|_| ())
    }

    /// Completes a TLS handshake on an accepted connection.
    pub async fn accept(acceptor: &Acceptor, stream: TcpStream) -> std::io::Result<Stream> {
        acceptor.accept(stream).await
    }

    fn acceptor(
        chain: Vec<CertificateDer<'static>>,
        key: PrivateKeyDer<'static>,
    ) -> anyhow::Result<Acceptor> {
        let mut config = ServerConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()
            .context("cannot set up TLS")?
            .with_no_client_auth()
            .with_single_cert(chain, key)?;
        // The server speaks HTTP/1.1 only.
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(tokio_rustls::TlsAcceptor::from(Arc::new(config)))
    }

    fn read_files(
        cert: &Path,
        key: &Path,
    ) -> anyhow::Result<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>)> {
        let cert_pem =
            std::fs::read(cert).with_context(|| format!("cannot read {}", cert.display()))?;
        let chain = CertificateDer::pem_slice_iter(&cert_pem)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| anyhow!("{} is not a PEM certificate file: {e}", cert.display()))?;
        if chain.is_empty() {
            bail!(
                "{} holds no certificate (no -----BEGIN CERTIFICATE----- block)",
                cert.display()
            );
        }
        let key_pem =
            std::fs::read(key).with_context(|| format!("cannot read {}", key.display()))?;
        let private = PrivateKeyDer::from_pem_slice(&key_pem).map_err(|e| {
            anyhow!(
                "{} holds no usable private key (PKCS#8, PKCS#1 or SEC1 PEM): {e}",
                key.display()
            )
        })?;
        Ok((chain, private))
    }

    /// The local CA: its certificate as issued, and the issuer that signs server certificates.
    struct Ca {
        cert: CertificateDer<'static>,
        issuer: Issuer<'static, KeyPair>,
    }

    /// The parameters of the CA with `key`. Its subject and key-id method are what a leaf names
    /// as issuer, so they depend on nothing but the key: a CA read back from disk signs as the
    /// one that was written. The name carries a tag of the key, so the CAs of two machines or
    /// folders are told apart in a trust store.
    fn ca_params(key: &KeyPair) -> anyhow::Result<CertificateParams> {
        use sha2::Digest as _;
        let mut params = CertificateParams::new(Vec::<String>::new())?;
        let digest = sha2::Sha256::digest(key.public_key_raw());
        let tag: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
        let mut name = DistinguishedName::new();
        name.push(DnType::CommonName, format!("{CA_NAME} {tag}"));
        name.push(DnType::OrganizationName, "passwordless emulator");
        params.distinguished_name = name;
        params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
        params.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let now = time::OffsetDateTime::now_utc();
        params.not_before = now - time::Duration::days(BACKDATE_DAYS);
        params.not_after = now + time::Duration::days(CA_VALIDITY_DAYS);
        Ok(params)
    }

    /// Reads the CA from `dir`, or makes it when neither file is there. Under a lock, so two
    /// emulators starting at once make one CA, not two that overwrite each other.
    fn load_or_create_ca(dir: &Path) -> anyhow::Result<Ca> {
        create_private_dir(dir)?;
        // A dot file like every other lock in the config folder: it holds nothing to look at.
        let _lock = lock_exclusive(&dir.join(".emulator-ca.lock"))?;
        let cert_path = dir.join(CA_CERT_FILE);
        let key_path = dir.join(CA_KEY_FILE);
        match (cert_path.exists(), key_path.exists()) {
            (true, true) => read_ca(&cert_path, &key_path),
            (false, false) => create_ca(&cert_path, &key_path),
            // A lone half may be a CA someone already trusts: never replace it silently.
            (true, false) | (false, true) => {
                let (there, missing) = if cert_path.exists() {
                    (&cert_path, &key_path)
                } else {
                    (&key_path, &cert_path)
                };
                bail!(
                    "{} is there but {} is missing; delete {} to make a new emulator CA",
                    there.display(),
                    missing.display(),
                    there.display()
                )
            }
        }
    }

    fn read_ca(cert_path: &Path, key_path: &Path) -> anyhow::Result<Ca> {
        let key_pem = std::fs::read_to_string(key_path)
            .with_context(|| format!("cannot read {}", key_path.display()))?;
        let key = KeyPair::from_pem(&key_pem).map_err(|e| {
            anyhow!(
                "{} is not a usable private key ({e}); delete it and {} to make a new emulator CA",
                key_path.display(),
                cert_path.display()
            )
        })?;
        let cert_pem = std::fs::read(cert_path)
            .with_context(|| format!("cannot read {}", cert_path.display()))?;
        let cert = CertificateDer::from_pem_slice(&cert_pem).map_err(|e| {
            anyhow!(
                "{} is not a PEM certificate ({e}); delete it and {} to make a new emulator CA",
                cert_path.display(),
                key_path.display()
            )
        })?;
        let ca = Ca {
            cert,
            issuer: Issuer::new(ca_params(&key)?, key),
        };
        // A certificate from elsewhere, or one that does not belong to the key, would make
        // every client refuse the server: check a certificate issued now against it.
        let (chain, _) = issue_leaf(&ca)?;
        verify(&ca.cert, &chain[0]).map_err(|e| {
            anyhow!(
                "{} and {} are not a CA pair this emulator made ({e}); delete both to make a new one",
                cert_path.display(),
                key_path.display()
            )
        })?;
        Ok(ca)
    }

    fn create_ca(cert_path: &Path, key_path: &Path) -> anyhow::Result<Ca> {
        let key = KeyPair::generate().context("cannot make the emulator CA's key")?;
        let params = ca_params(&key)?;
        let cert = params
            .self_signed(&key)
            .context("cannot make the emulator CA's certificate")?;
        // Key first: a crash between the two leaves a lone key, which the next start reports
        // instead of trusting a certificate without it.
        write_atomically(key_path, key.serialize_pem().as_bytes())?;
        write_atomically(cert_path, cert.pem().as_bytes())?;
        // The certificate is public: readable by other users and containers (the key stays 0600).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(cert_path, std::fs::Permissions::from_mode(0o644))
                .with_context(|| format!("cannot make {} readable", cert_path.display()))?;
        }
        Ok(Ca {
            cert: cert.der().clone(),
            issuer: Issuer::new(params, key),
        })
    }

    /// A fresh key and certificate for [`LOCAL_NAMES`], signed by `ca`.
    fn issue_leaf(
        ca: &Ca,
    ) -> anyhow::Result<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>)> {
        let key = KeyPair::generate().context("cannot make the server key")?;
        let mut params = CertificateParams::new(LOCAL_NAMES.map(String::from).to_vec())?;
        let mut name = DistinguishedName::new();
        name.push(DnType::CommonName, "localhost");
        params.distinguished_name = name;
        params.is_ca = IsCa::ExplicitNoCa;
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        params.use_authority_key_identifier_extension = true;
        let now = time::OffsetDateTime::now_utc();
        params.not_before = now - time::Duration::days(BACKDATE_DAYS);
        params.not_after = now + time::Duration::days(LEAF_VALIDITY_DAYS);
        let cert = params
            .signed_by(&key, &ca.issuer)
            .context("cannot sign the server certificate")?;
        let private = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
        Ok((vec![cert.der().clone()], private))
    }

    /// Whether a client trusting only `ca` accepts `leaf` for `localhost`.
    fn verify(ca: &CertificateDer<'static>, leaf: &CertificateDer<'static>) -> anyhow::Result<()> {
        let mut roots = rustls::RootCertStore::empty();
        roots.add(ca.clone())?;
        let verifier =
            WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider()).build()?;
        let now = UnixTime::since_unix_epoch(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap_or(Duration::ZERO),
        );
        verifier.verify_server_cert(leaf, &[], &ServerName::try_from("localhost")?, &[], now)?;
        Ok(())
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn the_ca_is_made_once_and_signs_a_verifiable_server_certificate() {
            let dir = tempfile::tempdir().unwrap();
            let first = load_or_create_ca(dir.path()).unwrap();
            let second = load_or_create_ca(dir.path()).unwrap();
            assert_eq!(first.cert, second.cert, "the CA is reused");
            let (chain, _) = issue_leaf(&second).unwrap();
            verify(&first.cert, &chain[0]).unwrap();
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = |name: &str| {
                    std::fs::metadata(dir.path().join(name))
                        .unwrap()
                        .permissions()
                        .mode()
                        & 0o777
                };
                assert_eq!(mode(CA_KEY_FILE), 0o600);
                assert_eq!(mode(CA_CERT_FILE), 0o644);
            }
        }

        #[test]
        fn a_foreign_or_broken_ca_is_reported_not_replaced() {
            let dir = tempfile::tempdir().unwrap();
            load_or_create_ca(dir.path()).unwrap();
            let other = tempfile::tempdir().unwrap();
            load_or_create_ca(other.path()).unwrap();
            // The certificate of another CA beside this key.
            std::fs::copy(
                other.path().join(CA_CERT_FILE),
                dir.path().join(CA_CERT_FILE),
            )
            .unwrap();
            let err = format!("{:#}", load_or_create_ca(dir.path()).err().unwrap());
            assert!(err.contains("not a CA pair"), "{err}");
            std::fs::write(dir.path().join(CA_KEY_FILE), "junk").unwrap();
            let err = format!("{:#}", load_or_create_ca(dir.path()).err().unwrap());
            assert!(err.contains("emulator-ca.key is not a usable"), "{err}");
            std::fs::remove_file(dir.path().join(CA_KEY_FILE)).unwrap();
            let err = format!("{:#}", load_or_create_ca(dir.path()).err().unwrap());
            assert!(err.contains("is missing"), "{err}");
            assert!(dir.path().join(CA_CERT_FILE).exists());
        }

        #[test]
        fn bad_pem_files_are_named() {
            let dir = tempfile::tempdir().unwrap();
            let cert = dir.path().join("cert.pem");
            let key = dir.path().join("key.pem");
            let err = format!("{:#}", check_files(&cert, &key).unwrap_err());
            assert!(
                err.starts_with("cannot read ") && err.contains("cert.pem"),
                "{err}"
            );
            std::fs::write(&cert, "hello").unwrap();
            let err = format!("{:#}", check_files(&cert, &key).unwrap_err());
            assert!(err.contains("cert.pem holds no certificate"), "{err}");
            std::fs::write(&key, "hello").unwrap();
            let ca = load_or_create_ca(dir.path()).unwrap();
            let (chain, _) = issue_leaf(&ca).unwrap();
            std::fs::write(&cert, pem_of(&chain[0])).unwrap();
            let err = format!("{:#}", check_files(&cert, &key).unwrap_err());
            assert!(err.contains("key.pem holds no usable private key"), "{err}");
            // A real key, but not the certificate's.
            std::fs::write(&key, KeyPair::generate().unwrap().serialize_pem()).unwrap();
            let err = format!("{:#}", check_files(&cert, &key).unwrap_err());
            assert!(err.contains("does not fit the certificate"), "{err}");
        }

        fn pem_of(der: &CertificateDer<'_>) -> String {
            use base64::Engine as _;
            let b64 = base64::engine::general_purpose::STANDARD.encode(der);
            let mut pem = String::from("-----BEGIN CERTIFICATE-----\n");
            for line in b64.as_bytes().chunks(64) {
                pem.push_str(std::str::from_utf8(line).unwrap());
                pem.push('\n');
            }
            pem.push_str("-----END CERTIFICATE-----\n");
            pem
        }
    }
}

/// The macOS build: no rustls server, so `--tls` is refused with a reason.
#[cfg(target_os = "macos")]
mod unavailable {
    use std::path::Path;

    use tokio::net::TcpStream;

    use super::{Prepared, TlsConfig};

    /// Never made: the macOS build has no TLS server.
    pub enum Acceptor {}
    pub type Stream = TcpStream;

    const WHY: &str = "the emulator cannot serve https in the macOS build (it has no TLS server library); run it without --tls, or put a TLS proxy in front of it";

    pub fn prepare(_config: &TlsConfig) -> anyhow::Result<Prepared> {
        anyhow::bail!(WHY)
    }

    pub fn check_files(_cert: &Path, _key: &Path) -> anyhow::Result<()> {
        anyhow::bail!(WHY)
    }

    pub async fn accept(acceptor: &Acceptor, _stream: TcpStream) -> std::io::Result<Stream> {
        match *acceptor {}
    }
}
