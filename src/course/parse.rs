//! info.toml's text to its raw model, part by part: the top, each
//! `[[chapters]]` entry and each `[[exercises]]` entry are deserialised on
//! their own (through the shared [`TomlReader`]), so one broken entry does not
//! hide the problems of the others.
//!
//! Owns which parts the file has and which are required. What the values
//! mean is `resolve.rs`'s.

use std::ops::Range;

use toml::Spanned;
use toml::de::DeValue;

use super::raw::{RawChapter, RawExercise, RawHeader};
use super::toml_reader::{Entries, TomlReader};

/// The manifest deserialised part by part; whatever deserialised is kept so
/// that its meaning is checked alongside the parts that did not.
pub(super) struct RawCourse {
    /// The top-level keys, if they deserialised.
    pub(super) header: Option<RawHeader>,
    /// Where the file starts: where problems of the whole course are located.
    pub(super) start: Range<usize>,
    /// Every chapter that deserialised, in order.
    pub(super) chapters: Vec<RawChapter>,
    /// False when a chapter did not deserialise (or there were no
    /// `[[chapters]]`): "no such chapter" would then be noise.
    pub(super) chapters_complete: bool,
    /// Every exercise that deserialised, in order.
    pub(super) exercises: Vec<RawExercise>,
}

/// Reads the raw course; `None` on a TOML syntax error.
pub(super) fn parse(reader: &mut TomlReader<'_>) -> Option<RawCourse> {
    let mut document = reader.document()?;
    let chapters = document.take("chapters");
    let exercises = document.take("exercises");
    let start = document.start();
    let header = document.rest::<RawHeader>(reader);
    let chapters = entries::<RawChapter>(reader, chapters, "chapters", "id", &start);
    let exercises = entries::<RawExercise>(reader, exercises, "exercises", "name", &start);
    Some(RawCourse {
        header,
        start,
        chapters_complete: chapters.complete,
        chapters: values(chapters),
        exercises: values(exercises),
    })
}

/// The entries of the required array of tables `key`, each named by its
/// `name_key` in problems.
fn entries<'t, T: serde::Deserialize<'t>>(
    reader: &mut TomlReader<'t>,
    value: Option<Spanned<DeValue<'t>>>,
    key: &str,
    name_key: &str,
    start: &Range<usize>,
) -> Entries<T> {
    match value {
        Some(value) => reader.array_of_tables(value, key, Some(name_key)),
        None => {
            reader.problem(
                start.clone(),
                key,
                format!("missing: the course needs at least one `[[{key}]]` table"),
            );
            Entries {
                read: Vec::new(),
                complete: false,
            }
        }
    }
}

fn values<T>(entries: Entries<T>) -> Vec<T> {
    entries
        .read
        .into_iter()
        .map(|(_, entry)| entry.into_inner())
        .collect()
}
