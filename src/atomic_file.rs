//! Writing a file so that a reader (or a crash) sees either the old content
//! or the new one, never a mix or a truncated file.
//!
//! The new bytes go to a temporary file in the same folder (so the rename
//! cannot cross file systems), and the temporary file is renamed over the
//! target. Two strengths, chosen by what losing the write would cost:
//!
//! - [`write`] and [`stage`], for what only the learner or the course has
//!   (progress, exercise files and their backups, the course record): the
//!   bytes are flushed to disk before the rename and, on Unix, the folder
//!   after it, so the rename itself survives a power loss.
//! - [`write_rebuildable`], for what the runner rebuilds when it is missing
//!   or unreadable (the verdict cache, the toolchain probe, the library
//!   record, challenge records, all under the target folder): nothing is
//!   flushed. A crash may lose the new content, which costs a rebuild; an
//!   fsync per verdict would cost every check its latency.
//!
//! A temporary file is named after the process writing it
//! (`.typed-ai-rustlings-<pid>-<random>.tmp`), so that one left behind by a
//! process killed mid-write can be told from one being written right now:
//! [`clean_leftovers`] removes those of processes that are gone, and every
//! durable write does so in its folder first.
//!
//! Locking is not this file's job: callers that read, modify and write hold
//! the store's lock around it.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// New content, flushed to a temporary file beside its target but not yet in
/// place. Dropping it without [`Staged::commit`] leaves the target untouched
/// and removes the temporary file.
pub(crate) struct Staged {
    temp: NamedTempFile,
    target: PathBuf,
}

/// Writes `bytes` to a temporary file next to `target` and flushes it.
pub(crate) fn stage(target: &Path, bytes: &[u8]) -> io::Result<Staged> {
    clean_leftovers(parent_of(target));
    let mut temp = temp_beside(target)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    Ok(Staged {
        temp,
        target: target.to_owned(),
    })
}

impl Staged {
    /// Gives the new file the permissions of `like` (the file it replaces),
    /// so a restored exercise is as editable as the learner's own was; a
    /// file that replaces nothing gets the usual `rw-r--r--` rather than the
    /// temporary file's owner-only mode.
    pub(crate) fn keep_permissions_of(&self, like: &Path) -> io::Result<()> {
        match std::fs::metadata(like) {
            Ok(meta) => self.temp.as_file().set_permissions(meta.permissions()),
            Err(err) if err.kind() == io::ErrorKind::NotFound => self.set_ordinary_permissions(),
            Err(err) => Err(err),
        }
    }

    #[cfg(unix)]
    fn set_ordinary_permissions(&self) -> io::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        self.temp
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
    }

    #[cfg(not(unix))]
    fn set_ordinary_permissions(&self) -> io::Result<()> {
        Ok(())
    }

    /// Renames the temporary file over the target and flushes the folder.
    pub(crate) fn commit(self) -> io::Result<()> {
        let Staged { temp, target } = self;
        temp.persist(&target).map_err(|err| err.error)?;
        sync_folder(parent_of(&target))
    }
}

/// [`stage`] then [`Staged::commit`].
pub(crate) fn write(target: &Path, bytes: &[u8]) -> io::Result<()> {
    stage(target, bytes)?.commit()
}

/// Replaces `target` with `bytes` atomically but without flushing anything
/// to disk, creating its folder if needed: for files the runner can rebuild
/// (see the module doc).
pub(crate) fn write_rebuildable(target: &Path, bytes: &[u8]) -> io::Result<()> {
    std::fs::create_dir_all(parent_of(target))?;
    let mut temp = temp_beside(target)?;
    temp.write_all(bytes)?;
    temp.persist(target).map_err(|err| err.error)?;
    Ok(())
}

/// The start of every temporary file's name; the writer's pid follows.
const TEMP_PREFIX: &str = ".typed-ai-rustlings-";

/// A new temporary file in `target`'s folder, named so that one left behind
/// by a crash is recognisably ours, and whose (see [`clean_leftovers`]).
fn temp_beside(target: &Path) -> io::Result<NamedTempFile> {
    tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
        .suffix(".tmp")
        .tempfile_in(parent_of(target))
}

/// Removes from `folder` what runner processes that are gone left there: a
/// temporary file of a write they never finished, and the half-written note
/// of a lock holder (`<lock>.holder.<pid>`, from older runners). A file of a
/// process still running is kept, whatever its age; so is everything when
/// the platform cannot say whether a process is running. Best effort: a
/// file that cannot be removed stays for the next time.
pub(crate) fn clean_leftovers(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(leftover_pid) else {
            continue;
        };
        if pid != std::process::id() && process_is_gone(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The pid in the name of a file a runner process leaves while it writes.
fn leftover_pid(name: &str) -> Option<u32> {
    let digits = match name.strip_prefix(TEMP_PREFIX) {
        Some(rest) if name.ends_with(".tmp") => rest.split('-').next()?,
        _ => name.rsplit_once(".holder.")?.1,
    };
    if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Whether no process has id `pid` (a process of another user counts as
/// running).
#[cfg(unix)]
fn process_is_gone(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    matches!(
        rustix::process::test_kill_process(pid),
        Err(rustix::io::Errno::SRCH)
    )
}

/// Without a safe way to ask, every process counts as running: nothing is
/// removed.
#[cfg(not(unix))]
fn process_is_gone(_pid: u32) -> bool {
    false
}

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Makes a rename in `folder` durable. Only Unix lets a folder be opened and
/// flushed; elsewhere the rename is as durable as the OS makes it.
#[cfg(unix)]
pub(crate) fn sync_folder(folder: &Path) -> io::Result<()> {
    File::open(folder)?.sync_all()
}

/// Makes a rename in `folder` durable (a no-op where folders cannot be
/// flushed).
#[cfg(not(unix))]
pub(crate) fn sync_folder(_folder: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(folder: &Path) -> Vec<String> {
        std::fs::read_dir(folder)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn leftovers_are_known_by_name_and_only_those_of_gone_processes_go() {
        assert_eq!(
            leftover_pid(".typed-ai-rustlings-4242-Ab3xYz.tmp"),
            Some(4242)
        );
        assert_eq!(leftover_pid("state.lock.holder.4242"), Some(4242));
        assert_eq!(leftover_pid("watch.lock.holder.17"), Some(17));
        for ours_but_not_a_leftover in [
            "state.toml",
            "state.lock.holder",
            "state.lock",
            ".typed-ai-rustlings-Ab3xYz.tmp",
            "state.lock.holder.12x",
            "intro.rs.bak-2",
            "state.toml.corrupt-20250101T000000Z",
        ] {
            assert_eq!(
                leftover_pid(ours_but_not_a_leftover),
                None,
                "{ours_but_not_a_leftover}"
            );
        }

        let dir = tempfile::tempdir().unwrap();
        // A process that is surely gone: one we started and waited for.
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .arg("--list")
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let alive = std::process::id();
        let names = [
            format!(".typed-ai-rustlings-{dead}-abc.tmp"),
            format!("state.lock.holder.{dead}"),
            format!(".typed-ai-rustlings-{alive}-abc.tmp"),
            format!("state.lock.holder.{alive}"),
            "state.toml".to_owned(),
        ];
        for name in &names {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        clean_leftovers(dir.path());
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mut expected: Vec<String> = if cfg!(unix) {
            names[2..].to_vec()
        } else {
            names.to_vec()
        };
        expected.sort();
        assert_eq!(left, expected);
    }

    #[test]
    fn write_replaces_the_content() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.toml");
        write(&path, b"old").unwrap();
        write(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_rebuildable_write_creates_its_folder_and_replaces_the_content() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("verdicts");
        let path = folder.join("intro.json");
        write_rebuildable(&path, b"old").unwrap();
        write_rebuildable(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert!(leftovers(&folder).is_empty());
    }

    #[test]
    fn staged_content_is_invisible_until_committed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.toml");
        write(&path, b"old").unwrap();
        let staged = stage(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        staged.commit().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
    }

    #[test]
    fn a_crash_between_write_and_rename_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.toml");
        write(&path, b"old").unwrap();
        let staged = stage(&path, b"new content that never lands").unwrap();
        // A crash runs no destructor: the temporary file stays behind, the
        // rename never happens.
        std::mem::forget(staged);
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(leftovers(dir.path()).len(), 1);
    }

    #[test]
    fn an_abandoned_stage_cleans_up_its_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.toml");
        drop(stage(&path, b"never").unwrap());
        assert!(!path.exists());
        assert!(leftovers(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions_when_asked() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("exercise.rs");
        std::fs::write(&path, b"fn main() {}").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        let staged = stage(&path, b"fn main() { }").unwrap();
        staged.keep_permissions_of(&path).unwrap();
        staged.commit().unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);

        let new = dir.path().join("new.rs");
        let staged = stage(&new, b"fn main() {}").unwrap();
        staged.keep_permissions_of(&new).unwrap();
        staged.commit().unwrap();
        let mode = std::fs::metadata(&new).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644, "a new file is not left owner-only");
    }
}
