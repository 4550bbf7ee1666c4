//! The loaded course: its chapters and exercises in order, its library, its
//! messages, and where its files are.
//!
//! Values only. A [`Course`] is built by resolving (`resolve.rs`) and
//! handed out by loading (`load.rs`) only when its manifest has no problem,
//! so every `Course` has passed validation.

use std::path::{Path, PathBuf};

use super::exercise::Exercise;

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
    pub(super) root: PathBuf,
    pub(super) library_dir: PathBuf,
    pub(super) library_crate: Option<String>,
    pub(super) welcome_message: String,
    pub(super) final_message: String,
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
}
