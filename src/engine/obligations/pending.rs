//! An exercise's `must_not_compile` obligations, checked against the text
//! the learner's file was compiled from: one compiler process per snippet,
//! all at once, each stopping after type checking (`--emit=metadata`).
//!
//! The snippets start once the learner's file itself type-checked: the
//! check's compiler writes the crate's metadata (`--emit=link,metadata=…`)
//! after analysis and before codegen, and only when there was no error, so
//! a file that does not compile yet costs nothing extra, and the snippets
//! are compiled while the file's codegen, link and run go on ([`Pending`]).
//!
//! Each snippet's text is the learner's bytes with the snippet appended
//! (`snippet.rs`), written into the engine's scratch folder
//! and named in rustc's messages by the learner's path
//! (`--remap-path-prefix`), so an error quotes the snippet on the lines
//! after the learner's code. What a compile means is `judge.rs`'s;
//! what a broken obligation costs is the verdict's.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{Scope, ScopedJoinHandle};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::judge::{Claim, Finding, judge};
use super::snippet::snippet_source;
use crate::course::Obligation;
use crate::engine::diagnostic::{Attribution, CompilerMessage, parse_compiler_output};
use crate::engine::execute::{Exit, Limits, describe, execute};
use crate::engine::library::Library;
use crate::error::Error;
use crate::parallel::map_in_order;

/// How long one snippet may take to type-check.
const SNIPPET_TIMEOUT: Duration = Duration::from_secs(120);

/// How much of rustc's JSON is kept for one snippet.
const SNIPPET_OUTPUT_CAP: usize = 1024 * 1024;

/// How often the waiting snippets look for the check's metadata.
const METADATA_POLL: Duration = Duration::from_millis(2);

/// How one obligation came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObligationStatus {
    /// rustc rejected the misuse with the claimed error, inside the snippet.
    Held,
    /// The misuse compiles: the learner's types do not forbid it.
    Compiles,
    /// rustc rejected the misuse, but not with the claimed error.
    Otherwise,
    /// Every error lies outside the snippet: the snippet does not fit the
    /// function it is compiled in (it does not parse, say). The course is
    /// broken, not the learner's work.
    Broken,
}

impl ObligationStatus {
    /// `held`, `compiles`, `otherwise`, `broken`: the word in JSON reports.
    pub fn as_str(self) -> &'static str {
        match self {
            ObligationStatus::Held => "held",
            ObligationStatus::Compiles => "compiles",
            ObligationStatus::Otherwise => "otherwise",
            ObligationStatus::Broken => "broken",
        }
    }
}

/// One obligation's result, kept in the verdict (and its cache).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObligationResult {
    /// The obligation's name (info.toml's `name`).
    pub name: String,
    /// How it came out.
    pub status: ObligationStatus,
    /// For `Held`, the error that proves it; for `Otherwise` and `Broken`,
    /// rustc's errors; empty when it compiles.
    pub errors: Vec<CompilerMessage>,
}

impl ObligationResult {
    /// Whether the obligation holds.
    pub fn held(&self) -> bool {
        self.status == ObligationStatus::Held
    }
}

/// What every snippet of one check shares.
pub(in crate::engine) struct SnippetCheck<'a> {
    /// rustc (never clippy-driver: only type errors matter here).
    pub(in crate::engine) rustc: &'a Path,
    /// The course library.
    pub(in crate::engine) library: &'a Library,
    /// The library's folder, to tell its spans from the snippet's.
    pub(in crate::engine) library_dir: &'a Path,
    /// Where the derived texts are written and rustc runs.
    pub(in crate::engine) compile_dir: &'a Path,
    /// Where the derived texts and metadata go.
    pub(in crate::engine) scratch: &'a Path,
    /// The learner's file as rustc's messages name it.
    pub(in crate::engine) shown_as: &'a Path,
    /// The crate name the file is compiled as (the exercise's name).
    pub(in crate::engine) crate_name: &'a str,
    /// The return type of each snippet's function (info.toml's `snippet_returns`).
    pub(in crate::engine) returns: &'a str,
    /// A unique prefix for this check's files in the scratch folder.
    pub(in crate::engine) slot: &'a str,
    /// Set when the check is stopped (watch quitting).
    pub(in crate::engine) stop: &'a AtomicBool,
}

impl SnippetCheck<'_> {
    /// Every obligation judged against `text` (the learner's bytes as
    /// compiled), in the exercise's order, all compiled at once.
    pub(in crate::engine) fn judge_all(
        &self,
        text: &str,
        obligations: &[Obligation],
    ) -> Result<Vec<ObligationResult>, Error> {
        map_in_order(
            obligations,
            obligations.len(),
            |obligation| self.judge_one(text, obligation),
            |_| {},
        )
        .into_iter()
        .collect()
    }

    fn judge_one(&self, text: &str, obligation: &Obligation) -> Result<ObligationResult, Error> {
        let derived = snippet_source(text, &obligation.name, &obligation.snippet, self.returns);
        let file = derived_file(self.scratch, self.slot, &obligation.name);
        let metadata = file.with_extension("rmeta");
        fs::write(&file, &derived.text).map_err(|source| Error::Io {
            action: "write",
            path: file.clone(),
            source,
        })?;
        let mut command = Command::new(self.rustc);
        command
            .current_dir(self.compile_dir)
            .args(["--edition", "2024"])
            .args(["--error-format=json", "--json=diagnostic-rendered-ansi"])
            // A library, so a file without `fn main` (a test-mode file may
            // lose it) is judged by its types, not by E0601; lints are
            // capped, since only errors can keep an obligation.
            .args(["--crate-type", "lib", "--emit=metadata"])
            .args(["--cap-lints", "allow"])
            .arg("--crate-name")
            .arg(self.crate_name)
            .arg("--extern")
            .arg(format!(
                "{}={}",
                self.library.crate_name,
                self.library.rlib.display()
            ))
            .arg("-L")
            .arg(format!("dependency={}", self.library.deps.display()))
            .arg(remap(&file, self.shown_as))
            .arg("-o")
            .arg(&metadata)
            .arg(&file);
        let command_line = describe(&command);
        let compiled = execute(
            command,
            Limits {
                timeout: SNIPPET_TIMEOUT,
                output_cap: SNIPPET_OUTPUT_CAP,
                stop: Some(self.stop),
            },
        );
        let _ = fs::remove_file(&file);
        let _ = fs::remove_file(&metadata);
        let compiled = compiled?;
        let output = parse_compiler_output(
            &compiled.output.text,
            &Attribution {
                file: self.shown_as.to_path_buf(),
                library_dir: self.library_dir.to_path_buf(),
            },
        );
        let silent = !compiled.exit.success() && output.errors().next().is_none();
        if matches!(compiled.exit, Exit::TimedOut | Exit::Signal { .. }) || silent {
            if self.stop.load(Ordering::Relaxed) {
                return Err(Error::Stopped);
            }
            return Err(Error::CompilerFailed {
                command: command_line,
                problem: if silent {
                    format!("it {} without reporting an error", compiled.exit)
                } else {
                    format!("it {}", compiled.exit)
                },
                output: compiled.output.text,
            });
        }
        let finding = judge(
            compiled.exit.success(),
            &output,
            Claim {
                code: &obligation.code,
                contains: &obligation.contains,
            },
            derived.region,
        );
        let (status, errors) = match finding {
            Finding::Held(proof) => (ObligationStatus::Held, vec![proof]),
            Finding::Compiled => (ObligationStatus::Compiles, Vec::new()),
            Finding::Otherwise(errors) => (ObligationStatus::Otherwise, errors),
            Finding::Elsewhere(errors) => (ObligationStatus::Broken, errors),
        };
        Ok(ObligationResult {
            name: obligation.name.clone(),
            status,
            errors,
        })
    }
}

/// An exercise's obligations being judged beside its check, on a thread of
/// the check's scope: waiting for the compile's metadata, then compiling
/// every snippet. Nothing at all for an exercise without obligations.
pub(in crate::engine) struct Pending<'scope, 'env> {
    inner: Option<Waiting<'scope, 'env>>,
}

struct Waiting<'scope, 'env> {
    metadata: &'env Path,
    compile_ended: &'env AtomicBool,
    snippets: &'env SnippetCheck<'env>,
    text: &'env str,
    obligations: &'env [Obligation],
    /// `None` when no thread could be started: the snippets are then
    /// compiled after the run.
    thread: Option<ScopedJoinHandle<'scope, Result<Option<Vec<ObligationResult>>, Error>>>,
}

impl<'scope, 'env> Pending<'scope, 'env> {
    /// Starts waiting for `metadata` (the path the check's compile will
    /// write it to) on a thread of `scope`; `compile_ended` is set by
    /// [`Pending::compile_ended`].
    pub(in crate::engine) fn start(
        scope: &'scope Scope<'scope, 'env>,
        snippets: &'env SnippetCheck<'env>,
        text: &'env str,
        obligations: &'env [Obligation],
        metadata: &'env Path,
        compile_ended: &'env AtomicBool,
    ) -> Result<Self, Error> {
        if obligations.is_empty() {
            return Ok(Self { inner: None });
        }
        // A metadata file left by an earlier check would start the snippets
        // before this compile has judged the file.
        match fs::remove_file(metadata) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => {
                return Err(Error::Io {
                    action: "remove",
                    path: metadata.to_path_buf(),
                    source,
                });
            }
        }
        let thread = std::thread::Builder::new()
            .name("obligations".to_owned())
            .spawn_scoped(scope, move || {
                if !wait_for(metadata, compile_ended, snippets.stop) {
                    return Ok(None);
                }
                snippets.judge_all(text, obligations).map(Some)
            })
            .ok();
        Ok(Self {
            inner: Some(Waiting {
                metadata,
                compile_ended,
                snippets,
                text,
                obligations,
                thread,
            }),
        })
    }

    /// Where the check's compile must write the crate's metadata, when
    /// there are obligations to start from it.
    pub(in crate::engine) fn metadata(&self) -> Option<&Path> {
        self.inner.as_ref().map(|waiting| waiting.metadata)
    }

    /// The check's compile has ended: if it wrote no metadata (the file
    /// does not compile), no snippet is compiled.
    pub(in crate::engine) fn compile_ended(&self) {
        if let Some(waiting) = &self.inner {
            waiting.compile_ended.store(true, Ordering::Release);
        }
    }

    /// Every obligation's result, once the file compiled and ran.
    pub(in crate::engine) fn finish(self) -> Result<Vec<ObligationResult>, Error> {
        let Some(waiting) = self.inner else {
            return Ok(Vec::new());
        };
        let judged = match waiting.thread {
            Some(thread) => thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?,
            None => None,
        };
        let _ = fs::remove_file(waiting.metadata);
        match judged {
            Some(results) => Ok(results),
            // No thread, or a compile that succeeded without the metadata
            // it was asked for: judge them now.
            None => waiting
                .snippets
                .judge_all(waiting.text, waiting.obligations),
        }
    }
}

/// Waits until `metadata` exists (true), or the compile ended without it or
/// the check was stopped (false).
fn wait_for(metadata: &Path, compile_ended: &AtomicBool, stop: &AtomicBool) -> bool {
    loop {
        // Read the flag first: a compile that ended after writing the file
        // is then seen with its file.
        let ended = compile_ended.load(Ordering::Acquire);
        if metadata.exists() {
            return true;
        }
        if ended || stop.load(Ordering::Relaxed) {
            return false;
        }
        std::thread::sleep(METADATA_POLL);
    }
}

/// `--remap-path-prefix=<derived file>=<the learner's file as shown>`.
fn remap(file: &Path, shown_as: &Path) -> String {
    format!(
        "--remap-path-prefix={}={}",
        file.display(),
        shown_as.display()
    )
}

/// The obligations' part of a verdict's cache key: everything about them
/// that changes what a compile finds.
pub(in crate::engine) fn key_parts(obligations: &[Obligation], returns: &str) -> Vec<String> {
    let mut parts = vec![format!("snippet_returns={returns}")];
    for obligation in obligations {
        parts.push(format!(
            "{}\u{0}{}\u{0}{}\u{0}{}",
            obligation.name,
            obligation.code,
            obligation.contains.join("\u{1}"),
            obligation.snippet
        ));
    }
    parts
}

/// Where one snippet's derived text is written: named by the check's slot
/// and the obligation, so parallel checks and snippets never share a file.
fn derived_file(scratch: &Path, slot: &str, name: &str) -> PathBuf {
    scratch.join(format!("{slot}.must-not-compile-{name}.rs"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_derived_file_is_named_by_the_learner_path() {
        let file = derived_file(Path::new("/scratch"), "intro", "raw_index");
        assert_eq!(
            remap(&file, Path::new("exercises/01/intro.rs")),
            "--remap-path-prefix=/scratch/intro.must-not-compile-raw_index.rs=exercises/01/intro.rs"
        );
    }

    #[test]
    fn the_snippets_wait_for_the_metadata_and_never_start_without_it() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let metadata = dir.path().join("x.rmeta");
        let (ended, stop) = (AtomicBool::new(false), AtomicBool::new(false));
        std::thread::scope(|scope| {
            let waiting = scope.spawn(|| wait_for(&metadata, &ended, &stop));
            std::thread::sleep(Duration::from_millis(20));
            fs::write(&metadata, b"meta").expect("write");
            assert!(waiting.join().expect("the waiting thread"));
        });
        fs::remove_file(&metadata).expect("remove");
        ended.store(true, Ordering::Release);
        assert!(!wait_for(&metadata, &ended, &stop), "a compile that failed");
        ended.store(false, Ordering::Release);
        stop.store(true, Ordering::Relaxed);
        assert!(!wait_for(&metadata, &ended, &stop), "a stopped check");
    }

    #[test]
    fn the_key_changes_with_any_part_of_an_obligation() {
        let obligation = Obligation {
            name: "raw_index".to_owned(),
            why: "A raw index is not a token.".to_owned(),
            code: "E0308".to_owned(),
            contains: vec!["expected `TokenId`".to_owned()],
            snippet: "let _t: TokenId = 3;".to_owned(),
        };
        let base = key_parts(std::slice::from_ref(&obligation), "MlResult<()>");
        let mut other = obligation.clone();
        other.snippet = "let _t: TokenId = 4;".to_owned();
        assert_ne!(base, key_parts(&[other], "MlResult<()>"));
        let mut other = obligation.clone();
        other.code = "E0599".to_owned();
        assert_ne!(base, key_parts(&[other], "MlResult<()>"));
        assert_ne!(
            base,
            key_parts(std::slice::from_ref(&obligation), "Result<(), ()>")
        );
        // `why` is for people: it does not change what rustc finds.
        let mut other = obligation;
        other.why = "Said otherwise.".to_owned();
        assert_eq!(base, key_parts(&[other], "MlResult<()>"));
    }
}
