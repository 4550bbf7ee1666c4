//! The report of `challenge check` in the three formats of `verify`: human,
//! JSON (`schema_version` 1) and JUnit XML (one suite per challenge, one
//! test case per named check).
//!
//! It formats reports it is given; it does not run checks.

use std::io::{self, Write};
use std::time::Duration;

use colored::Colorize;
use serde::Serialize;

use super::outcome::{ChallengeReport, CheckKind, CheckResult, Status};
use crate::report::document;
use crate::report::junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

/// The JSON report's schema version; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// The human report: each challenge with its checks, what to do next for a
/// failing one, then the totals.
pub fn write_human(out: &mut dyn Write, reports: &[ChallengeReport]) -> io::Result<()> {
    for report in reports {
        let mark = if report.passed() {
            "✓".green().bold()
        } else {
            "✗".red().bold()
        };
        let about = match (&report.title, &report.paper) {
            (Some(title), Some(paper)) => format!(": {title} ({})", paper.short_citation()),
            _ => String::new(),
        };
        writeln!(
            out,
            "{mark} {}{about}",
            report.path.display().to_string().bold()
        )?;
        let width = report
            .checks
            .iter()
            .map(|check| check.kind.name().chars().count())
            .max()
            .unwrap_or(0);
        for check in &report.checks {
            write_check(out, check, width)?;
        }
        if let Some((check, next)) = report.next_step() {
            writeln!(
                out,
                "  {} ({}) {next}",
                "Next:".yellow().bold(),
                check.kind.name()
            )?;
        }
        writeln!(out)?;
    }
    let passed = reports.iter().filter(|report| report.passed()).count();
    let total: Duration = reports.iter().map(|report| report.duration).sum();
    writeln!(
        out,
        "{passed} of {} challenge{} passed (checked in {:.1} s).",
        reports.len(),
        if reports.len() == 1 { "" } else { "s" },
        total.as_secs_f64()
    )
}

fn write_check(out: &mut dyn Write, check: &CheckResult, width: usize) -> io::Result<()> {
    let mark = match check.status {
        Status::Passed => "✓".green(),
        Status::Failed => "✗".red(),
        Status::Skipped => "-".dimmed(),
    };
    let name = check.kind.name();
    let pad = " ".repeat(width.saturating_sub(name.chars().count()));
    // "mutant `x` survived: ..." under the name "mutant `x`" need not say it twice.
    let summary = check
        .summary
        .strip_prefix(&format!("{name} "))
        .unwrap_or(&check.summary);
    let summary = match check.status {
        Status::Skipped => summary.dimmed().to_string(),
        _ => summary.to_owned(),
    };
    writeln!(out, "    {mark} {name}{pad}  {summary}")?;
    for detail in &check.details {
        writeln!(out, "        {}", detail.replace('\n', "\n        "))?;
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonReport<'a> {
    schema_version: u32,
    command: &'static str,
    summary: JsonSummary,
    challenges: Vec<JsonChallenge<'a>>,
}

#[derive(Serialize)]
struct JsonSummary {
    total: usize,
    passed: usize,
    failed: usize,
}

#[derive(Serialize)]
struct JsonChallenge<'a> {
    slug: &'a str,
    path: String,
    title: Option<&'a str>,
    paper: Option<JsonPaper<'a>>,
    /// `passed` or `failed`.
    status: &'static str,
    duration_ms: u64,
    checks: Vec<JsonCheck<'a>>,
}

#[derive(Serialize)]
struct JsonPaper<'a> {
    title: &'a str,
    citation: String,
    year: i64,
    arxiv: Option<&'a str>,
    url: Option<String>,
}

#[derive(Serialize)]
struct JsonCheck<'a> {
    /// `manifest`, `paper`, `parts`, `typed`, `lints`, `tests`, `example` or `mutant`.
    check: &'static str,
    /// The mutant's name, for a `mutant` check.
    mutant: Option<&'a str>,
    status: &'static str,
    summary: &'a str,
    details: &'a [String],
    next: Option<&'a str>,
    duration_ms: u64,
}

/// The JSON report.
pub fn write_json(out: &mut dyn Write, reports: &[ChallengeReport]) -> io::Result<()> {
    let challenges: Vec<JsonChallenge<'_>> = reports
        .iter()
        .map(|report| JsonChallenge {
            slug: &report.slug,
            path: report.path.display().to_string(),
            title: report.title.as_deref(),
            paper: report.paper.as_ref().map(|paper| JsonPaper {
                title: &paper.title,
                citation: paper.short_citation(),
                year: paper.year,
                arxiv: paper.arxiv.as_deref(),
                url: paper.link(),
            }),
            status: if report.passed() { "passed" } else { "failed" },
            duration_ms: document::millis(report.duration),
            checks: report
                .checks
                .iter()
                .map(|check| JsonCheck {
                    check: check.kind.label(),
                    mutant: match &check.kind {
                        CheckKind::Mutant(name) => Some(name),
                        _ => None,
                    },
                    status: check.status.as_str(),
                    summary: &check.summary,
                    details: &check.details,
                    next: check.next.as_deref(),
                    duration_ms: document::millis(check.duration),
                })
                .collect(),
        })
        .collect();
    let passed = challenges
        .iter()
        .filter(|challenge| challenge.status == "passed")
        .count();
    let report = JsonReport {
        schema_version: SCHEMA_VERSION,
        command: "challenge check",
        summary: JsonSummary {
            total: challenges.len(),
            passed,
            failed: challenges.len() - passed,
        },
        challenges,
    };
    document::write_json(out, &report)
}

/// The JUnit report: one test suite per challenge, one test case per check.
pub fn write_junit(out: &mut dyn Write, reports: &[ChallengeReport]) -> io::Result<()> {
    let mut junit = Report::new("typed-ai-rustlings challenge check");
    for report in reports {
        let mut suite = TestSuite::new(report.slug.as_str());
        for check in &report.checks {
            let status = match check.status {
                Status::Passed => TestCaseStatus::success(),
                Status::Skipped => {
                    let mut status = TestCaseStatus::skipped();
                    status.set_message(check.summary.as_str());
                    status
                }
                Status::Failed => {
                    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    status.set_message(check.summary.as_str());
                    let mut description = check.details.join("\n");
                    if let Some(next) = &check.next {
                        description.push_str(&format!("\nNext: {next}"));
                    }
                    status.set_description(description.trim_start().to_owned());
                    status
                }
            };
            let mut case = TestCase::new(check.kind.name(), status);
            case.set_classname(report.slug.as_str());
            case.set_time(check.duration);
            suite.add_test_case(case);
        }
        junit.add_test_suite(suite);
    }
    document::write_junit(out, &junit)
}
