//! The `parts` check: every file a submission needs is there and says
//! something, before any compiler runs.
//!
//! Owns the file-level rules: README.md written (no scaffold TODO left),
//! Cargo.toml a package of its own that depends on `typed-ai` by path,
//! `src/lib.rs`, a test file, the example, every mutant and the file it
//! replaces (files of the challenge, not links out of it), the boundary item
//! defined in `src/`, no mutant that changes only comments, and every
//! `compile_fail/` file written (no scaffold TODO). Whether the code compiles and what the tests say is
//! `check.rs`'s business.

use std::fs;
use std::path::{Path, PathBuf};

use super::manifest::Manifest;
use crate::links;

/// The library's package name, which a challenge depends on by path.
pub const LIBRARY_PACKAGE: &str = "typed-ai";

/// Every problem with the submission's files, each a sentence that names the
/// file and says what to do; empty when all parts are there.
pub fn problems(dir: &Path, manifest: &Manifest) -> Vec<String> {
    let mut problems = Vec::new();
    readme(dir, &mut problems);
    cargo_manifest(dir, &mut problems);
    if !dir.join("src/lib.rs").is_file() {
        problems.push(
            "src/lib.rs is missing: the challenge is a library crate whose src/ implements the claim"
                .to_owned(),
        );
    }
    if rust_files(&dir.join("tests")).is_empty() {
        problems.push(format!(
            "tests/ has no .rs file: put the regression test `{}` in one, such as tests/claim.rs",
            manifest.regression_test
        ));
    }
    let example = Path::new("examples").join(format!("{}.rs", manifest.example));
    if !dir.join(&example).is_file() {
        problems.push(format!(
            "{} is missing: challenge.toml names it as the example that prints the ledger's signals",
            example.display()
        ));
    }
    let sources = rust_files_below(&dir.join("src"));
    if !sources
        .iter()
        .any(|file| defines(&read_lossy(file), &manifest.boundary.item))
    {
        problems.push(format!(
            "boundary.item `{}` is not defined in src/ (as a struct, enum, trait, fn, type or const)",
            manifest.boundary.item
        ));
    }
    for mutant in &manifest.mutants {
        let file = dir.join(&mutant.file);
        let replaced = dir.join(&mutant.replaces);
        // A link out of the challenge would be read, and shown in compiler
        // errors, as if it were the challenge's own (`/etc/passwd`, say).
        let mut outside = false;
        for part in [&mutant.file, &mutant.replaces] {
            if let Some(target) = links::leads_outside(dir, &dir.join(part)) {
                outside = true;
                problems.push(format!(
                    "{} is a symbolic link to {}, outside the challenge: mutant `{}` and the file \
                     it replaces must be files of the challenge itself",
                    part.display(),
                    target.display(),
                    mutant.name
                ));
            }
        }
        if outside {
            continue;
        }
        if !file.is_file() {
            problems.push(format!(
                "{} is missing: mutant `{}` is a copy of {} with one plausible mistake",
                mutant.file.display(),
                mutant.name,
                mutant.replaces.display()
            ));
        }
        if !replaced.is_file() {
            problems.push(format!(
                "{} is missing: mutant `{}` replaces it",
                mutant.replaces.display(),
                mutant.name
            ));
        }
        if file.is_file()
            && replaced.is_file()
            && code_only(&read_lossy(&file)) == code_only(&read_lossy(&replaced))
        {
            problems.push(format!(
                "mutant `{}` ({}) has the same code as {}: change it to make the mistake \"{}\"",
                mutant.name,
                mutant.file.display(),
                mutant.replaces.display(),
                mutant.mistake
            ));
        }
    }
    for row in &manifest.must_not_compile {
        match fs::read(dir.join(&row.file)) {
            Err(_) => problems.push(format!(
                "{} is missing: obligation `{}` is a file that uses the crate the way the boundary forbids ({})",
                row.file.display(),
                row.name,
                row.misuse
            )),
            Ok(bytes) if String::from_utf8_lossy(&bytes).contains("TODO") => {
                problems.push(format!(
                    "{} still has the scaffold's TODO: write the misuse your boundary rejects ({})",
                    row.file.display(),
                    row.misuse
                ));
            }
            Ok(_) => {}
        }
    }
    problems
}

fn readme(dir: &Path, problems: &mut Vec<String>) {
    match fs::read_to_string(dir.join("README.md")) {
        Err(_) => problems.push(
            "README.md is missing: the claim, why this boundary, what the challenge leaves out, and a share card"
                .to_owned(),
        ),
        Ok(text) if text.contains("TODO") => problems.push(
            "README.md still has the scaffold's TODOs: write the claim, why this boundary, what it leaves out, and a share card"
                .to_owned(),
        ),
        Ok(_) => {}
    }
}

fn cargo_manifest(dir: &Path, problems: &mut Vec<String>) {
    let text = match fs::read_to_string(dir.join("Cargo.toml")) {
        Ok(text) => text,
        Err(_) => {
            problems.push(
                "Cargo.toml is missing: a challenge is a cargo package that depends on typed-ai by path"
                    .to_owned(),
            );
            return;
        }
    };
    let table = match text.parse::<toml::Table>() {
        Ok(table) => table,
        Err(error) => {
            problems.push(format!(
                "Cargo.toml is not valid TOML: {}",
                error.message().trim()
            ));
            return;
        }
    };
    if !table.contains_key("package") {
        problems.push("Cargo.toml has no [package] table".to_owned());
    }
    if !table.get("workspace").is_some_and(toml::Value::is_table) {
        problems.push(
            "Cargo.toml needs an empty [workspace] table, so the challenge builds as a package of its own"
                .to_owned(),
        );
    }
    let has_path_dependency = table
        .get("dependencies")
        .and_then(|dependencies| dependencies.get(LIBRARY_PACKAGE))
        .and_then(|library| library.get("path"))
        .is_some_and(toml::Value::is_str);
    if !has_path_dependency {
        problems.push(format!(
            "Cargo.toml must depend on the library by path: [dependencies] {LIBRARY_PACKAGE} = {{ path = \"../../../crates/typed-ai\" }}"
        ));
    }
}

/// Whether `source` defines `item` (`struct Item`, `fn item`, ...), judged
/// from its words: a keyword followed directly by the name.
pub fn defines(source: &str, item: &str) -> bool {
    const KEYWORDS: [&str; 8] = [
        "struct", "enum", "trait", "fn", "type", "const", "static", "union",
    ];
    let code = code_lines(source);
    let words: Vec<&str> = code
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|word| !word.is_empty())
        .collect();
    words
        .windows(2)
        .any(|pair| KEYWORDS.contains(&pair[0]) && pair[1] == item)
}

/// The source without `//` comments (doc comments included), one string.
fn code_lines(source: &str) -> String {
    source
        .lines()
        .map(|line| line.find("//").map_or(line, |at| &line[..at]))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The source without comments and whitespace: two files equal here differ
/// only in comments and layout.
pub fn code_only(source: &str) -> String {
    code_lines(source)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn read_lossy(path: &Path) -> String {
    fs::read(path)
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default()
}

/// The `.rs` files directly in `dir`, sorted.
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.is_file() && path.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    files.sort();
    files
}

/// The `.rs` files anywhere below `dir`, sorted.
fn rust_files_below(dir: &Path) -> Vec<PathBuf> {
    let mut files = rust_files(dir);
    let mut subdirs: Vec<PathBuf> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.is_dir())
        .collect();
    subdirs.sort();
    for subdir in subdirs {
        files.extend(rust_files_below(&subdir));
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_are_found_by_keyword_and_name() {
        let source = "//! A `struct Fake` in a comment does not count.\n\
                      pub struct AdamTrainStep<G> {\n}\n\
                      pub(crate) fn add_to_stream(x: u8) {}\n\
                      /// fn Documented\n";
        assert!(defines(source, "AdamTrainStep"));
        assert!(defines(source, "add_to_stream"));
        assert!(!defines(source, "Fake"));
        assert!(!defines(source, "Documented"));
        assert!(!defines(source, "Adam"));
    }

    #[test]
    fn comments_and_layout_do_not_make_a_mutant() {
        let original = "fn f(x: f32) -> f32 {\n    x / 2.0_f32.sqrt() // scaled\n}\n";
        let comment_only = "// MUTANT: nothing\nfn f(x: f32) -> f32 { x / 2.0_f32.sqrt() }\n";
        let real = "// MUTANT: d_k\nfn f(x: f32) -> f32 { x / 2.0 }\n";
        assert_eq!(code_only(original), code_only(comment_only));
        assert_ne!(code_only(original), code_only(real));
    }
}
