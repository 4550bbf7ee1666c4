//! Compiler diagnostics as the runner keeps them: parsed from rustc's JSON
//! lines with `cargo_metadata`'s types, reduced to what the report, the hints
//! and the cache need, and attributed to the learner's file, the course
//! library or elsewhere. Notes that point into the standard library's
//! sources (`/rustc/<hash>/library/...`, a path no learner can open) are
//! folded to one line each.
//!
//! It does not choose hints (`hints/`) or print anything (`report/`).

use std::path::{Path, PathBuf};

use cargo_metadata::diagnostic::{Diagnostic, DiagnosticLevel, DiagnosticSpan};
use serde::{Deserialize, Serialize};

use crate::text::strip_ansi;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// An error (fails the compile).
    Error,
    /// A warning (fails only with lints denied).
    Warning,
    /// Anything else rustc sends at top level (note, help, internal compiler error).
    Other,
}

/// Whose code a diagnostic points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// The file being checked (the learner's exercise, or a solution).
    File,
    /// The course library: the course is broken, not the learner's work.
    Library,
    /// Elsewhere or nowhere (std, a linker error).
    Elsewhere,
}

/// Where a diagnostic's primary span starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// The file as rustc names it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// One top-level compiler diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompilerMessage {
    /// Error, warning or other.
    pub level: Level,
    /// `E0308`, `unused_variables`, `clippy::needless_return`, ...
    pub code: Option<String>,
    /// The one-line message, e.g. "mismatched types".
    pub message: String,
    /// rustc's rendered text, with ANSI colours.
    pub rendered: String,
    /// Where the primary span is, after following macro expansions back to the file.
    pub location: Option<Location>,
    /// Whose code it points at.
    pub origin: Origin,
}

impl CompilerMessage {
    /// Whether it is an error.
    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

/// What a compiler printed on stderr: diagnostics, and any line that was not
/// JSON (kept as text, never dropped).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompilerOutput {
    /// The diagnostics, in the order rustc emitted them.
    pub messages: Vec<CompilerMessage>,
    /// Lines that were not diagnostics.
    pub text: Vec<String>,
}

impl CompilerOutput {
    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &CompilerMessage> {
        self.messages.iter().filter(|message| message.is_error())
    }
}

/// Attributes spans to the checked file or the library.
#[derive(Debug, Clone)]
pub struct Attribution {
    /// The checked file exactly as passed to rustc.
    pub file: PathBuf,
    /// The library folder (absolute).
    pub library_dir: PathBuf,
}

impl Attribution {
    fn origin_of(&self, span_file: &str) -> Origin {
        let path = Path::new(span_file);
        if path == self.file {
            return Origin::File;
        }
        if path.is_absolute() {
            if path.starts_with(&self.library_dir) {
                return Origin::Library;
            }
            return Origin::Elsewhere;
        }
        // cargo builds the library from its workspace root and records paths
        // relative to it (`crates/typed-ai/src/domain.rs`); that root is one of
        // the library folder's ancestors.
        let in_library = self.library_dir.ancestors().any(|root| {
            root.join(path).starts_with(&self.library_dir) && root.join(path).is_file()
        });
        if in_library {
            Origin::Library
        } else {
            Origin::Elsewhere
        }
    }
}

/// Parses a compiler's stderr (`--error-format=json`), one JSON object per line.
pub fn parse_compiler_output(stderr: &str, attribution: &Attribution) -> CompilerOutput {
    let mut output = CompilerOutput::default();
    for line in stderr.lines() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            continue;
        }
        match trimmed
            .starts_with('{')
            .then(|| serde_json::from_str::<Diagnostic>(trimmed).ok())
            .flatten()
        {
            Some(diagnostic) => {
                if let Some(message) = convert(diagnostic, attribution) {
                    output.messages.push(message);
                }
            }
            None => output.text.push(line.to_owned()),
        }
    }
    output
}

fn convert(diagnostic: Diagnostic, attribution: &Attribution) -> Option<CompilerMessage> {
    if is_summary(&diagnostic) {
        return None;
    }
    let level = match diagnostic.level {
        DiagnosticLevel::Error | DiagnosticLevel::Ice => Level::Error,
        DiagnosticLevel::Warning => Level::Warning,
        _ => Level::Other,
    };
    let primary = diagnostic.spans.iter().find(|span| span.is_primary);
    let (location, origin) = match primary {
        Some(span) => {
            let span = follow_expansion(span, attribution);
            let location = Location {
                file: span.file_name.clone(),
                line: span.line_start,
                column: span.column_start,
            };
            (Some(location), attribution.origin_of(&span.file_name))
        }
        None => (None, Origin::Elsewhere),
    };
    Some(CompilerMessage {
        level,
        code: diagnostic.code.map(|code| code.code),
        rendered: fold_std_notes(
            &diagnostic
                .rendered
                .unwrap_or_else(|| diagnostic.message.clone()),
        ),
        message: diagnostic.message,
        location,
        origin,
    })
}

/// `rendered` with each note (or help) that points into the standard
/// library's sources folded into its own first line, which then names the
/// place: `note: associated function defined here (in the standard
/// library: alloc/src/vec/mod.rs:463)`. The `-->` line, and the quoted
/// source under it when the `rust-src` component is installed, go; so do
/// `:::` lines (further spans) into those sources and their quotes. Colour
/// is kept on every line that stays.
pub fn fold_std_notes(rendered: &str) -> String {
    let lines: Vec<&str> = rendered.split_inclusive('\n').collect();
    let plain: Vec<String> = lines
        .iter()
        .map(|line| strip_ansi(line).into_owned())
        .collect();
    let mut folded = String::with_capacity(rendered.len());
    let mut index = 0;
    while index < lines.len() {
        let place = std_place(&plain[index], "-->").or_else(|| std_place(&plain[index], ":::"));
        match place {
            Some(place) => {
                // A `-->` right under a note or help line: name the place there.
                let under_label = plain[index].trim_start().starts_with("-->")
                    && index > 0
                    && is_label(&plain[index - 1]);
                if under_label && folded.ends_with('\n') {
                    folded.pop();
                    folded.push_str(&format!(" (in the standard library: {place})\n"));
                }
                index += 1;
                while index < lines.len() && is_quote(&plain[index]) {
                    index += 1;
                }
            }
            None => {
                folded.push_str(lines[index]);
                index += 1;
            }
        }
    }
    folded
}

/// `library/core/src/option.rs:608` from a `-->` (or `:::`) line into the
/// standard library's sources; `None` for any other line.
fn std_place(plain: &str, arrow: &str) -> Option<String> {
    let path = plain.trim_start().strip_prefix(arrow)?.trim();
    let rest = path.strip_prefix("/rustc/")?;
    let (_hash, inside) = rest.split_once('/')?;
    let inside = inside.strip_prefix("library/")?;
    // Drop the column: the line is enough to find it.
    let place = match inside.rsplit_once(':') {
        Some((file_and_line, column)) if column.chars().all(|c| c.is_ascii_digit()) => {
            file_and_line
        }
        _ => inside,
    };
    Some(place.to_owned())
}

/// A `note: ...` or `help: ...` line (not indented: rustc starts sub-diagnostics at column 0).
fn is_label(plain: &str) -> bool {
    ["note", "help"].iter().any(|label| {
        plain
            .strip_prefix(label)
            .is_some_and(|rest| rest.starts_with(':') || rest.starts_with('['))
    })
}

/// A line of quoted source under a `-->`: ` |`, `12 | code`, `...`.
fn is_quote(plain: &str) -> bool {
    let trimmed = plain.trim_start();
    let after_number = trimmed
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start();
    after_number.starts_with('|') || trimmed.trim_end() == "..."
}

/// rustc's closing lines ("aborting due to 2 previous errors", "1 warning
/// emitted", "For more information about this error, ...") say nothing the
/// diagnostics above them do not.
fn is_summary(diagnostic: &Diagnostic) -> bool {
    let message = diagnostic.message.as_str();
    matches!(diagnostic.level, DiagnosticLevel::FailureNote)
        || (diagnostic.spans.is_empty()
            && (message.starts_with("aborting due to")
                || message.ends_with("warning emitted")
                || message.ends_with("warnings emitted")))
}

/// A span inside a macro expansion points into the macro's definition; walk
/// back through the expansions to the call site in the checked file, if any.
fn follow_expansion<'a>(span: &'a DiagnosticSpan, attribution: &Attribution) -> &'a DiagnosticSpan {
    let mut current = span;
    while attribution.origin_of(&current.file_name) != Origin::File {
        match &current.expansion {
            Some(expansion) => current = &expansion.span,
            None => return span,
        }
    }
    current
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attribution() -> Attribution {
        Attribution {
            file: PathBuf::from("exercises/01_first/x.rs"),
            library_dir: PathBuf::from("/nowhere/crates/typed-ai"),
        }
    }

    #[test]
    fn json_lines_become_messages_and_other_lines_stay_as_text() {
        let stderr = concat!(
            r#"{"$message_type":"diagnostic","message":"mismatched types","code":{"code":"E0308","explanation":null},"level":"error","spans":[{"file_name":"exercises/01_first/x.rs","byte_start":10,"byte_end":12,"line_start":3,"line_end":3,"column_start":20,"column_end":22,"is_primary":true,"text":[],"label":"expected `Vector`, found `Logits`","suggested_replacement":null,"suggestion_applicability":null,"expansion":null}],"children":[],"rendered":"error[E0308]: mismatched types\n"}"#,
            "\n",
            "warning: a line that is not JSON\n",
            r#"{"$message_type":"diagnostic","message":"aborting due to 1 previous error","code":null,"level":"error","spans":[],"children":[],"rendered":"error: aborting due to 1 previous error\n"}"#,
            "\n",
            r#"{"$message_type":"diagnostic","message":"For more information about this error, try `rustc --explain E0308`.","code":null,"level":"failure-note","spans":[],"children":[],"rendered":"For more information\n"}"#,
            "\n"
        );
        let output = parse_compiler_output(stderr, &attribution());
        assert_eq!(output.messages.len(), 1);
        let message = &output.messages[0];
        assert_eq!(message.code.as_deref(), Some("E0308"));
        assert_eq!(message.level, Level::Error);
        assert_eq!(message.origin, Origin::File);
        assert_eq!(
            message.location,
            Some(Location {
                file: "exercises/01_first/x.rs".into(),
                line: 3,
                column: 20
            })
        );
        assert_eq!(
            output.text,
            vec!["warning: a line that is not JSON".to_owned()]
        );
    }

    #[test]
    fn notes_into_the_standard_library_fold_to_one_line() {
        // rustc 1.95's rendering of E0061 and E0308 (colour kept), with a
        // quote under the std note as rustc shows it when rust-src is installed.
        let e0061 = "\u{1b}[1m\u{1b}[91merror[E0061]\u{1b}[0m\u{1b}[1m: this function takes 0 arguments but 1 argument was supplied\u{1b}[0m\n \u{1b}[1m\u{1b}[94m--> \u{1b}[0mx.rs:3:23\n  \u{1b}[1m\u{1b}[94m|\u{1b}[0m\n\u{1b}[1m\u{1b}[94m3\u{1b}[0m \u{1b}[1m\u{1b}[94m|\u{1b}[0m     let v: Vec<i32> = Vec::new(1);\n  \u{1b}[1m\u{1b}[94m|\u{1b}[0m\n\u{1b}[1m\u{1b}[92mnote\u{1b}[0m: associated function defined here\n \u{1b}[1m\u{1b}[94m--> \u{1b}[0m/rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/alloc/src/vec/mod.rs:463:17\n    |\n463 |     pub const fn new() -> Self {\n    |                  ^^^\n\u{1b}[1m\u{1b}[96mhelp\u{1b}[0m: remove the extra argument\n  \u{1b}[1m\u{1b}[94m|\u{1b}[0m\n\n";
        let folded = fold_std_notes(e0061);
        let plain = strip_ansi(&folded);
        assert!(
            plain.contains("note: associated function defined here (in the standard library: alloc/src/vec/mod.rs:463)\nhelp: remove the extra argument\n"),
            "{plain}"
        );
        assert!(!plain.contains("/rustc/"), "{plain}");
        assert!(!plain.contains("pub const fn new"), "{plain}");
        assert!(plain.starts_with("error[E0061]: this function takes 0 arguments"));
        assert!(
            plain.contains("3 |     let v: Vec<i32> = Vec::new(1);"),
            "the learner's quote stays"
        );
        assert!(folded.contains("\u{1b}[92mnote"), "colour stays");

        let tail = "\u{1b}[1m\u{1b}[92mnote\u{1b}[0m: tuple variant defined here\n \u{1b}[1m\u{1b}[94m--> \u{1b}[0m/rustc/abc/library/core/src/option.rs:608:4\n\n";
        assert_eq!(
            strip_ansi(&fold_std_notes(tail)),
            "note: tuple variant defined here (in the standard library: core/src/option.rs:608)\n\n"
        );
        let untouched = "error: x\n --> exercises/a.rs:1:1\nnote: required by a bound in `takes`\n --> exercises/a.rs:1:13\n";
        assert_eq!(fold_std_notes(untouched), untouched);
    }

    #[test]
    fn spans_are_attributed_to_the_file_the_library_or_elsewhere() {
        let attribution = attribution();
        assert_eq!(
            attribution.origin_of("exercises/01_first/x.rs"),
            Origin::File
        );
        assert_eq!(
            attribution.origin_of("/nowhere/crates/typed-ai/src/domain.rs"),
            Origin::Library
        );
        assert_eq!(
            attribution.origin_of("/rustc/abc/library/core/src/fmt.rs"),
            Origin::Elsewhere
        );
    }
}
