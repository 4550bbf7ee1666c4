//! Watch mode: the interactive loop a learner works in. One event enum, one
//! channel; the rules are a pure state machine (`session.rs`) and so is
//! what is drawn (`screen.rs`); the terminal and the threads are a thin
//! shell around them (`shell.rs`, `terminal.rs`, `watcher.rs`).

mod debounce;
mod event;
mod screen;
mod session;
mod shell;
mod terminal;
mod watcher;

pub use shell::{WatchOptions, require_terminal, watch};
