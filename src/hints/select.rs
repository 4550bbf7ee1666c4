//! Choosing the hint shown under each compiler error, in the order the
//! README gives ("How a check works"): the exercise's `hint_on` rule whose
//! code and fragments match and whose level the learner has reached; else
//! the built-in table for the error code; else the exercise's next
//! progressive hint. An error inside the course library gets no learner hint
//! but a "the course is broken" note.
//!
//! The hint under an error is never more direct than the learner has asked
//! for plus one: a rule of level `n` waits until `n - 1` progressive hints
//! are revealed, the table's hints explain the error code without the
//! exercise's answer (level 1), and the progressive fallback is the next
//! level, one past what was revealed.
//!
//! Pure: no I/O, no printing; unit-tested on captured rustc JSON.

use crate::course::{Exercise, HintRule};
use crate::engine::{CompilerMessage, Origin};
use crate::text::{contains_all, normalize};

use super::table::BuiltinHints;

/// Where a hint came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HintSource {
    /// The exercise's `hint_on` rule.
    Rule,
    /// The runner's table for the error code.
    Table,
    /// The exercise's next progressive hint.
    Progressive,
    /// The error is in the course library: the course is broken.
    BrokenCourse,
}

/// A hint to show under one error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// What the learner reads.
    pub text: String,
    /// Why this text was chosen.
    pub source: HintSource,
}

/// An error and the hint shown under it (`None` when the same hint was
/// already shown under an earlier error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnotatedError<'m> {
    /// The compiler's error.
    pub message: &'m CompilerMessage,
    /// Its hint.
    pub hint: Option<Hint>,
}

/// The hint for one error. `hints_seen` is how many progressive hints the
/// learner has already revealed: a `hint_on` rule is a candidate only from
/// level `hints_seen + 1` down, and the fallback is the next progressive
/// hint (the last one once all are revealed). `builtin` is the table's
/// voice for this course. Never advances the hint level: only the learner
/// does.
pub fn hint_for(
    exercise: &Exercise,
    message: &CompilerMessage,
    hints_seen: usize,
    builtin: BuiltinHints,
) -> Hint {
    if message.origin == Origin::Library {
        let place = message
            .location
            .as_ref()
            .map(|location| format!(" ({}:{})", location.file, location.line))
            .unwrap_or_default();
        return Hint {
            text: format!(
                "This error is inside the course library{place}, not in your exercise: the course itself is broken, and nothing you change in your file can fix it. Please report it to the course authors."
            ),
            source: HintSource::BrokenCourse,
        };
    }
    let normalized = normalize(&message.rendered);
    let code = message.code.as_deref();
    let reached =
        |rule: &&HintRule| usize::try_from(rule.level).is_ok_and(|level| level <= hints_seen + 1);
    let rule =
        exercise.hint_on.iter().filter(reached).find(|rule| {
            code == Some(rule.code.as_str()) && contains_all(&normalized, &rule.contains)
        });
    if let Some(rule) = rule {
        return Hint {
            text: rule.text.clone(),
            source: HintSource::Rule,
        };
    }
    if let Some(text) = code.and_then(|code| builtin.hint(code)) {
        return Hint {
            text: text.to_owned(),
            source: HintSource::Table,
        };
    }
    let level = hints_seen.min(exercise.hints.len().saturating_sub(1));
    Hint {
        text: exercise.hints.get(level).cloned().unwrap_or_default(),
        source: HintSource::Progressive,
    }
}

/// Every error among `messages`, each with its hint; a hint already shown
/// under an earlier error is not repeated.
pub fn annotate_errors<'m>(
    exercise: &Exercise,
    messages: &'m [CompilerMessage],
    hints_seen: usize,
    builtin: BuiltinHints,
) -> Vec<AnnotatedError<'m>> {
    let mut shown: Vec<String> = Vec::new();
    messages
        .iter()
        .filter(|message| message.is_error())
        .map(|message| {
            let hint = hint_for(exercise, message, hints_seen, builtin);
            let repeated = shown.contains(&hint.text);
            if !repeated {
                shown.push(hint.text.clone());
            }
            AnnotatedError {
                message,
                hint: (!repeated).then_some(hint),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::time::Duration;

    use super::*;
    use crate::course::{Expectation, LintAllowances, Mode};
    use crate::engine::{Attribution, parse_compiler_output};

    /// rustc 1.95's JSON for a file with E0308 (`Logits` where a
    /// `Distribution` is expected), E0423 (`TokenId(3)`) and E0616 (`.0` of a
    /// `Distribution`).
    const MISMATCH: &str = include_str!("captured/mismatch.jsonl");
    /// rustc 1.95's JSON for E0599 (`Logits::values`) and E0308 from `?`.
    const METHODS: &str = include_str!("captured/methods.jsonl");

    fn messages(captured: &str, file: &str) -> Vec<CompilerMessage> {
        let attribution = Attribution {
            file: PathBuf::from(file),
            library_dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("crates/typed-ai"),
        };
        parse_compiler_output(captured, &attribution).messages
    }

    fn exercise(hint_on: Vec<HintRule>) -> Exercise {
        Exercise {
            name: "mismatch".into(),
            path: PathBuf::from("01_first/mismatch.rs"),
            chapter: "01_first".into(),
            concept: "Probabilities are not scores.".into(),
            mode: Mode::Run,
            hints: vec![
                "first nudge".into(),
                "second nudge".into(),
                "near answer".into(),
            ],
            hint_on,
            expect: Expectation::Compile {
                code: "E0308".into(),
                contains: vec![],
            },
            pass: None,
            must_not_compile: Vec::new(),
            allow: LintAllowances::default(),
            timeout: Duration::from_secs(10),
            clippy: false,
        }
    }

    fn rule(code: &str, contains: &[&str], text: &str) -> HintRule {
        HintRule {
            code: code.into(),
            contains: contains
                .iter()
                .map(|fragment| (*fragment).to_owned())
                .collect(),
            text: text.into(),
            level: 1,
        }
    }

    #[test]
    fn a_matching_rule_wins_over_the_table() {
        let messages = messages(MISMATCH, "mismatch.rs");
        let exercise = exercise(vec![
            rule(
                "E0308",
                &["expected `Vector`"],
                "not this one: the fragment does not match",
            ),
            rule(
                "E0308",
                &["expected `typed_ai::Distribution`, found `Logits`"],
                "Turn scores into probabilities with softmax.",
            ),
        ]);
        let annotated = annotate_errors(&exercise, &messages, 0, BuiltinHints::TypedAi);
        assert_eq!(annotated.len(), 3, "three errors, no summary lines");
        assert_eq!(annotated[0].message.code.as_deref(), Some("E0308"));
        assert_eq!(
            annotated[0].hint,
            Some(Hint {
                text: "Turn scores into probabilities with softmax.".into(),
                source: HintSource::Rule
            })
        );
    }

    #[test]
    fn without_a_rule_the_table_answers_for_known_codes() {
        let messages = messages(MISMATCH, "mismatch.rs");
        let annotated = annotate_errors(&exercise(vec![]), &messages, 0, BuiltinHints::TypedAi);
        let sources: Vec<_> = annotated
            .iter()
            .map(|error| error.hint.as_ref().map(|hint| hint.source))
            .collect();
        assert_eq!(sources, vec![Some(HintSource::Table); 3]);
        let e0423 = annotated[1]
            .hint
            .as_ref()
            .map(|hint| hint.text.as_str())
            .unwrap_or_default();
        assert!(e0423.contains("TokenId::new(3)"), "{e0423}");
    }

    #[test]
    fn a_pack_with_another_library_gets_the_generic_table() {
        let messages = messages(MISMATCH, "mismatch.rs");
        let annotated = annotate_errors(&exercise(vec![]), &messages, 0, BuiltinHints::Generic);
        let e0308 = annotated[0].hint.as_ref().expect("a hint");
        assert_eq!(e0308.source, HintSource::Table);
        assert!(
            e0308.text.contains("expected ..., found ..."),
            "{}",
            e0308.text
        );
        assert!(!e0308.text.contains("Logits"), "{}", e0308.text);
    }

    #[test]
    fn a_rule_for_another_code_does_not_match() {
        let messages = messages(METHODS, "methods.rs");
        let exercise = exercise(vec![rule("E0308", &[], "about the question mark")]);
        let annotated = annotate_errors(&exercise, &messages, 0, BuiltinHints::TypedAi);
        assert_eq!(annotated[0].message.code.as_deref(), Some("E0599"));
        assert_eq!(
            annotated[0].hint.as_ref().map(|hint| hint.source),
            Some(HintSource::Table)
        );
        assert_eq!(
            annotated[1].hint.as_ref().map(|hint| hint.source),
            Some(HintSource::Rule)
        );
    }

    #[test]
    fn an_unknown_code_falls_back_to_the_next_progressive_hint() {
        let mut messages = messages(METHODS, "methods.rs");
        messages.truncate(1);
        messages[0].code = Some("E9999".into());
        let exercise = exercise(vec![]);
        let hint = |seen| hint_for(&exercise, &messages[0], seen, BuiltinHints::TypedAi);
        assert_eq!(hint(0).text, "first nudge");
        assert_eq!(hint(0).source, HintSource::Progressive);
        assert_eq!(hint(2).text, "near answer");
        assert_eq!(
            hint(7).text,
            "near answer",
            "past the last level, the last hint"
        );
    }

    fn leveled(code: &str, text: &str, level: u32) -> HintRule {
        HintRule {
            level,
            ..rule(code, &[], text)
        }
    }

    #[test]
    fn a_rule_waits_until_the_learner_has_revealed_one_hint_less_than_its_level() {
        let messages = messages(MISMATCH, "mismatch.rs");
        let exercise = exercise(vec![leveled("E0308", "Apply Softmax first.", 3)]);
        let hint = |seen| hint_for(&exercise, &messages[0], seen, BuiltinHints::TypedAi);
        for seen in [0, 1] {
            assert_eq!(
                hint(seen).source,
                HintSource::Table,
                "level 3 is too direct after {seen} hint(s)"
            );
        }
        assert_eq!(hint(2).text, "Apply Softmax first.");
        assert_eq!(hint(3).source, HintSource::Rule, "and stays once reached");
    }

    #[test]
    fn a_rule_not_yet_reached_gives_way_to_the_next_matching_rule() {
        let messages = messages(MISMATCH, "mismatch.rs");
        let exercise = exercise(vec![
            leveled("E0308", "`Softmax.apply(scores)?` is the answer.", 3),
            leveled("E0308", "Which object is the probability here?", 2),
            leveled(
                "E0308",
                "The argument's type is not the one the arrow takes.",
                1,
            ),
        ]);
        let hint = |seen| hint_for(&exercise, &messages[0], seen, BuiltinHints::TypedAi).text;
        assert_eq!(
            hint(0),
            "The argument's type is not the one the arrow takes."
        );
        assert_eq!(hint(1), "Which object is the probability here?");
        assert_eq!(hint(2), "`Softmax.apply(scores)?` is the answer.");
    }

    #[test]
    fn without_the_table_an_unreached_rule_falls_back_to_the_next_progressive_hint() {
        let mut messages = messages(METHODS, "methods.rs");
        messages.truncate(1);
        messages[0].code = Some("E9999".into());
        let exercise = exercise(vec![leveled("E9999", "the answer", 3)]);
        let hint = |seen| hint_for(&exercise, &messages[0], seen, BuiltinHints::TypedAi);
        assert_eq!(hint(0).text, "first nudge");
        assert_eq!(hint(1).text, "second nudge");
        assert_eq!(hint(1).source, HintSource::Progressive);
        assert_eq!(hint(2).text, "the answer");
    }

    #[test]
    fn the_inline_hint_is_never_more_direct_than_asked_for_plus_one() {
        // Every rule level against every number of revealed hints: whatever is
        // shown is at most one level past what the learner has revealed.
        let messages = messages(MISMATCH, "mismatch.rs");
        for level in 1..=4 {
            let exercise = exercise(vec![leveled("E0308", "rule", level)]);
            for seen in 0..=4_usize {
                let hint = hint_for(&exercise, &messages[0], seen, BuiltinHints::TypedAi);
                let shown_level = match hint.source {
                    HintSource::Rule => level as usize,
                    HintSource::Progressive => seen.min(2) + 1,
                    HintSource::Table | HintSource::BrokenCourse => 1,
                };
                assert!(
                    shown_level <= seen + 1,
                    "level {level} rule, {seen} revealed: {hint:?}"
                );
            }
        }
    }

    #[test]
    fn the_same_hint_is_not_repeated_under_a_second_error() {
        let mut messages = messages(MISMATCH, "mismatch.rs");
        let first = messages[0].clone();
        messages.insert(1, first);
        let annotated = annotate_errors(&exercise(vec![]), &messages, 0, BuiltinHints::TypedAi);
        assert!(annotated[0].hint.is_some());
        assert!(
            annotated[1].hint.is_none(),
            "the second E0308 repeats nothing"
        );
    }

    #[test]
    fn an_error_inside_the_library_blames_the_course_not_the_learner() {
        let mut messages = messages(MISMATCH, "mismatch.rs");
        messages[0].origin = Origin::Library;
        let annotated = annotate_errors(
            &exercise(vec![rule("E0308", &[], "rule")]),
            &messages,
            0,
            BuiltinHints::TypedAi,
        );
        let hint = annotated[0].hint.as_ref().expect("a note");
        assert_eq!(hint.source, HintSource::BrokenCourse);
        assert!(
            hint.text.contains("the course itself is broken"),
            "{}",
            hint.text
        );
    }

    #[test]
    fn warnings_get_no_hint() {
        let mut messages = messages(METHODS, "methods.rs");
        messages[0].level = crate::engine::Level::Warning;
        let annotated = annotate_errors(&exercise(vec![]), &messages, 0, BuiltinHints::TypedAi);
        assert_eq!(annotated.len(), 1);
        assert_eq!(annotated[0].message.code.as_deref(), Some("E0308"));
    }
}
