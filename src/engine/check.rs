//! The engine: checks one file with exactly one compiler process, then runs
//! what it built, and answers from the verdict cache when nothing changed.
//!
//! [`Engine::prepare`] checks the toolchain and makes sure the library is
//! built (both cached across runs); [`Engine::check`] judges a learner's
//! exercise; [`Engine::check_source`] and [`Engine::check_formatting`] serve
//! `verify --pack`. Engines are `Sync`: `verify` checks in parallel with one
//! shared engine. Nothing here prints or touches the learner's progress.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicU16, Ordering};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::cache::Cache;
use super::captured::OUTPUT_CAP;
use super::command_line::CompileArgs;
use super::diagnostic::{Attribution, parse_compiler_output};
use super::dirs::BuildDirs;
use super::execute::{
    Exit, Limits, describe, execute, execute_separately, execute_with_memory_cap,
};
use super::library::Library;
use super::obligations::{Pending, SnippetCheck, key_parts};
use super::outcome::{Outcome, Verdict};
use super::toolchain::{CompilerLimits, Toolchain};
use crate::course::{Course, Exercise, Mode};
use crate::error::Error;
use crate::hash::KeyHasher;
use crate::location::Cwd;
use crate::text::strip_ansi;

/// Bumped whenever the way a verdict is computed changes, so verdicts cached
/// by an older runner of the same version number are not reused.
const VERDICT_FORMAT: u64 = 4;

/// How much memory (heap and other private data) an exercise's program or
/// test binary may use, where the platform can say (Linux). The course's
/// programs need a few MiB; this only stops one that grows without end.
const PROGRAM_MEMORY_CAP: u64 = 512 * 1024 * 1024;

/// How much of the compiler's JSON is kept: enough for hundreds of
/// diagnostics, bounded so a flood cannot exhaust memory.
const COMPILER_OUTPUT_CAP: usize = 8 * 1024 * 1024;

/// The tools a command needs besides rustc.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Needs {
    /// clippy-driver (an exercise with `clippy = true`, or `verify --pack`).
    pub clippy: bool,
    /// rustfmt (`verify --pack`).
    pub rustfmt: bool,
}

impl Needs {
    /// What checking a learner's exercises needs.
    pub fn learner(course: &Course) -> Self {
        Self {
            clippy: course.exercises().iter().any(|exercise| exercise.clippy),
            rustfmt: false,
        }
    }

    /// What `verify --pack` needs: everything.
    pub fn pack() -> Self {
        Self {
            clippy: true,
            rustfmt: true,
        }
    }
}

/// Which file of an exercise `verify --pack` checks, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `exercises/<path>`, compiled as a learner's would be.
    Exercise,
    /// `solutions/<path>`, compiled by clippy-driver with `-D warnings`.
    Solution,
}

impl Role {
    /// `exercise` or `solution`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Exercise => "exercise",
            Role::Solution => "solution",
        }
    }
}

/// Whether a file is rustfmt-clean.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Formatting {
    /// `rustfmt --check` is happy.
    Clean,
    /// rustfmt would change it; its diff.
    Unformatted {
        /// What rustfmt printed.
        diff: String,
    },
    /// rustfmt could not parse it.
    Failed {
        /// What rustfmt printed.
        output: String,
    },
}

/// Ready to check exercises of one course.
#[derive(Debug)]
pub struct Engine<'c> {
    course: &'c Course,
    /// Where the learner typed the command: paths are shown from here.
    cwd: Cwd,
    /// Where rustc runs, so that the paths in its messages are the ones
    /// [`Engine::display_path`] shows.
    compile_dir: PathBuf,
    toolchain: Toolchain,
    library: Library,
    cache: Cache,
    scratch: tempfile::TempDir,
    /// Set by [`Engine::stop_running`]: programs still running are killed.
    stop: AtomicBool,
    /// The terminal width rustc should fit its messages to (0: rustc's own
    /// default), see [`Engine::set_diagnostic_width`].
    diagnostic_width: AtomicU16,
    /// How long one compile may take ([`CompilerLimits`]).
    compile_timeout: Duration,
}

/// How one file is compiled.
struct Compile<'a> {
    tool: &'a Path,
    tool_identity: String,
    /// Relative to the course root, as rustc will name it in diagnostics.
    file: PathBuf,
    crate_name: &'a str,
    mode: Mode,
    deny_warnings: bool,
}

impl<'c> Engine<'c> {
    /// Checks the toolchain (exit 3 with what to install when something is
    /// missing) and builds the library if its sources changed. `announce`
    /// receives a line to show before anything slow starts.
    pub fn prepare(
        course: &'c Course,
        needs: Needs,
        cwd: &Cwd,
        announce: &dyn Fn(&str),
    ) -> Result<Self, Error> {
        let dirs = BuildDirs::for_course(course.root())?;
        let limits = CompilerLimits::from_env()?;
        let toolchain = Toolchain::detect(&dirs, course.root(), &limits)?;
        if needs.clippy {
            toolchain.clippy_driver()?;
        }
        if needs.rustfmt {
            toolchain.rustfmt()?;
        }
        let library = Library::ensure(course.library_dir(), &toolchain, &dirs, announce)?;
        BuildDirs::create(dirs.course())?;
        let scratch = tempfile::Builder::new()
            .prefix("checks-")
            .tempdir_in(dirs.course())
            .map_err(|source| Error::Io {
                action: "create a scratch folder in",
                path: dirs.course().to_path_buf(),
                source,
            })?;
        // rustc runs where the learner is when the course lies below it, so
        // the relative paths in its messages are clickable there; otherwise
        // in the course, with absolute paths.
        let compile_dir = if cwd.contains(course.root()) {
            cwd.path().to_path_buf()
        } else {
            course.root().to_path_buf()
        };
        Ok(Self {
            course,
            cwd: cwd.clone(),
            compile_dir,
            toolchain,
            library,
            cache: Cache::new(dirs.course().join("verdicts")),
            scratch,
            stop: AtomicBool::new(false),
            diagnostic_width: AtomicU16::new(0),
            compile_timeout: limits.compile,
        })
    }

    /// Asks rustc to fit the code it quotes to `width` columns
    /// (`--diagnostic-width`), so a narrow terminal shows trimmed source lines
    /// instead of wrapping them mid-word. `None` leaves rustc's default.
    ///
    /// Only the rendering changes, never the verdict, so the width is not part
    /// of the cache key: a verdict cached at another width is shown as it was
    /// rendered then.
    pub fn set_diagnostic_width(&self, width: Option<u16>) {
        self.diagnostic_width
            .store(width.unwrap_or(0), Ordering::Relaxed);
    }

    /// Kills the compilers and exercise programs this engine is running, now
    /// and from now on (watch mode quitting while a check runs): their checks
    /// end in [`Error::Stopped`], never in a verdict, so nothing is cached.
    pub fn stop_running(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    /// The course being checked.
    pub fn course(&self) -> &'c Course {
        self.course
    }

    /// `file` (absolute, or relative to the course root) as the learner
    /// should see it ([`Cwd::show`]: relative to where they typed the
    /// command when it lies below, else whole). rustc is given the same
    /// path, so its messages name the file the same way.
    pub fn display_path(&self, file: &Path) -> PathBuf {
        self.cwd.show(&self.course.root().join(file))
    }

    /// Judges the learner's file of `exercise`: `rustc` (or `clippy-driver -D
    /// warnings` when the exercise turns lints on), then its tests or `main`.
    /// Answers from the cache when nothing that could change the verdict has
    /// changed.
    pub fn check(&self, exercise: &Exercise) -> Result<Verdict, Error> {
        self.check_file(exercise, Role::Exercise, &exercise.name)
    }

    /// Judges the exercise's file in the course source for `verify --pack`:
    /// the unsolved file exactly as a learner's, or the solution with
    /// `clippy-driver -D warnings`.
    pub fn check_source(&self, exercise: &Exercise, role: Role) -> Result<Verdict, Error> {
        self.check_file(
            exercise,
            role,
            &format!("{}.pack-{}", exercise.name, role.as_str()),
        )
    }

    fn check_file(&self, exercise: &Exercise, role: Role, slot: &str) -> Result<Verdict, Error> {
        let folder = match role {
            Role::Exercise => "exercises",
            Role::Solution => "solutions",
        };
        let file = self.display_path(&Path::new(folder).join(&exercise.path));
        let source = fs::read(self.compile_dir.join(&file)).map_err(|source| {
            if source.kind() == std::io::ErrorKind::NotFound && role == Role::Exercise {
                Error::MissingExerciseFile {
                    name: exercise.name.clone(),
                    path: file.clone(),
                }
            } else {
                Error::Io {
                    action: "read",
                    path: file.clone(),
                    source,
                }
            }
        })?;
        let (tool, tool_identity, deny_warnings) = self.tool_for(exercise, role)?;
        let compile = Compile {
            tool,
            tool_identity,
            file,
            crate_name: &exercise.name,
            mode: exercise.mode,
            deny_warnings,
        };
        let output = self.scratch.path().join(slot);
        let args = self.compiler_args(&compile);
        let mut key = KeyHasher::new();
        key.u64(VERDICT_FORMAT)
            .str(&self.compile_dir.to_string_lossy())
            .str(&compile.tool.to_string_lossy())
            .str(&compile.tool_identity)
            .str(&self.library.identity)
            .u64(exercise.timeout.as_millis() as u64)
            .bytes(&source);
        for arg in &args {
            key.str(arg);
        }
        for part in key_parts(&exercise.must_not_compile, self.course.snippet_returns()) {
            key.str(&part);
        }
        let key = key.finish();
        if let Some(mut verdict) = self.cache.get::<Verdict>(slot, &key) {
            verdict.cached = true;
            return Ok(verdict);
        }
        let (verdict, _) =
            self.compile_and_run(&compile, &args, &output, exercise, &source, slot)?;
        let _ = fs::remove_file(&output);
        // Timeouts are cached too: re-running an endless loop on every
        // `verify` would cost its whole time limit. Reports say "cached".
        // A run killed by `stop_running` says nothing about the program, so
        // it is not. Nor is a verdict on a file saved again while rustc ran:
        // rustc read the file itself, perhaps after the save, so the verdict
        // may belong to content other than the bytes in the key.
        let unchanged =
            fs::read(self.compile_dir.join(&compile.file)).is_ok_and(|now| now == source);
        if unchanged && !self.stop.load(Ordering::Relaxed) {
            self.cache.put(slot, &key, &verdict);
        }
        Ok(verdict)
    }

    /// The compiler for `role`'s file of `exercise`, its identity for cache
    /// keys, and whether warnings are denied: `clippy-driver -D warnings` for
    /// a solution or an exercise that turns lints on, else `rustc`.
    fn tool_for(&self, exercise: &Exercise, role: Role) -> Result<(&Path, String, bool), Error> {
        Ok(if exercise.clippy || role == Role::Solution {
            let identity = format!(
                "{}\n{}",
                self.toolchain.clippy_identity(),
                self.toolchain.compiler_identity()
            );
            (self.toolchain.clippy_driver()?, identity, true)
        } else {
            (
                self.toolchain.rustc(),
                self.toolchain.compiler_identity().to_owned(),
                false,
            )
        })
    }

    /// Every argument but the output path (which does not change the verdict).
    fn compiler_args(&self, compile: &Compile<'_>) -> Vec<String> {
        CompileArgs {
            crate_name: compile.crate_name,
            test: compile.mode == Mode::Test,
            deny_warnings: compile.deny_warnings,
            library_crate: &self.library.crate_name,
            rlib: &self.library.rlib,
            deps: &self.library.deps,
            file: &compile.file,
        }
        .to_vec()
    }

    /// Compiles, and runs what compiled: the verdict, and the compiler's
    /// JSON as it printed it (rustc's suggestions are in there). An exercise
    /// with `must_not_compile` obligations has them judged beside it (see
    /// [`Pending`]) against `source`, the bytes compiled.
    fn compile_and_run(
        &self,
        compile: &Compile<'_>,
        args: &[String],
        output: &Path,
        exercise: &Exercise,
        source: &[u8],
        slot: &str,
    ) -> Result<(Verdict, String), Error> {
        let text = String::from_utf8_lossy(source);
        let snippets = SnippetCheck {
            rustc: self.toolchain.rustc(),
            library: &self.library,
            library_dir: self.course.library_dir(),
            compile_dir: &self.compile_dir,
            scratch: self.scratch.path(),
            shown_as: &compile.file,
            crate_name: compile.crate_name,
            returns: self.course.snippet_returns(),
            slot,
            stop: &self.stop,
        };
        let metadata = self.scratch.path().join(format!("{slot}.rmeta"));
        let compile_ended = AtomicBool::new(false);
        std::thread::scope(|scope| {
            let pending = Pending::start(
                scope,
                &snippets,
                &text,
                &exercise.must_not_compile,
                &metadata,
                &compile_ended,
            )?;
            self.compile_and_run_beside(compile, args, output, exercise, pending)
        })
    }

    fn compile_and_run_beside(
        &self,
        compile: &Compile<'_>,
        args: &[String],
        output: &Path,
        exercise: &Exercise,
        pending: Pending<'_, '_>,
    ) -> Result<(Verdict, String), Error> {
        let started = Instant::now();
        let mut command = Command::new(compile.tool);
        command
            .current_dir(&self.compile_dir)
            .args(args)
            .arg("-o")
            .arg(output);
        if let Some(metadata) = pending.metadata() {
            // The obligations start once rustc has written the crate's
            // metadata: it type-checked the file without an error, and
            // codegen, the link and the run are still to come.
            command.arg(format!("--emit=link,metadata={}", metadata.display()));
        }
        match self.diagnostic_width.load(Ordering::Relaxed) {
            0 => {}
            width => {
                command.arg(format!("--diagnostic-width={width}"));
            }
        }
        let command_line = describe(&command);
        // The compiler gets limits too: a hung or flooding compiler must not
        // hang the runner. Its JSON goes to stderr; stdout stays empty.
        let compiled = execute(
            command,
            Limits {
                timeout: self.compile_timeout,
                output_cap: COMPILER_OUTPUT_CAP,
                stop: Some(&self.stop),
            },
        );
        pending.compile_ended();
        let compiled = compiled?;
        let attribution = Attribution {
            file: compile.file.clone(),
            library_dir: self.course.library_dir().to_path_buf(),
        };
        let compiler = parse_compiler_output(&compiled.output.text, &attribution);
        // Not the learner's doing: never a verdict, never cached.
        match compiled.exit {
            Exit::Code { .. } => {}
            exit => {
                return Err(Error::CompilerFailed {
                    command: command_line,
                    problem: match exit {
                        Exit::TimedOut => format!(
                            "it was still running after {} and was stopped (a machine far too \
                             busy, or a hung compiler; {} sets the limit)",
                            super::toolchain::seconds(self.compile_timeout),
                            super::toolchain::COMPILER_TIMEOUT_VAR,
                        ),
                        other => format!("it {other}"),
                    },
                    output: compiled.output.text,
                });
            }
        }
        if compiled.exit != (Exit::Code { code: 0 }) && compiler.errors().next().is_none() {
            return Err(Error::CompilerFailed {
                command: command_line,
                problem: format!("it {} without reporting an error", compiled.exit),
                output: compiled.output.text,
            });
        }
        if compiled.exit.success() && !output.is_file() {
            return Err(Error::CompilerFailed {
                command: command_line,
                problem: "it exited with code 0 but wrote no program".to_owned(),
                output: compiled.output.text,
            });
        }
        if !compiled.exit.success() {
            let verdict = Verdict {
                file: compile.file.clone(),
                outcome: Outcome::CompileError,
                compiler,
                duration: started.elapsed(),
                obligations: Vec::new(),
                cached: false,
            };
            return Ok((verdict, compiled.output.text));
        }
        let mut program = Command::new(output);
        program.current_dir(self.course.root());
        // A learner's panic message is the lesson; a backtrace inherited from
        // the shell's RUST_BACKTRACE would bury it (and make cached output
        // depend on the environment).
        program.env("RUST_BACKTRACE", "0");
        if compile.mode == Mode::Test {
            // Kept in colour; reports strip it when colour is off.
            program.arg("--color").arg("always");
        }
        // The harness keeps what a test prints until the test ends: a test
        // printing without end would grow until the time limit (to 1.4 GiB
        // in 10 s). The memory cap stops it long before.
        let run = execute_with_memory_cap(
            program,
            Limits {
                timeout: exercise.timeout,
                output_cap: OUTPUT_CAP,
                stop: Some(&self.stop),
            },
            PROGRAM_MEMORY_CAP,
        );
        let obligations = pending.finish()?;
        let run = run?;
        let outcome = match (run.exit, compile.mode) {
            (Exit::TimedOut, _) => Outcome::TimedOut {
                limit: exercise.timeout,
                output: run.output,
            },
            (exit, _) if exit.success() => Outcome::Passed { output: run.output },
            (exit, Mode::Test) => {
                let failed = failed_tests(&run.output.text);
                if failed.is_empty() {
                    Outcome::RunFailed {
                        exit,
                        output: run.output,
                    }
                } else {
                    Outcome::TestsFailed {
                        failed,
                        exit,
                        output: run.output,
                    }
                }
            }
            (exit, Mode::Run) => Outcome::RunFailed {
                exit,
                output: run.output,
            },
        };
        let failed: Vec<String> = obligations
            .iter()
            .filter(|result| !result.held())
            .map(|result| result.name.clone())
            .collect();
        // A pass needs the tests (or the program) and every obligation.
        let outcome = match outcome {
            Outcome::Passed { output } if !failed.is_empty() => {
                Outcome::ObligationsFailed { failed, output }
            }
            other => other,
        };
        let verdict = Verdict {
            file: compile.file.clone(),
            outcome,
            compiler,
            duration: started.elapsed(),
            obligations,
            cached: false,
        };
        Ok((verdict, compiled.output.text))
    }

    /// Whether the exercise's `role` file is rustfmt-clean (`rustfmt --edition
    /// 2024 --check`), cached like verdicts.
    pub fn check_formatting(&self, exercise: &Exercise, role: Role) -> Result<Formatting, Error> {
        let rustfmt = self.toolchain.rustfmt()?;
        let file = match role {
            Role::Exercise => self.course.exercise_path(exercise),
            Role::Solution => self.course.solution_path(exercise),
        };
        let source = fs::read(&file).map_err(|source| Error::Io {
            action: "read",
            path: file.clone(),
            source,
        })?;
        let mut key = KeyHasher::new();
        key.str(self.toolchain.rustfmt_identity()).bytes(&source);
        for config in ["rustfmt.toml", ".rustfmt.toml"] {
            key.bytes(&fs::read(self.course.root().join(config)).unwrap_or_default());
        }
        let key = key.finish();
        let slot = format!("{}.fmt-{}", exercise.name, role.as_str());
        if let Some(formatting) = self.cache.get::<Formatting>(&slot, &key) {
            return Ok(formatting);
        }
        let mut command = Command::new(rustfmt);
        command
            .current_dir(self.course.root())
            .args(["--edition", "2024", "--check", "--color", "never"])
            .arg(&file);
        let command_line = describe(&command);
        // Bounded like a compile: a hung rustfmt must not hang `verify --pack`.
        let ran = execute_separately(
            command,
            Limits {
                timeout: self.compile_timeout,
                output_cap: COMPILER_OUTPUT_CAP,
                stop: Some(&self.stop),
            },
        )?;
        if ran.exit == Exit::TimedOut {
            return Err(Error::CompilerFailed {
                command: command_line,
                problem: format!(
                    "it was still running after {} and was stopped",
                    super::toolchain::seconds(self.compile_timeout)
                ),
                output: ran.stderr.text,
            });
        }
        let printed = format!("{}{}", ran.stdout.text, ran.stderr.text);
        let formatting = match ran.exit {
            Exit::Code { code: 0 } => Formatting::Clean,
            Exit::Code { code: 1 } if !ran.stdout.text.is_empty() => {
                Formatting::Unformatted { diff: printed }
            }
            _ => Formatting::Failed { output: printed },
        };
        self.cache.put(&slot, &key, &formatting);
        Ok(formatting)
    }

    /// Judges `text` as the learner's file of `exercise` is judged (same
    /// compiler, flags, tests or `main`, limits), from a copy in this
    /// engine's scratch folder, `<slot>/<the exercise's file name>`: never
    /// the course's own files, never cached (`verify --pack`'s "solved by
    /// rustc" lint edits such copies round after round, and caches its own
    /// conclusion with [`Engine::cached`]). `slot` must be unique among the
    /// checks running at once.
    pub fn check_copy(
        &self,
        exercise: &Exercise,
        slot: &str,
        text: &str,
    ) -> Result<CopyCheck, Error> {
        let folder = self.scratch.path().join(slot);
        BuildDirs::create(&folder)?;
        let file_name = exercise.path.file_name().unwrap_or_default();
        let file = folder.join(file_name);
        fs::write(&file, text).map_err(|source| Error::Io {
            action: "write",
            path: file.clone(),
            source,
        })?;
        let (tool, tool_identity, deny_warnings) = self.tool_for(exercise, Role::Exercise)?;
        let compile = Compile {
            tool,
            tool_identity,
            file: file.clone(),
            crate_name: &exercise.name,
            mode: exercise.mode,
            deny_warnings,
        };
        let args = self.compiler_args(&compile);
        let checked = self.compile_and_run(
            &compile,
            &args,
            &folder.join(&exercise.name),
            exercise,
            text.as_bytes(),
            slot,
        );
        let _ = fs::remove_dir_all(&folder);
        let (verdict, compiler_json) = checked?;
        Ok(CopyCheck {
            verdict,
            compiler_json,
            file,
        })
    }

    /// A result derived from checks of `exercise` (a `verify --pack` lint):
    /// from the cache when `inputs` and everything else that can change a
    /// verdict on it (the compilers, the library, the exercise's mode, lints
    /// and time limit) are as they were when it was stored, else computed and
    /// stored. An `Err`, or a result computed while [`Engine::stop_running`]
    /// stopped programs, is not stored.
    pub fn cached<T>(
        &self,
        slot: &str,
        exercise: &Exercise,
        inputs: &[&[u8]],
        compute: impl FnOnce() -> Result<T, Error>,
    ) -> Result<T, Error>
    where
        T: Serialize + for<'de> Deserialize<'de>,
    {
        let (tool, tool_identity, _) = self.tool_for(exercise, Role::Exercise)?;
        let mut key = KeyHasher::new();
        key.u64(VERDICT_FORMAT)
            .str(&self.compile_dir.to_string_lossy())
            .str(&tool.to_string_lossy())
            .str(&tool_identity)
            .str(&self.library.identity)
            .str(exercise.mode.as_str())
            .u64(u64::from(exercise.clippy))
            .u64(exercise.timeout.as_millis() as u64);
        for input in inputs {
            key.bytes(input);
        }
        let key = key.finish();
        if let Some(value) = self.cache.get::<T>(slot, &key) {
            return Ok(value);
        }
        let value = compute()?;
        if !self.stop.load(Ordering::Relaxed) {
            self.cache.put(slot, &key, &value);
        }
        Ok(value)
    }
}

/// What [`Engine::check_copy`] found.
#[derive(Debug, Clone)]
pub struct CopyCheck {
    /// The verdict, as on a learner's file with this text.
    pub verdict: Verdict,
    /// The compiler's JSON diagnostics as it printed them, suggestions included.
    pub compiler_json: String,
    /// The copy rustc compiled, as its spans name it (the copy itself is gone).
    pub file: PathBuf,
}

/// The tests the harness reported as failed (`test tests::x ... FAILED`).
pub fn failed_tests(output: &str) -> Vec<String> {
    let plain = strip_ansi(output);
    let mut failed: Vec<String> = plain
        .lines()
        .filter_map(|line| {
            line.trim()
                .strip_prefix("test ")?
                .strip_suffix(" ... FAILED")
        })
        .map(|name| name.trim().to_owned())
        .collect();
    failed.dedup();
    failed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_tests_are_read_from_the_harness_output_in_colour_or_not() {
        let output = "running 3 tests\n\
            test tests::sums_to_one ... \u{1b}[31mFAILED\u{1b}[0m\n\
            test tests::ok_one ... ok\n\
            test tests::rejects_negative ... FAILED\n\n\
            failures:\n\n---- tests::sums_to_one stdout ----\n";
        assert_eq!(
            failed_tests(output),
            vec!["tests::sums_to_one", "tests::rejects_negative"]
        );
        assert!(failed_tests("test result: ok. 3 passed").is_empty());
    }
}
