//! `run [NAME]`: check the current (or named) exercise once and print the
//! verdict with a hint under each compiler error, and what changed since the
//! try before; record the attempt.

use std::io::{IsTerminal, Write};

use colored::Colorize;

use crate::course_folder::unlock_solutions;
use crate::engine::{Engine, Needs};
use crate::error::Error;
use crate::exit_code;
use crate::hints::BuiltinHints;
use crate::location::Cwd;
use crate::open;
use crate::report::words::what_changed;
use crate::report::{announce, write_verdict};
use crate::state::Attempt;

/// Runs the command; returns the exit code (0 pass, 1 not yet, 2 broken course).
pub fn run(cwd: &Cwd, name: Option<&str>, color: bool, out: &mut dyn Write) -> Result<u8, Error> {
    let mut opened = open::learner(cwd)?;
    opened.announce_notes();
    let course = &opened.course;
    let order = course.exercise_names();
    if name.is_none() && opened.state.is_finished(&order) {
        writeln!(out, "Every exercise is done.\n\n{}", course.final_message())
            .map_err(|source| Error::Output { source })?;
        return Ok(exit_code::SUCCESS);
    }
    let exercise = opened.named_or_current(name)?;
    let engine = Engine::prepare(course, Needs::learner(course), cwd, &announce)?;
    if std::io::stdout().is_terminal() {
        engine.set_diagnostic_width(crossterm::terminal::size().ok().map(|(columns, _)| columns));
    }
    let verdict = engine.check(exercise)?;
    let change = engine
        .swap_summary(exercise, &verdict.summary())
        .and_then(|before| what_changed(&before, &verdict, exercise.mode));
    let signature = verdict.failure_signature();
    let attempt = if verdict.passed() {
        Attempt::Passed
    } else {
        Attempt::Failed {
            signature: &signature,
        }
    };
    let after = opened.store.update(|state| {
        // A first pass moves the learner on from that exercise, wherever
        // they were before (as watch does after a jump); passing again an
        // exercise already done (a revisit) keeps them where they were,
        // unless it is the one they are on.
        let move_on = !state.is_done(&exercise.name)
            || state
                .resolve_current(&order)
                .is_none_or(|current| current == exercise.name);
        state.record_check(&order, &exercise.name, attempt, move_on)
    })?;
    for warning in opened.store.take_warnings() {
        announce(&warning.to_string());
    }
    let solution = if verdict.passed() {
        solution_to_show(course, exercise, cwd)
    } else {
        None
    };

    let hints_seen = usize::try_from(opened.state.hint_level(&exercise.name)).unwrap_or(usize::MAX);
    let write = |out: &mut dyn Write| -> std::io::Result<()> {
        writeln!(
            out,
            "{} {} ({})\n{}\n",
            "▶".bold(),
            exercise.name.bold(),
            verdict.file.display(),
            exercise.concept.dimmed()
        )?;
        let builtin = BuiltinHints::for_library(course.library_crate());
        write_verdict(
            out,
            exercise,
            &verdict,
            hints_seen,
            change.as_deref(),
            builtin,
            color,
        )?;
        if verdict.passed() {
            if let Some(solution) = solution {
                writeln!(
                    out,
                    "Compare with the reference solution: {}",
                    solution.display()
                )?;
            }
            match after.current().and_then(|name| course.exercise(name)) {
                Some(next) => writeln!(
                    out,
                    "Next: `{}` ({}): {}",
                    next.name,
                    cwd.show(&course.exercise_path(next)).display(),
                    next.concept
                )?,
                None => writeln!(out, "\n{}", course.final_message().trim_end())?,
            }
        } else if !verdict.blames_course() {
            writeln!(
                out,
                "Stuck? `typed-ai-rustlings hint {}` shows the next hint.",
                exercise.name
            )?;
        }
        Ok(())
    };
    write(out).map_err(|source| Error::Output { source })?;
    Ok(if verdict.passed() {
        exit_code::SUCCESS
    } else if verdict.blames_course() {
        exit_code::USAGE_OR_COURSE
    } else {
        exit_code::LEARNER_FAILURE
    })
}

/// The reference solution's path as the learner should read it, written
/// into the course folder now that the exercise passes; a note on stderr
/// when it cannot be written.
fn solution_to_show(
    course: &crate::course::Course,
    exercise: &crate::course::Exercise,
    cwd: &Cwd,
) -> Option<std::path::PathBuf> {
    let (_, unlocked) = unlock_solutions(course, &[exercise]).pop()?;
    match unlocked {
        Ok(path) => Some(cwd.show(&path)),
        Err(why) => {
            announce(&format!(
                "note: the reference solution could not be written: {why}"
            ));
            None
        }
    }
}
