//! The "watch is running" lock: at most one watch per course folder.
//!
//! Two watches on one course would both check every save and fight over the
//! screen's idea of the current exercise, so the second one refuses and names
//! the first. This lock is separate from the state lock: watch holds it for
//! its whole life, while state changes (from watch itself, or from `run` in
//! another terminal) keep taking the short-lived state lock.
//!
//! A lock is a lock on a file: deleting the progress folder while watch runs
//! would free the way for a second watch. [`WatchLock::ensure`] notices and
//! takes the lock again on a new file.

use std::path::{Path, PathBuf};

use super::error::StateError;
use super::holder::Holder;
use super::lock::{self, LockGuard};
use super::store::state_dir;

const WATCH_LOCK_FILE: &str = "watch.lock";

/// Proof that this process is the one watch of a course; dropping it lets
/// another watch start.
#[derive(Debug)]
pub struct WatchLock {
    /// `None` only inside [`WatchLock::ensure`], between letting go of a
    /// lost lock and taking the new one.
    guard: Option<LockGuard>,
    course: PathBuf,
    path: PathBuf,
    holder: Holder,
}

impl WatchLock {
    /// Becomes the course's one watch, or fails at once with
    /// [`StateError::AlreadyWatching`] naming the running one (no waiting:
    /// a watch runs until its learner quits it).
    pub fn acquire(course_root: &Path, holder: &Holder) -> Result<WatchLock, StateError> {
        let path = state_dir(course_root)?.join(WATCH_LOCK_FILE);
        let guard = take(course_root, &path, holder)?;
        Ok(WatchLock {
            guard: Some(guard),
            course: course_root.to_owned(),
            path,
            holder: holder.clone(),
        })
    }

    /// Makes sure this watch still holds the lock at its place: when its file
    /// was deleted (with the progress folder, say), the folder and the file
    /// are made again and locked. `Ok(true)` when that was needed;
    /// [`StateError::AlreadyWatching`] when another watch took the course
    /// in between.
    pub fn ensure(&mut self) -> Result<bool, StateError> {
        if self
            .guard
            .as_ref()
            .is_some_and(|guard| guard.still_at(&self.path))
        {
            return Ok(false);
        }
        // Let go of the lost lock first: its guard removes the holder note
        // by name, which must not take the new lock's note with it.
        drop(self.guard.take());
        self.guard = Some(take(&self.course, &self.path, &self.holder)?);
        Ok(true)
    }
}

fn take(course: &Path, path: &Path, holder: &Holder) -> Result<LockGuard, StateError> {
    match lock::try_acquire(path, holder)? {
        Some(guard) => Ok(guard),
        None => Err(StateError::AlreadyWatching {
            course: course.to_owned(),
            holder: lock::read_holder(path),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_watch_refuses_and_names_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let first = Holder {
            pid: 1234,
            command: "typed-ai-rustlings watch".to_owned(),
        };
        let running = WatchLock::acquire(dir.path(), &first).unwrap();
        let err = WatchLock::acquire(
            dir.path(),
            &Holder::this_process("typed-ai-rustlings watch"),
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("watch is already running")
                && err
                    .to_string()
                    .contains("held by typed-ai-rustlings watch, pid 1234"),
            "{err}"
        );
        drop(running);
        assert!(WatchLock::acquire(dir.path(), &first).is_ok());
    }

    // Windows does not delete a folder holding an open file.
    #[cfg(unix)]
    #[test]
    fn a_deleted_progress_folder_is_made_again_with_the_lock_held() {
        let dir = tempfile::tempdir().unwrap();
        let holder = Holder::this_process("typed-ai-rustlings watch");
        let mut running = WatchLock::acquire(dir.path(), &holder).unwrap();
        assert!(
            !running.ensure().unwrap(),
            "nothing to do while it is there"
        );
        std::fs::remove_dir_all(dir.path().join(crate::state::STATE_DIR)).unwrap();
        assert!(running.ensure().unwrap(), "made again");
        let second = WatchLock::acquire(dir.path(), &holder).unwrap_err();
        assert!(
            matches!(second, StateError::AlreadyWatching { .. }),
            "{second:?}"
        );
        assert_eq!(
            lock::read_holder(
                &dir.path()
                    .join(crate::state::STATE_DIR)
                    .join(WATCH_LOCK_FILE)
            ),
            Some(holder),
            "the holder note belongs to the lock taken again"
        );
    }

    // Windows does not delete a folder holding an open file.
    #[cfg(unix)]
    #[test]
    fn a_second_watch_that_took_the_new_folder_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let mut first =
            WatchLock::acquire(dir.path(), &Holder::this_process("first watch")).unwrap();
        std::fs::remove_dir_all(dir.path().join(crate::state::STATE_DIR)).unwrap();
        let _second = WatchLock::acquire(
            dir.path(),
            &Holder {
                pid: 4321,
                command: "typed-ai-rustlings watch".to_owned(),
            },
        )
        .unwrap();
        let err = first.ensure().unwrap_err();
        assert!(err.to_string().contains("pid 4321"), "{err}");
    }

    #[test]
    fn the_watch_lock_does_not_block_state_changes() {
        let dir = tempfile::tempdir().unwrap();
        let _watch = WatchLock::acquire(dir.path(), &Holder::this_process("watch")).unwrap();
        let store = super::super::Store::open(dir.path()).unwrap();
        assert!(store.update(|state| state.mark_done("intro")).unwrap());
    }
}
