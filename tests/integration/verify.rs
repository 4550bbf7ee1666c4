//! `verify`: every exercise, in order, headless; verdicts recorded; reports
//! in three formats; the cache; partitions.

use serde_json::Value;

use crate::expected::outcomes;
use crate::util::{Fixture, code, stderr, stdout};

fn json(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("JSON report: {error}\n{}", stdout(output)))
}

#[test]
fn verify_checks_everything_records_progress_and_reports_json() {
    let fixture = Fixture::new("outcomes");
    let output = fixture.run(&["verify", "--format", "json"]);
    assert_eq!(
        code(&output),
        1,
        "some exercises fail: exit 1\n{}",
        stderr(&output)
    );
    let report = json(&output);
    assert_eq!(report["schema_version"], 1);
    assert_eq!(report["command"], "verify");
    let expected = outcomes();
    let exercises = report["exercises"].as_array().expect("exercises");
    assert_eq!(
        exercises.len(),
        expected.exercises.len(),
        "never stops at the first failure"
    );
    for exercise in exercises {
        let name = exercise["name"].as_str().expect("a name");
        let wanted = &expected.exercises[name];
        assert_eq!(exercise["outcome"], wanted.outcome.as_str(), "{name}");
        assert_eq!(
            exercise["status"],
            if wanted.outcome == "passed" {
                "passed"
            } else {
                "failed"
            },
            "{name}"
        );
        let failed: Vec<&str> = exercise["failed_tests"]
            .as_array()
            .expect("failed_tests")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(failed, wanted.failed_tests, "{name}");
    }
    assert_eq!(report["summary"]["passed"], 1);
    assert_eq!(report["summary"]["failed"], 8);

    let state = fixture.read(".typed-ai-rustlings/state.toml");
    assert!(
        state.contains("current = \"type_mismatch\""),
        "current = first not done\n{state}"
    );
    assert!(state.contains("done = [\"passes\"]"), "{state}");
}

#[test]
fn verify_with_nothing_changed_answers_every_exercise_from_the_cache() {
    let fixture = Fixture::new("outcomes");
    let first = json(&fixture.run(&["verify", "--format", "json"]));
    assert!(
        first["exercises"]
            .as_array()
            .expect("exercises")
            .iter()
            .all(|exercise| exercise["cached"] == false)
    );
    let second = json(&fixture.run(&["verify", "--format", "json"]));
    for exercise in second["exercises"].as_array().expect("exercises") {
        assert_eq!(
            exercise["cached"], true,
            "{} was answered without a process",
            exercise["name"]
        );
    }
    assert_eq!(
        first["exercises"][4]["failed_tests"],
        second["exercises"][4]["failed_tests"]
    );
}

#[test]
fn a_solved_course_verifies_and_every_exercise_becomes_done() {
    let fixture = Fixture::new("clean");
    fixture.solve_all();
    let output = fixture.run(&["verify", "-j", "2"]);
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    assert!(
        stdout(&output).contains("6 of 6 exercises pass."),
        "{}",
        stdout(&output)
    );
    let state = fixture.read(".typed-ai-rustlings/state.toml");
    for name in [
        "token_from_index",
        "vocabulary_bounds",
        "total_score",
        "dot_lengths",
        "read_values",
        "construct_with_new",
    ] {
        assert!(
            state.contains(&format!("\"{name}\"")),
            "{name} is done\n{state}"
        );
    }
}

#[test]
fn partitions_split_the_course_between_ci_jobs() {
    let fixture = Fixture::new("outcomes");
    let names = |partition: &str| -> Vec<String> {
        let report = json(&fixture.run(&["verify", "--format", "json", "--partition", partition]));
        assert_eq!(report["partition"], partition);
        report["exercises"]
            .as_array()
            .expect("exercises")
            .iter()
            .map(|exercise| exercise["name"].as_str().expect("a name").to_owned())
            .collect()
    };
    assert_eq!(names("1/3"), ["passes", "calls_a_vector", "returns_err"]);
    assert_eq!(
        names("2/3"),
        ["type_mismatch", "failing_test", "loops_forever"]
    );
    assert_eq!(names("3/3"), ["unknown_method", "panics", "floods_output"]);
}

#[test]
fn junit_has_a_case_per_exercise_and_a_failure_for_each_that_fails() {
    let fixture = Fixture::new("outcomes");
    let output = fixture.run(&["verify", "--format", "junit", "-j", "1"]);
    assert_eq!(code(&output), 1);
    let xml = stdout(&output);
    assert!(xml.starts_with("<?xml"), "{xml}");
    assert!(xml.contains(r#"<testsuites name="typed-ai-rustlings verify" tests="9" skipped="0" failures="8" errors="0">"#), "{xml}");
    assert!(
        xml.contains(r#"<testcase name="type_mismatch" classname="01_outcomes""#),
        "{xml}"
    );
    assert!(
        xml.contains(r#"<failure message="failed tests: tests::probabilities_sum_to_one""#),
        "{xml}"
    );
}

#[test]
fn the_human_report_lists_every_exercise_and_what_is_next() {
    let fixture = Fixture::new("outcomes");
    let output = fixture.run(&["verify"]);
    let shown = stdout(&output);
    assert!(shown.contains("✓ passes"), "{shown}");
    assert!(shown.contains("✗ loops_forever"), "{shown}");
    assert!(shown.contains("1 of 9 exercises pass."), "{shown}");
    assert!(shown.contains("Next: `type_mismatch`"), "{shown}");
    assert!(
        stderr(&output).is_empty() || !stderr(&output).contains('\r'),
        "no progress bar without a terminal"
    );
}

#[test]
fn the_json_report_keeps_its_shape() {
    let fixture = Fixture::new("outcomes");
    let report = json(&fixture.run(&["verify", "--format", "json"]));
    // Paths, timings and program output (thread ids, backtraces) vary by machine.
    insta::assert_json_snapshot!(report, {
        ".course" => "[course]",
        ".exercises[].duration_ms" => "[ms]",
        ".exercises[].output" => "[output]",
        ".exercises[].compiler_errors[].rendered" => "[rendered]",
    });
}
