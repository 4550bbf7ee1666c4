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

use crate::course::{Exercise, Mode};
use crate::engine::{Exit, Level, Outcome, Verdict};
use crate::hints::annotate_errors;
use crate::text::strip_ansi;

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
    let plain = |text: &str| -> String {
        if color {
            text.to_owned()
        } else {
            strip_ansi(text).into_owned()
        }
    };
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
    let name = format!("`{}`", exercise.name);
    let conclusion = match &verdict.outcome {
        Outcome::Passed { .. } => format!("{} {name} passes.", "✓".green().bold()),
        Outcome::CompileError if verdict.blames_library() => format!(
            "{} {name} hit an error inside the course library: the course is broken, not your code.",
            "✗".red().bold()
        ),
        Outcome::CompileError => {
            let count = verdict.compiler.errors().count();
            format!(
                "{} {name} does not compile yet ({count} error{}).",
                "✗".red().bold(),
                if count == 1 { "" } else { "s" }
            )
        }
        Outcome::TestsFailed { failed, .. } => format!(
            "{} {name}: {} test{} failed: {}.",
            "✗".red().bold(),
            failed.len(),
            if failed.len() == 1 { "" } else { "s" },
            failed.join(", ")
        ),
        Outcome::RunFailed { exit, .. } => {
            format!(
                "{} {name}: {}.",
                "✗".red().bold(),
                describe_exit(*exit, exercise.mode)
            )
        }
        Outcome::TimedOut { limit, .. } => format!(
            "{} {name} was stopped after {} s without finishing (an endless loop?).",
            "✗".red().bold(),
            limit.as_secs()
        ),
    };
    write!(out, "{conclusion}")?;
    if verdict.cached {
        write!(out, " {}", "(unchanged since the last check)".dimmed())?;
    }
    writeln!(out)
}

/// How a failed program ended, in words.
pub fn describe_exit(exit: Exit, mode: Mode) -> String {
    match (exit, mode) {
        (Exit::Code { code: 101 }, Mode::Run) => "the program panicked (exit code 101)".to_owned(),
        (Exit::Code { code: 1 }, Mode::Run) => "`main` returned an error (exit code 1)".to_owned(),
        (Exit::Code { code }, Mode::Run) => format!("the program exited with code {code}"),
        (Exit::Code { code }, Mode::Test) => format!("the test harness exited with code {code}"),
        (Exit::Signal { signal }, _) => format!("the program was killed by signal {signal}"),
        (Exit::TimedOut, _) => "the program ran past its time limit".to_owned(),
    }
}

/// `label` then `text` wrapped at [`WRAP`] columns, continuation lines indented.
fn write_wrapped(out: &mut dyn Write, label: &str, text: &str) -> io::Result<()> {
    let indent = "      ";
    let mut line = String::new();
    let mut first = true;
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > WRAP - indent.len()
        {
            if first {
                writeln!(out, "{label} {line}")?;
                first = false;
            } else {
                writeln!(out, "{indent}{line}")?;
            }
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if first {
        writeln!(out, "{label} {line}")
    } else {
        writeln!(out, "{indent}{line}")
    }
}
