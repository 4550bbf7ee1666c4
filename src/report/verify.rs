//! The report of `verify` (the learner's progress check) in the three
//! formats: human, JSON (`schema_version` 1) and JUnit XML.
//!
//! It formats results it is given; it does not run checks or record progress.

use std::io::{self, Write};
use std::path::Path;

use colored::Colorize;
use serde::Serialize;

use crate::course::{Course, Exercise};
use crate::engine::{CompilerMessage, ObligationResult, Outcome, TestRun, TestsDiffer, Verdict};
use crate::error::Error;
use crate::text::{sanitize, strip_ansi};

use super::document::{self, SCHEMA_VERSION, millis};
use super::junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
use super::words::{
    WayBack, obligation_details, obligation_line, reason, tests_differ, tests_differ_short,
};

/// One exercise's result: a verdict, or the error that kept it from being checked.
#[derive(Debug)]
pub struct Entry<'c> {
    /// The exercise.
    pub exercise: &'c Exercise,
    /// Its verdict, or why there is none.
    pub result: Result<Verdict, Error>,
}

impl Entry<'_> {
    fn passed(&self) -> bool {
        self.result.as_ref().is_ok_and(Verdict::passed)
    }

    /// One line saying why it did not pass (and that its tests block is
    /// not the course's, when it is not).
    fn reason(&self) -> String {
        match &self.result {
            Err(error) => error.to_string(),
            Ok(verdict) => match &verdict.tests_differ {
                Some(_) => format!(
                    "{}; {}",
                    reason(verdict, self.exercise.mode),
                    tests_differ_short(self.exercise)
                ),
                None => reason(verdict, self.exercise.mode),
            },
        }
    }
}

/// The human report: one line per exercise, then the totals and what is
/// next (`current`: the current exercise's name and the path to show), or,
/// once every exercise of the course is done, `final_message`.
pub fn write_human(
    out: &mut dyn Write,
    entries: &[Entry<'_>],
    current: Option<(&str, &Path)>,
    final_message: Option<&str>,
) -> io::Result<()> {
    let width = entries
        .iter()
        .map(|entry| entry.exercise.name.len())
        .max()
        .unwrap_or(0);
    for entry in entries {
        let name = &entry.exercise.name;
        let differs = entry
            .result
            .as_ref()
            .is_ok_and(|verdict| verdict.tests_differ.is_some());
        if entry.passed() && differs {
            writeln!(
                out,
                "{} {name:<width$}  {}",
                "✓".green().bold(),
                tests_differ_short(entry.exercise)
            )?;
        } else if entry.passed() {
            writeln!(out, "{} {name}", "✓".green().bold())?;
        } else {
            writeln!(
                out,
                "{} {name:<width$}  {}",
                "✗".red().bold(),
                sanitize(&entry.reason(), false)
            )?;
        }
    }
    let passed = entries.iter().filter(|entry| entry.passed()).count();
    writeln!(out)?;
    writeln!(out, "{passed} of {} exercises pass.", entries.len())?;
    if let Some((name, path)) = current {
        writeln!(
            out,
            "Next: `{name}` ({}). `typed-ai-rustlings run` shows its errors and hints.",
            path.display()
        )?;
    } else if let Some(message) = final_message {
        writeln!(out, "\n{}", message.trim_end())?;
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonReport<'a> {
    schema_version: u32,
    command: &'static str,
    course: String,
    partition: Option<String>,
    summary: JsonSummary,
    exercises: Vec<JsonExercise<'a>>,
}

#[derive(Serialize)]
struct JsonSummary {
    total: usize,
    passed: usize,
    failed: usize,
    errors: usize,
}

#[derive(Serialize)]
struct JsonExercise<'a> {
    name: &'a str,
    path: String,
    chapter: &'a str,
    mode: &'static str,
    /// `passed`, `failed`, or `error` (it could not be checked).
    status: &'static str,
    /// The outcome label, when checked.
    outcome: Option<&'static str>,
    cached: bool,
    duration_ms: u64,
    failed_tests: Vec<String>,
    /// Test mode: the course's tests, then the learner's, each with how the
    /// harness reported it.
    tests: Vec<TestRun>,
    /// Test mode: how the learner's tests block differs from the course's.
    tests_differ: Option<TestsDiffer>,
    /// Run mode: fragments of the pass contract the output lacks.
    missing_output: Vec<String>,
    compiler_errors: Vec<JsonDiagnostic>,
    output: Option<String>,
    /// Every `must_not_compile` obligation of the exercise, in order.
    obligations: Vec<JsonObligation<'a>>,
    /// Test mode: what `main` printed while the tests ran.
    program_output: Option<String>,
    error: Option<String>,
}

#[derive(Serialize)]
struct JsonObligation<'a> {
    name: &'a str,
    /// `held`, `compiles`, `otherwise`, `broken`, or `not_checked` (the
    /// file did not compile, so no misuse was compiled against it).
    status: &'static str,
    code: &'a str,
    why: &'a str,
    /// rustc's errors: the proof for `held`, what it said for `otherwise`
    /// and `broken`.
    errors: Vec<JsonDiagnostic>,
}

#[derive(Serialize)]
struct JsonDiagnostic {
    code: Option<String>,
    message: String,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    rendered: String,
}

/// The JSON report.
pub fn write_json(
    out: &mut dyn Write,
    course: &Course,
    entries: &[Entry<'_>],
    partition: Option<String>,
) -> io::Result<()> {
    let exercises: Vec<JsonExercise<'_>> = entries
        .iter()
        .map(|entry| {
            let exercise = entry.exercise;
            let verdict = entry.result.as_ref().ok();
            JsonExercise {
                name: &exercise.name,
                path: format!("exercises/{}", exercise.path.display()),
                chapter: &exercise.chapter,
                mode: exercise.mode.as_str(),
                status: match &entry.result {
                    Err(_) => "error",
                    Ok(verdict) if verdict.passed() => "passed",
                    Ok(_) => "failed",
                },
                outcome: verdict.map(|verdict| verdict.outcome.label()),
                cached: verdict.is_some_and(|verdict| verdict.cached),
                duration_ms: verdict.map_or(0, |verdict| millis(verdict.duration)),
                failed_tests: match verdict.map(|verdict| &verdict.outcome) {
                    Some(Outcome::TestsFailed { failed, .. }) => failed.clone(),
                    _ => Vec::new(),
                },
                tests: verdict
                    .map(|verdict| verdict.tests.clone())
                    .unwrap_or_default(),
                tests_differ: verdict.and_then(|verdict| verdict.tests_differ.clone()),
                missing_output: match verdict.map(|verdict| &verdict.outcome) {
                    Some(Outcome::OutputMissing { missing, .. }) => missing.clone(),
                    _ => Vec::new(),
                },
                compiler_errors: verdict
                    .map(|verdict| verdict.compiler.errors().map(json_diagnostic).collect())
                    .unwrap_or_default(),
                output: verdict
                    .and_then(|verdict| verdict.outcome.output())
                    .map(|output| strip_ansi(&output.text).into_owned()),
                obligations: exercise
                    .must_not_compile
                    .iter()
                    .map(|obligation| {
                        let result = verdict
                            .and_then(|verdict| obligation_result(verdict, &obligation.name));
                        JsonObligation {
                            name: &obligation.name,
                            status: result.map_or("not_checked", |result| result.status.as_str()),
                            code: &obligation.code,
                            why: &obligation.why,
                            errors: result
                                .map(|result| result.errors.iter().map(json_diagnostic).collect())
                                .unwrap_or_default(),
                        }
                    })
                    .collect(),
                program_output: verdict
                    .and_then(|verdict| verdict.program_output.as_ref())
                    .map(|output| strip_ansi(&output.text).into_owned()),
                error: entry.result.as_ref().err().map(ToString::to_string),
            }
        })
        .collect();
    let passed = exercises
        .iter()
        .filter(|exercise| exercise.status == "passed")
        .count();
    let errors = exercises
        .iter()
        .filter(|exercise| exercise.status == "error")
        .count();
    let report = JsonReport {
        schema_version: SCHEMA_VERSION,
        command: "verify",
        course: course.root().display().to_string(),
        partition,
        summary: JsonSummary {
            total: exercises.len(),
            passed,
            failed: exercises.len() - passed - errors,
            errors,
        },
        exercises,
    };
    document::write_json(out, &report)
}

fn json_diagnostic(message: &CompilerMessage) -> JsonDiagnostic {
    JsonDiagnostic {
        code: message.code.clone(),
        message: message.message.clone(),
        file: message
            .location
            .as_ref()
            .map(|location| location.file.clone()),
        line: message.location.as_ref().map(|location| location.line),
        column: message.location.as_ref().map(|location| location.column),
        rendered: strip_ansi(&message.rendered).into_owned(),
    }
}

/// The result of the obligation `name` in `verdict`, when it was judged.
fn obligation_result<'v>(verdict: &'v Verdict, name: &str) -> Option<&'v ObligationResult> {
    verdict
        .obligations
        .iter()
        .find(|result| result.name == name)
}

/// One JUnit case per `must_not_compile` obligation of the entry's
/// exercise, named `<exercise>::must_not_compile::<name>`: passed when it
/// holds, failed with the misuse and rustc's words when it does not,
/// skipped when the file did not compile (or could not be checked).
fn obligation_cases(entry: &Entry<'_>, classname: &str) -> Vec<TestCase> {
    let exercise = entry.exercise;
    exercise
        .must_not_compile
        .iter()
        .map(|obligation| {
            let result = entry
                .result
                .as_ref()
                .ok()
                .and_then(|verdict| obligation_result(verdict, &obligation.name));
            let status = match result {
                Some(result) if result.held() => TestCaseStatus::success(),
                Some(result) => {
                    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    status.set_message(obligation_line(result).1);
                    status.set_description(obligation_details(obligation, result).join("\n"));
                    status
                }
                None => {
                    let mut status = TestCaseStatus::skipped();
                    status.set_message("not checked: the file does not compile yet");
                    status
                }
            };
            let mut case = TestCase::new(
                format!("{}::must_not_compile::{}", exercise.name, obligation.name),
                status,
            );
            case.set_classname(classname);
            case
        })
        .collect()
}

/// The JUnit report: one test suite per chapter, one test case per exercise
/// and one per `must_not_compile` obligation.
pub fn write_junit(out: &mut dyn Write, course: &Course, entries: &[Entry<'_>]) -> io::Result<()> {
    let mut report = Report::new("typed-ai-rustlings verify");
    for chapter in course.chapters() {
        let mut suite = TestSuite::new(chapter.id.as_str());
        for entry in entries
            .iter()
            .filter(|entry| entry.exercise.chapter == chapter.id)
        {
            let status = if entry.passed() {
                TestCaseStatus::success()
            } else {
                let kind = if entry.result.is_err() {
                    NonSuccessKind::Error
                } else {
                    NonSuccessKind::Failure
                };
                let mut status = TestCaseStatus::non_success(kind);
                status.set_message(entry.reason());
                if let Ok(verdict) = &entry.result {
                    let rendered: Vec<String> = verdict
                        .compiler
                        .errors()
                        .map(|message| strip_ansi(&message.rendered).into_owned())
                        .collect();
                    if !rendered.is_empty() {
                        status.set_description(rendered.join("\n"));
                    }
                }
                status
            };
            let mut case = TestCase::new(entry.exercise.name.as_str(), status);
            case.set_classname(chapter.id.as_str());
            if let Ok(verdict) = &entry.result {
                case.set_time(verdict.duration);
                let mut printed = verdict
                    .outcome
                    .output()
                    .map(|output| strip_ansi(&output.text).into_owned())
                    .unwrap_or_default();
                if let Some(differ) = &verdict.tests_differ {
                    printed.push_str(&format!(
                        "\n{}\n",
                        tests_differ(entry.exercise, differ, WayBack::Command)
                    ));
                }
                if let Some(program) = &verdict.program_output {
                    printed.push_str("\n── program output ──\n");
                    printed.push_str(&strip_ansi(&program.text));
                }
                if !printed.is_empty() {
                    case.set_system_out(printed);
                }
            }
            suite.add_test_case(case);
            for case in obligation_cases(entry, chapter.id.as_str()) {
                suite.add_test_case(case);
            }
        }
        if !suite.is_empty() {
            report.add_test_suite(suite);
        }
    }
    document::write_junit(out, &report)
}
