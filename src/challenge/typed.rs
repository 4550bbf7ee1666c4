//! The `typed` check: every `[[must_not_compile]]` file, compiled against
//! the challenge's own crate, must be rejected by rustc with the claimed
//! error inside that file.
//!
//! Owns compiling the `compile_fail/` files: the challenge's library is
//! built once by cargo (`cargo build --lib`, the same build the tests
//! reuse), then each file is one `rustc --emit=metadata` process with the
//! crate and its dependencies as `--extern`, all files at once, writing
//! only into the sandbox's scratch folder. What a compile means is
//! `engine::judge`'s; what the check reports is `check.rs`'s shape.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::thread::available_parallelism;
use std::time::Duration;

use super::cargo::{Cargo, Library};
use super::manifest::{Manifest, MustNotCompile};
use super::outcome::Status;
use super::sandbox::Sandbox;
use crate::engine::{Attribution, Exit, Limits, describe, parse_compiler_output};
use crate::engine::{Claim, Finding, Region, describe_error, judge};
use crate::error::Error;
use crate::parallel::map_in_order;
use crate::text::strip_ansi;

/// How long one `compile_fail/` file may take to type-check.
const COMPILE_TIMEOUT: Duration = Duration::from_secs(120);

/// How much of rustc's JSON is kept for one file.
const COMPILER_OUTPUT_CAP: usize = 1024 * 1024;

/// What the `typed` check found, for `check.rs` to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedResult {
    /// Passed, failed, or skipped (no rows, or a crate that does not build).
    pub status: Status,
    /// One line.
    pub summary: String,
    /// One entry per obligation: how it was judged.
    pub details: Vec<String>,
    /// For a failure: what to do next.
    pub next: Option<String>,
}

/// Builds the crate and judges every obligation of `manifest` in `sandbox`.
/// When the crate does not build, the check is skipped (the lints check
/// shows the errors), or, when it is the only check asked for
/// (`alone`), fails with them.
pub fn check(
    cargo: &Cargo,
    rustc: &Path,
    library_dir: &Path,
    sandbox: &Sandbox,
    manifest: &Manifest,
    alone: bool,
) -> Result<TypedResult, Error> {
    if manifest.must_not_compile.is_empty() {
        return Ok(TypedResult {
            status: Status::Skipped,
            summary: "skipped: challenge.toml has no [[must_not_compile]] row, so no misuse is claimed to be a type error".to_owned(),
            details: Vec::new(),
            next: None,
        });
    }
    let build = cargo.build(sandbox.root(), "build", &["--lib"], &[])?;
    let crate_library = own_library(&build.libraries, sandbox.root());
    let Some(crate_library) = crate_library.filter(|_| build.success) else {
        return Ok(if alone {
            TypedResult {
                status: Status::Failed,
                summary: "src/ does not build, so no misuse can be compiled against it".to_owned(),
                details: build.failure_details(),
                next: Some("make `cargo build --lib` in the challenge folder succeed".to_owned()),
            }
        } else {
            TypedResult {
                status: Status::Skipped,
                summary: "skipped: src/ does not build yet (the lints check shows why)".to_owned(),
                details: Vec::new(),
                next: None,
            }
        });
    };
    let scratch = sandbox.scratch("typed")?;
    let compile = Compile {
        cargo,
        rustc,
        root: sandbox.root(),
        library_dir,
        scratch: &scratch,
        edition: &crate_library.edition,
        externs: externs(&build.libraries),
        dependency_dirs: dependency_dirs(&build.libraries),
    };
    let jobs = available_parallelism().map_or(1, usize::from);
    let findings = map_in_order(
        &manifest.must_not_compile,
        jobs,
        |row| compile.judge(row),
        |_| {},
    );
    let mut judged = Vec::with_capacity(findings.len());
    for (row, finding) in manifest.must_not_compile.iter().zip(findings) {
        judged.push((row, finding?));
    }
    Ok(report(&judged))
}

/// The library of the package in `root`.
fn own_library<'b>(libraries: &'b [Library], root: &Path) -> Option<&'b Library> {
    let manifest = root.join("Cargo.toml");
    let canonical = manifest.canonicalize().ok();
    libraries.iter().find(|library| {
        library.manifest == manifest
            || canonical.as_ref().is_some_and(|canonical| {
                library.manifest.canonicalize().ok().as_ref() == Some(canonical)
            })
    })
}

/// `--extern name=rlib` for every library of the build, each name once: a
/// `compile_fail/` file may use the challenge's crate and what it depends on.
fn externs(libraries: &[Library]) -> Vec<String> {
    let by_name: BTreeMap<&str, &Path> = libraries
        .iter()
        .map(|library| (library.crate_name.as_str(), library.rlib.as_path()))
        .collect();
    by_name
        .into_iter()
        .map(|(name, rlib)| format!("{name}={}", rlib.display()))
        .collect()
}

/// Every folder holding a library of the build, each once: cargo keeps
/// dependencies in `deps/` but the package's own library may be copied up
/// beside it.
fn dependency_dirs(libraries: &[Library]) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = libraries
        .iter()
        .filter_map(|library| library.rlib.parent().map(Path::to_path_buf))
        .collect();
    dirs.sort();
    dirs.dedup();
    dirs
}

/// What every compile of a `compile_fail/` file shares.
struct Compile<'a> {
    /// Starts rustc the way every process of the check starts.
    cargo: &'a Cargo,
    rustc: &'a Path,
    root: &'a Path,
    library_dir: &'a Path,
    scratch: &'a Path,
    edition: &'a str,
    externs: Vec<String>,
    dependency_dirs: Vec<PathBuf>,
}

impl Compile<'_> {
    /// One rustc process, stopped at type checking (`--emit=metadata`);
    /// lints are capped, since only errors can keep an obligation.
    fn judge(&self, row: &MustNotCompile) -> Result<Finding, Error> {
        let crate_name: String = row
            .name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let mut command = self.cargo.tool(self.rustc);
        command
            .current_dir(self.root)
            .args(["--edition", self.edition])
            .args(["--crate-type", "lib", "--emit=metadata"])
            .args(["--error-format=json", "--json=diagnostic-rendered-ansi"])
            .args(["--cap-lints", "allow"])
            .arg("--crate-name")
            .arg(format!("compile_fail_{crate_name}"))
            .arg("--out-dir")
            .arg(self.scratch);
        for dir in &self.dependency_dirs {
            command
                .arg("-L")
                .arg(format!("dependency={}", dir.display()));
        }
        for extern_crate in &self.externs {
            command.arg("--extern").arg(extern_crate);
        }
        command.arg(&row.file);
        let command_line = describe(&command);
        let compiled = self.cargo.execute(
            command,
            Limits {
                timeout: COMPILE_TIMEOUT,
                output_cap: COMPILER_OUTPUT_CAP,
                stop: None,
            },
        )?;
        let output = parse_compiler_output(
            &compiled.output.text,
            &Attribution {
                file: row.file.clone(),
                library_dir: self.library_dir.to_path_buf(),
            },
        );
        let failed_silently = !compiled.exit.success() && output.errors().next().is_none();
        if matches!(compiled.exit, Exit::TimedOut | Exit::Signal { .. }) || failed_silently {
            return Err(Error::CompilerFailed {
                command: command_line,
                problem: if failed_silently {
                    format!("it {} without reporting an error", compiled.exit)
                } else {
                    format!("it {}", compiled.exit)
                },
                output: compiled.output.text,
            });
        }
        Ok(judge(
            compiled.exit.success(),
            &output,
            Claim {
                code: &row.code,
                contains: &row.contains,
            },
            Region::WHOLE_FILE,
        ))
    }
}

/// The check's result from each obligation's finding.
fn report(judged: &[(&MustNotCompile, Finding)]) -> TypedResult {
    let kept = judged.iter().filter(|(_, finding)| finding.held()).count();
    let details: Vec<String> = judged
        .iter()
        .map(|(row, finding)| line(row, finding))
        .collect();
    if kept == judged.len() {
        return TypedResult {
            status: Status::Passed,
            summary: format!(
                "{} rejected by rustc as claimed",
                if kept == 1 {
                    "1 misuse is".to_owned()
                } else {
                    format!("{kept} misuses are")
                }
            ),
            details,
            next: None,
        };
    }
    let compiled = judged
        .iter()
        .filter(|(_, finding)| *finding == Finding::Compiled)
        .count();
    // "1 of 1 misuse compiles", "2 of 3 misuses compile".
    let total = judged.len();
    let noun = if total == 1 { "misuse" } else { "misuses" };
    let singular = |n: usize| n == 1;
    let summary = if compiled > 0 {
        format!(
            "{compiled} of {total} {noun} compile{}",
            if singular(compiled) { "s" } else { "" }
        )
    } else {
        let wrong = total - kept;
        format!(
            "{wrong} of {total} {noun} {} not rejected as claimed",
            if singular(wrong) { "is" } else { "are" }
        )
    };
    let next = if compiled > 0 {
        "put the role the misuse confuses into a type (a newtype, a marker type parameter, a signature that takes it by name), so that each file above stops compiling"
    } else {
        "make each file above fail with the claimed error, or change its `code` and `contains` in challenge.toml to the error that shows the boundary"
    };
    TypedResult {
        status: Status::Failed,
        summary,
        details,
        next: Some(next.to_owned()),
    }
}

/// One obligation's line (and, when it did not hold, rustc's words).
fn line(row: &MustNotCompile, finding: &Finding) -> String {
    let file = row.file.display();
    let claim = if row.contains.is_empty() {
        row.code.clone()
    } else {
        format!("{} containing {:?}", row.code, row.contains)
    };
    match finding {
        Finding::Held(error) => format!(
            "`{}` ({}) is rejected: {}",
            row.name,
            row.misuse,
            describe_error(error)
        ),
        Finding::Compiled => format!(
            "`{}`: this compiles but must not: {} ({file} should fail with {claim})",
            row.name, row.misuse
        ),
        Finding::Otherwise(errors) => format!(
            "`{}` is rejected, but not with {claim}; rustc says:\n{}",
            row.name,
            rendered(errors)
        ),
        Finding::Elsewhere(errors) => format!(
            "`{}` fails outside {file}, which proves nothing about it; rustc says:\n{}",
            row.name,
            rendered(errors)
        ),
    }
}

fn rendered(errors: &[crate::engine::CompilerMessage]) -> String {
    errors
        .iter()
        .map(|error| {
            strip_ansi(error.rendered.trim_end())
                .lines()
                .map(|line| format!("    {line}"))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{CompilerMessage, Level, Location, Origin};

    fn row(name: &str) -> MustNotCompile {
        MustNotCompile {
            name: name.to_owned(),
            file: PathBuf::from(format!("compile_fail/{name}.rs")),
            code: "E0308".to_owned(),
            contains: vec!["expected `QuerySequence`".to_owned()],
            misuse: "passes keys where queries belong".to_owned(),
        }
    }

    fn error(name: &str, code: &str) -> CompilerMessage {
        CompilerMessage {
            level: Level::Error,
            code: Some(code.to_owned()),
            message: "mismatched types".to_owned(),
            rendered: format!("error[{code}]: mismatched types\n"),
            location: Some(Location {
                file: format!("compile_fail/{name}.rs"),
                line: 7,
                column: 13,
            }),
            origin: Origin::File,
        }
    }

    #[test]
    fn every_obligation_kept_passes_and_names_its_proof() {
        let keys = row("keys_as_queries");
        let result = report(&[(&keys, Finding::Held(error("keys_as_queries", "E0308")))]);
        assert_eq!(result.status, Status::Passed);
        assert_eq!(result.summary, "1 misuse is rejected by rustc as claimed");
        assert_eq!(
            result.details,
            vec![
                "`keys_as_queries` (passes keys where queries belong) is rejected: \
                 E0308 (mismatched types) at compile_fail/keys_as_queries.rs:7:13"
            ]
        );
    }

    #[test]
    fn a_misuse_that_compiles_fails_the_check_with_the_misuse() {
        let kept = row("kept");
        let open = row("open");
        let result = report(&[
            (&kept, Finding::Held(error("kept", "E0308"))),
            (&open, Finding::Compiled),
        ]);
        assert_eq!(result.status, Status::Failed);
        assert_eq!(result.summary, "1 of 2 misuses compiles");
        assert_eq!(
            result.details[1],
            "`open`: this compiles but must not: passes keys where queries belong \
             (compile_fail/open.rs should fail with E0308 containing [\"expected `QuerySequence`\"])"
        );
        assert!(result.next.is_some_and(|next| next.contains("into a type")));
    }

    #[test]
    fn the_wrong_error_is_shown_with_rustc_words() {
        let wrong = row("wrong");
        let result = report(&[(&wrong, Finding::Otherwise(vec![error("wrong", "E0277")]))]);
        assert_eq!(result.status, Status::Failed);
        assert_eq!(result.summary, "1 of 1 misuse is not rejected as claimed");
        assert!(
            result.details[0].contains("error[E0277]: mismatched types"),
            "{:?}",
            result.details
        );
    }

    #[test]
    fn each_crate_is_an_extern_once() {
        let library = |name: &str, rlib: &str| Library {
            crate_name: name.to_owned(),
            rlib: PathBuf::from(rlib),
            edition: "2024".to_owned(),
            manifest: PathBuf::from("/x/Cargo.toml"),
        };
        assert_eq!(
            externs(&[
                library("typed_ai", "/t/libtyped_ai-1.rlib"),
                library("adam", "/t/libadam-2.rlib"),
                library("typed_ai", "/t/libtyped_ai-1.rlib"),
            ]),
            vec!["adam=/t/libadam-2.rlib", "typed_ai=/t/libtyped_ai-1.rlib"]
        );
    }
}
