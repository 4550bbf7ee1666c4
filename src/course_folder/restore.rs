//! Writing pristine files into an existing course folder: `reset` (the
//! exercise as the course ships it, with the learner's version kept as a
//! backup, and its tests copy renewed) and the reference solution once an
//! exercise passes. `reset --tests` is `course_tests.rs`'s.
//!
//! Where the pristine copy comes from is the course's record (`record.rs`).
//! Marking the exercise pending again after a reset is the caller's job
//! (progress lives in `crate::state`).

use std::path::{Path, PathBuf};

use super::course_tests::keep_course_tests;
use super::error::CourseFolderError;
use super::files::{confined, key_in, next_backup_path, path_key, write_inside};
use super::record::CourseRecord;
use super::source::CourseSource;
use crate::atomic_file;
use crate::course::{Course, Exercise};

/// What `reset` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResetReport {
    /// The restored exercise file.
    pub path: PathBuf,
    /// Where the learner's version was kept; `None` when there was nothing
    /// to keep (the file was missing, or already pristine).
    pub backup: Option<PathBuf>,
}

/// Restores `exercise` in the course at `root` as the course ships it,
/// first copying the learner's version to `<file>.bak-<n>` beside it (`n`
/// one more than the highest backup there, so the highest is the newest).
/// Refuses to write through a symbolic link that leads out of the course.
pub fn reset_exercise(root: &Path, exercise: &Exercise) -> Result<ResetReport, CourseFolderError> {
    reset_path(root, &path_key(exercise)?)
}

fn reset_path(root: &Path, exercise_path: &str) -> Result<ResetReport, CourseFolderError> {
    let key = key_in("exercises", exercise_path)?;
    let mut record = CourseRecord::load(root)?;
    let pristine = record.source().require(&key)?;
    let path = root.join(&key);
    confined(root, &path)?;
    let backup = match std::fs::read(&path) {
        Ok(current) if current == *pristine => None,
        Ok(current) => {
            let backup = next_backup_path(&path);
            // Written (and flushed) before the exercise is touched, so the
            // learner's work exists on disk at every moment.
            atomic_file::write(&backup, &current)
                .map_err(CourseFolderError::io("keep your version as", &backup))?;
            Some(backup)
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => {
            return Err(CourseFolderError::Io {
                action: "read",
                path,
                source,
            });
        }
    };
    write_inside(root, &path, &pristine)?;
    keep_course_tests(root, exercise_path, &pristine)?;
    record.note_written(&key, &pristine);
    record.save(root)?;
    Ok(ResetReport { path, backup })
}

/// Writes the reference solution of `exercise` into the course's
/// `solutions/` (at `course.solution_path(exercise)`) and returns its path.
/// Call it when the exercise passes. A course whose source has no solution
/// but already holds one (e.g. a test fixture copied with its solutions)
/// gets that path.
pub fn write_solution(root: &Path, exercise: &Exercise) -> Result<PathBuf, CourseFolderError> {
    solution_path(root, &path_key(exercise)?)
}

/// [`write_solution`] for every exercise of `exercises` (the passes of a
/// `verify` or of watch's "check all"), reading the course record once
/// instead of once per exercise. `Err` when the record cannot be read.
#[expect(
    clippy::type_complexity,
    reason = "one result per exercise, paired with it, inside the record's result"
)]
pub fn write_solutions<'e>(
    root: &Path,
    exercises: &[&'e Exercise],
) -> Result<Vec<(&'e Exercise, Result<PathBuf, CourseFolderError>)>, CourseFolderError> {
    let source = CourseRecord::load(root)?.source();
    Ok(exercises
        .iter()
        .map(|&exercise| {
            let written = path_key(exercise).and_then(|key| write_from(root, &source, &key));
            (exercise, written)
        })
        .collect())
}

/// The reference solutions the learner has earned: each exercise of
/// `passed` gets its solution written into the course folder's
/// `solutions/`, and its path, or why it could not be written (as a
/// sentence for a note). A course without a record of where it came from (a
/// pack copied by hand, or the fixtures the tests use) that already holds
/// a solution gets that file's path. The course record is read once.
pub fn unlock_solutions<'e>(
    course: &Course,
    passed: &[&'e Exercise],
) -> Vec<(&'e Exercise, Result<PathBuf, String>)> {
    let fallback = |exercise: &Exercise, error: &CourseFolderError| {
        let present = course.solution_path(exercise);
        // A solution path linked out of the course is not the course's, even
        // when something is there.
        if present.is_file() && !matches!(error, CourseFolderError::OutsideCourse { .. }) {
            Ok(present)
        } else {
            Err(error.to_string())
        }
    };
    match write_solutions(course.root(), passed) {
        Ok(written) => written
            .into_iter()
            .map(|(exercise, result)| {
                let result = result.or_else(|error| fallback(exercise, &error));
                (exercise, result)
            })
            .collect(),
        Err(error) => passed
            .iter()
            .map(|&exercise| (exercise, fallback(exercise, &error)))
            .collect(),
    }
}

pub(super) fn solution_path(
    root: &Path,
    exercise_path: &str,
) -> Result<PathBuf, CourseFolderError> {
    write_from(root, &CourseRecord::load(root)?.source(), exercise_path)
}

/// Writes the solution at `exercise_path` from `source`, unless the course
/// folder already holds exactly that file; never through a symbolic link
/// that leads out of the course (a `solutions/<chapter>` linked elsewhere).
fn write_from(
    root: &Path,
    source: &CourseSource,
    exercise_path: &str,
) -> Result<PathBuf, CourseFolderError> {
    let key = key_in("solutions", exercise_path)?;
    let path = root.join(&key);
    match source.read(&key)? {
        Some(solution) => {
            confined(root, &path)?;
            if std::fs::read(&path).ok().as_deref() != Some(&*solution) {
                write_inside(root, &path, &solution)?;
            }
            Ok(path)
        }
        None if path.is_file() => Ok(path),
        None => Err(CourseFolderError::MissingFromSource {
            source_name: source.describe(),
            key,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::Course;
    use crate::course_folder::init::init;
    use crate::course_folder::source::CourseSource;

    fn course() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("course");
        let source = CourseSource::Folder(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/init/basic"),
        );
        init(&root, &source).unwrap();
        (dir, root)
    }

    fn exercise(root: &Path, name: &str) -> Exercise {
        Course::load(root).unwrap().exercise(name).unwrap().clone()
    }

    #[test]
    fn reset_restores_the_pristine_file_and_keeps_each_edited_version() {
        let (_dir, root) = course();
        let file = root.join("exercises/01_basics/shapes.rs");
        let pristine = std::fs::read_to_string(&file).unwrap();

        std::fs::write(&file, "first attempt").unwrap();
        let shapes = exercise(&root, "shapes");
        let first = reset_exercise(&root, &shapes).unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), pristine);
        let backup = first.backup.unwrap();
        assert!(backup.ends_with("shapes.rs.bak-1"), "{}", backup.display());
        assert_eq!(std::fs::read_to_string(&backup).unwrap(), "first attempt");

        std::fs::write(&file, "second attempt").unwrap();
        let second = reset_exercise(&root, &shapes).unwrap();
        assert!(second.backup.unwrap().ends_with("shapes.rs.bak-2"));
        assert_eq!(
            std::fs::read_to_string(&backup).unwrap(),
            "first attempt",
            "older backups stay"
        );

        // With bak-2 deleted, the next backup still comes after the highest.
        std::fs::write(&file, "third attempt").unwrap();
        let third = reset_exercise(&root, &shapes).unwrap().backup.unwrap();
        assert!(third.ends_with("shapes.rs.bak-3"), "{}", third.display());
        std::fs::remove_file(file.with_file_name("shapes.rs.bak-2")).unwrap();
        std::fs::write(&file, "fourth attempt").unwrap();
        let fourth = reset_exercise(&root, &shapes).unwrap().backup.unwrap();
        assert!(
            fourth.ends_with("shapes.rs.bak-4"),
            "numbered after the highest, not in the gap: {}",
            fourth.display()
        );

        let untouched = reset_exercise(&root, &shapes).unwrap();
        assert_eq!(
            untouched.backup, None,
            "nothing to keep when the file is pristine"
        );
    }

    #[test]
    fn reset_brings_back_a_deleted_exercise() {
        let (_dir, root) = course();
        let file = root.join("exercises/01_basics/intro.rs");
        std::fs::remove_file(&file).unwrap();
        let report = reset_exercise(&root, &exercise(&root, "intro")).unwrap();
        assert_eq!(report.backup, None);
        assert!(file.is_file());
    }

    #[test]
    fn reset_refuses_a_path_outside_the_course() {
        let (_dir, root) = course();
        assert!(matches!(
            reset_path(&root, "../../etc/passwd"),
            Err(CourseFolderError::UnsafePath { .. })
        ));
        assert!(matches!(
            reset_path(&root, "01_basics/nope.rs"),
            Err(CourseFolderError::MissingFromSource { .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn nothing_is_written_through_a_link_out_of_the_course() {
        let (_dir, root) = course();
        let outside = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.join("solutions")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("solutions/01_basics")).unwrap();
        let shapes = exercise(&root, "shapes");
        assert!(matches!(
            write_solution(&root, &shapes),
            Err(CourseFolderError::OutsideCourse { .. })
        ));
        std::fs::remove_dir_all(root.join("exercises/01_basics")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("exercises/01_basics")).unwrap();
        assert!(matches!(
            reset_exercise(&root, &shapes),
            Err(CourseFolderError::OutsideCourse { .. })
        ));
        assert_eq!(
            std::fs::read_dir(outside.path()).unwrap().count(),
            0,
            "nothing landed outside"
        );
    }

    #[test]
    fn a_passing_exercise_unlocks_its_reference_solution() {
        let (_dir, root) = course();
        let shapes = exercise(&root, "shapes");
        let path = write_solution(&root, &shapes).unwrap();
        let course = Course::load(&root).unwrap();
        assert_eq!(
            path.canonicalize().unwrap(),
            course.solution_path(&shapes),
            "where the course model expects it"
        );
        let expected = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/init/basic/solutions/01_basics/shapes.rs"),
        )
        .unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), expected);
        assert_eq!(
            write_solution(&root, &shapes).unwrap(),
            path,
            "again: same path"
        );
    }

    #[test]
    fn several_passes_unlock_their_solutions_in_one_call() {
        let (_dir, root) = course();
        let course = Course::load(&root).unwrap();
        let passed: Vec<&Exercise> = course.exercises().iter().collect();
        assert!(passed.len() >= 2, "the fixture has several exercises");
        let written = write_solutions(&root, &passed).unwrap();
        assert_eq!(written.len(), passed.len());
        for (exercise, path) in written {
            let path = path.unwrap();
            assert_eq!(
                path,
                write_solution(&root, exercise).unwrap(),
                "{}",
                exercise.name
            );
            assert!(path.is_file(), "{} has its solution", exercise.name);
        }
        // A folder that `init` did not make falls back to the built-in
        // course, which has none of the fixture's solutions: each says so.
        let bare = tempfile::tempdir().unwrap();
        for (exercise, written) in write_solutions(bare.path(), &passed).unwrap() {
            assert!(
                matches!(written, Err(CourseFolderError::MissingFromSource { .. })),
                "{}: {written:?}",
                exercise.name
            );
        }
    }

    #[test]
    fn a_copied_course_with_its_own_solutions_uses_them() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("solutions/01")).unwrap();
        std::fs::write(root.join("solutions/01/x.rs"), "fn main() {}\n").unwrap();
        assert_eq!(
            solution_path(root, "01/x.rs").unwrap(),
            root.join("solutions/01/x.rs")
        );
        assert!(matches!(
            solution_path(root, "01/y.rs"),
            Err(CourseFolderError::MissingFromSource { .. })
        ));
    }
}
