//! Compiler diagnostics as the runner keeps them: parsed from rustc's JSON
//! lines with `cargo_metadata`'s types, reduced to what the report, the hints
//! and the cache need, and attributed to the learner's file, the course
//! library or elsewhere.
//!
//! It does not choose hints (`hints/`) or print anything (`report/`).

use std::path::{Path, PathBuf};

use cargo_metadata::diagnostic::{Diagnostic, DiagnosticLevel, DiagnosticSpan};
use serde::{Deserialize, Serialize};

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
        rendered: diagnostic
            .rendered
            .unwrap_or_else(|| diagnostic.message.clone()),
        message: diagnostic.message,
        location,
        origin,
    })
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
