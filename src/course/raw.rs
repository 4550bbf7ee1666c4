//! The raw shape of info.toml, exactly as written: serde structs with spans.
//!
//! Owns the toml schema (field names, `deny_unknown_fields`, the `kind`-tagged
//! `expect` table, which tables are optional). It does not validate meaning
//! (unique names, paths, hint counts): `resolve.rs` does, using the spans
//! kept here to say where.

use serde::Deserialize;
use toml::Spanned;

use super::exercise::Mode;

/// The only info.toml format this runner reads.
pub const FORMAT_VERSION: i64 = 1;

/// The top of info.toml, without its `chapters` and `exercises` arrays (those
/// are deserialised one entry at a time so one bad entry does not hide the rest).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHeader {
    pub(super) format_version: Spanned<i64>,
    pub(super) library: Spanned<String>,
    pub(super) welcome_message: String,
    pub(super) final_message: String,
    #[serde(default)]
    pub(super) snippet_returns: Option<Spanned<String>>,
}

/// One `[[chapters]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawChapter {
    pub(super) id: Spanned<String>,
    pub(super) title: Spanned<String>,
    pub(super) intro: Spanned<String>,
}

/// One `[[exercises]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawExercise {
    pub(super) name: Spanned<String>,
    pub(super) path: Spanned<String>,
    pub(super) chapter: Spanned<String>,
    pub(super) concept: Spanned<String>,
    pub(super) mode: Spanned<Mode>,
    pub(super) hints: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    pub(super) hint_on: Vec<Spanned<RawHintRule>>,
    pub(super) expect: Spanned<RawExpect>,
    #[serde(default)]
    pub(super) pass: Option<Spanned<RawPass>>,
    #[serde(default)]
    pub(super) must_not_compile: Vec<Spanned<RawObligation>>,
    #[serde(default)]
    pub(super) allow: Option<Spanned<RawAllow>>,
    #[serde(default)]
    pub(super) timeout_secs: Option<Spanned<i64>>,
    #[serde(default)]
    pub(super) clippy: bool,
}

/// One `[[exercises.hint_on]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHintRule {
    pub(super) code: Spanned<String>,
    #[serde(default)]
    pub(super) contains: Vec<Spanned<String>>,
    pub(super) text: Spanned<String>,
    #[serde(default)]
    pub(super) level: Option<Spanned<i64>>,
}

/// `[exercises.pass]`: what a run-mode exercise's solved program prints.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPass {
    pub(super) contains: Spanned<Vec<Spanned<String>>>,
}

/// One `[[exercises.must_not_compile]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawObligation {
    pub(super) name: Spanned<String>,
    pub(super) why: Spanned<String>,
    pub(super) code: Spanned<String>,
    #[serde(default)]
    pub(super) contains: Vec<Spanned<String>>,
    pub(super) snippet: Spanned<String>,
}

/// `[exercises.allow]`: pedagogy lints this exercise opts out of, with reasons.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAllow {
    #[serde(default)]
    pub(super) solved_by_rustc: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) spoiled: Option<Spanned<String>>,
}

/// `[exercises.expect]`, tagged by `kind`.
///
/// An internally tagged enum buffers its content, so its fields cannot carry
/// spans of their own; problems inside it are located at the table.
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub(super) enum RawExpect {
    Compile {
        code: String,
        #[serde(default)]
        contains: Vec<String>,
    },
    Test {
        test: String,
    },
    Run {
        #[serde(default)]
        contains: Vec<String>,
    },
}
