//! `challenge check` for one submission: the named checks, in order, each
//! passed, failed or skipped, with what to do next.
//!
//! ```text
//! manifest → paper
//!          → parts → typed
//!                  → lints → tests → example
//!                                  → mutant <name>, one per mutant
//! ```
//!
//! A check runs only when the ones it needs passed; otherwise it is skipped
//! and says which one to fix first, so a fresh scaffold is explained one
//! step at a time. A problem in challenge.toml or its paper reference
//! stops everything before any build. Everything that builds or runs
//! happens in a [`Sandbox`] copy, started by the check's confined
//! launcher; a failed check whose processes were refused an access says
//! what was refused. A failing submission is a report, not an error:
//! `Err` means the checking itself could not be done (no cargo, no
//! temporary folder).

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::cargo::{
    self, Build, Cargo, Executable, ExecutableKind, first_panic, listed_tests, unfinished_tests,
};
use super::manifest::{self, Manifest, Mutant};
use super::outcome::{ChallengeReport, CheckKind, CheckResult, Status};
use super::parts;
use super::sandbox::Sandbox;
use super::typed;
use crate::confine::{Denials, Launcher};
use crate::engine::{Execution, Exit, failed_tests};
use crate::error::Error;
use crate::location::Cwd;
use crate::text::strip_ansi;

/// What checking needs: the toolchain, the library to build against, how
/// processes start, and where the command started (for paths in messages).
#[derive(Debug, Clone)]
pub struct Checker {
    /// cargo.
    pub cargo: PathBuf,
    /// rustc, the compiler cargo uses too: it type-checks the
    /// `compile_fail/` files against the crate cargo built.
    pub rustc: PathBuf,
    /// The `typed-ai` library folder (absolute).
    pub library: PathBuf,
    /// The folder the command started in.
    pub cwd: Cwd,
    /// How every process starts: confined, unless `--no-confine`.
    pub launcher: Launcher,
    /// `--timeout`: how long a test binary or the example may run in a
    /// challenge whose challenge.toml sets no `timeout_secs`.
    pub timeout: Option<Duration>,
}

/// What to do when a check failed because its code was refused an access.
const CONFINED_NEXT: &str = "the code reached outside its confinement (the `denied` lines above): \
     a check may write only in its temporary copy and its target folder, read nothing of your \
     home but the toolchain and cargo's caches, and open no network connection; make the \
     challenge need none of that (`--no-confine` lifts the confinement, for code you trust)";

/// What to check besides the defaults.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Check only this mutant (and what it needs), for an author
    /// strengthening a test: lints, the other tests and the example are skipped.
    pub only_mutant: Option<String>,
    /// Check only the typed boundary (and what it needs), for an author
    /// designing a type: lints, tests, the example and the mutants are skipped.
    pub only_typed: bool,
}

impl Options {
    /// Whether every check runs (only then is the result worth keeping).
    pub fn is_full(&self) -> bool {
        self.only_mutant.is_none() && !self.only_typed
    }
}

/// Collects results in order and times each check.
struct Run {
    checks: Vec<CheckResult>,
    started: Instant,
    /// What the check's confined processes were refused since the last
    /// result: a failed check shows it first.
    denials: Denials,
}

impl Run {
    fn push(
        &mut self,
        kind: CheckKind,
        status: Status,
        summary: impl Into<String>,
        details: Vec<String>,
        next: Option<String>,
    ) {
        let duration = self.started.elapsed();
        self.started = Instant::now();
        let denied = self.denials.take();
        let (details, next) = if status == Status::Failed && !denied.is_empty() {
            let shown = denied
                .iter()
                .map(|line| format!("denied by the confinement: {line}"));
            (
                shown.chain(details).collect(),
                Some(CONFINED_NEXT.to_owned()),
            )
        } else {
            (details, next)
        };
        self.checks.push(CheckResult {
            kind,
            status,
            summary: summary.into(),
            details,
            next,
            duration,
        });
    }

    fn passed(&mut self, kind: CheckKind, summary: impl Into<String>) {
        self.push(kind, Status::Passed, summary, Vec::new(), None);
    }

    fn failed(
        &mut self,
        kind: CheckKind,
        summary: impl Into<String>,
        details: Vec<String>,
        next: impl Into<String>,
    ) {
        self.push(kind, Status::Failed, summary, details, Some(next.into()));
    }

    fn skipped(&mut self, kind: CheckKind, why: &str) {
        self.push(kind, Status::Skipped, why, Vec::new(), None);
    }
}

impl Checker {
    /// Runs every check on the challenge in `dir` (absolute), building in
    /// `target` (a target folder no other check uses meanwhile).
    pub fn check(
        &self,
        dir: &Path,
        options: &Options,
        target: &Path,
    ) -> Result<ChallengeReport, Error> {
        let started = Instant::now();
        let path = self.cwd.show(dir);
        let slug = dir.file_name().map_or_else(
            || path.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        );
        let mut run = Run {
            checks: Vec::new(),
            started: Instant::now(),
            denials: Denials::default(),
        };
        let loaded = manifest::load(dir, &path);
        // Only what validated is shown as the challenge's title and paper.
        let title = loaded.valid().map(|manifest| manifest.title.clone());
        let paper = loaded
            .manifest
            .as_ref()
            .filter(|_| loaded.paper_problems.is_empty())
            .map(|manifest| manifest.paper.clone());

        match loaded.valid() {
            Some(_) => run.passed(CheckKind::Manifest, "challenge.toml is valid"),
            None => run.failed(
                CheckKind::Manifest,
                count(loaded.problems.len(), "problem", "in challenge.toml"),
                loaded.problems.iter().map(ToString::to_string).collect(),
                format!(
                    "fix each line above in {}; the format is described in challenges/paper-to-rust/README.md",
                    path.join(manifest::MANIFEST_FILE).display()
                ),
            ),
        }
        match &loaded.manifest {
            None => run.skipped(CheckKind::Paper, "skipped: challenge.toml could not be read"),
            Some(manifest) if loaded.paper_problems.is_empty() => run.passed(
                CheckKind::Paper,
                format!(
                    "{} ({}){}",
                    manifest.paper.title,
                    manifest.paper.short_citation(),
                    manifest
                        .paper
                        .link()
                        .map(|link| format!(", {link}"))
                        .unwrap_or_default()
                ),
            ),
            Some(_) => run.failed(
                CheckKind::Paper,
                count(loaded.paper_problems.len(), "problem", "in the paper reference"),
                loaded.paper_problems.iter().map(ToString::to_string).collect(),
                "give the paper's title, every author, the year, and an arXiv id (such as 1412.6980) or a stable URL",
            ),
        }
        if let Some(manifest) = loaded.valid()
            && loaded.paper_problems.is_empty()
        {
            self.after_manifest(dir, manifest, options, target, &mut run)?;
        } else {
            let mutants: Vec<&Mutant> = loaded
                .manifest
                .iter()
                .flat_map(|manifest| &manifest.mutants)
                .collect();
            skip_rest(&mut run, &mutants, "skipped: fix challenge.toml first");
        }
        Ok(ChallengeReport {
            slug,
            path,
            title,
            paper,
            checks: run.checks,
            duration: started.elapsed(),
        })
    }

    fn after_manifest(
        &self,
        dir: &Path,
        manifest: &Manifest,
        options: &Options,
        target: &Path,
        run: &mut Run,
    ) -> Result<(), Error> {
        let mutants: Vec<&Mutant> = manifest
            .mutants
            .iter()
            .filter(|mutant| {
                options
                    .only_mutant
                    .as_ref()
                    .is_none_or(|only| *only == mutant.name)
            })
            .collect();
        if let Some(only) = &options.only_mutant
            && mutants.is_empty()
        {
            return Err(Error::Usage {
                message: format!(
                    "{} has no mutant `{only}`; its mutants are: {}",
                    self.cwd.show(dir).display(),
                    manifest
                        .mutants
                        .iter()
                        .map(|mutant| format!("`{}`", mutant.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        }
        let problems = parts::problems(dir, manifest);
        if problems.is_empty() {
            run.passed(CheckKind::Parts, "every part is there");
        } else {
            run.failed(
                CheckKind::Parts,
                count(problems.len(), "part", "missing or unfinished"),
                problems,
                "add or finish the parts above; `typed-ai-rustlings challenge new NAME` writes a complete layout to compare with",
            );
            skip_rest(run, &mutants, "skipped: add the missing parts first");
            return Ok(());
        }

        let mut sandbox = Sandbox::new(dir, &self.library)?;
        let launcher = self
            .launcher
            .for_check(&sandbox.temp(), &[sandbox.folder(), target]);
        // The challenge knows what its tests need; `--timeout` is for the
        // challenges that do not say.
        let timeout = manifest
            .timeout
            .or(self.timeout)
            .unwrap_or(cargo::RUN_TIMEOUT);
        let cargo = Cargo::new(&self.cargo, &self.rustc, target, launcher, timeout);
        run.denials = cargo.denials().clone();
        if options.only_typed {
            self.typed(&cargo, &sandbox, manifest, true, run)?;
            skip_rest(
                run,
                &mutants,
                "skipped: only the typed boundary was asked for (--typed)",
            );
            return Ok(());
        }
        let regression = if options.only_mutant.is_some() {
            let why = "skipped: only one mutant was asked for (--mutant)";
            run.skipped(CheckKind::Typed, why);
            run.skipped(CheckKind::Lints, why);
            let regression = self.regression_only(&cargo, &sandbox, manifest, run)?;
            run.skipped(CheckKind::Example, why);
            regression
        } else {
            self.typed(&cargo, &sandbox, manifest, false, run)?;
            if !self.lints(&cargo, &sandbox, run)? {
                skip_rest(
                    run,
                    &mutants,
                    "skipped: make the code compile cleanly first",
                );
                return Ok(());
            }
            let (regression, build) = self.tests(&cargo, &sandbox, manifest, run)?;
            self.example(&cargo, &sandbox, manifest, build.as_ref(), run)?;
            regression
        };
        let Some(regression) = regression else {
            for mutant in &mutants {
                run.skipped(
                    CheckKind::Mutant(mutant.name.clone()),
                    "skipped: the regression test must exist and pass first",
                );
            }
            return Ok(());
        };
        // What the original shows, observed once, when a mutant survives.
        let mut original = None;
        for mutant in mutants {
            let at = Mutation {
                cargo: &cargo,
                dir,
                manifest,
                regression: &regression,
            };
            at.judge(&mut sandbox, mutant, &mut original, run)?;
        }
        Ok(())
    }

    /// The `typed` check (see `typed.rs`).
    fn typed(
        &self,
        cargo: &Cargo,
        sandbox: &Sandbox,
        manifest: &Manifest,
        alone: bool,
        run: &mut Run,
    ) -> Result<(), Error> {
        let typed = typed::check(cargo, &self.rustc, &self.library, sandbox, manifest, alone)?;
        run.push(
            CheckKind::Typed,
            typed.status,
            typed.summary,
            typed.details,
            typed.next,
        );
        Ok(())
    }

    /// `cargo clippy --all-targets -- -D warnings`; whether it passed.
    fn lints(&self, cargo: &Cargo, sandbox: &Sandbox, run: &mut Run) -> Result<bool, Error> {
        let build = cargo.build(
            sandbox.root(),
            "clippy",
            &["--all-targets"],
            &["-D", "warnings"],
        )?;
        if build.success {
            run.passed(
                CheckKind::Lints,
                "cargo clippy --all-targets -- -D warnings is clean",
            );
            Ok(true)
        } else {
            let details = build.failure_details();
            run.failed(
                CheckKind::Lints,
                if build.errors.is_empty() {
                    "the package does not build".to_owned()
                } else {
                    count(build.errors.len(), "error", "from rustc and clippy (lints denied)")
                },
                details,
                "fix these; `cargo clippy --all-targets -- -D warnings` in the challenge folder shows the same",
            );
            Ok(false)
        }
    }

    /// `cargo test --no-run <targets>`: the build when it succeeded; else
    /// the tests check fails with the compiler's errors.
    fn build_tests(
        &self,
        cargo: &Cargo,
        sandbox: &Sandbox,
        targets: &[&str],
        run: &mut Run,
    ) -> Result<Option<Build>, Error> {
        let mut args = vec!["--no-run"];
        args.extend_from_slice(targets);
        let build = cargo.build(sandbox.root(), "test", &args, &[])?;
        if build.success {
            return Ok(Some(build));
        }
        run.failed(
            CheckKind::Tests,
            "the tests do not build",
            build.failure_details(),
            "fix these; `cargo test` in the challenge folder shows the same",
        );
        Ok(None)
    }

    /// Every test binary and the doc tests; returns where the regression
    /// test lives (when it exists and everything passed) and the build,
    /// when it succeeded.
    fn tests(
        &self,
        cargo: &Cargo,
        sandbox: &Sandbox,
        manifest: &Manifest,
        run: &mut Run,
    ) -> Result<(Option<Regression>, Option<Build>), Error> {
        let Some(build) = self.build_tests(cargo, sandbox, &[], run)? else {
            return Ok((None, None));
        };
        let mut details = Vec::new();
        let mut passed = 0;
        let mut failing: Vec<String> = Vec::new();
        let mut hung: Vec<String> = Vec::new();
        // Each test binary's kind, target name and listed tests.
        let mut listed: Vec<(ExecutableKind, String, Vec<String>)> = Vec::new();
        for binary in build.test_binaries() {
            let list = cargo.run(&binary.path, sandbox.root(), &["--list"])?;
            let names = listed_tests(&list.output.text);
            let ran = cargo.run(&binary.path, sandbox.root(), &[])?;
            let failed = failed_tests(&ran.output.text);
            let unfinished = if ran.exit == Exit::TimedOut {
                unfinished_tests(&names, &ran.output.text)
            } else {
                Vec::new()
            };
            passed += names.len().saturating_sub(failed.len() + unfinished.len());
            if !ran.exit.success() {
                details.extend(describe_failures(
                    &binary.name,
                    &ran,
                    &failed,
                    &unfinished,
                    cargo.run_timeout(),
                ));
            }
            failing.extend(failed);
            hung.extend(unfinished);
            listed.push((binary.kind, binary.name.clone(), names));
        }
        let doc = cargo.doc_tests(sandbox.root())?;
        if !doc.exit.success() {
            let failed = failed_tests(&doc.output.text);
            details.extend(describe_failures(
                "doc tests",
                &doc,
                &failed,
                &[],
                cargo::BUILD_TIMEOUT,
            ));
            failing.extend(failed);
        }

        let regression = listed
            .iter()
            .find(|(kind, _, names)| {
                *kind == ExecutableKind::IntegrationTest
                    && names.contains(&manifest.regression_test)
            })
            .map(|(_, target, _)| Regression {
                target: target.clone(),
                test: manifest.regression_test.clone(),
            });
        let mut missing = Vec::new();
        if regression.is_none() {
            missing.push(format!(
                "the regression test `{}` is not a top-level #[test] fn in any file of tests/",
                manifest.regression_test
            ));
        }
        for test in manifest.ledger_tests() {
            let found = listed.iter().any(|(_, _, names)| {
                names
                    .iter()
                    .any(|name| name == test || name.ends_with(&format!("::{test}")))
            });
            if !found && test != manifest.regression_test {
                missing.push(format!(
                    "the ledger names the test `{test}`, which does not exist"
                ));
            }
        }
        if details.is_empty() && missing.is_empty() {
            run.passed(
                CheckKind::Tests,
                format!("{} and the doc tests pass", count(passed, "test", "")),
            );
            Ok((regression, Some(build)))
        } else if details.is_empty() {
            run.failed(
                CheckKind::Tests,
                count(missing.len(), "test", "missing"),
                missing,
                format!(
                    "write the missing tests; `{}` goes at the top level of a file in tests/ and states the paper's worked numbers",
                    manifest.regression_test
                ),
            );
            Ok((None, Some(build)))
        } else {
            details.extend(missing);
            let secs = cargo.run_timeout().as_secs();
            let (summary, next) = if hung.is_empty() {
                let next = if failing.contains(&manifest.regression_test) {
                    format!(
                        "make them pass: `{}` states the paper's worked numbers, and the code in src/ must compute them",
                        manifest.regression_test
                    )
                } else {
                    "make them pass: each failing test above states what the code in src/ must compute".to_owned()
                };
                ("some tests fail".to_owned(), next)
            } else {
                let names = backticked(&hung);
                (
                    format!(
                        "{} did not finish within {secs} s",
                        count(hung.len(), "test", "")
                    ),
                    format!(
                        "make {names} finish (a loop whose end never comes, a wait on something that never happens), \
                         or give challenge.toml a `timeout_secs` larger than {secs} if it needs longer"
                    ),
                )
            };
            run.failed(CheckKind::Tests, summary, details, next);
            Ok((None, Some(build)))
        }
    }

    /// For `--mutant`: the regression test must exist and pass on the
    /// author's code before a mutant can be judged by it.
    fn regression_only(
        &self,
        cargo: &Cargo,
        sandbox: &Sandbox,
        manifest: &Manifest,
        run: &mut Run,
    ) -> Result<Option<Regression>, Error> {
        // Only a file of tests/ can hold the regression test: the unit tests
        // and the examples need not be built.
        let Some(build) = self.build_tests(cargo, sandbox, &["--test", "*"], run)? else {
            return Ok(None);
        };
        for binary in build
            .test_binaries()
            .filter(|binary| binary.kind == ExecutableKind::IntegrationTest)
        {
            let list = cargo.run(&binary.path, sandbox.root(), &["--list"])?;
            if !listed_tests(&list.output.text).contains(&manifest.regression_test) {
                continue;
            }
            let ran = cargo.run(
                &binary.path,
                sandbox.root(),
                &[&manifest.regression_test, "--exact"],
            )?;
            if ran.exit.success() {
                run.passed(
                    CheckKind::Tests,
                    format!(
                        "`{}` passes (the other tests were not run: --mutant)",
                        manifest.regression_test
                    ),
                );
                return Ok(Some(Regression {
                    target: binary.name.clone(),
                    test: manifest.regression_test.clone(),
                }));
            }
            run.failed(
                CheckKind::Tests,
                format!("`{}` fails on your own code", manifest.regression_test),
                describe_failures(
                    &binary.name,
                    &ran,
                    &failed_tests(&ran.output.text),
                    std::slice::from_ref(&manifest.regression_test),
                    cargo.run_timeout(),
                ),
                "make the regression test pass before judging mutants by it",
            );
            return Ok(None);
        }
        run.failed(
            CheckKind::Tests,
            format!(
                "the regression test `{}` was not found",
                manifest.regression_test
            ),
            vec![format!(
                "`{}` is not a top-level #[test] fn in any file of tests/",
                manifest.regression_test
            )],
            "write it at the top level of a file in tests/",
        );
        Ok(None)
    }

    fn example(
        &self,
        cargo: &Cargo,
        sandbox: &Sandbox,
        manifest: &Manifest,
        build: Option<&Build>,
        run: &mut Run,
    ) -> Result<(), Error> {
        let Some(executable) =
            build.and_then(|build| build.executable(ExecutableKind::Example, &manifest.example))
        else {
            run.skipped(
                CheckKind::Example,
                "skipped: the example was not built (see tests)",
            );
            return Ok(());
        };
        let ran = cargo.run(&executable.path, sandbox.root(), &[])?;
        let printed = strip_ansi(&ran.output.text).into_owned();
        let missing: Vec<String> = manifest
            .signals()
            .filter(|signal| !printed.contains(signal))
            .map(|signal| format!("not printed: \"{signal}\""))
            .collect();
        let signals = manifest.signals().count();
        if ran.exit.success() && missing.is_empty() {
            run.passed(
                CheckKind::Example,
                format!(
                    "examples/{}.rs prints {}",
                    manifest.example,
                    count(signals, "ledger signal", "")
                ),
            );
            return Ok(());
        }
        let mut details = Vec::new();
        if ran.exit == Exit::TimedOut {
            details.push(format!(
                "the example did not finish within {} s",
                cargo.run_timeout().as_secs()
            ));
        } else if !ran.exit.success() {
            details.push(format!("the example {}", ran.exit));
        }
        details.extend(missing);
        details.push(format!("it printed:\n{}", indent(printed.trim_end())));
        run.failed(
            CheckKind::Example,
            if ran.exit.success() {
                format!("examples/{}.rs misses some ledger signals", manifest.example)
            } else {
                format!("examples/{}.rs does not run to the end", manifest.example)
            },
            details,
            format!(
                "make examples/{}.rs exit 0 and print every ledger signal, computed by your code rather than written out",
                manifest.example
            ),
        );
        Ok(())
    }
}

/// The test every mutant must make fail, and the test target it lives in.
#[derive(Debug, Clone)]
struct Regression {
    target: String,
    test: String,
}

/// What judging a mutant needs besides the sandbox.
struct Mutation<'a> {
    cargo: &'a Cargo,
    /// The author's challenge folder, where the mutant files are.
    dir: &'a Path,
    manifest: &'a Manifest,
    regression: &'a Regression,
}

impl Mutation<'_> {
    /// Swaps `mutant` in, runs the regression test, and reports: killed,
    /// an authoring error, survived, or possibly equivalent. `original`
    /// keeps what the original shows, observed on the first survivor.
    fn judge(
        &self,
        sandbox: &mut Sandbox,
        mutant: &Mutant,
        original: &mut Option<Observed>,
        run: &mut Run,
    ) -> Result<(), Error> {
        let cargo = self.cargo;
        let regression = self.regression;
        let kind = CheckKind::Mutant(mutant.name.clone());
        let source = self.dir.join(&mutant.file);
        let content = fs::read(&source).map_err(|source_error| Error::Io {
            action: "read the mutant",
            path: source.clone(),
            source: source_error,
        })?;
        sandbox.swap_in(&mutant.replaces, &content)?;
        let build = cargo.build(
            sandbox.root(),
            "test",
            &["--no-run", "--test", &regression.target],
            &[],
        )?;
        let binary = build
            .executable(ExecutableKind::IntegrationTest, &regression.target)
            .filter(|_| build.success);
        let Some(binary) = binary else {
            run.failed(
                kind,
                format!(
                    "mutant `{}` does not compile: an authoring error, not a kill",
                    mutant.name
                ),
                // The compiler saw the mutant under the name of the file it
                // replaces; give it its own name back.
                build
                    .failure_details()
                    .iter()
                    .map(|detail| {
                        detail.replace(
                            &format!("--> {}:", mutant.replaces.display()),
                            &format!("--> {}:", mutant.file.display()),
                        )
                    })
                    .collect(),
                format!(
                    "make {} compile: a full copy of {} with one plausible mistake ({})",
                    mutant.file.display(),
                    mutant.replaces.display(),
                    mutant.mistake
                ),
            );
            sandbox.restore()?;
            return Ok(());
        };
        let ran = cargo.run(&binary.path, sandbox.root(), &[&regression.test, "--exact"])?;
        if !ran.exit.success() {
            sandbox.restore()?;
            let why = if ran.exit == Exit::TimedOut {
                format!(
                    "`{}` did not finish within {} s",
                    regression.test,
                    cargo.run_timeout().as_secs()
                )
            } else {
                first_panic(&ran.output.text)
                    .unwrap_or_else(|| format!("the test binary {}", ran.exit))
            };
            run.passed(kind, format!("killed: {why}"));
            return Ok(());
        }
        // It survived: is there anything a test could have seen?
        let mutated = observe(cargo, sandbox, self.manifest)?;
        sandbox.restore()?;
        let original = match original {
            Some(observed) => observed,
            None => original.insert(observe(cargo, sandbox, self.manifest)?),
        };
        let mistake = format!("the mutant's mistake: {}", mutant.mistake);
        match original.difference(&mutated) {
            None => run.failed(
                kind,
                format!(
                    "mutant `{}` is possibly equivalent: with it every test passes and prints what it prints with the original, and so does examples/{}.rs",
                    mutant.name, self.manifest.example
                ),
                vec![
                    mistake,
                    format!(
                        "compared: every test binary run with --nocapture --test-threads=1, and the example's output, with {} and with the mutant",
                        mutant.replaces.display()
                    ),
                ],
                format!(
                    "drop it or make it differ: no test input tells {} from {}, so no test can catch it; a real mistake changes a number the example prints or a test checks",
                    mutant.file.display(),
                    mutant.replaces.display()
                ),
            ),
            Some(difference) => run.failed(
                kind,
                format!(
                    "mutant `{}` survived: `{}` still passes, so the test does not guard the invariant",
                    mutant.name, regression.test
                ),
                vec![mistake, format!("yet it shows: {difference}")],
                format!(
                    "make `{}` assert what this mistake changes (\"{}\"): with {} in place of {} it must fail",
                    self.manifest.regression_test,
                    mutant.mistake,
                    mutant.file.display(),
                    mutant.replaces.display()
                ),
            ),
        }
        Ok(())
    }
}

/// What the whole package shows when it runs: every test binary (run with
/// `--nocapture --test-threads=1`, so what the tests print comes in a
/// fixed order) and the example, each with whether it succeeded and its
/// output without timings. Two versions of a file that show the same
/// thing here cannot be told apart by any test input the challenge has.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Observed {
    /// Some target does not build.
    DoesNotBuild,
    /// Each target run, ordered by name: what it is, whether it
    /// succeeded, what it printed.
    Ran(Vec<(String, bool, String)>),
}

impl Observed {
    /// How `other` differs from `self` (the original), in words; `None`
    /// when it shows exactly the same.
    fn difference(&self, other: &Observed) -> Option<String> {
        let (Observed::Ran(original), Observed::Ran(mutated)) = (self, other) else {
            return (self != other)
                .then(|| "the other tests or the example do not build with it".to_owned());
        };
        for (before, after) in original.iter().zip(mutated) {
            let (what, passed_before, printed_before) = before;
            let (_, passed_after, printed_after) = after;
            if passed_before != passed_after {
                let failing = if *passed_after { "passes" } else { "fails" };
                let first = failed_tests(printed_after);
                return Some(if first.is_empty() {
                    format!("{what} {failing} with it")
                } else {
                    format!("{what} fails with it: {}", backticked(&first))
                });
            }
            if printed_before != printed_after {
                let lines_before: Vec<&str> = printed_before.lines().collect();
                let lines_after: Vec<&str> = printed_after.lines().collect();
                let at = (0..lines_before.len().max(lines_after.len()))
                    .find(|&i| lines_before.get(i) != lines_after.get(i))
                    .unwrap_or(0);
                return Some(format!(
                    "{what} prints \"{}\" where the original prints \"{}\"",
                    lines_after.get(at).unwrap_or(&"(nothing)").trim(),
                    lines_before.get(at).unwrap_or(&"(nothing)").trim()
                ));
            }
        }
        (original.len() != mutated.len()).then(|| "it builds other targets".to_owned())
    }
}

/// Builds every target of the package in `sandbox` as it is now and runs
/// each test binary and the example (see [`Observed`]).
fn observe(cargo: &Cargo, sandbox: &Sandbox, manifest: &Manifest) -> Result<Observed, Error> {
    let build = cargo.build(sandbox.root(), "test", &["--no-run"], &[])?;
    if !build.success {
        return Ok(Observed::DoesNotBuild);
    }
    let mut targets: Vec<(String, &Executable)> = build
        .test_binaries()
        .map(|binary| (describe_target(binary), binary))
        .chain(
            build
                .executable(ExecutableKind::Example, &manifest.example)
                .map(|example| (describe_target(example), example)),
        )
        .collect();
    targets.sort_by(|a, b| a.0.cmp(&b.0));
    let mut ran = Vec::with_capacity(targets.len());
    for (what, executable) in targets {
        let args: &[&str] = if executable.kind == ExecutableKind::Example {
            &[]
        } else {
            &["--nocapture", "--test-threads=1"]
        };
        let execution = cargo.run(&executable.path, sandbox.root(), args)?;
        ran.push((
            what,
            execution.exit.success(),
            without_timings(&execution.output.text),
        ));
    }
    Ok(Observed::Ran(ran))
}

/// "tests/centre.rs", "examples/worked.rs", "the unit tests of src/".
fn describe_target(executable: &Executable) -> String {
    match executable.kind {
        ExecutableKind::UnitTests => "the unit tests of src/".to_owned(),
        ExecutableKind::IntegrationTest => format!("tests/{}.rs", executable.name),
        ExecutableKind::Example => format!("examples/{}.rs", executable.name),
        ExecutableKind::Other => executable.name.clone(),
    }
}

/// libtest's output without its timings (`; finished in 0.01s`), which
/// differ from run to run.
fn without_timings(output: &str) -> String {
    strip_ansi(output)
        .lines()
        .map(|line| {
            line.split("; finished in ")
                .next()
                .unwrap_or(line)
                .trim_end()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Skips, for `why`, each check after the paper that has no result yet, and
/// every mutant.
fn skip_rest(run: &mut Run, mutants: &[&Mutant], why: &str) {
    for kind in [
        CheckKind::Parts,
        CheckKind::Typed,
        CheckKind::Lints,
        CheckKind::Tests,
        CheckKind::Example,
    ] {
        if !run.checks.iter().any(|check| check.kind == kind) {
            run.skipped(kind, why);
        }
    }
    for mutant in mutants {
        run.skipped(CheckKind::Mutant(mutant.name.clone()), why);
    }
}

/// What failed in one test binary: each test that hung (stopped at
/// `timeout`, `unfinished` naming them) and each failing test with its
/// panic, or how the binary ended when no test is named (a crash).
fn describe_failures(
    binary: &str,
    ran: &Execution,
    failed: &[String],
    unfinished: &[String],
    timeout: Duration,
) -> Vec<String> {
    let (exit, output) = (&ran.exit, ran.output.text.as_str());
    if *exit == Exit::TimedOut {
        let secs = timeout.as_secs();
        if unfinished.is_empty() {
            return vec![format!(
                "{binary}: stopped after {secs} s without finishing"
            )];
        }
        return unfinished
            .iter()
            .map(|test| format!("{binary}: `{test}` did not finish within {secs} s"))
            .chain(
                failed
                    .iter()
                    .map(|test| format!("{binary}: `{test}` failed")),
            )
            .collect();
    }
    if failed.is_empty() {
        return vec![format!(
            "{binary}: the test binary {}:\n{}",
            exit,
            indent(strip_ansi(output).trim_end())
        )];
    }
    let plain = strip_ansi(output).into_owned();
    failed
        .iter()
        .map(|test| {
            let why = panic_of(&plain, test).unwrap_or_else(|| "failed".to_owned());
            format!("{binary}: `{test}` failed: {why}")
        })
        .collect()
}

/// The panic message of `test` in libtest's output.
fn panic_of(output: &str, test: &str) -> Option<String> {
    let marker = format!("---- {test} stdout ----");
    let section = output.split(&marker).nth(1)?;
    let section = section.split("\n---- ").next().unwrap_or(section);
    first_panic(section)
}

/// "`a`", "`a` and `b`", "`a`, `b` and `c`".
fn backticked(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|line| format!("    {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// "3 problems in challenge.toml", "1 test" (`what` may be empty).
fn count(n: usize, noun: &str, what: &str) -> String {
    let plural = if n == 1 { "" } else { "s" };
    if what.is_empty() {
        format!("{n} {noun}{plural}")
    } else {
        format!("{n} {noun}{plural} {what}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ran(runs: &[(&str, bool, &str)]) -> Observed {
        Observed::Ran(
            runs.iter()
                .map(|(what, passed, printed)| ((*what).to_owned(), *passed, (*printed).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn a_mutant_that_shows_the_same_everywhere_has_no_difference() {
        let original = ran(&[
            (
                "examples/worked.rs",
                true,
                "centre([1, 2, 6]) = [-2, -1, 3]",
            ),
            ("tests/centre.rs", true, "test centring_card_example ... ok"),
        ]);
        assert_eq!(original.difference(&original.clone()), None);
    }

    #[test]
    fn the_first_difference_is_named_in_words() {
        let original = ran(&[
            (
                "examples/worked.rs",
                true,
                "centre([1, 2, 6]) = [-2, -1, 3]",
            ),
            ("tests/centre.rs", true, "test centring_card_example ... ok"),
            ("tests/other.rs", true, "test sums_to_zero ... ok"),
        ]);
        let prints_otherwise = ran(&[
            (
                "examples/worked.rs",
                true,
                "centre([1, 2, 6]) = [-3.5, -2.5, 1.5]",
            ),
            ("tests/centre.rs", true, "test centring_card_example ... ok"),
            ("tests/other.rs", true, "test sums_to_zero ... ok"),
        ]);
        assert_eq!(
            original.difference(&prints_otherwise).as_deref(),
            Some(
                "examples/worked.rs prints \"centre([1, 2, 6]) = [-3.5, -2.5, 1.5]\" \
                 where the original prints \"centre([1, 2, 6]) = [-2, -1, 3]\""
            )
        );
        let caught_elsewhere = ran(&[
            (
                "examples/worked.rs",
                true,
                "centre([1, 2, 6]) = [-2, -1, 3]",
            ),
            ("tests/centre.rs", true, "test centring_card_example ... ok"),
            ("tests/other.rs", false, "test sums_to_zero ... FAILED"),
        ]);
        assert_eq!(
            original.difference(&caught_elsewhere).as_deref(),
            Some("tests/other.rs fails with it: `sums_to_zero`")
        );
        assert_eq!(
            original.difference(&Observed::DoesNotBuild).as_deref(),
            Some("the other tests or the example do not build with it")
        );
    }

    #[test]
    fn timings_do_not_count_as_output() {
        assert_eq!(
            without_timings("test result: ok. 1 passed; 0 failed; finished in 0.02s\n"),
            without_timings("test result: ok. 1 passed; 0 failed; finished in 1.31s\n")
        );
    }

    #[test]
    fn names_are_listed_in_words() {
        let names =
            |list: &[&str]| backticked(&list.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>());
        assert_eq!(names(&["a"]), "`a`");
        assert_eq!(names(&["a", "b"]), "`a` and `b`");
        assert_eq!(names(&["a", "b", "c"]), "`a`, `b` and `c`");
    }
}
