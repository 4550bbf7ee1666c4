//! A verdict for people: compiler errors with the hint under each, the
//! program's or tests' output, and a one-line conclusion, as `run` prints it.
//! Watch mode lays out its own screen (`watch/screen.rs`) from the same
//! hints.
//!
//! Colour is the caller's choice (`color`); rustc's and the test harness's own
//! ANSI colours are stripped when it is off. It does not decide the hint
//! (`hints/`) or the exit code (the command does).

use std::io::{self, Write};

use colored::Colorize;

use super::words::{Mark, conclusion};
use crate::course::{Exercise, Mode};
use crate::engine::{Level, Verdict};
use crate::hints::{BuiltinHints, annotate_errors};
use crate::text::{reflow, strip_ansi, wrap_words};

/// Width to which hint text is wrapped.
const WRAP: usize = 88;

/// Writes `verdict` on `exercise` for a person. `hints_seen` is how many
/// progressive hints the learner has revealed (for the fallback hint);
/// `builtin` is the built-in hints' voice for this course.
pub fn write_verdict(
    out: &mut dyn Write,
    exercise: &Exercise,
    verdict: &Verdict,
    hints_seen: usize,
    builtin: BuiltinHints,
    color: bool,
) -> io::Result<()> {
    let plain = |text: &str| -> String {
        if color {
            text.to_owned()
        } else {
            strip_ansi(text).into_owned()
        }
    };
    let annotated = annotate_errors(exercise, &verdict.compiler.messages, hints_seen, builtin);
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
    let conclusion = conclusion(exercise, verdict);
    let mark = match conclusion.mark {
        Mark::Pass => conclusion.mark.symbol().green().bold(),
        Mark::Fail => conclusion.mark.symbol().red().bold(),
    };
    let conclusion = format!("{mark} {}", conclusion.text);
    write!(out, "{conclusion}")?;
    if verdict.cached {
        write!(out, " {}", "(unchanged since the last check)".dimmed())?;
    }
    writeln!(out)
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
