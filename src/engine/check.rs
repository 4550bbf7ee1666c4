//! The engine: checks one file with exactly one compiler process, then runs
//! what it built, and answers from the verdict cache when nothing changed.
//!
//! [`Engine::prepare`] checks the toolchain and makes sure the library is
//! built (both cached across runs); [`Engine::check`] judges a learner's
//! exercise; [`Engine::check_source`] and [`Engine::check_formatting`] serve
//! `verify --pack`. Engines are `Sync`: `verify` checks in parallel with one
//! shared engine. Nothing here prints or touches the learner's progress.
//!
//! A check reads the file once and compiles a text derived from exactly
//! those bytes (`source.rs`), written into the scratch folder: for a
//! test-mode exercise, the learner's code with the course's tests block in
//! place of theirs and a test that runs `main`. A pass then needs every test
//! the course ships reported as passed by the harness (`harness.rs`); a
//! run-mode pass needs exit 0 and every fragment of the exercise's pass
//! contract in the output. An exercise with `must_not_compile` obligations
//! has each misuse compiled against the learner's bytes beside the check
//! (`obligations.rs`), once the file itself type-checked.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicU16, Ordering};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::cache::Cache;
use super::captured::{CapturedOutput, OUTPUT_CAP};
use super::command_line::{CompileArgs, Remap};
use super::diagnostic::{Attribution, parse_compiler_output};
use super::dirs::BuildDirs;
use super::execute::{
    Exit, Limits, describe, execute, execute_separately, execute_with_memory_cap,
};
use super::harness::{TestRun, TestStatus, read_harness};
use super::library::Library;
use super::obligations::{Pending, SnippetCheck, key_parts};
use super::outcome::{Outcome, Summary, Verdict};
use super::source::{DerivedSource, PROGRAM_TEST, TestsDiffer, content_hash};
use super::toolchain::{COMPILER_TIMEOUT_VAR, CompilerLimits, Toolchain, seconds};
use crate::course::{Course, Exercise, Mode};
use crate::course_folder;
use crate::error::Error;
use crate::hash::KeyHasher;
use crate::location::Cwd;
use crate::text::{normalize, test_names, tests_block};

/// Bumped whenever the way a verdict is computed changes, so verdicts cached
/// by an older runner of the same version number are not reused.
const VERDICT_FORMAT: u64 = 5;

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
    /// Where rustc runs: the learner's folder when the course lies below it
    /// (so relative paths in its messages, as [`Engine::display_path`]
    /// shows them, are clickable there), else the course root. The
    /// learner's file is read from here too.
    compile_dir: PathBuf,
    toolchain: Toolchain,
    library: Library,
    cache: Cache,
    /// Where the files rustc writes a long type's full name into are kept
    /// (`<course build folder>/long-types`): the scratch folder it writes
    /// them in is gone when the command ends, and its messages point at them.
    long_types: PathBuf,
    /// One folder per check slot: the copy compiled and what it builds,
    /// removed with the engine.
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
    /// The file as the learner knows it (relative to the course root, as
    /// [`Engine::display_path`] shows it): how rustc names the snapshot.
    shown: PathBuf,
    crate_name: &'a str,
    mode: Mode,
    deny_warnings: bool,
}

/// Where the course's tests block of a check comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TestsFrom {
    /// A learner's course folder: the copy `init` keeps, or its source
    /// (`course_folder::course_tests`).
    CourseFolder,
    /// The course source (`verify --pack`): the unsolved exercise file is
    /// pristine, so its block is the course's.
    SourceExercise,
}

/// The text one check compiles, and what the check needs to know about it.
struct Prepared {
    /// The derived text (or the learner's bytes as they are: run mode, or
    /// bytes that are not UTF-8).
    text: Vec<u8>,
    /// Test mode: the course's tests, by harness name.
    shipped: Vec<String>,
    /// Test mode: how the learner's tests block differs from the course's.
    tests_differ: Option<TestsDiffer>,
    /// Whether the text has the test that runs `main`.
    program_test: bool,
}

impl Prepared {
    fn new(learner: &[u8], mode: Mode, course_tests: Option<&str>) -> Self {
        let verbatim = || Self {
            text: learner.to_vec(),
            shipped: Vec::new(),
            tests_differ: None,
            program_test: false,
        };
        if mode == Mode::Run {
            return verbatim();
        }
        let Some(mut derived) = DerivedSource::new(learner) else {
            return verbatim();
        };
        let (shipped, tests_differ) = match course_tests {
            Some(block) => (test_names(block), derived.use_course_tests(block)),
            // No pristine copy is known (a course folder put together by
            // hand): the learner's own tests are all there is to run.
            None => (
                tests_block(derived.text())
                    .map(test_names)
                    .unwrap_or_default(),
                None,
            ),
        };
        let program_test = derived.add_program_test();
        Self {
            text: derived.text().as_bytes().to_vec(),
            shipped,
            tests_differ,
            program_test,
        }
    }
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
            long_types: dirs.course().join("long-types"),
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
    /// command when it lies below, else whole). rustc names the copy it
    /// compiles this way too (`--remap-path-prefix`), so its messages point
    /// at the learner's file.
    pub fn display_path(&self, file: &Path) -> PathBuf {
        self.cwd.show(&self.course.root().join(file))
    }

    /// Judges the learner's file of `exercise`: `rustc` (or `clippy-driver -D
    /// warnings` when the exercise turns lints on), then its tests or `main`.
    /// Answers from the cache when nothing that could change the verdict has
    /// changed.
    pub fn check(&self, exercise: &Exercise) -> Result<Verdict, Error> {
        self.check_file(
            exercise,
            Role::Exercise,
            &exercise.name,
            TestsFrom::CourseFolder,
        )
    }

    /// Judges the exercise's file in the course source for `verify --pack`:
    /// the unsolved file exactly as a learner's, or the solution with
    /// `clippy-driver -D warnings`; the unsolved file's tests block is the
    /// course's for both.
    pub fn check_source(&self, exercise: &Exercise, role: Role) -> Result<Verdict, Error> {
        self.check_file(
            exercise,
            role,
            &format!("{}.pack-{}", exercise.name, role.as_str()),
            TestsFrom::SourceExercise,
        )
    }

    /// The last check's summary for `exercise` (`None` before the first),
    /// replaced by `now`'s. Kept in the verdict cache folder, so it survives
    /// between `run`s; `run` and watch call it for each check they show, to
    /// say what changed since the try before.
    pub fn swap_summary(&self, exercise: &Exercise, now: &Summary) -> Option<Summary> {
        let slot = format!("{}.last", exercise.name);
        let key = format!("summary-{VERDICT_FORMAT}");
        let before = self.cache.get::<Summary>(&slot, &key);
        self.cache.put(&slot, &key, now);
        before
    }

    fn check_file(
        &self,
        exercise: &Exercise,
        role: Role,
        slot: &str,
        tests_from: TestsFrom,
    ) -> Result<Verdict, Error> {
        let folder = match role {
            Role::Exercise => "exercises",
            Role::Solution => "solutions",
        };
        let shown = self.display_path(&Path::new(folder).join(&exercise.path));
        // Read once: these bytes are hashed, compiled and judged; a save
        // landing meanwhile is the next check's business.
        let source = fs::read(self.compile_dir.join(&shown)).map_err(|source| {
            if source.kind() == std::io::ErrorKind::NotFound && role == Role::Exercise {
                Error::MissingExerciseFile {
                    name: exercise.name.clone(),
                    path: shown.clone(),
                }
            } else {
                Error::Io {
                    action: "read",
                    path: shown.clone(),
                    source,
                }
            }
        })?;
        let course_tests = match exercise.mode {
            Mode::Run => None,
            Mode::Test => self.course_tests(exercise, tests_from)?,
        };
        let prepared = Prepared::new(&source, exercise.mode, course_tests.as_deref());
        let (tool, tool_identity, deny_warnings) = self.tool_for(exercise, role)?;
        let compile = Compile {
            tool,
            tool_identity,
            shown,
            crate_name: &exercise.name,
            mode: exercise.mode,
            deny_warnings,
        };
        let mut key = KeyHasher::new();
        key.u64(VERDICT_FORMAT)
            .str(&self.compile_dir.to_string_lossy())
            .str(&compile.tool.to_string_lossy())
            .str(&compile.tool_identity)
            .str(&self.library.identity)
            .u64(exercise.timeout.as_millis() as u64)
            // The learner's bytes and the course's block, not the derived
            // text alone: files that differ only in their tests block derive
            // the same text, but not the same verdict (it says whether the
            // tests differ).
            .bytes(&source)
            .str(course_tests.as_deref().unwrap_or("\u{0}no course tests"));
        for fragment in exercise.pass.iter().flat_map(|pass| &pass.contains) {
            key.str(fragment);
        }
        for part in key_parts(&exercise.must_not_compile, self.course.snippet_returns()) {
            key.str(&part);
        }
        // The arguments as they would name the learner's file itself: the
        // scratch folder differs from one process to the next.
        for arg in self.compiler_args(&compile, &compile.shown, None) {
            key.str(&arg);
        }
        let key = key.finish();
        if let Some(mut verdict) = self.cache.get::<Verdict>(slot, &key) {
            verdict.cached = true;
            return Ok(verdict);
        }
        let (mut verdict, _) =
            self.compile_and_run(&compile, &prepared, &source, slot, exercise)?;
        verdict.source_hash = content_hash(&source);
        // Timeouts are cached too: re-running an endless loop on every
        // `verify` would cost its whole time limit. Reports say "cached".
        // A run killed by `stop_running` says nothing about the program, so
        // it is not.
        if !self.stop.load(Ordering::Relaxed) {
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

    /// The course's tests block of `exercise`, as `from` says to find it.
    fn course_tests(&self, exercise: &Exercise, from: TestsFrom) -> Result<Option<String>, Error> {
        match from {
            TestsFrom::CourseFolder => {
                Ok(course_folder::course_tests(self.course.root(), exercise)?)
            }
            TestsFrom::SourceExercise => {
                let path = self.course.exercise_path(exercise);
                let text = fs::read_to_string(&path).map_err(|source| Error::Io {
                    action: "read",
                    path: path.clone(),
                    source,
                })?;
                Ok(tests_block(&text).map(str::to_owned))
            }
        }
    }

    /// Every argument but the output path (which does not change the
    /// verdict): `file` is compiled, named as `remap` says.
    fn compiler_args(
        &self,
        compile: &Compile<'_>,
        file: &Path,
        remap: Option<Remap<'_>>,
    ) -> Vec<String> {
        CompileArgs {
            crate_name: compile.crate_name,
            test: compile.mode == Mode::Test,
            deny_warnings: compile.deny_warnings,
            library_crate: &self.library.crate_name,
            rlib: &self.library.rlib,
            deps: &self.library.deps,
            file,
            remap,
        }
        .to_vec()
    }

    /// Writes the prepared text into the scratch folder, compiles it, runs
    /// what it built and judges the run: the verdict, and the compiler's
    /// JSON as it printed it (rustc's suggestions are in there). An exercise
    /// with `must_not_compile` obligations has them judged beside it (see
    /// [`Pending`]) against `learner`, the learner's bytes as read. The
    /// snapshot and the program are removed afterwards.
    fn compile_and_run(
        &self,
        compile: &Compile<'_>,
        prepared: &Prepared,
        learner: &[u8],
        slot: &str,
        exercise: &Exercise,
    ) -> Result<(Verdict, String), Error> {
        let started = Instant::now();
        let folder = self.scratch.path().join(slot);
        let file_name = exercise
            .path
            .file_name()
            .map_or_else(|| format!("{}.rs", exercise.name).into(), ToOwned::to_owned);
        let snapshot = folder.join(file_name);
        let output = folder.join(compile.crate_name);
        fs::create_dir_all(&folder)
            .and_then(|()| fs::write(&snapshot, &prepared.text))
            .map_err(|source| Error::Io {
                action: "write the file to compile into",
                path: folder.clone(),
                source,
            })?;
        let shown_folder = compile.shown.parent().unwrap_or(Path::new(""));
        let remap = Remap::new(&folder, shown_folder);
        let args = self.compiler_args(compile, &snapshot, remap);
        let text = String::from_utf8_lossy(learner);
        let snippets = SnippetCheck {
            rustc: self.toolchain.rustc(),
            library: &self.library,
            library_dir: self.course.library_dir(),
            compile_dir: &self.compile_dir,
            scratch: &folder,
            shown_as: &compile.shown,
            crate_name: compile.crate_name,
            returns: self.course.snippet_returns(),
            slot,
            stop: &self.stop,
        };
        let metadata = folder.join(format!("{}.rmeta", compile.crate_name));
        let compile_ended = AtomicBool::new(false);
        let result = std::thread::scope(|scope| {
            let pending = Pending::start(
                scope,
                &snippets,
                &text,
                &exercise.must_not_compile,
                &metadata,
                &compile_ended,
            )?;
            let compiled = self.compile_snapshot(
                compile,
                &args,
                &output,
                remap.is_some(),
                &snapshot,
                &pending,
            );
            pending.compile_ended();
            let (compiled, json) = match compiled {
                Ok((compiled, json)) => keep_long_types(compiled, json, &folder, &self.long_types),
                // The snippets' thread sees the compile ended without the
                // metadata and stops; the scope joins it. Nothing is judged.
                Err(error) => return Err(error),
            };
            let verdict = match compiled {
                // No metadata was written: no snippet is compiled (finishing
                // `pending` would judge them now, for nothing).
                Compiled::Failed(compiler) => {
                    drop(pending);
                    Verdict {
                        file: compile.shown.clone(),
                        outcome: Outcome::CompileError,
                        compiler,
                        duration: started.elapsed(),
                        source_hash: String::new(),
                        tests: Vec::new(),
                        tests_differ: prepared.tests_differ.clone(),
                        program_output: None,
                        obligations: Vec::new(),
                        cached: false,
                    }
                }
                Compiled::Built(compiler) => {
                    let judged = self.run_program(compile.mode, prepared, &output, exercise);
                    let obligations = pending.finish()?;
                    let judged = judged?;
                    let failed: Vec<String> = obligations
                        .iter()
                        .filter(|result| !result.held())
                        .map(|result| result.name.clone())
                        .collect();
                    // A pass needs the tests (or the program) and every
                    // obligation.
                    let outcome = match judged.outcome {
                        Outcome::Passed { output } if !failed.is_empty() => {
                            Outcome::ObligationsFailed { failed, output }
                        }
                        other => other,
                    };
                    Verdict {
                        file: compile.shown.clone(),
                        outcome,
                        compiler,
                        duration: started.elapsed(),
                        source_hash: String::new(),
                        tests: judged.tests,
                        tests_differ: prepared.tests_differ.clone(),
                        program_output: judged.program_output,
                        obligations,
                        cached: false,
                    }
                }
            };
            Ok((verdict, json))
        });
        let _ = fs::remove_file(&output);
        let _ = fs::remove_file(&snapshot);
        result
    }

    /// The limits of a compiler or rustfmt process: the compile time limit
    /// ([`CompilerLimits`]), a cap on its output, and [`Engine::stop_running`].
    fn tool_limits(&self) -> Limits<'_> {
        Limits {
            timeout: self.compile_timeout,
            output_cap: COMPILER_OUTPUT_CAP,
            stop: Some(&self.stop),
        }
    }

    /// One compiler process on the snapshot: what it produced, and its JSON
    /// as printed. With obligations pending, it also writes the crate's
    /// metadata where they wait for it.
    fn compile_snapshot(
        &self,
        compile: &Compile<'_>,
        args: &[String],
        output: &Path,
        remapped: bool,
        snapshot: &Path,
        pending: &Pending<'_, '_>,
    ) -> Result<(Compiled, String), Error> {
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
        let compiled = execute(command, self.tool_limits())?;
        let attribution = Attribution {
            // Without a remap (a learner's path rustc cannot be told), rustc
            // names the snapshot itself.
            file: if remapped {
                compile.shown.clone()
            } else {
                snapshot.to_path_buf()
            },
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
                             busy, or a hung compiler; {COMPILER_TIMEOUT_VAR} sets the limit)",
                            seconds(self.compile_timeout),
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
        let built = if compiled.exit.success() {
            Compiled::Built(compiler)
        } else {
            Compiled::Failed(compiler)
        };
        Ok((built, compiled.output.text))
    }

    /// Runs the built program (or test harness) and judges how it ended.
    fn run_program(
        &self,
        mode: Mode,
        prepared: &Prepared,
        program: &Path,
        exercise: &Exercise,
    ) -> Result<Judged, Error> {
        let mut command = Command::new(program);
        command.current_dir(self.course.root());
        // A learner's panic message is the lesson; a backtrace inherited from
        // the shell's RUST_BACKTRACE would bury it (and make cached output
        // depend on the environment).
        command.env("RUST_BACKTRACE", "0");
        if mode == Mode::Test {
            // Kept in colour; reports strip it when colour is off.
            // `--show-output` prints what the program test captured.
            command.args(["--color", "always", "--show-output"]);
        }
        // The harness keeps what a test prints until the test ends: a test
        // printing without end would grow until the time limit (to 1.4 GiB
        // in 10 s). The memory cap stops it long before.
        let run = execute_with_memory_cap(
            command,
            Limits {
                timeout: exercise.timeout,
                output_cap: OUTPUT_CAP,
                stop: Some(&self.stop),
            },
            PROGRAM_MEMORY_CAP,
        )?;
        Ok(match mode {
            Mode::Test => judge_tests(run.exit, run.output, prepared, exercise.timeout),
            Mode::Run => Judged {
                outcome: judge_program(run.exit, run.output, exercise),
                tests: Vec::new(),
                program_output: None,
            },
        })
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
        let ran = execute_separately(command, self.tool_limits())?;
        if ran.exit == Exit::TimedOut {
            return Err(Error::CompilerFailed {
                command: command_line,
                problem: format!(
                    "it was still running after {} and was stopped",
                    seconds(self.compile_timeout)
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
    /// compiler, flags, the course's tests or `main`, limits, obligations),
    /// from a copy in this engine's scratch folder: never the course's own
    /// files, never cached (`verify --pack`'s "solved by rustc" lint edits
    /// such copies round after round, and caches its own conclusion with
    /// [`Engine::cached`]). `slot` must be unique among the checks running
    /// at once. The copy's tests block is the course's (from the source
    /// exercise), as for a learner's file.
    pub fn check_copy(
        &self,
        exercise: &Exercise,
        slot: &str,
        text: &str,
    ) -> Result<CopyCheck, Error> {
        let (tool, tool_identity, deny_warnings) = self.tool_for(exercise, Role::Exercise)?;
        let shown = self.display_path(&Path::new("exercises").join(&exercise.path));
        let compile = Compile {
            tool,
            tool_identity,
            shown: shown.clone(),
            crate_name: &exercise.name,
            mode: exercise.mode,
            deny_warnings,
        };
        let course_tests = match exercise.mode {
            Mode::Run => None,
            Mode::Test => self.course_tests(exercise, TestsFrom::SourceExercise)?,
        };
        let prepared = Prepared::new(text.as_bytes(), exercise.mode, course_tests.as_deref());
        let (verdict, compiler_json) =
            self.compile_and_run(&compile, &prepared, text.as_bytes(), slot, exercise)?;
        Ok(CopyCheck {
            verdict,
            compiler_json,
            file: shown,
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
    /// The file as rustc's messages name it (the copy itself is gone).
    pub file: PathBuf,
}

/// What a compile produced.
enum Compiled {
    /// It built; the warnings.
    Built(super::diagnostic::CompilerOutput),
    /// It did not; the errors.
    Failed(super::diagnostic::CompilerOutput),
}

/// rustc writes a type name too long to show into a file beside the
/// program (`<crate>.long-type-<n>.txt`, in this check's scratch folder)
/// and names that file in its message. The scratch folder goes with the
/// command, so each such file moves to `keep_in` (the engine's
/// `long_types` folder) and the messages follow it. Best effort: a file
/// that cannot be moved is left where rustc put it.
fn keep_long_types(
    compiled: Compiled,
    json: String,
    folder: &Path,
    keep_in: &Path,
) -> (Compiled, String) {
    let Ok(entries) = fs::read_dir(folder) else {
        return (compiled, json);
    };
    let mut moved: Vec<(String, String)> = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !name.to_string_lossy().contains(".long-type-") {
            continue;
        }
        let kept = keep_in.join(&name);
        let done = fs::create_dir_all(keep_in).and_then(|()| fs::rename(entry.path(), &kept));
        if done.is_ok() {
            moved.push((
                entry.path().to_string_lossy().into_owned(),
                kept.to_string_lossy().into_owned(),
            ));
        }
    }
    if moved.is_empty() {
        return (compiled, json);
    }
    let repoint = |text: &mut String| {
        for (from, to) in &moved {
            if text.contains(from.as_str()) {
                *text = text.replace(from.as_str(), to);
            }
        }
    };
    let mut json = json;
    repoint(&mut json);
    let (built, mut output) = match compiled {
        Compiled::Built(output) => (true, output),
        Compiled::Failed(output) => (false, output),
    };
    for message in &mut output.messages {
        repoint(&mut message.rendered);
    }
    let compiled = if built {
        Compiled::Built(output)
    } else {
        Compiled::Failed(output)
    };
    (compiled, json)
}

/// How a run was judged.
struct Judged {
    outcome: Outcome,
    tests: Vec<TestRun>,
    program_output: Option<CapturedOutput>,
}

/// Judges a test harness run: a pass needs the harness to exit 0 with every
/// shipped test reported as passed, and at least one shipped test; any
/// failed test (shipped or the learner's own) fails the exercise.
fn judge_tests(exit: Exit, output: CapturedOutput, prepared: &Prepared, limit: Duration) -> Judged {
    let harness = read_harness(&output.text, prepared.program_test.then_some(PROGRAM_TEST));
    let mut tests: Vec<TestRun> = prepared
        .shipped
        .iter()
        .map(|name| TestRun {
            name: name.clone(),
            status: harness
                .reported
                .iter()
                .find(|(reported, _)| reported == name)
                .map_or(TestStatus::NotRun, |(_, status)| *status),
            shipped: true,
        })
        .collect();
    tests.extend(
        harness
            .reported
            .iter()
            .filter(|(name, _)| !prepared.shipped.contains(name) && name != PROGRAM_TEST)
            .map(|(name, status)| TestRun {
                name: name.clone(),
                status: *status,
                shipped: false,
            }),
    );
    let program_output = harness.program_output.map(|text| CapturedOutput {
        // The cap cut the harness output; if the cut fell inside the
        // program's section, its marker is in this text.
        omitted_bytes: if text.contains(" bytes of output omitted ...]") {
            output.omitted_bytes
        } else {
            0
        },
        text,
    });
    let shown = CapturedOutput {
        text: harness.shown,
        omitted_bytes: output.omitted_bytes,
    };
    let failed: Vec<String> = tests
        .iter()
        .filter(|test| test.status == TestStatus::Failed)
        .map(|test| test.name.clone())
        .collect();
    let missing: Vec<String> = tests
        .iter()
        .filter(|test| test.shipped && test.status != TestStatus::Passed)
        .map(|test| test.name.clone())
        .collect();
    let outcome = match exit {
        Exit::TimedOut => Outcome::TimedOut {
            limit,
            output: shown,
        },
        exit if !failed.is_empty() => Outcome::TestsFailed {
            failed,
            exit,
            output: shown,
        },
        exit if exit.success() && missing.is_empty() && !prepared.shipped.is_empty() => {
            Outcome::Passed { output: shown }
        }
        exit if exit.success() => Outcome::TestsNotRun {
            missing,
            exit,
            output: shown,
        },
        exit => Outcome::RunFailed {
            exit,
            output: shown,
        },
    };
    Judged {
        outcome,
        tests,
        program_output,
    }
}

/// Judges a program run: exit 0, and every fragment of the exercise's pass
/// contract in its output (normalised as `expect` fragments are).
fn judge_program(exit: Exit, output: CapturedOutput, exercise: &Exercise) -> Outcome {
    match exit {
        Exit::TimedOut => Outcome::TimedOut {
            limit: exercise.timeout,
            output,
        },
        exit if exit.success() => {
            let printed = normalize(&output.text);
            let missing: Vec<String> = exercise
                .pass
                .iter()
                .flat_map(|pass| &pass.contains)
                .filter(|fragment| !printed.contains(&normalize(fragment)))
                .cloned()
                .collect();
            if missing.is_empty() {
                Outcome::Passed { output }
            } else {
                Outcome::OutputMissing { missing, output }
            }
        }
        exit => Outcome::RunFailed { exit, output },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::PassContract;
    use crate::test_support::{fixture_course, output};

    fn prepared(shipped: &[&str]) -> Prepared {
        Prepared {
            text: Vec::new(),
            shipped: shipped.iter().map(|name| (*name).to_owned()).collect(),
            tests_differ: None,
            program_test: true,
        }
    }

    fn harness(lines: &[&str], code: i32) -> (Exit, CapturedOutput) {
        let mut text = format!("\nrunning {} tests\n", lines.len());
        for line in lines {
            text.push_str(&format!("test {line}\n"));
        }
        (Exit::Code { code }, output(&text))
    }

    const LIMIT: Duration = Duration::from_secs(10);

    #[test]
    fn every_shipped_test_must_pass_and_the_program_test_is_not_one_of_them() {
        let (exit, printed) = harness(
            &[
                "tests::a ... ok",
                "typed_ai_rustlings::main ... ok",
                "tests::b ... ok",
            ],
            0,
        );
        let judged = judge_tests(exit, printed, &prepared(&["tests::a", "tests::b"]), LIMIT);
        assert!(matches!(judged.outcome, Outcome::Passed { .. }));
        assert_eq!(judged.tests.len(), 2, "{:?}", judged.tests);
        assert!(judged.tests.iter().all(|test| test.shipped));
    }

    #[test]
    fn a_shipped_test_never_reported_is_not_a_pass_even_with_exit_zero() {
        // A learner's test that ends the process early: exit 0, `b` never ran.
        let (exit, printed) = harness(&["tests::a ... ok", "sneaky ... ok"], 0);
        let judged = judge_tests(exit, printed, &prepared(&["tests::a", "tests::b"]), LIMIT);
        match judged.outcome {
            Outcome::TestsNotRun { missing, .. } => assert_eq!(missing, ["tests::b"]),
            other => panic!("expected the missing test, got {other:?}"),
        }
        assert_eq!(
            judged.tests[2],
            TestRun {
                name: "sneaky".to_owned(),
                status: TestStatus::Passed,
                shipped: false
            }
        );
        let (exit, printed) = harness(&[], 0);
        assert!(
            matches!(
                judge_tests(exit, printed, &prepared(&[]), LIMIT).outcome,
                Outcome::TestsNotRun { missing, .. } if missing.is_empty()
            ),
            "zero tests run is never a pass"
        );
    }

    #[test]
    fn a_failing_test_the_learner_added_fails_the_exercise() {
        let (exit, printed) = harness(&["tests::a ... ok", "mine::check ... FAILED"], 101);
        let judged = judge_tests(exit, printed, &prepared(&["tests::a"]), LIMIT);
        match judged.outcome {
            Outcome::TestsFailed { failed, .. } => assert_eq!(failed, ["mine::check"]),
            other => panic!("expected the learner's test to fail, got {other:?}"),
        }
    }

    #[test]
    fn a_long_type_file_outlives_the_scratch_folder_and_the_message_follows_it() {
        let scratch = tempfile::tempdir().unwrap();
        let keep_in = scratch.path().join("kept");
        let written = scratch.path().join("intro.long-type-42.txt");
        fs::write(&written, "Compose<Embedding, Compose<...>>").unwrap();
        let mut failed = crate::test_support::compile_error("E0277");
        failed.compiler.messages[0].rendered = format!(
            "error[E0277]: ...\n  = note: the full name for the type has been written to '{}'\n",
            written.display()
        );
        let json = format!("{{\"rendered\":\"{}\"}}", written.display());
        let (compiled, json) = keep_long_types(
            Compiled::Failed(failed.compiler),
            json,
            scratch.path(),
            &keep_in,
        );
        let kept = keep_in.join("intro.long-type-42.txt");
        assert_eq!(
            fs::read_to_string(&kept).unwrap(),
            "Compose<Embedding, Compose<...>>"
        );
        let Compiled::Failed(output) = compiled else {
            panic!("still a failed compile");
        };
        assert!(
            output.messages[0]
                .rendered
                .contains(&kept.display().to_string()),
            "{}",
            output.messages[0].rendered
        );
        assert!(json.contains(&kept.display().to_string()), "{json}");
        assert!(!written.exists());
    }

    #[test]
    fn a_run_mode_pass_needs_every_fragment_of_its_contract() {
        let mut exercise = fixture_course().exercises()[0].clone();
        exercise.pass = Some(PassContract {
            contains: vec!["p(l) = 0.4000".to_owned(), "sum = 1".to_owned()],
        });
        let ok = Exit::Code { code: 0 };
        assert!(matches!(
            judge_program(ok, output("p(l)  = 0.4000\nsum = 1\n"), &exercise),
            Outcome::Passed { .. }
        ));
        match judge_program(ok, output("p(l) = 0.2500\nsum = 1\n"), &exercise) {
            Outcome::OutputMissing { missing, .. } => assert_eq!(missing, ["p(l) = 0.4000"]),
            other => panic!("expected the missing fragment, got {other:?}"),
        }
        assert!(matches!(
            judge_program(
                Exit::Code { code: 1 },
                output("p(l) = 0.4000 sum = 1"),
                &exercise
            ),
            Outcome::RunFailed { .. }
        ));
    }
}
