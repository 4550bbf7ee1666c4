//! What can stop `init`, `init --update`, `reset` or the writing of a
//! solution. Each variant says what to do next; the runner's top-level error
//! maps them to exit codes ([`CourseFolderError::is_environment`]). Like every
//! error here, the message leaves the OS error to the `source` chain, which
//! `main` prints.

use std::io;
use std::path::PathBuf;

use crate::text::shell_quote;

/// A failure while writing or restoring course files. Nothing of the
/// learner's is lost when one is returned.
#[derive(Debug, thiserror::Error)]
pub enum CourseFolderError {
    /// The binary was built from a repository that had no `info.toml`.
    #[error(
        "this typed-ai-rustlings has no course built in (the repository it was built from had no info.toml); \
         rebuild it from a repository with a course, or pass `--source <course repository>`"
    )]
    NoCourseBuiltIn,
    /// A course source folder without an `info.toml`.
    #[error("{} is not a course source: it has no info.toml", path.display())]
    NotACourseSource {
        /// The folder given as the source.
        path: PathBuf,
    },
    /// `init` into a folder that holds other things.
    #[error(
        "{} is not empty and is not a course folder; choose a new or empty folder \
         (init never writes into a folder with other files in it)",
        path.display()
    )]
    NotEmpty {
        /// The folder.
        path: PathBuf,
    },
    /// `init` into a folder that already is a course.
    #[error("{} is already a course folder; `typed-ai-rustlings init --update {}` brings it up to date", path.display(), shell_quote(&path.to_string_lossy()))]
    AlreadyACourse {
        /// The folder.
        path: PathBuf,
    },
    /// `init --update` (or `reset`) on a folder that is not a course.
    #[error("{} is not a course folder (it has no info.toml and no .typed-ai-rustlings/); `typed-ai-rustlings init {}` makes one", path.display(), shell_quote(&path.to_string_lossy()))]
    NotACourse {
        /// The folder.
        path: PathBuf,
    },
    /// An `info.toml`, library manifest or course record could not be read.
    #[error("{origin}, line {line}, column {column}: {problem}")]
    BadToml {
        /// Which file (e.g. "the built-in info.toml" or a path).
        origin: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        problem: String,
    },
    /// An exercise path that would leave the course folder.
    #[error(
        "{origin}: exercise `{name}` has path `{path}`; paths must be relative and stay inside exercises/"
    )]
    UnsafePath {
        /// Which info.toml.
        origin: String,
        /// The exercise.
        name: String,
        /// Its path as written.
        path: String,
    },
    /// A file the runner was about to write lies, through a symbolic link,
    /// outside the course folder.
    #[error(
        "{} leads outside the course folder, to {}, through a symbolic link; \
         nothing was written there (replace the link with a folder or file of the course)",
        path.display(),
        target.display()
    )]
    OutsideCourse {
        /// The path inside the course folder.
        path: PathBuf,
        /// Where following its links leads.
        target: PathBuf,
    },
    /// A course source's `library` that is neither a folder inside the
    /// source nor an absolute path.
    #[error(
        "{origin}: `library` is `{path}`; give the library crate's folder inside the course source \
         (e.g. \"crates/typed-ai\") or an absolute path, without `..`"
    )]
    UnsafeLibrary {
        /// Which info.toml.
        origin: String,
        /// The path as written.
        path: String,
    },
    /// The source has no pristine copy of a file the course refers to.
    #[error("{source_name} has no {key}")]
    MissingFromSource {
        /// The source, described for people.
        source_name: String,
        /// The missing file's key, e.g. `solutions/01_x/a.rs`.
        key: String,
    },
    /// `reset --tests` on an exercise whose course ships no tests block.
    #[error(
        "the course ships no tests for `{name}`: it is judged by what its program does, so there are no tests to restore"
    )]
    NoCourseTests {
        /// The exercise.
        name: String,
    },
    /// `reset --tests` on an exercise whose file is gone.
    #[error("{} is missing; `typed-ai-rustlings reset {name}` restores the whole exercise", path.display())]
    NoExerciseFile {
        /// The exercise.
        name: String,
        /// Its file.
        path: PathBuf,
    },
    /// No exercise of that name in the course.
    #[error("the course has no exercise named `{name}`")]
    UnknownExercise {
        /// The name asked for.
        name: String,
    },
    /// Reading or writing a file failed.
    #[error("could not {action} {}", path.display())]
    Io {
        /// What was being done.
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// The operating system's error.
        source: io::Error,
    },
}

impl CourseFolderError {
    /// Whether this is the environment's fault (a file system failure) rather
    /// than a usage or course problem.
    pub fn is_environment(&self) -> bool {
        matches!(self, CourseFolderError::Io { .. })
    }

    /// A TOML parse error in `text` (from `origin`), located by line and column.
    pub(super) fn from_toml(err: &toml::de::Error, text: &str, origin: &str) -> CourseFolderError {
        let at = err.span().map_or(0, |span| span.start);
        let before = text.get(..at).unwrap_or(text);
        CourseFolderError::BadToml {
            origin: origin.to_owned(),
            line: before.matches('\n').count() + 1,
            column: before
                .rsplit('\n')
                .next()
                .map_or(0, |last| last.chars().count())
                + 1,
            problem: err.message().trim().to_owned(),
        }
    }

    pub(super) fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(io::Error) -> CourseFolderError {
        let path = path.into();
        move |source| CourseFolderError::Io {
            action,
            path,
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_file_system_failures_are_the_environments_fault() {
        let io = CourseFolderError::Io {
            action: "write",
            path: PathBuf::from("x"),
            source: io::Error::other("disk full"),
        };
        assert!(io.is_environment());
        assert!(
            !CourseFolderError::NotEmpty {
                path: PathBuf::from("x")
            }
            .is_environment()
        );
        assert!(!CourseFolderError::NoCourseBuiltIn.is_environment());
    }
}
