//! `verify`: check every exercise (or a partition) in course order, headless,
//! never stopping at the first failure; record each verdict (pass = done,
//! fail = not done) and make the first exercise not done the current one.

use std::io::Write;

use crate::cli::{Format, VerifyArgs};
use crate::course::{Course, Exercise};
use crate::course_folder::unlock_solutions;
use crate::engine::{Engine, Needs};
use crate::error::Error;
use crate::exit_code;
use crate::interrupt;
use crate::location::Cwd;
use crate::open;
use crate::parallel::map_in_order;
use crate::report::verify::{Entry, write_human, write_json, write_junit};
use crate::report::{Progress, announce};

/// Runs `check` on every exercise `--partition` selects, `-j` at a time
/// (default: the number of cores), with a progress bar on a terminal; the
/// results come back in course order. Both verifies check this way.
pub fn check_selected<'c, R: Send>(
    course: &'c Course,
    args: &VerifyArgs,
    check: impl Fn(&Exercise) -> R + Sync,
) -> Vec<(&'c Exercise, R)> {
    let exercises: Vec<&Exercise> = course
        .exercises()
        .iter()
        .enumerate()
        .filter(|(position, _)| {
            args.partition
                .is_none_or(|partition| partition.contains(*position))
        })
        .map(|(_, exercise)| exercise)
        .collect();
    let jobs = args
        .jobs
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, std::num::NonZeroUsize::get);
    let progress = Progress::new(exercises.len());
    let results = map_in_order(
        &exercises,
        jobs,
        |exercise| check(exercise),
        |exercise| progress.tick(&exercise.name),
    );
    progress.finish();
    exercises.into_iter().zip(results).collect()
}

/// Runs the command; returns the exit code (0 all pass, 1 some do not, or,
/// when errors kept exercises from being checked, the highest of their codes).
pub fn run(cwd: &Cwd, args: &VerifyArgs, out: &mut dyn Write) -> Result<u8, Error> {
    let mut opened = open::learner(cwd)?;
    opened.announce_notes();
    let course = &opened.course;
    let engine = Engine::prepare(course, Needs::learner(course), cwd, &announce)?;
    let entries: Vec<Entry<'_>> = check_selected(course, args, |exercise| engine.check(exercise))
        .into_iter()
        .map(|(exercise, result)| Entry { exercise, result })
        .collect();

    let order = course.exercise_names();
    let verdicts = entries.iter().filter_map(|entry| {
        // A check that could not run (a missing file) changes nothing.
        let verdict = entry.result.as_ref().ok()?;
        Some((entry.exercise.name.as_str(), verdict.passed()))
    });
    let after = opened
        .store
        .update(|state| state.record_verify(&order, verdicts))?;
    for warning in opened.store.take_warnings() {
        announce(&warning.to_string());
    }
    // Ctrl-C: the checks that finished are recorded (they are true); no
    // report of checks that were cut short.
    if interrupt::requested() {
        return Err(Error::Stopped);
    }
    let passed: Vec<&Exercise> = entries
        .iter()
        .filter(|entry| entry.result.as_ref().is_ok_and(|verdict| verdict.passed()))
        .map(|entry| entry.exercise)
        .collect();
    let mut problems: Vec<String> = unlock_solutions(course, &passed)
        .into_iter()
        .filter_map(|(_, unlocked)| unlocked.err())
        .collect();
    problems.dedup();
    for problem in problems {
        announce(&format!(
            "note: a reference solution could not be written: {problem}"
        ));
    }

    let current = after
        .current()
        .and_then(|name| course.exercise(name))
        .map(|exercise| {
            (
                exercise.name.as_str(),
                cwd.show(&course.exercise_path(exercise)),
            )
        });
    let partition = args.partition.map(|partition| partition.to_string());
    let written = match args.format {
        Format::Human => write_human(
            out,
            &entries,
            current.as_ref().map(|(name, path)| (*name, path.as_path())),
            // No exercise left that is not done: the whole course is finished.
            current.is_none().then(|| course.final_message()),
        ),
        Format::Json => write_json(out, course, &entries, partition),
        Format::Junit => write_junit(out, course, &entries),
    };
    written
        .and_then(|()| out.flush())
        .map_err(|source| Error::Output { source })?;

    let worst_error = entries
        .iter()
        .filter_map(|entry| entry.result.as_ref().err())
        .map(Error::exit_code)
        .max();
    Ok(match worst_error {
        Some(code) => code,
        None if entries
            .iter()
            .all(|entry| entry.result.as_ref().is_ok_and(|verdict| verdict.passed())) =>
        {
            exit_code::SUCCESS
        }
        None => exit_code::LEARNER_FAILURE,
    })
}
