//! Loading a course: read `info.toml` from the course folder, parse it
//! (`parse.rs`) and resolve it (`resolve.rs`) into a [`Course`], or say why
//! not: every problem of the manifest, or the file that could not be read.
//!
//! Owns the two ways a course is loaded (a learner's folder, the source)
//! and the error they return. It does not look for the course folder: the
//! caller passes the root.

use std::fs;
use std::path::Path;

use super::error::CourseError;
use super::model::Course;
use super::parse::parse;
use super::problem::Problems;
use super::resolve::{FileCheck, resolve};
use super::toml_reader::{FieldNames, TomlReader, decode};

/// The manifest's file name, at the course root.
pub const INFO_FILE: &str = "info.toml";

impl Course {
    /// Loads the course whose `info.toml` is in `root` (a learner's course
    /// folder or the source). Validates the whole manifest and that the
    /// library folder has a `Cargo.toml`; exercise files are checked when an
    /// exercise is checked, so a deleted file can still be restored by `reset`.
    pub fn load(root: &Path) -> Result<Course, CourseError> {
        load_with(root, FileCheck::Learner)
    }

    /// Loads the course SOURCE (the repository, for `verify --pack`): as
    /// [`Course::load`], and every exercise and solution file must exist.
    pub fn load_source(root: &Path) -> Result<Course, CourseError> {
        load_with(root, FileCheck::Source)
    }
}

fn load_with(root: &Path, check: FileCheck) -> Result<Course, CourseError> {
    let root = root.canonicalize().map_err(|source| CourseError::Io {
        action: "open the course folder",
        path: root.to_path_buf(),
        source,
    })?;
    let info_path = root.join(INFO_FILE);
    let bytes = fs::read(&info_path).map_err(|source| CourseError::Io {
        action: "read the course manifest",
        path: info_path.clone(),
        source,
    })?;
    let invalid = |problems| CourseError::Invalid { problems };
    let text = decode(&info_path, bytes).map_err(|problem| invalid(Problems(vec![problem])))?;
    from_text(&root, &info_path, &text, check).map_err(invalid)
}

/// Parses and resolves `text`, read from `info_path` in `root`.
fn from_text(
    root: &Path,
    info_path: &Path,
    text: &str,
    check: FileCheck,
) -> Result<Course, Problems> {
    let mut reader = TomlReader::new(info_path, text, FieldNames::Table);
    let course = parse(&mut reader).and_then(|raw| resolve(raw, root, check, &mut reader));
    let problems = reader.finish();
    match course {
        Some(course) if problems.is_empty() => Ok(course),
        _ => Err(Problems(problems)),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::course::{
        Chapter, DEFAULT_SNIPPET_RETURNS, DEFAULT_TIMEOUT, Expectation, HintRule, LintAllowances,
        Mode, Obligation, PassContract,
    };

    const LIBRARY: &str = "lib";

    /// A course root with a library folder and the given manifest.
    fn course_root(manifest: &str) -> tempfile::TempDir {
        let root = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(root.path().join(LIBRARY)).expect("library folder");
        fs::write(root.path().join(LIBRARY).join("Cargo.toml"), "[package]\n").expect("manifest");
        fs::write(root.path().join(INFO_FILE), manifest).expect("info.toml");
        root
    }

    fn problems(manifest: &str, check: FileCheck) -> Vec<String> {
        let root = course_root(manifest);
        let info = root.path().join(INFO_FILE);
        match from_text(
            root.path(),
            Path::new(INFO_FILE),
            &fs::read_to_string(info).expect("read"),
            check,
        ) {
            Ok(_) => Vec::new(),
            Err(Problems(problems)) => problems.iter().map(ToString::to_string).collect(),
        }
    }

    const HEADER: &str = r#"format_version = 1
library = "lib"
welcome_message = "Welcome."
final_message = "Done."

[[chapters]]
id = "01_first"
title = "First"
intro = "The first chapter."
"#;

    fn exercise(name: &str, extra: &str) -> String {
        format!(
            r#"
[[exercises]]
name = "{name}"
path = "01_first/{name}.rs"
chapter = "01_first"
concept = "A concept."
mode = "test"
hints = ["gentle", "near"]
{extra}
[exercises.expect]
kind = "compile"
code = "E0308"
contains = ["expected `Vector`"]
"#
        )
    }

    #[test]
    fn a_valid_manifest_resolves_into_the_runtime_model() {
        let manifest = format!(
            "{HEADER}{}{}",
            exercise(
                "first",
                "timeout_secs = 3\nclippy = true\n[[exercises.hint_on]]\ncode = \"E0308\"\ncontains = [\"found `Logits`\"]\ntext = \"Softmax first.\"\n"
            ),
            exercise("second", "")
        );
        let root = course_root(&manifest);
        let course = Course::load(root.path()).expect("valid course");
        assert_eq!(course.exercises().len(), 2);
        let first = course.exercise("first").expect("first exists");
        assert_eq!(first.path, Path::new("01_first/first.rs"));
        assert_eq!(first.mode, Mode::Test);
        assert_eq!(first.timeout, Duration::from_secs(3));
        assert!(first.clippy);
        assert_eq!(
            first.hint_on,
            vec![HintRule {
                code: "E0308".into(),
                contains: vec!["found `Logits`".into()],
                text: "Softmax first.".into(),
                level: 1,
            }]
        );
        assert_eq!(
            first.expect,
            Expectation::Compile {
                code: "E0308".into(),
                contains: vec!["expected `Vector`".into()]
            }
        );
        let second = course.exercise("second").expect("second exists");
        assert_eq!(second.timeout, DEFAULT_TIMEOUT);
        assert!(!second.clippy);
        assert_eq!(course.chapters()[0].id, "01_first");
        assert_eq!(
            course.library_dir(),
            root.path().canonicalize().expect("canonical").join(LIBRARY)
        );
        assert!(
            course
                .exercise_path(first)
                .ends_with("exercises/01_first/first.rs")
        );
        assert!(
            course
                .solution_path(first)
                .ends_with("solutions/01_first/first.rs")
        );
        assert_eq!(course.welcome_message(), "Welcome.");
    }

    #[test]
    fn the_library_crate_is_named_as_its_manifest_names_it() {
        let root = course_root(&format!("{HEADER}{}", exercise("first", "")));
        let library_manifest = root.path().join(LIBRARY).join("Cargo.toml");
        let crate_name = |manifest: &str| {
            fs::write(&library_manifest, manifest).expect("library manifest");
            Course::load(root.path())
                .expect("loads")
                .library_crate()
                .map(str::to_owned)
        };
        assert_eq!(
            crate_name("[package]\nname = \"tiny-stats\"\n").as_deref(),
            Some("tiny_stats"),
            "cargo's rule: the package name with `-` as `_`"
        );
        assert_eq!(
            crate_name("[package]\nname = \"typed-ai\"\n[lib]\nname = \"typed_ai\"\n").as_deref(),
            Some("typed_ai")
        );
        assert_eq!(crate_name("[package\n"), None, "unreadable: no name");
    }

    #[test]
    fn every_problem_is_reported_at_once_with_its_position() {
        let manifest = format!(
            "{HEADER}{}{}{}",
            exercise("dup", ""),
            exercise("dup", ""),
            exercise("lonely", "")
                .replace(r#"hints = ["gentle", "near"]"#, r#"hints = ["only one"]"#)
        );
        let found = problems(&manifest, FileCheck::Learner);
        assert_eq!(
            found,
            vec![
                "info.toml:25:8: exercise `dup`.name: is used by an earlier exercise; exercise names must be unique",
                "info.toml:26:8: exercise `dup`.path: is used by an earlier exercise",
                "info.toml:43:9: exercise `lonely`.hints: has 1 hint level(s); give at least two, gentle first, near-answer last",
            ]
        );
    }

    #[test]
    fn chapter_ids_carry_increasing_two_digit_numbers() {
        let chapter =
            |id: &str| format!("\n[[chapters]]\nid = \"{id}\"\ntitle = \"T\"\nintro = \"I.\"\n");
        let manifest = format!(
            "{HEADER}{}{}{}{}{}",
            chapter("03_third"),
            chapter("02_second"),
            chapter("third"),
            chapter("02_again"),
            exercise("first", "")
        );
        let found = problems(&manifest, FileCheck::Learner);
        assert_eq!(
            found,
            vec![
                "info.toml:17:6: chapter `02_second`.id: chapter number 2 does not come after `03_third`'s 3; number the chapters in increasing order",
                "info.toml:22:6: chapter `third`.id: must start with the chapter's number in two digits and `_`, e.g. \"04_tiny_ml_pipeline\" for chapter 4",
                "info.toml:27:6: chapter `02_again`.id: chapter number 2 does not come after `02_second`'s 2; number the chapters in increasing order",
            ]
        );

        let root = course_root(&format!(
            "{HEADER}{}{}",
            chapter("13_last"),
            exercise("first", "")
        ));
        let course = Course::load(root.path()).expect("valid course");
        let numbers: Vec<u32> = course.chapters().iter().map(Chapter::number).collect();
        assert_eq!(numbers, [1, 13]);
        assert_eq!(course.last_chapter_number(), 13);
    }

    #[test]
    fn serde_errors_in_several_entries_are_all_reported() {
        let manifest = format!(
            "{HEADER}{}{}",
            exercise("one", "colour = \"red\""),
            exercise("two", "").replace("kind = \"compile\"", "kind = \"compiles\"")
        );
        let found = problems(&manifest, FileCheck::Learner);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(
            found[0].starts_with("info.toml:18:1: exercises[0] `one`: unknown field `colour`"),
            "{found:#?}"
        );
        assert!(
            found[1].contains("exercises[1] `two`: unknown variant `compiles`"),
            "{found:#?}"
        );
        assert!(found[1].starts_with("info.toml:3"), "{found:#?}");
    }

    #[test]
    fn paths_must_stay_inside_exercises() {
        for (path, message) in [
            (
                "../01_first/x.rs",
                "must stay inside exercises/: `..` is not allowed",
            ),
            (
                "/etc/01_first/x.rs",
                "must be relative to exercises/, not absolute",
            ),
            (
                "01_first/../../x.rs",
                "must stay inside exercises/: `..` is not allowed",
            ),
            ("01_first/x.txt", "must name a `.rs` file"),
            ("01_first\\\\x.rs", "use `/` as the separator"),
        ] {
            let manifest = format!(
                "{HEADER}{}",
                exercise("x", "").replace("01_first/x.rs", path)
            );
            let found = problems(&manifest, FileCheck::Learner);
            assert_eq!(found.len(), 1, "{path}: {found:#?}");
            assert!(
                found[0].contains("exercise `x`.path: "),
                "{path}: {found:#?}"
            );
            assert!(found[0].contains(message), "{path}: {found:#?}");
        }
    }

    #[test]
    fn semantic_rules_name_their_field() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "chapter = \"01_first\"",
                "chapter = \"09_none\"",
                "exercise `x`.chapter: no chapter has the id `09_none`",
            ),
            (
                "hints = [\"gentle\", \"near\"]",
                "hints = [\"gentle\", \" \"]",
                "exercise `x`.hints[1]: is empty",
            ),
            (
                "mode = \"test\"",
                "mode = \"tests\"",
                "unknown variant `tests`",
            ),
            (
                "concept = \"A concept.\"",
                "concept = \"\"",
                "exercise `x`.concept: is empty",
            ),
            (
                "code = \"E0308\"",
                "code = \"E308\"",
                "exercise `x`.expect.code: `E308` is not",
            ),
            (
                "kind = \"compile\"\ncode = \"E0308\"",
                "kind = \"run\"",
                "exercise `x`.expect.kind: kind = \"run\" needs mode = \"run\"",
            ),
            ("name = \"x\"", "name = \"X\"", "must be a lowercase slug"),
        ];
        for (from, to, expected) in cases {
            let manifest = format!("{HEADER}{}", exercise("x", "").replacen(from, to, 1));
            let found = problems(&manifest, FileCheck::Learner);
            assert!(
                found.iter().any(|problem| problem.contains(expected)),
                "{to}: {found:#?}"
            );
        }
    }

    #[test]
    fn header_problems_are_located() {
        let found = problems(
            &HEADER.replace("format_version = 1", "format_version = 2"),
            FileCheck::Learner,
        );
        assert!(
            found.iter().any(|problem| problem
                .starts_with("info.toml:1:18: format_version: unsupported format_version 2")),
            "{found:#?}"
        );
        assert!(
            found
                .iter()
                .any(|problem| problem.contains("exercises: missing")),
            "{found:#?}"
        );

        let found = problems(
            &format!("{HEADER}{}", exercise("x", ""))
                .replace("library = \"lib\"", "library = \"nowhere\""),
            FileCheck::Learner,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].starts_with("info.toml:2:11: library: no Cargo.toml"),
            "{found:#?}"
        );

        let found = problems("format_version = 1\nlibrary = \n", FileCheck::Learner);
        assert!(found[0].starts_with("info.toml:2:"), "{found:#?}");
        assert!(found[0].contains("TOML syntax"), "{found:#?}");
    }

    /// The optional tables of format 1, all given, on a run-mode exercise.
    const OPTIONAL_TABLES: &str = r#"
[[exercises.hint_on]]
code = "E0308"
text = "Rule at level 3."
level = 3
[exercises.pass]
contains = ["loss = 0.5", "done"]
[[exercises.must_not_compile]]
name = "vector_as_matrix"
why = "A vector is not a matrix."
code = "E0308"
contains = ["expected `Matrix`"]
snippet = "let m: Matrix = Vector::zeros(3);"
[[exercises.must_not_compile]]
name = "bare_index"
why = "A token id is not an integer."
code = "E0277"
snippet = "let t: TokenId = 3;"
[exercises.allow]
spoiled = "The constructor is the lesson, shown again on purpose."
"#;

    #[test]
    fn the_optional_tables_resolve_into_the_exercise() {
        let manifest = format!(
            "{HEADER}{}{}",
            exercise("first", OPTIONAL_TABLES).replace("mode = \"test\"", "mode = \"run\""),
            exercise("second", "")
        );
        let root = course_root(&manifest);
        let course = Course::load(root.path()).expect("valid course");
        let first = course.exercise("first").expect("first exists");
        assert_eq!(first.hint_on[0].level, 3);
        assert_eq!(
            first.pass,
            Some(PassContract {
                contains: vec!["loss = 0.5".into(), "done".into()]
            })
        );
        assert_eq!(
            first.must_not_compile,
            vec![
                Obligation {
                    name: "vector_as_matrix".into(),
                    why: "A vector is not a matrix.".into(),
                    code: "E0308".into(),
                    contains: vec!["expected `Matrix`".into()],
                    snippet: "let m: Matrix = Vector::zeros(3);".into(),
                },
                Obligation {
                    name: "bare_index".into(),
                    why: "A token id is not an integer.".into(),
                    code: "E0277".into(),
                    contains: Vec::new(),
                    snippet: "let t: TokenId = 3;".into(),
                },
            ]
        );
        assert_eq!(
            first.allow,
            LintAllowances {
                solved_by_rustc: None,
                spoiled: Some("The constructor is the lesson, shown again on purpose.".into()),
            }
        );
        let second = course.exercise("second").expect("second exists");
        assert_eq!(second.pass, None);
        assert!(second.must_not_compile.is_empty());
        assert_eq!(second.allow, LintAllowances::default());
    }

    #[test]
    fn snippet_returns_is_the_pack_s_or_std_s() {
        let manifest = format!("{HEADER}{}", exercise("first", ""));
        let root = course_root(&manifest);
        let course = Course::load(root.path()).expect("valid course");
        assert_eq!(course.snippet_returns(), DEFAULT_SNIPPET_RETURNS);

        let declared = manifest.replace(
            "final_message = \"Done.\"\n",
            "final_message = \"Done.\"\nsnippet_returns = \"lib::MlResult<()>\"\n",
        );
        let root = course_root(&declared);
        let course = Course::load(root.path()).expect("valid course");
        assert_eq!(course.snippet_returns(), "lib::MlResult<()>");

        let two_lines = manifest.replace(
            "final_message = \"Done.\"\n",
            "final_message = \"Done.\"\nsnippet_returns = \"\"\"\nlib::MlResult<()>\nfoo\"\"\"\n",
        );
        let found = problems(&two_lines, FileCheck::Learner);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].starts_with("info.toml:5:19: snippet_returns: must be one line of Rust"),
            "{found:#?}"
        );
    }

    #[test]
    fn the_optional_tables_are_validated_with_their_location() {
        // (edit of OPTIONAL_TABLES, mode, expected problem). The exercise
        // header is 12 lines after HEADER's 9, so OPTIONAL_TABLES' first
        // line (its leading newline) is line 18.
        let cases: &[(&str, &str, &str, &str)] = &[
            (
                "level = 3",
                "level = 4",
                "run",
                "info.toml:22:9: exercise `x`.hint_on[0].level: must be between 1 and 3 (the number of progressive hints + 1), found 4",
            ),
            (
                "level = 3",
                "level = 0",
                "run",
                "exercise `x`.hint_on[0].level: must be between 1 and 3",
            ),
            (
                "",
                "",
                "test",
                "info.toml:23:1: exercise `x`.pass: only a mode = \"run\" exercise has a program output to check",
            ),
            (
                "contains = [\"loss = 0.5\", \"done\"]",
                "contains = []",
                "run",
                "info.toml:24:12: exercise `x`.pass.contains: is empty; list the fragments",
            ),
            (
                "\"loss = 0.5\", \"done\"",
                "\"loss = 0.5\", \" \"",
                "run",
                "info.toml:24:27: exercise `x`.pass.contains[1]: is empty",
            ),
            (
                "name = \"bare_index\"",
                "name = \"vector_as_matrix\"",
                "run",
                "info.toml:32:8: exercise `x`.must_not_compile[1].name: `vector_as_matrix` is used by an earlier must_not_compile entry",
            ),
            (
                "name = \"bare_index\"",
                "name = \"Bare index\"",
                "run",
                "exercise `x`.must_not_compile[1].name: must be a lowercase slug",
            ),
            (
                "why = \"A vector is not a matrix.\"",
                "why = \"\"",
                "run",
                "info.toml:27:7: exercise `x`.must_not_compile[0].why: is empty",
            ),
            (
                "why = \"A vector is not a matrix.\"",
                "why = \"\"\"A vector.\nNot a matrix.\"\"\"",
                "run",
                "exercise `x`.must_not_compile[0].why: must be one sentence on one line",
            ),
            (
                "code = \"E0277\"",
                "code = \"clippy::needless_return\"",
                "run",
                "info.toml:34:8: exercise `x`.must_not_compile[1].code: `clippy::needless_return` is not a compiler error code",
            ),
            (
                "contains = [\"expected `Matrix`\"]",
                "contains = [\"\"]",
                "run",
                "exercise `x`.must_not_compile[0].contains[0]: is empty",
            ),
            (
                "snippet = \"let t: TokenId = 3;\"",
                "snippet = \"  \"",
                "run",
                "info.toml:35:11: exercise `x`.must_not_compile[1].snippet: is empty",
            ),
            (
                "spoiled = \"The constructor is the lesson, shown again on purpose.\"",
                "spoiled = \"\"\nsolved_by_rustc = \"x\"",
                "run",
                "info.toml:37:11: exercise `x`.allow.spoiled: is empty; say why",
            ),
            (
                "spoiled = ",
                "spoilt = ",
                "run",
                "info.toml:37:1: exercises[0] `x`: unknown field `spoilt`, expected `solved_by_rustc` or `spoiled`",
            ),
        ];
        for (from, to, mode, expected) in cases {
            let extra = OPTIONAL_TABLES.replacen(from, to, 1);
            let manifest = format!(
                "{HEADER}{}",
                exercise("x", &extra).replace("mode = \"test\"", &format!("mode = \"{mode}\""))
            );
            let found = problems(&manifest, FileCheck::Learner);
            assert_eq!(found.len(), 1, "{to}: {found:#?}");
            assert!(found[0].contains(expected), "{to}: {found:#?}");
        }
    }

    #[test]
    fn a_manifest_that_is_not_utf8_is_a_located_problem() {
        let manifest = format!("{HEADER}{}", exercise("x", ""));
        let root = course_root(&manifest);
        let mut bytes = manifest.into_bytes();
        // The closing quote of the last line, `contains = ["expected `Vector`"]`
        // (line 22): column 31.
        let at = bytes.len() - 3;
        bytes[at] = 0xFF;
        fs::write(root.path().join(INFO_FILE), bytes).expect("write");
        let error = Course::load(root.path()).expect_err("not UTF-8");
        assert!(!error.is_environment(), "{error}");
        let message = error.to_string();
        assert!(
            message.contains("info.toml:22:31: encoding: byte 0xFF is not UTF-8 text"),
            "{message}"
        );
    }

    #[test]
    fn an_unreadable_folder_is_the_environment() {
        let error = Course::load(Path::new("/nonexistent/course")).expect_err("no folder");
        assert!(error.is_environment(), "{error}");
        assert!(
            error
                .to_string()
                .starts_with("could not open the course folder /nonexistent/course"),
            "{error}"
        );
    }

    #[test]
    fn the_source_must_have_every_exercise_and_solution_file() {
        let manifest = format!("{HEADER}{}", exercise("x", ""));
        let root = course_root(&manifest);
        fs::create_dir_all(root.path().join("exercises/01_first")).expect("folder");
        fs::write(
            root.path().join("exercises/01_first/x.rs"),
            "fn main() {}\n",
        )
        .expect("file");
        assert!(
            Course::load(root.path()).is_ok(),
            "a learner's folder needs no solutions"
        );
        let error = Course::load_source(root.path()).expect_err("the solution is missing");
        let message = error.to_string();
        assert!(
            message.contains(":13:8: exercise `x`.path: solutions/01_first/x.rs does not exist"),
            "{message}"
        );
        assert!(
            !message.contains("exercises/01_first/x.rs does not exist"),
            "{message}"
        );
    }
}
