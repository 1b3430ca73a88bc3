//! The documentation's shell examples, run as written against the emulator, so the docs cannot
//! drift from the tool. Every command line of a fenced `sh` block of `README.md`,
//! `CONTRIBUTING.md` and `docs/*.md` (in that order, the docs by name) runs in `sh` (pipes,
//! `$(…)` and `&&` as a reader's shell would), in order, against one emulator, with the files the
//! examples name in the working folder; it must exit 0 unless `EXPECTED` gives another code and
//! why. Optional parts written `[--flag …]` are left out, `cargo run --release --` stands for the
//! installed `passwordless`, and lines in `NOT_RUN` are named with the reason they are not.
//!
//! Only a fence that is exactly ```` ```sh ```` is run; a fence with more words after `sh` is
//! shown as shell and not run.

use std::path::Path;

use crate::common::{DEV_MANAGEMENT_KEY, DEV_SECRET, TestEnv};

const DEV_PUBLIC_KEY: &str = passwordless::emulator::DEV_API_KEY;

/// Lines (as extracted) that are not run, and why.
const NOT_RUN: &[(&str, &str)] = &[
    ("cargo test", "the test suite itself"),
    (
        "cargo install --locked --path .",
        "installs into ~/.cargo/bin",
    ),
    (
        "passwordless emulator --seed users.json --log",
        "serves until Ctrl-C (the emulator tests cover it)",
    ),
    (
        "passwordless app export --profile staging > s.toml && passwordless emulator --seed s.toml",
        "serves until Ctrl-C (the next line, and tests/cli/settings_as_code.rs, cover it)",
    ),
    (
        "passwordless emulator exec -- npm test",
        "needs the reader's own npm project",
    ),
    (
        "passwordless emulator --tls",
        "serves until Ctrl-C (tests/cli/emulator_tls.rs covers it)",
    ),
    (
        "passwordless emulator exec --tls -- npm test",
        "needs the reader's own npm project",
    ),
    (
        "passwordless emulator requests --follow",
        "polls until Ctrl-C (tests/cli/emulator_control.rs covers it)",
    ),
    (
        "passwordless emulator reset --yes",
        "would undo what earlier examples made for later ones on the one shared emulator \
         (tests/cli/emulator_control.rs covers it)",
    ),
];

/// Lines that are expected to fail, with their exit code: the example names something that does
/// not exist in a fresh emulator, so the command parses, reaches the API and says so.
const EXPECTED: &[(&str, i32, &str)] = &[
    (
        "passwordless admin api-keys lock shop 1a2b --yes",
        3,
        "1a2b stands for a key id from `api-keys list`",
    ),
    (
        "passwordless admin api-keys delete shop 1a2b --yes",
        3,
        "1a2b stands for a key id from `api-keys list`",
    ),
    (
        "passwordless passkey delete AQIDBAUGBwgJCgsMDQ4PEA --yes",
        3,
        "the id stands for one from `passkey list`",
    ),
];

/// A user with a passkey and an alias, for the examples that name user 42 and `AQIDBA`.
const SEED: &str = r#"{"users": [
  {"userId": "42", "aliases": ["readme@example.com"], "aliasHashing": false,
   "credentials": [{"id": "AQIDBA", "nickname": "Laptop"}]}
]}"#;

/// The files whose examples run, by path from the repository root: the README first, then
/// `CONTRIBUTING.md`, then every `docs/*.md` by name.
fn documents() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut names = vec!["README.md".to_owned(), "CONTRIBUTING.md".to_owned()];
    let mut docs: Vec<String> = std::fs::read_dir(root.join("docs"))
        .expect("docs/")
        .map(|entry| {
            entry
                .expect("a folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".md"))
        .map(|name| format!("docs/{name}"))
        .collect();
    docs.sort();
    names.extend(docs);
    names
        .into_iter()
        .map(|name| {
            let text = std::fs::read_to_string(root.join(&name))
                .unwrap_or_else(|e| panic!("cannot read {name}: {e}"));
            (name, text)
        })
        .collect()
}

/// The command lines of every fenced `sh` block: continuation lines joined, comments and
/// optional `[…]` parts removed, with the line of the file each starts on.
fn command_lines(readme: &str) -> Vec<(usize, String)> {
    let mut lines = Vec::new();
    let mut in_block = false;
    let mut pending: Option<(usize, String, Option<char>)> = None;
    for (index, line) in readme.lines().enumerate() {
        let number = index + 1;
        if !in_block {
            in_block = line.trim_end() == "```sh";
            continue;
        }
        if line.starts_with("```") {
            in_block = false;
            continue;
        }
        let (start, mut joined, quote) = pending.take().unwrap_or((number, String::new(), None));
        let (text, quote) = strip_comment(line, quote);
        let continued = text.trim_end().ends_with('\\');
        joined.push_str(text.trim_end().trim_end_matches('\\'));
        if quote.is_some() {
            // A quoted argument that goes on over the next line, as `sh -c '…'` does.
            joined.push('\n');
            pending = Some((start, joined, quote));
        } else if continued {
            joined.push(' ');
            pending = Some((start, joined, None));
        } else {
            let command = squeeze(&drop_optional(&joined));
            if !command.is_empty() {
                lines.push((start, command));
            }
        }
    }
    lines
}

/// The line without a trailing `# comment` (a `#` after a blank, outside quotes), and the quote
/// still open at its end; `quote` is the one open where the line starts.
fn strip_comment(line: &str, mut quote: Option<char>) -> (&str, Option<char>) {
    let mut previous = ' ';
    for (at, c) in line.char_indices() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(open), _) if c == open => quote = None,
            (None, '#') if previous.is_whitespace() => return (&line[..at], None),
            _ => {}
        }
        previous = c;
    }
    (line, quote)
}

/// Leaves out the optional parts a synopsis writes as ` [--flag …]`.
fn drop_optional(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find(" [--") {
        out.push_str(&rest[..at]);
        match rest[at..].find(']') {
            Some(end) => rest = &rest[at + end + 1..],
            None => {
                rest = &rest[at..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

fn squeeze(line: &str) -> String {
    let line = line.trim();
    let line = line
        .strip_prefix("cargo run --release -- ")
        .map_or_else(|| line.to_owned(), |rest| format!("passwordless {rest}"));
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    }
    out
}

/// The files and commands the examples assume: `users.csv`, `links.jsonl`, `body.json`,
/// `~/.secrets/passwordless`, and `pass` (the password manager) that prints the secret.
fn write_fixtures(home: &Path, bin: &Path) {
    let write = |name: &str, text: &str| {
        let path = home.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "users.csv",
        "user-id,username,alias\n42,alice,alice\n43,bob,bob\n",
    );
    write(
        "links.jsonl",
        "{\"email\":\"alice@example.com\",\"user-id\":\"42\",\"url-template\":\"https://app.example.com/verify?token=$TOKEN\"}\n",
    );
    write(
        "body.json",
        "{\"userId\":\"42\",\"aliases\":[\"from-body\"]}\n",
    );
    write(".secrets/passwordless", &format!("{DEV_SECRET}\n"));
    write("users.json", "{\"users\": []}\n");
    let pass = bin.join("pass");
    std::fs::write(&pass, format!("#!/bin/sh\necho '{DEV_SECRET}'\n")).unwrap();
    make_executable(&pass);
    std::os::unix::fs::symlink(
        assert_cmd::cargo::cargo_bin!("passwordless"),
        bin.join("passwordless"),
    )
    .unwrap();
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn the_readme_examples_run_as_written() {
    let lines: Vec<(String, usize, String)> = documents()
        .into_iter()
        .flat_map(|(name, text)| {
            command_lines(&text)
                .into_iter()
                .map(move |(number, line)| (name.clone(), number, line))
        })
        .collect();
    assert!(lines.len() > 60, "only {} example lines found", lines.len());

    let mut env = TestEnv::seeded_with(SEED);
    let bin = env.home.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    write_fixtures(env.home.path(), &bin);
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    env.set("PATH", &path);
    env.set("PASSWORDLESS_MANAGEMENT_KEY", DEV_MANAGEMENT_KEY);
    env.set("PASSWORDLESS_API_KEY", DEV_PUBLIC_KEY);
    let token = env.value(&["signin-token", "--user-id", "42", "--quiet"]);
    env.set("TOKEN", &token);

    let mut failures = Vec::new();
    let mut seen_not_run = Vec::new();
    let mut seen_expected = Vec::new();
    for (file, number, line) in &lines {
        if NOT_RUN.iter().any(|(text, _)| text == line) {
            seen_not_run.push(line.clone());
            continue;
        }
        let wanted = match EXPECTED.iter().find(|(text, _, _)| text == line) {
            Some((_, code, _)) => {
                seen_expected.push(line.clone());
                *code
            }
            None => 0,
        };
        let mut shell = std::process::Command::new("sh");
        shell
            .env_clear()
            .arg("-c")
            .arg(line)
            .current_dir(env.home.path());
        for (name, value) in env.vars() {
            shell.env(name, value);
        }
        let output = assert_cmd::Command::from_std(shell)
            .write_stdin(format!("{DEV_SECRET}\n"))
            .output()
            .expect("sh runs");
        let code = output.status.code().unwrap_or(-1);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let secret_hex = &DEV_SECRET[DEV_SECRET.len() - 32..];
        assert!(
            !stdout.contains(secret_hex) && !stderr.contains(secret_hex),
            "{file}:{number}: `{line}` printed the secret in clear"
        );
        if code != wanted {
            failures.push(format!(
                "{file}:{number}: `{line}` exited {code}, wanted {wanted}\n  stdout: {}\n  stderr: {}",
                stdout.trim(),
                stderr.trim()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The lists name only lines the documents still have.
    for (text, _) in NOT_RUN {
        assert!(
            seen_not_run.iter().any(|l| l == text),
            "NOT_RUN names a line no document has any more: {text}"
        );
    }
    for (text, _, _) in EXPECTED {
        assert!(
            seen_expected.iter().any(|l| l == text),
            "EXPECTED names a line no document has any more: {text}"
        );
    }
}

#[test]
fn extraction_joins_continuations_and_drops_comments_and_optional_parts() {
    let readme = "text\n```sh\npassword a \\\n    --b 'x # y' [--c d]   # note\n\n# only a comment\ncargo run --release -- c --d\nsh -c '\n  a # not a comment\n  b'\n```\n```toml\nx = 1\n```\n```sh tls\npasswordless emulator --tls\n```\n";
    assert_eq!(
        command_lines(readme),
        vec![
            (3, "password a --b 'x # y'".to_owned()),
            (7, "passwordless c --d".to_owned()),
            (8, "sh -c '\n a # not a comment\n b'".to_owned())
        ]
    );
}

/// The steps of the first fenced `yaml` block of `text` that have a `run:`, as (name, script):
/// a `run: |` block with its indentation removed, or a one-line `run: command`. A step without a
/// name is named by its script.
fn workflow_steps(text: &str) -> Vec<(String, String)> {
    let block: Vec<&str> = text
        .lines()
        .skip_while(|line| line.trim_end() != "```yaml")
        .skip(1)
        .take_while(|line| !line.starts_with("```"))
        .collect();
    let mut steps = Vec::new();
    let mut name = String::new();
    let mut lines = block.iter().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix("- ") {
            name = rest.strip_prefix("name: ").unwrap_or("").trim().to_owned();
            continue;
        }
        let Some(run) = trimmed.strip_prefix("run:") else {
            continue;
        };
        let script = if run.trim() == "|" {
            let indent = line.len() - trimmed.len();
            let mut body = Vec::new();
            while let Some(next) = lines.next_if(|next| {
                next.trim().is_empty() || next.len() - next.trim_start().len() > indent
            }) {
                body.push(*next);
            }
            let margin = body
                .iter()
                .filter(|l| !l.trim().is_empty())
                .map(|l| l.len() - l.trim_start().len())
                .min()
                .unwrap_or(0);
            body.iter()
                .map(|l| l.get(margin..).unwrap_or(""))
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            run.trim().to_owned()
        };
        let name = if name.is_empty() {
            script.clone()
        } else {
            name.clone()
        };
        steps.push((name, script));
    }
    steps
}

/// The recipe of `docs/ci.md`: its GitHub Actions job's shell steps run here as written, with
/// `$GITHUB_ENV` a file as on a runner, and its Node test suite is the file `tests/sdk/run.sh`
/// runs with the official SDK. Installs and `node --test` are left to that script and to CI.
#[test]
fn the_ci_recipe_runs_and_its_node_suite_is_the_one_ci_runs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/ci.md")).expect("docs/ci.md");
    let suite = std::fs::read_to_string(root.join("tests/sdk/ci-recipe.test.mjs")).unwrap();
    let js: String = doc
        .lines()
        .skip_while(|line| line.trim_end() != "```js")
        .skip(1)
        .take_while(|line| !line.starts_with("```"))
        .map(|line| format!("{line}\n"))
        .collect();
    assert_eq!(
        js, suite,
        "the test suite shown in docs/ci.md must be tests/sdk/ci-recipe.test.mjs as it is"
    );
    assert!(
        ["beforeEach(() => emulator(\"reset\"))", "clock/advance"]
            .iter()
            .all(|part| suite.contains(part)),
        "the suite resets between tests and advances the clock"
    );

    let not_run = [
        (
            "Install passwordless",
            "builds the tool; this test runs the binary cargo built",
        ),
        (
            "Install the SDK",
            "downloads from npm; tests/sdk/run.sh installs it",
        ),
        ("Test", "needs the SDK; tests/sdk/run.sh runs the suite"),
    ];
    let steps = workflow_steps(&doc);
    let names: Vec<&str> = steps.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Install passwordless",
            "Start the emulator",
            "Install the SDK",
            "Test",
            "Stop the emulator"
        ]
    );

    let env = TestEnv::without_secret();
    let bin = env.home.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(
        assert_cmd::cargo::cargo_bin!("passwordless"),
        bin.join("passwordless"),
    )
    .unwrap();
    let github_env = env.home.path().join("github_env");
    std::fs::write(&github_env, "").unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // What earlier steps wrote to $GITHUB_ENV, as the runner passes it to later ones.
    let exported = || -> Vec<(String, String)> {
        std::fs::read_to_string(&github_env)
            .unwrap()
            .lines()
            .filter_map(|line| line.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    };
    let step = |script: &str| {
        let mut shell = std::process::Command::new("sh");
        shell
            .env_clear()
            .args(["-e", "-c", script])
            .current_dir(env.home.path());
        for (name, value) in env.vars() {
            shell.env(name, value);
        }
        shell.env("PATH", &path).env("GITHUB_ENV", &github_env);
        for (name, value) in exported() {
            shell.env(name, value);
        }
        shell.output().expect("sh runs")
    };
    /// Stops the background emulator if a step fails before `Stop the emulator` does.
    struct Reaper(std::path::PathBuf);
    impl Drop for Reaper {
        fn drop(&mut self) {
            let text = std::fs::read_to_string(&self.0).unwrap_or_default();
            if let Some(pid) = text.lines().find_map(|l| l.strip_prefix("EMULATOR_PID=")) {
                let _ = std::process::Command::new("kill")
                    .arg(pid)
                    .stderr(std::process::Stdio::null())
                    .status();
            }
        }
    }
    let _reaper = Reaper(github_env.clone());
    for (name, script) in &steps {
        if let Some((_, why)) = not_run.iter().find(|(n, _)| n == name) {
            assert!(!why.is_empty());
            continue;
        }
        let output = step(script);
        assert!(
            output.status.success(),
            "step `{name}` failed:\n{script}\nstdout: {}\nstderr: {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        if name == "Start the emulator" {
            assert_eq!(String::from_utf8_lossy(&output.stdout), "Healthy");
            let vars = exported();
            let get = |key: &str| {
                vars.iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_else(|| panic!("{key} not in $GITHUB_ENV: {vars:?}"))
            };
            assert!(get("PASSWORDLESS_API_URL").starts_with("http://127.0.0.1:"));
            assert_eq!(get("PASSWORDLESS_API_SECRET"), DEV_SECRET);
            assert_eq!(get("PASSWORDLESS_API_KEY"), DEV_PUBLIC_KEY);
            // The exported variables are all a later step needs.
            let count = step("passwordless users count --quiet");
            assert_eq!(String::from_utf8_lossy(&count.stdout), "0\n", "{count:?}");
        }
    }
    // The last step stopped it.
    let pid = exported()
        .into_iter()
        .find(|(k, _)| k == "EMULATOR_PID")
        .expect("EMULATOR_PID")
        .1;
    let gone = (0..50).any(|_| {
        let alive = std::process::Command::new("kill")
            .args(["-0", &pid])
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if alive {
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        !alive
    });
    assert!(
        gone,
        "the emulator {pid} still runs after `Stop the emulator`"
    );
}
