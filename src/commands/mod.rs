//! The learner-side commands that manage a course folder and its progress:
//! `hint`, `list`, `reset`, `init`, `completions`, and the shared opening of
//! a learner's course (`learner.rs`). Checking exercises (`run`, `verify`,
//! watch) lives with the engine.

pub mod completions;
pub mod hint;
pub mod init;
pub mod learner;
pub mod list;
pub mod reset;
