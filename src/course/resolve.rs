//! The raw course to the runtime [`Course`]: every rule about what a valid
//! manifest means (format version, library folder, unique names, paths
//! inside exercises/, chapter order, hint counts, error codes, what each
//! optional table allows), each broken rule a problem located by file, line,
//! column and field, all of them reported at once.
//!
//! It does not read the file (`parse.rs` does), compile or judge anything,
//! or look for the course folder (the caller passes the root).

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use toml::Spanned;

use super::exercise::{
    DEFAULT_TIMEOUT, Exercise, Expectation, HintRule, LintAllowances, Mode, Obligation,
    PassContract,
};
use super::model::{Chapter, Course, DEFAULT_SNIPPET_RETURNS, chapter_number};
use super::parse::RawCourse;
use super::raw::{
    FORMAT_VERSION, RawAllow, RawChapter, RawExercise, RawExpect, RawHintRule, RawObligation,
    RawPass,
};
use super::toml_reader::TomlReader;

/// Longest run time an exercise may ask for; anything longer is a typo.
const MAX_TIMEOUT_SECS: i64 = 600;

/// How much of the file tree resolving checks besides the manifest itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FileCheck {
    /// A learner's course folder: exercise files are checked when used, so a
    /// deleted file does not lock the learner out of `reset`.
    Learner,
    /// The source repository: every exercise and solution file must exist.
    Source,
}

/// Turns the raw course found in `root` into a [`Course`], recording every
/// problem with `reader`. `None` when there is no course to build (the top
/// level did not deserialise, or the library folder is unusable); a course
/// that is returned may still have problems, which the caller checks.
pub(super) fn resolve(
    raw: RawCourse,
    root: &Path,
    check: FileCheck,
    reader: &mut TomlReader<'_>,
) -> Option<Course> {
    Resolver {
        root,
        check,
        reader,
    }
    .resolve(raw)
}

struct Resolver<'r, 't> {
    root: &'r Path,
    check: FileCheck,
    reader: &'r mut TomlReader<'t>,
}

impl Resolver<'_, '_> {
    fn problem(
        &mut self,
        span: Range<usize>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.reader.problem(span, field, message);
    }

    fn resolve(mut self, raw: RawCourse) -> Option<Course> {
        let start = raw.start;
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
            self.problem(start, "chapters", "the course has no chapters");
        }
        let chapters = self.chapters(raw.chapters);
        let exercises = self.exercises(raw.exercises, &chapters, raw.chapters_complete);
        let header = raw.header?;
        let snippet_returns = self.snippet_returns(header.snippet_returns.as_ref());
        let library_dir = library_dir?;
        Some(Course {
            root: self.root.to_path_buf(),
            library_crate: library_crate_name(&library_dir),
            library_dir,
            welcome_message: header.welcome_message,
            final_message: header.final_message,
            snippet_returns,
            chapters,
            exercises,
        })
    }

    /// `snippet_returns`: one line of Rust, the `Result<(), E>` type of the
    /// function each `must_not_compile` snippet is compiled in.
    fn snippet_returns(&mut self, raw: Option<&Spanned<String>>) -> String {
        let Some(raw) = raw else {
            return DEFAULT_SNIPPET_RETURNS.to_owned();
        };
        let text = raw.get_ref().trim();
        if text.is_empty() || text.contains('\n') {
            self.problem(
                raw.span(),
                "snippet_returns",
                "must be one line of Rust naming a `Result<(), E>` type of the library, e.g. \"typed_ai::MlResult<()>\"",
            );
        }
        text.to_owned()
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
        let mut last_number: Option<(u32, String)> = None;
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
            match chapter_number(&id) {
                None => self.problem(
                    span.clone(),
                    format!("{field}.id"),
                    "must start with the chapter's number in two digits and `_`, e.g. \"04_tiny_ml_pipeline\" for chapter 4",
                ),
                Some(number) => {
                    if let Some((last, last_id)) = &last_number
                        && number <= *last
                    {
                        self.problem(
                            span.clone(),
                            format!("{field}.id"),
                            format!("chapter number {number} does not come after `{last_id}`'s {last}; number the chapters in increasing order"),
                        );
                    }
                    last_number = Some((number, id.clone()));
                }
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
                .map(|(index, rule)| {
                    self.hint_rule(rule, hints.len(), &format!("{field}.hint_on[{index}]"))
                })
                .collect();
            let mode = *raw.mode.get_ref();
            let expect = self.expectation(&raw.expect, mode, &field);
            let pass = raw
                .pass
                .as_ref()
                .map(|pass| self.pass_contract(pass, mode, &field));
            let must_not_compile = self.obligations(&raw.must_not_compile, &field);
            let allow = raw
                .allow
                .as_ref()
                .map(|allow| self.allowances(allow.get_ref(), &field))
                .unwrap_or_default();
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
                pass,
                must_not_compile,
                allow,
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

    /// A `[[exercises.hint_on]]` rule of an exercise with `hint_count`
    /// progressive hints.
    fn hint_rule(
        &mut self,
        raw: &Spanned<RawHintRule>,
        hint_count: usize,
        field: &str,
    ) -> HintRule {
        let rule = raw.get_ref();
        if !is_diagnostic_code(rule.code.get_ref()) {
            self.problem(
                rule.code.span(),
                format!("{field}.code"),
                format!("`{}` is not a compiler error code like \"E0308\" or a lint like \"clippy::needless_return\"", rule.code.get_ref()),
            );
        }
        let contains = self.fragments(&rule.contains, &format!("{field}.contains"));
        self.non_empty(&rule.text, format!("{field}.text"));
        HintRule {
            code: rule.code.get_ref().clone(),
            contains,
            text: rule.text.get_ref().clone(),
            level: rule
                .level
                .as_ref()
                .map_or(1, |level| self.hint_level(level, hint_count, field)),
        }
    }

    /// A rule's level runs from 1 (shown with the first error) to one past
    /// the last progressive hint (shown once every hint is out).
    fn hint_level(&mut self, level: &Spanned<i64>, hint_count: usize, field: &str) -> u32 {
        let highest = u32::try_from(hint_count).map_or(u32::MAX, |count| count.saturating_add(1));
        let value = *level.get_ref();
        if !(1..=i64::from(highest)).contains(&value) {
            self.problem(
                level.span(),
                format!("{field}.level"),
                format!(
                    "must be between 1 and {highest} (the number of progressive hints + 1), found {value}"
                ),
            );
        }
        u32::try_from(value.clamp(1, i64::from(highest))).unwrap_or(1)
    }

    /// `[exercises.pass]`: only a run-mode program has a stdout to judge.
    fn pass_contract(&mut self, raw: &Spanned<RawPass>, mode: Mode, field: &str) -> PassContract {
        let field = format!("{field}.pass");
        if mode != Mode::Run {
            self.problem(
                raw.span(),
                field.clone(),
                "only a mode = \"run\" exercise has a program output to check; a test-mode exercise passes through its tests",
            );
        }
        let contains = &raw.get_ref().contains;
        if contains.get_ref().is_empty() {
            self.problem(
                contains.span(),
                format!("{field}.contains"),
                "is empty; list the fragments the solved program's stdout must contain",
            );
        }
        PassContract {
            contains: self.fragments(contains.get_ref(), &format!("{field}.contains")),
        }
    }

    /// `[[exercises.must_not_compile]]`: each misuse, its name unique within the exercise.
    fn obligations(&mut self, raw: &[Spanned<RawObligation>], field: &str) -> Vec<Obligation> {
        let mut names = HashSet::new();
        let mut obligations = Vec::with_capacity(raw.len());
        for (index, entry) in raw.iter().enumerate() {
            let entry = entry.get_ref();
            let field = format!("{field}.must_not_compile[{index}]");
            let name = entry.name.get_ref();
            if !is_crate_name(name) {
                self.problem(
                    entry.name.span(),
                    format!("{field}.name"),
                    "must be a lowercase slug (letters, digits, `_`, starting with a letter), e.g. \"vector_as_matrix\"",
                );
            } else if !names.insert(name.clone()) {
                self.problem(
                    entry.name.span(),
                    format!("{field}.name"),
                    format!("`{name}` is used by an earlier must_not_compile entry of this exercise; names must be unique"),
                );
            }
            self.non_empty(&entry.why, format!("{field}.why"));
            if entry.why.get_ref().trim().contains('\n') {
                self.problem(
                    entry.why.span(),
                    format!("{field}.why"),
                    "must be one sentence on one line",
                );
            }
            let code = entry.code.get_ref();
            if !is_error_code(code) {
                self.problem(
                    entry.code.span(),
                    format!("{field}.code"),
                    format!("`{code}` is not a compiler error code like \"E0308\": a misuse must be rejected by rustc with an error"),
                );
            }
            self.non_empty(&entry.snippet, format!("{field}.snippet"));
            obligations.push(Obligation {
                name: name.clone(),
                why: entry.why.get_ref().clone(),
                code: code.clone(),
                contains: self.fragments(&entry.contains, &format!("{field}.contains")),
                snippet: entry.snippet.get_ref().clone(),
            });
        }
        obligations
    }

    /// `[exercises.allow]`: an opt-out without a reason is not an opt-out.
    fn allowances(&mut self, raw: &RawAllow, field: &str) -> LintAllowances {
        let mut reason = |value: &Option<Spanned<String>>, lint: &str| {
            value.as_ref().map(|reason| {
                if reason.get_ref().trim().is_empty() {
                    self.problem(
                        reason.span(),
                        format!("{field}.allow.{lint}"),
                        "is empty; say why this exercise is exempt from the lint",
                    );
                }
                reason.get_ref().clone()
            })
        };
        LintAllowances {
            solved_by_rustc: reason(&raw.solved_by_rustc, "solved_by_rustc"),
            spoiled: reason(&raw.spoiled, "spoiled"),
        }
    }

    /// Fragments to look for: an empty one would match anything.
    fn fragments(&mut self, raw: &[Spanned<String>], field: &str) -> Vec<String> {
        raw.iter()
            .enumerate()
            .map(|(index, fragment)| {
                self.non_empty(fragment, format!("{field}[{index}]"));
                fragment.get_ref().clone()
            })
            .collect()
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

/// A compiler error code: `E` and four digits.
pub(crate) fn is_error_code(code: &str) -> bool {
    code.len() == 5 && code.starts_with('E') && code[1..].chars().all(|c| c.is_ascii_digit())
}

/// `E0308`, or a lint name such as `unused_variables` or `clippy::needless_return`.
fn is_diagnostic_code(code: &str) -> bool {
    let lint = !code.is_empty()
        && code.split("::").all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        });
    is_error_code(code) || lint
}

/// The name exercises `use` the library by: its `[lib] name`, else its
/// package name with `-` as `_` (cargo's rule). `None` when the manifest
/// cannot be read; building the library then says why.
fn library_crate_name(library_dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(library_dir.join("Cargo.toml")).ok()?;
    let manifest: toml::Table = text.parse().ok()?;
    let lib_name = manifest
        .get("lib")
        .and_then(|lib| lib.get("name"))
        .and_then(toml::Value::as_str);
    let package_name = manifest
        .get("package")
        .and_then(|package| package.get("name"))
        .and_then(toml::Value::as_str);
    lib_name
        .map(str::to_owned)
        .or_else(|| package_name.map(|name| name.replace('-', "_")))
}
