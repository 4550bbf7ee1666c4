//! # typed-ai-rustlings, the runner
//!
//! The binary (`main.rs`) is a thin shell over this library, so the watch
//! loop and the challenge checker reuse the same engine.
//!
//! | module | what it owns |
//! |---|---|
//! | [`cli`] | the command line (clap derive) and its small resolutions |
//! | [`course`] | info.toml: the raw model, the resolved [`course::Course`], validation with file:line:col |
//! | [`error`] | [`Error`], one exit-code class per variant |
//! | [`exit_code`] | the documented exit codes |
//! | [`state`] | the learner's progress (`.typed-ai-rustlings/state.toml`): atomic writes, locks, recovery |
//! | [`course_folder`] | the embedded course; `init`, `init --update`, `reset`, unlocked solutions |

mod atomic_file;
pub mod cli;
pub mod course;
pub mod course_folder;
pub mod error;
pub mod exit_code;
pub mod state;

pub use error::Error;
