//! The runner's error type: broken tooling, a broken course or a usage mistake.
//!
//! A learner's failing exercise is NOT an error; it is an `Outcome`. Each
//! variant keeps its context as fields and maps to one exit code class
//! (`exit_code.rs`). `main` prints the chain once.

use std::io;
use std::path::PathBuf;

use crate::course::CourseError;
use crate::course_folder::CourseFolderError;
use crate::exit_code;
use crate::location::LocationError;
use crate::state::StateError;

/// Everything that can stop a command before it produces its report.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The course could not be loaded: info.toml is invalid (every problem
    /// is listed) or could not be read.
    #[error(transparent)]
    Course(#[from] CourseError),

    /// No exercise has that name.
    #[error("no exercise is called `{name}`{}", did_you_mean(suggestion.as_deref()))]
    UnknownExercise {
        /// The name asked for.
        name: String,
        /// The closest existing name, if any is close.
        suggestion: Option<String>,
    },

    /// The exercise's file is missing from the course folder.
    #[error("exercise `{name}`: its file {} is missing (`typed-ai-rustlings reset {name}` restores it)", path.display())]
    MissingExerciseFile {
        /// The exercise.
        name: String,
        /// Where its file should be.
        path: PathBuf,
    },

    /// The command line is inconsistent in a way clap cannot see.
    #[error("{message}")]
    Usage {
        /// What is wrong and what to write instead.
        message: String,
    },

    /// The Rust toolchain is missing, too old or broken.
    #[error("{problem}\n  {install}")]
    Toolchain {
        /// What is wrong, e.g. "rustc 1.80.0 is older than 1.88".
        problem: String,
        /// What to install or run.
        install: String,
    },

    /// The course's library does not compile: the course is broken, not the learner's work.
    #[error("the course library at {} does not build; this is a problem with the course, not with your exercise:\n{rendered}", library.display())]
    LibraryBuild {
        /// The library folder.
        library: PathBuf,
        /// cargo's rendered errors.
        rendered: String,
    },

    /// A course pack failed the checks `init` runs before using it, so
    /// nothing was written.
    #[error(
        "{what}: the course pack at {} fails `verify --pack`:\n{}\n  \
         Nothing was changed. Fix the pack (`typed-ai-rustlings verify --pack` in it lists every problem) and try again.",
        pack.display(),
        indented(problems)
    )]
    PackRefused {
        /// The pack.
        pack: PathBuf,
        /// What was refused, e.g. "init --update refused".
        what: String,
        /// Every problem found, one sentence (and its details) each.
        problems: Vec<String>,
    },

    /// A tool ran but failed in a way that is not about the course (e.g. cargo
    /// could not resolve or fetch something).
    #[error("`{command}` failed ({status}):\n{output}")]
    ToolFailed {
        /// The command line.
        command: String,
        /// Its exit status.
        status: String,
        /// What it printed.
        output: String,
    },

    /// The compiler did not give a verdict: it was killed by a signal, ran
    /// past its time limit, or failed without reporting an error. Not the
    /// learner's doing, so never cached.
    #[error("the compiler failed on `{command}`: {problem}{}", last_lines(output))]
    CompilerFailed {
        /// The command line.
        command: String,
        /// What happened, e.g. "it was killed by signal 9".
        problem: String,
        /// What it printed.
        output: String,
    },

    /// Untrusted code would have to run unconfined, and `--no-confine` was
    /// not given (or confining a process failed).
    #[error(
        "{reason}\n  pass --no-confine to run the builds and tests without confinement, only for code you trust"
    )]
    Unconfinable {
        /// Why this system cannot confine, in one line.
        reason: String,
    },

    /// The check was stopped before it finished (watch quitting, Ctrl-C,
    /// SIGTERM or SIGHUP).
    #[error("the check was stopped before it finished")]
    Stopped,

    /// The terminal could not be set up, drawn on or restored.
    #[error("could not {action} the terminal")]
    Terminal {
        /// What watch was doing, e.g. "draw the watch screen on".
        action: &'static str,
        /// Why.
        #[source]
        source: io::Error,
    },

    /// A thread of the runner stopped by a panic: a bug in typed-ai-rustlings.
    #[error("{what} stopped unexpectedly; this is a bug in typed-ai-rustlings, please report it")]
    RunnerBug {
        /// Which part, e.g. "the watch check thread".
        what: String,
    },

    /// A process could not be started.
    #[error("could not start `{command}`")]
    Spawn {
        /// The command line.
        command: String,
        /// Why.
        #[source]
        source: io::Error,
    },

    /// The learner's progress could not be read or written.
    #[error(transparent)]
    State(#[from] StateError),

    /// A course folder could not be written or restored.
    #[error(transparent)]
    CourseFolder(#[from] CourseFolderError),

    /// The report could not be written (to stdout or stderr).
    #[error("could not write the report")]
    Output {
        /// Why; a broken pipe (`| head`) is treated as success by `main`.
        #[source]
        source: io::Error,
    },

    /// No course was found from the current folder.
    #[error(transparent)]
    Location(#[from] LocationError),

    /// A file or folder could not be read or written.
    #[error("could not {action} {}", path.display())]
    Io {
        /// What the runner was doing, e.g. "read the course manifest".
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
}

impl Error {
    /// The documented exit code for this error's class.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::UnknownExercise { .. }
            | Error::MissingExerciseFile { .. }
            | Error::Usage { .. }
            | Error::LibraryBuild { .. }
            | Error::PackRefused { .. } => exit_code::USAGE_OR_COURSE,
            Error::Toolchain { .. }
            | Error::ToolFailed { .. }
            | Error::Spawn { .. }
            | Error::Output { .. }
            | Error::CompilerFailed { .. }
            | Error::Unconfinable { .. }
            | Error::Terminal { .. }
            | Error::Io { .. } => exit_code::ENVIRONMENT,
            Error::Stopped => exit_code::INTERRUPTED,
            Error::RunnerBug { .. } => exit_code::RUNNER_BUG,
            // A busy or unwritable state file is the environment's problem; a
            // state file from a newer runner, or a second watch, is a usage one.
            Error::State(StateError::Io { .. } | StateError::Locked { .. }) => {
                exit_code::ENVIRONMENT
            }
            Error::State(StateError::NewerFormat { .. } | StateError::AlreadyWatching { .. }) => {
                exit_code::USAGE_OR_COURSE
            }
            Error::Course(error) | Error::Location(LocationError::Pack { source: error, .. })
                if error.is_environment() =>
            {
                exit_code::ENVIRONMENT
            }
            Error::Course(_) => exit_code::USAGE_OR_COURSE,
            Error::CourseFolder(error) | Error::Location(LocationError::Init(error))
                if error.is_environment() =>
            {
                exit_code::ENVIRONMENT
            }
            Error::CourseFolder(_) | Error::Location(_) => exit_code::USAGE_OR_COURSE,
        }
    }

    /// Whether this is a write to a closed pipe (`verify | head`), which is
    /// not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output { source } if source.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// The last lines of a tool's output, indented under the message (nothing
/// when it printed nothing).
fn last_lines(output: &str) -> String {
    const SHOWN: usize = 20;
    let lines: Vec<&str> = output.trim_end().lines().collect();
    if lines.is_empty() {
        return String::new();
    }
    let start = lines.len().saturating_sub(SHOWN);
    let mut text = String::from(if start > 0 {
        "\n  it printed, at the end:"
    } else {
        "\n  it printed:"
    });
    for line in &lines[start..] {
        text.push_str("\n    ");
        text.push_str(&crate::text::sanitize(line, false));
    }
    text
}

/// Each problem on its own lines: its first line indented by two spaces, the
/// lines after it (details such as test output) by four.
fn indented(problems: &[String]) -> String {
    let mut text = String::new();
    for problem in problems {
        for (index, line) in problem.trim_end().lines().enumerate() {
            if !text.is_empty() {
                text.push('\n');
            }
            match (index, line.trim_end()) {
                (_, "") => {}
                (0, line) => text.push_str(&format!("  {line}")),
                (_, line) => text.push_str(&format!("    {line}")),
            }
        }
    }
    text
}

fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion.map_or_else(String::new, |name| format!("; did you mean `{name}`?"))
}

/// `error` and each of its sources, as text, leaving out a cause whose text
/// is already part of what came before (thiserror messages often embed their
/// source). `main` prints them one per line; watch joins them on one line.
pub fn causes(error: &dyn std::error::Error) -> Vec<String> {
    let mut texts = vec![error.to_string()];
    let mut printed = texts[0].clone();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !printed.contains(&text) {
            printed.push_str(&text);
            texts.push(text);
        }
        source = cause.source();
    }
    texts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn causes_list_each_source_once() {
        let error = Error::Io {
            action: "write",
            path: std::path::PathBuf::from("state.toml"),
            source: std::io::Error::other("disk full"),
        };
        let texts = causes(&error);
        assert_eq!(texts[0], error.to_string());
        assert_eq!(
            texts
                .iter()
                .filter(|text| text.contains("disk full"))
                .count(),
            1,
            "{texts:?}"
        );
    }
}
