//! `verify --pack` for one exercise: every named check of the course's own
//! CI, each reported as a problem when it fails, none stopping the others.
//!
//! The checks: the exercise file has `fn main` and a `TODO` marker; the
//! solution has no `TODO` left; a test-mode exercise has a tests module and
//! the solution's equals the exercise's byte for byte; the unsolved file fails
//! as `expect` declares; the solution passes under `clippy-driver -D
//! warnings`; both files are rustfmt-clean.

use std::fs;
use std::time::{Duration, Instant};

use crate::course::{Course, Exercise, Mode};
use crate::engine::{Engine, Formatting, Role};
use crate::error::Error;

use super::expect::{check_expectation, check_solution};
use super::source_text::{has_main, has_todo, tests_block};

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
    /// Both files are rustfmt-clean.
    Rustfmt,
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
            PackCheck::Rustfmt => "rustfmt",
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

/// Every problem of one exercise (empty when it is fine).
#[derive(Debug, Clone)]
pub struct ExerciseReport {
    /// Its problems.
    pub problems: Vec<PackProblem>,
    /// How long the checks took.
    pub duration: Duration,
}

/// Runs every check of `exercise`. `Err` only for a broken environment
/// (a tool that cannot start, a file that cannot be read).
pub fn check_exercise(engine: &Engine<'_>, exercise: &Exercise) -> Result<ExerciseReport, Error> {
    let started = Instant::now();
    let mut problems = check_texts(engine.course(), exercise)?;
    let mut problem = |check, message: String| problems.push(PackProblem { check, message });

    let unsolved = engine.check_source(exercise, Role::Exercise)?;
    if let Err(why) = check_expectation(&exercise.expect, exercise.mode, &unsolved) {
        problem(
            PackCheck::Expect,
            format!(
                "the unsolved file does not fail as declared ({} expectation): {why}",
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
        duration: started.elapsed(),
    })
}

/// The checks of `exercise` that read its two files and compile nothing:
/// `fn main` and a `TODO` in the exercise, no `TODO` left in the solution,
/// the same tests block in both. `Err` when a file cannot be read.
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
    Ok(problems)
}
