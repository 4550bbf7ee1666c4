//! cargo and the binaries it builds, driven for one challenge check: a
//! build with `--message-format=json` read into errors and artifacts, and
//! a run of a test binary or example under the engine's limits.
//!
//! Every process goes through `engine::execute`: stdin closed, output
//! capped, killed at its time limit with everything it spawned, and
//! started by the check's [`Launcher`] (confined, unless `--no-confine`),
//! because a submission's build and tests are untrusted code. cargo runs
//! offline: nothing is fetched during a check. When a confined process
//! fails, the lines where it was refused an access are kept
//! ([`Denials`]). cargo's human output is never parsed; libtest's is read
//! only for test names and verdicts. This file does not decide what a
//! result means for a check (`check.rs` does).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use cargo_metadata::diagnostic::DiagnosticLevel;
use cargo_metadata::{Message, TargetKind};

use crate::confine::{Denials, Launcher};
use crate::engine::{Execution, Exit, Limits, OUTPUT_CAP, execute};
use crate::error::Error;
use crate::text::strip_ansi;

/// How long one cargo build may take: the first one also builds the library.
pub const BUILD_TIMEOUT: Duration = Duration::from_secs(600);

/// How long one test binary or the example may run, unless the challenge
/// or `--timeout` says otherwise.
pub const RUN_TIMEOUT: Duration = Duration::from_secs(60);

/// How much of a build's JSON is kept: enough for every artifact of a small
/// package even under a flood of warnings, bounded all the same.
const BUILD_OUTPUT_CAP: usize = 8 * 1024 * 1024;

/// One cargo target built with an executable (a test binary or an example).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Executable {
    /// The target's name: the file stem for `tests/` and `examples/`.
    pub name: String,
    /// Whether it is the library's unit tests, an integration test or an example.
    pub kind: ExecutableKind,
    /// The binary.
    pub path: PathBuf,
}

/// What an [`Executable`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExecutableKind {
    /// `src/`'s unit tests.
    UnitTests,
    /// A file of `tests/`.
    IntegrationTest,
    /// A file of `examples/`.
    Example,
    /// Anything else cargo built with an executable (a bin's tests).
    Other,
}

/// One library cargo built (or found fresh): what another crate needs to
/// compile against it with `--extern`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Library {
    /// The crate name, as `use` writes it (`typed_ai`).
    pub crate_name: String,
    /// The `.rlib`.
    pub rlib: PathBuf,
    /// Its target's edition (`2024`).
    pub edition: String,
    /// The `Cargo.toml` of its package.
    pub manifest: PathBuf,
}

/// What one cargo build produced.
#[derive(Debug, Clone)]
pub struct Build {
    /// cargo exited 0 within its time limit.
    pub success: bool,
    /// It ran past [`BUILD_TIMEOUT`].
    pub timed_out: bool,
    /// The rendered text of every error (and, with lints denied, every
    /// denied lint), without colour.
    pub errors: Vec<String>,
    /// Every executable built.
    pub executables: Vec<Executable>,
    /// Every library built or found fresh, dependencies included.
    pub libraries: Vec<Library>,
    /// cargo's own lines that were not JSON (a manifest error, say).
    pub other_output: String,
}

impl Build {
    /// The executable of kind `kind` called `name`.
    pub fn executable(&self, kind: ExecutableKind, name: &str) -> Option<&Executable> {
        self.executables
            .iter()
            .find(|executable| executable.kind == kind && executable.name == name)
    }

    /// Every test binary (unit and integration).
    pub fn test_binaries(&self) -> impl Iterator<Item = &Executable> {
        self.executables.iter().filter(|executable| {
            matches!(
                executable.kind,
                ExecutableKind::UnitTests | ExecutableKind::IntegrationTest | ExecutableKind::Other
            )
        })
    }

    /// Why the build failed, for a report: the compiler's errors, else
    /// cargo's own words.
    pub fn failure_details(&self) -> Vec<String> {
        if self.timed_out {
            return vec![format!(
                "the build did not finish within {} s",
                BUILD_TIMEOUT.as_secs()
            )];
        }
        if self.errors.is_empty() {
            let text = self.other_output.trim();
            return vec![if text.is_empty() {
                "cargo failed without saying why".to_owned()
            } else {
                text.to_owned()
            }];
        }
        self.errors.clone()
    }
}

/// cargo, pointed at one check's target folder and one rustc, starting
/// every process through one check's launcher.
#[derive(Debug, Clone)]
pub struct Cargo {
    program: PathBuf,
    rustc: PathBuf,
    target_dir: PathBuf,
    launcher: Launcher,
    run_timeout: Duration,
    denials: Denials,
}

impl Cargo {
    /// cargo at `program`, compiling with `rustc` into `target_dir`, each
    /// process started by `launcher`; a test binary or the example may run
    /// for `run_timeout`.
    pub fn new(
        program: &Path,
        rustc: &Path,
        target_dir: &Path,
        launcher: Launcher,
        run_timeout: Duration,
    ) -> Self {
        Self {
            program: program.to_path_buf(),
            rustc: rustc.to_path_buf(),
            target_dir: target_dir.to_path_buf(),
            launcher,
            run_timeout,
            denials: Denials::default(),
        }
    }

    /// How long a test binary or the example may run.
    pub fn run_timeout(&self) -> Duration {
        self.run_timeout
    }

    /// The accesses confined processes were refused, since last taken.
    pub fn denials(&self) -> &Denials {
        &self.denials
    }

    /// A command for `program` (a compiler, a built binary), started the
    /// way every process of this check is.
    pub fn tool(&self, program: &Path) -> Command {
        self.launcher.command(program)
    }

    /// Runs `command` within `limits`; a confined process that fails has
    /// its refused accesses recorded.
    pub fn execute(&self, command: Command, limits: Limits) -> Result<Execution, Error> {
        let execution = execute(command, limits)?;
        if self.launcher.is_confined() && !execution.exit.success() {
            self.denials.record(&execution.output.text);
        }
        Ok(execution)
    }

    /// `cargo <args>` in `dir`, the environment every call shares.
    pub fn command(&self, dir: &Path, args: &[&str]) -> Command {
        let mut command = self.tool(&self.program);
        command
            .args(args)
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", &self.target_dir)
            // The `typed` check compiles against what cargo built, with the
            // runner's rustc: both must be the same compiler.
            .env("RUSTC", &self.rustc)
            .env("CARGO_TERM_COLOR", "never")
            // Nothing is fetched during a check: what a challenge depends
            // on must already be in cargo's cache (`cargo fetch`).
            .env("CARGO_NET_OFFLINE", "true")
            // Every copy is built from scratch (its files are dated ahead),
            // so incremental caches are never reused, and nothing reads
            // debug info (panics name their file and line without it):
            // both would only cost time and disk.
            .env("CARGO_INCREMENTAL", "0")
            .env("CARGO_PROFILE_DEV_DEBUG", "0")
            // A caller's flags would change every fingerprint and rebuild
            // the library; challenges are judged with the defaults.
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS");
        command
    }

    /// `cargo <subcommand> --quiet --message-format=json <args>` in `dir`,
    /// read into a [`Build`]. `extra` goes after `--` (e.g. `-D warnings`).
    pub fn build(
        &self,
        dir: &Path,
        subcommand: &str,
        args: &[&str],
        extra: &[&str],
    ) -> Result<Build, Error> {
        let mut all = vec![subcommand, "--quiet", "--message-format=json"];
        all.extend_from_slice(args);
        if !extra.is_empty() {
            all.push("--");
            all.extend_from_slice(extra);
        }
        let execution = self.execute(
            self.command(dir, &all),
            Limits {
                timeout: BUILD_TIMEOUT,
                output_cap: BUILD_OUTPUT_CAP,
                stop: None,
            },
        )?;
        Ok(read_build(&execution))
    }

    /// `cargo test --doc` in `dir`: it compiles the doc tests too, so it gets
    /// a build's time limit.
    pub fn doc_tests(&self, dir: &Path) -> Result<Execution, Error> {
        self.execute(
            self.command(dir, &["test", "--doc", "--quiet"]),
            Limits {
                timeout: BUILD_TIMEOUT,
                output_cap: OUTPUT_CAP,
                stop: None,
            },
        )
    }

    /// Runs a built binary in `dir` (the challenge's copy, as cargo would)
    /// with `args`, under the run limits.
    pub fn run(&self, binary: &Path, dir: &Path, args: &[&str]) -> Result<Execution, Error> {
        let mut command = self.tool(binary);
        command
            .args(args)
            .current_dir(dir)
            // Panics print the same whatever the caller's environment says.
            .env("RUST_BACKTRACE", "0")
            .env_remove("RUST_TEST_THREADS")
            .env("CARGO_TERM_COLOR", "never");
        self.execute(
            command,
            Limits {
                timeout: self.run_timeout,
                output_cap: OUTPUT_CAP,
                stop: None,
            },
        )
    }
}

/// Reads cargo's JSON lines (and whatever else it printed).
fn read_build(execution: &Execution) -> Build {
    let mut errors = Vec::new();
    let mut executables = Vec::new();
    let mut libraries = Vec::new();
    let mut other = String::new();
    for message in Message::parse_stream(execution.output.text.as_bytes()).flatten() {
        match message {
            Message::CompilerMessage(compiler) => {
                let diagnostic = compiler.message;
                if matches!(
                    diagnostic.level,
                    DiagnosticLevel::Error | DiagnosticLevel::Ice
                ) {
                    let rendered = diagnostic.rendered.unwrap_or(diagnostic.message);
                    let rendered = strip_ansi(&rendered).trim_end().to_owned();
                    if !errors.contains(&rendered) {
                        errors.push(rendered);
                    }
                }
            }
            Message::CompilerArtifact(artifact) => {
                let rlib = artifact
                    .filenames
                    .iter()
                    .find(|file| file.extension() == Some("rlib"));
                if let Some(rlib) = rlib
                    && !artifact.profile.test
                {
                    libraries.push(Library {
                        crate_name: artifact.target.name.replace('-', "_"),
                        rlib: rlib.clone().into_std_path_buf(),
                        edition: artifact.target.edition.as_str().to_owned(),
                        manifest: artifact.manifest_path.clone().into_std_path_buf(),
                    });
                }
                let Some(path) = artifact.executable else {
                    continue;
                };
                let kind = if artifact.target.kind.contains(&TargetKind::Example) {
                    ExecutableKind::Example
                } else if artifact.target.kind.contains(&TargetKind::Test) {
                    ExecutableKind::IntegrationTest
                } else if artifact.profile.test && artifact.target.kind.contains(&TargetKind::Lib) {
                    ExecutableKind::UnitTests
                } else {
                    ExecutableKind::Other
                };
                executables.push(Executable {
                    name: artifact.target.name,
                    kind,
                    path: path.into_std_path_buf(),
                });
            }
            Message::TextLine(line) => {
                other.push_str(&line);
                other.push('\n');
            }
            _ => {}
        }
    }
    Build {
        success: execution.exit.success(),
        timed_out: execution.exit == Exit::TimedOut,
        errors,
        executables,
        libraries,
        other_output: strip_ansi(&other).into_owned(),
    }
}

/// The test names a libtest binary lists (`name: test` lines of `--list`).
pub fn listed_tests(output: &str) -> Vec<String> {
    strip_ansi(output)
        .lines()
        .filter_map(|line| line.strip_suffix(": test"))
        .map(str::to_owned)
        .collect()
}

/// The tests of `listed` that libtest's `output` never reports as
/// finished (no `test NAME ... ok`, `FAILED` or `ignored` line): once a
/// time limit has stopped the binary, the ones that hung. libtest prints
/// each result as its test ends, whatever the number of threads.
pub fn unfinished_tests(listed: &[String], output: &str) -> Vec<String> {
    let plain = strip_ansi(output);
    let finished: Vec<&str> = plain
        .lines()
        .filter_map(|line| {
            let (name, result) = line.trim().strip_prefix("test ")?.split_once(" ... ")?;
            let ended = ["ok", "FAILED", "ignored"]
                .iter()
                .any(|word| result.trim_start().starts_with(word));
            ended.then(|| name.trim_end_matches(" - should panic").trim())
        })
        .collect();
    listed
        .iter()
        .filter(|name| !finished.contains(&name.as_str()))
        .cloned()
        .collect()
}

/// The first panic's message and where it happened, from libtest output:
/// "the first Adam step moved p from 1 to 0.68 (tests/adam.rs:45:5)".
pub fn first_panic(output: &str) -> Option<String> {
    let plain = strip_ansi(output);
    let mut lines = plain.lines();
    while let Some(line) = lines.next() {
        let Some((_, rest)) = line.split_once("panicked at ") else {
            continue;
        };
        let place = rest.trim_end_matches(':').trim();
        let message: Vec<&str> = lines
            .by_ref()
            .take_while(|line| !line.trim().is_empty() && !line.starts_with("note: "))
            .map(str::trim)
            .collect();
        let message = message.join(" ");
        return Some(if message.is_empty() {
            format!("a panic at {place}")
        } else {
            format!("{message} ({place})")
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_tests_are_the_name_test_lines() {
        let output = "adam_first_step_bias_corrected: test\n\
                      nested::case: test\n\
                      some_bench: benchmark\n\n\
                      2 tests, 1 benchmark\n";
        assert_eq!(
            listed_tests(output),
            vec!["adam_first_step_bias_corrected", "nested::case"]
        );
    }

    #[test]
    fn the_tests_never_reported_finished_are_the_ones_that_hung() {
        let listed: Vec<String> = ["a_quick_one", "loops_forever", "panics", "skipped"]
            .map(str::to_owned)
            .to_vec();
        let output = "running 4 tests\n\
            test skipped ... ignored, slow\n\
            test panics - should panic ... ok\n\
            test a_quick_one ... ok\n\
            test loops_forever has been running for over 60 seconds\n";
        assert_eq!(unfinished_tests(&listed, output), ["loops_forever"]);
        // One thread: libtest names each test as it starts it.
        let serial = "running 2 tests\ntest a_quick_one ... ok\ntest loops_forever ... ";
        assert_eq!(
            unfinished_tests(&listed[..2], serial),
            ["loops_forever"],
            "a started test without a result has not finished"
        );
    }

    #[test]
    fn the_first_panic_is_its_message_and_place() {
        let output = "running 1 test\n\
            thread 'adam_first_step_bias_corrected' (42) panicked at tests/adam.rs:45:5:\n\
            the first Adam step moved p from 1 to 0.6837703\n\
            note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n\
            test adam_first_step_bias_corrected ... FAILED\n";
        assert_eq!(
            first_panic(output).as_deref(),
            Some("the first Adam step moved p from 1 to 0.6837703 (tests/adam.rs:45:5)")
        );
        assert_eq!(first_panic("test result: ok"), None);
    }
}
