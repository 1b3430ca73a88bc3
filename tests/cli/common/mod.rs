//! The test environment: a private HOME and config folder, a cleared process environment, and an
//! in-process emulator on a free port. `run` returns exit code, stdout and stderr together so one
//! snapshot shows all three.

pub mod fake_server;

use std::fmt;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};

use assert_cmd::Command;
use passwordless::emulator::{Emulator, EmulatorConfig, TlsConfig};

pub const DEV_SECRET: &str = passwordless::emulator::DEV_API_SECRET;
pub const DEV_MANAGEMENT_KEY: &str = passwordless::emulator::DEV_MANAGEMENT_KEY;

/// Two users with passkeys and aliases, one with aliases only; fixed dates keep tables stable.
pub const SEED: &str = r#"{"users": [
  {"userId": "alice", "aliases": ["alice@example.com"], "aliasHashing": false,
   "credentials": [
     {"id": "AQIDBA", "nickname": "Laptop", "device": "Chrome, Mac OS X 10", "country": "NL",
      "origin": "https://app.example.com", "rpid": "app.example.com",
      "createdAt": "2026-01-02T03:04:05.5", "lastUsedAt": "2026-02-03T04:05:06.25"},
     {"id": "BQYHCA", "nickname": "Phone", "createdAt": "2026-01-05T00:00:00",
      "lastUsedAt": "2026-01-05T00:00:00"}]},
  {"userId": "bob", "aliases": ["bob"],
   "credentials": [{"id": "CQoLDA", "createdAt": "2026-03-01T00:00:00", "lastUsedAt": "2026-03-01T00:00:00"}]},
  {"userId": "carol", "aliases": ["carol"], "aliasHashing": false}
]}"#;

/// The harness mode that runs the whole suite over https: `PASSWORDLESS_TEST_TLS=1 cargo test`
/// starts every test's emulator with `--tls` and has the CLI trust its CA, so each flow takes
/// the road real calls take. (`.ci/run` runs the suite both ways.)
pub fn over_tls() -> bool {
    cfg!(not(target_os = "macos"))
        && std::env::var_os("PASSWORDLESS_TEST_TLS").is_some_and(|v| v == "1")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scheme {
    Http,
    Https,
}

pub struct TestEnv {
    pub home: tempfile::TempDir,
    pub emulator: Emulator,
    /// https only because of the harness mode (not asked for by the test).
    harness_tls: bool,
    env: Vec<(String, String)>,
}

impl TestEnv {
    /// An environment whose secret comes from `PASSWORDLESS_API_SECRET`.
    pub fn new() -> TestEnv {
        let mut env = TestEnv::without_secret();
        env.set("PASSWORDLESS_API_SECRET", DEV_SECRET);
        env
    }

    /// An environment with no secret anywhere; secrets stored by `config set-secret` go to the
    /// explicit insecure-file store inside the temp folder (no OS keyring is touched).
    pub fn without_secret() -> TestEnv {
        TestEnv::start(None, None, false)
    }

    /// Like [`new`](Self::new), over plain http even in the https harness mode: for the tests
    /// about plain http itself (proxies are never used for it) and those that speak raw HTTP/1.1
    /// to the emulator as a page's `fetch` would.
    pub fn plain_http() -> TestEnv {
        let mut env = TestEnv::plain_http_without_secret();
        env.set("PASSWORDLESS_API_SECRET", DEV_SECRET);
        env
    }

    /// [`without_secret`](Self::without_secret), over plain http in either mode.
    pub fn plain_http_without_secret() -> TestEnv {
        TestEnv::start_as(None, None, Scheme::Http, false)
    }

    /// Like [`new`](Self::new), with the emulator serving https: its local CA is made in the
    /// temp folder and `PASSWORDLESS_CA_CERT` names its certificate.
    #[cfg(not(target_os = "macos"))]
    pub fn tls() -> TestEnv {
        let mut env = TestEnv::start(None, None, true);
        env.set("PASSWORDLESS_API_SECRET", DEV_SECRET);
        env
    }

    /// [`seeded`](Self::seeded) over https, as [`tls`](Self::tls).
    #[cfg(not(target_os = "macos"))]
    pub fn seeded_tls() -> TestEnv {
        let seed = serde_json::from_str(SEED).expect("the seed parses");
        let mut env = TestEnv::start(Some(seed), None, true);
        env.set("PASSWORDLESS_API_SECRET", DEV_SECRET);
        env
    }

    /// The CA certificate to trust for this environment's emulator (only with [`tls`](Self::tls)).
    #[cfg(not(target_os = "macos"))]
    pub fn ca_cert(&self) -> Option<&Path> {
        self.emulator.ca_cert_path()
    }

    /// Like [`new`](Self::new), with the development app on the free plan (attestation and
    /// event logging off), for the tests of that gating.
    pub fn free_plan() -> TestEnv {
        let mut env = TestEnv::start(None, Some(passwordless::emulator::Plan::Free), false);
        env.set("PASSWORDLESS_API_SECRET", DEV_SECRET);
        env
    }

    /// Like [`new`](Self::new), with the users of [`SEED`] in the emulator.
    pub fn seeded() -> TestEnv {
        TestEnv::seeded_with(SEED)
    }

    /// Like [`new`](Self::new), with the users of a seed file's JSON in the emulator.
    pub fn seeded_with(seed_json: &str) -> TestEnv {
        let seed = serde_json::from_str(seed_json).expect("the seed parses");
        let mut env = TestEnv::start(Some(seed), None, false);
        env.set("PASSWORDLESS_API_SECRET", DEV_SECRET);
        env
    }

    /// https when asked, or in the harness mode; plain http otherwise.
    fn start(
        seed: Option<passwordless::emulator::Seed>,
        plan: Option<passwordless::emulator::Plan>,
        tls: bool,
    ) -> TestEnv {
        let scheme = if tls || over_tls() {
            Scheme::Https
        } else {
            Scheme::Http
        };
        TestEnv::start_as(seed, plan, scheme, tls)
    }

    fn start_as(
        seed: Option<passwordless::emulator::Seed>,
        plan: Option<passwordless::emulator::Plan>,
        scheme: Scheme,
        asked_tls: bool,
    ) -> TestEnv {
        let tls = scheme == Scheme::Https;
        let harness_tls = tls && !asked_tls;
        let home = tempfile::tempdir().expect("a temp dir");
        // The CA goes where `passwordless emulator --tls` would put it: the config folder.
        let tls = tls.then(|| TlsConfig::Generated {
            ca_dir: home.path().join("config"),
        });
        let emulator = Emulator::start(EmulatorConfig {
            deterministic: true,
            seed,
            plan,
            tls,
            ..EmulatorConfig::default()
        })
        .expect("the emulator starts");
        let mut env = TestEnv {
            home,
            emulator,
            harness_tls,
            env: Vec::new(),
        };
        let home_path = env.home.path().display().to_string();
        let config_dir = env.config_dir().display().to_string();
        let url = env.emulator.base_url();
        env.set("HOME", &home_path);
        env.set("PASSWORDLESS_CONFIG_DIR", &config_dir);
        env.set("PASSWORDLESS_API_URL", &url);
        env.set("PASSWORDLESS_KEYRING_STORE", "insecure-file");
        env.set("NO_COLOR", "1");
        env.set("COLUMNS", "100");
        env.set("PATH", &std::env::var("PATH").unwrap_or_default());
        if let Some(ca) = env.emulator.ca_cert_path() {
            let ca = ca.display().to_string();
            env.set("PASSWORDLESS_CA_CERT", &ca);
        }
        env
    }

    /// The standard snapshot filters for this environment.
    pub fn snapshot_settings(&self) -> insta::Settings {
        let harness_port = self.harness_tls.then(|| self.emulator.addr().port());
        settings_for(Some(self.home.path()), harness_port)
    }

    pub fn set(&mut self, name: &str, value: &str) {
        self.env.retain(|(n, _)| n != name);
        self.env.push((name.to_owned(), value.to_owned()));
    }

    pub fn remove(&mut self, name: &str) {
        self.env.retain(|(n, _)| n != name);
    }

    /// The variables every command of this environment gets.
    pub fn vars(&self) -> &[(String, String)] {
        &self.env
    }

    pub fn config_dir(&self) -> PathBuf {
        self.home.path().join("config")
    }

    pub fn command(&self, args: &[&str]) -> Command {
        Command::from_std(self.std_command(args))
    }

    /// The same as [`command`](Self::command), for tests that need to spawn and signal it.
    pub fn std_command(&self, args: &[&str]) -> std::process::Command {
        let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin!("passwordless"));
        command.env_clear().args(args).current_dir(self.home.path());
        for (name, value) in &self.env {
            command.env(name, value);
        }
        command
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.command(args).output().expect("the binary runs"))
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Run {
        let output = self
            .command(args)
            .write_stdin(stdin.as_bytes().to_vec())
            .output()
            .expect("the binary runs");
        Run::from(output)
    }

    /// Runs the command on a terminal (a pseudo-terminal from util-linux `script`) that reports
    /// a width of 0 columns, the case of a serial console; `COLUMNS` is whatever this
    /// environment sets. stdout and stderr both reach the terminal, so `stdout` holds both
    /// (lines end in `\n`) and `stderr` is empty.
    #[cfg(target_os = "linux")]
    pub fn run_on_terminal(&self, args: &[&str]) -> Run {
        let quote = |word: &str| format!("'{}'", word.replace('\'', r"'\''"));
        let binary = assert_cmd::cargo::cargo_bin!("passwordless");
        let line: Vec<String> = std::iter::once(quote(&binary.display().to_string()))
            .chain(args.iter().map(|a| quote(a)))
            .collect();
        let mut command = std::process::Command::new("script");
        command
            .env_clear()
            .args(["-qec", &line.join(" "), "/dev/null"])
            .current_dir(self.home.path());
        for (name, value) in &self.env {
            command.env(name, value);
        }
        let output = command
            .output()
            .expect("util-linux `script` runs (apt-get install bsdutils)");
        let mut run = Run::from(output);
        run.stdout = run.stdout.replace("\r\n", "\n");
        run
    }

    /// The `--quiet` output of a command that must succeed.
    pub fn value(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(run.code, 0, "{run}");
        run.stdout.trim().to_owned()
    }
}

/// A `passwordless emulator` child process and the first line it printed.
pub struct Running {
    child: Child,
    /// The first line the process printed: the URL with `--quiet`, JSON with `--json`.
    pub url: String,
}

impl Running {
    /// `passwordless emulator --port 0 --quiet EXTRA…`; `url` is the line it prints first.
    pub fn start(env: &TestEnv, extra: &[&str]) -> Running {
        let mut args = vec!["emulator", "--port", "0", "--quiet"];
        args.extend_from_slice(extra);
        let running = Running::spawn(env, &args);
        assert!(
            running.url.starts_with("http://127.0.0.1:"),
            "{:?}",
            running.url
        );
        running
    }

    /// Runs the binary with `args` and waits for its first line of stdout.
    pub fn spawn(env: &TestEnv, args: &[&str]) -> Running {
        let mut child = env
            .std_command(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the emulator starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut url = String::new();
        BufReader::new(stdout)
            .read_line(&mut url)
            .expect("the URL line");
        let url = url.trim().to_owned();
        Running { child, url }
    }

    /// SIGINT, as Ctrl-C: the emulator saves its state and exits 0.
    pub fn interrupt(mut self) {
        let status = std::process::Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
        let exit = self.child.wait().expect("the emulator exits");
        assert_eq!(exit.code(), Some(0));
    }
}

/// A command that runs until stopped (`--follow`), its stdout lines arriving on a channel;
/// killed when dropped.
pub struct Follower {
    child: Child,
    lines: std::sync::mpsc::Receiver<String>,
}

impl Follower {
    pub fn start(env: &TestEnv, args: &[&str]) -> Follower {
        let mut child = env
            .std_command(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the follower starts");
        let stdout = child.stdout.take().expect("stdout");
        let (send, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        Follower { child, lines }
    }

    pub fn is_running(&mut self) -> bool {
        self.child
            .try_wait()
            .expect("the follower's status")
            .is_none()
    }

    /// Calls `poke` (which makes something for the follower to print) until a line arrives, for
    /// at most 20 s, so a slow machine makes the test slow, not wrong.
    pub fn next_line_after(&self, mut poke: impl FnMut()) -> String {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            assert!(
                std::time::Instant::now() < deadline,
                "--follow printed nothing in 20 s"
            );
            poke();
            if let Ok(line) = self
                .lines
                .recv_timeout(std::time::Duration::from_millis(500))
            {
                return line;
            }
        }
    }
}

impl Drop for Follower {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The result of one run, printed as one snapshot-friendly block.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<std::process::Output> for Run {
    fn from(output: std::process::Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: {self}"))
    }

    pub fn stderr_json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stderr).unwrap_or_else(|e| panic!("{e}: {self}"))
    }
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "exit: {}", self.code)?;
        writeln!(f, "--- stdout")?;
        write!(f, "{}", self.stdout)?;
        writeln!(f, "--- stderr")?;
        write!(f, "{}", self.stderr)
    }
}

/// Snapshot filters for what changes from run to run: ports, tokens, times, ids, temp paths.
/// The standard filters; `harness_port` is the port of an emulator that serves https only
/// because of the harness mode, whose snapshots then read as over plain http.
fn settings_for(home: Option<&Path>, harness_port: Option<u16>) -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    if let Some(port) = harness_port {
        // One snapshot serves both modes: the scheme of the emulator's URL and the CA row that
        // `config show` adds for it are the only differences.
        settings.add_filter(
            &format!(r"https://(127\.0\.0\.1|localhost):{port}\b"),
            format!("http://$1:{port}"),
        );
        settings.add_filter(
            r"(?m)^CA cert\s+\S*emulator-ca\.pem \(env PASSWORDLESS_CA_CERT\)\n",
            "",
        );
        settings.add_filter(r#",?\s*"caCert(Source)?": "[^"]*""#, "");
    }
    settings.add_filter(r"127\.0\.0\.1:\d+", "127.0.0.1:[PORT]");
    settings.add_filter(r"\b(register|verify)_[A-Za-z0-9_-]{20,}", "${1}_[TOKEN]");
    settings.add_filter(
        r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?",
        "[TIME]",
    );
    settings.add_filter(r"00-[0-9a-f]{32}-[0-9a-f]{16}-00", "[TRACE]");
    settings.add_filter(r"expired \d+ seconds? ago", "expired [N] seconds ago");
    // Keys of apps created during a test are random.
    settings.add_filter(
        r"\b([a-z][a-z0-9]*):public:[0-9a-f]{32}",
        "${1}:public:[KEY]",
    );
    settings.add_filter(
        r"\b(shop[a-z0-9]*):secret:\*\*\*\*[0-9a-f]{4}",
        "${1}:secret:****[LAST4]",
    );
    // One-time secrets printed in full: never a real value in a snapshot.
    settings.add_filter(
        r"\b(shop[a-z0-9]*):secret:[0-9a-f]{32}",
        "${1}:secret:[SECRET]",
    );
    if let Some(home) = home {
        settings.add_filter(&regex_escape(&home.display().to_string()), "[HOME]");
    }
    settings
}

fn regex_escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Asserts an inline snapshot with the standard filters applied; `times` also hides the
/// `YYYY-MM-DD hh:mm:ss` of table cells (for values the emulator stamps with the clock).
#[macro_export]
macro_rules! snap {
    ($env:expr, $run:expr, @$snapshot:literal) => {{
        let settings = $env.snapshot_settings();
        settings.bind(|| insta::assert_snapshot!($run.to_string(), @$snapshot));
    }};
    ($env:expr, $run:expr, times, @$snapshot:literal) => {{
        let mut settings = $env.snapshot_settings();
        settings.add_filter(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", "[TIME]");
        settings.bind(|| insta::assert_snapshot!($run.to_string(), @$snapshot));
    }};
}
