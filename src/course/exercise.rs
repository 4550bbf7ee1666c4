//! The runtime nouns of a course: an exercise, how it is judged, its hint
//! rules, how its unsolved file must fail, what its pass must show and which
//! misuses must stay compile errors.
//!
//! These are resolved and validated values (see `resolve.rs`); nothing here
//! reads files or knows about toml.

use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// How a SOLVED exercise is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Compiled with the test harness (`--test`); every test must pass.
    Test,
    /// Compiled as a program; `main` must exit 0.
    Run,
}

impl Mode {
    /// The word used in info.toml and in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Test => "test",
            Mode::Run => "run",
        }
    }
}

/// A hint shown under a compiler error that matches it (`[[exercises.hint_on]]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HintRule {
    /// The error code, e.g. `E0308`, or a lint name such as `clippy::needless_return`.
    pub code: String,
    /// Fragments that must all appear in the normalised rendered error.
    pub contains: Vec<String>,
    /// What the learner reads.
    pub text: String,
    /// How direct the rule is, on the scale of the progressive hints: level
    /// `n` is as direct as the `n`-th hint, so the rule is shown only once the
    /// learner has revealed at least `n - 1` hints. From 1 (shown at once,
    /// the default) to the number of progressive hints + 1.
    pub level: u32,
}

/// What a run-mode exercise's solved program must print (`[exercises.pass]`),
/// besides exiting 0: a `main` that merely exits 0 has not shown the idea.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassContract {
    /// Fragments stdout must contain, every one; never empty.
    pub contains: Vec<String>,
}

/// A misuse that must stay a compile error once the exercise is solved
/// (`[[exercises.must_not_compile]]`): the snippet is compiled against the
/// learner's file, its items in scope, and must fail with `code`. It proves
/// the learner's types still forbid what the lesson says they forbid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Obligation {
    /// A slug, unique within the exercise; names the obligation in reports.
    pub name: String,
    /// Why the misuse must not compile, in one sentence, for the learner.
    pub why: String,
    /// The error code rustc must report inside the snippet, e.g. `E0308`.
    pub code: String,
    /// Fragments of that error's normalised rendered text, every one (may be empty).
    pub contains: Vec<String>,
    /// Rust statements: the misuse, as it would appear in a function body.
    pub snippet: String,
}

/// Opt-outs from `verify --pack`'s pedagogy lints (`[exercises.allow]`),
/// each with the reason the exercise is exempt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LintAllowances {
    /// Why rustc's own suggestion may solve this exercise.
    pub solved_by_rustc: Option<String>,
    /// Why the solution may add a code line an earlier exercise (or the
    /// concept) already shows.
    pub spoiled: Option<String>,
}

/// How the UNSOLVED file must fail (`[exercises.expect]`), checked by `verify --pack`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expectation {
    /// It does not compile: some error has `code`, and its normalised rendered
    /// text contains every fragment.
    Compile {
        /// The error code, e.g. `E0308`.
        code: String,
        /// Fragments of the rendered error.
        contains: Vec<String>,
    },
    /// It compiles, and the named test fails.
    Test {
        /// The test's name (`tests::` prefix optional).
        test: String,
    },
    /// It compiles, `main` exits non-zero, and the output contains every fragment.
    Run {
        /// Fragments of stdout + stderr.
        contains: Vec<String>,
    },
}

impl Expectation {
    /// The `kind` word of info.toml.
    pub fn kind(&self) -> &'static str {
        match self {
            Expectation::Compile { .. } => "compile",
            Expectation::Test { .. } => "test",
            Expectation::Run { .. } => "run",
        }
    }
}

/// One exercise, resolved from info.toml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exercise {
    /// Unique slug, equal to the file stem; also the crate name it is compiled as.
    pub name: String,
    /// Path relative to `exercises/` (and to `solutions/`), e.g. `01_domain/token.rs`.
    pub path: PathBuf,
    /// The id of its chapter (= the folder name).
    pub chapter: String,
    /// The concept in one sentence.
    pub concept: String,
    /// How the solved file is judged.
    pub mode: Mode,
    /// Progressive hints, gentle first; at least two.
    pub hints: Vec<String>,
    /// Hints keyed by compiler error, first match wins.
    pub hint_on: Vec<HintRule>,
    /// How the unsolved file must fail.
    pub expect: Expectation,
    /// What the solved program must print (run mode only).
    pub pass: Option<PassContract>,
    /// Misuses that must still fail to compile against the solved file.
    pub must_not_compile: Vec<Obligation>,
    /// Pedagogy lints this exercise opts out of, with reasons.
    pub allow: LintAllowances,
    /// How long the built program or tests may run before they are killed.
    pub timeout: Duration,
    /// Compile with `clippy-driver -D warnings` instead of `rustc`.
    pub clippy: bool,
}

/// The run time limit when info.toml gives no `timeout_secs`.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
