//! The child process of `emulator exec`: which file a bare command name means (Windows finds
//! `.cmd` and `.bat` scripts through PATHEXT, which `std::process::Command` does not do), the
//! PATH it gets, and how its exit status becomes ours. Decisions are plain functions of their
//! inputs, so the Windows rules are unit-tested on every OS.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

/// What cmd.exe assumes when PATHEXT is unset.
const DEFAULT_PATHEXT: &str = ".COM;.EXE;.BAT;.CMD";

/// The exit code of a Windows process ended by Ctrl-C or Ctrl-Break.
const STATUS_CONTROL_C_EXIT: u32 = 0xC000_013A;

/// The program to spawn for `name`. On Windows a bare name (`npm`) is looked up in `path` with
/// each PATHEXT extension, because `Command` alone would only find `npm.exe` and most Node tools
/// are `npm.cmd`; everywhere else, and for names with a folder, `name` is used as given.
pub fn program(name: &OsStr, path: &OsStr) -> PathBuf {
    if cfg!(windows) {
        let pathext = std::env::var("PATHEXT").unwrap_or_else(|_| DEFAULT_PATHEXT.to_owned());
        let dirs: Vec<PathBuf> = std::env::split_paths(path).collect();
        if let Some(found) = find_with_pathext(name, &dirs, &pathext, |p| p.is_file()) {
            return found;
        }
    }
    PathBuf::from(name)
}

/// Looks `name` up in `dirs` the way cmd.exe does: each folder in order, the name with each
/// extension of `pathext` (or as it is, when it already ends with one of them). `None` for a
/// name with a folder part, which is spawned as given.
fn find_with_pathext(
    name: &OsStr,
    dirs: &[PathBuf],
    pathext: &str,
    is_file: impl Fn(&Path) -> bool,
) -> Option<PathBuf> {
    let text = name.to_string_lossy();
    if text.is_empty() || text.contains(['/', '\\', ':']) {
        return None;
    }
    let extensions: Vec<String> = pathext
        .split(';')
        .map(str::trim)
        .filter(|ext| ext.starts_with('.') && ext.len() > 1)
        .map(str::to_ascii_lowercase)
        .collect();
    let lower = text.to_ascii_lowercase();
    let has_known_extension = extensions.iter().any(|ext| lower.ends_with(ext.as_str()));
    for dir in dirs {
        if has_known_extension {
            let candidate = dir.join(name);
            if is_file(&candidate) {
                return Some(candidate);
            }
            continue;
        }
        for ext in &extensions {
            let mut file = OsString::from(name);
            file.push(ext);
            let candidate = dir.join(file);
            if is_file(&candidate) {
                return Some(candidate);
            }
        }
    }
    None
}

/// `PATH` with the folder of this executable first, so `passwordless` inside `emulator exec`
/// is this very build.
pub fn path_with_own_folder() -> OsString {
    let current = std::env::var_os("PATH").unwrap_or_default();
    let Some(folder) = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(PathBuf::from))
    else {
        return current;
    };
    let mut paths = vec![folder];
    paths.extend(std::env::split_paths(&current));
    std::env::join_paths(paths).unwrap_or(current)
}

/// The child's status as our exit code: its own code, 128 + signal on Unix, 130 for a Windows
/// child stopped by Ctrl-C (as a Unix shell would report it), 1 for anything unrepresentable.
pub fn exit_code(status: std::process::ExitStatus) -> u8 {
    if let Some(code) = status.code() {
        return code_of(code);
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return u8::try_from(128 + signal).unwrap_or(1);
        }
    }
    1
}

fn code_of(code: i32) -> u8 {
    // Windows exit codes are u32; std hands them over reinterpreted as i32.
    if code as u32 == STATUS_CONTROL_C_EXIT {
        return 130;
    }
    u8::try_from(code).unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folders() -> (tempfile::TempDir, Vec<PathBuf>) {
        let root = tempfile::tempdir().unwrap();
        // Folder names with spaces, as under `C:\Program Files`.
        let first = root.path().join("Program Files").join("nodejs");
        let second = root.path().join("my tools");
        std::fs::create_dir_all(&first).unwrap();
        std::fs::create_dir_all(&second).unwrap();
        std::fs::write(first.join("npm.cmd"), "@echo off\n").unwrap();
        std::fs::write(second.join("npm.exe"), "").unwrap();
        std::fs::write(second.join("tool.bat"), "").unwrap();
        std::fs::write(second.join("node.exe"), "").unwrap();
        (root, vec![first, second])
    }

    fn find(name: &str, dirs: &[PathBuf], pathext: &str) -> Option<PathBuf> {
        find_with_pathext(OsStr::new(name), dirs, pathext, |p| p.is_file())
    }

    #[test]
    fn a_bare_name_finds_cmd_scripts_in_path_order() {
        let (_root, dirs) = folders();
        // The first folder wins even though the second has an .exe, as in cmd.exe.
        assert_eq!(
            find("npm", &dirs, DEFAULT_PATHEXT),
            Some(dirs[0].join("npm.cmd"))
        );
        assert_eq!(
            find("tool", &dirs, DEFAULT_PATHEXT),
            Some(dirs[1].join("tool.bat"))
        );
        assert_eq!(
            find("node", &dirs, DEFAULT_PATHEXT),
            Some(dirs[1].join("node.exe"))
        );
        assert_eq!(find("missing", &dirs, DEFAULT_PATHEXT), None);
    }

    #[test]
    fn pathext_order_and_case_are_honoured() {
        let (_root, dirs) = folders();
        let only_exe = [dirs[1].clone()];
        assert_eq!(
            find("npm", &only_exe, ".exe;.cmd"),
            Some(dirs[1].join("npm.exe"))
        );
        // Without .BAT in PATHEXT, a .bat file is not a command.
        assert_eq!(find("tool", &dirs, ".COM;.EXE"), None);
        // Empty and malformed entries are skipped, not joined as "npm" or "npmCMD".
        assert_eq!(
            find("npm", &dirs, ";CMD; .CMD ;"),
            Some(dirs[0].join("npm.cmd"))
        );
    }

    #[test]
    fn a_name_with_its_extension_is_looked_up_as_is() {
        let (_root, dirs) = folders();
        assert_eq!(
            find("npm.exe", &dirs, DEFAULT_PATHEXT),
            Some(dirs[1].join("npm.exe"))
        );
        assert_eq!(find("npm.exe.cmd", &dirs, DEFAULT_PATHEXT), None);
    }

    #[test]
    fn names_with_a_folder_are_spawned_as_given() {
        let (_root, dirs) = folders();
        for name in [r".\npm", "bin/npm", r"C:\Program Files\nodejs\npm", ""] {
            assert_eq!(find(name, &dirs, DEFAULT_PATHEXT), None, "{name}");
        }
    }

    #[cfg(not(windows))]
    #[test]
    fn outside_windows_the_name_is_left_to_the_os() {
        let (_root, dirs) = folders();
        let path = std::env::join_paths(&dirs).unwrap();
        assert_eq!(program(OsStr::new("npm"), &path), PathBuf::from("npm"));
    }

    #[test]
    fn exit_codes() {
        assert_eq!(code_of(0), 0);
        assert_eq!(code_of(3), 3);
        assert_eq!(code_of(STATUS_CONTROL_C_EXIT as i32), 130);
        assert_eq!(code_of(-1), 1);
        assert_eq!(code_of(256), 1);
    }
}
