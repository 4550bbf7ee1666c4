//! The checks a course pack must pass before `init --update` applies it to a
//! learner's course folder, and before `init --source` makes one from it.
//!
//! An update replaces files in a course somebody is working in, so a broken
//! pack would leave them with a broken course. The gate runs the part of
//! `verify --pack` that finds a pack unusable, and leaves out the part that
//! only finds it less good to learn from:
//!
//! - **run**: the manifest (every rule of info.toml, every exercise and
//!   solution file present, no `.rs` file info.toml does not list), the
//!   checks that read the files (`fn main`, the `TODO` markers, the same tests
//!   block in exercise and solution), the library build, and every solution
//!   passing its mode under `clippy-driver -D warnings`: without these, an
//!   exercise cannot be solved at all;
//! - **left out**: whether each unsolved file fails exactly as `expect`
//!   declares and whether both files are rustfmt-clean. They compile every
//!   exercise a second time and rustfmt both files, and a miss there makes
//!   an exercise less instructive, not impossible.
//!
//! Solutions are checked in parallel through the engine's verdict cache, so
//! right after the pack's author has run `verify --pack` the gate compiles
//! nothing; on a cold cache it costs one library build and one compiler
//! process per exercise. `init --source` (a new folder: nothing to lose) runs
//! the manifest part only ([`check_manifest`]).

use std::path::{Path, PathBuf};

use crate::course::Course;
use crate::engine::{Engine, Needs, Role};
use crate::error::Error;
use crate::location::Cwd;
use crate::parallel::map_in_order;

use super::check::check_texts;
use super::expect::check_solution;
use super::stray::stray_files;

/// The pack at `pack`, loaded as a course source, or every problem of its
/// manifest as [`Error::PackRefused`] (`what` says what was refused).
pub fn check_manifest(pack: &Path, what: &str) -> Result<Course, Error> {
    let course = Course::load_source(pack).map_err(|error| {
        if error.is_environment() {
            Error::Course(error)
        } else {
            refused(pack, what, vec![error.to_string()])
        }
    })?;
    let stray: Vec<String> = stray_files(&course)
        .iter()
        .map(|file| format!("{}: no exercise in info.toml has this path", file.display()))
        .collect();
    if stray.is_empty() {
        Ok(course)
    } else {
        Err(refused(pack, what, stray))
    }
}

/// Every check of the gate on the pack at `pack` (see the module's
/// documentation), `jobs` solutions at a time. `Err(Error::PackRefused)`
/// lists every problem found; other errors are the environment's.
pub fn check_pack(
    pack: &Path,
    what: &str,
    cwd: &Cwd,
    jobs: usize,
    announce: &dyn Fn(&str),
) -> Result<(), Error> {
    let course = check_manifest(pack, what)?;
    let mut problems = Vec::new();
    for exercise in course.exercises() {
        let file = Path::new("solutions").join(&exercise.path);
        for problem in check_texts(&course, exercise)? {
            problems.push(format!(
                "{}: {} ({})",
                file.display(),
                problem.message,
                problem.check.as_str()
            ));
        }
    }
    let needs = Needs {
        clippy: true,
        rustfmt: false,
    };
    let engine = match Engine::prepare(&course, needs, cwd, announce) {
        Ok(engine) => engine,
        Err(Error::LibraryBuild { library, rendered }) => {
            problems.push(format!(
                "the library at {} does not build:\n{}",
                library.display(),
                rendered.trim_end()
            ));
            return Err(refused(pack, what, problems));
        }
        Err(error) => return Err(error),
    };
    let exercises: Vec<_> = course.exercises().iter().collect();
    let verdicts = map_in_order(
        &exercises,
        jobs.max(1),
        |exercise| engine.check_source(exercise, Role::Solution),
        |_| {},
    );
    for (exercise, verdict) in exercises.iter().zip(verdicts) {
        if let Err(why) = check_solution(exercise.mode, &verdict?) {
            problems.push(format!(
                "{}: the solution does not pass: {why}",
                Path::new("solutions").join(&exercise.path).display()
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(refused(pack, what, problems))
    }
}

fn refused(pack: &Path, what: &str, problems: Vec<String>) -> Error {
    Error::PackRefused {
        pack: PathBuf::from(pack),
        what: what.to_owned(),
        problems,
    }
}
