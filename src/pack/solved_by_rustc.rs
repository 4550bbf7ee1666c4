//! `verify --pack`'s "solved by rustc" lint: an exercise whose unsolved file
//! passes once every suggestion rustc makes on it has been applied teaches
//! nothing but clicking "apply". The lint does what `cargo fix --broken-code`
//! would with maybe-incorrect fixes allowed: apply, recompile, repeat for up
//! to [`ROUNDS`] rounds, then judge the result as a learner's file is judged.
//!
//! Suggestions are read from rustc's JSON and applied by `rustfix`, the
//! crate cargo fix itself uses, so byte spans, multi-part suggestions and
//! overlapping edits are handled as cargo handles them. Which suggestions
//! count: those marked machine-applicable or maybe-incorrect (the ones an
//! editor's "quick fix" offers; placeholders such as `/* Type */` are not
//! code), in the checked file only (never in the library), and of a
//! diagnostic that offers several alternatives, a machine-applicable one
//! (the one cargo fix would apply), else the first (rustc lists the
//! likeliest first).
//!
//! Everything happens on copies in the engine's scratch folder; the course's
//! files are only read. The course's `#[cfg(test)] mod tests` block is put
//! back after each round, so a suggestion inside the tests cannot make them
//! pass. The conclusion is cached like a verdict.

use std::collections::HashSet;
use std::path::Path;

use rustfix::diagnostics::{Applicability, Diagnostic};
use rustfix::{CodeFix, Filter, Suggestion};
use serde::{Deserialize, Serialize};

use crate::course::{Exercise, Mode};
use crate::engine::{Engine, Outcome, Verdict};
use crate::error::Error;
use crate::text::{contains_all, normalize};

use crate::text::tests_block;

/// How many times suggestions are applied before giving up: cargo fix
/// stops after 4 as well; a fix that needs more is not rustc's.
pub const ROUNDS: usize = 4;

/// Bumped when the lint's rules change, so older cached conclusions are not reused.
const LINT_FORMAT: &[u8] = b"solved_by_rustc 2";

/// One suggestion applied on the way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppliedSuggestion {
    /// Which round applied it (1-based).
    pub round: usize,
    /// The line it edits, in the file of that round.
    pub line: usize,
    /// rustc's help message, e.g. "consider importing this struct".
    pub message: String,
    /// The text it put in (first line, trimmed).
    pub replacement: String,
}

/// What rustc's suggestions do to an exercise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RustcAttempt {
    /// They do not make it pass (or there were none, or it compiled to begin with).
    NotSolved,
    /// Applied in this order, they make it pass.
    Solved {
        /// The suggestions, round by round.
        applied: Vec<AppliedSuggestion>,
    },
}

/// Applies rustc's suggestions to `unsolved` (the exercise's text) round
/// after round and judges the result. `unsolved_verdict` is the verdict on
/// the unsolved file: one that compiles has no compile error to suggest a
/// fix for, and is not tried. Cached by the engine under the exercise's
/// name.
pub fn solve_with_rustc(
    engine: &Engine<'_>,
    exercise: &Exercise,
    unsolved: &str,
    unsolved_verdict: &Verdict,
) -> Result<RustcAttempt, Error> {
    if unsolved_verdict.outcome != Outcome::CompileError {
        return Ok(RustcAttempt::NotSolved);
    }
    let pass: Vec<u8> = exercise
        .pass
        .iter()
        .flat_map(|pass| pass.contains.iter())
        .flat_map(|fragment| fragment.bytes().chain([0]))
        .collect();
    let slot = format!("{}.lint-rustc", exercise.name);
    engine.cached(
        &slot,
        exercise,
        &[LINT_FORMAT, unsolved.as_bytes(), &pass],
        || attempt(engine, exercise, &slot, unsolved),
    )
}

fn attempt(
    engine: &Engine<'_>,
    exercise: &Exercise,
    slot: &str,
    unsolved: &str,
) -> Result<RustcAttempt, Error> {
    let mut text = unsolved.to_owned();
    let mut applied = Vec::new();
    let mut checked = engine.check_copy(exercise, slot, &text)?;
    for round in 1..=ROUNDS {
        if checked.verdict.outcome != Outcome::CompileError {
            break;
        }
        let suggestions = suggestions(&checked.compiler_json, &checked.file);
        let Some((fixed, used)) = apply(&text, &suggestions, round) else {
            return Ok(RustcAttempt::NotSolved);
        };
        text = with_tests_of(unsolved, fixed);
        applied.extend(used);
        checked = engine.check_copy(exercise, slot, &text)?;
    }
    Ok(if passes(exercise, &checked.verdict) {
        RustcAttempt::Solved { applied }
    } else {
        RustcAttempt::NotSolved
    })
}

/// Whether a verdict on the edited copy is a learner's pass: the tests pass
/// (test mode), or `main` exits 0 and prints what `[exercises.pass]` asks
/// (run mode).
fn passes(exercise: &Exercise, verdict: &Verdict) -> bool {
    let Outcome::Passed { output } = &verdict.outcome else {
        return false;
    };
    match (exercise.mode, &exercise.pass) {
        (Mode::Run, Some(pass)) => contains_all(&normalize(&output.text), &pass.contains),
        _ => true,
    }
}

/// The suggestions worth applying in rustc's JSON `json`: in `file` (the
/// path rustc was given), machine-applicable or maybe-incorrect, one per
/// diagnostic. Where a diagnostic offers alternatives (`&self.0` or
/// `self.0.clone()`), a machine-applicable one wins, as cargo fix would
/// choose, else the first (rustc lists the likeliest first). Lines that are
/// not diagnostics are skipped.
pub fn suggestions(json: &str, file: &Path) -> Vec<Suggestion> {
    let file = file.to_string_lossy();
    let every_code = HashSet::new();
    json.lines()
        .filter_map(|line| serde_json::from_str::<Diagnostic>(line.trim()).ok())
        .filter_map(|mut diagnostic| {
            let mut best: Option<(usize, bool)> = None;
            for (index, child) in diagnostic.children.iter_mut().enumerate() {
                let mut machine = false;
                for span in &mut child.spans {
                    match span.suggestion_applicability {
                        Some(Applicability::MachineApplicable) if span.file_name == file => {
                            machine = true;
                        }
                        Some(Applicability::MaybeIncorrect) if span.file_name == file => {}
                        _ => span.suggested_replacement = None,
                    }
                }
                let offers = child
                    .spans
                    .iter()
                    .any(|span| span.suggested_replacement.is_some());
                let better = match best {
                    None => offers,
                    Some((_, best_machine)) => offers && machine && !best_machine,
                };
                if better {
                    best = Some((index, machine));
                }
            }
            let (chosen, _) = best?;
            for (index, child) in diagnostic.children.iter_mut().enumerate() {
                if index != chosen {
                    for span in &mut child.spans {
                        span.suggested_replacement = None;
                    }
                }
            }
            rustfix::collect_suggestions(&diagnostic, &every_code, Filter::Everything)
        })
        .collect()
}

/// `text` with every suggestion applied that does not collide with one
/// applied before it (as cargo fix, the collisions wait for the next round),
/// and what was applied; `None` when nothing could be.
pub fn apply(
    text: &str,
    suggestions: &[Suggestion],
    round: usize,
) -> Option<(String, Vec<AppliedSuggestion>)> {
    let mut fix = CodeFix::new(text);
    let mut applied = Vec::new();
    for suggestion in suggestions {
        let Some(solution) = suggestion.solutions.first() else {
            continue;
        };
        let Some(first) = solution.replacements.first() else {
            continue;
        };
        if fix.apply_solution(solution).is_ok() {
            applied.push(AppliedSuggestion {
                round,
                line: first.snippet.line_range.start.line,
                message: solution.message.clone(),
                replacement: first
                    .replacement
                    .lines()
                    .map(str::trim)
                    .find(|line| !line.is_empty())
                    .unwrap_or("(a deletion)")
                    .to_owned(),
            });
        }
    }
    let fixed = fix.finish().ok()?;
    (!applied.is_empty() && fixed != text).then_some((fixed, applied))
}

/// `fixed` with the tests block of `original` in place of its own: the
/// course's tests define done, whatever rustc suggested inside them.
fn with_tests_of(original: &str, fixed: String) -> String {
    match (tests_block(original), tests_block(&fixed)) {
        (Some(course), Some(edited)) if course != edited => {
            let start = edited.as_ptr() as usize - fixed.as_ptr() as usize;
            let mut restored = String::with_capacity(fixed.len());
            restored.push_str(&fixed[..start]);
            restored.push_str(course);
            restored.push_str(&fixed[start + edited.len()..]);
            restored
        }
        _ => fixed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An E0412 in rustc's JSON shape (the fields rustc 1.95 prints) on
    /// `file`, with `children` as its help messages.
    fn diagnostic(file: &str, children: &str) -> String {
        format!(
            r#"{{"$message_type":"diagnostic","message":"cannot find type `TokenId` in this scope","code":{{"code":"E0412","explanation":null}},"level":"error","spans":[{{"file_name":"{file}","byte_start":24,"byte_end":31,"line_start":2,"line_end":2,"column_start":9,"column_end":16,"is_primary":true,"text":[],"label":null,"suggested_replacement":null,"suggestion_applicability":null,"expansion":null}}],"children":[{children}],"rendered":"error"}}"#
        )
    }

    fn child(file: &str, start: u32, end: u32, replacement: &str, applicability: &str) -> String {
        format!(
            r#"{{"message":"consider importing this struct","code":null,"level":"help","spans":[{{"file_name":"{file}","byte_start":{start},"byte_end":{end},"line_start":1,"line_end":1,"column_start":1,"column_end":1,"is_primary":true,"text":[],"label":null,"suggested_replacement":{replacement:?},"suggestion_applicability":"{applicability}","expansion":null}}],"children":[],"rendered":null}}"#
        )
    }

    const TEXT: &str = "fn main() {\n    let t: TokenId = todo!();\n}\n";

    #[test]
    fn the_first_applicable_alternative_in_the_file_is_applied() {
        let file = "/scratch/x.rs";
        let json = [
            diagnostic(
                file,
                &[
                    child(file, 0, 0, "use typed_ai::TokenId;\n", "MaybeIncorrect"),
                    child(file, 0, 0, "use other::TokenId;\n", "MaybeIncorrect"),
                ]
                .join(","),
            ),
            "not json: a line rustc printed as text".to_owned(),
        ]
        .join("\n");
        let found = suggestions(&json, Path::new(file));
        assert_eq!(found.len(), 1);
        let (fixed, applied) = apply(TEXT, &found, 1).expect("applied");
        assert_eq!(fixed, format!("use typed_ai::TokenId;\n{TEXT}"));
        assert_eq!(
            applied,
            vec![AppliedSuggestion {
                round: 1,
                line: 1,
                message: "consider importing this struct".into(),
                replacement: "use typed_ai::TokenId;".into(),
            }]
        );
    }

    #[test]
    fn a_machine_applicable_alternative_wins_over_a_maybe_incorrect_one() {
        let file = "/scratch/x.rs";
        let json = diagnostic(
            file,
            &[
                child(file, 23, 23, "&", "MaybeIncorrect"),
                child(file, 30, 30, ".clone()", "MachineApplicable"),
            ]
            .join(","),
        );
        let found = suggestions(&json, Path::new(file));
        let (fixed, _) = apply(TEXT, &found, 1).expect("applied");
        assert_eq!(
            fixed, "fn main() {\n    let t: TokenId.clone() = todo!();\n}\n",
            "only the clone, not both"
        );
    }

    #[test]
    fn placeholders_unspecified_fixes_and_other_files_are_left_alone() {
        let file = "/scratch/x.rs";
        for (child_file, applicability) in [
            (file, "HasPlaceholders"),
            (file, "Unspecified"),
            ("/course/typed-ai/src/lib.rs", "MachineApplicable"),
        ] {
            let json = diagnostic(
                file,
                &child(child_file, 0, 0, "use typed_ai::TokenId;\n", applicability),
            );
            let found = suggestions(&json, Path::new(file));
            assert!(
                found.is_empty(),
                "{applicability} in {child_file}: {found:?}"
            );
            assert_eq!(apply(TEXT, &found, 1), None);
        }
    }

    #[test]
    fn an_edit_that_collides_with_an_earlier_one_waits() {
        let file = "/scratch/x.rs";
        // Both replace `TokenId` (bytes 23..30 of TEXT); the second collides.
        let json = [
            diagnostic(
                file,
                &child(file, 23, 30, "typed_ai::TokenId", "MachineApplicable"),
            ),
            diagnostic(file, &child(file, 23, 30, "usize", "MaybeIncorrect")),
        ]
        .join("\n");
        let found = suggestions(&json, Path::new(file));
        assert_eq!(found.len(), 2);
        let (fixed, applied) = apply(TEXT, &found, 2).expect("applied");
        assert_eq!(
            fixed,
            "fn main() {\n    let t: typed_ai::TokenId = todo!();\n}\n"
        );
        assert_eq!(applied.len(), 1);
        assert_eq!(applied[0].round, 2);
    }

    #[test]
    fn the_course_tests_are_put_back_after_an_edit() {
        let original = "fn f() -> u32 { 1 }\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn one() {\n        assert_eq!(super::f(), 2);\n    }\n}\n\nfn main() {}\n";
        let edited = original
            .replace("{ 1 }", "{ 1 + 0 }")
            .replace("super::f(), 2", "super::f(), 1");
        let restored = with_tests_of(original, edited);
        assert_eq!(restored, original.replace("{ 1 }", "{ 1 + 0 }"));
        assert_eq!(
            with_tests_of("fn main() {}\n", "fn main() { }\n".into()),
            "fn main() { }\n",
            "a file without tests is left as edited"
        );
    }
}
