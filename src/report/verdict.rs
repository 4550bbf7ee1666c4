//! A verdict for people: compiler errors with the hint under each, the
//! program's or tests' output, each `must_not_compile` obligation (the
//! misuse and why, when it does not hold), and a one-line conclusion, as
//! `run` prints it.
//! Watch mode lays out its own screen (`watch/screen.rs`) from the same
//! hints.
//!
//! Colour is the caller's choice (`color`); rustc's and the test harness's own
//! ANSI colours are stripped when it is off, and every other escape sequence
//! always (`text::sanitize`). It does not decide the hint
//! (`hints/`) or the exit code (the command does).

use std::io::{self, Write};

use colored::Colorize;

use super::words::{Mark, conclusion, obligation_details, obligation_line};
use crate::course::{Exercise, Mode};
use crate::engine::{Level, Verdict};
use crate::hints::annotate_errors;
use crate::text::{reflow, sanitize, wrap_words};

/// Width to which hint text is wrapped.
const WRAP: usize = 88;

/// Writes `verdict` on `exercise` for a person. `hints_seen` is how many
/// progressive hints the learner has revealed (for the fallback hint).
pub fn write_verdict(
    out: &mut dyn Write,
    exercise: &Exercise,
    verdict: &Verdict,
    hints_seen: usize,
    color: bool,
) -> io::Result<()> {
    // rustc's text quotes the learner's file and the output is a program's:
    // only colour reaches the terminal, never a title, a clipboard or a
    // cleared screen.
    let plain = |text: &str| -> String { sanitize(text, color) };
    let annotated = annotate_errors(exercise, &verdict.compiler.messages, hints_seen);
    let mut errors = annotated.iter();
    for message in &verdict.compiler.messages {
        if message.level == Level::Other && message.rendered.trim().is_empty() {
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
        writeln!(out, "{}", format!("── {what} ──").dimmed())?;
        writeln!(out, "{}", plain(output.text.trim_end()))?;
        writeln!(out, "{}", "──".dimmed())?;
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
        write!(out, " {}", "(unchanged since the last check)".dimmed())?;
    }
    writeln!(out)
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
