//! The repository's own rules, checked on its files: every test file is compiled, each crate
//! of the workspace stays in its layer (`cargo metadata`), no crate's top-level modules form a
//! cycle, the CLI's modules avoid the dependencies the design rules out, and the README's
//! environment table is the one in `src/env.rs`. Who may name reqwest is the compiler's to
//! check now: only the client crate depends on it.

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

/// Each library crate and what it must never depend on, directly or not (normal dependencies;
/// tests may use more). The compiler holds the layers once they are crates: this checks the
/// crates stay where docs/architecture.md puts them.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "passwordless-model",
        &[
            "reqwest",
            "tokio",
            "clap",
            "hyper",
            "axum",
            "passwordless-client",
        ],
    ),
    (
        "passwordless-webauthn",
        &[
            "reqwest",
            "tokio",
            "clap",
            "passwordless-model",
            "passwordless-client",
        ],
    ),
    ("passwordless-fsutil", &["reqwest", "tokio", "clap"]),
    (
        "passwordless-client",
        &[
            "clap",
            "comfy-table",
            "keyring-core",
            "passwordless-emulator",
            "passwordless",
            "axum",
        ],
    ),
    (
        "passwordless-emulator",
        &[
            "passwordless-client",
            "passwordless",
            "reqwest",
            "clap",
            "comfy-table",
            "keyring-core",
        ],
    ),
];

#[test]
fn each_crate_stays_in_its_layer() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let out = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(root())
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("metadata JSON");
    let name_of = |id: &str| -> String {
        meta["packages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .map(|p| p["name"].as_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    let nodes = meta["resolve"]["nodes"]
        .as_array()
        .expect("a resolve graph");
    // Normal (not dev, not build) dependencies of each package id.
    let normal_deps = |id: &str| -> Vec<String> {
        let node = nodes.iter().find(|n| n["id"] == id).expect("a node");
        node["deps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|dep| {
                dep["dep_kinds"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|kind| kind["kind"].is_null())
            })
            .map(|dep| dep["pkg"].as_str().unwrap().to_owned())
            .collect()
    };
    let members: Vec<String> = meta["workspace_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap().to_owned())
        .collect();
    let mut names: Vec<String> = members.iter().map(|id| name_of(id)).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "passwordless",
            "passwordless-client",
            "passwordless-emulator",
            "passwordless-fsutil",
            "passwordless-model",
            "passwordless-webauthn"
        ],
        "the workspace members"
    );
    let mut broken = Vec::new();
    for (crate_name, forbidden) in LAYERS {
        let start = members
            .iter()
            .find(|id| name_of(id) == *crate_name)
            .expect("a member");
        let mut seen = std::collections::BTreeSet::new();
        let mut todo = vec![start.clone()];
        while let Some(id) = todo.pop() {
            for dep in normal_deps(&id) {
                if seen.insert(dep.clone()) {
                    todo.push(dep);
                }
            }
        }
        for id in seen {
            let name = name_of(&id);
            if forbidden.contains(&name.as_str()) {
                broken.push(format!("{crate_name} depends on {name}"));
            }
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
}

/// Dependencies between top-level modules of the CLI crate that the design rules out, though
/// the compiler would allow them: the grammar does not complete, the bulk engine knows no
/// command, and settings do not decide exit codes.
const FORBIDDEN_EDGES: &[(&str, &str)] = &[
    ("cli", "completion"),
    ("cli", "commands"),
    ("bulk", "commands"),
    ("bulk", "cli"),
    ("bulk", "report"),
    ("bulk", "exit"),
    ("config", "exit"),
    ("keyring_store", "exit"),
    ("report", "context"),
];

/// Every crate's source folder: the CLI's and each library's.
fn crate_sources() -> Vec<PathBuf> {
    let mut dirs = vec![root().join("src")];
    let mut libs: Vec<PathBuf> = std::fs::read_dir(root().join("crates"))
        .expect("crates/")
        .map(|e| e.expect("an entry").path().join("src"))
        .collect();
    libs.sort();
    dirs.extend(libs);
    dirs
}

/// The top-level modules of the crate in `src` and, for each, the others its code (tests left
/// out) names: `crate::x`, `crate::{x, y}`, and in a top-level file `super::x`.
fn module_graph(
    src: &Path,
) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    use std::collections::{BTreeMap, BTreeSet};
    let mut tops = BTreeSet::new();
    for entry in std::fs::read_dir(src).expect("a source folder") {
        let path = entry.expect("an entry").path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if ["lib", "main", "tests"].contains(&name.as_str()) {
            continue;
        }
        if path.is_dir() && path.join("mod.rs").exists()
            || path.extension().is_some_and(|e| e == "rs")
        {
            tops.insert(name);
        }
    }
    let mut graph: BTreeMap<String, BTreeSet<String>> =
        tops.iter().map(|t| (t.clone(), BTreeSet::new())).collect();
    for file in rust_files(src) {
        let rel = file.strip_prefix(src).unwrap();
        let parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        if parts.iter().any(|p| p == "tests" || p == "tests.rs") {
            continue;
        }
        let top = parts[0].trim_end_matches(".rs").to_owned();
        if !tops.contains(&top) {
            continue;
        }
        let top_level_file = parts.len() == 1 || (parts.len() == 2 && parts[1] == "mod.rs");
        let mut text = read(&file);
        if let Some(at) = text.find("#[cfg(test)]\nmod tests") {
            text.truncate(at);
        }
        let mut prefixes = vec!["crate::"];
        if top_level_file {
            prefixes.push("super::");
        }
        for prefix in prefixes {
            for (at, _) in text.match_indices(prefix) {
                // `a::super::x` or `xcrate::` are not paths from the crate root.
                let before = text[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                    continue;
                }
                let rest = &text[at + prefix.len()..];
                let names: Vec<String> = if let Some(group) = rest.strip_prefix('{') {
                    let group = &group[..group.find('}').unwrap_or(group.len())];
                    group
                        .split(',')
                        .map(|item| item.trim().split("::").next().unwrap_or("").to_owned())
                        .collect()
                } else {
                    vec![
                        rest.chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect(),
                    ]
                };
                for name in names {
                    if name != top && tops.contains(&name) {
                        graph.get_mut(&top).unwrap().insert(name);
                    }
                }
            }
        }
    }
    graph
}

/// A cycle in `graph`, if there is one, as the path that closes it.
fn find_cycle(
    graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
        state: &mut std::collections::BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(node.to_owned(), 1);
        path.push(node.to_owned());
        for next in &graph[node] {
            match state.get(next.as_str()) {
                Some(1) => {
                    let from = path.iter().position(|n| n == next).unwrap();
                    let mut cycle = path[from..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Some(_) => {}
                None => {
                    if let Some(cycle) = visit(next, graph, state, path) {
                        return Some(cycle);
                    }
                }
            }
        }
        path.pop();
        state.insert(node.to_owned(), 2);
        None
    }
    let mut state = std::collections::BTreeMap::new();
    for node in graph.keys() {
        if !state.contains_key(node.as_str())
            && let Some(cycle) = visit(node, graph, &mut state, &mut Vec::new())
        {
            return Some(cycle);
        }
    }
    None
}

#[test]
fn no_crate_has_a_module_cycle() {
    let mut cycles = Vec::new();
    for src in crate_sources() {
        if let Some(cycle) = find_cycle(&module_graph(&src)) {
            cycles.push(format!("{}: {}", relative(&src), cycle.join(" -> ")));
        }
    }
    assert!(cycles.is_empty(), "module cycles: {cycles:#?}");
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let graph = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(n, e)| (n.to_owned(), e.into_iter().map(str::to_owned).collect()))
    .collect();
    assert_eq!(find_cycle(&graph).unwrap(), ["a", "b", "c", "a"]);
}

#[test]
fn no_forbidden_module_dependencies() {
    let graph = module_graph(&root().join("src"));
    let found: Vec<String> = FORBIDDEN_EDGES
        .iter()
        .filter(|(from, to)| graph.get(*from).is_some_and(|deps| deps.contains(*to)))
        .map(|(from, to)| format!("{from} uses {to}"))
        .collect();
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn every_passwordless_variable_in_the_code_is_documented() {
    let documented: Vec<&str> = passwordless::env::DOCUMENTED
        .iter()
        .map(|var| var.name)
        .collect();
    let mut unknown = Vec::new();
    for file in crate_sources().iter().flat_map(|src| rust_files(src)) {
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
