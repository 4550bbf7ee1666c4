//! The end of the course: the pass of the last exercise not done shows the
//! course's final message, in `run`, in `verify` and in watch, and nothing
//! is current afterwards; the challenges that message points to are in a
//! course folder made by `init`.

use std::path::Path;
use std::time::Duration;

use crate::pty::Pty;
use crate::util::{Fixture, code, runner_in, shared_target, stderr, stdout};

const FINAL: &str = "The watch fixture is done.";

/// A guard against a hang (the first run builds the course library), not a
/// measure of speed.
const DEADLINE: Duration = Duration::from_secs(300);

/// The watch fixture with its first two exercises solved and recorded, so
/// `last_one` is the only exercise not done.
fn one_left() -> Fixture {
    let fixture = Fixture::new("watch");
    fixture.solve("01_first/count_tokens.rs");
    fixture.solve("01_first/mean_score.rs");
    let verified = fixture.run(&["verify"]);
    assert_eq!(code(&verified), 1, "{}", stdout(&verified));
    assert!(
        stdout(&verified).contains("Next: `last_one`"),
        "{}",
        stdout(&verified)
    );
    fixture
}

#[test]
fn run_shows_the_final_message_when_the_last_exercise_passes_and_after() {
    let fixture = one_left();
    fixture.solve("02_last/last_one.rs");
    let last = fixture.run(&["run"]);
    assert_eq!(code(&last), 0, "{}", stdout(&last));
    let shown = stdout(&last);
    assert!(shown.contains("✓ `last_one` passes."), "{shown}");
    assert!(shown.contains(FINAL), "{shown}");
    assert!(
        !shown.contains("Next:"),
        "nothing is left to be next: {shown}"
    );
    let state = fixture.read(".typed-ai-rustlings/state.toml");
    assert!(!state.contains("current ="), "{state}");

    // Every later `run` without a name says the course is finished.
    let again = fixture.run(&["run"]);
    assert_eq!(code(&again), 0);
    assert!(stdout(&again).contains("Every exercise is done."));
    assert!(stdout(&again).contains(FINAL), "{}", stdout(&again));
}

#[test]
fn verify_shows_the_final_message_once_everything_passes() {
    let fixture = one_left();
    fixture.solve("02_last/last_one.rs");
    let verified = fixture.run(&["verify"]);
    assert_eq!(code(&verified), 0, "{}", stdout(&verified));
    assert!(stdout(&verified).contains(FINAL), "{}", stdout(&verified));
}

#[test]
fn watch_shows_the_final_message_when_the_last_exercise_passes() {
    let fixture = one_left();
    let target = shared_target();
    let mut pty = Pty::spawn(
        Path::new(env!("CARGO_BIN_EXE_typed-ai-rustlings")),
        &[],
        fixture.root(),
        &[
            (
                "CARGO_TARGET_DIR",
                target.to_str().expect("a UTF-8 target path"),
            ),
            ("NO_COLOR", "1"),
        ],
        (80, 24),
    );
    pty.wait_for("last_one", DEADLINE);
    fixture.solve("02_last/last_one.rs");
    pty.wait_for(FINAL, DEADLINE);
    let screen = pty.screen();
    assert!(screen.contains("✓ `last_one` passes."), "{screen}");
    pty.send("q");
    assert_eq!(pty.wait_exit(DEADLINE), 0);
    let state = fixture.read(".typed-ai-rustlings/state.toml");
    assert!(!state.contains("current ="), "{state}");
}

/// The final message points to `challenges/paper-to-rust/`: `init` writes
/// the challenges into the course folder, built against its own library.
#[test]
fn the_challenges_the_final_message_points_to_are_in_a_course_folder() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    runner_in(dir.path())
        .args(["init", "course"])
        .assert()
        .success();
    let root = dir.path().join("course");
    let info = std::fs::read_to_string(root.join("info.toml")).expect("info.toml");
    assert!(info.contains("`challenges/paper-to-rust/`"), "{info}");

    let listed = runner_in(&root)
        .args(["challenge", "list"])
        .output()
        .expect("runs");
    assert_eq!(code(&listed), 0, "{}", stderr(&listed));
    for challenge in ["adam", "label-smoothing", "scaled-dot-product-attention"] {
        assert!(stdout(&listed).contains(challenge), "{}", stdout(&listed));
    }

    // Each challenge depends on the course folder's own library.
    let adam = root.join("challenges/paper-to-rust/adam");
    let manifest = std::fs::read_to_string(adam.join("Cargo.toml")).expect("the manifest");
    assert!(
        manifest.contains("typed-ai = { path = \"../../../typed-ai\" }"),
        "{manifest}"
    );
    let metadata = std::process::Command::new(std::env::var("CARGO").unwrap_or("cargo".into()))
        .args(["metadata", "--format-version", "1", "--offline"])
        .current_dir(&adam)
        .output()
        .expect("cargo runs");
    assert!(metadata.status.success(), "{}", stderr(&metadata));
    let library = root.join("typed-ai").join("Cargo.toml");
    assert!(
        stdout(&metadata).contains(&library.display().to_string()),
        "the challenge resolves typed-ai to {}: {}",
        library.display(),
        stdout(&metadata)
    );
}
