//! Small file-system helpers shared by the CLI's config and keyring files and the emulator's state
//! file: private folders, atomic private (0600) writes and the exclusive lock files that keep
//! read-modify-write cycles of two processes from losing each other's changes.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

/// Creates `dir` and its parents, the new folders private (0700) on Unix.
pub fn create_private_dir(dir: &Path) -> anyhow::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .with_context(|| format!("cannot create the folder {}", dir.display()))
}

/// Writes `bytes` to a sibling temp file (0600), syncs it and renames it over `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = parent_dir(path);
    let file_name = path
        .file_name()
        .context("the path has no file name")?
        .to_string_lossy();
    // Unique per process and call, so two writers never share a temp file.
    let temp = dir.join(format!(
        ".{file_name}.{}.{}.tmp",
        std::process::id(),
        rand::random::<u32>()
    ));
    let result = (|| -> std::io::Result<()> {
        let mut file = owner_only_options()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)?;
        // The rename itself lives in the folder: sync it too, or a crash can undo it.
        #[cfg(unix)]
        fs::File::open(dir)?.sync_all()?;
        Ok(())
    })();
    if let Err(err) = result {
        let _ = fs::remove_file(&temp);
        return Err(err).with_context(|| format!("cannot write {}", path.display()));
    }
    Ok(())
}

/// Removes `.NAME.<pid>.<n>.tmp` files in `dir`: [`write_atomically`]'s temporary files for
/// `NAME`, left behind only when a writer was killed between creating and renaming one. They
/// hold whatever the file held (every stored secret, for the secrets file), so they must not
/// outlive it. Call it only while holding the lock that every writer of `NAME` takes, so no
/// live writer's file is removed. Other files are never touched.
pub fn remove_stale_temp_files(dir: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let Some(middle) = file_name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
        else {
            continue;
        };
        let numbered = middle.split('.').count() == 2
            && middle
                .split('.')
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if numbered && is_file {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The folder holding `path`. A bare file name's parent is `""`, which cannot be opened (or
/// synced): it means the current folder.
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Options for a file only its owner may read or write (0600 where the OS has modes; on
/// Windows a file in the user's own profile folder is already private).
pub fn owner_only_options() -> fs::OpenOptions {
    #[cfg_attr(not(unix), allow(unused_mut))]
    let mut options = fs::OpenOptions::new();
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

/// Opens (creating it 0600) and exclusively locks `lock_path`; the lock lasts as long as the
/// returned file. Every read-modify-write of a shared file runs under such a lock.
pub fn lock_exclusive(lock_path: &Path) -> anyhow::Result<fs::File> {
    create_private_dir(parent_dir(lock_path))?;
    let file = open_lock_file(lock_path)?;
    file.lock()
        .with_context(|| format!("cannot lock {}", lock_path.display()))?;
    Ok(file)
}

/// Opens `lock_path` (creating it 0600, never truncating it) without locking it: the caller
/// locks, waiting ([`lock_exclusive`]) or not (the emulator's state file).
pub fn open_lock_file(lock_path: &Path) -> anyhow::Result<fs::File> {
    owner_only_options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path)
        .with_context(|| format!("cannot open the lock file {}", lock_path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("state.json")]);
    }

    #[test]
    fn a_bare_file_name_is_written_in_the_current_folder() {
        // The write itself is proven by the CLI test `emulator_state::a_bare_state_file_name_works`
        // (the working folder is the process's, shared by every unit test).
        assert_eq!(parent_dir(Path::new("state.json")), Path::new("."));
        assert_eq!(parent_dir(Path::new("/state.json")), Path::new("/"));
        assert_eq!(parent_dir(Path::new("a/state.json")), Path::new("a"));
    }
}
