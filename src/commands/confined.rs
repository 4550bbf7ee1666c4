//! `__confined` (hidden): the process `challenge check` starts every build
//! and run through. It restricts itself to the policy its arguments give
//! (`confine::restrict`), then becomes the program (`exec`, same process,
//! same process group), so the program and everything it starts stay
//! confined and a time limit still kills them all.
//!
//! It never returns on success. Run by hand, it reproduces a check's
//! confinement for one command.

use crate::cli::ConfinedArgs;
use crate::confine::{Policy, restrict};
use crate::error::Error;

/// Confines this process and execs `args.program`; returns only on failure.
pub fn run(args: &ConfinedArgs) -> Result<u8, Error> {
    let Some((program, rest)) = args.program.split_first() else {
        return Err(Error::Usage {
            message: "__confined: name the program to run after `--`".to_owned(),
        });
    };
    let policy = Policy::new(args.read.clone(), args.write.clone());
    restrict(&policy).map_err(|reason| Error::Unconfinable { reason })?;
    exec(program, rest)
}

#[cfg(unix)]
fn exec(program: &std::ffi::OsStr, args: &[std::ffi::OsString]) -> Result<u8, Error> {
    use std::os::unix::process::CommandExt;
    let mut command = std::process::Command::new(program);
    command.args(args);
    // `exec` returns only when the program could not be started.
    let source = command.exec();
    Err(Error::Spawn {
        command: crate::engine::describe(&command),
        source,
    })
}

#[cfg(not(unix))]
fn exec(_program: &std::ffi::OsStr, _args: &[std::ffi::OsString]) -> Result<u8, Error> {
    // `restrict` has already refused: nothing confines on this system.
    Err(Error::Unconfinable {
        reason: "this system cannot confine a process".to_owned(),
    })
}
