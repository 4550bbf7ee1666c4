//! `verify --pack`: the course's own CI on its source. Every unsolved file
//! fails as declared, every solution passes with lints denied and is
//! rustfmt-clean, tests agree, every file has `fn main`, nothing is missing
//! from info.toml, and the pedagogy lints ("solved by rustc", "spoiled")
//! pass or are opted out of. Reports every problem; never touches a
//! learner's progress.

use std::io::Write;

use crate::cli::{Format, VerifyArgs};
use crate::engine::{Engine, Needs};
use crate::error::Error;
use crate::exit_code;
use crate::interrupt;
use crate::location::Cwd;
use crate::open;
use crate::pack::report::{PackReport, write_human, write_json, write_junit};
use crate::pack::{EarlierLines, check_exercise, stray_files};
use crate::report::announce;

use super::verify::check_selected;

/// Runs the command on the course source around `cwd`; returns the exit
/// code (0 clean, 2 problems found, or an error's code).
pub fn run(cwd: &Cwd, args: &VerifyArgs, out: &mut dyn Write) -> Result<u8, Error> {
    let course = &open::source(cwd)?;
    let engine = Engine::prepare(course, Needs::pack(), cwd, &announce)?;
    let earlier = EarlierLines::read(course)?;
    let exercises = check_selected(course, args, |exercise| {
        check_exercise(&engine, exercise, &earlier)
    })
    .into_iter()
    .map(|(exercise, result)| (exercise.name.clone(), result))
    .collect();
    // Ctrl-C: no report of checks that were cut short.
    if interrupt::requested() {
        return Err(Error::Stopped);
    }
    // The manifest check is course-wide: the first partition does it, once.
    let stray = if args.partition.is_none_or(|partition| partition.contains(0)) {
        stray_files(course)
    } else {
        Vec::new()
    };
    let report = PackReport { exercises, stray };

    let partition = args.partition.map(|partition| partition.to_string());
    let written = match args.format {
        Format::Human => write_human(out, &report),
        Format::Json => write_json(out, course, &report, partition),
        Format::Junit => write_junit(out, &report),
    };
    written
        .and_then(|()| out.flush())
        .map_err(|source| Error::Output { source })?;

    let worst_error = report
        .exercises
        .iter()
        .filter_map(|(_, result)| result.as_ref().err())
        .map(Error::exit_code)
        .max();
    Ok(match worst_error {
        Some(code) => code,
        None if report.problem_count() == 0 => exit_code::SUCCESS,
        None => exit_code::USAGE_OR_COURSE,
    })
}
