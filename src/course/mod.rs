//! The course model: info.toml parsed, resolved and validated.

mod exercise;
mod load;
mod problem;
mod raw;

pub use exercise::{DEFAULT_TIMEOUT, Exercise, Expectation, HintRule, Mode};
pub use load::{Chapter, Course, FORMAT_VERSION, INFO_FILE};
pub use problem::{Problem, Problems};
// challenge.toml problems are located the same way as info.toml's.
pub(crate) use problem::Locator;
