//! Reading what the test harness (libtest) printed: which tests it reported
//! and how each ended, what the program test captured from `main`, and the
//! harness output as the learner should read it.
//!
//! The harness runs with `--show-output`, so the program test's captured
//! output appears in a "successes" section. That section (and the program
//! test's own result line) is cut out of what the learner reads, and the
//! counts of the first and last lines leave the program test out, so the
//! output reads as the course's tests alone.
//!
//! Only the harness's own lines are read: `test NAME ... ok` while the tests
//! run, then `---- NAME stdout ----` sections. Deciding the verdict from them
//! is `check.rs`'s job.

use serde::{Deserialize, Serialize};

use crate::text::strip_ansi;

/// How the harness reported one test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TestStatus {
    /// `... ok`.
    Passed,
    /// `... FAILED`.
    Failed,
    /// `... ignored`.
    Ignored,
    /// Never reported: the harness ended (or was killed) before it.
    NotRun,
}

/// One test and how it ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestRun {
    /// Its name as the harness reports it (`tests::sums_to_one`).
    pub name: String,
    /// How it ended.
    pub status: TestStatus,
    /// Whether the course ships it (else the learner added it).
    pub shipped: bool,
}

/// What one harness run printed, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HarnessOutput {
    /// Every test the harness reported, in the order it reported them.
    pub reported: Vec<(String, TestStatus)>,
    /// What the program test captured, when it was reported with output.
    pub program_output: Option<String>,
    /// The output for people: without the program test's line and the
    /// successes sections, its counts without the program test.
    pub shown: String,
}

/// Reads `output`, the harness's combined stdout and stderr (in colour or
/// not). `program_test` is the harness name of the test that runs `main`,
/// when the check added one.
pub fn read_harness(output: &str, program_test: Option<&str>) -> HarnessOutput {
    let lines: Vec<&str> = output.split_inclusive('\n').collect();
    let plain: Vec<String> = lines
        .iter()
        .map(|line| strip_ansi(line.trim_end_matches(['\n', '\r'])).into_owned())
        .collect();
    let reported: Vec<(String, TestStatus)> =
        plain.iter().filter_map(|line| result_line(line)).collect();
    let program_output = program_test.and_then(|name| {
        let header = format!("---- {name} stdout ----");
        let start = plain.iter().position(|line| *line == header)? + 1;
        let end = (start..plain.len())
            .find(|&at| ends_section(&plain[at], &reported))
            .unwrap_or(plain.len());
        // The harness puts blank lines after each section's output.
        let mut text = lines[start..end].concat().trim_end().to_owned();
        if !text.is_empty() {
            text.push('\n');
        }
        Some(text)
    });
    let program_passed = program_test.is_some_and(|name| {
        reported
            .iter()
            .any(|(test, status)| test == name && *status == TestStatus::Passed)
    });
    let mut shown = String::with_capacity(output.len());
    let mut in_successes = false;
    for (line, plain) in lines.iter().zip(&plain) {
        if plain == "successes:" {
            in_successes = true;
        } else if plain == "failures:" || plain.starts_with("test result:") {
            in_successes = false;
        }
        let program_line = program_test
            .is_some_and(|name| result_line(plain).is_some_and(|(test, _)| test == name));
        if in_successes || program_line {
            continue;
        }
        if program_passed {
            shown.push_str(&without_program_test(line, plain));
        } else {
            shown.push_str(line);
        }
    }
    HarnessOutput {
        reported,
        program_output,
        shown,
    }
}

/// The tests the harness reported as failed (`test tests::x ... FAILED`).
pub fn failed_tests(output: &str) -> Vec<String> {
    let mut failed: Vec<String> = read_harness(output, None)
        .reported
        .into_iter()
        .filter(|(_, status)| *status == TestStatus::Failed)
        .map(|(name, _)| name)
        .collect();
    failed.dedup();
    failed
}

/// `test NAME ... ok` (or `FAILED`, `ignored`, `ignored, reason`), with
/// `- should panic` after the name for `#[should_panic]` tests.
fn result_line(line: &str) -> Option<(String, TestStatus)> {
    let rest = line.trim().strip_prefix("test ")?;
    let (name, result) = rest.rsplit_once(" ... ")?;
    let status = match result.trim() {
        "ok" => TestStatus::Passed,
        "FAILED" => TestStatus::Failed,
        other if other.starts_with("ignored") => TestStatus::Ignored,
        _ => return None,
    };
    let name = name.trim();
    let name = name.strip_suffix(" - should panic").unwrap_or(name);
    Some((name.to_owned(), status))
}

/// Whether `line` starts the next section after a test's output.
fn ends_section(line: &str, reported: &[(String, TestStatus)]) -> bool {
    if line == "successes:" || line == "failures:" {
        return true;
    }
    line.strip_prefix("---- ")
        .and_then(|rest| rest.strip_suffix(" stdout ----"))
        .is_some_and(|name| reported.iter().any(|(test, _)| test == name))
}

/// `line` with the program test taken out of its count: `running 4 tests`
/// becomes `running 3 tests`, `test result: ok. 4 passed; ...` becomes
/// `3 passed`. Called only when the program test passed.
fn without_program_test(line: &str, plain: &str) -> String {
    if let Some(count) = plain
        .strip_prefix("running ")
        .and_then(|rest| rest.strip_suffix(" tests").or(rest.strip_suffix(" test")))
        .and_then(|count| count.parse::<usize>().ok())
    {
        let count = count.saturating_sub(1);
        let newline = if line.ends_with('\n') { "\n" } else { "" };
        return format!(
            "running {count} test{}{newline}",
            if count == 1 { "" } else { "s" }
        );
    }
    if plain.starts_with("test result:")
        && let Some(at) = line.find(" passed;")
    {
        let digits = line[..at]
            .rfind(|c: char| !c.is_ascii_digit())
            .map_or(0, |before| before + 1);
        if let Ok(count) = line[digits..at].parse::<usize>() {
            return format!(
                "{}{}{}",
                &line[..digits],
                count.saturating_sub(1),
                &line[at..]
            );
        }
    }
    line.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROGRAM: &str = "typed_ai_rustlings::main";

    /// What libtest printed for three tests and the program test with
    /// `--show-output --color always` (abridged from a real run).
    const PASSED: &str = "\nrunning 4 tests\n\
        test tests::a ... \u{1b}[32mok\u{1b}(B\u{1b}[m\n\
        test typed_ai_rustlings::main ... \u{1b}[32mok\u{1b}(B\u{1b}[m\n\
        test tests::b - should panic ... \u{1b}[32mok\u{1b}(B\u{1b}[m\n\
        test tests::c ... ok\n\
        \nsuccesses:\n\
        \n---- typed_ai_rustlings::main stdout ----\n\
        step 0: loss 0.69\nstep 1: loss 0.41\n\
        \n---- tests::c stdout ----\nc printed this\n\
        \n\nsuccesses:\n    tests::a\n    tests::b\n    tests::c\n    typed_ai_rustlings::main\n\
        \ntest result: \u{1b}[32mok\u{1b}(B\u{1b}[m. 4 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.02s\n\n";

    #[test]
    fn every_test_is_read_with_how_it_ended() {
        let read = read_harness(PASSED, Some(PROGRAM));
        assert_eq!(
            read.reported,
            [
                ("tests::a".to_owned(), TestStatus::Passed),
                (PROGRAM.to_owned(), TestStatus::Passed),
                ("tests::b".to_owned(), TestStatus::Passed),
                ("tests::c".to_owned(), TestStatus::Passed),
            ]
        );
    }

    #[test]
    fn the_program_output_is_cut_out_of_its_section() {
        let read = read_harness(PASSED, Some(PROGRAM));
        assert_eq!(
            read.program_output.as_deref(),
            Some("step 0: loss 0.69\nstep 1: loss 0.41\n")
        );
        assert_eq!(read_harness(PASSED, None).program_output, None);
    }

    #[test]
    fn the_shown_output_reads_as_the_course_tests_alone() {
        let shown = read_harness(PASSED, Some(PROGRAM)).shown;
        let plain = strip_ansi(&shown);
        assert_eq!(
            plain,
            "\nrunning 3 tests\ntest tests::a ... ok\ntest tests::b - should panic ... ok\ntest tests::c ... ok\n\
             \ntest result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.02s\n\n"
        );
        assert!(shown.contains("\u{1b}[32mok"), "colour is kept: {shown:?}");
    }

    #[test]
    fn a_failure_keeps_its_section_and_the_program_output_is_still_found() {
        let output = "\nrunning 3 tests\ntest tests::a ... FAILED\ntest tests::b ... ignored, slow\n\
            test typed_ai_rustlings::main ... ok\n\
            \nsuccesses:\n\n---- typed_ai_rustlings::main stdout ----\nprinted\n\n\nsuccesses:\n    typed_ai_rustlings::main\n\
            \nfailures:\n\n---- tests::a stdout ----\n\nthread 'tests::a' panicked at x.rs:3:5:\nassertion failed\n\n\nfailures:\n    tests::a\n\
            \ntest result: FAILED. 1 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.00s\n\n";
        let read = read_harness(output, Some(PROGRAM));
        assert_eq!(read.program_output.as_deref(), Some("printed\n"));
        assert_eq!(
            read.reported[1],
            ("tests::b".to_owned(), TestStatus::Ignored)
        );
        assert!(read.shown.contains("running 2 tests\n"), "{}", read.shown);
        assert!(
            read.shown
                .contains("thread 'tests::a' panicked at x.rs:3:5:\nassertion failed"),
            "{}",
            read.shown
        );
        assert!(
            read.shown
                .contains("test result: FAILED. 0 passed; 1 failed"),
            "{}",
            read.shown
        );
        assert!(!read.shown.contains("successes"), "{}", read.shown);
        assert!(!read.shown.contains("payoff"), "{}", read.shown);
    }

    #[test]
    fn failed_tests_are_read_from_the_harness_output_in_colour_or_not() {
        let output = "running 3 tests\n\
            test tests::sums_to_one ... \u{1b}[31mFAILED\u{1b}[0m\n\
            test tests::ok_one ... ok\n\
            test tests::rejects_negative ... FAILED\n\n\
            failures:\n\n---- tests::sums_to_one stdout ----\n";
        assert_eq!(
            failed_tests(output),
            vec!["tests::sums_to_one", "tests::rejects_negative"]
        );
        assert!(failed_tests("test result: ok. 3 passed").is_empty());
    }
}
