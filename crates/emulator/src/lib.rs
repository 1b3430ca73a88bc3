//! The local Passwordless.dev API emulator: configuration, start and stop.
//!
//! It speaks the real server's wire contract (`shared/api-contract.md`): backend routes under
//! the `ApiSecret` header, management routes under `ManagementKey`, the anonymous health checks,
//! and the emulator-only control routes, which need no key:
//!
//! - `GET /_emulator/state`: every app's features, keys (secrets masked), users, aliases and
//!   credentials as JSON;
//! - `GET /_emulator/outbox`: the magic-link e-mails "sent" so far
//!   (`[{appId, to, userId, link, token, sentAt}]`);
//! - `POST`/`GET`/`DELETE /_emulator/faults` and `DELETE /_emulator/faults/{id}`: injected
//!   failures (see `faults`);
//! - `GET /_emulator/requests` (`?limit=N`, `?after=ID`): the newest requests, bodies redacted
//!   (see `request_log`);
//! - `GET /_emulator/export` (`?secrets=true`): the whole state as a seed (see `export`), secret
//!   API keys left out unless asked for;
//! - `POST /_emulator/reset`: back to the state at start, the seed's faults only, an empty
//!   request log, the machine's time;
//! - `GET /_emulator/clock`, `POST /_emulator/clock/advance` (`{"by": "2m"}`) and
//!   `POST /_emulator/clock/set` (`{"now": RFC 3339}`, forward only): the time every route reads
//!   (see `dates::Clock`), each answering `{"now": RFC 3339}`.
//!
//! With a state file the whole state is loaded at start and saved after changes (grouped: see
//! `persist::Persister`) and on stop; a request that changed something is answered once the
//! change is on disk.
//!
//! The server runs on a two-worker tokio runtime in its own thread, saves on another;
//! [`Emulator`] binds before returning and stops both when dropped. With [`TlsConfig`] it serves
//! https (`tls`).

mod auth;
mod bind;
mod cors;
mod cx;
mod dates;
pub use dates::Clock;
mod device;
mod event_log;
mod events;
mod export;
mod faults;
mod input;
mod journal;
mod lazy;
mod origins;
pub use origins::Origin;
mod persist;
mod plan;
pub use plan::Plan;
mod http;
mod memory;
mod problem;
mod public_auth;
mod request_log;
mod routes;
mod seed;
mod server;
mod sessions;
mod shared;
mod start;
mod state;
mod store;
// The emulator's tests speak raw HTTP (malformed bodies, odd headers) that `api::Client` would
// never send, so they use the HTTP client library directly.
#[cfg(test)]
#[allow(clippy::disallowed_types, clippy::disallowed_methods)]
mod tests;
mod tls;
pub use tls::{CA_CERT_FILE, CA_KEY_FILE, TlsConfig};
mod tokens;
mod users;

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use anyhow::Context;
use tokio::sync::oneshot;

pub use seed::{BadSeed, Seed, SeedApp, SeedCredential, SeedUser};

pub const DEV_APP_ID: &str = "devapp";
pub const DEV_API_SECRET: &str = "devapp:secret:0123456789abcdef0123456789abcdef";
pub const DEV_API_KEY: &str = "devapp:public:fedcba9876543210fedcba9876543210";
pub const DEV_MANAGEMENT_KEY: &str = "shared_dev_key";

/// How long a graceful shutdown waits for in-flight requests before giving up on them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Default for [`EmulatorConfig::read_timeout`].
pub const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Default for [`EmulatorConfig::max_connections`]: well under the usual 1,024 open files, so
/// that connections can never starve the emulator of descriptors for its state file.
pub const MAX_CONNECTIONS: usize = 512;

/// Where the emulator's log lines go: one line per request when [`EmulatorConfig::log`] is set,
/// and its own errors (a failed save) always. The caller decides where they are shown (the
/// CLI writes them to stderr); the default drops them, so the library itself prints nothing.
#[derive(Clone)]
pub struct LogSink(Arc<dyn Fn(&str) + Send + Sync>);

impl LogSink {
    pub fn new(write: impl Fn(&str) + Send + Sync + 'static) -> LogSink {
        LogSink(Arc::new(write))
    }

    pub fn discard() -> LogSink {
        LogSink::new(|_| {})
    }

    pub fn line(&self, line: &str) {
        (self.0)(line)
    }
}

impl Default for LogSink {
    fn default() -> Self {
        LogSink::discard()
    }
}

impl std::fmt::Debug for LogSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LogSink")
    }
}

#[derive(Clone, Debug)]
pub struct EmulatorConfig {
    /// Address to listen on; port 0 picks a free port.
    pub bind: SocketAddr,
    pub app_id: String,
    pub api_secret: String,
    pub api_key: String,
    pub management_key: String,
    /// Sequential tokenIds and traceIds, for stable snapshots.
    pub deterministic: bool,
    /// Users, aliases and credentials loaded into the development app at start.
    pub seed: Option<Seed>,
    /// One line per request on stderr: method, path, status, latency. Never secrets.
    pub log: bool,
    /// Where log lines go.
    pub log_sink: LogSink,
    /// Load the state from this file at start when it exists; save it after changes and on stop.
    pub state_file: Option<PathBuf>,
    /// Page origins allowed in passkey ceremonies besides loopback ones, fully qualified
    /// (`scheme://host[:port]`); see [`Origin`].
    pub origins: Vec<String>,
    /// The development app's plan at a fresh start; `None` takes the seed's, else
    /// [`Plan::Developer`] (every feature on). A saved state keeps its own features.
    pub plan: Option<Plan>,
    /// Time a client has to send its request headers (and then its body); an idle keep-alive
    /// connection is closed after it too.
    pub read_timeout: Duration,
    /// Open connections at most; more clients wait until one closes.
    pub max_connections: usize,
    /// Serve https instead of http, with this certificate.
    pub tls: Option<TlsConfig>,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        EmulatorConfig {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            app_id: DEV_APP_ID.into(),
            api_secret: DEV_API_SECRET.into(),
            api_key: DEV_API_KEY.into(),
            management_key: DEV_MANAGEMENT_KEY.into(),
            deterministic: false,
            seed: None,
            log: false,
            log_sink: LogSink::default(),
            state_file: None,
            origins: Vec::new(),
            plan: None,
            read_timeout: READ_TIMEOUT,
            max_connections: MAX_CONNECTIONS,
            tls: None,
        }
    }
}

/// Reads and checks a `--state` file without starting anything: `Ok` when it is missing or
/// usable, an error naming the file otherwise.
pub fn check_state_file(path: &std::path::Path) -> anyhow::Result<()> {
    store::check(path)
}

/// Reads and checks `--tls-cert` / `--tls-key` without starting anything: an error names the
/// file at fault.
pub fn check_tls_files(cert: &Path, key: &Path) -> anyhow::Result<()> {
    tls::check_files(cert, key)
}

/// A running emulator. Dropping it stops the server.
pub struct Emulator {
    addr: SocketAddr,
    /// The CA certificate clients trust, when serving https with a generated certificate.
    ca_cert: Option<PathBuf>,
    config: EmulatorConfig,
    shared: Arc<shared::Shared>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
    /// Commits the `--state` store's changes in the background when there is one.
    committer: Option<JoinHandle<()>>,
    /// API keys the seed listed without their values, made fresh at start.
    seeded_keys: Vec<String>,
}

/// The state a fresh start begins with: the development app, then the seed when there is one
/// (its users moved out of the config), and the keys the seed made fresh.
fn seeded_state(config: &mut EmulatorConfig) -> Result<(state::State, Vec<String>), BadSeed> {
    let mut initial = state::initial(config);
    let app_id = config.app_id.clone();
    let keys = match &mut config.seed {
        Some(seed) => seed.load_into(&mut initial, &app_id)?,
        None => Vec::new(),
    };
    Ok((initial, keys))
}

impl Emulator {
    /// Binds and starts serving; returns once the port is bound.
    pub fn start(config: EmulatorConfig) -> anyhow::Result<Emulator> {
        let mut config = config;
        // The seed is loaded before a new state file is made, so a mistake in it leaves no
        // file behind. Its users then live in the state only: the config keeps the rest (its
        // faults, for resets) without a second copy of a large seed's users.
        let new_file = config.state_file.as_ref().is_none_or(|path| !path.exists());
        let mut seeded = if new_file {
            Some(seeded_state(&mut config)?)
        } else {
            None
        };
        // Lock the file before reading it, so no other emulator is writing it.
        let (store, loaded) = match &config.state_file {
            Some(path) => {
                let (store, loaded) = store::Store::open(path, &config.log_sink)?;
                (Some(store), loaded)
            }
            None => (None, None),
        };
        let fresh = loaded.is_none();
        let mut seeded_keys = Vec::new();
        let initial = match loaded {
            // A saved state wins over the seed: the seed only describes a fresh start.
            Some(mut saved) => {
                state::ensure_dev_app(&mut saved, &config);
                saved
            }
            None => {
                let (initial, keys) = match seeded.take() {
                    Some(seeded) => seeded,
                    None => seeded_state(&mut config)?,
                };
                seeded_keys = keys;
                initial
            }
        };
        // What loading a seed parsed and dropped goes back to the system (tens of MB for a
        // large seed, otherwise kept by the allocator for the emulator's life).
        memory::give_back_freed();
        // Certificates before the state file is written: a TLS mistake must not leave a file.
        let prepared = config.tls.as_ref().map(tls::prepare).transpose()?;
        let shared = Arc::new(shared::Shared::new(config.clone(), initial, store)?);
        if let Some(seed) = &config.seed {
            seed.add_faults(&shared.faults)
                .context("cannot load the seed's faults")?;
        }
        // A new file gets the whole start state; a loaded one what `ensure_dev_app` added.
        if fresh {
            shared.save_all()?;
        } else {
            shared.save_changes()?;
        }

        let std_listener = TcpListener::bind(config.bind)
            .with_context(|| format!("cannot listen on {}", config.bind))?;
        std_listener
            .set_nonblocking(true)
            .context("cannot make the listening socket non-blocking")?;
        let addr = std_listener
            .local_addr()
            .context("cannot read the bound address")?;

        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("passwordless-emulator")
            .enable_all()
            .build()
            .context("cannot start the emulator runtime")?;
        let listener = {
            let _guard = runtime.enter();
            tokio::net::TcpListener::from_std(std_listener)
                .context("cannot hand the socket to tokio")?
        };
        let committer = match shared.store {
            Some(_) => {
                let shared = shared.clone();
                let thread = std::thread::Builder::new()
                    .name("passwordless-emulator-commit".into())
                    .spawn(move || {
                        if let Some(store) = &shared.store {
                            store.run_committer();
                        }
                    })
                    .context("cannot start the emulator's commit thread")?;
                Some(thread)
            }
            None => None,
        };

        let (acceptor, ca_cert) = match prepared {
            Some(tls::Prepared { acceptor, ca_cert }) => (Some(acceptor), ca_cert),
            None => (None, None),
        };
        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        let serving = shared.clone();
        let thread = std::thread::Builder::new()
            .name("passwordless-emulator".into())
            .spawn(move || {
                // Idle keep-alive connections close at once; a stuck request must not hang
                // the caller of `shutdown` forever.
                runtime.block_on(server::serve(
                    listener,
                    serving,
                    acceptor,
                    stop_rx,
                    SHUTDOWN_GRACE,
                ));
                runtime.shutdown_timeout(Duration::from_millis(200));
            })
            .context("cannot start the emulator thread")?;

        Ok(Emulator {
            addr,
            ca_cert,
            config,
            shared,
            stop: Some(stop_tx),
            thread: Some(thread),
            committer,
            seeded_keys,
        })
    }

    /// `http://127.0.0.1:PORT`, or `https://…` when serving TLS.
    /// The URL a client on this machine uses. Bound to every address (`0.0.0.0`, `::`), that
    /// is loopback: `http://0.0.0.0:…` is no address to connect to, and the CLI accepts plain
    /// http only for loopback hosts. The generated certificate is valid for both loopback
    /// addresses.
    pub fn base_url(&self) -> String {
        let mut addr = self.addr;
        if addr.ip().is_unspecified() {
            addr.set_ip(match addr.ip() {
                std::net::IpAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
                std::net::IpAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
            });
        }
        let scheme = if self.config.tls.is_some() {
            "https"
        } else {
            "http"
        };
        format!("{scheme}://{addr}")
    }

    /// The CA certificate (PEM) a client trusts to reach this emulator over https: the local CA
    /// of a generated certificate; `None` for plain http or a certificate of the user's own.
    pub fn ca_cert_path(&self) -> Option<&Path> {
        self.ca_cert.as_deref()
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The clock the emulator's handlers read: tests advance it instead of sleeping.
    pub fn clock(&self) -> &Clock {
        &self.shared.clock
    }

    pub fn config(&self) -> &EmulatorConfig {
        &self.config
    }

    /// The API keys the seed made with fresh values (an export without `--include-secrets`
    /// lists secret keys without them), for the caller to show: nobody else knows them.
    pub fn seeded_keys(&self) -> &[String] {
        &self.seeded_keys
    }

    /// Stops accepting requests, lets in-flight ones finish and joins the server thread.
    pub fn shutdown(self) {
        drop(self);
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        // Requests have finished: the committer commits what is pending and returns; then what
        // a failed write left is retried.
        if let Some(store) = &self.shared.store {
            store.stop();
        }
        if let Some(committer) = self.committer.take() {
            let _ = committer.join();
        }
        if let Err(e) = self.shared.save_changes() {
            self.shared
                .config
                .log_sink
                .line(&format!("emulator: {e:#}"));
        }
    }
}
