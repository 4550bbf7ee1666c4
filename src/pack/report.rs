//! The report of `verify --pack` in the three formats: human, JSON
//! (`schema_version` 1) and JUnit XML. Every problem of every exercise is
//! listed, never just the first.

use std::io::{self, Write};
use std::path::PathBuf;

use colored::Colorize;
use serde::Serialize;

use super::check::{ExerciseReport, ObligationCheck};
use crate::course::Course;
use crate::error::Error;

use crate::report::document::{self, SCHEMA_VERSION, millis};
use crate::report::junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

/// `verify --pack`'s findings.
#[derive(Debug)]
pub struct PackReport {
    /// Per exercise, in course order: its report, or the error that stopped its checks.
    pub exercises: Vec<(String, Result<ExerciseReport, Error>)>,
    /// Files under exercises/ or solutions/ that info.toml does not list.
    pub stray: Vec<PathBuf>,
}

impl PackReport {
    /// How many problems in all (an exercise that could not be checked counts as one).
    pub fn problem_count(&self) -> usize {
        let per_exercise: usize = self
            .exercises
            .iter()
            .map(|(_, result)| result.as_ref().map_or(1, |report| report.problems.len()))
            .sum();
        per_exercise + self.stray.len()
    }
}

/// The human report: each exercise with its problems, then the stray files.
pub fn write_human(out: &mut dyn Write, report: &PackReport) -> io::Result<()> {
    for (name, result) in &report.exercises {
        match result {
            Ok(exercise) if exercise.problems.is_empty() => {
                writeln!(out, "{} {name}", "✓".green().bold())?
            }
            Ok(exercise) => {
                writeln!(out, "{} {name}", "✗".red().bold())?;
                for problem in &exercise.problems {
                    let message = problem.message.replace('\n', "\n      ");
                    writeln!(out, "    [{}] {message}", problem.check.as_str().yellow())?;
                }
            }
            Err(error) => writeln!(
                out,
                "{} {name}: could not be checked: {error}",
                "✗".red().bold()
            )?,
        }
    }
    for file in &report.stray {
        writeln!(
            out,
            "{} {}: not listed in info.toml (add an [[exercises]] entry or remove the file)",
            "✗".red().bold(),
            file.display()
        )?;
    }
    let count = report.problem_count();
    writeln!(out)?;
    if count == 0 {
        writeln!(
            out,
            "The course passes its checks: {} exercises.",
            report.exercises.len()
        )
    } else {
        writeln!(
            out,
            "{count} problem{} found.",
            if count == 1 { "" } else { "s" }
        )
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    schema_version: u32,
    command: &'static str,
    course: String,
    partition: Option<String>,
    problem_count: usize,
    exercises: Vec<JsonExercise<'a>>,
    stray_files: Vec<String>,
}

#[derive(Serialize)]
struct JsonExercise<'a> {
    name: &'a str,
    status: &'static str,
    duration_ms: u64,
    problems: Vec<JsonProblem>,
    /// Each `must_not_compile` obligation against the solution.
    obligations: Vec<JsonObligation<'a>>,
    error: Option<String>,
}

#[derive(Serialize)]
struct JsonObligation<'a> {
    name: &'a str,
    /// `held`, `failed` or `not_checked` (the solution does not compile).
    status: &'static str,
    message: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonProblem {
    check: &'static str,
    message: String,
}

/// The JSON report.
pub fn write_json(
    out: &mut dyn Write,
    course: &Course,
    report: &PackReport,
    partition: Option<String>,
) -> io::Result<()> {
    let json = JsonReport {
        schema_version: SCHEMA_VERSION,
        command: "verify --pack",
        course: course.root().display().to_string(),
        partition,
        problem_count: report.problem_count(),
        exercises: report
            .exercises
            .iter()
            .map(|(name, result)| JsonExercise {
                name,
                status: match result {
                    Ok(exercise) if exercise.problems.is_empty() => "ok",
                    Ok(_) => "failed",
                    Err(_) => "error",
                },
                duration_ms: result
                    .as_ref()
                    .map_or(0, |exercise| millis(exercise.duration)),
                problems: result
                    .as_ref()
                    .map(|exercise| {
                        exercise
                            .problems
                            .iter()
                            .map(|problem| JsonProblem {
                                check: problem.check.as_str(),
                                message: problem.message.clone(),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                obligations: result
                    .as_ref()
                    .map(|exercise| {
                        exercise
                            .obligations
                            .iter()
                            .map(|(name, check)| JsonObligation {
                                name,
                                status: match check {
                                    ObligationCheck::Held => "held",
                                    ObligationCheck::Failed(_) => "failed",
                                    ObligationCheck::NotChecked => "not_checked",
                                },
                                message: match check {
                                    ObligationCheck::Failed(message) => Some(message),
                                    _ => None,
                                },
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                error: result.as_ref().err().map(ToString::to_string),
            })
            .collect(),
        stray_files: report
            .stray
            .iter()
            .map(|file| file.display().to_string())
            .collect(),
    };
    document::write_json(out, &json)
}

/// The JUnit report: a suite of exercises (one case each, a failure listing
/// its problems, then one case per `must_not_compile` obligation against the
/// solution, `<exercise>::must_not_compile::<name>`) and a `manifest` case
/// for stray files.
pub fn write_junit(out: &mut dyn Write, report: &PackReport) -> io::Result<()> {
    let mut junit = Report::new("typed-ai-rustlings verify --pack");
    let mut suite = TestSuite::new("exercises");
    for (name, result) in &report.exercises {
        let status = match result {
            Ok(exercise) if exercise.problems.is_empty() => TestCaseStatus::success(),
            Ok(exercise) => {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                let checks: Vec<&str> = exercise
                    .problems
                    .iter()
                    .map(|problem| problem.check.as_str())
                    .collect();
                status.set_message(format!("failed checks: {}", checks.join(", ")));
                let details: Vec<String> = exercise
                    .problems
                    .iter()
                    .map(|problem| format!("[{}] {}", problem.check.as_str(), problem.message))
                    .collect();
                status.set_description(details.join("\n\n"));
                status
            }
            Err(error) => {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
                status.set_message(error.to_string());
                status
            }
        };
        let mut case = TestCase::new(name.as_str(), status);
        case.set_classname("exercises");
        if let Ok(exercise) = result {
            case.set_time(exercise.duration);
        }
        suite.add_test_case(case);
        for (obligation, check) in result.iter().flat_map(|exercise| &exercise.obligations) {
            let status = match check {
                ObligationCheck::Held => TestCaseStatus::success(),
                ObligationCheck::Failed(message) => {
                    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    status.set_message(message.lines().next().unwrap_or_default());
                    status.set_description(message.clone());
                    status
                }
                ObligationCheck::NotChecked => {
                    let mut status = TestCaseStatus::skipped();
                    status.set_message("not checked: the solution does not compile");
                    status
                }
            };
            let mut case = TestCase::new(format!("{name}::must_not_compile::{obligation}"), status);
            case.set_classname("exercises");
            suite.add_test_case(case);
        }
    }
    let manifest_status = if report.stray.is_empty() {
        TestCaseStatus::success()
    } else {
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
        let files: Vec<String> = report
            .stray
            .iter()
            .map(|file| file.display().to_string())
            .collect();
        status.set_message(format!("not listed in info.toml: {}", files.join(", ")));
        status
    };
    suite.add_test_case(TestCase::new("manifest", manifest_status));
    junit.add_test_suite(suite);
    document::write_junit(out, &junit)
}
