//! Text: reading terminal escapes and making output safe to print
//! (`escapes.rs`), normalising compiler and program output for matching
//! (`normalise.rs`), laying it out for a terminal (`layout.rs`), quoting a
//! path for a command line to paste (`shell.rs`), and reading the plain
//! facts of a Rust source file without a compiler (`rust_source.rs`: its
//! tests block, its tests, `fn main`).

mod escapes;
mod layout;
mod normalise;
mod rust_source;
mod shell;

pub use escapes::sanitize;
pub use layout::{cut, display_width, reflow, wrap, wrap_words};
pub use normalise::{contains_all, fold_whitespace, normalize, strip_ansi, strip_crate_paths};
pub use rust_source::{
    has_main, has_todo, splice_tests_block, test_names, tests_block, tests_block_range,
};
pub use shell::shell_quote;
