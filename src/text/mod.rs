//! Text: normalising compiler and program output for matching
//! (`normalise.rs`), and laying it out for a terminal (`layout.rs`).

mod layout;
mod normalise;

pub use layout::{cut, display_width, reflow, wrap, wrap_words};
pub use normalise::{contains_all, fold_whitespace, normalize, strip_ansi, strip_crate_paths};
