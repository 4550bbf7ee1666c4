//! The course model: info.toml read, resolved and validated.
//!
//! | file | what it owns |
//! |---|---|
//! | `model.rs` | the loaded [`Course`] and its [`Chapter`]s |
//! | `exercise.rs` | an [`Exercise`] and the nouns it is judged by |
//! | `raw.rs` | info.toml's schema as serde structs with spans |
//! | `parse.rs` | info.toml's text to the raw model, part by part |
//! | `resolve.rs` | the raw model to a [`Course`]: every rule of a valid manifest |
//! | `load.rs` | reading info.toml from a course folder; [`Course::load`] |
//! | `error.rs` | [`CourseError`]: problems, or a file that could not be read |
//! | `problem.rs` | a [`Problem`] at file:line:col, and the [`Locator`] that places it |
//! | `toml_reader.rs` | the spanned-TOML reader info.toml and challenge.toml share |

mod error;
mod exercise;
mod load;
mod model;
mod parse;
mod problem;
mod raw;
mod resolve;
mod toml_reader;

pub use error::CourseError;
pub use exercise::{
    DEFAULT_TIMEOUT, Exercise, Expectation, HintRule, LintAllowances, Mode, Obligation,
    PassContract,
};
pub use load::INFO_FILE;
pub use model::{Chapter, Course, DEFAULT_SNIPPET_RETURNS};
pub use problem::{Problem, Problems};
pub use raw::FORMAT_VERSION;
// challenge.toml is read and located the same way as info.toml.
pub(crate) use problem::Locator;
pub(crate) use resolve::is_error_code;
pub(crate) use toml_reader::{Entries, FieldNames, TomlReader, decode};
