//! The raw shape of `challenge.toml`, exactly as written: serde structs with
//! spans.
//!
//! Owns the schema (field names, `deny_unknown_fields`, which fields are
//! optional). It does not judge meaning (identifiers, paths, TODOs, paper
//! references): `manifest.rs` and `paper.rs` do, using the spans kept here.

use serde::Deserialize;
use toml::Spanned;

/// The top of `challenge.toml`, without its tables (`[paper]`,
/// `[boundary]`) and arrays of tables (`see_also`, `ledger`, `mutants`,
/// `must_not_compile`):
/// each of those is deserialised on its own, and each array entry one at a
/// time, so one bad table does not hide the problems of the others.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTop {
    pub(super) format_version: Spanned<i64>,
    pub(super) title: Spanned<String>,
    pub(super) claim: Spanned<String>,
    pub(super) invariant: Spanned<String>,
    pub(super) regression_test: Spanned<String>,
    pub(super) example: Spanned<String>,
    #[serde(default)]
    pub(super) timeout_secs: Option<Spanned<i64>>,
}

/// `[paper]` or one `[[see_also]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPaper {
    pub(super) title: Spanned<String>,
    pub(super) authors: Spanned<Vec<Spanned<String>>>,
    pub(super) year: Spanned<i64>,
    #[serde(default)]
    pub(super) venue: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) arxiv: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) url: Option<Spanned<String>>,
}

/// `[boundary]`: the Rust item that carries the claim.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBoundary {
    pub(super) item: Spanned<String>,
    pub(super) signature: Spanned<String>,
}

/// One `[[ledger]]` row: paper idea, Rust item, evidence.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLedgerRow {
    pub(super) idea: Spanned<String>,
    pub(super) rust: Spanned<String>,
    #[serde(default)]
    pub(super) test: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) signal: Option<Spanned<String>>,
}

/// One `[[mutants]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMutant {
    pub(super) file: Spanned<String>,
    pub(super) replaces: Spanned<String>,
    pub(super) mistake: Spanned<String>,
}

/// One `[[must_not_compile]]` row: a file that uses the challenge's crate
/// the wrong way and must be rejected by rustc.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMustNotCompile {
    pub(super) file: Spanned<String>,
    pub(super) code: Spanned<String>,
    #[serde(default)]
    pub(super) contains: Vec<Spanned<String>>,
    pub(super) misuse: Spanned<String>,
}
