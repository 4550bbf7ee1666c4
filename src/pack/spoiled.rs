//! `verify --pack`'s "spoiled" lint: a code line the solution adds must not
//! be on the learner's screen before they write it.
//!
//! The lines a solution adds are its code lines that the unsolved file does
//! not have, compared with whitespace folded. Comments, blank lines, `use`
//! declarations, lines of brackets alone and lines of a single word (`total`,
//! `state`: a name on its own shows no fix) are not code for this lint. An
//! added line is a spoiler when it already appears:
//!
//! - as a line of an EARLIER exercise's unsolved file (the learner has read
//!   every one of them by then);
//! - inside the exercise's own `concept` (printed on every run and under
//!   "Next:"), or inside one of its `hint_on` texts of level 1, which is
//!   shown under the first error before the learner asks for anything.
//!   Texts of level 2 and up wait until the learner has revealed hints (see
//!   `hints/select.rs`), like the progressive hints, and may come as close
//!   to the answer as those. In prose the line is looked for whole, between
//!   word boundaries, without its final `;` or `,`.
//!
//! Pure text work: no compiler, no cache (it takes milliseconds).

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::course::{Course, Exercise};
use crate::error::Error;
use crate::text::fold_whitespace;

/// Where an added line was already shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeenIn {
    /// A line of an earlier exercise's unsolved file.
    EarlierFile {
        /// The exercise's name.
        exercise: String,
        /// Its file, relative to the course root (`exercises/...`).
        path: PathBuf,
        /// 1-based line.
        line: usize,
    },
    /// The exercise's `concept`.
    Concept,
    /// The exercise's `hint_on` rule with this index, of level 1.
    HintOn {
        /// Its index among the exercise's `hint_on` rules.
        index: usize,
    },
}

impl std::fmt::Display for SeenIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SeenIn::EarlierFile {
                exercise,
                path,
                line,
            } => write!(
                f,
                "{}:{line} (the earlier exercise `{exercise}`)",
                path.display()
            ),
            SeenIn::Concept => f.write_str("its `concept`"),
            SeenIn::HintOn { index } => write!(
                f,
                "its hint_on[{index}] text (level 1: shown under the first error, before any hint is asked for)"
            ),
        }
    }
}

/// One added line that was already shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spoiler {
    /// Its 1-based line in the solution.
    pub line: usize,
    /// The line, whitespace folded.
    pub code: String,
    /// Where it was shown, first place first.
    pub seen_in: Vec<SeenIn>,
}

/// Every code line of every exercise's unsolved file, by folded text, with
/// the first place it appears: built once for the course, asked once per
/// exercise.
#[derive(Debug, Default)]
pub struct EarlierLines {
    first: HashMap<String, First>,
}

#[derive(Debug)]
struct First {
    /// The exercise's position in the course.
    position: usize,
    exercise: String,
    path: PathBuf,
    line: usize,
}

impl EarlierLines {
    /// Reads every exercise's unsolved file of `course`.
    pub fn read(course: &Course) -> Result<Self, Error> {
        let mut lines = Self::default();
        for (position, exercise) in course.exercises().iter().enumerate() {
            let path = course.exercise_path(exercise);
            let text = fs::read_to_string(&path).map_err(|source| Error::Io {
                action: "read",
                path: path.clone(),
                source,
            })?;
            lines.add(
                position,
                &exercise.name,
                &Path::new("exercises").join(&exercise.path),
                &text,
            );
        }
        Ok(lines)
    }

    /// Adds the unsolved file `text` of the exercise at `position`; files
    /// are added in course order.
    pub fn add(&mut self, position: usize, exercise: &str, path: &Path, text: &str) {
        for (line, code) in code_lines(text) {
            self.first.entry(code).or_insert_with(|| First {
                position,
                exercise: exercise.to_owned(),
                path: path.to_path_buf(),
                line,
            });
        }
    }

    /// Where `code` first appears in a file of an exercise before `position`.
    fn before(&self, position: usize, code: &str) -> Option<SeenIn> {
        self.first
            .get(code)
            .filter(|first| first.position < position)
            .map(|first| SeenIn::EarlierFile {
                exercise: first.exercise.clone(),
                path: first.path.clone(),
                line: first.line,
            })
    }
}

/// The spoilers of `exercise`, at `position` in the course, whose files are
/// `unsolved` and `solution`.
pub fn spoilers(
    exercise: &Exercise,
    position: usize,
    unsolved: &str,
    solution: &str,
    earlier: &EarlierLines,
) -> Vec<Spoiler> {
    let unsolved: std::collections::HashSet<String> = code_lines(unsolved)
        .into_iter()
        .map(|(_, code)| code)
        .collect();
    let mut prose = vec![(SeenIn::Concept, fold_whitespace(&exercise.concept))];
    prose.extend(
        exercise
            .hint_on
            .iter()
            .enumerate()
            .filter(|(_, rule)| rule.level <= 1)
            .map(|(index, rule)| (SeenIn::HintOn { index }, fold_whitespace(&rule.text))),
    );
    code_lines(solution)
        .into_iter()
        .filter(|(_, code)| !unsolved.contains(code))
        .filter_map(|(line, code)| {
            let mut seen_in: Vec<SeenIn> = earlier.before(position, &code).into_iter().collect();
            let bare = code.trim_end_matches([';', ',']);
            seen_in.extend(
                prose
                    .iter()
                    .filter(|(_, text)| contains_word_bounded(text, bare))
                    .map(|(place, _)| place.clone()),
            );
            (!seen_in.is_empty()).then_some(Spoiler {
                line,
                code,
                seen_in,
            })
        })
        .collect()
}

/// The lines of `text` that are code for this lint, 1-based, whitespace
/// folded, trailing `//` comments removed.
pub fn code_lines(text: &str) -> Vec<(usize, String)> {
    let mut lines = Vec::new();
    let mut in_block_comment = false;
    let mut in_use = false;
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if in_block_comment {
            in_block_comment = !line.contains("*/");
            continue;
        }
        if line.starts_with("/*") {
            in_block_comment = !line.contains("*/");
            continue;
        }
        if in_use {
            in_use = !line.contains(';');
            continue;
        }
        if line.starts_with("use ") || line.starts_with("pub use ") {
            in_use = !line.contains(';');
            continue;
        }
        let code = fold_whitespace(without_line_comment(line));
        let brackets_only = code
            .chars()
            .all(|c| matches!(c, '{' | '}' | '(' | ')' | '[' | ']' | ';' | ',' | ' '));
        let one_word = code
            .trim_end_matches([';', ','])
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
        if brackets_only || one_word {
            continue;
        }
        lines.push((index + 1, code));
    }
    lines
}

/// `line` without a `//` comment, unless the `//` is inside a string
/// literal (`"http://"`).
fn without_line_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    let mut in_string = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if in_string => i += 1,
            b'"' => in_string = !in_string,
            b'/' if !in_string && bytes.get(i + 1) == Some(&b'/') => return &line[..i],
            _ => {}
        }
        i += 1;
    }
    line
}

/// Whether `needle` occurs in `text` with no identifier character right
/// before or after it (`x - 1` is not in `max - 10`).
fn contains_word_bounded(text: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let starts_ident = needle.starts_with(is_ident);
    let ends_ident = needle.ends_with(is_ident);
    text.match_indices(needle).any(|(at, _)| {
        let glued_before = starts_ident && text[..at].ends_with(is_ident);
        let glued_after = ends_ident && text[at + needle.len()..].starts_with(is_ident);
        !glued_before && !glued_after
    })
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::time::Duration;

    use super::*;
    use crate::course::{Expectation, HintRule, LintAllowances, Mode};

    fn exercise(concept: &str, hint_on: Vec<(&str, u32)>) -> Exercise {
        Exercise {
            name: "later".into(),
            path: PathBuf::from("02_b/later.rs"),
            chapter: "02_b".into(),
            concept: concept.into(),
            mode: Mode::Test,
            hints: vec!["one".into(), "two".into()],
            hint_on: hint_on
                .into_iter()
                .map(|(text, level)| HintRule {
                    code: "E0308".into(),
                    contains: Vec::new(),
                    text: text.into(),
                    level,
                })
                .collect(),
            expect: Expectation::Compile {
                code: "E0308".into(),
                contains: Vec::new(),
            },
            pass: None,
            must_not_compile: Vec::new(),
            allow: LintAllowances::default(),
            timeout: Duration::from_secs(10),
            clippy: false,
        }
    }

    #[test]
    fn comments_imports_brackets_and_lone_words_are_not_code() {
        let text = "// a comment\n\
            use typed_ai::{\n    Logits,\n    Softmax,\n};\n\
            pub use typed_ai::Vector;\n\
            /* a block\n   comment */\n\
            fn main() {\n\
            \x20   let   url = \"http://x\"; // trailing\n\
            \x20   total\n\
            \x20   self.0\n\
            \x20   });\n\
            }\n";
        assert_eq!(
            code_lines(text),
            vec![
                (9, "fn main() {".to_owned()),
                (10, "let url = \"http://x\";".to_owned()),
            ]
        );
    }

    #[test]
    fn a_line_from_an_earlier_file_is_a_spoiler_and_a_later_one_is_not() {
        let mut earlier = EarlierLines::default();
        earlier.add(
            0,
            "first",
            Path::new("exercises/01_a/first.rs"),
            "fn main() {\n    let m_hat = m / (1.0 - beta);\n}\n",
        );
        earlier.add(
            2,
            "after",
            Path::new("exercises/02_b/after.rs"),
            "fn main() {\n    let v_hat = v / (1.0 - beta);\n}\n",
        );
        let unsolved = "fn main() {\n    // TODO\n    let m_hat = m;\n    let v_hat = v;\n}\n";
        let solution = "fn main() {\n    let   m_hat = m / (1.0 - beta);\n    let v_hat = v / (1.0 - beta);\n}\n";
        let found = spoilers(
            &exercise("Correct the bias.", vec![]),
            1,
            unsolved,
            solution,
            &earlier,
        );
        assert_eq!(
            found,
            vec![Spoiler {
                line: 2,
                code: "let m_hat = m / (1.0 - beta);".into(),
                seen_in: vec![SeenIn::EarlierFile {
                    exercise: "first".into(),
                    path: PathBuf::from("exercises/01_a/first.rs"),
                    line: 2,
                }],
            }],
            "whitespace is folded; a LATER file's line is no spoiler"
        );
    }

    #[test]
    fn the_concept_and_level_one_hint_texts_spoil_but_higher_levels_may_give_the_answer() {
        let unsolved = "fn f(key: usize, n: usize) -> bool {\n    key <= n\n}\n";
        let solution = "fn f(key: usize, n: usize) -> bool {\n    key < n\n}\n";
        let at = |concept: &str, hint_on| {
            spoilers(
                &exercise(concept, hint_on),
                0,
                unsolved,
                solution,
                &EarlierLines::default(),
            )
            .into_iter()
            .flat_map(|spoiler| spoiler.seen_in)
            .collect::<Vec<_>>()
        };
        assert_eq!(at("Padding keeps `key < n`.", vec![]), [SeenIn::Concept]);
        assert_eq!(
            at(
                "Positions count from 0.",
                vec![("Write `key < n`.", 3), ("Use   key < n here.", 1)]
            ),
            [SeenIn::HintOn { index: 1 }],
            "level 3 waits for two hints; level 1 is shown at once"
        );
        assert!(
            at("A monkey < n counts.", vec![]).is_empty(),
            "only whole words: `monkey < n` is not `key < n`"
        );
    }

    #[test]
    fn word_bounds_apply_only_where_the_needle_has_a_word_edge() {
        assert!(contains_word_bounded("use `x - 1` here", "x - 1"));
        assert!(!contains_word_bounded("max - 10", "x - 1"));
        assert!(contains_word_bounded("call f(x)?", "(x)"));
        assert!(!contains_word_bounded("anything", ""));
    }
}
