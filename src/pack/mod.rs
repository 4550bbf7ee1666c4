//! `verify --pack`: the course's own CI checks, its two pedagogy lints, its
//! report (`report.rs`), and the part of the checks that `init` runs before
//! using a course pack (`gate.rs`).

mod check;
mod expect;
mod gate;
pub mod report;
mod solved_by_rustc;
mod spoiled;
mod stray;

pub use check::{
    ExerciseReport, ObligationCheck, PackCheck, PackProblem, check_exercise, check_texts,
};
pub use expect::{check_expectation, check_solution};
pub use gate::{check_manifest, check_pack};
pub use solved_by_rustc::{AppliedSuggestion, RustcAttempt, solve_with_rustc};
pub use spoiled::{EarlierLines, SeenIn, Spoiler, spoilers};
pub use stray::stray_files;
