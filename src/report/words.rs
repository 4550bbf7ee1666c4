//! The runner's words about a verdict, in one place: the conclusion `run`
//! and watch end a check with, the one-line reason every report gives for an
//! exercise that does not pass, and how a program ended. `run`, `verify`,
//! watch (one check or "check all"), `verify --pack` and `challenge check`
//! all say it this way, so the same failure reads the same everywhere.
//!
//! Plain text only: colour is the caller's, chosen by [`Mark`].

use crate::course::{Exercise, Mode};
use crate::engine::{Exit, Outcome, Verdict};

/// Whether a conclusion is good news.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// The exercise passes (`✓`, green).
    Pass,
    /// It does not pass yet, or the course is broken (`✗`, red).
    Fail,
}

impl Mark {
    /// The symbol shown before the conclusion.
    pub fn symbol(self) -> &'static str {
        match self {
            Mark::Pass => "✓",
            Mark::Fail => "✗",
        }
    }
}

/// The sentence that ends a check, without its mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conclusion {
    /// Good news or not.
    pub mark: Mark,
    /// The sentence, e.g. "`intro` does not compile yet (1 error)."
    pub text: String,
}

/// How the check of `exercise` ended, in one sentence.
pub fn conclusion(exercise: &Exercise, verdict: &Verdict) -> Conclusion {
    let name = format!("`{}`", exercise.name);
    let (mark, text) = match &verdict.outcome {
        Outcome::Passed { .. } => (Mark::Pass, format!("{name} passes.")),
        Outcome::CompileError if verdict.blames_library() => (
            Mark::Fail,
            format!(
                "{name} hit an error inside the course library: the course is broken, not your code."
            ),
        ),
        Outcome::CompileError => (
            Mark::Fail,
            format!(
                "{name} does not compile yet ({}).",
                count(verdict.compiler.errors().count(), "error")
            ),
        ),
        Outcome::TestsFailed { failed, .. } => (
            Mark::Fail,
            format!(
                "{name}: {} failed: {}.",
                count(failed.len(), "test"),
                failed.join(", ")
            ),
        ),
        Outcome::RunFailed { exit, .. } => (
            Mark::Fail,
            format!("{name}: {}.", describe_exit(*exit, exercise.mode)),
        ),
        Outcome::TimedOut { limit, .. } => (
            Mark::Fail,
            format!(
                "{name} was stopped after {} s without finishing (an endless loop?).",
                limit.as_secs()
            ),
        ),
    };
    Conclusion { mark, text }
}

/// Why a verdict is not a pass, in one line for a report row
/// ("does not compile: E0308 mismatched types (+1 more)"); "passes" for a pass.
pub fn reason(verdict: &Verdict, mode: Mode) -> String {
    match &verdict.outcome {
        Outcome::Passed { .. } => "passes".to_owned(),
        Outcome::CompileError => {
            let count = verdict.compiler.errors().count();
            match verdict.compiler.errors().next() {
                Some(first) => format!(
                    "does not compile: {}{}{}",
                    first
                        .code
                        .as_deref()
                        .map(|code| format!("{code} "))
                        .unwrap_or_default(),
                    first.message,
                    if count > 1 {
                        format!(" (+{} more)", count - 1)
                    } else {
                        String::new()
                    }
                ),
                None => "does not compile".to_owned(),
            }
        }
        Outcome::TestsFailed { failed, .. } => format!("failed tests: {}", failed.join(", ")),
        Outcome::RunFailed { exit, .. } => describe_exit(*exit, mode),
        Outcome::TimedOut { limit, .. } => {
            format!("stopped after {} s without finishing", limit.as_secs())
        }
    }
}

/// How a failed exercise program ended, in words a learner reads.
pub fn describe_exit(exit: Exit, mode: Mode) -> String {
    match (exit, mode) {
        (Exit::Code { code: 101 }, Mode::Run) => "the program panicked (exit code 101)".to_owned(),
        (Exit::Code { code: 1 }, Mode::Run) => "`main` returned an error (exit code 1)".to_owned(),
        (Exit::Code { code }, Mode::Run) => format!("the program exited with code {code}"),
        (Exit::Code { code }, Mode::Test) => format!("the test harness exited with code {code}"),
        (exit, _) => format!("the program {exit}"),
    }
}

/// "1 error", "3 errors".
pub fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::test_support::{compile_error, fixture_course, output, passing, verdict};

    fn intro() -> Exercise {
        fixture_course().exercises()[0].clone()
    }

    #[test]
    fn every_outcome_has_its_sentence() {
        let exercise = intro();
        let text = |verdict: &Verdict| conclusion(&exercise, verdict).text;
        assert_eq!(text(&passing()), "`intro` passes.");
        assert_eq!(
            text(&compile_error("E0308")),
            "`intro` does not compile yet (1 error)."
        );
        let failed = verdict(
            Outcome::TestsFailed {
                failed: vec!["tests::a".into(), "tests::b".into()],
                exit: Exit::Code { code: 101 },
                output: output(""),
            },
            Vec::new(),
        );
        assert_eq!(
            text(&failed),
            "`intro`: 2 tests failed: tests::a, tests::b."
        );
        let timed_out = verdict(
            Outcome::TimedOut {
                limit: Duration::from_secs(10),
                output: output(""),
            },
            Vec::new(),
        );
        assert_eq!(
            text(&timed_out),
            "`intro` was stopped after 10 s without finishing (an endless loop?)."
        );
        assert_eq!(conclusion(&exercise, &passing()).mark, Mark::Pass);
        assert_eq!(conclusion(&exercise, &timed_out).mark, Mark::Fail);
    }

    #[test]
    fn a_reason_fits_on_one_line_and_counts_the_other_errors() {
        let mut two = compile_error("E0308");
        let second = two.compiler.messages[0].clone();
        two.compiler.messages.push(second);
        assert_eq!(
            reason(&two, Mode::Test),
            "does not compile: E0308 mismatched types (+1 more)"
        );
        let failed = verdict(
            Outcome::RunFailed {
                exit: Exit::Code { code: 1 },
                output: output("Error: EmptyInput"),
            },
            Vec::new(),
        );
        assert_eq!(
            reason(&failed, Mode::Run),
            "`main` returned an error (exit code 1)"
        );
    }

    #[test]
    fn exits_read_as_verb_phrases() {
        assert_eq!(Exit::Code { code: 2 }.to_string(), "exited with code 2");
        assert_eq!(
            describe_exit(Exit::Signal { signal: 9 }, Mode::Run),
            "the program was killed by signal 9"
        );
        assert_eq!(count(1, "test"), "1 test");
        assert_eq!(count(0, "error"), "0 errors");
    }
}
