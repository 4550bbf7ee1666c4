//! The expected outcomes of the `outcomes` fixture, read from
//! `tests/fixtures/outcomes/expected.toml`, and the expected findings of
//! the `lints` fixture, from `tests/fixtures/lints/expected.toml`.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::util::repository;

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    /// Per exercise name.
    pub exercises: BTreeMap<String, ExpectedExercise>,
    /// What `verify --pack` finds.
    pub pack: ExpectedPack,
}

/// One exercise's expected results.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedExercise {
    /// The JSON outcome label.
    pub outcome: String,
    /// `run NAME`'s exit code.
    pub exit: i32,
    /// Fragments of `run NAME`'s output.
    pub shows: Vec<String>,
    /// Failed tests in the JSON report.
    #[serde(default)]
    pub failed_tests: Vec<String>,
}

/// `verify --pack`'s expected findings.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedPack {
    /// Exit code.
    pub exit: i32,
    /// `[exercise, check, fragment of the message]`.
    pub problems: Vec<[String; 3]>,
    /// Stray files.
    pub stray_files: Vec<String>,
}

/// What `verify --pack` finds in the `lints` fixture
/// (`tests/fixtures/lints/expected.toml`).
pub fn lints() -> ExpectedPack {
    let path = repository().join("tests/fixtures/lints/expected.toml");
    let text = std::fs::read_to_string(&path).expect("expected.toml");
    toml::from_str(&text).expect("expected.toml is valid")
}

/// Reads the file.
pub fn outcomes() -> Expected {
    let path = repository().join("tests/fixtures/outcomes/expected.toml");
    let text = std::fs::read_to_string(&path).expect("expected.toml");
    toml::from_str(&text).expect("expected.toml is valid")
}
