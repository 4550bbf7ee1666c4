//! Text: reading terminal escapes and making output safe to print
//! (`escapes.rs`), normalising compiler and program output for matching
//! (`normalise.rs`), laying it out for a terminal (`layout.rs`), and
//! quoting a path for a command line to paste (`shell.rs`).

mod escapes;
mod layout;
mod normalise;
mod shell;

pub use escapes::sanitize;
pub use layout::{cut, display_width, reflow, wrap, wrap_words};
pub use normalise::{contains_all, fold_whitespace, normalize, strip_ansi, strip_crate_paths};
pub use shell::shell_quote;
