//! The repository's own rules, checked on its files: every test file is compiled, only `api`
//! names reqwest, the module graph has no cycles the design forbids, and the README's
//! environment table is the one in `src/env.rs`.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Every `.rs` file below `dir`, recursively.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn every_test_file_is_wired_into_main() {
    let dir = root().join("tests/cli");
    let main = read(&dir.join("main.rs"));
    let mut unwired = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("tests/cli") {
        let path = entry.expect("an entry").path();
        let name = path
            .file_stem()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        let is_module = path.is_dir() || path.extension().is_some_and(|e| e == "rs");
        if name == "main" || !is_module {
            continue;
        }
        if !main
            .lines()
            .any(|line| line.trim() == format!("mod {name};"))
        {
            unwired.push(relative(&path));
        }
    }
    assert!(
        unwired.is_empty(),
        "not in tests/cli/main.rs, so never compiled or run: {unwired:?}"
    );
}

#[test]
fn only_the_api_module_names_reqwest() {
    let allowed = [root().join("src/api"), root().join("src/emulator/tests")];
    let offenders: Vec<String> = rust_files(&root().join("src"))
        .into_iter()
        .filter(|path| !allowed.iter().any(|dir| path.starts_with(dir)))
        .filter(|path| read(path).contains("reqwest"))
        .map(|path| relative(&path))
        .collect();
    assert!(
        offenders.is_empty(),
        "use api::Client, api::Method and url::Url instead: {offenders:?}"
    );
}

/// `(folder or file, text it must not contain)`: the dependencies the design rules out.
const FORBIDDEN: &[(&str, &str)] = &[
    ("src/cli", "crate::completion"),
    ("src/api", "crate::commands"),
    ("src/api", "crate::cli"),
    ("src/config.rs", "crate::exit"),
    ("src/keyring_store", "crate::exit"),
    ("src/emulator", "crate::config"),
    ("src/emulator", "crate::commands"),
    ("src/emulator", "crate::cli"),
    // The bulk engine knows no command: commands hand it an Operation.
    ("src/bulk", "crate::commands"),
    ("src/bulk", "crate::cli"),
];

#[test]
fn no_forbidden_module_dependencies() {
    let mut found = Vec::new();
    for (place, needle) in FORBIDDEN {
        let path = root().join(place);
        let files = if path.is_dir() {
            rust_files(&path)
        } else {
            vec![path]
        };
        for file in files {
            if read(&file).contains(needle) {
                found.push(format!("{} uses {needle}", relative(&file)));
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn every_passwordless_variable_in_the_code_is_documented() {
    let documented: Vec<&str> = passwordless::env::DOCUMENTED
        .iter()
        .map(|var| var.name)
        .collect();
    let mut unknown = Vec::new();
    for file in rust_files(&root().join("src")) {
        let text = read(&file);
        for (at, _) in text.match_indices("PASSWORDLESS_") {
            let name: String = text[at..]
                .chars()
                .take_while(|c| c.is_ascii_uppercase() || *c == '_')
                .collect();
            if !documented.contains(&name.as_str()) {
                unknown.push(format!("{name} in {}", relative(&file)));
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "add these to src/env.rs (or fix the spelling): {unknown:?}"
    );
}

#[test]
fn readme_environment_table_is_the_one_in_env_rs() {
    let readme = read(&root().join("README.md"));
    let section = readme
        .split("\n## Environment\n")
        .nth(1)
        .expect("the README has an Environment section");
    let rows: Vec<&str> = section
        .lines()
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        .skip(2)
        .collect();
    let expected: Vec<String> = passwordless::env::DOCUMENTED
        .iter()
        .map(|var| format!("| `{}` | {} |", var.name, var.doc))
        .collect();
    assert_eq!(
        rows, expected,
        "the README's Environment table must list exactly src/env.rs's variables, in order"
    );
}
