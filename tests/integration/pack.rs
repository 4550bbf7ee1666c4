//! `verify --pack`: the course's own CI.

use serde_json::Value;

use crate::expected::{ExpectedPack, lints, outcomes};
use crate::util::{Fixture, code, repository, stderr, stdout};

/// Runs `verify --pack --format json` on `fixture` and checks that it finds
/// exactly `expected`: the exit code, each problem (exercise, check and a
/// fragment of the message), the stray files.
fn assert_pack_finds(fixture: &Fixture, expected: &ExpectedPack) -> Value {
    let output = fixture.run(&["verify", "--pack", "--format", "json"]);
    assert_eq!(code(&output), expected.exit, "{}", stderr(&output));
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(report["schema_version"], 1);
    let mut found = Vec::new();
    for exercise in report["exercises"].as_array().expect("exercises") {
        for problem in exercise["problems"].as_array().expect("problems") {
            found.push((
                exercise["name"].as_str().expect("name").to_owned(),
                problem["check"].as_str().expect("check").to_owned(),
                problem["message"].as_str().expect("message").to_owned(),
            ));
        }
    }
    assert_eq!(found.len(), expected.problems.len(), "{found:#?}");
    for [name, check, fragment] in &expected.problems {
        assert!(
            found
                .iter()
                .any(|(n, c, message)| n == name && c == check && message.contains(fragment)),
            "{name}/{check}: {fragment:?} in {found:#?}"
        );
    }
    let stray: Vec<&str> = report["stray_files"]
        .as_array()
        .expect("stray")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(stray, expected.stray_files);
    report
}

#[test]
fn a_clean_pack_passes_and_no_progress_is_written() {
    let fixture = Fixture::source("clean");
    let output = fixture.run(&["verify", "--pack"]);
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    assert!(
        stdout(&output).contains("The course passes its checks: 6 exercises."),
        "{}",
        stdout(&output)
    );
    assert!(
        !fixture.root().join(".typed-ai-rustlings").exists(),
        "verify --pack never touches progress"
    );
}

#[test]
fn the_outcomes_pack_fails_exactly_where_expected() {
    let fixture = Fixture::new("outcomes");
    assert_pack_finds(&fixture, &outcomes().pack);
}

#[test]
fn each_pedagogy_lint_reports_its_planted_case_honours_an_opt_out_and_flags_a_stale_one() {
    let fixture = Fixture::new("lints");
    let report = assert_pack_finds(&fixture, &lints());
    let import_then_clone = report["exercises"]
        .as_array()
        .expect("exercises")
        .iter()
        .find(|exercise| exercise["name"] == "import_then_clone")
        .expect("import_then_clone");
    let message = import_then_clone["problems"][0]["message"]
        .as_str()
        .expect("message");
    for step in [
        "round 1, line 5: trait `Morphism` which provides `apply` is implemented but not in scope",
        "`use typed_ai::Morphism;`",
        "round 2, line 12: consider cloning the value",
    ] {
        assert!(message.contains(step), "names each suggestion: {message}");
    }
    for folder in ["exercises", "solutions"] {
        let file = format!("{folder}/01_rustc/import_then_clone.rs");
        assert_eq!(
            fixture.read(&file),
            std::fs::read_to_string(repository().join("tests/fixtures/lints").join(&file))
                .expect("the fixture's file"),
            "the lint works on copies; {file} is never edited"
        );
    }

    // The JUnit report carries the same findings.
    let junit = stdout(&fixture.run(&["verify", "--pack", "--format", "junit"]));
    for fragment in [
        "failed checks: solved_by_rustc",
        "failed checks: allow, allow",
        "[spoiled] solutions/02_spoilers/spoiled_by_an_earlier_file.rs:10",
    ] {
        assert!(junit.contains(fragment), "{fragment:?} in\n{junit}");
    }
}

#[test]
fn rustc_suggestions_count_only_when_the_course_tests_then_pass() {
    let fixture = Fixture::new("lints");
    // rustc's `mut` compiles `largest_keeps_the_max`, whose tests still fail;
    // with the loop already keeping the maximum, the same `mut` solves it.
    fixture.edit(
        "exercises/01_rustc/largest_keeps_the_max.rs",
        "best = best.min(score);",
        "best = best.max(score);",
    );
    // Without its opt-out, the clone rustc suggests is reported.
    fixture.edit(
        "info.toml",
        "solved_by_rustc = \"The clone rustc suggests is the lesson here: what it costs.\"",
        "",
    );
    let output = fixture.run(&["verify", "--pack"]);
    let shown = stdout(&output);
    for name in ["largest_keeps_the_max", "clone_is_the_lesson"] {
        let section = shown
            .split("✗ ")
            .find(|section| section.starts_with(name))
            .unwrap_or_else(|| panic!("{name} is reported:\n{shown}"));
        assert!(
            section.contains("[solved_by_rustc] rustc's own suggestions solve it"),
            "{section}"
        );
    }
    assert!(
        shown.contains("round 1, line 7: consider making this binding mutable: `mut`"),
        "{shown}"
    );
}

#[test]
fn every_broken_rule_is_reported_at_once() {
    let fixture = Fixture::new("clean");
    // The solution's tests differ from the exercise's.
    fixture.edit(
        "solutions/01_tokens/total_score.rs",
        "\"1 + 2 = 3\"",
        "\"one plus two\"",
    );
    // The solution is not rustfmt-clean.
    fixture.edit(
        "solutions/02_vectors/read_values.rs",
        "let first = v.values()[0];",
        "let first   =   v.values()[0];",
    );
    // The exercise lost its TODO marker and its main.
    fixture.edit(
        "exercises/01_tokens/vocabulary_bounds.rs",
        "// TODO: choose the last token of the vocabulary.\n",
        "",
    );
    fixture.edit(
        "exercises/02_vectors/construct_with_new.rs",
        "fn main() {",
        "fn start() {",
    );
    // The solution no longer passes: a lint under -D warnings.
    fixture.edit(
        "solutions/02_vectors/construct_with_new.rs",
        "let token = TokenId::new(5);",
        "let token = TokenId::new(5);\n    let unused = 1;",
    );
    // The unsolved file fails differently from what info.toml declares.
    fixture.edit(
        "exercises/02_vectors/read_values.rs",
        "let first = v.0[0];",
        "let first = v.values()[0];",
    );

    let output = fixture.run(&["verify", "--pack"]);
    assert_eq!(code(&output), 2, "{}", stdout(&output));
    let shown = stdout(&output);
    for fragment in [
        "[tests_block] the solution's `#[cfg(test)] mod tests` block differs from the exercise's",
        "[rustfmt] the solution file is not rustfmt-clean",
        "[todo] the exercise file has no `TODO` marker",
        "[main] the exercise file has no `fn main`",
        "[solution] the solution does not pass",
        "unused variable: `unused`",
        "[expect] the unsolved file does not fail as declared (compile expectation): expected a compile error E0616, but it compiled and passes",
    ] {
        assert!(shown.contains(fragment), "reports {fragment:?}:\n{shown}");
    }
}
