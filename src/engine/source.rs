//! What is compiled for a check: a text derived from the learner's bytes,
//! read once, never the learner's file itself.
//!
//! The engine reads the exercise file once, hashes exactly those bytes for
//! the cache key and for watch mode, derives the text to compile from them,
//! writes that text into its scratch folder and compiles it there (rustc's
//! `--remap-path-prefix` names it by the learner's path in every message).
//! Whatever the editor saves meanwhile, a verdict is about the bytes in its
//! key.
//!
//! The derived text is the learner's text with parts inserted, each
//! recorded with its line range:
//!
//! - [`DerivedSource::use_course_tests`]: the course's own `#[cfg(test)] mod
//!   tests` block in place of the learner's (appended when the learner has
//!   none), so the course's tests judge a test-mode exercise. Every line of
//!   the learner's code above the block keeps its number; code after the
//!   block keeps its number too, unless the course's block is the longer
//!   one (a shorter one is padded with empty lines).
//! - [`DerivedSource::add_program_test`]: a test that runs `main`, appended
//!   after everything, so a test-mode pass can show what the program prints
//!   with the same one compiler process and one run.
//! - [`DerivedSource::append`]: any other part, appended after everything
//!   on lines of its own. Compiling a snippet against the learner's file
//!   (its items in scope) is one call:
//!
//! ```
//! use typed_ai_rustlings::engine::{DerivedSource, PartKind};
//!
//! let learner = b"struct TokenId(usize);\nfn main() {}\n";
//! let mut derived = DerivedSource::new(learner).expect("UTF-8");
//! let lines = derived.append(
//!     PartKind::Snippet("raw_index".to_owned()),
//!     "fn misuse() {\n    let _t: TokenId = 3;\n}\n",
//! );
//! // Two lines of theirs, a blank one, then the snippet.
//! assert_eq!(lines, 4..=6);
//! assert!(derived.text().ends_with("let _t: TokenId = 3;\n}\n"));
//! // A diagnostic on a line in `lines` is about the snippet, not the learner.
//! assert_eq!(
//!     derived.part_at(5).map(|part| &part.kind),
//!     Some(&PartKind::Snippet("raw_index".to_owned()))
//! );
//! ```
//!
//! Pure text work: writing the text out and compiling it is `check.rs`'s.

use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

use crate::hash::KeyHasher;
use crate::text::{has_main, splice_tests_block, test_names, tests_block};

/// The harness name of the test that runs `main`; it is not one of the
/// course's tests.
pub const PROGRAM_TEST: &str = "typed_ai_rustlings::main";

/// The test that runs `main` after a check's tests, appended by
/// [`DerivedSource::add_program_test`]. An `Err` that `main` returns is
/// printed as the program would print it (`Termination`), and a panic is
/// caught after its message is printed: neither fails the test, since the
/// course's tests judge and the program's output is the payoff shown after
/// a pass. `main` runs on the test's own thread (a panic names it
/// `typed_ai_rustlings::main`): spawning a thread named `main` instead
/// costs a fifth more compile time. Lints are off inside it, so a
/// learner's `#![deny(...)]` or clippy's `-D warnings` judge the learner's
/// code only.
const PROGRAM_TEST_TEXT: &str = "#[cfg(test)]
#[allow(warnings, clippy::all, clippy::pedantic, clippy::nursery)]
mod typed_ai_rustlings {
    #[test]
    fn main() {
        fn run<T: std::process::Termination>(main: fn() -> T) {
            let _ = main().report();
        }
        let _ = std::panic::catch_unwind(|| run(super::main));
    }
}
";

/// The hash of a file's bytes, as the cache and watch mode name content.
pub fn content_hash(bytes: &[u8]) -> String {
    let mut hasher = KeyHasher::new();
    hasher.bytes(bytes);
    hasher.finish()
}

/// What a part of the derived text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartKind {
    /// The course's tests block, in place of the learner's.
    CourseTests,
    /// The test that runs `main` ([`PROGRAM_TEST`]).
    ProgramTest,
    /// Code compiled against the learner's file, e.g. a misuse that must
    /// not compile; named for reports.
    Snippet(String),
}

/// A part the engine put into the learner's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InsertedPart {
    /// What it is.
    pub kind: PartKind,
    /// Its lines in the derived text, 1-based, inclusive.
    pub lines: RangeInclusive<usize>,
}

/// How the learner's tests block differs from the course's, when it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestsDiffer {
    /// The course's tests the learner's block does not declare (all of them
    /// when the learner's file has no block).
    pub missing: Vec<String>,
    /// Whether the learner's file has no tests block at all.
    pub absent: bool,
}

/// The text to compile for one check, and where the engine's parts are in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DerivedSource {
    text: String,
    parts: Vec<InsertedPart>,
}

impl DerivedSource {
    /// The learner's text as it is, with nothing inserted yet; `None` when
    /// the bytes are not UTF-8 (rustc then reports the file as unreadable,
    /// and nothing can be spliced into it).
    pub fn new(learner: &[u8]) -> Option<Self> {
        let text = std::str::from_utf8(learner).ok()?.to_owned();
        Some(Self {
            text,
            parts: Vec::new(),
        })
    }

    /// The text to compile.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The parts inserted so far, in the order they were inserted.
    pub fn parts(&self) -> &[InsertedPart] {
        &self.parts
    }

    /// The inserted part that holds 1-based `line`, if any.
    pub fn part_at(&self, line: usize) -> Option<&InsertedPart> {
        self.parts.iter().find(|part| part.lines.contains(&line))
    }

    /// Puts the course's tests block (`course_block`, from `#[cfg(test)]` to
    /// its closing brace) in place of the learner's, or after everything
    /// when the learner's file has none. Returns how the learner's block
    /// differed, `None` when it is the course's byte for byte.
    ///
    /// Call it before [`DerivedSource::append`]: an appended part's lines
    /// would move with a block of another length.
    pub fn use_course_tests(&mut self, course_block: &str) -> Option<TestsDiffer> {
        let differ = match tests_block(&self.text) {
            Some(learner_block) if learner_block == course_block => None,
            Some(learner_block) => {
                let declared = test_names(learner_block);
                Some(TestsDiffer {
                    missing: test_names(course_block)
                        .into_iter()
                        .filter(|name| !declared.contains(name))
                        .collect(),
                    absent: false,
                })
            }
            None => Some(TestsDiffer {
                missing: test_names(course_block),
                absent: true,
            }),
        };
        let learner_lines = tests_block(&self.text).map(|block| block.matches('\n').count());
        let (mut spliced, range) = splice_tests_block(&self.text, course_block);
        // A shorter block is padded with empty lines, so the learner's code
        // after it keeps its line numbers too (a longer one cannot be).
        if let Some(learner_lines) = learner_lines {
            let short_by = learner_lines.saturating_sub(course_block.matches('\n').count());
            spliced.insert_str(range.end, &"\n".repeat(short_by));
        }
        self.text = spliced;
        let first = line_of(&self.text, range.start);
        let last = first + course_block.matches('\n').count();
        self.parts.push(InsertedPart {
            kind: PartKind::CourseTests,
            lines: first..=last,
        });
        differ
    }

    /// Appends the test that runs `main` ([`PROGRAM_TEST`]); `false`, with
    /// nothing appended, when the learner's file has no `fn main()` to run
    /// (none at all, or one that takes arguments, which no program's `main`
    /// does and the test could not call).
    pub fn add_program_test(&mut self) -> bool {
        if !has_main(&self.text) || !main_takes_no_arguments(&self.text) {
            return false;
        }
        self.append(PartKind::ProgramTest, PROGRAM_TEST_TEXT);
        true
    }

    /// Appends `part` after everything, starting on a line of its own
    /// after one blank line, and returns its 1-based lines. A final
    /// newline is added when `part` has none.
    pub fn append(&mut self, kind: PartKind, part: &str) -> RangeInclusive<usize> {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        self.text.push('\n');
        let first = self.text.matches('\n').count() + 1;
        self.text.push_str(part);
        if !part.ends_with('\n') {
            self.text.push('\n');
        }
        let last = self.text.matches('\n').count();
        self.parts.push(InsertedPart {
            kind,
            lines: first..=last.max(first),
        });
        first..=last.max(first)
    }
}

/// Whether the first `fn main(` of `text` closes its parameter list at once.
fn main_takes_no_arguments(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_start();
        let line = line.strip_prefix("pub ").unwrap_or(line);
        line.strip_prefix("fn main")
            .and_then(|rest| rest.trim_start().strip_prefix('('))
            .is_some_and(|rest| rest.trim_start().starts_with(')'))
    })
}

/// The 1-based line of byte `offset`.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const COURSE_TESTS: &str = "#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn first() {\n        assert_eq!(answer(), 42);\n    }\n\n    #[test]\n    fn second() {\n        assert!(answer() > 0);\n    }\n}";

    fn learner(tests: &str) -> String {
        format!("fn answer() -> u32 {{\n    42\n}}\n\nfn main() {{}}\n\n{tests}\n")
    }

    #[test]
    fn the_course_tests_replace_the_learners_and_keep_the_code_above_in_place() {
        let weakened = COURSE_TESTS.replace("assert_eq!(answer(), 42);", "assert!(true);");
        let text = learner(&weakened);
        let mut derived = DerivedSource::new(text.as_bytes()).unwrap();
        let differ = derived.use_course_tests(COURSE_TESTS);
        assert_eq!(
            differ,
            Some(TestsDiffer {
                missing: Vec::new(),
                absent: false
            }),
            "same tests, other assertions: it differs, nothing is missing"
        );
        assert_eq!(derived.text(), learner(COURSE_TESTS));
        // The block starts on line 7 in both texts and has 14 lines.
        assert_eq!(derived.parts()[0].lines, 7..=20);
        assert_eq!(
            derived.text().lines().nth(6),
            Some("#[cfg(test)]"),
            "line 7"
        );
        assert_eq!(derived.part_at(12).unwrap().kind, PartKind::CourseTests);
        assert_eq!(derived.part_at(6), None, "the learner's own line");
    }

    #[test]
    fn identical_tests_do_not_differ_and_deleted_ones_are_named() {
        let same = learner(COURSE_TESTS);
        let mut derived = DerivedSource::new(same.as_bytes()).unwrap();
        assert_eq!(derived.use_course_tests(COURSE_TESTS), None);
        assert_eq!(derived.text(), same);

        let one_deleted = learner(
            "#[cfg(test)]\nmod tests {\n    #[test]\n    fn second() {\n        assert!(true);\n    }\n}",
        );
        let mut derived = DerivedSource::new(one_deleted.as_bytes()).unwrap();
        assert_eq!(
            derived.use_course_tests(COURSE_TESTS),
            Some(TestsDiffer {
                missing: vec!["tests::first".to_owned()],
                absent: false
            })
        );
        assert_eq!(derived.text(), learner(COURSE_TESTS));
    }

    #[test]
    fn code_after_a_longer_learner_block_keeps_its_lines() {
        let longer = COURSE_TESTS.replace(
            "    #[test]\n    fn second()",
            "    // mine\n    // mine\n    #[test]\n    fn second()",
        );
        let text = format!("{}\nfn after() {{}}\n", learner(&longer));
        let after_line = text.lines().position(|line| line == "fn after() {}");
        let mut derived = DerivedSource::new(text.as_bytes()).unwrap();
        assert!(derived.use_course_tests(COURSE_TESTS).is_some());
        assert_eq!(
            derived
                .text()
                .lines()
                .position(|line| line == "fn after() {}"),
            after_line
        );
        assert_eq!(derived.parts()[0].lines, 7..=20, "the block itself");
    }

    #[test]
    fn a_missing_block_is_appended_after_the_learners_last_line() {
        let without = "fn answer() -> u32 {\n    42\n}\n\nfn main() {}";
        let mut derived = DerivedSource::new(without.as_bytes()).unwrap();
        assert_eq!(
            derived.use_course_tests(COURSE_TESTS),
            Some(TestsDiffer {
                missing: vec!["tests::first".to_owned(), "tests::second".to_owned()],
                absent: true
            })
        );
        assert!(
            derived.text().starts_with(without),
            "nothing of theirs moves"
        );
        // Five lines of theirs, a blank one, then the block.
        assert_eq!(derived.parts()[0].lines, 7..=20);
        assert!(derived.text().ends_with("}\n"));
    }

    #[test]
    fn the_program_test_is_appended_only_when_there_is_a_main() {
        let text = learner(COURSE_TESTS);
        let mut derived = DerivedSource::new(text.as_bytes()).unwrap();
        derived.use_course_tests(COURSE_TESTS);
        assert!(derived.add_program_test());
        let part = derived.parts().last().unwrap();
        assert_eq!(part.kind, PartKind::ProgramTest);
        assert_eq!(
            *part.lines.start(),
            text.lines().count() + 2,
            "after a blank line"
        );
        assert_eq!(
            *part.lines.end(),
            derived.text().lines().count(),
            "to the end"
        );
        let module = PROGRAM_TEST.split("::").next().unwrap();
        assert!(derived.text().contains(&format!("mod {module} {{")));
        assert!(derived.text().contains(&format!(
            "fn {}()",
            PROGRAM_TEST.rsplit("::").next().unwrap()
        )));

        let mut without_main = DerivedSource::new(b"fn answer() -> u32 { 42 }\n").unwrap();
        assert!(!without_main.add_program_test());
        assert!(without_main.parts().is_empty());
        let mut with_arguments = DerivedSource::new(b"fn main(steps: u32) {}\n").unwrap();
        assert!(!with_arguments.add_program_test());
    }

    #[test]
    fn bytes_that_are_not_utf8_cannot_be_derived_from() {
        assert_eq!(DerivedSource::new(b"fn main() {}\n\xff\n"), None);
    }

    #[test]
    fn content_hashes_tell_contents_apart() {
        assert_eq!(content_hash(b"a"), content_hash(b"a"));
        assert_ne!(content_hash(b"a"), content_hash(b"b"));
    }
}
