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

#[test]
fn bash_completes_a_subcommand() {
    let script = root().join("completions/passwordless.bash");
    let program = format!(
        r#"source '{}'
COMP_WORDS=(passwordless reg); COMP_CWORD=1; COMP_LINE='passwordless reg'; COMP_POINT=${{#COMP_LINE}}
_passwordless passwordless reg passwordless
printf '%s\n' "${{COMPREPLY[@]}}""#,
        script.display()
    );
    let output = Command::new("bash")
        .arg("-c")
        .arg(program)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "register-token"
    );
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
}

/// groff checks every page with all warnings on; in CI (`PASSWORDLESS_REQUIRE_TOOLS=1`) a
/// missing groff is a failure, elsewhere the check is skipped.
#[test]
fn man_pages_render_without_warnings() {
    let have_groff = Command::new("groff").arg("--version").output().is_ok();
    if !have_groff {
        assert!(
            std::env::var_os("PASSWORDLESS_REQUIRE_TOOLS").is_none(),
            "groff is required here"
        );
        return;
    }
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

#[test]
fn top_level_help() {
    let env = TestEnv::new();
    let run = env.run(&["--help"]);
    snap!(env, run, @"");
}

#[test]
fn register_token_help() {
    let env = TestEnv::new();
    let run = env.run(&["register-token", "--help"]);
    snap!(env, run, @"");
}

#[test]
fn config_set_secret_help() {
    let env = TestEnv::new();
    let run = env.run(&["config", "set-secret", "--help"]);
    snap!(env, run, @"");
}
