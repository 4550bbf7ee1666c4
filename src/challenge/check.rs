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
//! step at a time. Everything that builds or runs happens in a [`Sandbox`]
//! copy. A failing submission is a report, not an error: `Err` means the
//! checking itself could not be done (no cargo, no temporary folder).

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::cargo::{self, Build, Cargo, ExecutableKind, first_panic, listed_tests};
use super::manifest::{self, Manifest, Mutant};
use super::outcome::{ChallengeReport, CheckKind, CheckResult, Status};
use super::parts;
use super::sandbox::Sandbox;
use super::typed;
use crate::engine::{Exit, failed_tests};
use crate::error::Error;
use crate::location::Cwd;
use crate::text::strip_ansi;

/// What checking needs: cargo (with the shared target folder), the library
/// to build against, and where the command started (for paths in messages).
#[derive(Debug, Clone)]
pub struct Checker {
    /// cargo.
    pub cargo: Cargo,
    /// rustc, the compiler cargo uses too: it type-checks the
    /// `compile_fail/` files against the crate cargo built.
    pub rustc: PathBuf,
    /// The `typed-ai` library folder (absolute).
    pub library: PathBuf,
    /// The folder the command started in.
    pub cwd: Cwd,
}

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
    /// Runs every check on the challenge in `dir` (absolute).
    pub fn check(&self, dir: &Path, options: &Options) -> Result<ChallengeReport, Error> {
        let started = Instant::now();
        let path = self.cwd.show(dir);
        let slug = dir.file_name().map_or_else(
            || path.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        );
        let mut run = Run {
            checks: Vec::new(),
            started: Instant::now(),
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
        if let Some(manifest) = loaded.valid() {
            self.after_manifest(dir, manifest, options, &mut run)?;
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
        if options.only_typed {
            self.typed(&sandbox, manifest, true, run)?;
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
            let regression = self.regression_only(&sandbox, manifest, run)?;
            run.skipped(CheckKind::Example, why);
            regression
        } else {
            self.typed(&sandbox, manifest, false, run)?;
            if !self.lints(&sandbox, run)? {
                skip_rest(
                    run,
                    &mutants,
                    "skipped: make the code compile cleanly first",
                );
                return Ok(());
            }
            let (regression, build) = self.tests(&sandbox, manifest, run)?;
            self.example(&sandbox, manifest, build.as_ref(), run)?;
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
        for mutant in mutants {
            self.mutant(dir, &mut sandbox, manifest, mutant, &regression, run)?;
        }
        Ok(())
    }

    /// The `typed` check (see `typed.rs`).
    fn typed(
        &self,
        sandbox: &Sandbox,
        manifest: &Manifest,
        alone: bool,
        run: &mut Run,
    ) -> Result<(), Error> {
        let typed = typed::check(
            &self.cargo,
            &self.rustc,
            &self.library,
            sandbox,
            manifest,
            alone,
        )?;
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
    fn lints(&self, sandbox: &Sandbox, run: &mut Run) -> Result<bool, Error> {
        let build = self.cargo.build(
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
        sandbox: &Sandbox,
        targets: &[&str],
        run: &mut Run,
    ) -> Result<Option<Build>, Error> {
        let mut args = vec!["--no-run"];
        args.extend_from_slice(targets);
        let build = self.cargo.build(sandbox.root(), "test", &args, &[])?;
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
        sandbox: &Sandbox,
        manifest: &Manifest,
        run: &mut Run,
    ) -> Result<(Option<Regression>, Option<Build>), Error> {
        let Some(build) = self.build_tests(sandbox, &[], run)? else {
            return Ok((None, None));
        };
        let mut details = Vec::new();
        let mut passed = 0;
        // Each test binary's kind, target name and listed tests.
        let mut listed: Vec<(ExecutableKind, String, Vec<String>)> = Vec::new();
        for binary in build.test_binaries() {
            let list = cargo::run(&binary.path, sandbox.root(), &["--list"])?;
            let names = listed_tests(&list.output.text);
            let ran = cargo::run(&binary.path, sandbox.root(), &[])?;
            let failed = failed_tests(&ran.output.text);
            passed += names.len().saturating_sub(failed.len());
            if !ran.exit.success() {
                details.extend(describe_failures(
                    &binary.name,
                    &ran.exit,
                    &failed,
                    &ran.output.text,
                ));
            }
            listed.push((binary.kind, binary.name.clone(), names));
        }
        let doc = self.cargo.doc_tests(sandbox.root())?;
        if !doc.exit.success() {
            details.extend(describe_failures(
                "doc tests",
                &doc.exit,
                &failed_tests(&doc.output.text),
                &doc.output.text,
            ));
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
            run.failed(
                CheckKind::Tests,
                "some tests fail",
                details,
                format!(
                    "make them pass: `{}` states the paper's worked numbers, and the code in src/ must compute them",
                    manifest.regression_test
                ),
            );
            Ok((None, Some(build)))
        }
    }

    /// For `--mutant`: the regression test must exist and pass on the
    /// author's code before a mutant can be judged by it.
    fn regression_only(
        &self,
        sandbox: &Sandbox,
        manifest: &Manifest,
        run: &mut Run,
    ) -> Result<Option<Regression>, Error> {
        // Only a file of tests/ can hold the regression test: the unit tests
        // and the examples need not be built.
        let Some(build) = self.build_tests(sandbox, &["--test", "*"], run)? else {
            return Ok(None);
        };
        for binary in build
            .test_binaries()
            .filter(|binary| binary.kind == ExecutableKind::IntegrationTest)
        {
            let list = cargo::run(&binary.path, sandbox.root(), &["--list"])?;
            if !listed_tests(&list.output.text).contains(&manifest.regression_test) {
                continue;
            }
            let ran = cargo::run(
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
                    &ran.exit,
                    &failed_tests(&ran.output.text),
                    &ran.output.text,
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
        let ran = cargo::run(&executable.path, sandbox.root(), &[])?;
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
        if !ran.exit.success() {
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

    fn mutant(
        &self,
        dir: &Path,
        sandbox: &mut Sandbox,
        manifest: &Manifest,
        mutant: &Mutant,
        regression: &Regression,
        run: &mut Run,
    ) -> Result<(), Error> {
        let kind = CheckKind::Mutant(mutant.name.clone());
        let source = dir.join(&mutant.file);
        let content = fs::read(&source).map_err(|source_error| Error::Io {
            action: "read the mutant",
            path: source.clone(),
            source: source_error,
        })?;
        sandbox.swap_in(&mutant.replaces, &content)?;
        let build = self.cargo.build(
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
        let ran = cargo::run(&binary.path, sandbox.root(), &[&regression.test, "--exact"])?;
        sandbox.restore()?;
        if ran.exit.success() {
            run.failed(
                kind,
                format!(
                    "mutant `{}` survived: `{}` still passes, so the test does not guard the invariant",
                    mutant.name, regression.test
                ),
                vec![format!("the mutant's mistake: {}", mutant.mistake)],
                format!(
                    "make `{}` assert what this mistake changes (\"{}\"): with {} in place of {} it must fail",
                    manifest.regression_test,
                    mutant.mistake,
                    mutant.file.display(),
                    mutant.replaces.display()
                ),
            );
        } else if ran.exit == Exit::TimedOut {
            run.passed(
                kind,
                format!(
                    "killed: `{}` did not finish within {} s",
                    regression.test,
                    cargo::RUN_TIMEOUT.as_secs()
                ),
            );
        } else {
            let why = first_panic(&ran.output.text)
                .unwrap_or_else(|| format!("the test binary {}", ran.exit));
            run.passed(kind, format!("killed: {why}"));
        }
        Ok(())
    }
}

/// The test every mutant must make fail, and the test target it lives in.
#[derive(Debug, Clone)]
struct Regression {
    target: String,
    test: String,
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

/// What failed in one test binary: each failing test with its panic, or how
/// the binary ended when no test is named (a crash, a timeout).
fn describe_failures(binary: &str, exit: &Exit, failed: &[String], output: &str) -> Vec<String> {
    if *exit == Exit::TimedOut {
        return vec![format!(
            "{binary}: stopped after {} s without finishing",
            cargo::RUN_TIMEOUT.as_secs()
        )];
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
