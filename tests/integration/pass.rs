//! A pass proves the idea (issue 10): the course's own tests judge a
//! test-mode exercise whatever the learner did to theirs, a run-mode
//! program is held to what it must print, a test-mode pass shows what
//! `main` prints, `run` and watch say what changed since the try before,
//! and noise stays out of the verdict.

use std::fs;
use std::path::Path;
use std::time::Duration;

use crate::pty::Pty;
use crate::util::{Course, Fixture, code, folded, runner_in, shared_target, stderr, stdout};

/// A guard against a hang (the first run may build the course library),
/// not a measure of speed.
const DEADLINE: Duration = Duration::from_secs(300);

const TOTAL: &str = "exercises/01_tokens/total_score.rs";

/// The clean fixture's `total_score` with `body` as the body of `total`
/// and `tests` as its tests block.
fn total_score(body: &str, tests: &str) -> String {
    format!(
        "use typed_ai::{{Logits, MlResult}};\n\n\
         fn total(logits: &Logits) -> f32 {{\n    {body}\n}}\n\n\
         fn main() -> MlResult<()> {{\n    println!(\"{{}}\", total(&Logits::new(vec![1.0, 2.0])?));\n    Ok(())\n}}\n\n\
         {tests}"
    )
}

/// Three tests of `total`, as the course ships them in the tests below.
const THREE_TESTS: &str = "#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_score_is_its_own_total() -> MlResult<()> {
        assert_eq!(total(&Logits::new(vec![2.0])?), 2.0);
        Ok(())
    }

    #[test]
    fn two_scores_add_up() -> MlResult<()> {
        assert_eq!(total(&Logits::new(vec![1.0, 2.0])?), 3.0);
        Ok(())
    }

    #[test]
    fn three_scores_add_up() -> MlResult<()> {
        assert_eq!(total(&Logits::new(vec![1.0, 2.0, 3.0])?), 6.0);
        Ok(())
    }
}
";

/// `run NAME`'s exit code and what it printed.
fn run(fixture: &Fixture, name: &str) -> (i32, String) {
    let output = fixture.run(&["run", name]);
    (code(&output), stdout(&output))
}

#[test]
fn deleted_tests_are_not_a_pass_and_the_line_names_the_missing_tests() {
    let fixture = Fixture::new("clean");
    let text = fixture.read(TOTAL);
    let without_tests = &text[..text.find("#[cfg(test)]").expect("a tests block")];
    // The doubled sum stays: only the tests that would catch it are gone.
    fixture.write(TOTAL, without_tests);
    let (exit, shown) = run(&fixture, "total_score");
    assert_eq!(exit, 1, "{shown}");
    let shown = folded(&shown);
    assert!(
        shown.contains("1 test failed: tests::total_of_one_and_two_is_three"),
        "{shown}"
    );
    assert!(
        shown.contains(
            "Your file has no `mod tests`, so it lacks the course's `total_of_one_and_two_is_three`: \
             the course's tests judged this check. `typed-ai-rustlings reset --tests total_score` puts them back"
        ),
        "{shown}"
    );
    assert!(
        !fixture
            .read(".typed-ai-rustlings/state.toml")
            .contains("done = [\"total_score\"]")
    );
}

#[test]
fn an_assertion_weakened_to_assert_true_is_judged_by_the_courses_assertion() {
    let fixture = Fixture::new("clean");
    fixture.edit(
        TOTAL,
        "assert_eq!(total(&logits), 3.0, \"1 + 2 = 3\");",
        "assert!(true);",
    );
    let (exit, shown) = run(&fixture, "total_score");
    assert_eq!(exit, 1, "{shown}");
    let shown = folded(&shown);
    assert!(shown.contains("1 + 2 = 3"), "the course's message: {shown}");
    assert!(
        shown.contains(
            "Your `mod tests` differs from the course's: the course's tests judged this check."
        ),
        "{shown}"
    );
    assert!(
        shown.contains("`total_score`: 1 test failed: tests::total_of_one_and_two_is_three."),
        "{shown}"
    );
    // verify says it on the exercise's row, and in its JSON report.
    let verified = fixture.run(&["verify"]);
    let rows = folded(&stdout(&verified));
    assert!(
        rows.contains("failed tests: tests::total_of_one_and_two_is_three; your `mod tests` is not the course's (the course's judged it); `typed-ai-rustlings reset --tests total_score` restores it"),
        "{rows}"
    );
    let json = fixture.run(&["verify", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let total = report["exercises"]
        .as_array()
        .expect("exercises")
        .iter()
        .find(|exercise| exercise["name"] == "total_score")
        .expect("total_score");
    assert_eq!(total["tests_differ"]["absent"], false, "{total}");
    assert_eq!(total["tests"][0]["status"], "failed", "{total}");
}

#[test]
fn a_failing_test_the_learner_adds_fails_the_exercise() {
    let fixture = Fixture::new("clean");
    fixture.solve("01_tokens/total_score.rs");
    let solved = fixture.read(TOTAL);
    fixture.write(
        TOTAL,
        &format!(
            "{solved}\n#[cfg(test)]\nmod mine {{\n    #[test]\n    fn my_own_check() {{\n        assert_eq!(1 + 1, 3, \"my own test\");\n    }}\n}}\n"
        ),
    );
    let (exit, shown) = run(&fixture, "total_score");
    assert_eq!(exit, 1, "{shown}");
    assert!(
        shown.contains("`total_score`: 1 test failed: mine::my_own_check."),
        "{shown}"
    );
    assert!(
        shown.contains("test tests::total_of_one_and_two_is_three ... ok"),
        "the course's test passed: {shown}"
    );
    assert!(
        !shown.contains("mod tests"),
        "the course's tests block is untouched, so nothing differs: {shown}"
    );
}

#[test]
fn a_run_mode_fix_that_skips_the_computation_fails_its_pass_contract() {
    let fixture = Fixture::new("clean");
    let file = "exercises/01_tokens/token_from_index.rs";
    // It compiles and exits 0 once the broken line is gone, and shows nothing.
    fixture.edit(file, "    let token: TokenId = 2;\n", "");
    fixture.edit(
        file,
        "    println!(\"token index {}\", token.index());\n",
        "",
    );
    fixture.edit(
        file,
        "use typed_ai::{MlResult, TokenId};",
        "use typed_ai::MlResult;",
    );
    let (exit, shown) = run(&fixture, "token_from_index");
    assert_eq!(exit, 1, "{shown}");
    assert!(
        shown.contains("`token_from_index` runs, but its output does not show `token index 2`."),
        "{shown}"
    );
    // The right fix meets it.
    fixture.solve("01_tokens/token_from_index.rs");
    let (exit, shown) = run(&fixture, "token_from_index");
    assert_eq!(exit, 0, "{shown}");
}

#[test]
fn the_tests_differ_line_appears_and_reset_tests_restores_the_courses_block() {
    let course = Course::init("basic");
    let file = "exercises/01_basics/shapes.rs";
    let pristine = course.read(file);
    let tests_at = pristine.find("#[cfg(test)]").expect("a tests block");
    // Fixed, with the test weakened: the course's test still passes, so the
    // check passes, and says the tests differ.
    let mine = pristine
        .replace("(3, 2)", "(2, 3)")
        .replace("assert_eq!(shape(), (2, 3));", "assert!(true);");
    course.write(file, &mine);
    let output = course.run().args(["run", "shapes"]).output().expect("runs");
    let shown = folded(&stdout(&output));
    assert_eq!(code(&output), 0, "{shown}");
    assert!(
        shown.contains("Your `mod tests` differs from the course's: the course's tests judged this check. `typed-ai-rustlings reset --tests shapes` puts them back"),
        "{shown}"
    );

    let output = course
        .run()
        .args(["reset", "--tests", "shapes"])
        .output()
        .expect("runs");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output).contains("Your version is kept in exercises/01_basics/shapes.rs.bak-1."),
        "{}",
        stdout(&output)
    );
    let restored = course.read(file);
    assert_eq!(
        restored[tests_at..],
        pristine[tests_at..],
        "the course's block is back"
    );
    assert!(restored.contains("(2, 3)\n"), "the fix is kept: {restored}");
    assert_eq!(course.read("exercises/01_basics/shapes.rs.bak-1"), mine);

    let output = course.run().args(["run", "shapes"]).output().expect("runs");
    assert_eq!(code(&output), 0);
    assert!(
        !stdout(&output).contains("mod tests"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn run_says_what_changed_since_the_try_before() {
    let fixture = Fixture::new("clean");
    let solution = "solutions/01_tokens/total_score.rs";
    // The course's three tests, in the pack's solution (where a pack copied
    // without a record keeps its pristine tests).
    fixture.write(
        solution,
        &total_score("logits.scores().iter().sum::<f32>()", THREE_TESTS),
    );
    let steps = [
        // E0308: a `&Logits` is not an `f32`.
        ("logits", None),
        ("logits.total()", Some("E0308 is gone; now E0599")),
        (
            "logits.scores().iter().take(2).sum::<f32>()",
            Some("compiles now; 2 of 3 tests pass"),
        ),
        (
            "logits.scores()[0] * 0.0",
            Some(
                "the tests `one_score_is_its_own_total` and `two_scores_add_up` fail now; `three_scores_add_up` still fails",
            ),
        ),
        (
            "logits.scores()[0]",
            Some(
                "the test `one_score_is_its_own_total` passes now; `two_scores_add_up` and `three_scores_add_up` still fail",
            ),
        ),
    ];
    for (body, change) in steps {
        fixture.write(TOTAL, &total_score(body, THREE_TESTS));
        let (exit, shown) = run(&fixture, "total_score");
        assert_eq!(exit, 1, "{body}: {shown}");
        let first = shown.lines().nth(3).unwrap_or_default();
        match change {
            Some(change) => assert_eq!(first, format!("→ {change}"), "{body}:\n{shown}"),
            None => assert!(!shown.contains('→'), "{body}:\n{shown}"),
        }
    }
}

#[test]
fn a_warning_on_a_pass_follows_the_pass_line_once() {
    let fixture = Fixture::new("clean");
    fixture.solve("01_tokens/token_from_index.rs");
    fixture.edit(
        "exercises/01_tokens/token_from_index.rs",
        "use typed_ai::{MlResult, TokenId};",
        "use typed_ai::{MlResult, TokenId, Vector};",
    );
    let (exit, shown) = run(&fixture, "token_from_index");
    assert_eq!(exit, 0, "{shown}");
    let pass = shown
        .find("✓ `token_from_index` passes.")
        .expect("the pass line");
    let warning = shown
        .find("warning: unused import: `Vector`")
        .unwrap_or_else(|| panic!("the warning: {shown}"));
    assert!(pass < warning, "the pass first:\n{shown}");
    assert_eq!(shown.matches("unused import").count(), 1, "{shown}");
}

#[test]
fn a_note_into_the_standard_librarys_sources_is_one_line() {
    let fixture = Fixture::new("clean");
    fixture.edit(
        "exercises/01_tokens/token_from_index.rs",
        "    let token: TokenId = 2;\n",
        "    let token: TokenId = TokenId::new(2);\n    let _scores: Vec<f32> = Vec::new(3);\n",
    );
    let (exit, shown) = run(&fixture, "token_from_index");
    assert_eq!(exit, 1, "{shown}");
    assert!(shown.contains("error[E0061]"), "{shown}");
    assert!(
        shown.contains("(in the standard library: alloc/src/vec/mod.rs:"),
        "{shown}"
    );
    assert!(!shown.contains("/rustc/"), "{shown}");
}

/// `update_rebinds_state` solved: its `main` prints the falling loss.
const LOSS_TABLE: [&str; 3] = ["step | mean loss", "0 | 1.3133", "5 | 0.5800"];

fn init_real_course() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    runner_in(dir.path())
        .args(["init", "course"])
        .assert()
        .success();
    let root = dir.path().join("course");
    (dir, root)
}

fn solution_of(relative: &str) -> String {
    fs::read_to_string(crate::util::repository().join("solutions").join(relative))
        .expect("the solution")
}

#[test]
fn a_test_mode_pass_shows_what_main_prints_in_run() {
    let (_dir, root) = init_real_course();
    let exercise = "05_training_endomorphism/update_rebinds_state.rs";
    fs::write(root.join("exercises").join(exercise), solution_of(exercise)).expect("solve");
    let output = runner_in(&root)
        .args(["run", "update_rebinds_state"])
        .output()
        .expect("runs");
    let shown = stdout(&output);
    assert_eq!(code(&output), 0, "{shown}{}", stderr(&output));
    let program = shown
        .split("── program output ──")
        .nth(1)
        .unwrap_or_else(|| panic!("a program output section: {shown}"));
    let program = folded(program);
    for row in LOSS_TABLE {
        assert!(program.contains(row), "{row:?} in {program}");
    }
    assert!(
        !shown.contains("typed_ai_rustlings::main"),
        "the test that runs main is not shown: {shown}"
    );
    assert!(shown.contains("running 3 tests"), "{shown}");
}

#[test]
fn a_test_mode_pass_shows_what_main_prints_in_watch() {
    let (_dir, root) = init_real_course();
    fs::write(
        root.join(".typed-ai-rustlings/state.toml"),
        "format_version = 1\ncurrent = \"update_rebinds_state\"\n",
    )
    .expect("write the progress");
    let target = shared_target();
    let mut pty = Pty::spawn(
        Path::new(env!("CARGO_BIN_EXE_typed-ai-rustlings")),
        &[],
        &root,
        &[
            ("CARGO_TARGET_DIR", target.to_str().expect("a UTF-8 path")),
            ("NO_COLOR", "1"),
        ],
        (100, 40),
    );
    pty.wait_for("`update_rebinds_state` does not compile yet", DEADLINE);
    let exercise = "05_training_endomorphism/update_rebinds_state.rs";
    fs::write(root.join("exercises").join(exercise), solution_of(exercise)).expect("solve");
    pty.wait_for(
        "update_rebinds_state passes! On to the next exercise.",
        DEADLINE,
    );
    let screen = pty.screen();
    assert!(screen.contains("── program output ──"), "{screen}");
    for row in LOSS_TABLE {
        assert!(folded(&screen).contains(row), "{row:?} in\n{screen}");
    }
    pty.send("q");
    assert_eq!(pty.wait_exit(DEADLINE), 0);
}

#[test]
fn watch_says_what_changed_since_the_try_before() {
    let fixture = Fixture::new("clean");
    fixture.write(
        "solutions/01_tokens/total_score.rs",
        &total_score("logits.scores().iter().sum::<f32>()", THREE_TESTS),
    );
    fixture.write(TOTAL, &total_score("logits", THREE_TESTS));
    fs::create_dir_all(fixture.root().join(".typed-ai-rustlings")).expect("state folder");
    fixture.write(
        ".typed-ai-rustlings/state.toml",
        "format_version = 1\ncurrent = \"total_score\"\n",
    );
    let target = shared_target();
    let mut pty = Pty::spawn(
        Path::new(env!("CARGO_BIN_EXE_typed-ai-rustlings")),
        &[],
        fixture.root(),
        &[
            ("CARGO_TARGET_DIR", target.to_str().expect("a UTF-8 path")),
            ("NO_COLOR", "1"),
        ],
        (120, 40),
    );
    pty.wait_for("`total_score` does not compile yet (1 error)", DEADLINE);
    let steps = [
        ("logits.total()", "→ E0308 is gone; now E0599"),
        (
            "logits.scores().iter().take(2).sum::<f32>()",
            "→ compiles now; 2 of 3 tests pass",
        ),
        (
            "logits.scores()[0] * 0.0",
            "→ the tests `one_score_is_its_own_total` and `two_scores_add_up` fail now",
        ),
        (
            "logits.scores()[0]",
            "→ the test `one_score_is_its_own_total` passes now; `two_scores_add_up` and",
        ),
    ];
    for (body, line) in steps {
        fixture.write(TOTAL, &total_score(body, THREE_TESTS));
        pty.wait_for(line, DEADLINE);
    }
    pty.send("q");
    assert_eq!(pty.wait_exit(DEADLINE), 0);
}

/// A wrong version of a run-mode solution of the real course: `(from,
/// to)` edits that remove its computation, or make it print a constant,
/// and delete the `assert!` that guarded it.
struct WrongVersion {
    name: &'static str,
    path: &'static str,
    edits: Vec<(&'static str, &'static str)>,
}

/// One wrong version of each run-mode exercise.
fn wrong_versions() -> Vec<WrongVersion> {
    vec![
        WrongVersion {
            name: "query_key_widths_agree",
            path: "09_attention_scores/query_key_widths_agree.rs",
            // The scores code deleted.
            edits: vec![(
                "    let scores = ScaledDotProductScores.apply(Product::new(queries, keys))?;\n    println!(\n        \"scores ({} queries x {} keys):\",\n        scores.query_len(),\n        scores.key_len()\n    );\n    for row in scores.rows() {\n        println!(\"  {row:?}\");\n    }\n",
                "",
            )],
        },
        WrongVersion {
            name: "probabilities_sum_to_one",
            path: "02_constructors_and_errors/probabilities_sum_to_one.rs",
            // A hard-coded uniform distribution.
            edits: vec![(
                "counts.iter().map(|count| count / tokens_in_text).collect()",
                "vec![0.25; 4]",
            )],
        },
        WrongVersion {
            name: "token_outside_vocabulary",
            path: "04_tiny_ml_pipeline/token_outside_vocabulary.rs",
            edits: vec![("TokenId::new(vocab.get() - 1)", "TokenId::new(0)")],
        },
        WrongVersion {
            name: "one_value_row_per_key",
            path: "11_mixing_heads_residual_norm/one_value_row_per_key.rs",
            // A row of zeros to make the shapes agree.
            edits: vec![("vec![3.0, 30.0], // sat", "vec![0.0, 0.0], // sat")],
        },
        WrongVersion {
            name: "foreign_keys_must_resolve",
            path: "13_applied_sketches/foreign_keys_must_resolve.rs",
            edits: vec![
                (
                    "Employee::new(\"Edsger\", DepartmentId::new(2))",
                    "Employee::new(\"Edsger\", DepartmentId::new(1))",
                ),
                (
                    "    assert_eq!(\n        platform,",
                    "    let _ = (\n        platform,",
                ),
            ],
        },
        WrongVersion {
            name: "matrices_compose_in_order",
            path: "13_applied_sketches/matrices_compose_in_order.rs",
            edits: vec![
                ("vec![vec![1.0, -1.0, 1.0]]", "vec![vec![1.0, 1.0, 1.0]]"),
                (
                    "    assert_eq!(result.values(), &[4.0], \"the score of [3, 4] should be 4\");\n",
                    "",
                ),
            ],
        },
        WrongVersion {
            name: "first_step_is_t_equals_one",
            path: "12_optimizers/first_step_is_t_equals_one.rs",
            // Adam without bias correction.
            edits: vec![
                (
                    "1.0 - beta.powi(i32::try_from(t).unwrap_or(i32::MAX))",
                    "{\n        let _ = (beta, t);\n        1.0\n    }",
                ),
                (
                    "    assert!(\n        (p - 0.701_587)",
                    "    let _ = (\n        (p - 0.701_587)",
                ),
            ],
        },
        WrongVersion {
            name: "loss_is_negative_log",
            path: "04_tiny_ml_pipeline/loss_is_negative_log.rs",
            edits: vec![
                ("Loss::new(-p.ln())", "Loss::new(1.0 - p)"),
                (
                    "        assert!(\n            (yours.value()",
                    "        let _ = (\n            (yours.value()",
                ),
            ],
        },
        WrongVersion {
            name: "a_decoder_block_reads_only_the_past",
            path: "14_train_the_tiny_transformer/a_decoder_block_reads_only_the_past.rs",
            // The verdict printed as a constant, whatever the block computed.
            edits: vec![(
                "if same { \"unchanged\" } else { \"changed\" }",
                "\"changed\"",
            )],
        },
        WrongVersion {
            name: "train_the_tiny_transformer",
            path: "14_train_the_tiny_transformer/train_the_tiny_transformer.rs",
            // A fresh optimizer state every step (AdamW forgets its moments),
            // and the asserts that would catch it deleted.
            edits: vec![
                (
                    "state = per_word[n % per_word.len()].apply(state)?;",
                    "state = per_word[n % per_word.len()]\n            .apply(TransformerAdamWState::new(state.into_parameters()))?;",
                ),
                (
                    "    assert!(\n        (first - chance)",
                    "    let _ = (\n        (first - chance)",
                ),
                (
                    "    assert!(\n        settled < floor",
                    "    let _ = (\n        settled < floor",
                ),
                (
                    "    assert!(\n        (last - floor)",
                    "    let _ = (\n        (last - floor)",
                ),
            ],
        },
    ]
}

#[test]
fn every_run_mode_exercise_of_the_course_holds_a_wrong_fix_to_its_output() {
    let (_dir, root) = init_real_course();
    // And the first exercise, as the issue found it: its body replaced by
    // `0` and its tests deleted is not a pass.
    let first = root.join("exercises/00_how_this_works/how_this_works.rs");
    let text = fs::read_to_string(&first).expect("the first exercise");
    let cut = text[..text.find("#[cfg(test)]").expect("tests")].replace("    text\n}", "    0\n}");
    fs::write(&first, cut).expect("write");
    let output = runner_in(&root)
        .args(["run", "how_this_works"])
        .output()
        .expect("runs");
    let shown = folded(&stdout(&output));
    assert_eq!(code(&output), 1, "{shown}");
    assert!(shown.contains("2 tests failed"), "{shown}");
    assert!(shown.contains("Your file has no `mod tests`, so it lacks the course's `hello_needs_four_tokens` and `a_two_letter_text_needs_two_tokens`"), "{shown}");

    for WrongVersion { name, path, edits } in wrong_versions() {
        let file = root.join("exercises").join(path);
        let solution = solution_of(path);
        fs::write(&file, &solution).expect("solve");
        let output = runner_in(&root).args(["run", name]).output().expect("runs");
        assert_eq!(
            code(&output),
            0,
            "{name}: the solution passes:\n{}",
            stdout(&output)
        );
        let mut wrong = solution.clone();
        for (from, to) in edits {
            assert!(wrong.contains(from), "{name}: {from:?}");
            wrong = wrong.replacen(from, to, 1);
        }
        fs::write(&file, &wrong).expect("write the wrong version");
        let output = runner_in(&root).args(["run", name]).output().expect("runs");
        let shown = stdout(&output);
        assert_eq!(
            code(&output),
            1,
            "{name}: the wrong version fails:\n{shown}"
        );
        assert!(
            shown.contains(&format!("`{name}` runs, but its output does not show")),
            "{name}: it compiles and exits 0, and misses its contract:\n{shown}"
        );
    }
}
