//! Whether a verdict is what info.toml promised: the unsolved file fails
//! exactly as its `expect` says, the solution passes. Each mismatch is
//! described so that an author can fix the file or the manifest without
//! re-running anything by hand.
//!
//! Pure: the verdicts come from the engine.

use crate::course::{Expectation, Mode};
use crate::engine::{Outcome, Verdict};
use crate::report::words::reason;
use crate::text::{contains_all, normalize, strip_ansi};

/// `Ok` when the unsolved file's verdict meets `expect`, else what happened instead.
pub fn check_expectation(
    expect: &Expectation,
    mode: Mode,
    verdict: &Verdict,
) -> Result<(), String> {
    match expect {
        Expectation::Compile { code, contains } => {
            if verdict.outcome != Outcome::CompileError {
                return Err(format!(
                    "expected a compile error {code}, but it compiled and {}",
                    reason(verdict, mode)
                ));
            }
            let with_code: Vec<String> = verdict
                .compiler
                .errors()
                .filter(|message| message.code.as_deref() == Some(code.as_str()))
                .map(|message| normalize(&message.rendered))
                .collect();
            if with_code.is_empty() {
                return Err(format!(
                    "expected a compile error {code}, but it failed with {}",
                    error_list(verdict)
                ));
            }
            if with_code.iter().any(|text| contains_all(text, contains)) {
                return Ok(());
            }
            Err(format!(
                "a {code} error was reported, but none contains every fragment of {contains:?}; the {code} text (normalised) is:\n{}",
                with_code.join("\n")
            ))
        }
        Expectation::Test { test } => match &verdict.outcome {
            Outcome::TestsFailed { failed, .. } => {
                let named = failed
                    .iter()
                    .any(|name| name == test || name.rsplit("::").next() == Some(test.as_str()));
                if named {
                    Ok(())
                } else {
                    Err(format!(
                        "expected test `{test}` to fail, but the failing tests were: {}",
                        failed.join(", ")
                    ))
                }
            }
            Outcome::CompileError => Err(format!(
                "expected it to compile and test `{test}` to fail, but it does not compile: {}",
                error_list(verdict)
            )),
            _ => Err(format!(
                "expected test `{test}` to fail, but it compiled and {}",
                reason(verdict, mode)
            )),
        },
        Expectation::Run { contains } => match &verdict.outcome {
            Outcome::RunFailed { output, .. } => {
                let text = normalize(&output.text);
                if contains_all(&text, contains) {
                    Ok(())
                } else {
                    Err(format!(
                        "`main` failed as expected, but its output does not contain every fragment of {contains:?}; it printed:\n{}",
                        strip_ansi(output.text.trim_end())
                    ))
                }
            }
            Outcome::CompileError => Err(format!(
                "expected it to compile and `main` to fail, but it does not compile: {}",
                error_list(verdict)
            )),
            _ => Err(format!(
                "expected `main` to fail, but it compiled and {}",
                reason(verdict, mode)
            )),
        },
    }
}

/// `Ok` when the solution's verdict is a pass, else what went wrong.
/// A solution whose tests pass but whose obligations do not hold is
/// reported by the `must_not_compile` check, not here.
pub fn check_solution(mode: Mode, verdict: &Verdict) -> Result<(), String> {
    match &verdict.outcome {
        Outcome::Passed { .. } | Outcome::ObligationsFailed { .. } => Ok(()),
        Outcome::CompileError => {
            let rendered: Vec<String> = verdict
                .compiler
                .errors()
                .map(|message| strip_ansi(message.rendered.trim_end()).into_owned())
                .collect();
            Err(format!(
                "it does not compile cleanly under clippy-driver -D warnings ({}):\n{}",
                error_list(verdict),
                rendered.join("\n")
            ))
        }
        other => {
            let output = other
                .output()
                .map(|output| strip_ansi(output.text.trim_end()).into_owned())
                .unwrap_or_default();
            Err(format!(
                "it compiled, but {}; it printed:\n{output}",
                reason(verdict, mode)
            ))
        }
    }
}

/// `E0308 (mismatched types), E0599 (...)`.
fn error_list(verdict: &Verdict) -> String {
    let errors: Vec<String> = verdict
        .compiler
        .errors()
        .map(|message| match &message.code {
            Some(code) => format!("{code} ({})", message.message),
            None => message.message.clone(),
        })
        .collect();
    if errors.is_empty() {
        "no error reported".to_owned()
    } else {
        errors.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::engine::Exit;
    use crate::test_support::{error, output, verdict};

    #[test]
    fn a_compile_expectation_needs_the_code_and_every_fragment() {
        let expect = Expectation::Compile {
            code: "E0308".into(),
            contains: vec!["expected `Distribution`, found `Logits`".into()],
        };
        let matching = verdict(
            Outcome::CompileError,
            vec![error(
                "E0308",
                "error[E0308]: mismatched types\n  | ^^^ expected `typed_ai::Distribution`,\n found `Logits`",
            )],
        );
        assert_eq!(check_expectation(&expect, Mode::Test, &matching), Ok(()));

        let wrong_code = verdict(Outcome::CompileError, vec![error("E0599", "no method")]);
        let why = check_expectation(&expect, Mode::Test, &wrong_code).expect_err("wrong code");
        assert!(
            why.contains("failed with E0599 (mismatched types)"),
            "{why}"
        );

        let wrong_text = verdict(
            Outcome::CompileError,
            vec![error("E0308", "expected `Vector`, found `Logits`")],
        );
        let why = check_expectation(&expect, Mode::Test, &wrong_text).expect_err("wrong fragment");
        assert!(
            why.contains("expected `Vector`, found `Logits`"),
            "the author sees the real text: {why}"
        );

        let compiled = verdict(Outcome::Passed { output: output("") }, vec![]);
        let why = check_expectation(&expect, Mode::Test, &compiled).expect_err("it compiled");
        assert!(why.contains("but it compiled and passes"), "{why}");
    }

    #[test]
    fn a_test_expectation_names_the_failing_test_with_or_without_its_module() {
        let failed = verdict(
            Outcome::TestsFailed {
                failed: vec!["tests::sums_to_one".into()],
                exit: Exit::Code { code: 101 },
                output: output(""),
            },
            vec![],
        );
        for name in ["sums_to_one", "tests::sums_to_one"] {
            assert_eq!(
                check_expectation(
                    &Expectation::Test { test: name.into() },
                    Mode::Test,
                    &failed
                ),
                Ok(())
            );
        }
        let why = check_expectation(
            &Expectation::Test {
                test: "other".into(),
            },
            Mode::Test,
            &failed,
        )
        .expect_err("other test");
        assert!(
            why.contains("the failing tests were: tests::sums_to_one"),
            "{why}"
        );
    }

    #[test]
    fn a_run_expectation_reads_the_output_of_a_failed_main() {
        let expect = Expectation::Run {
            contains: vec!["OutOfRange".into()],
        };
        let failed = verdict(
            Outcome::RunFailed {
                exit: Exit::Code { code: 1 },
                output: output("Error: OutOfRange { kind: \"token\", index: 9, limit: 4 }\n"),
            },
            vec![],
        );
        assert_eq!(check_expectation(&expect, Mode::Test, &failed), Ok(()));
        let timed_out = verdict(
            Outcome::TimedOut {
                limit: Duration::from_secs(10),
                output: output(""),
            },
            vec![],
        );
        assert!(
            check_expectation(&expect, Mode::Test, &timed_out).is_err(),
            "a timeout is not the declared failure"
        );
    }

    #[test]
    fn a_solution_must_pass() {
        assert_eq!(
            check_solution(
                Mode::Test,
                &verdict(Outcome::Passed { output: output("") }, vec![])
            ),
            Ok(())
        );
        let lint = verdict(
            Outcome::CompileError,
            vec![error(
                "clippy::needless_return",
                "error: unneeded `return` statement",
            )],
        );
        let why = check_solution(Mode::Test, &lint).expect_err("a lint fails the solution");
        assert!(why.contains("clippy::needless_return"), "{why}");
    }
}
