//! One module per subcommand, each with a `run` function that returns the
//! exit code of a finished command or the `Error` that stopped it. Opening
//! the course a command works on is `crate::open`'s job.

pub mod completions;
pub mod confined;
pub mod hint;
pub mod init;
pub mod list;
pub mod reset;
pub mod run;
pub mod verify;
pub mod verify_pack;
pub mod watch;
