//! `__confined` (internal): the process `challenge check` starts every
//! build and run through. It restricts itself to the policy its arguments
//! give (`confine::restrict`), then becomes the program (`exec`: same
//! process, same process group), so the program and everything it starts
//! stay confined and a time limit still kills them all.
//!
//! The command line is `typed-ai-rustlings __confined [--read PATH]...
//! [--write PATH]... -- PROGRAM [ARGS]...`, read by hand before clap (it is
//! no user's command: no help, no completion). It never returns on
//! success; run by hand, it reproduces a check's confinement for one
//! command.

use std::ffi::OsString;
use std::path::PathBuf;

use crate::confine::{Policy, restrict};
use crate::error::Error;

/// A parsed `__confined` command line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Confined {
    policy: Policy,
    program: OsString,
    args: Vec<OsString>,
}

/// Confines this process and execs the program `args` (what follows
/// `__confined`) names; returns only on failure.
pub fn run(args: &[OsString]) -> Result<u8, Error> {
    let confined = parse(args).map_err(|message| Error::Usage {
        message: format!(
            "__confined: {message}; the form is `__confined [--read PATH]... [--write PATH]... -- PROGRAM [ARGS]...`"
        ),
    })?;
    restrict(&confined.policy).map_err(|reason| Error::Unconfinable { reason })?;
    exec(&confined.program, &confined.args)
}

/// Reads `--read PATH` and `--write PATH` pairs up to `--`, then the
/// program and its arguments, taken as they are.
fn parse(args: &[OsString]) -> Result<Confined, String> {
    let mut read = Vec::new();
    let mut write = Vec::new();
    let mut rest = args.iter();
    loop {
        let Some(flag) = rest.next() else {
            return Err("no `--` before the program".to_owned());
        };
        let into = match flag.to_str() {
            Some("--") => break,
            Some("--read") => &mut read,
            Some("--write") => &mut write,
            _ => return Err(format!("unexpected {}", flag.to_string_lossy())),
        };
        let path = rest
            .next()
            .ok_or_else(|| format!("{} needs a path", flag.to_string_lossy()))?;
        into.push(PathBuf::from(path));
    }
    let program = rest.next().ok_or("no program after `--`")?.clone();
    Ok(Confined {
        policy: Policy::new(read, write),
        program,
        args: rest.cloned().collect(),
    })
}

#[cfg(unix)]
fn exec(program: &OsString, args: &[OsString]) -> Result<u8, Error> {
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
fn exec(_program: &OsString, _args: &[OsString]) -> Result<u8, Error> {
    // `restrict` has already refused: nothing confines on this system.
    Err(Error::Unconfinable {
        reason: "this system cannot confine a process".to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_policy_comes_before_the_double_dash_and_the_program_after_it() {
        let parsed = parse(&args(&[
            "--read", "/usr", "--write", "/tmp/x", "--read", "/etc", "--", "cargo", "test",
            "--read", "--",
        ]))
        .expect("parses");
        assert_eq!(
            parsed,
            Confined {
                policy: Policy::new(
                    vec![PathBuf::from("/usr"), PathBuf::from("/etc")],
                    vec![PathBuf::from("/tmp/x")]
                ),
                program: OsString::from("cargo"),
                args: args(&["test", "--read", "--"]),
            },
            "what follows the program is the program's"
        );
    }

    #[test]
    fn a_malformed_command_line_says_what_is_wrong() {
        assert_eq!(
            parse(&args(&["--read", "/usr"])),
            Err("no `--` before the program".to_owned())
        );
        assert_eq!(
            parse(&args(&["--read"])),
            Err("--read needs a path".to_owned())
        );
        assert_eq!(
            parse(&args(&["--mount", "/", "--", "sh"])),
            Err("unexpected --mount".to_owned())
        );
        assert_eq!(
            parse(&args(&["--"])),
            Err("no program after `--`".to_owned())
        );
    }
}
