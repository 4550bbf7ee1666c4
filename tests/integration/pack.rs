//! `verify --pack`: the course's own CI.

use serde_json::Value;

use crate::expected::outcomes;
use crate::util::{Fixture, code, stderr, stdout};

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
    let expected = outcomes().pack;
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
