//! Why a course could not be loaded: its info.toml has problems (the course
//! is broken) or its folder or info.toml could not be read (the environment
//! is).
//!
//! Exit codes are not decided here: the runner's top-level error wraps this
//! one and maps the first case to 2 and the second to 3.

use std::io;
use std::path::PathBuf;

use super::problem::Problems;

/// A course that could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum CourseError {
    /// info.toml is invalid; every problem is listed.
    #[error("{problems}")]
    Invalid {
        /// Every problem found, each with file:line:col and field.
        problems: Problems,
    },
    /// The course folder or its info.toml could not be read.
    #[error("could not {action} {}", path.display())]
    Io {
        /// What the loader was doing, e.g. "read the course manifest".
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
}

impl CourseError {
    /// Whether the environment is at fault (a file that could not be read)
    /// rather than the course.
    pub fn is_environment(&self) -> bool {
        matches!(self, CourseError::Io { .. })
    }
}
