//! Exclusive advisory file locks, each with a sidecar file that names its
//! holder so that a process kept waiting can say who it waited for.
//!
//! The lock is an OS file lock (`flock` on Unix, `LockFileEx` on Windows,
//! through `fs4`), so it is released by the OS when its holder exits or
//! crashes: there is no stale lock to clean up. The holder's pid and command
//! go into a separate `<lock>.holder` file rather than into the locked file
//! because Windows forbids reading a byte-range-locked file. The sidecar is
//! informational only; correctness rests on the OS lock alone.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use fs4::{FileExt, TryLockError};

use super::error::StateError;
use super::holder::Holder;
use crate::atomic_file;

/// A held lock. Dropping it removes the sidecar and releases the lock.
#[derive(Debug)]
pub(super) struct LockGuard {
    file: File,
    lock: PathBuf,
    sidecar: PathBuf,
}

impl LockGuard {
    /// Whether the file this guard locks is still the one at `lock` (it is
    /// not when the progress folder was deleted, or the file replaced,
    /// while the lock was held: a lock on a file that no longer has a name
    /// keeps nobody out).
    #[cfg(unix)]
    pub(super) fn still_at(&self, lock: &Path) -> bool {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(lock), self.file.metadata()) {
            (Ok(named), Ok(held)) => named.dev() == held.dev() && named.ino() == held.ino(),
            _ => false,
        }
    }

    /// Whether the file this guard locks is still at `lock` (Windows does
    /// not let an open file be deleted, so its name is enough).
    #[cfg(not(unix))]
    pub(super) fn still_at(&self, lock: &Path) -> bool {
        lock.is_file()
    }
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        // Sidecar first: once the lock is free, a stale sidecar would name
        // the wrong holder. Not when the lock file was replaced meanwhile
        // (its folder deleted and made again): the sidecar there is the new
        // holder's. Both are best effort; closing the file releases the lock
        // in any case.
        if self.still_at(&self.lock) {
            let _ = std::fs::remove_file(&self.sidecar);
        }
        let _ = FileExt::unlock(&self.file);
    }
}

fn sidecar_of(lock: &Path) -> PathBuf {
    let mut name = lock.as_os_str().to_owned();
    name.push(".holder");
    PathBuf::from(name)
}

/// Takes the lock at `lock` if it is free right now; `Ok(None)` if another
/// process (or another handle in this process) holds it.
/// The progress folder is made again when it is missing (deleted while the
/// runner ran): the lock, and the progress after it, must stay writable.
pub(super) fn try_acquire(lock: &Path, holder: &Holder) -> Result<Option<LockGuard>, StateError> {
    let open = || {
        OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(lock)
    };
    let opened = match open() {
        Err(error) if error.kind() == io::ErrorKind::NotFound => match lock.parent() {
            Some(folder) => std::fs::create_dir_all(folder).and_then(|()| open()),
            None => Err(error),
        },
        other => other,
    };
    let file = opened.map_err(|source| StateError::Io {
        action: "open the lock file",
        path: lock.to_owned(),
        source,
    })?;
    // Called through the trait on purpose: `File::try_lock` is also an
    // inherent method since Rust 1.89, newer than this crate's MSRV.
    match FileExt::try_lock(&file) {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => return Ok(None),
        Err(TryLockError::Error(source)) => {
            return Err(StateError::Io {
                action: "lock",
                path: lock.to_owned(),
                source,
            });
        }
    }
    let sidecar = sidecar_of(lock);
    // Informational: a failure to describe ourselves must not block the
    // learner, so it is ignored.
    let _ = write_sidecar(&sidecar, holder);
    Ok(Some(LockGuard {
        file,
        lock: lock.to_owned(),
        sidecar,
    }))
}

/// Takes the lock at `lock`, waiting up to `wait` for its holder to finish.
pub(super) fn acquire(
    lock: &Path,
    holder: &Holder,
    wait: Duration,
) -> Result<LockGuard, StateError> {
    let start = Instant::now();
    // Holders keep the state lock for a read, a small change and a write:
    // milliseconds. Poll quickly at first, then back off.
    let mut pause = Duration::from_millis(1);
    loop {
        if let Some(guard) = try_acquire(lock, holder)? {
            return Ok(guard);
        }
        let waited = start.elapsed();
        if waited >= wait {
            return Err(StateError::Locked {
                path: lock.to_owned(),
                holder: read_holder(lock),
                waited,
            });
        }
        thread::sleep(pause.min(wait - waited));
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}

/// Who holds (or last held) the lock at `lock`, if it said.
pub(super) fn read_holder(lock: &Path) -> Option<Holder> {
    let text = std::fs::read_to_string(sidecar_of(lock)).ok()?;
    toml::from_str(&text).ok()
}

fn write_sidecar(sidecar: &Path, holder: &Holder) -> io::Result<()> {
    let text = toml::to_string(holder).map_err(io::Error::other)?;
    // Written beside and renamed so a reader never sees half of it, under a
    // temporary name that says whose it is (a holder killed half-way leaves
    // one, which the next runner removes); no fsync, since losing it in a
    // power cut costs nothing.
    atomic_file::write_rebuildable(sidecar, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_handle_cannot_take_a_held_lock_until_it_is_released() {
        let dir = tempfile::tempdir().unwrap();
        let lock = dir.path().join("state.lock");
        let first = try_acquire(&lock, &Holder::this_process("first")).unwrap();
        assert!(first.is_some());
        assert!(
            try_acquire(&lock, &Holder::this_process("second"))
                .unwrap()
                .is_none()
        );
        drop(first);
        assert!(
            try_acquire(&lock, &Holder::this_process("second"))
                .unwrap()
                .is_some()
        );
    }

    #[test]
    fn a_held_lock_is_reported_with_its_holder_after_the_wait() {
        let dir = tempfile::tempdir().unwrap();
        let lock = dir.path().join("state.lock");
        let holder = Holder {
            pid: 4242,
            command: "typed-ai-rustlings watch".to_owned(),
        };
        let _held = try_acquire(&lock, &holder).unwrap().unwrap();
        let err = acquire(
            &lock,
            &Holder::this_process("typed-ai-rustlings run"),
            Duration::from_millis(30),
        )
        .unwrap_err();
        match &err {
            StateError::Locked {
                holder: Some(found),
                waited,
                ..
            } => {
                assert_eq!(found, &holder);
                assert!(*waited >= Duration::from_millis(30));
            }
            other => panic!("expected Locked with a holder, got {other:?}"),
        }
        assert!(
            err.to_string()
                .contains("held by typed-ai-rustlings watch, pid 4242"),
            "{err}"
        );
    }

    // Windows does not delete a folder holding an open file.
    #[cfg(unix)]
    #[test]
    fn a_lock_in_a_deleted_folder_makes_the_folder_again_and_knows_it_was_moved() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join(".typed-ai-rustlings");
        let lock = folder.join("state.lock");
        std::fs::create_dir(&folder).unwrap();
        let first = try_acquire(&lock, &Holder::this_process("first"))
            .unwrap()
            .unwrap();
        assert!(first.still_at(&lock));
        std::fs::remove_dir_all(&folder).unwrap();
        assert!(!first.still_at(&lock), "its file is gone");
        // A new lock file in a new folder: the old lock does not hold it.
        let second = try_acquire(&lock, &Holder::this_process("second"))
            .unwrap()
            .expect("the new file is free");
        assert!(second.still_at(&lock));
        assert!(!first.still_at(&lock));
    }

    #[test]
    fn releasing_removes_the_holder_note() {
        let dir = tempfile::tempdir().unwrap();
        let lock = dir.path().join("state.lock");
        let guard = try_acquire(&lock, &Holder::this_process("x"))
            .unwrap()
            .unwrap();
        assert_eq!(read_holder(&lock).unwrap().command, "x");
        drop(guard);
        assert_eq!(read_holder(&lock), None);
    }

    #[test]
    fn a_waiter_gets_the_lock_once_the_holder_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let lock = dir.path().join("state.lock");
        let held = try_acquire(&lock, &Holder::this_process("holder"))
            .unwrap()
            .unwrap();
        thread::scope(|scope| {
            let waiter = scope.spawn(|| {
                acquire(
                    &lock,
                    &Holder::this_process("waiter"),
                    Duration::from_secs(60),
                )
            });
            thread::sleep(Duration::from_millis(20));
            drop(held);
            let guard = waiter.join().unwrap().unwrap();
            assert_eq!(read_holder(&lock).unwrap().command, "waiter");
            drop(guard);
        });
    }
}
