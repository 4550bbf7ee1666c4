//! The loaded course: its chapters and exercises in order, its library, its
//! messages, and where its files are.
//!
//! Values only. A [`Course`] is built by resolving (`resolve.rs`) and
//! handed out by loading (`load.rs`) only when its manifest has no problem,
//! so every `Course` has passed validation.

use std::path::{Path, PathBuf};

use super::exercise::Exercise;

/// The function a `must_not_compile` snippet is compiled in returns this
/// when info.toml does not say (`snippet_returns`): std's own, so `?` works
/// on any library's results whose error implements `std::error::Error`,
/// whatever the library's crate is called.
pub const DEFAULT_SNIPPET_RETURNS: &str = "Result<(), Box<dyn std::error::Error>>";

/// A chapter: a folder of exercises about one idea.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    /// The folder name, e.g. `04_tiny_ml_pipeline`: two digits (the
    /// chapter's number), `_`, a slug.
    pub id: String,
    /// Human title.
    pub title: String,
    /// A short paragraph shown when the learner enters the chapter.
    pub intro: String,
}

impl Chapter {
    /// The chapter's number: the two digits its folder name starts with
    /// (`06_functors_and_naturality` is chapter 6). Loading checks that every
    /// id has them and that they increase, so this is the one numbering that
    /// watch, `list` and the exercise headers share.
    pub fn number(&self) -> u32 {
        chapter_number(&self.id).unwrap_or_default()
    }
}

/// The number a chapter id starts with: two ASCII digits then `_`
/// (`"06_functors"` -> 6), or `None` when the id does not start that way.
pub(super) fn chapter_number(id: &str) -> Option<u32> {
    let bytes = id.as_bytes();
    match bytes {
        [tens @ b'0'..=b'9', ones @ b'0'..=b'9', b'_', ..] => {
            Some(u32::from(tens - b'0') * 10 + u32::from(ones - b'0'))
        }
        _ => None,
    }
}

/// A loaded, validated course.
#[derive(Debug, Clone)]
pub struct Course {
    pub(super) root: PathBuf,
    pub(super) library_dir: PathBuf,
    pub(super) library_crate: Option<String>,
    pub(super) welcome_message: String,
    pub(super) final_message: String,
    pub(super) snippet_returns: String,
    pub(super) chapters: Vec<Chapter>,
    pub(super) exercises: Vec<Exercise>,
}

impl Course {
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

    /// The highest chapter number (the last chapter's, since numbers
    /// increase): "chapter 6 of 13" reads right whether or not the course
    /// has a chapter 0.
    pub fn last_chapter_number(&self) -> u32 {
        self.chapters.last().map_or(0, Chapter::number)
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

    /// The name exercises `use` the library by (`typed_ai` for this
    /// repository's course), from the library's `Cargo.toml`; `None` when
    /// that manifest cannot be read.
    pub fn library_crate(&self) -> Option<&str> {
        self.library_crate.as_deref()
    }

    /// Shown when a learner starts.
    pub fn welcome_message(&self) -> &str {
        &self.welcome_message
    }

    /// Shown when every exercise is done.
    pub fn final_message(&self) -> &str {
        &self.final_message
    }

    /// The return type of the function each `must_not_compile` snippet is
    /// compiled in (info.toml's `snippet_returns`), a `Result<(), E>` so
    /// that a snippet may use `?` on the library's results.
    pub fn snippet_returns(&self) -> &str {
        &self.snippet_returns
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_number_is_the_two_digits_before_the_first_underscore() {
        assert_eq!(chapter_number("00_how_this_works"), Some(0));
        assert_eq!(chapter_number("06_functors_and_naturality"), Some(6));
        assert_eq!(chapter_number("14_capstone"), Some(14));
        assert_eq!(chapter_number("6_functors"), None, "two digits");
        assert_eq!(chapter_number("060_functors"), None, "exactly two");
        assert_eq!(chapter_number("06-functors"), None, "then `_`");
        assert_eq!(chapter_number("06"), None);
        assert_eq!(chapter_number("functors"), None);
    }
}
