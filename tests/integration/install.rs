//! Installing like rustlings: `cargo install --path` into a temporary root,
//! then `init` and a first `run` far from the repository, with cargo told
//! that there is no network. The course and its library travel inside the
//! binary, so nothing after the install may need the network.
//!
//! The install is a release build of its own (its own target folder, since
//! `cargo test` holds the lock on this one), so the test is ignored by
//! default; `.ci/run` and the GitHub workflow run it with
//! `cargo test --test integration install -- --ignored`.

use std::path::Path;
use std::process::Command;

use crate::util::{code, repository, stderr, stdout};

/// An address where nothing listens: any connection cargo tried would fail
/// at once instead of reaching a registry.
const NO_NETWORK: &str = "http://127.0.0.1:9";

/// A command with the network cut off for cargo: offline mode, and a proxy
/// that refuses every connection should anything ignore offline mode.
fn offline(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut command = Command::new(program);
    command
        .env("CARGO_NET_OFFLINE", "true")
        .env("CARGO_HTTP_PROXY", NO_NETWORK)
        .env("HTTPS_PROXY", NO_NETWORK)
        .env("HTTP_PROXY", NO_NETWORK)
        .env("NO_COLOR", "1")
        .env_remove("CARGO_TARGET_DIR");
    command
}

#[test]
#[ignore = "a release build of its own; run with `cargo test --test integration install -- --ignored`"]
fn cargo_install_then_init_and_run_work_offline() {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let root = tempfile::tempdir().expect("an install root");
    // Kept between runs, so a second run rebuilds only what changed.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("install-target");
    let installed = offline(&cargo)
        .args(["install", "--locked", "--path"])
        .arg(repository())
        .arg("--root")
        .arg(root.path())
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .expect("cargo starts");
    assert!(
        installed.status.success(),
        "cargo install failed: {}",
        stderr(&installed)
    );
    let binary = root.path().join("bin").join(format!(
        "typed-ai-rustlings{}",
        std::env::consts::EXE_SUFFIX
    ));
    assert!(binary.is_file(), "no {}", binary.display());

    // Far from the repository: a fresh folder, the binary alone.
    let home = tempfile::tempdir().expect("a folder to work in");
    let init = offline(&binary)
        .current_dir(home.path())
        .args(["init", "course"])
        .output()
        .expect("the installed runner starts");
    assert_eq!(code(&init), 0, "{}{}", stdout(&init), stderr(&init));
    let course = home.path().join("course");
    let first = "exercises/00_how_this_works/how_this_works.rs";
    assert!(
        course.join(first).is_file() && course.join("typed-ai/src/lib.rs").is_file(),
        "{}",
        stdout(&init)
    );
    assert_eq!(
        std::fs::read(course.join("typed-ai/src/lib.rs")).expect("the course's library"),
        std::fs::read(repository().join("crates/typed-ai/src/lib.rs")).expect("the library"),
        "the binary carries the library as the repository has it"
    );

    // The first check builds the library with cargo, still offline, and
    // shows the first exercise's compile error: a learner's first screen.
    let run = offline(&binary)
        .current_dir(&course)
        .arg("run")
        .output()
        .expect("the installed runner starts");
    assert_eq!(code(&run), 1, "{}{}", stdout(&run), stderr(&run));
    assert!(
        stdout(&run).contains("does not compile yet"),
        "{}{}",
        stdout(&run),
        stderr(&run)
    );
}
