//! How a check starts each of its processes: as they are (`--no-confine`),
//! or through the runner's own hidden `__confined` command, which
//! restricts itself to the check's [`Policy`] and then becomes the
//! program.
//!
//! The confined command line is a plain one a person can copy to
//! reproduce a denial: `typed-ai-rustlings __confined --read /usr …
//! --write /tmp/typed-ai-challenge-x … -- cargo test --no-run`. Either way
//! the process's temporary folder (`TMPDIR`) is the check's own, so
//! rustc's, the linker's and rustdoc's scratch files stay inside it.
//! It does not run anything itself (`engine::execute` does).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::policy::Policy;

/// The hidden subcommand that confines and execs.
pub const SUBCOMMAND: &str = "__confined";

/// How a check's processes are started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Launcher {
    /// The runner and the policy it holds processes to; `None` when the
    /// check runs unconfined.
    confined: Option<(PathBuf, Policy)>,
    /// `TMPDIR` for every process, once a check has its folder.
    temp: Option<PathBuf>,
}

impl Launcher {
    /// Processes start as they are.
    pub fn direct() -> Self {
        Self {
            confined: None,
            temp: None,
        }
    }

    /// Processes start through `runner __confined`, held to `policy`.
    pub fn confined(runner: PathBuf, policy: Policy) -> Self {
        Self {
            confined: Some((runner, policy)),
            temp: None,
        }
    }

    /// Whether processes are confined.
    pub fn is_confined(&self) -> bool {
        self.confined.is_some()
    }

    /// The policy processes are held to, when confined.
    pub fn policy(&self) -> Option<&Policy> {
        self.confined.as_ref().map(|(_, policy)| policy)
    }

    /// The launcher for one check: `temp` is its processes' `TMPDIR`, and
    /// it and `writable` (the check's copy, its target folder) may be
    /// written.
    pub fn for_check(&self, temp: &Path, writable: &[&Path]) -> Launcher {
        let confined = self.confined.as_ref().map(|(runner, policy)| {
            let paths = std::iter::once(temp)
                .chain(writable.iter().copied())
                .map(Path::to_path_buf);
            (runner.clone(), policy.with_writable(paths))
        });
        Launcher {
            confined,
            temp: Some(temp.to_path_buf()),
        }
    }

    /// A command that runs `program` (its arguments are added by the
    /// caller, after it).
    pub fn command(&self, program: &Path) -> Command {
        let mut command = match &self.confined {
            None => Command::new(program),
            Some((runner, policy)) => {
                let mut command = Command::new(runner);
                command.args(confined_args(policy, program));
                command
            }
        };
        if let Some(temp) = &self.temp {
            command.env("TMPDIR", temp);
        }
        command
    }
}

/// `__confined --read P … --write P … -- program`.
fn confined_args(policy: &Policy, program: &Path) -> Vec<OsString> {
    let mut args = vec![OsString::from(SUBCOMMAND)];
    for (flag, paths) in [("--read", policy.read()), ("--write", policy.write())] {
        for path in paths {
            args.push(flag.into());
            args.push(path.into());
        }
    }
    args.push("--".into());
    args.push(program.into());
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(command: &Command) -> Vec<String> {
        std::iter::once(command.get_program())
            .chain(command.get_args())
            .map(|part| part.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn a_confined_command_is_the_runner_with_the_policy_then_the_program() {
        let base = Launcher::confined(
            PathBuf::from("/bin/runner"),
            Policy::new(
                vec![PathBuf::from("/usr")],
                vec![PathBuf::from("/dev/null")],
            ),
        );
        let check = base.for_check(Path::new("/tmp/check/tmp"), &[Path::new("/t/target")]);
        let mut command = check.command(Path::new("cargo"));
        command.args(["test", "--no-run"]);
        assert_eq!(
            args(&command),
            [
                "/bin/runner",
                "__confined",
                "--read",
                "/usr",
                "--write",
                "/dev/null",
                "--write",
                "/tmp/check/tmp",
                "--write",
                "/t/target",
                "--",
                "cargo",
                "test",
                "--no-run"
            ]
        );
        assert!(
            command.get_envs().any(|(key, value)| key == "TMPDIR"
                && value == Some(Path::new("/tmp/check/tmp").as_os_str())),
            "TMPDIR is the check's own"
        );
        assert!(base.is_confined() && check.is_confined());
    }

    #[test]
    fn a_direct_command_is_the_program_itself() {
        let check = Launcher::direct().for_check(Path::new("/tmp/check/tmp"), &[]);
        let command = check.command(Path::new("cargo"));
        assert_eq!(args(&command), ["cargo"]);
        assert!(!check.is_confined());
        assert_eq!(check.policy(), None);
    }
}
