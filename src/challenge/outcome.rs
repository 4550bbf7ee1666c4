//! What checking a challenge found: each named check's [`CheckResult`] and
//! the [`ChallengeReport`] that collects them.
//!
//! Plain data with the few judgements every report format shares (did the
//! challenge pass, is its manifest at fault, what to do next). Running the
//! checks is `check.rs`'s; printing them is `report.rs`'s.

use std::path::PathBuf;
use std::time::Duration;

use super::manifest::Paper;

/// Which named check a result is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckKind {
    /// `challenge.toml` parses and validates.
    Manifest,
    /// The paper references are well formed.
    Paper,
    /// Every file is there.
    Parts,
    /// Every `compile_fail/` file is rejected by rustc as claimed.
    Typed,
    /// clippy with lints denied, on every target.
    Lints,
    /// Every test and doc test passes; the regression and ledger tests exist.
    Tests,
    /// The example runs and prints every signal.
    Example,
    /// The regression test fails with this mutant in place.
    Mutant(String),
}

impl CheckKind {
    /// The check's name as reports show it: `manifest`, `mutant \`x\``.
    pub fn name(&self) -> String {
        match self {
            CheckKind::Mutant(name) => format!("mutant `{name}`"),
            other => other.label().to_owned(),
        }
    }

    /// The kind alone: `manifest`, ..., `mutant`.
    pub fn label(&self) -> &'static str {
        match self {
            CheckKind::Manifest => "manifest",
            CheckKind::Paper => "paper",
            CheckKind::Parts => "parts",
            CheckKind::Typed => "typed",
            CheckKind::Lints => "lints",
            CheckKind::Tests => "tests",
            CheckKind::Example => "example",
            CheckKind::Mutant(_) => "mutant",
        }
    }
}

/// How a check ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// It passed.
    Passed,
    /// It failed: the submission has work to do.
    Failed,
    /// It did not run, because a check it needs failed (or it was not asked for).
    Skipped,
}

impl Status {
    /// `passed`, `failed`, `skipped`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Passed => "passed",
            Status::Failed => "failed",
            Status::Skipped => "skipped",
        }
    }
}

/// One named check's result.
#[derive(Debug, Clone)]
pub struct CheckResult {
    /// Which check.
    pub kind: CheckKind,
    /// How it ended.
    pub status: Status,
    /// One line: what was found.
    pub summary: String,
    /// The specifics: problems, compiler errors, failing tests, missing signals.
    pub details: Vec<String>,
    /// For a failed check: what to do next.
    pub next: Option<String>,
    /// How long it took.
    pub duration: Duration,
}

/// Everything `check` found about one challenge.
#[derive(Debug, Clone)]
pub struct ChallengeReport {
    /// The folder name.
    pub slug: String,
    /// The folder, as the report shows it.
    pub path: PathBuf,
    /// The manifest's title, when it could be read.
    pub title: Option<String>,
    /// The paper, when the manifest could be read.
    pub paper: Option<Paper>,
    /// The checks, in order.
    pub checks: Vec<CheckResult>,
    /// How long it all took.
    pub duration: Duration,
}

impl ChallengeReport {
    /// Every check passed (or was skipped on request).
    pub fn passed(&self) -> bool {
        self.checks
            .iter()
            .all(|check| check.status != Status::Failed)
            && self
                .checks
                .iter()
                .any(|check| check.status == Status::Passed)
    }

    /// The manifest could not be read or is invalid, or its paper
    /// reference is: found before any build (exit code 2 for the one
    /// challenge named, one failure among others in `--all`).
    pub fn manifest_failed(&self) -> bool {
        self.checks.iter().any(|check| {
            matches!(check.kind, CheckKind::Manifest | CheckKind::Paper)
                && check.status == Status::Failed
        })
    }

    /// What to do next: the first failed check's advice.
    pub fn next_step(&self) -> Option<(&CheckResult, &str)> {
        self.checks
            .iter()
            .filter(|check| check.status == Status::Failed)
            .find_map(|check| check.next.as_deref().map(|next| (check, next)))
    }
}
