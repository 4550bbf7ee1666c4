//! `run [NAME]`: check the current (or named) exercise once and print the
//! verdict with a hint under each compiler error; record the attempt.

use std::io::{IsTerminal, Write};

use colored::Colorize;

use crate::course::{Course, Exercise};
use crate::course_folder::{CourseFolderError, write_solution, write_solutions};
use crate::engine::{Engine, Needs, Outcome, Verdict};
use crate::error::Error;
use crate::exit_code;
use crate::report::write_verdict;
use crate::state::{Attempt, Store};

use super::{announce, find_exercise, warn};

/// Runs the command; returns the exit code (0 pass, 1 not yet, 2 broken course).
pub fn run(course: &Course, name: Option<&str>, color: bool) -> Result<u8, Error> {
    let store = Store::open(course.root())?;
    let state = store.load()?;
    for warning in store.take_warnings() {
        warn(&warning.to_string());
    }
    let order = course.exercise_names();
    let exercise = match name {
        Some(name) => find_exercise(course, name)?,
        None => match state.resolve_current(&order) {
            Some(current) => find_exercise(course, current)?,
            None => {
                let mut out = std::io::stdout().lock();
                writeln!(out, "Every exercise is done.\n\n{}", course.final_message())
                    .map_err(|source| Error::Output { source })?;
                return Ok(exit_code::SUCCESS);
            }
        },
    };
    let engine = Engine::prepare(course, Needs::learner(course), &announce)?;
    if std::io::stdout().is_terminal() {
        engine.set_diagnostic_width(crossterm::terminal::size().ok().map(|(columns, _)| columns));
    }
    let verdict = engine.check(exercise)?;
    let next = record(&store, course, exercise, &verdict)?;

    let hints_seen = usize::try_from(state.hint_level(&exercise.name)).unwrap_or(usize::MAX);
    let mut out = std::io::stdout().lock();
    let write = |out: &mut dyn Write| -> std::io::Result<()> {
        writeln!(
            out,
            "{} {} ({})\n{}\n",
            "▶".bold(),
            exercise.name.bold(),
            verdict.file.display(),
            exercise.concept.dimmed()
        )?;
        write_verdict(out, exercise, &verdict, hints_seen, color)?;
        if verdict.passed() {
            if let Some(solution) = solution(course, exercise) {
                writeln!(
                    out,
                    "Compare with the reference solution: {}",
                    solution.display()
                )?;
            }
            match next.and_then(|name| course.exercise(&name)) {
                Some(next) => writeln!(
                    out,
                    "Next: `{}` (exercises/{}): {}",
                    next.name,
                    next.path.display(),
                    next.concept
                )?,
                None => writeln!(out, "\n{}", course.final_message())?,
            }
        } else if !verdict.blames_library() {
            writeln!(
                out,
                "Stuck? `typed-ai-rustlings hint {}` shows the next hint.",
                exercise.name
            )?;
        }
        Ok(())
    };
    write(&mut out).map_err(|source| Error::Output { source })?;
    Ok(if verdict.passed() {
        exit_code::SUCCESS
    } else if verdict.blames_library() {
        exit_code::USAGE_OR_COURSE
    } else {
        exit_code::LEARNER_FAILURE
    })
}

/// Records the check: a pass marks the exercise done and, when it was the
/// current one, moves on to the next one not done; a failure marks it not
/// done. Returns the current exercise afterwards. (Watch records through
/// its own session rules: it must not move on from an exercise revisited with
/// `l`, nor from content that changed during the check.)
pub fn record(
    store: &Store,
    course: &Course,
    exercise: &Exercise,
    verdict: &Verdict,
) -> Result<Option<String>, Error> {
    let order = course.exercise_names();
    let name = exercise.name.as_str();
    let current = store.update(|state| {
        if verdict.passed() {
            state.record_attempt(name, Attempt::Passed);
            state.mark_done(name);
            if state.current().is_none_or(|current| current == name) {
                let position = order
                    .iter()
                    .position(|candidate| *candidate == name)
                    .unwrap_or(0);
                let after = order[position..].iter().chain(&order[..position]).copied();
                if let Some(next) = after
                    .into_iter()
                    .find(|candidate| !state.is_done(candidate))
                {
                    state.set_current(next);
                }
            }
        } else {
            state.record_attempt(
                name,
                Attempt::Failed {
                    fingerprint: &fingerprint(verdict),
                },
            );
            state.mark_pending(name);
        }
        state.resolve_current(&order).map(str::to_owned)
    })?;
    Ok(current)
}

/// A short summary equal for "the same failure", for the state's streak count.
pub fn fingerprint(verdict: &Verdict) -> String {
    match &verdict.outcome {
        Outcome::CompileError => verdict
            .compiler
            .errors()
            .next()
            .map(|error| {
                format!(
                    "{} {}",
                    error.code.as_deref().unwrap_or("error"),
                    error.message
                )
            })
            .unwrap_or_else(|| "compile error".to_owned()),
        Outcome::TestsFailed { failed, .. } => format!("tests failed: {}", failed.join(", ")),
        Outcome::RunFailed { exit, .. } => format!("run failed: {exit:?}"),
        Outcome::TimedOut { .. } => "timed out".to_owned(),
        Outcome::Passed { .. } => "passed".to_owned(),
    }
}

/// The reference solution's path, written into the course folder now that
/// the exercise passes (a source course already has it).
pub fn solution(course: &Course, exercise: &Exercise) -> Option<std::path::PathBuf> {
    shown_solution(course, exercise, write_solution(course.root(), exercise))
}

/// [`solution`] for every exercise that passed a `verify`, reading the
/// course record once.
pub fn solutions(course: &Course, passed: &[&Exercise]) {
    match write_solutions(course.root(), passed) {
        Ok(written) => {
            for (exercise, written) in written {
                shown_solution(course, exercise, written);
            }
        }
        Err(error) => {
            // A course without a readable record may still hold its solutions
            // (a source course); warn once, not once per exercise.
            if passed
                .iter()
                .any(|exercise| !course.solution_path(exercise).is_file())
            {
                warn(&format!(
                    "note: the reference solutions could not be written: {error}"
                ));
            }
        }
    }
}

fn shown_solution(
    course: &Course,
    exercise: &Exercise,
    written: Result<std::path::PathBuf, CourseFolderError>,
) -> Option<std::path::PathBuf> {
    match written {
        Ok(path) => Some(path),
        Err(_) if course.solution_path(exercise).is_file() => Some(course.solution_path(exercise)),
        Err(error) => {
            warn(&format!(
                "note: the reference solution could not be written: {error}"
            ));
            None
        }
    }
}
