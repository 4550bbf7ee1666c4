//! Hints from diagnostics: the hint shown under each compiler error.

mod select;
mod table;

pub use select::{AnnotatedError, Hint, HintSource, annotate_errors, hint_for};
pub use table::BuiltinHints;
