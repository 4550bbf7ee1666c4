//! One module per subcommand; each returns the exit code of a finished
//! command or the `Error` that stopped it. `learner.rs` finds and opens the
//! course a command works on (`learn/` in the repository).

pub mod completions;
pub mod hint;
pub mod init;
pub mod learner;
pub mod list;
mod output;
pub mod reset;
pub mod run;
pub mod verify;
pub mod verify_pack;

pub use output::{announce, find_exercise, warn};
