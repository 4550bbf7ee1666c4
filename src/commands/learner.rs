//! Finding and opening the course a command works on, and telling the
//! learner, on stderr, what they must know first: a course just created
//! (`learn/` in the repository), a damaged progress file set aside,
//! exercises their progress mentions that the course no longer has, a newer
//! course built into this runner.
//!
//! Where the course is decided by `crate::location`; this file loads it and
//! speaks. Also the lookups the learner commands share (the current
//! exercise; paths shown relative to where the learner is).

use std::path::{Path, PathBuf};

use crate::commands::{announce, find_exercise};
use crate::course::{Course, Exercise};
use crate::course_folder;
use crate::error::Error;
use crate::location;
use crate::state::{State, Store};

/// The course for a learner command (run, verify, hint, list, reset, watch)
/// started in `cwd`: the course folder around it, or `learn/` in the
/// repository (created on first use). Prints the notes in the module doc.
pub fn learner_course(cwd: &Path) -> Result<Course, Error> {
    let (course, notes) = learner_course_with_notes(cwd)?;
    for note in notes {
        announce(&note);
    }
    Ok(course)
}

/// [`learner_course`], returning what it has to say instead of printing it
/// (watch shows it on its screen as well).
pub fn learner_course_with_notes(cwd: &Path) -> Result<(Course, Vec<String>), Error> {
    let mut notes = Vec::new();
    let found = location::learner_course(cwd)?;
    if let Some(created) = &found.created {
        notes.push(created.clone());
    }
    let course = Course::load(&found.root)?;
    let store = Store::open(course.root())?;
    let order = course.exercise_names();
    store.note_unknown_exercises(&order)?;
    notes.extend(store.take_warnings().iter().map(ToString::to_string));
    if newer_course_available(course.root()) {
        notes.push(format!(
            "note: this typed-ai-rustlings brings a newer version of the course; \
             `typed-ai-rustlings init --update {}` adds it and keeps every file you edited",
            shown(course.root(), cwd).display()
        ));
    }
    Ok((course, notes))
}

/// The course source for `verify --pack` (and `challenge`) started in
/// `cwd`: the nearest course that `init` did not make.
pub fn source_course(cwd: &Path) -> Result<Course, Error> {
    Ok(Course::load_source(&location::source_root(cwd)?)?)
}

/// The exercise called `name`, or when `None` the current one in `state`
/// (the stored current exercise, else the first not done).
pub fn named_or_current<'c>(
    course: &'c Course,
    state: &State,
    name: Option<&str>,
) -> Result<&'c Exercise, Error> {
    match name {
        Some(name) => find_exercise(course, name),
        None => {
            let order = course.exercise_names();
            let current = state.resolve_current(&order).ok_or_else(|| Error::Usage {
                message: "every exercise is done, so there is no current one; name an exercise (see `typed-ai-rustlings list`)".to_owned(),
            })?;
            find_exercise(course, current)
        }
    }
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

/// `path` as the learner should read it: relative to `cwd` when it is below
/// it, else as it is.
pub fn shown(path: &Path, cwd: &Path) -> PathBuf {
    let cwd = cwd.canonicalize().unwrap_or_else(|_| cwd.to_owned());
    crate::location::shown_path(path, &cwd)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(shown(&cwd, &cwd), cwd, "the folder itself stays whole");
    }

    #[test]
    fn no_current_exercise_once_everything_is_done() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("course");
        let source = course_folder::CourseSource::Folder(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/init/basic"),
        );
        course_folder::init(&root, &source).unwrap();
        let course = Course::load(&root).unwrap();
        let mut state = State::default();
        assert_eq!(
            named_or_current(&course, &state, None).unwrap().name,
            "intro"
        );
        assert_eq!(
            named_or_current(&course, &state, Some("shapes"))
                .unwrap()
                .name,
            "shapes"
        );
        for name in ["intro", "shapes", "softmax_sums_to_one"] {
            state.mark_done(name);
        }
        assert!(matches!(
            named_or_current(&course, &state, None),
            Err(Error::Usage { .. })
        ));
    }
}
