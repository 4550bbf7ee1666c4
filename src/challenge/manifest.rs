//! Loading `challenge.toml`: read it with the course's spanned-TOML reader
//! (each table and each array entry on its own), resolve every part that
//! deserialised into a [`Manifest`], and collect every problem at once, each
//! located by file, line, column and field.
//!
//! Owns the rules about what a valid manifest says (format version,
//! identifiers, relative paths, one-line fields, no scaffold TODOs left).
//! The paper reference's own rules are `paper.rs`'s; whether the files the
//! manifest names exist is `parts.rs`'s. Nothing here touches cargo.

use std::collections::HashSet;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;
use toml::de::DeValue;

use super::paper::{arxiv_problem, current_year, url_problem, year_problem};
use super::raw::{RawBoundary, RawLedgerRow, RawMustNotCompile, RawMutant, RawPaper, RawTop};
use crate::course::{Entries, FieldNames, Locator, Problem, TomlReader, decode, is_error_code};

/// The manifest's file name, in the challenge's folder.
pub const MANIFEST_FILE: &str = "challenge.toml";

/// The only `challenge.toml` format this runner reads.
pub const FORMAT_VERSION: i64 = 1;

/// The longest `timeout_secs` a challenge may ask for, as for an exercise.
pub const MAX_TIMEOUT_SECS: i64 = 600;

/// The marker the scaffold leaves in every value an author must write.
const TODO: &str = "TODO";

/// A paper: `[paper]` or one `[[see_also]]` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paper {
    /// The title as published.
    pub title: String,
    /// Every author, in order.
    pub authors: Vec<String>,
    /// The year it appeared.
    pub year: i64,
    /// Where it appeared, e.g. "ICLR 2015".
    pub venue: Option<String>,
    /// The arXiv identifier, e.g. `1412.6980`.
    pub arxiv: Option<String>,
    /// A stable URL.
    pub url: Option<String>,
}

impl Paper {
    /// "Kingma & Ba, 2014", "Vaswani et al., 2017": the short citation.
    pub fn short_citation(&self) -> String {
        let surname = |name: &String| name.split_whitespace().last().unwrap_or(name).to_owned();
        let who = match self.authors.as_slice() {
            [one] => surname(one),
            [one, two] => format!("{} & {}", surname(one), surname(two)),
            [first, ..] => format!("{} et al.", surname(first)),
            [] => "anonymous".to_owned(),
        };
        format!("{who}, {}", self.year)
    }

    /// The paper's address: its arXiv abstract page, else its URL.
    pub fn link(&self) -> Option<String> {
        self.arxiv
            .as_ref()
            .map(|id| format!("https://arxiv.org/abs/{id}"))
            .or_else(|| self.url.clone())
    }
}

/// `[boundary]`: the type or arrow that carries the claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Boundary {
    /// The item's name, defined in `src/`.
    pub item: String,
    /// Its shape, for people.
    pub signature: String,
}

/// One ledger row: a paper idea, the Rust item that carries it, and the
/// evidence (a test, a line the example prints, or both).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerRow {
    /// The idea, in the paper's terms.
    pub idea: String,
    /// The Rust item.
    pub rust: String,
    /// A test that must exist and pass.
    pub test: Option<String>,
    /// A fragment of a line the example must print.
    pub signal: Option<String>,
}

/// One mutant: a file that replaces one source file with a plausible mistake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mutant {
    /// The file stem, e.g. `no_bias_correction`.
    pub name: String,
    /// The mutant file, relative to the challenge (`mutants/….rs`).
    pub file: PathBuf,
    /// The source file it replaces, relative to the challenge (`src/….rs`).
    pub replaces: PathBuf,
    /// The mistake, in one line.
    pub mistake: String,
}

/// One typed obligation: a file under `compile_fail/` that uses the
/// challenge's crate the way the boundary forbids, and the error rustc must
/// reject it with (`[[must_not_compile]]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MustNotCompile {
    /// The file stem, e.g. `keys_on_rows`.
    pub name: String,
    /// The file, relative to the challenge (`compile_fail/….rs`).
    pub file: PathBuf,
    /// The error code rustc must report inside the file, e.g. `E0308`.
    pub code: String,
    /// Fragments of that error's normalised text, every one (may be empty).
    pub contains: Vec<String>,
    /// The misuse, in one line.
    pub misuse: String,
}

/// A resolved `challenge.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    /// A one-line title.
    pub title: String,
    /// The one claim, in a sentence.
    pub claim: String,
    /// The invariant the code keeps.
    pub invariant: String,
    /// The test every mutant must make fail: a top-level `#[test] fn` in `tests/`.
    pub regression_test: String,
    /// The example that prints the ledger's signals: `examples/<example>.rs`.
    pub example: String,
    /// How long a test binary or the example may run (`timeout_secs`),
    /// when the challenge says.
    pub timeout: Option<Duration>,
    /// The paper.
    pub paper: Paper,
    /// Companion papers.
    pub see_also: Vec<Paper>,
    /// The boundary.
    pub boundary: Boundary,
    /// The translation ledger.
    pub ledger: Vec<LedgerRow>,
    /// The mutants.
    pub mutants: Vec<Mutant>,
    /// The misuses the boundary makes compile errors (may be empty: a
    /// boundary that is only tested).
    pub must_not_compile: Vec<MustNotCompile>,
}

impl Manifest {
    /// Every signal the example must print, in ledger order.
    pub fn signals(&self) -> impl Iterator<Item = &str> {
        self.ledger.iter().filter_map(|row| row.signal.as_deref())
    }

    /// Every test the ledger names, in ledger order.
    pub fn ledger_tests(&self) -> impl Iterator<Item = &str> {
        self.ledger.iter().filter_map(|row| row.test.as_deref())
    }
}

/// What loading found: the manifest if it could be read at all, and its
/// problems, the paper's apart (they are a check of their own).
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The manifest, when every part deserialised (it may still have problems).
    pub manifest: Option<Manifest>,
    /// Syntax, schema and meaning problems, in file order.
    pub problems: Vec<Problem>,
    /// Problems with the paper references, in file order.
    pub paper_problems: Vec<Problem>,
}

impl Loaded {
    /// The manifest, when it has no problem of its own.
    pub fn valid(&self) -> Option<&Manifest> {
        self.manifest.as_ref().filter(|_| self.problems.is_empty())
    }
}

/// Loads `dir/challenge.toml`; `shown` is the challenge folder as problems
/// should name it (usually relative to where the command started).
pub fn load(dir: &Path, shown: &Path) -> Loaded {
    let file = shown.join(MANIFEST_FILE);
    let unreadable = |message: String| Loaded {
        problems: vec![Locator::new(&file, "").problem(0..0, MANIFEST_FILE, message)],
        ..Loaded::default()
    };
    match std::fs::read(dir.join(MANIFEST_FILE)) {
        Ok(bytes) => match decode(&file, bytes) {
            Ok(text) => parse(&file, &text, current_year()),
            Err(problem) => Loaded {
                problems: vec![problem],
                ..Loaded::default()
            },
        },
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => unreadable(
            "missing: every challenge has a challenge.toml \
             (`typed-ai-rustlings challenge new SLUG` writes one to start from)"
                .to_owned(),
        ),
        Err(error) => unreadable(format!("cannot be read: {error}")),
    }
}

/// Parses and validates the text of a manifest read from `file`.
pub fn parse(file: &Path, text: &str, current_year: i64) -> Loaded {
    let mut reader = TomlReader::new(file, text, FieldNames::Key);
    let mut resolver = Resolver {
        reader: &mut reader,
        paper_problems: Vec::new(),
        current_year,
    };
    let manifest = resolver.read();
    let mut paper_problems = resolver.paper_problems;
    paper_problems.sort_by_key(|problem| (problem.line, problem.column));
    Loaded {
        manifest,
        problems: reader.finish(),
        paper_problems,
    }
}

/// The top-level values of a manifest, resolved.
struct Top {
    title: String,
    claim: String,
    invariant: String,
    regression_test: String,
    example: String,
    timeout: Option<Duration>,
}

struct Resolver<'r, 't> {
    reader: &'r mut TomlReader<'t>,
    paper_problems: Vec<Problem>,
    current_year: i64,
}

impl<'t> Resolver<'_, 't> {
    fn problem(
        &mut self,
        span: Range<usize>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.reader.problem(span, field, message);
    }

    fn paper_problem(
        &mut self,
        span: Range<usize>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) {
        let problem = self.reader.locator().problem(span, field, message);
        self.paper_problems.push(problem);
    }

    /// Reads every part of the manifest on its own and resolves each part
    /// that deserialised, so that every problem is listed at once; the
    /// manifest exists only when every part deserialised.
    fn read(&mut self) -> Option<Manifest> {
        let mut document = self.reader.document()?;
        let paper = document.take("paper");
        let boundary = document.take("boundary");
        let see_also = document.take("see_also");
        let ledger = document.take("ledger");
        let mutants = document.take("mutants");
        let must_not_compile = document.take("must_not_compile");
        let start = document.start();

        let top = document.rest::<RawTop>(self.reader);
        let paper = self.required_table::<RawPaper>(paper, "paper", &start);
        let boundary = self.required_table::<RawBoundary>(boundary, "boundary", &start);
        let see_also = match see_also {
            None => Entries {
                read: Vec::new(),
                complete: true,
            },
            Some(value) => self.reader.array_of_tables(value, "see_also", None),
        };
        let ledger = self.required_entries::<RawLedgerRow>(
            ledger,
            "ledger",
            &start,
            "a [[ledger]] row for each idea: `idea`, `rust`, and a `test` or a `signal`",
        );
        let mutants = self.required_entries::<RawMutant>(
            mutants,
            "mutants",
            &start,
            "a [[mutants]] entry for each mutant: `file`, `replaces`, `mistake`",
        );

        let must_not_compile = match must_not_compile {
            None => Entries {
                read: Vec::new(),
                complete: true,
            },
            Some(value) => self.reader.array_of_tables(value, "must_not_compile", None),
        };

        let top = top.map(|top| self.top(top));
        let paper = paper.map(|paper| self.paper(paper, "paper"));
        let boundary = boundary.map(|boundary| self.boundary(boundary));
        let see_also = all_or_none(see_also, |read| {
            read.into_iter()
                .map(|(index, entry)| self.paper(entry.into_inner(), &format!("see_also[{index}]")))
                .collect()
        });
        let ledger = all_or_none(ledger, |read| {
            read.into_iter()
                .map(|(index, row)| self.ledger_row(row, index))
                .collect()
        });
        let mutants = all_or_none(mutants, |read| self.mutants(read));
        let must_not_compile = all_or_none(must_not_compile, |read| self.must_not_compile(read));

        let (
            Some(top),
            Some(paper),
            Some(boundary),
            Some(see_also),
            Some(ledger),
            Some(mutants),
            Some(must_not_compile),
        ) = (
            top,
            paper,
            boundary,
            see_also,
            ledger,
            mutants,
            must_not_compile,
        )
        else {
            return None;
        };
        Some(Manifest {
            title: top.title,
            claim: top.claim,
            invariant: top.invariant,
            regression_test: top.regression_test,
            example: top.example,
            timeout: top.timeout,
            paper,
            see_also,
            boundary,
            ledger,
            mutants,
            must_not_compile,
        })
    }

    /// A table the manifest must have (`[paper]`, `[boundary]`).
    fn required_table<T: Deserialize<'t>>(
        &mut self,
        value: Option<Spanned<DeValue<'t>>>,
        key: &str,
        start: &Range<usize>,
    ) -> Option<T> {
        match value {
            Some(value) => self.reader.table(value, key),
            None => {
                self.problem(start.clone(), key, format!("missing field `{key}`"));
                None
            }
        }
    }

    /// An array of tables the manifest must have, with at least one entry
    /// (when it is missing, no entry was read and the entries are incomplete).
    fn required_entries<T: Deserialize<'t>>(
        &mut self,
        value: Option<Spanned<DeValue<'t>>>,
        key: &str,
        start: &Range<usize>,
        what: &str,
    ) -> Entries<T> {
        let Some(value) = value else {
            self.problem(
                start.clone(),
                key,
                format!("missing: a challenge needs {what}"),
            );
            return Entries {
                read: Vec::new(),
                complete: false,
            };
        };
        let entries = self.reader.array_of_tables(value, key, None);
        if entries.complete && entries.read.is_empty() {
            self.problem(
                start.clone(),
                key,
                format!("empty: a challenge needs {what}"),
            );
        }
        entries
    }

    fn top(&mut self, top: RawTop) -> Top {
        if *top.format_version.get_ref() != FORMAT_VERSION {
            self.problem(
                top.format_version.span(),
                "format_version",
                format!(
                    "this runner reads format_version {FORMAT_VERSION}, not {}",
                    top.format_version.get_ref()
                ),
            );
        }
        Top {
            title: self.one_line(&top.title, "title", "a one-line title for the claim"),
            claim: self.text(
                &top.claim,
                "claim",
                "the paper's one claim, in one sentence",
            ),
            invariant: self.text(
                &top.invariant,
                "invariant",
                "the invariant your code keeps and the regression test checks",
            ),
            regression_test: self.identifier(
                &top.regression_test,
                "regression_test",
                "the name of the test every mutant must make fail",
            ),
            example: self.identifier(
                &top.example,
                "example",
                "the name of the example (examples/<name>.rs) that prints the signals",
            ),
            timeout: top.timeout_secs.as_ref().map(|secs| self.timeout(secs)),
        }
    }

    /// `timeout_secs`: whole seconds, from 1 to [`MAX_TIMEOUT_SECS`].
    fn timeout(&mut self, secs: &Spanned<i64>) -> Duration {
        let value = *secs.get_ref();
        if !(1..=MAX_TIMEOUT_SECS).contains(&value) {
            self.problem(
                secs.span(),
                "timeout_secs",
                format!(
                    "must be between 1 and {MAX_TIMEOUT_SECS} seconds (how long one test binary or the example may run), found {value}"
                ),
            );
        }
        Duration::from_secs(value.clamp(1, MAX_TIMEOUT_SECS).unsigned_abs())
    }

    fn paper(&mut self, raw: RawPaper, key: &str) -> Paper {
        let title = self.paper_text(
            &raw.title,
            &format!("{key}.title"),
            "the paper's title as published",
        );
        let mut authors = Vec::new();
        if raw.authors.get_ref().is_empty() {
            self.paper_problem(
                raw.authors.span(),
                format!("{key}.authors"),
                "empty: list every author, e.g. [\"Diederik P. Kingma\", \"Jimmy Ba\"]",
            );
        }
        for (index, author) in raw.authors.get_ref().iter().enumerate() {
            authors.push(self.paper_text(
                author,
                &format!("{key}.authors[{index}]"),
                "an author's name as the paper gives it",
            ));
        }
        let year = *raw.year.get_ref();
        if let Some(problem) = year_problem(year, self.current_year) {
            self.paper_problem(raw.year.span(), format!("{key}.year"), problem);
        }
        let venue = raw.venue.as_ref().map(|venue| {
            self.paper_text(
                venue,
                &format!("{key}.venue"),
                "where it appeared, e.g. ICLR 2015, or remove the field",
            )
        });
        let arxiv = raw.arxiv.as_ref().map(|arxiv| {
            let field = format!("{key}.arxiv");
            if self.todo(
                arxiv,
                &field,
                "the arXiv id (e.g. 1412.6980), or remove it and give `url`",
                true,
            ) {
                return arxiv.get_ref().clone();
            }
            if let Some(problem) = arxiv_problem(arxiv.get_ref(), self.current_year) {
                self.paper_problem(arxiv.span(), field, problem);
            }
            arxiv.get_ref().clone()
        });
        let url = raw.url.as_ref().map(|url| {
            let field = format!("{key}.url");
            if self.todo(
                url,
                &field,
                "a stable URL of the paper, or remove it and give `arxiv`",
                true,
            ) {
                return url.get_ref().clone();
            }
            if let Some(problem) = url_problem(url.get_ref()) {
                self.paper_problem(url.span(), field, problem);
            }
            url.get_ref().clone()
        });
        if arxiv.is_none() && url.is_none() {
            self.paper_problem(
                raw.title.span(),
                key,
                "no reference: give `arxiv` (e.g. \"1412.6980\"), a stable `url`, or both",
            );
        }
        Paper {
            title,
            authors,
            year,
            venue,
            arxiv,
            url,
        }
    }

    fn boundary(&mut self, raw: RawBoundary) -> Boundary {
        Boundary {
            item: self.identifier(
                &raw.item,
                "boundary.item",
                "the type, trait or fn in src/ that carries the claim",
            ),
            signature: self.one_line(
                &raw.signature,
                "boundary.signature",
                "the boundary's shape, e.g. `AdamTrainStep : AdamState → AdamState`",
            ),
        }
    }

    fn ledger_row(&mut self, row: Spanned<RawLedgerRow>, index: usize) -> LedgerRow {
        let span = row.span();
        let row = row.into_inner();
        let key = format!("ledger[{index}]");
        let idea = self.text(
            &row.idea,
            &format!("{key}.idea"),
            "the idea, in the paper's terms",
        );
        let rust = self.text(
            &row.rust,
            &format!("{key}.rust"),
            "the Rust item that carries it",
        );
        let test = row.test.as_ref().map(|test| {
            self.identifier(
                test,
                &format!("{key}.test"),
                "a test that shows the idea holds",
            )
        });
        let signal = row.signal.as_ref().map(|signal| {
            self.one_line(
                signal,
                &format!("{key}.signal"),
                "a fragment of a line the example prints",
            )
        });
        if test.is_none() && signal.is_none() {
            self.problem(
                span,
                key,
                "no evidence: give a `test` that must pass, a `signal` the example must print, or both",
            );
        }
        LedgerRow {
            idea,
            rust,
            test,
            signal,
        }
    }

    fn mutants(&mut self, raw: Vec<(usize, Spanned<RawMutant>)>) -> Vec<Mutant> {
        let mut names = HashSet::new();
        let mut mutants = Vec::new();
        for (index, entry) in raw {
            let entry = entry.into_inner();
            let key = format!("mutants[{index}]");
            let file = self.relative_rs(&entry.file, &format!("{key}.file"), "mutants");
            let replaces = self.relative_rs(&entry.replaces, &format!("{key}.replaces"), "src");
            let mistake = self.one_line(
                &entry.mistake,
                &format!("{key}.mistake"),
                "the plausible mistake this mutant makes, in one line",
            );
            let name = file
                .file_stem()
                .map(|stem| stem.to_string_lossy().into_owned())
                .unwrap_or_default();
            if !name.is_empty() && !names.insert(name.clone()) {
                self.problem(
                    entry.file.span(),
                    format!("{key}.file"),
                    format!(
                        "a second mutant called `{name}`: mutant names (file stems) are unique"
                    ),
                );
            }
            mutants.push(Mutant {
                name,
                file,
                replaces,
                mistake,
            });
        }
        mutants
    }

    fn must_not_compile(
        &mut self,
        raw: Vec<(usize, Spanned<RawMustNotCompile>)>,
    ) -> Vec<MustNotCompile> {
        let mut names = HashSet::new();
        let mut rows = Vec::new();
        for (index, entry) in raw {
            let entry = entry.into_inner();
            let key = format!("must_not_compile[{index}]");
            let file = self.relative_rs(&entry.file, &format!("{key}.file"), "compile_fail");
            let name = file
                .file_stem()
                .map(|stem| stem.to_string_lossy().into_owned())
                .unwrap_or_default();
            if !name.is_empty() && !names.insert(name.clone()) {
                self.problem(
                    entry.file.span(),
                    format!("{key}.file"),
                    format!(
                        "a second obligation called `{name}`: must_not_compile names (file stems) are unique"
                    ),
                );
            }
            let code = entry.code.get_ref().trim().to_owned();
            if !is_error_code(&code) {
                self.problem(
                    entry.code.span(),
                    format!("{key}.code"),
                    format!(
                        "`{code}` is not a compiler error code like \"E0308\": the misuse must be rejected by rustc with an error"
                    ),
                );
            }
            let contains = entry
                .contains
                .iter()
                .enumerate()
                .map(|(at, fragment)| {
                    self.one_line(
                        fragment,
                        &format!("{key}.contains[{at}]"),
                        "a fragment of the error rustc reports, such as \"expected `QuerySequence`\"",
                    )
                })
                .collect();
            let misuse = self.one_line(
                &entry.misuse,
                &format!("{key}.misuse"),
                "the misuse the boundary rejects, in one line",
            );
            rows.push(MustNotCompile {
                name,
                file,
                code,
                contains,
                misuse,
            });
        }
        rows
    }

    /// Reports a TODO left by the scaffold; returns whether there was one.
    fn todo(&mut self, value: &Spanned<String>, field: &str, what: &str, paper: bool) -> bool {
        if !value.get_ref().contains(TODO) {
            return false;
        }
        let message = format!("still the scaffold's TODO: write {what}");
        if paper {
            self.paper_problem(value.span(), field, message);
        } else {
            self.problem(value.span(), field, message);
        }
        true
    }

    fn paper_text(&mut self, value: &Spanned<String>, field: &str, what: &str) -> String {
        if !self.todo(value, field, what, true) && value.get_ref().trim().is_empty() {
            self.paper_problem(value.span(), field, format!("empty: write {what}"));
        }
        value.get_ref().trim().to_owned()
    }

    fn text(&mut self, value: &Spanned<String>, field: &str, what: &str) -> String {
        if !self.todo(value, field, what, false) && value.get_ref().trim().is_empty() {
            self.problem(value.span(), field, format!("empty: write {what}"));
        }
        value.get_ref().trim().to_owned()
    }

    fn one_line(&mut self, value: &Spanned<String>, field: &str, what: &str) -> String {
        let text = self.text(value, field, what);
        if text.contains('\n') {
            self.problem(value.span(), field, format!("must fit on one line: {what}"));
        }
        text
    }

    fn identifier(&mut self, value: &Spanned<String>, field: &str, what: &str) -> String {
        let text = self.text(value, field, what);
        if !text.is_empty() && !text.contains(TODO) && !is_identifier(&text) {
            self.problem(
                value.span(),
                field,
                format!("`{text}` is not a Rust identifier: write {what}"),
            );
        }
        text
    }

    /// A relative path to a `.rs` file inside the folder `under`.
    fn relative_rs(&mut self, value: &Spanned<String>, field: &str, under: &str) -> PathBuf {
        let text = value.get_ref();
        let path = PathBuf::from(text);
        let mut components = path.components();
        let first_ok =
            matches!(components.next(), Some(Component::Normal(first)) if first == under);
        let rest_ok = components.clone().count() > 0
            && components.all(|component| matches!(component, Component::Normal(_)));
        if text.contains(TODO) {
            self.todo(
                value,
                field,
                &format!("a path such as {under}/name.rs"),
                false,
            );
        } else if !first_ok || !rest_ok || text.contains('\\') {
            self.problem(
                value.span(),
                field,
                format!("`{text}` must be a relative path inside {under}/, such as {under}/name.rs (no `..`, no absolute path)"),
            );
        } else if path.extension().is_none_or(|ext| ext != "rs") {
            self.problem(
                value.span(),
                field,
                format!("`{text}` must be a Rust file (`.rs`)"),
            );
        }
        path
    }
}

/// Resolves the entries that were read (so their problems are reported),
/// and keeps the result only when every entry was read.
fn all_or_none<T, R>(
    entries: Entries<T>,
    resolve: impl FnOnce(Vec<(usize, Spanned<T>)>) -> R,
) -> Option<R> {
    let complete = entries.complete;
    let resolved = resolve(entries.read);
    complete.then_some(resolved)
}

/// A Rust identifier (ASCII): a letter or `_`, then letters, digits, `_`; not `_` alone.
pub fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    let first_ok = chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_');
    first_ok && text != "_" && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID: &str = r#"format_version = 1
title = "Centring subtracts the mean"
claim = "Normalising starts by subtracting the mean."
invariant = "Every entry is its input minus the mean."
regression_test = "centring_card_example"
example = "worked"

[paper]
title = "Batch Normalization"
authors = ["Sergey Ioffe", "Christian Szegedy"]
year = 2015
arxiv = "1502.03167"

[boundary]
item = "Centre"
signature = "Centre : Vector → Vector"

[[ledger]]
idea = "subtract the mean"
rust = "Centre::apply"
test = "centring_card_example"
signal = "centre([1, 2, 6]) = [-2, -1, 3]"

[[mutants]]
file = "mutants/divides_by_n_minus_one.rs"
replaces = "src/centre.rs"
mistake = "divides by n − 1"
"#;

    fn load_text(text: &str) -> Loaded {
        parse(Path::new("demo/challenge.toml"), text, 2026)
    }

    /// Every problem, manifest and paper, as `line:col: field: message`.
    fn problems(text: &str) -> Vec<String> {
        let loaded = load_text(text);
        loaded
            .problems
            .iter()
            .chain(&loaded.paper_problems)
            .map(|p| format!("{}:{}: {}: {}", p.line, p.column, p.field, p.message))
            .collect()
    }

    fn assert_one_problem(text: &str, expected_start: &str, fragment: &str) {
        let found = problems(text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].starts_with(expected_start) && found[0].contains(fragment),
            "expected `{expected_start}` … `{fragment}`, got {:?}",
            found[0]
        );
    }

    #[test]
    fn a_valid_manifest_resolves_completely() {
        let loaded = load_text(VALID);
        assert!(loaded.problems.is_empty() && loaded.paper_problems.is_empty());
        let manifest = loaded.valid().expect("valid");
        assert_eq!(manifest.regression_test, "centring_card_example");
        assert_eq!(manifest.paper.short_citation(), "Ioffe & Szegedy, 2015");
        assert_eq!(
            manifest.paper.link().as_deref(),
            Some("https://arxiv.org/abs/1502.03167")
        );
        assert_eq!(manifest.mutants[0].name, "divides_by_n_minus_one");
        assert_eq!(manifest.mutants[0].replaces, PathBuf::from("src/centre.rs"));
        assert_eq!(
            manifest.signals().collect::<Vec<_>>(),
            vec!["centre([1, 2, 6]) = [-2, -1, 3]"]
        );
    }

    #[test]
    fn the_shipped_challenges_have_valid_manifests() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("challenges/paper-to-rust");
        let mut count = 0;
        for entry in std::fs::read_dir(&root).unwrap() {
            let dir = entry.unwrap().path();
            if !dir.join(MANIFEST_FILE).is_file() {
                continue;
            }
            let loaded = load(&dir, &dir);
            let all: Vec<String> = loaded
                .problems
                .iter()
                .chain(&loaded.paper_problems)
                .map(ToString::to_string)
                .collect();
            assert!(all.is_empty(), "{}: {all:#?}", dir.display());
            count += 1;
        }
        assert_eq!(
            count, 8,
            "the eight challenges listed in challenges/paper-to-rust/README.md"
        );
    }

    #[test]
    fn unknown_fields_are_located_at_the_key() {
        assert_one_problem(
            &VALID.replace(
                "example = \"worked\"\n",
                "example = \"worked\"\nsummary = \"x\"\n",
            ),
            "7:1: summary: ",
            "unknown field `summary`",
        );
        assert_one_problem(
            &VALID.replace("year = 2015\n", "year = 2015\ndoi = \"10.1/x\"\n"),
            "12:1: paper.doi: ",
            "unknown field `doi`",
        );
        assert_one_problem(
            &VALID.replace(
                "mistake = \"divides by n − 1\"",
                "mistake = \"x\"\nkilled_by = \"t\"",
            ),
            "28:1: mutants[0].killed_by: ",
            "unknown field `killed_by`",
        );
    }

    #[test]
    fn every_problem_in_every_table_is_listed_at_once() {
        let text = VALID
            .replace(
                "example = \"worked\"\n",
                "example = \"worked\"\nsummary = \"x\"\n",
            )
            .replace("year = 2015", "year = \"2015\"")
            .replace("signature = \"Centre : Vector → Vector\"\n", "")
            .replace(
                "\ntest = \"centring_card_example\"",
                "\ntest = \"centring card\"",
            );
        let loaded = load_text(&text);
        assert!(loaded.manifest.is_none(), "two tables did not deserialise");
        let found = problems(&text);
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(
            found[0].starts_with("7:1: summary: unknown field `summary`"),
            "{found:#?}"
        );
        assert!(
            found[1].starts_with("12:8: paper.year: invalid type: string \"2015\""),
            "{found:#?}"
        );
        assert_eq!(
            found[2], "15:1: boundary.signature: missing field `signature`",
            "{found:#?}"
        );
        assert!(
            found[3].starts_with("21:8: ledger[0].test: `centring card` is not a Rust identifier"),
            "the ledger is resolved although other tables failed: {found:#?}"
        );
    }

    #[test]
    fn an_unknown_top_level_key_is_told_every_key_the_file_may_have() {
        assert_one_problem(
            &VALID.replace("title = \"Centring", "titel = \"x\"\ntitle = \"Centring"),
            "2:1: titel: ",
            "unknown field `titel`, expected one of `format_version`, `title`, `claim`, \
             `invariant`, `regression_test`, `example`, `timeout_secs`, `paper`, `boundary`, \
             `see_also`, `ledger`, `mutants`, `must_not_compile`",
        );
    }

    #[test]
    fn missing_and_misshapen_tables_are_located() {
        let without_boundary = VALID.replace(
            &VALID[VALID.find("[boundary]").unwrap()..VALID.find("[[ledger]]").unwrap()],
            "",
        );
        assert_one_problem(
            &without_boundary,
            "1:1: boundary: ",
            "missing field `boundary`",
        );
        assert_one_problem(
            &format!("see_also = 3\n{VALID}"),
            "1:12: see_also: ",
            "expected an array of tables (`[[see_also]]`), found an integer",
        );
    }

    #[test]
    fn wrong_types_and_missing_fields_name_the_field() {
        assert_one_problem(
            &VALID.replace("year = 2015", "year = \"2015\""),
            "11:8: paper.year: ",
            "invalid type",
        );
        assert_one_problem(
            &VALID.replace(
                "claim = \"Normalising starts by subtracting the mean.\"\n",
                "",
            ),
            "1:1: claim: ",
            "missing field `claim`",
        );
        assert_one_problem(
            &VALID.replace("replaces = \"src/centre.rs\"\n", ""),
            "24:1: mutants[0].replaces: ",
            "missing field `replaces`",
        );
    }

    #[test]
    fn a_syntax_error_is_reported_alone() {
        let found = problems(&VALID.replace("title = \"Centring", "title = Centring"));
        assert!(!found.is_empty());
        assert!(
            found.iter().all(|p| p.contains("TOML syntax")),
            "{found:#?}"
        );
        assert!(found[0].starts_with("2:"), "{found:#?}");
    }

    #[test]
    fn the_ledger_and_the_mutants_are_required() {
        let without_mutants = &VALID[..VALID.find("[[mutants]]").unwrap()];
        assert_one_problem(
            without_mutants,
            "1:1: mutants: ",
            "missing: a challenge needs",
        );
        let without_ledger = VALID.replace(
            &VALID[VALID.find("[[ledger]]").unwrap()..VALID.find("[[mutants]]").unwrap()],
            "",
        );
        assert_one_problem(
            &without_ledger,
            "1:1: ledger: ",
            "missing: a challenge needs",
        );
        assert_one_problem(
            &VALID.replace(
                "test = \"centring_card_example\"\nsignal = \"centre([1, 2, 6]) = [-2, -1, 3]\"\n",
                "",
            ),
            "18:1: ledger[0]: ",
            "no evidence",
        );
    }

    #[test]
    fn meanings_are_checked() {
        assert_one_problem(
            &VALID.replace("format_version = 1", "format_version = 2"),
            "1:18: format_version: ",
            "reads format_version 1, not 2",
        );
        assert_one_problem(
            &VALID.replace(
                "regression_test = \"centring_card_example\"",
                "regression_test = \"centring card\"",
            ),
            "5:19: regression_test: ",
            "not a Rust identifier",
        );
        assert_one_problem(
            &VALID.replace(
                "signal = \"centre([1, 2, 6]) = [-2, -1, 3]\"",
                "signal = \"\"\"two\nlines\"\"\"",
            ),
            "22:10: ledger[0].signal: ",
            "must fit on one line",
        );
        for (path, fragment) in [
            ("/abs/m.rs", "relative path inside mutants/"),
            ("mutants/../src/x.rs", "relative path inside mutants/"),
            ("src/m.rs", "relative path inside mutants/"),
            ("mutants/m.txt", "must be a Rust file"),
        ] {
            assert_one_problem(
                &VALID.replace(
                    "file = \"mutants/divides_by_n_minus_one.rs\"",
                    &format!("file = \"{path}\""),
                ),
                "25:8: mutants[0].file: ",
                fragment,
            );
        }
        let twice = format!(
            "{VALID}\n[[mutants]]\nfile = \"mutants/divides_by_n_minus_one.rs\"\nreplaces = \"src/centre.rs\"\nmistake = \"again\"\n"
        );
        assert_one_problem(
            &twice,
            "30:8: mutants[1].file: ",
            "a second mutant called `divides_by_n_minus_one`",
        );
    }

    const TYPED: &str = r#"
[[must_not_compile]]
file = "compile_fail/vector_for_centre.rs"
code = "E0308"
contains = ["expected `Centred`"]
misuse = "feeds a raw Vector where centred features belong"
"#;

    #[test]
    fn must_not_compile_rows_resolve_and_are_optional() {
        let without = load_text(VALID);
        assert_eq!(without.valid().expect("valid").must_not_compile, vec![]);
        let loaded = load_text(&format!("{VALID}{TYPED}"));
        let manifest = loaded.valid().expect("valid");
        assert_eq!(
            manifest.must_not_compile,
            vec![MustNotCompile {
                name: "vector_for_centre".to_owned(),
                file: PathBuf::from("compile_fail/vector_for_centre.rs"),
                code: "E0308".to_owned(),
                contains: vec!["expected `Centred`".to_owned()],
                misuse: "feeds a raw Vector where centred features belong".to_owned(),
            }]
        );
        let no_fragments =
            format!("{VALID}{TYPED}").replace("contains = [\"expected `Centred`\"]\n", "");
        assert_eq!(
            load_text(&no_fragments)
                .valid()
                .expect("valid")
                .must_not_compile[0]
                .contains,
            Vec::<String>::new()
        );
    }

    #[test]
    fn must_not_compile_rows_are_checked_and_located() {
        let typed = format!("{VALID}{TYPED}");
        assert_one_problem(
            &typed.replace(
                "code = \"E0308\"\ncontains",
                "code = \"mismatched\"\ncontains",
            ),
            "31:8: must_not_compile[0].code: ",
            "`mismatched` is not a compiler error code like \"E0308\"",
        );
        assert_one_problem(
            &typed.replace(
                "compile_fail/vector_for_centre.rs",
                "tests/vector_for_centre.rs",
            ),
            "30:8: must_not_compile[0].file: ",
            "must be a relative path inside compile_fail/",
        );
        assert_one_problem(
            &typed.replace("[\"expected `Centred`\"]", "[\"\"]"),
            "32:13: must_not_compile[0].contains[0]: ",
            "empty",
        );
        assert_one_problem(
            &typed.replace(
                "misuse = \"feeds a raw Vector where centred features belong\"",
                "misuse = \"TODO: the misuse\"",
            ),
            "33:10: must_not_compile[0].misuse: ",
            "still the scaffold's TODO",
        );
        assert_one_problem(
            &typed.replace("misuse = ", "mistake = \"x\"\nmisuse = "),
            "33:1: must_not_compile[0].mistake: ",
            "unknown field `mistake`",
        );
        assert_one_problem(
            &format!("{typed}{TYPED}"),
            "36:8: must_not_compile[1].file: ",
            "a second obligation called `vector_for_centre`",
        );
    }

    #[test]
    fn scaffold_todos_say_what_to_write() {
        assert_one_problem(
            &VALID.replace(
                "claim = \"Normalising starts by subtracting the mean.\"",
                "claim = \"TODO: the claim\"",
            ),
            "3:9: claim: ",
            "still the scaffold's TODO: write the paper's one claim, in one sentence",
        );
        let loaded = load_text(&VALID.replace("arxiv = \"1502.03167\"", "arxiv = \"TODO\""));
        assert!(
            loaded.problems.is_empty(),
            "a paper TODO is the paper check's"
        );
        assert_eq!(loaded.paper_problems.len(), 1);
        assert!(loaded.paper_problems[0].message.contains("the arXiv id"));
    }

    #[test]
    fn timeout_secs_is_optional_and_bounded() {
        let manifest = load_text(VALID);
        assert_eq!(manifest.valid().expect("valid").timeout, None);
        let with = |secs: &str| {
            VALID.replace(
                "example = \"worked\"",
                &format!("example = \"worked\"\ntimeout_secs = {secs}"),
            )
        };
        let loaded = load_text(&with("90"));
        assert_eq!(
            loaded.valid().expect("valid").timeout,
            Some(Duration::from_secs(90))
        );
        assert_one_problem(&with("0"), "7:16: timeout_secs: ", "between 1 and 600");
        assert_one_problem(&with("601"), "7:16: timeout_secs: ", "found 601");
        assert_one_problem(&with("\"60\""), "7:16: timeout_secs: ", "expected i64");
    }

    #[test]
    fn paper_problems_are_kept_apart() {
        let loaded = load_text(&VALID.replace("arxiv = \"1502.03167\"", "arxiv = \"1502.0316\""));
        assert!(loaded.problems.is_empty());
        assert!(loaded.valid().is_some(), "the manifest itself is fine");
        assert_eq!(loaded.paper_problems.len(), 1);
        assert_eq!(loaded.paper_problems[0].field, "paper.arxiv");
        assert!(loaded.paper_problems[0].message.contains("5 digits"));

        assert_one_problem(
            &VALID.replace("arxiv = \"1502.03167\"", "venue = \"ICML 2015\""),
            "9:9: paper: ",
            "no reference",
        );
        assert_one_problem(
            &VALID.replace(
                "authors = [\"Sergey Ioffe\", \"Christian Szegedy\"]",
                "authors = []",
            ),
            "10:11: paper.authors: ",
            "empty",
        );
        let see_also = format!(
            "{VALID}\n[[see_also]]\ntitle = \"Layer Normalization\"\nauthors = [\"Jimmy Lei Ba\"]\nyear = 2016\nurl = \"arxiv.org/abs/1607.06450\"\n"
        );
        assert_one_problem(
            &see_also,
            "33:7: see_also[0].url: ",
            "must start with https://",
        );
    }

    #[test]
    fn identifiers() {
        for good in ["a", "_x", "adam_first_step", "T2"] {
            assert!(is_identifier(good), "{good}");
        }
        for bad in ["", "_", "2x", "a-b", "a b", "a::b"] {
            assert!(!is_identifier(bad), "{bad}");
        }
    }
}
