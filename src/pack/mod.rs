//! `verify --pack`: the course's own CI checks.

mod check;
mod expect;
mod source_text;
mod stray;

pub use check::{ExerciseReport, ObligationCheck, PackCheck, PackProblem, check_exercise};
pub use expect::{check_expectation, check_solution};
pub use source_text::{has_main, has_todo, tests_block};
pub use stray::stray_files;
