//! The "watch is running" lock: at most one watch per course folder.
//!
//! Two watches on one course would both check every save and fight over the
//! screen's idea of the current exercise, so the second one refuses and names
//! the first. This lock is separate from the state lock: watch holds it for
//! its whole life, while state changes (from watch itself, or from `run` in
//! another terminal) keep taking the short-lived state lock.

use std::path::Path;

use super::error::StateError;
use super::holder::Holder;
use super::lock::{self, LockGuard};
use super::store::state_dir;

const WATCH_LOCK_FILE: &str = "watch.lock";

/// Proof that this process is the one watch of a course; dropping it lets
/// another watch start.
#[derive(Debug)]
pub struct WatchLock {
    _guard: LockGuard,
}

impl WatchLock {
    /// Becomes the course's one watch, or fails at once with
    /// [`StateError::AlreadyWatching`] naming the running one (no waiting:
    /// a watch runs until its learner quits it).
    pub fn acquire(course_root: &Path, holder: &Holder) -> Result<WatchLock, StateError> {
        let path = state_dir(course_root)?.join(WATCH_LOCK_FILE);
        match lock::try_acquire(&path, holder)? {
            Some(guard) => Ok(WatchLock { _guard: guard }),
            None => Err(StateError::AlreadyWatching {
                course: course_root.to_owned(),
                holder: lock::read_holder(&path),
            }),
        }
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

    #[test]
    fn the_watch_lock_does_not_block_state_changes() {
        let dir = tempfile::tempdir().unwrap();
        let _watch = WatchLock::acquire(dir.path(), &Holder::this_process("watch")).unwrap();
        let store = super::super::Store::open(dir.path()).unwrap();
        assert!(store.update(|state| state.mark_done("intro")).unwrap());
    }
}
