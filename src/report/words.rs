//! The runner's words about a verdict, in one place: the conclusion `run`
//! and watch end a check with, the one-line reason every report gives for an
//! exercise that does not pass, how a program ended, what changed since the
//! try before, and the line saying the learner's tests block is not the
//! course's. `run`, `verify`, watch (one check or "check all"), `verify
//! --pack` and `challenge check` all say it this way, so the same failure
//! reads the same everywhere.
//!
//! Plain text only: colour is the caller's, chosen by [`Mark`].

use std::collections::BTreeSet;

use crate::course::{Exercise, Mode, Obligation};
use crate::engine::describe_error;
use crate::engine::{
    Exit, ObligationResult, ObligationStatus, Outcome, Summary, TestsDiffer, Verdict,
};
use crate::text::strip_ansi;

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
        Outcome::TestsNotRun { missing, .. } if missing.is_empty() => (
            Mark::Fail,
            format!("{name}: no test ran; a pass needs the course's tests to run and pass."),
        ),
        Outcome::TestsNotRun { missing, .. } => (
            Mark::Fail,
            format!(
                "{name}: {} of the course's never ran (did something end the run early?): {}.",
                count(missing.len(), "test"),
                missing.join(", ")
            ),
        ),
        Outcome::OutputMissing { missing, .. } => (
            Mark::Fail,
            format!(
                "{name} runs, but its output does not show {}.",
                quoted_list(missing)
            ),
        ),
        Outcome::RunFailed { exit, .. } => (
            Mark::Fail,
            format!("{name}: {}.", describe_exit(*exit, exercise.mode)),
        ),
        Outcome::ObligationsFailed { .. } if verdict.broken_obligations().next().is_some() => (
            Mark::Fail,
            format!(
                "{name}: the course's must_not_compile snippet {} does not fit the function it is compiled in: the course is broken, not your code.",
                verdict
                    .broken_obligations()
                    .map(|result| format!("`{}`", result.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        Outcome::ObligationsFailed { failed, .. } => {
            let all_compile = verdict
                .obligations
                .iter()
                .filter(|result| !result.held())
                .all(|result| result.status == ObligationStatus::Compiles);
            let names = failed
                .iter()
                .map(|name| format!("`{name}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let works = match exercise.mode {
                Mode::Test => "passes its tests",
                Mode::Run => "runs",
            };
            let misuses = count(failed.len(), "misuse");
            (
                Mark::Fail,
                if all_compile {
                    format!("{name} {works}, but its types must still forbid {misuses}: {names}.")
                } else {
                    format!(
                        "{name} {works}, but {misuses} {} not rejected as the lesson says: {names}.",
                        if failed.len() == 1 { "is" } else { "are" }
                    )
                },
            )
        }
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
        Outcome::TestsNotRun { missing, .. } if missing.is_empty() => "no test ran".to_owned(),
        Outcome::TestsNotRun { missing, .. } => {
            format!("tests never ran: {}", missing.join(", "))
        }
        Outcome::OutputMissing { missing, .. } => {
            format!("its output does not show {}", quoted_list(missing))
        }
        Outcome::RunFailed { exit, .. } => describe_exit(*exit, mode),
        Outcome::ObligationsFailed { failed, .. } => format!(
            "{} not rejected as claimed: {}",
            count(failed.len(), "must_not_compile misuse"),
            failed.join(", ")
        ),
        Outcome::TimedOut { limit, .. } => {
            format!("stopped after {} s without finishing", limit.as_secs())
        }
    }
}

/// One obligation's result in one line, with its mark: "must not compile,
/// and does not: `keys_are_not_queries` (E0308)", or what went wrong.
pub fn obligation_line(result: &ObligationResult) -> (Mark, String) {
    let name = &result.name;
    match result.status {
        ObligationStatus::Held => (
            Mark::Pass,
            format!(
                "`{name}` does not compile, as it must ({})",
                result
                    .errors
                    .first()
                    .and_then(|proof| proof.code.as_deref())
                    .unwrap_or("rejected")
            ),
        ),
        ObligationStatus::Compiles => (Mark::Fail, format!("`{name}`: this compiles but must not")),
        ObligationStatus::Otherwise => (
            Mark::Fail,
            format!("`{name}` does not compile, but not for the reason the lesson is about"),
        ),
        ObligationStatus::Broken => (
            Mark::Fail,
            format!("`{name}`: the course's snippet does not fit the function it is compiled in"),
        ),
    }
}

/// For an obligation that does not hold, what the learner reads under its
/// line: why the misuse must not compile, the misuse itself, and, when
/// rustc rejected it otherwise, what was expected and rustc's own words.
/// Empty for one that holds. Plain text: ANSI colours are stripped.
pub fn obligation_details(obligation: &Obligation, result: &ObligationResult) -> Vec<String> {
    let snippet = || {
        obligation
            .snippet
            .trim_matches('\n')
            .lines()
            .map(|line| format!("    {line}"))
            .collect::<Vec<_>>()
    };
    let expected = if obligation.contains.is_empty() {
        obligation.code.clone()
    } else {
        format!(
            "{} ({})",
            obligation.code,
            obligation
                .contains
                .iter()
                .map(|fragment| format!("\"{fragment}\""))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let rustc_says = || {
        result
            .errors
            .iter()
            .flat_map(|error| {
                strip_ansi(error.rendered.trim_end())
                    .lines()
                    .map(|line| format!("    {line}"))
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
    };
    let mut lines = Vec::new();
    match result.status {
        ObligationStatus::Held => {}
        ObligationStatus::Compiles => {
            lines.push(format!("Why it must not: {}", obligation.why));
            lines.extend(snippet());
            lines.push(format!(
                "Change a type, a trait bound or a signature so that rustc rejects it with {expected}; the tests must still pass."
            ));
        }
        ObligationStatus::Otherwise => {
            lines.push(format!("Why it must not: {}", obligation.why));
            lines.extend(snippet());
            let found: Vec<String> = result.errors.iter().map(describe_error).collect();
            lines.push(format!(
                "It must be rejected with {expected}; rustc reports {} instead:",
                found.join(", ")
            ));
            lines.extend(rustc_says());
        }
        ObligationStatus::Broken => {
            lines.extend(snippet());
            lines.push(
                "Every error lies outside the snippet, so it proves nothing about your types; rustc says:"
                    .to_owned(),
            );
            lines.extend(rustc_says());
        }
    }
    lines
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

/// How the learner gets the course's tests back, as a view offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WayBack {
    /// A command (`run`, `verify`): `typed-ai-rustlings reset --tests NAME`.
    Command,
    /// A key (watch mode).
    Key(char),
}

/// The one line saying that the learner's tests block is not the course's,
/// that the course's judged the check, and the way back.
pub fn tests_differ(exercise: &Exercise, differ: &TestsDiffer, way_back: WayBack) -> String {
    let missing: Vec<String> = differ.missing.iter().map(|name| short(name)).collect();
    let what = match (differ.absent, missing.is_empty()) {
        (true, true) => "Your file has no `mod tests`".to_owned(),
        (true, false) => format!(
            "Your file has no `mod tests`, so it lacks the course's {}",
            quoted_list(&missing)
        ),
        (false, true) => "Your `mod tests` differs from the course's".to_owned(),
        (false, false) => format!(
            "Your `mod tests` lacks the course's {}",
            quoted_list(&missing)
        ),
    };
    let how = match way_back {
        WayBack::Command => format!("`typed-ai-rustlings reset --tests {}`", exercise.name),
        WayBack::Key(key) => format!("{key}"),
    };
    format!(
        "{what}: the course's tests judged this check. {how} puts them back (your version is kept as a backup)."
    )
}

/// The tests-differ fact for a report row (`verify`), after its reason:
/// "your `mod tests` is not the course's (the course's judged it);
/// `typed-ai-rustlings reset --tests NAME` restores it".
pub fn tests_differ_short(exercise: &Exercise) -> String {
    format!(
        "your `mod tests` is not the course's (the course's judged it); `typed-ai-rustlings reset --tests {}` restores it",
        exercise.name
    )
}

/// What changed since the try before, in one line ("E0308 is gone; now
/// E0599", "compiles now; 2 of 3 tests pass", "the test `a` passes now;
/// `b` still fails"), or `None` when `now` passes or fails as before.
/// `before` is the last summary shown (`Engine::swap_summary`).
pub fn what_changed(before: &Summary, now: &Verdict, mode: Mode) -> Option<String> {
    let after = now.summary();
    if after == *before || after == Summary::Passed {
        return None;
    }
    let now_reason = || reason(now, mode);
    Some(match (before, &after) {
        (Summary::Compile { errors: was }, Summary::Compile { errors: is }) => {
            compile_change(was, is)
        }
        (Summary::Compile { .. }, Summary::Tests { passed, failing }) => format!(
            "compiles now; {} of {} pass",
            passed.len(),
            count(passed.len() + failing.len(), "test")
        ),
        (Summary::Compile { .. }, _) => format!("compiles now; {}", now_reason()),
        (Summary::Tests { passed: was, .. }, Summary::Tests { passed, failing }) => {
            tests_change(was, passed, failing)?
        }
        (_, Summary::Compile { errors }) => format!(
            "it compiled before; now {}",
            codes(&errors.iter().map(String::as_str).collect())
        ),
        (Summary::Passed, _) => format!("it passed before; now {}", now_reason()),
        (_, _) => format!("now {}", now_reason()),
    })
}

/// Between two compile failures: which codes went, which came.
fn compile_change(was: &[String], is: &[String]) -> String {
    let was_codes: BTreeSet<&str> = was.iter().map(String::as_str).collect();
    let is_codes: BTreeSet<&str> = is.iter().map(String::as_str).collect();
    let gone: BTreeSet<&str> = was_codes.difference(&is_codes).copied().collect();
    let new: BTreeSet<&str> = is_codes.difference(&was_codes).copied().collect();
    let verb = |set: &BTreeSet<&str>| if set.len() == 1 { "is" } else { "are" };
    match (gone.is_empty(), new.is_empty()) {
        (false, false) => format!("{} {} gone; now {}", codes(&gone), verb(&gone), codes(&new)),
        (false, true) => format!(
            "{} {} gone; {} left",
            codes(&gone),
            verb(&gone),
            count(is.len(), "error")
        ),
        (true, false) => format!("new: {}", codes(&new)),
        (true, true) => format!("{} before, {} now", count(was.len(), "error"), is.len()),
    }
}

/// Between two test runs: which tests turned, which still fail.
fn tests_change(was_passing: &[String], passed: &[String], failing: &[String]) -> Option<String> {
    let now_passing: Vec<String> = passed
        .iter()
        .filter(|name| !was_passing.contains(name))
        .map(|name| short(name))
        .collect();
    let now_failing: Vec<String> = failing
        .iter()
        .filter(|name| was_passing.contains(name))
        .map(|name| short(name))
        .collect();
    let still_failing: Vec<String> = failing
        .iter()
        .filter(|name| !was_passing.contains(name))
        .map(|name| short(name))
        .collect();
    let plural = |names: &[String], one: &str, many: &str| {
        if names.len() == 1 {
            one.to_owned()
        } else {
            many.to_owned()
        }
    };
    let mut parts = Vec::new();
    if !now_passing.is_empty() {
        parts.push(format!(
            "{} {} {} now",
            plural(&now_passing, "the test", "the tests"),
            quoted_list(&now_passing),
            plural(&now_passing, "passes", "pass")
        ));
    }
    if !now_failing.is_empty() {
        parts.push(format!(
            "{} {} {} now",
            plural(&now_failing, "the test", "the tests"),
            quoted_list(&now_failing),
            plural(&now_failing, "fails", "fail")
        ));
    }
    if parts.is_empty() {
        return None;
    }
    if !still_failing.is_empty() {
        parts.push(format!(
            "{} still {}",
            quoted_list(&still_failing),
            plural(&still_failing, "fails", "fail")
        ));
    }
    Some(parts.join("; "))
}

/// Error codes for a sentence: "E0308", "E0308 and E0599"; an error without
/// a code is "an error without a code".
fn codes(set: &BTreeSet<&str>) -> String {
    let named: Vec<String> = set
        .iter()
        .map(|code| {
            if code.is_empty() {
                "an error without a code".to_owned()
            } else {
                (*code).to_owned()
            }
        })
        .collect();
    and_list(&named)
}

/// "`a`", "`a` and `b`", "`a`, `b` and `c`".
fn quoted_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|item| format!("`{item}`")).collect();
    and_list(&quoted)
}

fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A test's name without the course module's `tests::`.
fn short(name: &str) -> String {
    name.strip_prefix("tests::").unwrap_or(name).to_owned()
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::test_support::{
        compile_error, fixture_course, output, passing, tests_failed, verdict,
    };

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

    fn obligation() -> Obligation {
        Obligation {
            name: "keys_are_not_queries".to_owned(),
            why: "A key sequence passed where queries belong must be a type error.".to_owned(),
            code: "E0308".to_owned(),
            contains: vec!["expected `QuerySequence`".to_owned()],
            snippet: "\nlet keys = keys();\nlet _ = scores_for(keys.clone(), keys);\n".to_owned(),
        }
    }

    fn result(
        status: ObligationStatus,
        errors: Vec<crate::engine::CompilerMessage>,
    ) -> ObligationResult {
        ObligationResult {
            name: "keys_are_not_queries".to_owned(),
            status,
            errors,
        }
    }

    #[test]
    fn a_misuse_that_compiles_fails_the_check_and_shows_itself_with_its_why() {
        let exercise = intro();
        let mut verdict = verdict(
            Outcome::ObligationsFailed {
                failed: vec!["keys_are_not_queries".to_owned()],
                output: output(""),
            },
            Vec::new(),
        );
        let compiles = result(ObligationStatus::Compiles, Vec::new());
        verdict.obligations = vec![compiles.clone()];
        assert_eq!(
            conclusion(&exercise, &verdict),
            Conclusion {
                mark: Mark::Fail,
                text: "`intro` runs, but its types must still forbid 1 misuse: `keys_are_not_queries`.".to_owned()
            }
        );
        assert_eq!(
            reason(&verdict, Mode::Test),
            "1 must_not_compile misuse not rejected as claimed: keys_are_not_queries"
        );
        assert_eq!(
            obligation_line(&compiles),
            (
                Mark::Fail,
                "`keys_are_not_queries`: this compiles but must not".to_owned()
            )
        );
        assert_eq!(
            obligation_details(&obligation(), &compiles),
            vec![
                "Why it must not: A key sequence passed where queries belong must be a type error.",
                "    let keys = keys();",
                "    let _ = scores_for(keys.clone(), keys);",
                "Change a type, a trait bound or a signature so that rustc rejects it with E0308 (\"expected `QuerySequence`\"); the tests must still pass.",
            ]
        );
        assert!(!verdict.blames_course());
    }

    #[test]
    fn a_held_obligation_names_its_proof_and_another_error_is_quoted() {
        let proof = crate::test_support::error("E0308", "error[E0308]: mismatched types");
        let held = result(ObligationStatus::Held, vec![proof]);
        assert_eq!(
            obligation_line(&held),
            (
                Mark::Pass,
                "`keys_are_not_queries` does not compile, as it must (E0308)".to_owned()
            )
        );
        assert!(obligation_details(&obligation(), &held).is_empty());
        let other = crate::test_support::error("E0599", "error[E0599]: no method named `scores`");
        let details = obligation_details(
            &obligation(),
            &result(ObligationStatus::Otherwise, vec![other]),
        );
        assert!(
            details.contains(&"It must be rejected with E0308 (\"expected `QuerySequence`\"); rustc reports E0599 (mismatched types) at exercises/01_basics/intro.rs:3:5 instead:".to_owned()),
            "{details:#?}"
        );
        assert_eq!(
            details.last().map(String::as_str),
            Some("    error[E0599]: no method named `scores`")
        );
    }

    #[test]
    fn a_snippet_that_does_not_fit_blames_the_course() {
        let exercise = intro();
        let mut verdict = verdict(
            Outcome::ObligationsFailed {
                failed: vec!["keys_are_not_queries".to_owned()],
                output: output(""),
            },
            Vec::new(),
        );
        verdict.obligations = vec![result(
            ObligationStatus::Broken,
            vec![crate::test_support::error(
                "E0425",
                "error[E0425]: cannot find value",
            )],
        )];
        assert!(verdict.blames_course());
        assert!(
            conclusion(&exercise, &verdict)
                .text
                .ends_with("the course is broken, not your code."),
            "{:?}",
            conclusion(&exercise, &verdict)
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

    #[test]
    fn what_changed_says_which_errors_went_and_came() {
        let exercise = intro();
        let before = compile_error("E0308").summary();
        assert_eq!(
            what_changed(&before, &compile_error("E0599"), exercise.mode).as_deref(),
            Some("E0308 is gone; now E0599")
        );
        assert_eq!(
            what_changed(&before, &compile_error("E0308"), exercise.mode),
            None,
            "the same failure says nothing new"
        );
        let mut two = compile_error("E0308");
        two.compiler
            .messages
            .push(compile_error("E0599").compiler.messages[0].clone());
        assert_eq!(
            what_changed(&two.summary(), &compile_error("E0599"), exercise.mode).as_deref(),
            Some("E0308 is gone; 1 error left")
        );
        assert_eq!(
            what_changed(&before, &two, exercise.mode).as_deref(),
            Some("new: E0599")
        );
        assert_eq!(what_changed(&before, &passing(), exercise.mode), None);
    }

    #[test]
    fn what_changed_counts_the_tests_once_it_compiles() {
        let before = compile_error("E0308").summary();
        let now = tests_failed(&["tests::a", "tests::b"], &["tests::c"]);
        assert_eq!(
            what_changed(&before, &now, Mode::Test).as_deref(),
            Some("compiles now; 2 of 3 tests pass")
        );
        assert_eq!(
            what_changed(&now.summary(), &compile_error("E0599"), Mode::Test).as_deref(),
            Some("it compiled before; now E0599")
        );
    }

    #[test]
    fn what_changed_names_the_tests_that_turned() {
        let before = tests_failed(&[], &["tests::adam_first_step", "tests::adam_second_step"]);
        let now = tests_failed(&["tests::adam_first_step"], &["tests::adam_second_step"]);
        assert_eq!(
            what_changed(&before.summary(), &now, Mode::Test).as_deref(),
            Some("the test `adam_first_step` passes now; `adam_second_step` still fails")
        );
        assert_eq!(
            what_changed(&now.summary(), &before, Mode::Test).as_deref(),
            Some("the test `adam_first_step` fails now; `adam_second_step` still fails")
        );
        assert_eq!(what_changed(&now.summary(), &now, Mode::Test), None);
    }

    #[test]
    fn the_tests_differ_line_names_what_is_missing_and_the_way_back() {
        let exercise = intro();
        let differ = TestsDiffer {
            missing: vec!["tests::sums_to_one".to_owned(), "tests::rejects".to_owned()],
            absent: false,
        };
        assert_eq!(
            tests_differ(&exercise, &differ, WayBack::Command),
            "Your `mod tests` lacks the course's `sums_to_one` and `rejects`: the course's tests judged this check. `typed-ai-rustlings reset --tests intro` puts them back (your version is kept as a backup)."
        );
        let edited = TestsDiffer {
            missing: Vec::new(),
            absent: false,
        };
        assert!(
            tests_differ(&exercise, &edited, WayBack::Key('t'))
                .starts_with("Your `mod tests` differs from the course's: the course's tests judged this check. t puts them back")
        );
        let absent = TestsDiffer {
            missing: vec!["tests::a".to_owned()],
            absent: true,
        };
        assert!(
            tests_differ(&exercise, &absent, WayBack::Key('t'))
                .starts_with("Your file has no `mod tests`, so it lacks the course's `a`: the course's tests judged")
        );
    }

    #[test]
    fn new_outcomes_have_their_sentence_and_reason() {
        let exercise = intro();
        let not_run = verdict(
            Outcome::TestsNotRun {
                missing: vec!["tests::b".to_owned()],
                exit: Exit::Code { code: 0 },
                output: output(""),
            },
            Vec::new(),
        );
        assert_eq!(
            conclusion(&exercise, &not_run).text,
            "`intro`: 1 test of the course's never ran (did something end the run early?): tests::b."
        );
        assert_eq!(reason(&not_run, Mode::Test), "tests never ran: tests::b");
        let missing = verdict(
            Outcome::OutputMissing {
                missing: vec!["p(l) = 0.4000".to_owned()],
                output: output("p(l) = 0.2500"),
            },
            Vec::new(),
        );
        assert_eq!(
            conclusion(&exercise, &missing).text,
            "`intro` runs, but its output does not show `p(l) = 0.4000`."
        );
        assert_eq!(
            reason(&missing, Mode::Run),
            "its output does not show `p(l) = 0.4000`"
        );
    }
}
