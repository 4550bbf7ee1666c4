//! Whether one compile of a misuse kept its obligation: rustc rejected it
//! with the claimed error code (and fragments), at a span inside the
//! misuse.
//!
//! Pure: it reads a compiler's parsed output and says what it means. The
//! course's snippets and the challenges' `compile_fail/` files are judged
//! here alike; compiling them is their own modules' work, and so is what a
//! finding costs (a learner's failure, a pack error, a failed check).

use crate::engine::diagnostic::{CompilerMessage, CompilerOutput, Location, Origin};
use crate::text::{contains_all, normalize};

/// What a misuse must fail with.
#[derive(Debug, Clone, Copy)]
pub struct Claim<'a> {
    /// The error code, e.g. `E0308`.
    pub code: &'a str,
    /// Fragments that must all appear in that error's normalised rendered text.
    pub contains: &'a [String],
}

/// The lines of the compiled file that hold the misuse: every line of a
/// `compile_fail/` file, only the snippet's lines in a course's derived
/// source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// The first line (1-based).
    pub first: usize,
    /// The last line, inclusive.
    pub last: usize,
}

impl Region {
    /// The whole file.
    pub const WHOLE_FILE: Region = Region {
        first: 1,
        last: usize::MAX,
    };

    /// Whether an error located at `location` (with `origin`) is inside.
    fn holds(&self, origin: Origin, location: Option<&Location>) -> bool {
        origin == Origin::File
            && location.is_some_and(|at| (self.first..=self.last).contains(&at.line))
    }
}

/// What the compile of a misuse showed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// rustc rejected the misuse as claimed: this error is the proof.
    Held(CompilerMessage),
    /// It compiled: the types do not forbid the misuse.
    Compiled,
    /// rustc rejected the misuse, but not as claimed: the errors inside it,
    /// none with the claimed code and every fragment.
    Otherwise(Vec<CompilerMessage>),
    /// Every error lies outside the misuse: what was compiled around it is
    /// broken, or the misuse does not fit it (a snippet that does not
    /// parse, a name the file does not have at all).
    Elsewhere(Vec<CompilerMessage>),
}

impl Finding {
    /// Whether the obligation holds.
    pub fn held(&self) -> bool {
        matches!(self, Finding::Held(_))
    }
}

/// Judges one compile: `succeeded` is whether the compiler exited 0,
/// `output` its diagnostics, parsed with the compiled file as the checked
/// file, and `region` the lines of that file the misuse occupies.
pub fn judge(
    succeeded: bool,
    output: &CompilerOutput,
    claim: Claim<'_>,
    region: Region,
) -> Finding {
    let errors: Vec<&CompilerMessage> = output.errors().collect();
    if succeeded && errors.is_empty() {
        return Finding::Compiled;
    }
    let (inside, outside): (Vec<&CompilerMessage>, Vec<&CompilerMessage>) = errors
        .into_iter()
        .partition(|error| region.holds(error.origin, error.location.as_ref()));
    let proof = inside.iter().find(|error| {
        error.code.as_deref() == Some(claim.code)
            && contains_all(&normalize(&error.rendered), claim.contains)
    });
    match proof {
        Some(error) => Finding::Held((*error).clone()),
        None if !inside.is_empty() => Finding::Otherwise(inside.into_iter().cloned().collect()),
        None => Finding::Elsewhere(outside.into_iter().cloned().collect()),
    }
}

/// `E0308 (mismatched types) at file:12:5`: one error in a line.
pub fn describe_error(error: &CompilerMessage) -> String {
    let what = match &error.code {
        Some(code) => format!("{code} ({})", error.message),
        None => error.message.clone(),
    };
    match &error.location {
        Some(at) => format!("{what} at {}:{}:{}", at.file, at.line, at.column),
        None => what,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Level;

    fn message(code: &str, line: usize, origin: Origin, rendered: &str) -> CompilerMessage {
        CompilerMessage {
            level: Level::Error,
            code: Some(code.to_owned()),
            message: "mismatched types".to_owned(),
            rendered: rendered.to_owned(),
            location: Some(Location {
                file: "compile_fail/swap.rs".to_owned(),
                line,
                column: 9,
            }),
            origin,
        }
    }

    fn output(messages: Vec<CompilerMessage>) -> CompilerOutput {
        CompilerOutput {
            messages,
            text: Vec::new(),
        }
    }

    const SNIPPET: Region = Region {
        first: 10,
        last: 12,
    };

    fn claim(contains: &[String]) -> Claim<'_> {
        Claim {
            code: "E0308",
            contains,
        }
    }

    #[test]
    fn the_claimed_error_inside_the_misuse_holds_it() {
        let fragments = vec!["expected `QuerySequence`".to_owned()];
        let proof = message(
            "E0308",
            11,
            Origin::File,
            "error[E0308]: mismatched types\n  | ^^^^ expected `typed_ai::attention::QuerySequence`, found `KeySequence`",
        );
        // A cascade error elsewhere does not spoil the proof.
        let cascade = message("E0599", 3, Origin::File, "no method");
        let finding = judge(
            false,
            &output(vec![cascade, proof.clone()]),
            claim(&fragments),
            SNIPPET,
        );
        assert_eq!(finding, Finding::Held(proof));
        assert!(finding.held());
    }

    #[test]
    fn a_misuse_that_compiles_is_found_out() {
        let warning = CompilerMessage {
            level: Level::Warning,
            ..message("unused_variables", 11, Origin::File, "warning")
        };
        assert_eq!(
            judge(true, &output(vec![warning]), claim(&[]), SNIPPET),
            Finding::Compiled
        );
    }

    #[test]
    fn another_code_or_a_missing_fragment_inside_is_not_the_claim() {
        let wrong_code = message(
            "E0277",
            11,
            Origin::File,
            "the trait bound is not satisfied",
        );
        assert_eq!(
            judge(
                false,
                &output(vec![wrong_code.clone()]),
                claim(&[]),
                SNIPPET
            ),
            Finding::Otherwise(vec![wrong_code])
        );
        let fragments = vec!["expected `QuerySequence`".to_owned()];
        let other_text = message(
            "E0308",
            12,
            Origin::File,
            "expected `Vector`, found `Logits`",
        );
        assert_eq!(
            judge(
                false,
                &output(vec![other_text.clone()]),
                claim(&fragments),
                SNIPPET
            ),
            Finding::Otherwise(vec![other_text])
        );
    }

    #[test]
    fn the_claimed_error_outside_the_misuse_proves_nothing() {
        let before = message("E0308", 9, Origin::File, "mismatched types");
        let in_the_library = message("E0308", 11, Origin::Library, "mismatched types");
        assert_eq!(
            judge(
                false,
                &output(vec![before.clone(), in_the_library.clone()]),
                claim(&[]),
                SNIPPET
            ),
            Finding::Elsewhere(vec![before, in_the_library])
        );
        let located = message("E0308", 400, Origin::File, "mismatched types");
        assert!(
            judge(
                false,
                &output(vec![located]),
                claim(&[]),
                Region::WHOLE_FILE
            )
            .held()
        );
    }

    #[test]
    fn errors_read_in_one_line() {
        assert_eq!(
            describe_error(&message("E0308", 11, Origin::File, "")),
            "E0308 (mismatched types) at compile_fail/swap.rs:11:9"
        );
    }
}
