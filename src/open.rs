//! Opening the course a command works on: the folder `location` finds,
//! the course loaded from it, and for a learner command its progress store
//! with the progress read once, plus what the learner must read first (a
//! course folder just created, a damaged progress file set aside, exercises
//! the course no longer has, a newer course built into this runner).
//!
//! Commands and watch mode open the course here and nowhere else. Printing
//! the notes is the caller's choice: `run` and the other commands put them
//! on stderr, watch shows them on its screen as well.

use crate::course::{Course, Exercise};
use crate::course_folder;
use crate::error::Error;
use crate::location::{self, Cwd};
use crate::report::announce;
use crate::state::{State, Store};

/// A learner's course, opened: the course, its progress store, the progress
/// as read when it was opened, and the notes to show first.
#[derive(Debug)]
pub struct LearnerCourse {
    /// The course folder's course.
    pub course: Course,
    /// Its progress store.
    pub store: Store,
    /// The progress when the course was opened. Changes go through
    /// [`Store::update`], which re-reads under the lock.
    pub state: State,
    /// What the learner must read before anything else.
    pub notes: Vec<String>,
}

impl LearnerCourse {
    /// Prints the notes on stderr, once.
    pub fn announce_notes(&mut self) {
        for note in self.notes.drain(..) {
            announce(&note);
        }
    }

    /// The exercise called `name`, or when `None` the current one (the
    /// stored current exercise, else the first not done). A usage error when
    /// every exercise is done and none is named.
    pub fn named_or_current(&self, name: Option<&str>) -> Result<&Exercise, Error> {
        match name {
            Some(name) => find_exercise(&self.course, name),
            None => {
                let order = self.course.exercise_names();
                let current = self.state.resolve_current(&order).ok_or_else(|| Error::Usage {
                    message: "every exercise is done, so there is no current one; name an exercise (see `typed-ai-rustlings list`)".to_owned(),
                })?;
                find_exercise(&self.course, current)
            }
        }
    }
}

/// Opens the course for a learner command (run, verify, hint, list, reset,
/// watch) started in `cwd`: the course folder around it, or `learn/` in the
/// repository (created on first use).
pub fn learner(cwd: &Cwd) -> Result<LearnerCourse, Error> {
    let found = location::learner_course(cwd)?;
    let mut notes: Vec<String> = found.created.into_iter().collect();
    let course = Course::load(&found.root)?;
    let store = Store::open(course.root())?;
    let state = store.note_unknown_exercises(&course.exercise_names())?;
    notes.extend(store.take_warnings().iter().map(ToString::to_string));
    if let Some(source) = newer_course_available(&course) {
        let what = match source {
            course_folder::CourseSource::BuiltIn => {
                "this typed-ai-rustlings brings a newer version of the course".to_owned()
            }
            course_folder::CourseSource::Folder(pack) => format!(
                "the course pack at {} has changed since this folder was made from it",
                cwd.show(&pack).display()
            ),
        };
        notes.push(format!(
            "note: {what}; `typed-ai-rustlings init --update {}` adds the changes and keeps every file you edited",
            crate::text::shell_quote(&cwd.show(course.root()).to_string_lossy())
        ));
    }
    Ok(LearnerCourse {
        course,
        store,
        state,
        notes,
    })
}

/// The course source for `verify --pack` started in `cwd`: the nearest
/// course that `init` did not make.
pub fn source(cwd: &Cwd) -> Result<Course, Error> {
    Ok(Course::load_source(&location::source_root(cwd.path())?)?)
}

/// The exercise called `name`, or a usage error suggesting the closest name.
pub fn find_exercise<'c>(course: &'c Course, name: &str) -> Result<&'c Exercise, Error> {
    course.exercise(name).ok_or_else(|| {
        let suggestion = course
            .exercises()
            .iter()
            .map(|exercise| (strsim::jaro_winkler(name, &exercise.name), &exercise.name))
            .filter(|(similarity, _)| *similarity > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, name)| name.clone());
        Error::UnknownExercise {
            name: name.to_owned(),
            suggestion,
        }
    })
}

/// The source the course folder was made from by `init`, when it now
/// brings a different course. Failing to tell (a source folder that moved,
/// say) is not worth stopping a command for, so it counts as "no".
fn newer_course_available(course: &Course) -> Option<course_folder::CourseSource> {
    let source = course_folder::made_from(course.root()).ok()??;
    course_folder::update_available(course.root(), &source)
        .unwrap_or(false)
        .then_some(source)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::fixture_course_dir;

    #[test]
    fn the_current_exercise_is_named_until_everything_is_done() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("course");
        course_folder::init(
            &root,
            &course_folder::CourseSource::Folder(fixture_course_dir()),
        )
        .unwrap();
        let mut opened = learner(&Cwd::new(&root)).unwrap();
        assert_eq!(opened.named_or_current(None).unwrap().name, "intro");
        assert_eq!(
            opened.named_or_current(Some("shapes")).unwrap().name,
            "shapes"
        );
        for name in ["intro", "shapes", "softmax_sums_to_one"] {
            opened.state.mark_done(name);
        }
        assert!(matches!(
            opened.named_or_current(None),
            Err(Error::Usage { .. })
        ));
        assert!(matches!(
            opened.named_or_current(Some("shapse")),
            Err(Error::UnknownExercise { suggestion: Some(name), .. }) if name == "shapes"
        ));
    }
}
