//! The little that writing a course folder needs from an `info.toml`: the
//! library folder and each exercise's name and path.
//!
//! Read leniently on purpose (unknown fields are fine here): the runner's
//! course model validates the whole file strictly when a command loads the
//! course; this reader must also work on the built-in copy, which is not a
//! folder on disk. Paths are checked to stay inside `exercises/`, since they
//! become file names we write.

use std::path::{Component, Path};

use serde::Deserialize;

use super::error::CourseFolderError;

/// One exercise: its unique name and its path inside `exercises/` (the
/// solution has the same path inside `solutions/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InfoExercise {
    /// The exercise's name (its slug).
    pub name: String,
    /// Its path relative to `exercises/`, `/`-separated.
    pub path: String,
}

/// What was found in an `info.toml`: its library folder and exercises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InfoSummary {
    /// The `library` folder, relative to the course root.
    pub library: Option<String>,
    /// The exercises in course order.
    pub exercises: Vec<InfoExercise>,
}

impl InfoSummary {
    /// The exercise called `name`.
    pub fn exercise(&self, name: &str) -> Result<&InfoExercise, CourseFolderError> {
        self.exercises
            .iter()
            .find(|ex| ex.name == name)
            .ok_or_else(|| CourseFolderError::UnknownExercise {
                name: name.to_owned(),
            })
    }
}

#[derive(Deserialize)]
struct RawInfo {
    #[serde(default)]
    library: Option<String>,
    #[serde(default)]
    exercises: Vec<RawExercise>,
}

#[derive(Deserialize)]
struct RawExercise {
    name: String,
    path: String,
}

/// Reads `text` (an info.toml described as `origin` in errors).
pub fn read(text: &str, origin: &str) -> Result<InfoSummary, CourseFolderError> {
    let raw: RawInfo =
        toml::from_str(text).map_err(|err| CourseFolderError::from_toml(&err, text, origin))?;
    let mut exercises = Vec::with_capacity(raw.exercises.len());
    for RawExercise { name, path } in raw.exercises {
        if !stays_inside(&path) {
            return Err(CourseFolderError::UnsafePath {
                origin: origin.to_owned(),
                name,
                path,
            });
        }
        exercises.push(InfoExercise { name, path });
    }
    Ok(InfoSummary {
        library: raw.library,
        exercises,
    })
}

/// Whether `path` is relative and names something inside its folder (no
/// `..`, no root, no drive, not empty).
pub fn stays_inside(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && Path::new(path)
            .components()
            .all(|component| matches!(component, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_exercises_in_order_and_ignores_fields_it_does_not_need() {
        let text = r#"
format_version = 1
library = "crates/typed-ai"
welcome_message = "hi"

[[exercises]]
name = "b_first"
path = "01_a/b_first.rs"
mode = "run"

[[exercises]]
name = "a_second"
path = "01_a/a_second.rs"
"#;
        let info = read(text, "info.toml").unwrap();
        assert_eq!(info.library.as_deref(), Some("crates/typed-ai"));
        let names: Vec<&str> = info.exercises.iter().map(|ex| ex.name.as_str()).collect();
        assert_eq!(names, ["b_first", "a_second"]);
        assert_eq!(info.exercise("a_second").unwrap().path, "01_a/a_second.rs");
        assert!(matches!(
            info.exercise("nope"),
            Err(CourseFolderError::UnknownExercise { .. })
        ));
    }

    #[test]
    fn a_path_leaving_the_folder_is_refused() {
        for bad in [
            "../x.rs",
            "/etc/passwd",
            "01/../../x.rs",
            "",
            "a\\..\\b.rs",
            "./x.rs",
        ] {
            assert!(!stays_inside(bad), "{bad:?} must be refused");
        }
        assert!(stays_inside("01_a/x.rs"));
        let text = "[[exercises]]\nname = \"x\"\npath = \"../../x.rs\"\n";
        let err = read(text, "info.toml").unwrap_err();
        assert!(err.to_string().contains("`../../x.rs`"), "{err}");
    }

    #[test]
    fn a_syntax_error_names_its_line() {
        let err = read(
            "format_version = 1\n[[exercises]]\nname = \n",
            "the built-in info.toml",
        )
        .unwrap_err();
        let CourseFolderError::BadToml { origin, line, .. } = &err else {
            panic!("expected BadToml, got {err:?}");
        };
        assert_eq!((origin.as_str(), *line), ("the built-in info.toml", 3));
    }
}
