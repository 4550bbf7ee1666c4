//! The result of checking one file: a [`Verdict`] holding an [`Outcome`].
//!
//! A failing exercise is a value here, never an `Error`: compile errors, a
//! failed test, a test the course ships that never ran, a panic, an `Err`
//! from `main`, output that lacks what the exercise must print and a
//! timeout are all outcomes. A [`Summary`] is the part of a verdict that is
//! kept between checks to say what changed.

use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::captured::CapturedOutput;
use super::diagnostic::{CompilerOutput, Origin};
use super::execute::Exit;
use super::harness::{TestRun, TestStatus};
use super::obligations::{ObligationResult, ObligationStatus};
use super::source::TestsDiffer;

/// How the check of one file ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// It compiled and its tests passed (test mode) or `main` exited 0 (run mode).
    Passed {
        /// What it printed.
        output: CapturedOutput,
    },
    /// It did not compile; the errors are in the verdict's compiler output.
    CompileError,
    /// It compiled, and these tests failed (the course's, or tests the
    /// learner added).
    TestsFailed {
        /// Failed tests, as the harness names them (`tests::sums_to_one`).
        failed: Vec<String>,
        /// The harness's exit.
        exit: Exit,
        /// What the tests printed.
        output: CapturedOutput,
    },
    /// It compiled and no test failed, but these tests the course ships were
    /// never reported as passed (the harness ended before them, or they are
    /// ignored), or no test ran at all (`missing` empty): a pass needs every
    /// shipped test run and passed.
    TestsNotRun {
        /// The shipped tests not reported as passed.
        missing: Vec<String>,
        /// The harness's exit.
        exit: Exit,
        /// What the tests printed.
        output: CapturedOutput,
    },
    /// It compiled and `main` exited 0, but its output lacks fragments the
    /// exercise's pass contract (`[exercises.pass]`) requires.
    OutputMissing {
        /// The fragments not found, as info.toml writes them.
        missing: Vec<String>,
        /// What it printed.
        output: CapturedOutput,
    },
    /// It compiled, and the program (or the test harness itself) exited
    /// non-zero or was killed by a signal: a panic, an `Err` from `main`, ...
    RunFailed {
        /// How it ended.
        exit: Exit,
        /// What it printed.
        output: CapturedOutput,
    },
    /// It compiled and its tests passed (or `main` exited 0), but some
    /// `must_not_compile` obligation does not hold: a misuse the lesson's
    /// types must forbid still compiles, or is rejected otherwise than
    /// claimed. Each obligation's result is in the verdict.
    ObligationsFailed {
        /// The obligations that do not hold, by name, in the exercise's order.
        failed: Vec<String>,
        /// What the tests or the program printed.
        output: CapturedOutput,
    },
    /// It compiled, and ran past its time limit; it was killed.
    TimedOut {
        /// The limit.
        limit: Duration,
        /// What it printed before.
        output: CapturedOutput,
    },
}

impl Outcome {
    /// A short name for reports: `passed`, `compile_error`, `tests_failed`,
    /// `tests_not_run`, `output_missing`, `run_failed`, `obligations_failed`,
    /// `timed_out`.
    pub fn label(&self) -> &'static str {
        match self {
            Outcome::Passed { .. } => "passed",
            Outcome::CompileError => "compile_error",
            Outcome::TestsFailed { .. } => "tests_failed",
            Outcome::TestsNotRun { .. } => "tests_not_run",
            Outcome::OutputMissing { .. } => "output_missing",
            Outcome::RunFailed { .. } => "run_failed",
            Outcome::ObligationsFailed { .. } => "obligations_failed",
            Outcome::TimedOut { .. } => "timed_out",
        }
    }

    /// The program's output, when it ran.
    pub fn output(&self) -> Option<&CapturedOutput> {
        match self {
            Outcome::Passed { output }
            | Outcome::TestsFailed { output, .. }
            | Outcome::TestsNotRun { output, .. }
            | Outcome::OutputMissing { output, .. }
            | Outcome::RunFailed { output, .. }
            | Outcome::ObligationsFailed { output, .. }
            | Outcome::TimedOut { output, .. } => Some(output),
            Outcome::CompileError => None,
        }
    }
}

/// The verdict on one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// The file checked, as rustc names it: relative to the folder the
    /// command was started in, or to the course root (`Engine::display_path`).
    pub file: PathBuf,
    /// How it ended.
    pub outcome: Outcome,
    /// The compiler's diagnostics (errors when it failed; warnings either way).
    pub compiler: CompilerOutput,
    /// Compile plus run time of the check that produced this verdict.
    pub duration: Duration,
    /// Each `must_not_compile` obligation, in the exercise's order, once the
    /// file compiled (empty before, and for an exercise without any).
    #[serde(default)]
    pub obligations: Vec<ObligationResult>,
    /// The hash of the learner's bytes this verdict is about
    /// (`engine::content_hash`): exactly what was compiled, whatever the
    /// file holds by the time the verdict is shown.
    pub source_hash: String,
    /// Test mode, once it compiled: every test the course ships with how
    /// the harness reported it, then the tests the learner added.
    pub tests: Vec<TestRun>,
    /// Test mode: how the learner's tests block differs from the course's,
    /// which judged this check instead; `None` when they are the same.
    pub tests_differ: Option<TestsDiffer>,
    /// Test mode: what `main` printed while the tests ran (shown after a
    /// pass); `None` in run mode, or when it did not compile or run.
    pub program_output: Option<CapturedOutput>,
    /// Whether this verdict came from the cache (no process ran).
    #[serde(skip)]
    pub cached: bool,
}

impl Verdict {
    /// Whether the file passed.
    pub fn passed(&self) -> bool {
        matches!(self.outcome, Outcome::Passed { .. })
    }

    /// A short summary that is equal for "the same failure" and differs
    /// otherwise: the first error's code and message, the failed tests, how
    /// the program ended. The progress counts failures with the same
    /// signature in a row, so watch can suggest asking for a hint.
    pub fn failure_signature(&self) -> String {
        match &self.outcome {
            Outcome::CompileError => self.compiler.errors().next().map_or_else(
                || "compile error".to_owned(),
                |error| {
                    format!(
                        "{} {}",
                        error.code.as_deref().unwrap_or("error"),
                        error.message
                    )
                },
            ),
            Outcome::TestsFailed { failed, .. } => format!("tests failed: {}", failed.join(", ")),
            Outcome::TestsNotRun { missing, .. } => {
                format!("tests not run: {}", missing.join(", "))
            }
            Outcome::OutputMissing { missing, .. } => {
                format!("output missing: {}", missing.join(" | "))
            }
            Outcome::RunFailed { exit, .. } => format!("run failed: {exit:?}"),
            Outcome::ObligationsFailed { failed, .. } => {
                format!("misuses not rejected: {}", failed.join(", "))
            }
            Outcome::TimedOut { .. } => "timed out".to_owned(),
            Outcome::Passed { .. } => "passed".to_owned(),
        }
    }

    /// Whether some error points into the course library: the course is broken.
    pub fn blames_library(&self) -> bool {
        self.compiler
            .errors()
            .any(|message| message.origin == Origin::Library)
    }

    /// The obligations whose snippet does not fit the function it is
    /// compiled in (an error outside the snippet): the course is broken.
    pub fn broken_obligations(&self) -> impl Iterator<Item = &ObligationResult> {
        self.obligations
            .iter()
            .filter(|result| result.status == ObligationStatus::Broken)
    }

    /// Whether the course, not the learner's work, is at fault: an error in
    /// the library, or a `must_not_compile` snippet that does not fit.
    pub fn blames_course(&self) -> bool {
        self.blames_library() || self.broken_obligations().next().is_some()
    }
    /// What this check found, as far as progress goes (see [`Summary`]).
    pub fn summary(&self) -> Summary {
        match &self.outcome {
            Outcome::Passed { .. } => Summary::Passed,
            Outcome::CompileError => Summary::Compile {
                errors: self
                    .compiler
                    .errors()
                    .map(|error| error.code.clone().unwrap_or_default())
                    .collect(),
            },
            Outcome::TestsFailed { .. } | Outcome::TestsNotRun { .. } if !self.tests.is_empty() => {
                let (passed, failing): (Vec<&TestRun>, Vec<&TestRun>) = self
                    .tests
                    .iter()
                    .filter(|test| test.shipped || test.status == TestStatus::Failed)
                    .partition(|test| test.status == TestStatus::Passed);
                let names =
                    |tests: Vec<&TestRun>| tests.iter().map(|test| test.name.clone()).collect();
                Summary::Tests {
                    passed: names(passed),
                    failing: names(failing),
                }
            }
            _ => Summary::Ran {
                signature: self.failure_signature(),
            },
        }
    }
}

/// What one check found, reduced to what tells two tries apart: which
/// errors, which tests pass, how the program ended. The last one shown is
/// kept between checks (`Engine::swap_summary`), so the next check can say
/// what changed ("E0308 is gone; now E0599").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Summary {
    /// It did not compile: each error's code (empty for an error without one).
    Compile {
        /// One entry per error, in rustc's order.
        errors: Vec<String>,
    },
    /// It compiled and the tests ran.
    Tests {
        /// The course's tests that passed.
        passed: Vec<String>,
        /// The course's tests that did not pass, and tests the learner added
        /// that failed.
        failing: Vec<String>,
    },
    /// It compiled and ran, and failed some other way.
    Ran {
        /// `Verdict::failure_signature`.
        signature: String,
    },
    /// It passed.
    Passed,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{compile_error, output, passing, tests_failed, verdict};

    #[test]
    fn failure_signatures_tell_failures_apart() {
        assert_eq!(
            compile_error("E0308").failure_signature(),
            "E0308 mismatched types"
        );
        let timed_out = verdict(
            Outcome::TimedOut {
                limit: Duration::from_secs(10),
                output: output(""),
            },
            Vec::new(),
        );
        assert_eq!(timed_out.failure_signature(), "timed out");
        let tests = verdict(
            Outcome::TestsFailed {
                failed: vec!["tests::a".into()],
                exit: Exit::Code { code: 101 },
                output: output(""),
            },
            Vec::new(),
        );
        assert_eq!(tests.failure_signature(), "tests failed: tests::a");
        assert_ne!(
            tests.failure_signature(),
            compile_error("E0599").failure_signature()
        );
        assert_eq!(passing().failure_signature(), "passed");
    }

    #[test]
    fn a_summary_keeps_the_error_codes_or_which_tests_pass() {
        let mut two = compile_error("E0308");
        two.compiler.messages.push(two.compiler.messages[0].clone());
        two.compiler.messages[1].code = None;
        assert_eq!(
            two.summary(),
            Summary::Compile {
                errors: vec!["E0308".to_owned(), String::new()]
            }
        );
        let tests = tests_failed(&["tests::a", "tests::c"], &["tests::b"]);
        assert_eq!(
            tests.summary(),
            Summary::Tests {
                passed: vec!["tests::a".to_owned(), "tests::c".to_owned()],
                failing: vec!["tests::b".to_owned()],
            }
        );
        assert_eq!(passing().summary(), Summary::Passed);
        let timed_out = verdict(
            Outcome::TimedOut {
                limit: Duration::from_secs(1),
                output: output(""),
            },
            Vec::new(),
        );
        assert_eq!(
            timed_out.summary(),
            Summary::Ran {
                signature: "timed out".to_owned()
            }
        );
    }
}
