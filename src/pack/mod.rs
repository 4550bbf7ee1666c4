//! `verify --pack`: the course's own CI checks, and the part of them that
//! `init` runs before using a course pack (`gate.rs`).

mod check;
mod expect;
mod gate;
mod source_text;
mod stray;

pub use check::{ExerciseReport, PackCheck, PackProblem, check_exercise, check_texts};
pub use expect::{check_expectation, check_solution};
pub use gate::{check_manifest, check_pack};
pub use source_text::{has_main, has_todo, tests_block};
pub use stray::stray_files;
