//! `verify --pack`: the course's own CI checks, and its two pedagogy lints.

mod check;
mod expect;
mod solved_by_rustc;
mod spoiled;
mod stray;

pub use check::{ExerciseReport, ObligationCheck, PackCheck, PackProblem, check_exercise};
pub use expect::{check_expectation, check_solution};
pub use solved_by_rustc::{AppliedSuggestion, RustcAttempt, solve_with_rustc};
pub use spoiled::{EarlierLines, SeenIn, Spoiler, spoilers};
pub use stray::stray_files;
