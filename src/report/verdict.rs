//! A verdict for people: what changed since the try before, compiler errors
//! with the hint under each, the program's or tests' output, each
//! `must_not_compile` obligation (the misuse and why, when it does not
//! hold), what `main` printed after a test-mode pass, and a one-line
//! conclusion, as `run` prints it. Watch mode lays out its own screen
//! (`watch/screen.rs`) from the same hints and words.
//!
//! On a pass, warnings (an unused import, say) come after the pass line,
//! dimmed and once each: the pass is the news. Colour is the caller's
//! choice (`color`); rustc's and the test harness's own ANSI colours are
//! stripped when it is off, and every other escape sequence always
//! (`text::sanitize`). It does not decide the hint (`hints/`) or the exit
//! code (the command does).

use std::io::{self, Write};

use colored::Colorize;

use super::words::{Mark, WayBack, conclusion, obligation_details, obligation_line, tests_differ};
use crate::course::{Exercise, Mode};
use crate::engine::{Level, Verdict};
use crate::hints::{BuiltinHints, annotate_errors};
use crate::text::{reflow, sanitize, strip_ansi, wrap_words};

/// Width to which hint text is wrapped.
const WRAP: usize = 88;

/// Writes `verdict` on `exercise` for a person. `hints_seen` is how many
/// progressive hints the learner has revealed (for the fallback hint);
/// `change` is what changed since the try before (`words::what_changed`),
/// shown first.
/// `builtin` is the built-in hints' voice for this course.
pub fn write_verdict(
    out: &mut dyn Write,
    exercise: &Exercise,
    verdict: &Verdict,
    hints_seen: usize,
    change: Option<&str>,
    builtin: BuiltinHints,
    color: bool,
) -> io::Result<()> {
    // rustc's text quotes the learner's file and the output is a program's:
    // only colour reaches the terminal, never a title, a clipboard or a
    // cleared screen.
    let plain = |text: &str| -> String { sanitize(text, color) };
    if let Some(change) = change {
        writeln!(out, "{}\n", format!("→ {change}").cyan().bold())?;
    }
    let passed = verdict.passed();
    let annotated = annotate_errors(exercise, &verdict.compiler.messages, hints_seen, builtin);
    let mut errors = annotated.iter();
    let mut warnings_after: Vec<&str> = Vec::new();
    for message in &verdict.compiler.messages {
        if message.level == Level::Other && message.rendered.trim().is_empty() {
            continue;
        }
        if passed && message.level == Level::Warning {
            let rendered = message.rendered.trim_end();
            if !warnings_after.contains(&rendered) {
                warnings_after.push(rendered);
            }
            continue;
        }
        writeln!(out, "{}", plain(message.rendered.trim_end()))?;
        if message.is_error()
            && let Some(hint) = errors.next().and_then(|annotated| annotated.hint.as_ref())
        {
            write_wrapped(out, &format!("{}", "hint:".cyan().bold()), &hint.text)?;
        }
        writeln!(out)?;
    }
    for line in &verdict.compiler.text {
        writeln!(out, "{}", plain(line))?;
    }
    if let Some(output) = verdict.outcome.output()
        && !output.text.trim().is_empty()
    {
        let what = match exercise.mode {
            Mode::Test => "test output",
            Mode::Run => "program output",
        };
        write_section(out, what, &plain(output.text.trim_end()))?;
    }
    if passed
        && let Some(program) = &verdict.program_output
        && !program.text.trim().is_empty()
    {
        write_section(out, "program output", &plain(program.text.trim_end()))?;
    }
    if let Some(differ) = &verdict.tests_differ {
        writeln!(
            out,
            "{}",
            tests_differ(exercise, differ, WayBack::Command).yellow()
        )?;
    }
    if !verdict.obligations.is_empty() {
        writeln!(out, "{}", "── must not compile ──".dimmed())?;
        for result in &verdict.obligations {
            let (mark, line) = obligation_line(result);
            writeln!(out, "{} {line}", colour(mark))?;
            let Some(obligation) = exercise
                .must_not_compile
                .iter()
                .find(|obligation| obligation.name == result.name)
            else {
                continue;
            };
            for detail in obligation_details(obligation, result) {
                writeln!(out, "    {detail}")?;
            }
        }
        writeln!(out, "{}", "──".dimmed())?;
    }
    let conclusion = conclusion(exercise, verdict);
    let conclusion = format!("{} {}", colour(conclusion.mark), conclusion.text);
    write!(out, "{conclusion}")?;
    if verdict.cached {
        write!(
            out,
            " {}",
            "(the file is unchanged since it was last checked)".dimmed()
        )?;
    }
    writeln!(out)?;
    for warning in warnings_after {
        writeln!(out, "{}", strip_ansi(warning).dimmed())?;
    }
    Ok(())
}

/// A titled block of program or test output.
fn write_section(out: &mut dyn Write, title: &str, text: &str) -> io::Result<()> {
    writeln!(out, "{}", format!("── {title} ──").dimmed())?;
    writeln!(out, "{text}")?;
    writeln!(out, "{}", "──".dimmed())
}

/// A mark in its colour.
fn colour(mark: Mark) -> colored::ColoredString {
    match mark {
        Mark::Pass => mark.symbol().green().bold(),
        Mark::Fail => mark.symbol().red().bold(),
    }
}

/// `label` then `text` wrapped at [`WRAP`] columns, continuation lines indented.
fn write_wrapped(out: &mut dyn Write, label: &str, text: &str) -> io::Result<()> {
    let indent = "      ";
    let rows = wrap_words(&reflow(text), WRAP - indent.len(), "");
    for (index, row) in rows.iter().enumerate() {
        if index == 0 {
            writeln!(out, "{label} {row}")?;
        } else {
            writeln!(out, "{indent}{row}")?;
        }
    }
    if rows.is_empty() {
        writeln!(out, "{label}")?;
    }
    Ok(())
}
