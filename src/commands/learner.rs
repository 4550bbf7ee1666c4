//! Opening a learner's course for a command: find it (creating `learn/` in
//! the repository), load the course model, open the progress store, and
//! tell the learner, on stderr, anything they must know first: a course
//! just created, a damaged progress file set aside, exercises their
//! progress mentions that the course no longer has, a newer course built
//! into this runner.
//!
//! Also the name lookups every learner command shares (the current
//! exercise, an exercise by name with a "did you mean").

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::course::{Course, Exercise};
use crate::course_folder;
use crate::error::Error;
use crate::location;
use crate::state::{State, Store};

/// A learner's course, ready for a command.
#[derive(Debug)]
pub struct LearnerSession {
    /// The course model.
    pub course: Course,
    /// Its progress.
    pub store: Store,
    /// Where the command started, for showing paths relative to it.
    pub cwd: PathBuf,
}

impl LearnerSession {
    /// Opens the learner's course for a command started in `cwd`, printing
    /// the notes described in the module doc to `notes` (stderr in the
    /// binary).
    pub fn open(cwd: &Path, notes: &mut dyn Write) -> Result<LearnerSession, Error> {
        let found = location::learner_course(cwd)?;
        if let Some(created) = &found.created {
            note(notes, created)?;
        }
        let course = Course::load(&found.root)?;
        let store = Store::open(course.root())?;
        store.note_unknown_exercises(&names(&course))?;
        for warning in store.take_warnings() {
            note(notes, &warning.to_string())?;
        }
        if newer_course_available(course.root()) {
            note(
                notes,
                &format!(
                    "note: this typed-ai-rustlings brings a newer version of the course; \
                     `typed-ai-rustlings init --update {}` adds it and keeps every file you edited",
                    shown(course.root(), cwd).display()
                ),
            )?;
        }
        Ok(LearnerSession {
            course,
            store,
            cwd: cwd.to_owned(),
        })
    }

    /// The exercise names in course order.
    pub fn order(&self) -> Vec<&str> {
        names(&self.course)
    }

    /// The exercise called `name`, or [`Error::UnknownExercise`] with the
    /// closest name as a suggestion.
    pub fn exercise(&self, name: &str) -> Result<&Exercise, Error> {
        self.course
            .exercise(name)
            .ok_or_else(|| Error::UnknownExercise {
                name: name.to_owned(),
                suggestion: closest(name, &self.order()).map(str::to_owned),
            })
    }

    /// The exercise called `name`, or when `None` the current one in
    /// `state` (the stored current exercise, else the first not done).
    pub fn named_or_current(&self, name: Option<&str>, state: &State) -> Result<&Exercise, Error> {
        match name {
            Some(name) => self.exercise(name),
            None => {
                let order = self.order();
                let current = state.resolve_current(&order).ok_or_else(|| Error::Usage {
                    message: "every exercise is done, so there is no current one; name an exercise (see `typed-ai-rustlings list`)".to_owned(),
                })?;
                self.exercise(current)
            }
        }
    }

    /// `path` as the learner should read it: relative to where the command
    /// started when it is below it.
    pub fn shown(&self, path: &Path) -> PathBuf {
        shown(path, &self.cwd)
    }
}

fn names(course: &Course) -> Vec<&str> {
    course
        .exercises()
        .iter()
        .map(|exercise| exercise.name.as_str())
        .collect()
}

fn note(notes: &mut dyn Write, text: &str) -> Result<(), Error> {
    writeln!(notes, "{text}").map_err(|source| Error::Output { source })
}

/// Whether the course folder was made by `init` from a source that now
/// brings a different course. Failing to tell (a source folder that moved,
/// say) is not worth stopping a command for, so it counts as "no".
fn newer_course_available(root: &Path) -> bool {
    match course_folder::made_from(root) {
        Ok(Some(source)) => course_folder::update_available(root, &source).unwrap_or(false),
        _ => false,
    }
}

/// `path` relative to `cwd` when it is below it, else `path` itself.
pub fn shown(path: &Path, cwd: &Path) -> PathBuf {
    let cwd = cwd.canonicalize().unwrap_or_else(|_| cwd.to_owned());
    match path.strip_prefix(&cwd) {
        Ok(relative) if !relative.as_os_str().is_empty() => relative.to_owned(),
        _ => path.to_owned(),
    }
}

/// The name in `candidates` the learner most likely meant by `name`: the only
/// one that starts with it, else the closest within a few typos (at most a
/// third of the name's length in edits, at least 1).
pub fn closest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let mut starting = candidates
        .iter()
        .filter(|candidate| candidate.starts_with(name));
    if let (Some(only), None) = (starting.next(), starting.next()) {
        return Some(only);
    }
    let limit = (name.chars().count() / 3).max(1);
    candidates
        .iter()
        .map(|candidate| (edit_distance(name, candidate), *candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance in characters (insertions, deletions, substitutions).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_character_edits() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("shapes", "shapes"), 0);
        assert_eq!(edit_distance("shape", "shapes"), 1);
        assert_eq!(
            edit_distance("shapse", "shapes"),
            2,
            "a swap is two substitutions"
        );
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn a_likely_typo_gets_a_suggestion_and_a_different_word_does_not() {
        let names = ["intro", "shapes", "softmax_sums_to_one"];
        assert_eq!(closest("shape", &names), Some("shapes"));
        assert_eq!(
            closest("softmax_sum_to_one", &names),
            Some("softmax_sums_to_one")
        );
        assert_eq!(closest("attention", &names), None);
        assert_eq!(
            closest("shap", &names),
            Some("shapes"),
            "an unambiguous start"
        );
        assert_eq!(closest("s", &names), None, "two names start with s");
    }

    #[test]
    fn paths_below_the_current_folder_are_shown_relative() {
        let dir = tempfile::tempdir().unwrap();
        let cwd = dir.path().canonicalize().unwrap();
        assert_eq!(
            shown(&cwd.join("learn/exercises"), &cwd),
            Path::new("learn/exercises")
        );
        assert_eq!(
            shown(Path::new("/elsewhere/x.rs"), &cwd),
            Path::new("/elsewhere/x.rs")
        );
    }
}
