//! `verify --pack` for one exercise: every named check of the course's own
//! CI, each reported as a problem when it fails, none stopping the others.
//!
//! The checks: the exercise file has `fn main` and a `TODO` marker; the
//! solution has no `TODO` left; a test-mode exercise has a tests module and
//! the solution's equals the exercise's byte for byte; the unsolved file fails
//! as `expect` declares, or lets one of its `must_not_compile` misuses
//! compile; the solution passes under `clippy-driver -D warnings` (a
//! run-mode solution's output meets its pass contract, and a run-mode
//! exercise has one); the solution rejects every misuse as claimed; both
//! files are rustfmt-clean. Then the two pedagogy lints, "solved by rustc"
//! (`solved_by_rustc.rs`) and "spoiled" (`spoiled.rs`), each an error unless
//! `[exercises.allow]` opts out with a reason; like `#[expect]`, an opt-out
//! the lint no longer needs is itself reported.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::course::{Course, Exercise, Mode, Obligation};
use crate::engine::{Engine, Formatting, ObligationStatus, Role, Verdict};
use crate::error::Error;

use super::expect::{check_expectation, check_solution};
use super::solved_by_rustc::{AppliedSuggestion, RustcAttempt, solve_with_rustc};
use super::spoiled::{EarlierLines, Spoiler, spoilers};
use crate::text::{has_main, has_todo, tests_block};

/// A named check of `verify --pack`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackCheck {
    /// The exercise file has `fn main` (every file is a `[[bin]]` for rust-analyzer).
    Main,
    /// The exercise marks its broken place with `TODO`; the solution has none left.
    Todo,
    /// The solution's `#[cfg(test)] mod tests` equals the exercise's.
    TestsBlock,
    /// The unsolved file fails as `expect` declares.
    Expect,
    /// The solution passes with lints denied.
    Solution,
    /// The solution rejects every `must_not_compile` misuse with the
    /// claimed error, inside the snippet.
    MustNotCompile,
    /// A run-mode exercise declares what its solved program prints
    /// (`[exercises.pass]`): exiting 0 alone proves nothing.
    PassContract,
    /// Both files are rustfmt-clean.
    Rustfmt,
    /// rustc's own suggestions, applied, do not make the unsolved file pass.
    SolvedByRustc,
    /// No code line the solution adds is shown before the learner writes it.
    Spoiled,
    /// Every `[exercises.allow]` opt-out is still needed by its lint.
    Allow,
}

impl PackCheck {
    /// Its name in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            PackCheck::Main => "main",
            PackCheck::Todo => "todo",
            PackCheck::TestsBlock => "tests_block",
            PackCheck::Expect => "expect",
            PackCheck::Solution => "solution",
            PackCheck::MustNotCompile => "must_not_compile",
            PackCheck::PassContract => "pass_contract",
            PackCheck::Rustfmt => "rustfmt",
            PackCheck::SolvedByRustc => "solved_by_rustc",
            PackCheck::Spoiled => "spoiled",
            PackCheck::Allow => "allow",
        }
    }
}

/// One failed check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackProblem {
    /// Which check.
    pub check: PackCheck,
    /// What is wrong.
    pub message: String,
}

/// How the solution met one `must_not_compile` obligation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ObligationCheck {
    /// The solution rejects the misuse as claimed.
    Held,
    /// It does not; the message is also one of the exercise's problems.
    Failed(String),
    /// Not judged: the solution does not compile (a problem of its own).
    NotChecked,
}

/// Every problem of one exercise (empty when it is fine).
#[derive(Debug, Clone)]
pub struct ExerciseReport {
    /// Its problems.
    pub problems: Vec<PackProblem>,
    /// Each `must_not_compile` obligation against the solution, by name, in
    /// the exercise's order.
    pub obligations: Vec<(String, ObligationCheck)>,
    /// How long the checks took.
    pub duration: Duration,
}

/// Runs every check of `exercise`; `earlier` holds the lines of the
/// course's unsolved files, for the "spoiled" lint. `Err` only for a broken
/// environment (a tool that cannot start, a file that cannot be read).
pub fn check_exercise(
    engine: &Engine<'_>,
    exercise: &Exercise,
    earlier: &EarlierLines,
) -> Result<ExerciseReport, Error> {
    let started = Instant::now();
    let mut problems = check_texts(engine.course(), exercise)?;
    let mut problem = |check, message: String| problems.push(PackProblem { check, message });

    // The lints below read both files again, as the learner sees them.
    let course = engine.course();
    let read = |path: std::path::PathBuf| {
        fs::read_to_string(&path).map_err(|source| Error::Io {
            action: "read",
            path,
            source,
        })
    };
    let exercise_text = read(course.exercise_path(exercise))?;
    let solution_text = read(course.solution_path(exercise))?;

    let unsolved = engine.check_source(exercise, Role::Exercise)?;
    // A design exercise's unsolved file may pass its tests: what it gets
    // wrong is a misuse it still lets compile.
    let breaks_an_obligation = unsolved.obligations.iter().any(|result| {
        matches!(
            result.status,
            ObligationStatus::Compiles | ObligationStatus::Otherwise
        )
    });
    if let Err(why) = check_expectation(&exercise.expect, exercise.mode, &unsolved)
        && !breaks_an_obligation
    {
        let obligations = if exercise.must_not_compile.is_empty() {
            String::new()
        } else {
            "; nor does any of its must_not_compile misuses compile against it".to_owned()
        };
        problem(
            PackCheck::Expect,
            format!(
                "the unsolved file does not fail as declared ({} expectation): {why}{obligations}",
                exercise.expect.kind()
            ),
        );
    }
    let solved = engine.check_source(exercise, Role::Solution)?;
    if let Err(why) = check_solution(exercise.mode, &solved) {
        problem(
            PackCheck::Solution,
            format!("the solution does not pass: {why}"),
        );
    }
    let obligations: Vec<(String, ObligationCheck)> = exercise
        .must_not_compile
        .iter()
        .map(|obligation| (obligation.name.clone(), solution_meets(obligation, &solved)))
        .collect();
    for (_, check) in &obligations {
        if let ObligationCheck::Failed(message) = check {
            problem(PackCheck::MustNotCompile, message.clone());
        }
    }
    let attempt = solve_with_rustc(engine, exercise, &exercise_text, &unsolved)?;
    match (attempt, &exercise.allow.solved_by_rustc) {
        (RustcAttempt::Solved { applied }, None) => problem(
            PackCheck::SolvedByRustc,
            format!(
                "rustc's own suggestions solve it: applying them makes the unsolved file pass, so a learner can pass without meeting the idea:\n{}\nMake the fix need the chapter's idea, or opt out with `[exercises.allow] solved_by_rustc = \"why\"`.",
                applied_list(&applied)
            ),
        ),
        (RustcAttempt::NotSolved, Some(reason)) => problem(
            PackCheck::Allow,
            format!(
                "`[exercises.allow] solved_by_rustc` is no longer needed: rustc's suggestions do not solve the exercise any more; remove the opt-out (its reason: {reason:?})"
            ),
        ),
        _ => {}
    }
    let position = course
        .exercises()
        .iter()
        .position(|other| other.name == exercise.name)
        .unwrap_or_default();
    let spoilers = spoilers(exercise, position, &exercise_text, &solution_text, earlier);
    let solution_file = Path::new("solutions").join(&exercise.path);
    match (spoilers.is_empty(), &exercise.allow.spoiled) {
        (false, None) => {
            for spoiler in &spoilers {
                problem(PackCheck::Spoiled, spoiled_message(&solution_file, spoiler));
            }
        }
        (true, Some(reason)) => problem(
            PackCheck::Allow,
            format!(
                "`[exercises.allow] spoiled` is no longer needed: no line the solution adds is shown earlier; remove the opt-out (its reason: {reason:?})"
            ),
        ),
        _ => {}
    }
    for role in [Role::Exercise, Role::Solution] {
        match engine.check_formatting(exercise, role)? {
            Formatting::Clean => {}
            Formatting::Unformatted { diff } => problem(
                PackCheck::Rustfmt,
                format!(
                    "the {} file is not rustfmt-clean (rustfmt --edition 2024):\n{}",
                    role.as_str(),
                    diff.trim_end()
                ),
            ),
            Formatting::Failed { output } => problem(
                PackCheck::Rustfmt,
                format!(
                    "rustfmt could not format the {} file:\n{}",
                    role.as_str(),
                    output.trim_end()
                ),
            ),
        }
    }
    Ok(ExerciseReport {
        problems,
        obligations,
        duration: started.elapsed(),
    })
}

/// Whether the solution's verdict shows `obligation` held, and if not, the
/// pack's problem in words.
fn solution_meets(obligation: &Obligation, solved: &Verdict) -> ObligationCheck {
    let Some(result) = solved
        .obligations
        .iter()
        .find(|result| result.name == obligation.name)
    else {
        return ObligationCheck::NotChecked;
    };
    let name = &obligation.name;
    let rustc_says = || {
        result
            .errors
            .iter()
            .map(|error| crate::text::strip_ansi(error.rendered.trim_end()).into_owned())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let claim = if obligation.contains.is_empty() {
        obligation.code.clone()
    } else {
        format!("{} containing {:?}", obligation.code, obligation.contains)
    };
    match result.status {
        ObligationStatus::Held => ObligationCheck::Held,
        ObligationStatus::Compiles => ObligationCheck::Failed(format!(
            "`{name}`: the misuse compiles against the solution, so the solution does not forbid it ({})",
            obligation.why
        )),
        ObligationStatus::Otherwise => ObligationCheck::Failed(format!(
            "`{name}`: the solution rejects the misuse, but not with {claim}; fix `code`/`contains` or the snippet. rustc says:\n{}",
            rustc_says()
        )),
        ObligationStatus::Broken => ObligationCheck::Failed(format!(
            "`{name}`: the snippet is broken against the solution: every error lies outside the snippet, in the function it is compiled in. rustc says:\n{}",
            rustc_says()
        )),
    }
}

/// The suggestions that solved an exercise, one per line.
fn applied_list(applied: &[AppliedSuggestion]) -> String {
    applied
        .iter()
        .map(|step| {
            format!(
                "  round {}, line {}: {}: `{}`",
                step.round, step.line, step.message, step.replacement
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `solutions/...:74 adds `code`, already shown in A and in B ...`.
fn spoiled_message(solution_file: &Path, spoiler: &Spoiler) -> String {
    let places: Vec<String> = spoiler.seen_in.iter().map(ToString::to_string).collect();
    format!(
        "{}:{} adds `{}`, which the learner already sees in {}; move the line out of sight (or make the fix differ), or opt out with `[exercises.allow] spoiled = \"why\"`",
        solution_file.display(),
        spoiler.line,
        spoiler.code,
        places.join(" and in ")
    )
}

/// The checks of `exercise` that read its two files and compile nothing:
/// `fn main` and a `TODO` in the exercise, no `TODO` left in the solution,
/// the same tests block in both, a pass contract on a run-mode exercise.
/// `Err` when a file cannot be read.
pub fn check_texts(course: &Course, exercise: &Exercise) -> Result<Vec<PackProblem>, Error> {
    let mut problems = Vec::new();
    let mut problem = |check, message: String| problems.push(PackProblem { check, message });
    let read = |path: std::path::PathBuf| {
        fs::read_to_string(&path).map_err(|source| Error::Io {
            action: "read",
            path,
            source,
        })
    };
    let exercise_text = read(course.exercise_path(exercise))?;
    let solution_text = read(course.solution_path(exercise))?;
    if !has_main(&exercise_text) {
        problem(PackCheck::Main, "the exercise file has no `fn main`; every exercise needs one (test-mode ones too) so that rust-analyzer sees it as a binary".to_owned());
    }
    if !has_todo(&exercise_text) {
        problem(
            PackCheck::Todo,
            "the exercise file has no `TODO` marker near the place to fix".to_owned(),
        );
    }
    if has_todo(&solution_text) {
        problem(
            PackCheck::Todo,
            "the solution still has a `TODO`".to_owned(),
        );
    }
    match (tests_block(&exercise_text), tests_block(&solution_text)) {
        (None, _) if exercise.mode == Mode::Test => problem(
            PackCheck::TestsBlock,
            "mode = \"test\", but the exercise has no `#[cfg(test)] mod tests` block".to_owned(),
        ),
        (exercise_block, solution_block) if exercise_block != solution_block => problem(
            PackCheck::TestsBlock,
            "the solution's `#[cfg(test)] mod tests` block differs from the exercise's; the tests are the definition of done and must be identical".to_owned(),
        ),
        _ => {}
    }
    if exercise.mode == Mode::Run && exercise.pass.is_none() {
        problem(
            PackCheck::PassContract,
            "mode = \"run\", but there is no [exercises.pass] table: a `main` that merely exits 0 (say, after the computation was deleted) would pass; list fragments of what the solved program prints that a wrong fix cannot print (the right number, the right shape)".to_owned(),
        );
    }
    Ok(problems)
}
