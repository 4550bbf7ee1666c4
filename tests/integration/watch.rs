//! Watch mode end to end: the real binary in a pseudo-terminal on the watch
//! fixture pack, driven by keys and by saving files the ways editors do.

use std::fs;
use std::path::Path;
use std::time::Duration;

use crate::pty::Pty;
use crate::util::{Fixture, code, shared_target, stderr};

/// A guard against a hang (the first run builds the course library), not a
/// measure of speed.
const DEADLINE: Duration = Duration::from_secs(300);

fn watch(fixture: &Fixture, args: &[&str]) -> Pty {
    let target = shared_target();
    Pty::spawn(
        Path::new(env!("CARGO_BIN_EXE_typed-ai-rustlings")),
        args,
        fixture.root(),
        &[
            (
                "CARGO_TARGET_DIR",
                target.to_str().expect("a UTF-8 target path"),
            ),
            ("NO_COLOR", "1"),
        ],
        (80, 24),
    )
}

/// Saves `contents` the way vim and JetBrains do: a new file beside the
/// exercise, renamed over it.
fn save_by_rename(file: &Path, contents: &str) {
    let temporary = file.with_extension("rs___jb_tmp___");
    fs::write(&temporary, contents).expect("write the temporary file");
    fs::rename(&temporary, file).expect("rename it over the exercise");
}

/// Saves `contents` in place: truncate, then write in pieces.
fn save_in_place(file: &Path, contents: &str) {
    use std::io::Write;
    let mut handle = fs::File::create(file).expect("truncate the exercise");
    let (first, rest) = contents.split_at(contents.len() / 2);
    handle.write_all(first.as_bytes()).expect("write");
    handle.flush().expect("flush");
    handle.write_all(rest.as_bytes()).expect("write");
}

#[test]
fn a_learner_fixes_two_exercises_asks_for_a_hint_and_quits() {
    let fixture = Fixture::new("watch");
    let mut pty = watch(&fixture, &[]);
    // A fresh course: the welcome message first.
    pty.wait_for("Welcome to the watch fixture.", DEADLINE);
    pty.wait_for("Enter start", DEADLINE);
    pty.send("\r");

    // The first exercise's compiler error, with the keys below it.
    pty.wait_for("`count_tokens` does not compile yet (1 error)", DEADLINE);
    let screen = pty.screen();
    assert!(
        screen.contains("▶ exercises/01_first/count_tokens.rs"),
        "{screen}"
    );
    assert!(
        screen.contains("error[E0308]: mismatched types"),
        "{screen}"
    );
    assert!(
        screen.contains("h hint  n next  l list  r re-run  c check all  x reset  q quit"),
        "{screen}"
    );

    // n does not skip a failing exercise; h shows the first hint.
    pty.send("n");
    pty.wait_for("n moves on once this exercise passes", DEADLINE);
    pty.send("h");
    pty.wait_for("Hint 1 of 3: Look at what the function returns.", DEADLINE);
    // `hint` in another terminal moves the same level, and watch redraws.
    let other = fixture.run(&["hint"]);
    assert_eq!(code(&other), 0, "{}", stderr(&other));
    pty.wait_for("Hint 2 of 3: A slice knows its length.", DEADLINE);

    // Saved by rename: the pass, the solution to compare, the next exercise.
    let exercises = fixture.root().join("exercises/01_first");
    save_by_rename(
        &exercises.join("count_tokens.rs"),
        &fixture.read("solutions/01_first/count_tokens.rs"),
    );
    pty.wait_for("count_tokens passes! On to the next exercise.", DEADLINE);
    let screen = pty.screen();
    assert!(
        screen.contains("Compare your fix with the reference solution:"),
        "{screen}"
    );
    assert!(
        screen.contains("solutions/01_first/count_tokens.rs"),
        "{screen}"
    );
    assert!(
        screen.contains("Next: exercises/01_first/mean_score.rs"),
        "{screen}"
    );
    assert!(
        screen.contains("A mean divides the sum by the count."),
        "{screen}"
    );
    assert!(
        fixture
            .root()
            .join("solutions/01_first/count_tokens.rs")
            .is_file()
    );

    // The next save is checked against the new current exercise: a failing test.
    let mean = exercises.join("mean_score.rs");
    save_in_place(
        &mean,
        &fixture
            .read("exercises/01_first/mean_score.rs")
            .replace("// TODO: a mean is not a sum.", "// still a sum"),
    );
    pty.wait_for(
        "`mean_score`: 1 test failed: tests::mean_of_two_and_four_is_three",
        DEADLINE,
    );
    // Fixed in place: the pass and the move to the last chapter.
    save_in_place(&mean, &fixture.read("solutions/01_first/mean_score.rs"));
    pty.wait_for("mean_score passes! On to the next exercise.", DEADLINE);
    pty.wait_for("Next: exercises/02_last/last_one.rs", DEADLINE);
    pty.wait_for("New chapter: The end", DEADLINE);

    // q: the terminal is given back and the progress is on disk.
    pty.send("q");
    assert_eq!(pty.wait_exit(DEADLINE), 0);
    let raw = String::from_utf8_lossy(&pty.raw()).into_owned();
    let entered = raw
        .find("\u{1b}[?1049h")
        .expect("the alternate screen was entered");
    let left = raw
        .rfind("\u{1b}[?1049l")
        .expect("the alternate screen was left");
    assert!(entered < left);
    let hidden = raw.rfind("\u{1b}[?25l").expect("the cursor was hidden");
    let shown = raw.rfind("\u{1b}[?25h").expect("the cursor is shown again");
    assert!(hidden < shown);
    let state = fixture.read(".typed-ai-rustlings/state.toml");
    assert!(
        state.contains("current = \"last_one\"")
            && state.contains("done = [\"count_tokens\", \"mean_score\"]"),
        "{state}"
    );
    assert!(
        state.contains("[exercises.count_tokens]\nhint_level = 2"),
        "{state}"
    );
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal_and_a_second_watch_refuses() {
    let fixture = Fixture::new("watch");
    let first = watch(&fixture, &["watch"]);
    first.wait_for("Enter start", DEADLINE);

    let mut second = watch(&fixture, &["watch"]);
    assert_eq!(second.wait_exit(DEADLINE), 2);
    // Its last output may still be on its way through the pty after it exits.
    second.wait_for("watch is already running", DEADLINE);

    let mut first = first;
    first.send("\u{3}");
    assert_eq!(first.wait_exit(DEADLINE), 0);
    let raw = String::from_utf8_lossy(&first.raw()).into_owned();
    assert!(
        raw.contains("\u{1b}[?1049l"),
        "the alternate screen was left"
    );
}

#[test]
fn without_a_terminal_watch_points_to_run_and_verify() {
    let fixture = Fixture::new("watch");
    for args in [&[][..], &["watch"][..]] {
        let output = fixture.run(args);
        assert_eq!(code(&output), 2, "{}", stderr(&output));
        let message = stderr(&output);
        assert!(
            message.contains("watch needs an interactive terminal"),
            "{message}"
        );
        assert!(message.contains("typed-ai-rustlings run"), "{message}");
        assert!(message.contains("typed-ai-rustlings verify"), "{message}");
    }
    assert!(
        !fixture
            .root()
            .join(".typed-ai-rustlings/watch.lock")
            .exists(),
        "nothing was started"
    );
}

#[test]
fn manual_mode_checks_on_r_and_says_why() {
    let fixture = Fixture::new("watch");
    let mut pty = watch(&fixture, &["watch", "--manual"]);
    pty.wait_for("Enter start", DEADLINE);
    pty.send("\r");
    pty.wait_for("`count_tokens` does not compile yet", DEADLINE);
    pty.wait_for(
        "Not watching files (--manual): press r after you save.",
        DEADLINE,
    );
    fixture.write(
        "exercises/01_first/count_tokens.rs",
        &fixture.read("solutions/01_first/count_tokens.rs"),
    );
    pty.send("r");
    pty.wait_for("count_tokens passes! On to the next exercise.", DEADLINE);
    pty.send("q");
    assert_eq!(pty.wait_exit(DEADLINE), 0);
}

#[test]
fn the_welcome_page_is_shown_until_the_learner_starts_not_on_every_start() {
    let fixture = Fixture::new("watch");
    let mut pty = watch(&fixture, &[]);
    pty.wait_for("Welcome to the watch fixture.", DEADLINE);
    pty.send("\r");
    pty.wait_for("`count_tokens` does not compile yet", DEADLINE);
    pty.send("q");
    assert_eq!(pty.wait_exit(DEADLINE), 0);

    let pty = watch(&fixture, &[]);
    pty.wait_for("`count_tokens` does not compile yet", DEADLINE);
    let screen = pty.screen();
    assert!(
        !screen.contains("Welcome to the watch fixture."),
        "{screen}"
    );
    assert!(
        screen.contains("h hint  n next  l list  r re-run  c check all  x reset  q quit"),
        "{screen}"
    );
}

#[test]
fn a_pass_whose_progress_cannot_be_saved_stays_on_the_exercise_and_says_so() {
    use fs4::FileExt;

    let fixture = Fixture::new("watch");
    let mut pty = watch(&fixture, &[]);
    pty.wait_for("Enter start", DEADLINE);
    pty.send("\r");
    pty.wait_for("`count_tokens` does not compile yet", DEADLINE);
    // Watch's own changes so far (Enter, the failed check) are on disk,
    // and its hold on the lock for them is over, before we take the lock.
    let state = fixture.root().join(".typed-ai-rustlings/state.toml");
    let lock = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(fixture.root().join(".typed-ai-rustlings/state.lock"))
        .expect("the lock file");
    let start = std::time::Instant::now();
    loop {
        let landed = fs::read_to_string(&state).is_ok_and(|text| {
            text.contains("attempts = 1") && text.contains("current = \"count_tokens\"")
        });
        if landed && FileExt::try_lock(&lock).is_ok() {
            break;
        }
        assert!(start.elapsed() < DEADLINE, "watch's changes did not land");
        std::thread::sleep(Duration::from_millis(10));
    }

    save_by_rename(
        &fixture.root().join("exercises/01_first/count_tokens.rs"),
        &fixture.read("solutions/01_first/count_tokens.rs"),
    );
    // The verdict is drawn first; the warning follows the lock's wait.
    pty.wait_until(DEADLINE, "the pass and the warning", |screen| {
        screen.contains("`count_tokens` passes") && screen.contains("Progress not saved")
    });
    let screen = pty.screen();
    assert!(screen.contains("✓ `count_tokens` passes"), "{screen}");
    assert!(!screen.contains("exercises pass"), "{screen}");
    assert!(!screen.contains("On to the next exercise"), "{screen}");
    drop(lock);
    pty.send("q");
    assert_eq!(pty.wait_exit(DEADLINE), 0);
}
