//! Confinement of `challenge check`: a submission that writes outside its
//! check's folders from a build script, opens a TCP connection to
//! 127.0.0.1 from a test, or reads a file in the home from a test fails
//! `check`, with a message naming what was denied, and nothing escapes.
//! Each submission is the `passing` fixture with one file added.
//!
//! Where this system cannot confine (no Landlock ABI 4, macOS, Windows),
//! each test prints why and returns: there is nothing to test.

use std::fs;
use std::io::ErrorKind;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Output;

use typed_ai_rustlings::confine;

use crate::challenge::{checks, fixtures, json, library};
use crate::util::{code, copy_dir, runner_in};

/// Whether this system confines; if not, says so for `test`.
fn confines(test: &str) -> bool {
    match confine::support() {
        Ok(()) => true,
        Err(reason) => {
            eprintln!("skipped {test}: {reason}");
            false
        }
    }
}

/// A temporary folder holding `passing` copied as `name`, with `files`
/// (relative path, content) added.
fn submission(name: &str, files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().join(name);
    copy_dir(&fixtures().join("passing"), &root);
    for (relative, content) in files {
        let path = root.join(relative);
        fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
        fs::write(path, content).expect("write the added file");
    }
    (dir, root)
}

/// `challenge check <root> --format json`, with `env` set, plus `extra` flags.
fn check(root: &Path, env: &[(&str, &std::ffi::OsStr)], extra: &[&str]) -> Output {
    let mut command = runner_in(root.parent().expect("the submission's folder"));
    command
        .args(["challenge", "check"])
        .arg(root.file_name().expect("a name"))
        .arg("--library")
        .arg(library())
        .args(["--format", "json"])
        .args(extra);
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("the runner starts")
}

/// The failed check of `kind`, as summary and details, with its Next.
fn failed(output: &Output, kind: &str) -> (String, String) {
    let report = json(output);
    assert_eq!(code(output), 1, "{report:#}");
    let text = checks(&report)
        .into_iter()
        .find(|check| check.0 == kind && check.2 == "failed")
        .map(|check| check.3)
        .unwrap_or_else(|| panic!("{kind} did not fail: {report:#}"));
    let next = report["challenges"][0]["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .find(|check| check["check"] == kind)
        .and_then(|check| check["next"].as_str())
        .unwrap_or_default()
        .to_owned();
    (text, next)
}

const ESCAPING_BUILD_SCRIPT: &str = r#"//! Writes where the file named by ESCAPE_TO says: outside the check.

use std::path::PathBuf;

fn main() {
    println!("cargo::rerun-if-env-changed=ESCAPE_TO");
    let Some(path) = std::env::var_os("ESCAPE_TO").map(PathBuf::from) else {
        return;
    };
    if let Err(error) = std::fs::write(&path, "written by a build script") {
        panic!("could not write {}: {error}", path.display());
    }
}
"#;

#[test]
fn a_build_script_writing_outside_the_check_is_denied() {
    if !confines("a_build_script_writing_outside_the_check_is_denied") {
        return;
    }
    let (_dir, root) = submission("escape", &[("build.rs", ESCAPING_BUILD_SCRIPT)]);
    let outside = tempfile::tempdir().expect("a folder outside the check");
    let target = outside.path().join("escaped.txt");
    let output = check(&root, &[("ESCAPE_TO", target.as_os_str())], &[]);
    let (text, next) = failed(&output, "lints");
    let named = format!(
        "denied by the confinement: could not write {}: Permission denied (os error 13)",
        target.display()
    );
    assert!(text.contains(&named), "{named}\n{text}");
    assert!(next.contains("outside its confinement"), "{next}");
    assert!(!target.exists(), "the build script wrote outside the check");

    // The same submission unconfined writes the file: the denial above is
    // the confinement's doing (`--typed` builds the library, which runs
    // the build script).
    let unconfined = check(
        &root,
        &[("ESCAPE_TO", target.as_os_str())],
        &["--typed", "--no-confine"],
    );
    assert_eq!(code(&unconfined), 0, "{:#}", json(&unconfined));
    assert!(
        target.exists(),
        "without confinement the build script writes"
    );
}

const PHONING_TEST: &str = r#"//! Opens a TCP connection to the address PHONE_HOME names.

#[test]
fn phones_home() {
    let address = std::env::var("PHONE_HOME").expect("an address");
    if let Err(error) = std::net::TcpStream::connect(&address) {
        panic!("could not connect to {address}: {error}");
    }
}
"#;

#[test]
fn a_test_connecting_to_localhost_is_denied() {
    if !confines("a_test_connecting_to_localhost_is_denied") {
        return;
    }
    let (_dir, root) = submission("phone", &[("tests/phone.rs", PHONING_TEST)]);
    let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
    let address = listener.local_addr().expect("its address").to_string();
    let output = check(&root, &[("PHONE_HOME", address.as_ref())], &[]);
    let (text, next) = failed(&output, "tests");
    let named = format!(
        "denied by the confinement: could not connect to {address}: Permission denied (os error 13)"
    );
    assert!(text.contains(&named), "{named}\n{text}");
    assert!(next.contains("open no network connection"), "{next}");
    listener.set_nonblocking(true).expect("non-blocking");
    match listener.accept() {
        Err(error) if error.kind() == ErrorKind::WouldBlock => {}
        other => panic!("the test reached the listener: {other:?}"),
    }
}

const SNOOPING_TEST: &str = r#"//! Reads a file from the home.

#[test]
fn reads_the_home() {
    let home = std::env::var("HOME").expect("a home");
    let secret = std::path::Path::new(&home).join("secret.txt");
    match std::fs::read_to_string(&secret) {
        Ok(text) => println!("read {}: {text}", secret.display()),
        Err(error) => panic!("could not read {}: {error}", secret.display()),
    }
}
"#;

#[test]
fn a_test_reading_the_home_is_denied() {
    if !confines("a_test_reading_the_home_is_denied") {
        return;
    }
    let (dir, root) = submission("snoop", &[("tests/snoop.rs", SNOOPING_TEST)]);
    let home = dir.path().join("home");
    fs::create_dir_all(&home).expect("a fake home");
    let secret = home.join("secret.txt");
    fs::write(&secret, "a token").expect("plant the secret");
    // The toolchain stays where it is; only the home moves.
    let real_home = PathBuf::from(std::env::var_os("HOME").expect("HOME"));
    let cargo_home =
        std::env::var_os("CARGO_HOME").map_or_else(|| real_home.join(".cargo"), PathBuf::from);
    let rustup_home =
        std::env::var_os("RUSTUP_HOME").map_or_else(|| real_home.join(".rustup"), PathBuf::from);
    let output = check(
        &root,
        &[
            ("HOME", home.as_os_str()),
            ("CARGO_HOME", cargo_home.as_os_str()),
            ("RUSTUP_HOME", rustup_home.as_os_str()),
        ],
        &[],
    );
    let (text, _) = failed(&output, "tests");
    let named = format!(
        "denied by the confinement: could not read {}: Permission denied (os error 13)",
        secret.display()
    );
    assert!(text.contains(&named), "{named}\n{text}");
    assert!(!text.contains("a token"), "the secret reached the report");
}
