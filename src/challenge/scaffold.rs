//! `challenge new SLUG`: a new challenge with every part a submission needs,
//! each still saying TODO where the author has work to do.
//!
//! The scaffold compiles and is laid out exactly as `check` expects, and
//! `check` rejects it one step at a time: first the manifest's TODOs (and
//! the paper's), then the README and the mutant that changes nothing, then
//! the regression test that does not hold yet, then the example's signals,
//! and finally the mutants the test must kill. Its one `compile_fail/`
//! file already holds (the scaffold's `Claim` takes a `Vector`, not
//! `Logits`) but keeps a TODO until the author writes their own misuse. This file only writes files.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::error::Error;

/// The library path written when no course library is known: the
/// repository's layout (`check` rewrites it in its copy anyway).
const DEFAULT_LIBRARY_PATH: &str = "../../../crates/typed-ai";

/// Names cargo refuses for a package, or that would shadow a crate every
/// challenge uses.
const RESERVED: &[&str] = &[
    "abstract",
    "alloc",
    "as",
    "async",
    "await",
    "become",
    "box",
    "break",
    "const",
    "continue",
    "core",
    "crate",
    "do",
    "dyn",
    "else",
    "enum",
    "extern",
    "false",
    "final",
    "fn",
    "for",
    "gen",
    "if",
    "impl",
    "in",
    "let",
    "loop",
    "macro",
    "match",
    "mod",
    "move",
    "mut",
    "override",
    "priv",
    "proc_macro",
    "pub",
    "ref",
    "return",
    "self",
    "static",
    "std",
    "struct",
    "super",
    "test",
    "trait",
    "true",
    "try",
    "type",
    "typed-ai",
    "typed_ai",
    "typeof",
    "unsafe",
    "unsized",
    "use",
    "virtual",
    "where",
    "while",
    "yield",
];

/// What is wrong with `slug` as a challenge's folder and package name, if anything.
pub fn slug_problem(slug: &str) -> Option<String> {
    let shape_ok = slug.split('-').all(|part| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    }) && slug.starts_with(|c: char| c.is_ascii_lowercase());
    if !shape_ok || slug.len() > 64 {
        return Some(format!(
            "`{slug}` is not a challenge name: use lowercase words joined by hyphens, \
             starting with a letter, such as `adam` or `label-smoothing`"
        ));
    }
    RESERVED.contains(&slug).then(|| {
        format!("`{slug}` is a Rust keyword or a crate name already taken; choose another")
    })
}

/// Writes the scaffold of `slug` into `challenges/<slug>`; `library` is the
/// library folder its Cargo.toml points at, when known. Returns the new folder.
pub fn write(challenges: &Path, slug: &str, library: Option<&Path>) -> Result<PathBuf, Error> {
    if let Some(problem) = slug_problem(slug) {
        return Err(Error::Usage { message: problem });
    }
    let dir = challenges.join(slug);
    if dir.exists() {
        return Err(Error::Usage {
            message: format!(
                "{} already exists; choose another name or check it with `typed-ai-rustlings challenge check {}`",
                dir.display(),
                dir.display()
            ),
        });
    }
    let library_path = library
        .and_then(|library| relative_path(&dir, library))
        .map_or_else(
            || DEFAULT_LIBRARY_PATH.to_owned(),
            |path| path.display().to_string(),
        );
    let krate = slug.replace('-', "_");
    let files: [(&str, String); 10] = [
        ("Cargo.toml", cargo_toml(slug, &library_path)),
        ("challenge.toml", CHALLENGE_TOML.to_owned()),
        ("README.md", README.replace("{slug}", slug)),
        ("src/lib.rs", LIB_RS.to_owned()),
        ("src/claim.rs", CLAIM_RS.to_owned()),
        ("tests/claim.rs", TESTS_RS.replace("{crate}", &krate)),
        (
            "examples/worked_example.rs",
            EXAMPLE_RS.replace("{crate}", &krate),
        ),
        (
            "mutants/plausible_mistake.rs",
            format!("{MUTANT_HEADER}{CLAIM_RS}"),
        ),
        (
            "compile_fail/misuse.rs",
            COMPILE_FAIL_RS.replace("{crate}", &krate),
        ),
        (".gitignore", "/target\n".to_owned()),
    ];
    for (relative, content) in files {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|source| Error::Io {
                action: "create",
                path: parent.to_path_buf(),
                source,
            })?;
        }
        fs::write(&path, content).map_err(|source| Error::Io {
            action: "write",
            path: path.clone(),
            source,
        })?;
    }
    Ok(dir)
}

/// `to` relative to `from` (both absolute), e.g. `../../../crates/typed-ai`.
fn relative_path(from: &Path, to: &Path) -> Option<PathBuf> {
    let from: Vec<Component<'_>> = from.components().collect();
    let to: Vec<Component<'_>> = to.components().collect();
    if from.first() != to.first() {
        return None;
    }
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut path = PathBuf::new();
    for _ in common..from.len() {
        path.push("..");
    }
    for component in &to[common..] {
        path.push(component);
    }
    Some(path)
}

fn cargo_toml(slug: &str, library: &str) -> String {
    format!(
        r#"[package]
name = "{slug}"
version = "0.1.0"
edition = "2024"
rust-version = "1.88"
publish = false

# A challenge is a package of its own, never a member of the course workspace.
[workspace]

[dependencies]
typed-ai = {{ path = "{library}" }}

[lints.rust]
unsafe_code = "forbid"
missing_docs = "deny"
"#
    )
}

const CHALLENGE_TOML: &str = r#"# A paper-to-Rust challenge: one claim from one paper, compiled.
# The format is in challenges/paper-to-rust/README.md. Replace every TODO;
# `typed-ai-rustlings challenge check <this folder>` says what is left.
format_version = 1
title = "TODO: the claim in a few words"
claim = "TODO: the paper's one claim, in one sentence"
invariant = "TODO: the invariant src/ keeps and the regression test checks"
regression_test = "claim_holds_on_the_worked_example"
example = "worked_example"

[paper]
title = "TODO: the title as published"
authors = ["TODO: every author, in order"]
year = 0 # TODO: the year it appeared
arxiv = "TODO: the arXiv id, such as 1706.03762 (or replace this line with url = \"https://...\")"

[boundary]
item = "Claim"
signature = "TODO: its shape, such as Claim : Vector → Vector"

[[ledger]]
idea = "TODO: one idea of the paper, in its words"
rust = "Claim::apply"
test = "claim_holds_on_the_worked_example"
signal = "TODO: a fragment of a line examples/worked_example.rs prints"

[[mutants]]
file = "mutants/plausible_mistake.rs"
replaces = "src/claim.rs"
mistake = "TODO: the plausible mistake this mutant makes, in one line"

[[must_not_compile]]
file = "compile_fail/misuse.rs"
code = "E0308"
contains = ["expected `Vector`, found `Logits`"]
misuse = "TODO: the misuse your boundary rejects, in one line"
"#;

const README: &str = r#"# {slug}

TODO: the paper (title, authors, year, link).

## The claim

TODO: the one claim, and why it matters, in a paragraph.

## The boundary

TODO: the type or arrow that carries the claim, and why it is the right
boundary: which mistakes it makes impossible, and which ones the
regression test has to catch.

## The numbers

TODO: the worked example the regression test pins.

## What it leaves out

TODO: what this challenge deliberately does not cover.

## Typed and tested

| idea | typed (`compile_fail/`) or tested (mutants) |
|---|---|
| TODO | TODO |

## Mutants

| mutant | the mistake | killed by |
|---|---|---|
| TODO | TODO | TODO |

## Share card

> TODO: four or five lines a learner could post about what they compiled.
"#;

const LIB_RS: &str = r#"//! TODO: the paper, its one claim, and the boundary that carries it.

mod claim;

pub use claim::Claim;
"#;

const CLAIM_RS: &str = r#"//! TODO: what this file owns: the paper's idea, implemented here (on
//! typed_ai's nouns) so that a mutant can break it.

use typed_ai::{MlResult, Morphism, Vector};

/// TODO: the boundary that carries the claim.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Claim;

impl Morphism<Vector, Vector> for Claim {
    fn name(&self) -> String {
        "claim".to_owned()
    }

    fn apply(&self, input: Vector) -> MlResult<Vector> {
        // TODO: implement the paper's idea; for now the input comes back unchanged.
        Ok(input)
    }
}
"#;

const MUTANT_HEADER: &str = "// MUTANT `plausible_mistake`: TODO: a copy of src/claim.rs with one plausible\n// mistake; rename the file after the mistake and update challenge.toml.\n";

const COMPILE_FAIL_RS: &str = r#"//! TODO: a misuse the boundary rejects, written as a caller would write it.
//! `challenge check` compiles this file against the crate and it must fail
//! with the error challenge.toml names; rename it after the misuse.

use {crate}::Claim;
use typed_ai::{Logits, MlResult, Morphism, Vector};

/// Raw scores where the claim takes a vector: the types must refuse.
pub fn misuse() -> MlResult<Vector> {
    Claim.apply(Logits::new(vec![1.0, 2.0])?)
}
"#;

const TESTS_RS: &str = r#"//! The paper's worked numbers, checked against src/.
//!
//! `claim_holds_on_the_worked_example` is the regression test named in
//! challenge.toml: every mutant under mutants/ must make it fail.

use {crate}::Claim;
use typed_ai::{Morphism, Vector};

#[test]
fn claim_holds_on_the_worked_example() {
    // TODO: the paper's worked example, with the hand computation here.
    let output = Claim.apply(Vector::new(vec![1.0, 2.0]).unwrap()).unwrap();
    assert_eq!(
        output.values(),
        &[2.0, 4.0],
        "TODO: the paper's worked numbers, and a message in ML terms"
    );
}
"#;

const EXAMPLE_RS: &str = r#"//! TODO: run the claim on the worked example and print every ledger signal.

use {crate}::Claim;
use typed_ai::{MlResult, Morphism, Vector};

fn main() -> MlResult<()> {
    let output = Claim.apply(Vector::new(vec![1.0, 2.0])?)?;
    println!("TODO: print the ledger's signals; the claim gave {:?}", output.values());
    Ok(())
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_with_hyphens() {
        for good in ["adam", "label-smoothing", "glorot-he-init2"] {
            assert_eq!(slug_problem(good), None, "{good}");
        }
        for bad in [
            "Adam",
            "label_smoothing",
            "-x",
            "x-",
            "a--b",
            "2fast",
            "",
            "type",
            "typed-ai",
        ] {
            assert!(slug_problem(bad).is_some(), "{bad:?} accepted");
        }
    }

    #[test]
    fn the_library_path_is_relative_to_the_new_folder() {
        assert_eq!(
            relative_path(
                Path::new("/repo/challenges/paper-to-rust/x"),
                Path::new("/repo/crates/typed-ai")
            ),
            Some(PathBuf::from("../../../crates/typed-ai"))
        );
        assert_eq!(
            relative_path(
                Path::new("/course/challenges/paper-to-rust/x"),
                Path::new("/course/typed-ai")
            ),
            Some(PathBuf::from("../../../typed-ai"))
        );
    }
}
