//! `run [NAME]`: one check, its verdict, its hints, its record in the progress.

use crate::expected::outcomes;
use crate::util::{Fixture, code, folded, stderr, stdout};

#[test]
fn every_outcome_is_reported_with_its_hint_and_exit_code() {
    let fixture = Fixture::new("outcomes");
    for (name, expected) in outcomes().exercises {
        let output = fixture.run(&["run", &name]);
        let shown = folded(&stdout(&output));
        assert_eq!(
            code(&output),
            expected.exit,
            "`run {name}`:\n{shown}\n{}",
            stderr(&output)
        );
        for fragment in &expected.shows {
            assert!(
                shown.contains(&folded(fragment)),
                "`run {name}` shows {fragment:?}:\n{shown}"
            );
        }
    }
}

#[test]
fn run_without_a_name_checks_the_current_exercise_and_moves_on_after_a_pass() {
    let fixture = Fixture::new("outcomes");
    // Fresh progress: the current exercise is the first one, which passes.
    let first = fixture.run(&["run"]);
    assert_eq!(code(&first), 0, "{}", stdout(&first));
    assert!(stdout(&first).contains("▶ passes"), "{}", stdout(&first));
    assert!(
        stdout(&first).contains("Next: `type_mismatch`"),
        "{}",
        stdout(&first)
    );
    let state = fixture.read(".typed-ai-rustlings/state.toml");
    assert!(state.contains("current = \"type_mismatch\""), "{state}");
    assert!(state.contains("done = [\"passes\"]"), "{state}");

    let second = fixture.run(&["run"]);
    assert_eq!(code(&second), 1);
    assert!(
        stdout(&second).contains("▶ type_mismatch"),
        "{}",
        stdout(&second)
    );
    let state = fixture.read(".typed-ai-rustlings/state.toml");
    assert!(
        state.contains("[exercises.type_mismatch]\nattempts = 1"),
        "{state}"
    );
}

#[test]
fn a_first_pass_of_a_later_exercise_moves_on_from_it_and_a_revisit_does_not() {
    let fixture = Fixture::new("outcomes");
    // Fresh progress: `passes` is current. The learner jumps ahead and
    // fixes `returns_err` by name: "Next:" is the exercise after it, not
    // the first one of the course.
    fixture.edit(
        "exercises/01_outcomes/returns_err.rs",
        "TokenId::new(9)",
        "TokenId::new(2)",
    );
    let ahead = fixture.run(&["run", "returns_err"]);
    assert_eq!(code(&ahead), 0, "{}", stdout(&ahead));
    assert!(
        stdout(&ahead).contains("Next: `loops_forever`"),
        "{}",
        stdout(&ahead)
    );
    // `passes` is a first pass too: the learner moves on from it, to the
    // next exercise not done after it. Passing `returns_err` again is then
    // a revisit: they stay where they are.
    assert_eq!(code(&fixture.run(&["run", "passes"])), 0);
    let state = fixture.read(".typed-ai-rustlings/state.toml");
    assert!(state.contains("current = \"type_mismatch\""), "{state}");
    let again = fixture.run(&["run", "returns_err"]);
    assert!(
        stdout(&again).contains("Next: `type_mismatch`"),
        "{}",
        stdout(&again)
    );
}

#[test]
fn fixing_the_file_turns_the_verdict_and_shows_the_solution() {
    let fixture = Fixture::new("outcomes");
    assert_eq!(code(&fixture.run(&["run", "returns_err"])), 1);
    fixture.edit(
        "exercises/01_outcomes/returns_err.rs",
        "TokenId::new(9)",
        "TokenId::new(2)",
    );
    let fixed = fixture.run(&["run", "returns_err"]);
    assert_eq!(code(&fixed), 0, "{}", stdout(&fixed));
    let shown = stdout(&fixed);
    assert!(shown.contains("✓ `returns_err` passes."), "{shown}");
    assert!(
        shown.contains("solutions/01_outcomes/returns_err.rs"),
        "{shown}"
    );
}

#[test]
fn an_unchanged_exercise_is_answered_from_the_cache() {
    let fixture = Fixture::new("outcomes");
    let first = fixture.run(&["run", "type_mismatch"]);
    assert!(!stdout(&first).contains("the file is unchanged since it was last checked"));
    let second = fixture.run(&["run", "type_mismatch"]);
    assert!(
        stdout(&second).contains("the file is unchanged since it was last checked"),
        "{}",
        stdout(&second)
    );
    fixture.edit("exercises/01_outcomes/type_mismatch.rs", "= 3;", "= 4;");
    let edited = fixture.run(&["run", "type_mismatch"]);
    assert!(
        !stdout(&edited).contains("the file is unchanged since it was last checked"),
        "an edit is checked again"
    );
}

#[test]
fn an_unknown_name_is_a_usage_error_with_a_suggestion() {
    let fixture = Fixture::new("outcomes");
    let output = fixture.run(&["run", "type_mismatc"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output)
            .contains("no exercise is called `type_mismatc`; did you mean `type_mismatch`?"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_deleted_exercise_file_points_to_reset() {
    let fixture = Fixture::new("outcomes");
    std::fs::remove_file(fixture.root().join("exercises/01_outcomes/panics.rs")).expect("remove");
    let output = fixture.run(&["run", "panics"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("typed-ai-rustlings reset panics"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let fixture = Fixture::new("outcomes");
    let plain = fixture.run(&["run", "type_mismatch"]);
    assert!(
        !stdout(&plain).contains('\u{1b}'),
        "NO_COLOR and no terminal: no escapes"
    );
    let coloured = fixture
        .runner()
        .args(["--color", "always", "run", "type_mismatch"])
        .output()
        .expect("runs");
    assert!(
        stdout(&coloured).contains('\u{1b}'),
        "--color always colours even through a pipe"
    );
}

/// A learner whose shell sets RUST_BACKTRACE=1 still sees the panic message
/// of their exercise, not a backtrace burying it.
#[test]
fn a_panic_shows_its_message_without_a_backtrace_from_the_environment() {
    let fixture = Fixture::new("outcomes");
    let output = fixture
        .runner()
        .env("RUST_BACKTRACE", "1")
        .args(["run", "panics"])
        .output()
        .expect("the runner starts");
    let shown = stdout(&output);
    assert_eq!(code(&output), 1, "{shown}");
    assert!(
        shown.contains("a vector needs at least one value"),
        "{shown}"
    );
    assert!(!shown.contains("stack backtrace"), "{shown}");
}
