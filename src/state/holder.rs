//! Who holds a lock: a process's id and the command it is running, as it
//! describes itself in a lock's sidecar file and in "the file is busy"
//! messages.
//!
//! Its own file so that the lock (which writes it) and the state errors
//! (which name it) both depend on it rather than on each other.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// The process holding a lock, as it described itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holder {
    /// Its process id.
    pub pid: u32,
    /// What it is running, e.g. `typed-ai-rustlings watch`.
    pub command: String,
}

impl Holder {
    /// This process, described as `command`.
    pub fn this_process(command: impl Into<String>) -> Holder {
        Holder {
            pid: std::process::id(),
            command: command.into(),
        }
    }

    /// This process, described by its program name and subcommand (the first
    /// argument that is not a flag), e.g. `typed-ai-rustlings run`.
    pub fn from_command_line() -> Holder {
        let mut args = std::env::args_os();
        let program = args
            .next()
            .as_deref()
            .map(Path::new)
            .and_then(Path::file_stem)
            .map_or_else(
                || "typed-ai-rustlings".to_owned(),
                |stem| stem.to_string_lossy().into_owned(),
            );
        let subcommand = args.find(|arg| !arg.to_string_lossy().starts_with('-'));
        let command = match subcommand {
            Some(sub) => format!("{program} {}", sub.to_string_lossy()),
            None => program,
        };
        Holder::this_process(command)
    }
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}, pid {}", self.command, self.pid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_holder_says_which_program_and_subcommand_it_is() {
        let holder = Holder::from_command_line();
        assert_eq!(holder.pid, std::process::id());
        assert!(!holder.command.is_empty());
        assert_eq!(
            Holder {
                pid: 7,
                command: "typed-ai-rustlings watch".into()
            }
            .to_string(),
            "typed-ai-rustlings watch, pid 7"
        );
    }
}
