//! One module per subcommand; each returns the exit code of a finished
//! command or the `Error` that stopped it.

mod output;
pub mod run;
pub mod verify;
pub mod verify_pack;

pub use output::{announce, find_exercise, warn};
