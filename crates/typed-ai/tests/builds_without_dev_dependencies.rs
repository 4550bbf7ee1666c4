//! `init` copies this library into a learner's course folder with its
//! `[dev-dependencies]` removed, so it builds offline. Code under `src/`
//! (including `#[cfg(test)]` modules, which rust-analyzer checks) must
//! therefore never name a dev-dependency. This test reads the manifest and
//! fails, naming the file and line, if any source file does.

use std::fs;
use std::path::{Path, PathBuf};

/// The crate names listed under `[dev-dependencies]`, read line by line (the
/// table is flat: `name = "version"` or `name = { ... }`).
fn dev_dependencies(manifest: &str) -> Vec<String> {
    let mut in_table = false;
    let mut names = Vec::new();
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_table = line == "[dev-dependencies]";
            continue;
        }
        if in_table && let Some((name, _)) = line.split_once('=') {
            let name = name.trim();
            if !name.is_empty() && !name.starts_with('#') {
                names.push(name.replace('-', "_"));
            }
        }
    }
    names
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn source_files_never_name_a_dev_dependency() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml is readable");
    let names = dev_dependencies(&manifest);
    assert!(
        names.contains(&"proptest".to_string()),
        "the manifest parser should see proptest among {names:?}"
    );

    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let mut offences = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("a source file is readable");
        for (number, line) in text.lines().enumerate() {
            for name in &names {
                if line.contains(&format!("{name}::")) || line.contains(&format!("use {name}")) {
                    offences.push(format!(
                        "{}:{}: {}",
                        file.display(),
                        number + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "these lines name a dev-dependency inside src/; move the test to tests/ \
         (a learner's copy of the library has no dev-dependencies):\n{}",
        offences.join("\n")
    );
}

#[test]
fn the_manifest_parser_reads_only_the_dev_table() {
    let manifest = "[package]\nname = \"x\"\n[dependencies]\nserde = \"1\"\n\
                    [dev-dependencies]\nproptest = \"1\"\nfoo-bar = { version = \"2\" }\n\
                    [lints.rust]\nunsafe_code = \"forbid\"\n";
    assert_eq!(dev_dependencies(manifest), vec!["proptest", "foo_bar"]);
}
