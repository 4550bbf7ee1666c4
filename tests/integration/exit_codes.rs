//! Every documented exit code, from the outside.

use std::fs;

use crate::util::{Fixture, code, stderr, stdout};

#[test]
fn zero_for_help_version_and_a_passing_check() {
    let fixture = Fixture::new("outcomes");
    assert_eq!(code(&fixture.run(&["--help"])), 0);
    assert_eq!(code(&fixture.run(&["verify", "--help"])), 0);
    let version = fixture.run(&["--version"]);
    assert_eq!(code(&version), 0);
    assert!(stdout(&version).starts_with("typed-ai-rustlings "));
    assert_eq!(code(&fixture.run(&["run", "passes"])), 0);
}

#[test]
fn one_for_a_learner_failure() {
    let fixture = Fixture::new("outcomes");
    assert_eq!(code(&fixture.run(&["run", "panics"])), 1);
}

#[test]
fn two_for_usage_and_course_errors() {
    let fixture = Fixture::new("outcomes");
    let bad_flag = fixture.run(&["verify", "--partition", "4/3"]);
    assert_eq!(code(&bad_flag), 2);
    assert!(
        stderr(&bad_flag).contains("is not K/N"),
        "{}",
        stderr(&bad_flag)
    );
    assert_eq!(code(&fixture.run(&["frobnicate"])), 2);

    let outside = tempfile::tempdir().expect("temp dir");
    let no_course = fixture
        .runner()
        .current_dir(outside.path())
        .arg("verify")
        .output()
        .expect("runs");
    assert_eq!(code(&no_course), 2);
    assert!(
        stderr(&no_course).contains("no course here"),
        "{}",
        stderr(&no_course)
    );
}

#[test]
fn two_for_a_library_that_does_not_build() {
    let fixture = Fixture::new("outcomes");
    // A stand-in library with a type error: the course is broken, not the learner.
    let library = fixture.root().join("broken-lib");
    fs::create_dir_all(library.join("src")).expect("library folder");
    fs::write(
        library.join("Cargo.toml"),
        "[package]\nname = \"typed-ai\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n[lib]\nname = \"typed_ai\"\n\n[workspace]\n",
    )
    .expect("manifest");
    fs::write(
        library.join("src/lib.rs"),
        "pub fn broken() -> u32 { \"not a number\" }\n",
    )
    .expect("source");
    let info = fixture.read("info.toml");
    let start = info.find("library = ").expect("library line");
    let end = start + info[start..].find('\n').expect("end of line");
    fixture.write(
        "info.toml",
        &format!("{}library = \"broken-lib\"{}", &info[..start], &info[end..]),
    );
    let output = fixture.run(&["run", "passes"]);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("does not build; this is a problem with the course"),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("mismatched types"),
        "cargo's errors are shown: {}",
        stderr(&output)
    );
}

#[test]
fn three_when_there_is_no_compiler() {
    let fixture = Fixture::new("outcomes");
    let missing = fixture
        .runner()
        .env("RUSTC", fixture.root().join("no-such-rustc"))
        .args(["run", "passes"])
        .output()
        .expect("runs");
    assert_eq!(code(&missing), 3, "{}", stderr(&missing));
    assert!(
        stderr(&missing).contains("does not work"),
        "{}",
        stderr(&missing)
    );
    assert!(
        stderr(&missing).contains("Install Rust with rustup"),
        "{}",
        stderr(&missing)
    );

    let empty_path = tempfile::tempdir().expect("temp dir");
    let nothing_on_path = fixture
        .runner()
        .env_remove("RUSTC")
        .env("PATH", empty_path.path())
        .args(["verify"])
        .output()
        .expect("runs");
    assert_eq!(code(&nothing_on_path), 3, "{}", stderr(&nothing_on_path));
    assert!(
        stderr(&nothing_on_path).contains("rustc was not found on PATH"),
        "{}",
        stderr(&nothing_on_path)
    );
}
