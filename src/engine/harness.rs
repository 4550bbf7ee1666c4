//! Reading what the test harness (libtest) says about each test: the
//! `test NAME ... ok` lines of its output.
//!
//! Test binaries run with `--nocapture` (`check.rs`), so what a test prints
//! reaches the runner as it is printed, inside the output cap, instead of
//! piling up in the harness's memory until the test ends (a test printing
//! without end grew to gigabytes that way, and nothing was shown when its
//! time ran out). The price is that a test's own output shares lines with the
//! harness's: a `print!` without a newline glues the next result line to it
//! (`partialtest tests::b ... ok`). Results are therefore read from the end
//! of each line. It reads; deciding what a result means is the caller's.

use crate::text::strip_ansi;

/// What the harness said about one test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestResult {
    /// `ok`
    Passed,
    /// `FAILED`
    Failed,
    /// `ignored` (with or without a reason)
    Ignored,
}

/// Every test the harness reported, with its result, in the order reported.
/// A `#[should_panic]` test is named without the harness's ` - should panic`.
pub fn results(output: &str) -> Vec<(String, TestResult)> {
    strip_ansi(output).lines().filter_map(result_line).collect()
}

/// The tests the harness reported as failed (`test tests::x ... FAILED`).
pub fn failed_tests(output: &str) -> Vec<String> {
    let mut failed: Vec<String> = results(output)
        .into_iter()
        .filter(|(_, result)| *result == TestResult::Failed)
        .map(|(name, _)| name)
        .collect();
    failed.dedup();
    failed
}

/// `test NAME ... RESULT` at the end of `line`, whatever a test printed
/// before it on the same line.
fn result_line(line: &str) -> Option<(String, TestResult)> {
    let (left, result) = line.trim_end().rsplit_once(" ... ")?;
    let result = match result {
        "ok" => TestResult::Passed,
        "FAILED" => TestResult::Failed,
        ignored if ignored == "ignored" || ignored.starts_with("ignored, ") => TestResult::Ignored,
        _ => return None,
    };
    let left = left.strip_suffix(" - should panic").unwrap_or(left);
    let (before, name) = left.rsplit_once(' ')?;
    (before.ends_with("test") && !name.is_empty()).then(|| (name.to_owned(), result))
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn a_result_glued_to_what_a_test_printed_is_still_read() {
        // `print!("partial")` in one test, then the harness's line for another.
        let output = "running 3 tests\n\
            partialtest tests::a ... ok\n\
            loss = 0.5test tests::b - should panic ... ok\n\
            test tests::c ... ignored, needs a GPU\n\
            test tests::d ... FAILED\n\
            the test is ... not a result\n";
        assert_eq!(
            results(output),
            vec![
                ("tests::a".to_owned(), TestResult::Passed),
                ("tests::b".to_owned(), TestResult::Passed),
                ("tests::c".to_owned(), TestResult::Ignored),
                ("tests::d".to_owned(), TestResult::Failed),
            ]
        );
    }
}
