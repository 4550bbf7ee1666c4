//! Loading a course: read info.toml, deserialise it entry by entry, resolve the
//! raw model into [`Course`], and validate it as a whole.
//!
//! Owns every rule about what a valid manifest is and reports all broken rules
//! at once, each located by file, line, column and field. It does not compile
//! or judge anything, and it does not look for the course folder (the caller
//! passes the root).

use std::collections::{HashMap, HashSet};
use std::fs;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::exercise::{DEFAULT_TIMEOUT, Exercise, Expectation, HintRule, Mode};
use super::problem::{Locator, Problem, Problems};
use super::raw::{RawChapter, RawExercise, RawExpect, RawHeader, RawHintRule};
use crate::error::Error;

/// The only info.toml format this runner reads.
pub const FORMAT_VERSION: i64 = 1;

/// The manifest's file name, at the course root.
pub const INFO_FILE: &str = "info.toml";

/// Longest run time an exercise may ask for; anything longer is a typo.
const MAX_TIMEOUT_SECS: i64 = 600;

/// A chapter: a folder of exercises about one idea.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    /// The folder name, e.g. `04_tiny_ml_pipeline`.
    pub id: String,
    /// Human title.
    pub title: String,
    /// A short paragraph shown when the learner enters the chapter.
    pub intro: String,
}

/// A loaded, validated course.
#[derive(Debug, Clone)]
pub struct Course {
    root: PathBuf,
    library_dir: PathBuf,
    welcome_message: String,
    final_message: String,
    chapters: Vec<Chapter>,
    exercises: Vec<Exercise>,
}

/// How much of the file tree `load` checks besides the manifest itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileCheck {
    /// A learner's course folder: exercise files are checked when used, so a
    /// deleted file does not lock the learner out of `reset`.
    Learner,
    /// The source repository: every exercise and solution file must exist.
    Source,
}

impl Course {
    /// Loads the course whose `info.toml` is in `root` (a learner's course
    /// folder or the source). Validates the whole manifest and that the
    /// library folder has a `Cargo.toml`; exercise files are checked when an
    /// exercise is checked, so a deleted file can still be restored by `reset`.
    pub fn load(root: &Path) -> Result<Course, Error> {
        Self::load_with(root, FileCheck::Learner)
    }

    /// Loads the course SOURCE (the repository, for `verify --pack`): as
    /// [`Course::load`], and every exercise and solution file must exist.
    pub fn load_source(root: &Path) -> Result<Course, Error> {
        Self::load_with(root, FileCheck::Source)
    }

    fn load_with(root: &Path, check: FileCheck) -> Result<Course, Error> {
        let root = root.canonicalize().map_err(|source| Error::Io {
            action: "open the course folder",
            path: root.to_path_buf(),
            source,
        })?;
        let info_path = root.join(INFO_FILE);
        let text = fs::read_to_string(&info_path).map_err(|source| Error::Io {
            action: "read the course manifest",
            path: info_path.clone(),
            source,
        })?;
        resolve(&root, &info_path, &text, check).map_err(|problems| Error::Course { problems })
    }

    /// The course folder (absolute), where info.toml is.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Every exercise, in course order.
    pub fn exercises(&self) -> &[Exercise] {
        &self.exercises
    }

    /// Every chapter, in course order.
    pub fn chapters(&self) -> &[Chapter] {
        &self.chapters
    }

    /// Every exercise's name, in course order: the order the progress
    /// store's queries take.
    pub fn exercise_names(&self) -> Vec<&str> {
        self.exercises
            .iter()
            .map(|exercise| exercise.name.as_str())
            .collect()
    }

    /// The exercise called `name`.
    pub fn exercise(&self, name: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|exercise| exercise.name == name)
    }

    /// The chapter called `id`.
    pub fn chapter(&self, id: &str) -> Option<&Chapter> {
        self.chapters.iter().find(|chapter| chapter.id == id)
    }

    /// The folder of the exercise files.
    pub fn exercises_dir(&self) -> PathBuf {
        self.root.join("exercises")
    }

    /// The folder of the solution files.
    pub fn solutions_dir(&self) -> PathBuf {
        self.root.join("solutions")
    }

    /// The file the learner edits: `exercises/<path>`.
    pub fn exercise_path(&self, exercise: &Exercise) -> PathBuf {
        self.exercises_dir().join(&exercise.path)
    }

    /// The reference solution: `solutions/<path>`.
    pub fn solution_path(&self, exercise: &Exercise) -> PathBuf {
        self.solutions_dir().join(&exercise.path)
    }

    /// The library crate's folder (absolute), the one with its `Cargo.toml`.
    pub fn library_dir(&self) -> &Path {
        &self.library_dir
    }

    /// Shown when a learner starts.
    pub fn welcome_message(&self) -> &str {
        &self.welcome_message
    }

    /// Shown when every exercise is done.
    pub fn final_message(&self) -> &str {
        &self.final_message
    }
}

/// Parses and validates `text` (read from `info_path` in `root`).
fn resolve(
    root: &Path,
    info_path: &Path,
    text: &str,
    check: FileCheck,
) -> Result<Course, Problems> {
    let locator = Locator::new(info_path, text);
    let mut problems = Vec::new();
    let raw = parse(&locator, text, &mut problems);
    let course =
        raw.and_then(|raw| Resolver::new(root, &locator, check).resolve(raw, &mut problems));
    match course {
        Some(course) if problems.is_empty() => Ok(course),
        _ => {
            problems.sort_by_key(|problem| (problem.line, problem.column));
            Err(Problems(problems))
        }
    }
}

/// The manifest deserialised part by part; whatever deserialised is kept so
/// that its semantic problems are reported alongside the serde ones.
struct RawCourse {
    header: Option<RawHeader>,
    header_span: Range<usize>,
    chapters: Vec<RawChapter>,
    /// False when a chapter failed to deserialise: "no such chapter" would then be noise.
    chapters_complete: bool,
    exercises: Vec<RawExercise>,
}

/// Deserialises the top, each chapter and each exercise separately, so that a
/// serde error in one entry (an unknown field, a missing one) does not hide the
/// problems of the others. Returns `None` on a TOML syntax error.
fn parse(locator: &Locator<'_>, text: &str, problems: &mut Vec<Problem>) -> Option<RawCourse> {
    let (document, syntax_errors) = DeTable::parse_recoverable(text);
    if !syntax_errors.is_empty() {
        for error in syntax_errors {
            let span = error.span().unwrap_or(0..0);
            problems.push(locator.problem(span, "TOML syntax", error.message().trim().to_owned()));
        }
        return None;
    }
    let header_span = document.span();
    let mut top = document.into_inner();
    let chapters = top.remove("chapters");
    let exercises = top.remove("exercises");

    let header = deserialize::<RawHeader>(
        Spanned::new(header_span.clone(), DeValue::Table(top)),
        locator,
        "top level",
        problems,
    );
    let chapter_entries = entries(chapters, "chapters", locator, problems);
    let chapter_count = chapter_entries.len();
    let chapters = chapter_entries
        .into_iter()
        .enumerate()
        .filter_map(|(index, entry)| {
            let field = entry_label("chapters", index, &entry, "id");
            deserialize::<RawChapter>(entry, locator, &field, problems)
        })
        .collect::<Vec<_>>();
    let exercises = entries(exercises, "exercises", locator, problems)
        .into_iter()
        .enumerate()
        .filter_map(|(index, entry)| {
            let field = entry_label("exercises", index, &entry, "name");
            deserialize::<RawExercise>(entry, locator, &field, problems)
        })
        .collect::<Vec<_>>();
    Some(RawCourse {
        header,
        header_span,
        chapters_complete: chapters.len() == chapter_count,
        chapters,
        exercises,
    })
}

/// The entries of a top-level array of tables (`[[chapters]]`, `[[exercises]]`).
fn entries<'i>(
    value: Option<Spanned<DeValue<'i>>>,
    key: &str,
    locator: &Locator<'_>,
    problems: &mut Vec<Problem>,
) -> Vec<Spanned<DeValue<'i>>> {
    match value {
        None => {
            problems.push(locator.problem(
                0..0,
                key,
                format!("missing: the course needs at least one `[[{key}]]` table"),
            ));
            Vec::new()
        }
        Some(value) => {
            let span = value.span();
            match value.into_inner() {
                DeValue::Array(array) => array.into_iter().collect(),
                other => {
                    problems.push(locator.problem(
                        span,
                        key,
                        format!(
                            "expected an array of tables (`[[{key}]]`), found a {}",
                            other.type_str()
                        ),
                    ));
                    Vec::new()
                }
            }
        }
    }
}

/// `exercises[3] (passes)`: the index, and the entry's name when it has one.
fn entry_label(key: &str, index: usize, entry: &Spanned<DeValue<'_>>, name_key: &str) -> String {
    let name = entry
        .get_ref()
        .get(name_key)
        .and_then(|value| value.get_ref().as_str());
    match name {
        Some(name) => format!("{key}[{index}] `{name}`"),
        None => format!("{key}[{index}]"),
    }
}

fn deserialize<'i, T: Deserialize<'i>>(
    value: Spanned<DeValue<'i>>,
    locator: &Locator<'_>,
    field: &str,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let fallback_span = value.span();
    match T::deserialize(ValueDeserializer::from(value)) {
        Ok(parsed) => Some(parsed),
        Err(error) => {
            let span = error.span().unwrap_or(fallback_span);
            problems.push(locator.problem(span, field, error.message().trim().to_owned()));
            None
        }
    }
}

/// Turns the raw model into a [`Course`], collecting every semantic problem.
struct Resolver<'a> {
    root: &'a Path,
    locator: &'a Locator<'a>,
    check: FileCheck,
    problems: Vec<Problem>,
}

impl<'a> Resolver<'a> {
    fn new(root: &'a Path, locator: &'a Locator<'a>, check: FileCheck) -> Self {
        Self {
            root,
            locator,
            check,
            problems: Vec::new(),
        }
    }

    fn problem(
        &mut self,
        span: Range<usize>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.problems
            .push(self.locator.problem(span, field, message));
    }

    fn resolve(mut self, raw: RawCourse, problems: &mut Vec<Problem>) -> Option<Course> {
        let start = raw.header_span.start..raw.header_span.start;
        let library_dir = raw.header.as_ref().and_then(|header| {
            if *header.format_version.get_ref() != FORMAT_VERSION {
                self.problem(
                    header.format_version.span(),
                    "format_version",
                    format!(
                        "unsupported format_version {}; this runner reads format_version {FORMAT_VERSION}",
                        header.format_version.get_ref()
                    ),
                );
            }
            self.library(&header.library)
        });
        if raw.chapters.is_empty() && raw.chapters_complete {
            self.problem(start.clone(), "chapters", "the course has no chapters");
        }
        let chapters = self.chapters(raw.chapters);
        let exercises = self.exercises(raw.exercises, &chapters, raw.chapters_complete);
        problems.append(&mut self.problems);
        let header = raw.header?;
        Some(Course {
            root: self.root.to_path_buf(),
            library_dir: library_dir?,
            welcome_message: header.welcome_message,
            final_message: header.final_message,
            chapters,
            exercises,
        })
    }

    /// `library` is relative to the course root (`crates/typed-ai` in the
    /// repository, `typed-ai` in a course folder) or absolute. Absolute paths
    /// are accepted so that test fixtures can share one library build.
    fn library(&mut self, library: &Spanned<String>) -> Option<PathBuf> {
        let span = library.span();
        let raw = library.get_ref();
        let path = Path::new(raw);
        if raw.trim().is_empty() {
            self.problem(
                span,
                "library",
                "is empty; name the library crate's folder, e.g. \"crates/typed-ai\"",
            );
            return None;
        }
        if path
            .components()
            .any(|component| component == Component::ParentDir)
        {
            self.problem(
                span,
                "library",
                "must not contain `..`; give a folder inside the course or an absolute path",
            );
            return None;
        }
        let dir = if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.root.join(path)
        };
        if !dir.join("Cargo.toml").is_file() {
            self.problem(
                span,
                "library",
                format!("no Cargo.toml in the library folder {}", dir.display()),
            );
            return None;
        }
        Some(dir.canonicalize().unwrap_or(dir))
    }

    fn chapters(&mut self, raw: Vec<RawChapter>) -> Vec<Chapter> {
        let mut seen = HashSet::new();
        let mut chapters = Vec::with_capacity(raw.len());
        for chapter in raw {
            let span = chapter.id.span();
            let id = chapter.id.into_inner();
            let field = format!("chapter `{id}`");
            if !is_folder_name(&id) {
                self.problem(
                    span.clone(),
                    format!("{field}.id"),
                    "must be a folder name: letters, digits, `_` or `-`, e.g. \"04_tiny_ml_pipeline\"",
                );
            }
            if !seen.insert(id.clone()) {
                self.problem(
                    span.clone(),
                    format!("{field}.id"),
                    "is used by an earlier chapter; chapter ids must be unique",
                );
            }
            self.non_empty(&chapter.title, format!("{field}.title"));
            self.non_empty(&chapter.intro, format!("{field}.intro"));
            chapters.push(Chapter {
                id,
                title: chapter.title.into_inner(),
                intro: chapter.intro.into_inner(),
            });
        }
        chapters
    }

    fn exercises(
        &mut self,
        raw: Vec<RawExercise>,
        chapters: &[Chapter],
        chapters_complete: bool,
    ) -> Vec<Exercise> {
        let chapter_order: HashMap<&str, usize> = chapters
            .iter()
            .enumerate()
            .map(|(index, chapter)| (chapter.id.as_str(), index))
            .collect();
        let mut names = HashSet::new();
        let mut paths = HashSet::new();
        let mut last_chapter: Option<(usize, String)> = None;
        let mut exercises = Vec::with_capacity(raw.len());
        for raw in raw {
            let name = raw.name.get_ref().clone();
            let field = format!("exercise `{name}`");
            if !is_crate_name(&name) {
                self.problem(
                    raw.name.span(),
                    format!("{field}.name"),
                    "must be a lowercase slug (letters, digits, `_`, starting with a letter): it is the file stem and the crate name",
                );
            }
            if !names.insert(name.clone()) {
                self.problem(
                    raw.name.span(),
                    format!("{field}.name"),
                    "is used by an earlier exercise; exercise names must be unique",
                );
            }
            let path = self.exercise_path(&raw, &field);
            if let Some(path) = &path {
                if !paths.insert(path.clone()) {
                    self.problem(
                        raw.path.span(),
                        format!("{field}.path"),
                        "is used by an earlier exercise",
                    );
                }
                self.files_exist(path, &raw.path, &field);
            }
            let chapter = raw.chapter.get_ref();
            match chapter_order.get(chapter.as_str()) {
                None if !chapters_complete => {}
                None => self.problem(
                    raw.chapter.span(),
                    format!("{field}.chapter"),
                    format!("no chapter has the id `{chapter}`; add a [[chapters]] table for it"),
                ),
                Some(&order) => {
                    if let Some((last_order, last_id)) = &last_chapter
                        && order < *last_order
                    {
                        self.problem(
                            raw.chapter.span(),
                            format!("{field}.chapter"),
                            format!("`{chapter}` comes before `{last_id}` in [[chapters]], but this exercise is listed after one of `{last_id}`; keep exercises in chapter order"),
                        );
                    }
                    last_chapter = Some((order, chapter.clone()));
                }
            }
            self.non_empty(&raw.concept, format!("{field}.concept"));
            let hints = self.hints(&raw.hints, &field);
            let hint_on = raw
                .hint_on
                .iter()
                .enumerate()
                .map(|(index, rule)| self.hint_rule(rule, &format!("{field}.hint_on[{index}]")))
                .collect();
            let expect = self.expectation(&raw.expect, *raw.mode.get_ref(), &field);
            let timeout = match &raw.timeout_secs {
                None => DEFAULT_TIMEOUT,
                Some(secs) => {
                    let value = *secs.get_ref();
                    if !(1..=MAX_TIMEOUT_SECS).contains(&value) {
                        self.problem(
                            secs.span(),
                            format!("{field}.timeout_secs"),
                            format!(
                                "must be between 1 and {MAX_TIMEOUT_SECS} seconds, found {value}"
                            ),
                        );
                    }
                    Duration::from_secs(value.clamp(1, MAX_TIMEOUT_SECS).unsigned_abs())
                }
            };
            exercises.push(Exercise {
                name,
                path: path.unwrap_or_default(),
                chapter: raw.chapter.into_inner(),
                concept: raw.concept.into_inner(),
                mode: raw.mode.into_inner(),
                hints,
                hint_on,
                expect,
                timeout,
                clippy: raw.clippy,
            });
        }
        exercises
    }

    /// A path relative to `exercises/`, inside it, in the chapter's folder,
    /// named after the exercise.
    fn exercise_path(&mut self, raw: &RawExercise, field: &str) -> Option<PathBuf> {
        let span = raw.path.span();
        let field = format!("{field}.path");
        let text = raw.path.get_ref();
        let path = Path::new(text);
        let problem = if text.is_empty() {
            Some("is empty".to_owned())
        } else if text.contains('\\') {
            Some("use `/` as the separator so the course works on every platform".to_owned())
        } else if path.is_absolute() || text.starts_with('/') {
            Some("must be relative to exercises/, not absolute".to_owned())
        } else if path
            .components()
            .any(|component| component == Component::ParentDir)
        {
            Some("must stay inside exercises/: `..` is not allowed".to_owned())
        } else if path
            .components()
            .any(|component| !matches!(component, Component::Normal(_)))
        {
            Some("must be a plain relative path such as \"01_chapter/slug.rs\"".to_owned())
        } else if path.extension().is_none_or(|extension| extension != "rs") {
            Some("must name a `.rs` file".to_owned())
        } else {
            None
        };
        if let Some(message) = problem {
            self.problem(span, field, message);
            return None;
        }
        let stem = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .unwrap_or_default();
        if stem != raw.name.get_ref() {
            self.problem(
                span.clone(),
                field.clone(),
                format!(
                    "the file stem `{stem}` must equal the exercise name `{}`",
                    raw.name.get_ref()
                ),
            );
        }
        let folder = path
            .parent()
            .and_then(|parent| parent.to_str())
            .unwrap_or_default();
        if folder != raw.chapter.get_ref() {
            self.problem(
                span,
                field,
                format!(
                    "the file must be in its chapter's folder `{}/`, found `{}/`",
                    raw.chapter.get_ref(),
                    folder
                ),
            );
        }
        Some(path.to_path_buf())
    }

    fn files_exist(&mut self, path: &Path, raw_path: &Spanned<String>, field: &str) {
        if self.check != FileCheck::Source {
            return;
        }
        for folder in ["exercises", "solutions"] {
            let file = self.root.join(folder).join(path);
            if !file.is_file() {
                self.problem(
                    raw_path.span(),
                    format!("{field}.path"),
                    format!("{folder}/{} does not exist", path.display()),
                );
            }
        }
    }

    fn hints(&mut self, raw: &Spanned<Vec<Spanned<String>>>, field: &str) -> Vec<String> {
        if raw.get_ref().len() < 2 {
            self.problem(
                raw.span(),
                format!("{field}.hints"),
                format!(
                    "has {} hint level(s); give at least two, gentle first, near-answer last",
                    raw.get_ref().len()
                ),
            );
        }
        raw.get_ref()
            .iter()
            .enumerate()
            .map(|(index, hint)| {
                self.non_empty(hint, format!("{field}.hints[{index}]"));
                hint.get_ref().clone()
            })
            .collect()
    }

    fn hint_rule(&mut self, raw: &Spanned<RawHintRule>, field: &str) -> HintRule {
        let rule = raw.get_ref();
        if !is_diagnostic_code(rule.code.get_ref()) {
            self.problem(
                rule.code.span(),
                format!("{field}.code"),
                format!("`{}` is not a compiler error code like \"E0308\" or a lint like \"clippy::needless_return\"", rule.code.get_ref()),
            );
        }
        for (index, fragment) in rule.contains.iter().enumerate() {
            self.non_empty(fragment, format!("{field}.contains[{index}]"));
        }
        self.non_empty(&rule.text, format!("{field}.text"));
        HintRule {
            code: rule.code.get_ref().clone(),
            contains: rule
                .contains
                .iter()
                .map(|fragment| fragment.get_ref().clone())
                .collect(),
            text: rule.text.get_ref().clone(),
        }
    }

    fn expectation(&mut self, raw: &Spanned<RawExpect>, mode: Mode, field: &str) -> Expectation {
        let span = raw.span();
        let field = format!("{field}.expect");
        let expect = match raw.get_ref() {
            RawExpect::Compile { code, contains } => {
                if !is_diagnostic_code(code) {
                    self.problem(
                        span.clone(),
                        format!("{field}.code"),
                        format!("`{code}` is not a compiler error code like \"E0308\""),
                    );
                }
                Expectation::Compile {
                    code: code.clone(),
                    contains: contains.clone(),
                }
            }
            RawExpect::Test { test } => {
                if mode != Mode::Test {
                    self.problem(
                        span.clone(),
                        format!("{field}.kind"),
                        "kind = \"test\" needs mode = \"test\": a run-mode exercise has no test to fail",
                    );
                }
                if test.trim().is_empty() {
                    self.problem(
                        span.clone(),
                        format!("{field}.test"),
                        "is empty; name the test that must fail",
                    );
                }
                Expectation::Test { test: test.clone() }
            }
            RawExpect::Run { contains } => {
                if mode != Mode::Run {
                    self.problem(
                        span.clone(),
                        format!("{field}.kind"),
                        "kind = \"run\" needs mode = \"run\"; a test-mode exercise fails through a test (kind = \"test\")",
                    );
                }
                Expectation::Run {
                    contains: contains.clone(),
                }
            }
        };
        let fragments = match &expect {
            Expectation::Compile { contains, .. } | Expectation::Run { contains } => {
                contains.as_slice()
            }
            Expectation::Test { .. } => &[],
        };
        if fragments.iter().any(|fragment| fragment.trim().is_empty()) {
            self.problem(
                span,
                format!("{field}.contains"),
                "has an empty fragment, which matches anything",
            );
        }
        expect
    }

    fn non_empty(&mut self, value: &Spanned<String>, field: String) {
        if value.get_ref().trim().is_empty() {
            self.problem(value.span(), field, "is empty");
        }
    }
}

/// A crate and file-stem name: `[a-z][a-z0-9_]*`.
fn is_crate_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|first| first.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// A chapter folder: letters, digits, `_`, `-`.
fn is_folder_name(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// `E0308`, or a lint name such as `unused_variables` or `clippy::needless_return`.
pub(crate) fn is_diagnostic_code(code: &str) -> bool {
    let error_code =
        code.len() == 5 && code.starts_with('E') && code[1..].chars().all(|c| c.is_ascii_digit());
    let lint = !code.is_empty()
        && code.split("::").all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        });
    error_code || lint
}

#[cfg(test)]
mod tests {
    use super::*;

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
        match resolve(
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
                text: "Softmax first.".into()
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
