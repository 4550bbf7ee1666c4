//! What can go wrong with the state store ([`StateError`], which stops a
//! command) and what it recovers from but must tell the learner about
//! ([`StateWarning`]).
//!
//! Exit codes are not decided here: the runner's top-level error maps these
//! (a held lock or an I/O failure is an environment problem; a state file
//! from a newer runner is a usage problem).

use std::io;
use std::path::PathBuf;
use std::time::Duration;

use super::holder::Holder;

/// A failure that stops a state operation; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// Reading, writing, renaming or locking a file failed.
    #[error("could not {action} {}", path.display())]
    Io {
        /// What the store was doing, e.g. "write the progress file".
        action: &'static str,
        /// The file or folder involved.
        path: PathBuf,
        /// The operating system's error.
        source: io::Error,
    },
    /// Another process held the state lock for longer than the store waits.
    #[error(
        "the progress file {} is busy: {}; waited {} s. Try again when it has finished",
        path.display(),
        describe_holder(holder.as_ref()),
        waited.as_secs_f32().round()
    )]
    Locked {
        /// The lock file.
        path: PathBuf,
        /// Who holds it, if they said.
        holder: Option<Holder>,
        /// How long the store waited.
        waited: Duration,
    },
    /// A second `watch` on a course that already has one open.
    #[error(
        "watch is already running on the course at {} ({}); switch to that window, or quit it first",
        course.display(),
        describe_holder(holder.as_ref())
    )]
    AlreadyWatching {
        /// The course folder.
        course: PathBuf,
        /// The running watch, if it said.
        holder: Option<Holder>,
    },
    /// The state file was written by a newer runner; it is left untouched.
    #[error(
        "{} has format_version = {found}, but this typed-ai-rustlings understands only {supported}; \
         update typed-ai-rustlings (the file is left as it is)",
        path.display()
    )]
    NewerFormat {
        /// The state file.
        path: PathBuf,
        /// The version in the file.
        found: u32,
        /// The version this runner writes.
        supported: u32,
    },
}

fn describe_holder(holder: Option<&Holder>) -> String {
    match holder {
        Some(holder) => format!("held by {holder}"),
        None => "held by another process that did not say which".to_owned(),
    }
}

/// Something the store recovered from that the learner must hear about.
///
/// The store queues these; the caller shows them with
/// [`Store::take_warnings`](super::Store::take_warnings). Any the caller
/// never takes are printed to stderr when the store is dropped, so none is
/// ever lost silently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StateWarning {
    /// The state file could not be read; it was moved aside and progress
    /// starts empty.
    Corrupt {
        /// The state file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong, in the parser's words.
        problem: String,
        /// Where the damaged file now is.
        backup: PathBuf,
    },
    /// The state mentions exercises the course no longer has. They are kept
    /// (a newer course may bring them back) and ignored.
    UnknownExercises {
        /// The names, sorted.
        names: Vec<String>,
    },
}

impl std::fmt::Display for StateWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StateWarning::Corrupt {
                path,
                line,
                column,
                problem,
                backup,
            } => write!(
                f,
                "warning: your progress file {}:{line}:{column} is damaged: {problem}\n  \
                 kept it as {} and started from empty progress;\n  \
                 run `typed-ai-rustlings verify` to mark every exercise that already passes as done again",
                path.display(),
                backup.display()
            ),
            StateWarning::UnknownExercises { names } => write!(
                f,
                "note: your progress mentions exercises this course does not have: {}\n  \
                 they are kept (a newer course may bring them back) and otherwise ignored",
                names.join(", ")
            ),
        }
    }
}
