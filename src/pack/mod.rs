//! `verify --pack`: the course's own CI checks.

mod check;
mod expect;
mod stray;

pub use check::{ExerciseReport, PackCheck, PackProblem, check_exercise};
pub use expect::{check_expectation, check_solution};
pub use stray::stray_files;
