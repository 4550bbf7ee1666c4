//! The course's own tests block of each exercise in a course folder: the
//! pristine `#[cfg(test)] mod tests` that judges the learner's test-mode
//! file in place of theirs, and `reset --tests`, which puts it back into
//! their file.
//!
//! `init` and `init --update` keep a copy of each exercise's block in
//! `.typed-ai-rustlings/course-tests/<exercise path>`, written with the
//! exercise file itself, so the tests that judge a file are always those
//! of the version the file came from: a newer runner, whose built-in course
//! may have renamed what the tests call, or a source folder that moved or
//! changed after `init --source`, does not change them. `init --update`
//! renews a copy only with the exercise (an exercise the learner edited
//! keeps its tests), and `reset` renews both.
//!
//! A course folder without a copy (made by an older runner, or its state
//! folder deleted) falls back to where its pristine files come from: the
//! source its record names; without a record (a pack copied by hand, the
//! tests' fixtures), the solution in the folder, then the built-in course.

use std::path::{Path, PathBuf};

use super::error::CourseFolderError;
use super::files::{confined, next_backup_path, path_key, write_inside};
use super::record::CourseRecord;
use super::source::CourseSource;
use crate::atomic_file;
use crate::course::Exercise;
use crate::state::STATE_DIR;
use crate::text::{splice_tests_block, tests_block};

/// The folder of the copies, inside the state folder.
const COURSE_TESTS_DIR: &str = "course-tests";

/// What `reset --tests` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestsResetReport {
    /// The exercise file whose tests block was restored.
    pub path: PathBuf,
    /// Where the learner's version was kept; `None` when the block was
    /// already the course's (nothing written).
    pub backup: Option<PathBuf>,
}

/// The course's tests block of `exercise` in the course folder at `root`,
/// from `#[cfg(test)]` to its closing brace; `None` when the course ships
/// none or no pristine copy of the exercise is known.
pub fn course_tests(root: &Path, exercise: &Exercise) -> Result<Option<String>, CourseFolderError> {
    let key = path_key(exercise)?;
    let copy = copy_path(root, &key);
    match std::fs::read_to_string(&copy) {
        Ok(block) => return Ok(Some(block)),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(source) => {
            return Err(CourseFolderError::Io {
                action: "read",
                path: copy,
                source,
            });
        }
    }
    let exercise_key = format!("exercises/{key}");
    let pristine = match CourseRecord::load_if_present(root)? {
        Some(record) => record.source().read(&exercise_key)?,
        None => {
            let solution = root.join("solutions").join(&key);
            match std::fs::read(&solution) {
                Ok(bytes) => Some(bytes.into()),
                Err(_) => CourseSource::BuiltIn.read(&exercise_key)?,
            }
        }
    };
    Ok(pristine.and_then(|bytes| {
        let text = String::from_utf8_lossy(&bytes);
        tests_block(&text).map(str::to_owned)
    }))
}

/// Keeps (or, when `pristine` has no tests block, removes) the copy of the
/// tests block of the exercise at `key` (its path inside `exercises/`),
/// whose pristine file is `pristine`, in the course folder at `root`.
pub(super) fn keep_course_tests(
    root: &Path,
    key: &str,
    pristine: &[u8],
) -> Result<(), CourseFolderError> {
    let copy = copy_path(root, key);
    match tests_block(&String::from_utf8_lossy(pristine)) {
        Some(block) => {
            if std::fs::read(&copy).ok().as_deref() != Some(block.as_bytes()) {
                write_inside(root, &copy, block.as_bytes())?;
            }
            Ok(())
        }
        None => match std::fs::remove_file(&copy) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(CourseFolderError::Io {
                action: "remove",
                path: copy,
                source: err,
            }),
            _ => Ok(()),
        },
    }
}

/// `reset --tests`: puts the course's tests block back into the learner's
/// file of `exercise` (in place of theirs, or after everything when it has
/// none), keeping the rest of the file as it is. Their version is first
/// copied to `<file>.bak-<n>` beside it, as `reset` does.
pub fn restore_tests(
    root: &Path,
    exercise: &Exercise,
) -> Result<TestsResetReport, CourseFolderError> {
    let key = path_key(exercise)?;
    let path = root.join("exercises").join(&key);
    let Some(block) = course_tests(root, exercise)? else {
        return Err(CourseFolderError::NoCourseTests {
            name: exercise.name.clone(),
        });
    };
    let current = std::fs::read(&path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            CourseFolderError::NoExerciseFile {
                name: exercise.name.clone(),
                path: path.clone(),
            }
        } else {
            CourseFolderError::Io {
                action: "read",
                path: path.clone(),
                source,
            }
        }
    })?;
    let text = String::from_utf8_lossy(&current);
    if tests_block(&text) == Some(block.as_str()) {
        return Ok(TestsResetReport { path, backup: None });
    }
    let (restored, _) = splice_tests_block(&text, &block);
    confined(root, &path)?;
    let backup = next_backup_path(&path);
    // Written (and flushed) before the exercise is touched, so the
    // learner's work exists on disk at every moment.
    atomic_file::write(&backup, &current)
        .map_err(CourseFolderError::io("keep your version as", &backup))?;
    write_inside(root, &path, restored.as_bytes())?;
    Ok(TestsResetReport {
        path,
        backup: Some(backup),
    })
}

fn copy_path(root: &Path, key: &str) -> PathBuf {
    root.join(STATE_DIR).join(COURSE_TESTS_DIR).join(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::Course;
    use crate::course_folder::init::{init, update};
    use crate::course_folder::restore::reset_exercise;

    fn fixture(name: &str) -> CourseSource {
        CourseSource::Folder(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/init")
                .join(name),
        )
    }

    fn course() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("course");
        init(&root, &fixture("basic")).unwrap();
        (dir, root)
    }

    fn exercise(root: &Path, name: &str) -> Exercise {
        Course::load(root).unwrap().exercise(name).unwrap().clone()
    }

    fn pristine_block(name: &str, path: &str) -> String {
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/init")
                .join(name)
                .join("exercises")
                .join(path),
        )
        .unwrap();
        tests_block(&text).unwrap().to_owned()
    }

    #[test]
    fn init_keeps_each_tests_block_and_the_copy_is_what_judges() {
        let (_dir, root) = course();
        let shapes = exercise(&root, "shapes");
        let block = pristine_block("basic", "01_basics/shapes.rs");
        assert_eq!(course_tests(&root, &shapes).unwrap(), Some(block.clone()));
        assert!(
            root.join(".typed-ai-rustlings/course-tests/01_basics/shapes.rs")
                .is_file()
        );
        // The copy, not the source, answers: a source that changed after
        // init does not change the tests of the files init wrote.
        let copy = copy_path(&root, "01_basics/shapes.rs");
        std::fs::write(&copy, "#[cfg(test)]\nmod tests {}").unwrap();
        assert_eq!(
            course_tests(&root, &shapes).unwrap().as_deref(),
            Some("#[cfg(test)]\nmod tests {}")
        );
        // Without the copy, the recorded source.
        std::fs::remove_file(&copy).unwrap();
        assert_eq!(course_tests(&root, &shapes).unwrap(), Some(block));
    }

    #[test]
    fn a_folder_without_a_record_uses_its_solution() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("solutions/01")).unwrap();
        let solution = "fn main() {}\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn a() {}\n}\n";
        std::fs::write(root.join("solutions/01/x.rs"), solution).unwrap();
        let mut x = fixture_exercise();
        x.path = PathBuf::from("01/x.rs");
        assert_eq!(
            course_tests(root, &x).unwrap().as_deref(),
            tests_block(solution)
        );
        x.path = PathBuf::from("01/nowhere.rs");
        assert_eq!(course_tests(root, &x).unwrap(), None);
    }

    fn fixture_exercise() -> Exercise {
        crate::test_support::fixture_course().exercises()[0].clone()
    }

    #[test]
    fn reset_tests_restores_the_block_keeps_the_rest_and_backs_up() {
        let (_dir, root) = course();
        let shapes = exercise(&root, "shapes");
        let file = root.join("exercises/01_basics/shapes.rs");
        let pristine = std::fs::read_to_string(&file).unwrap();
        let block = tests_block(&pristine).unwrap().to_owned();
        let range = crate::text::tests_block_range(&pristine).unwrap();
        let mine = format!(
            "// my fix\n{}#[cfg(test)]\nmod tests {{}}{}",
            &pristine[..range.start],
            &pristine[range.end..]
        );
        std::fs::write(&file, &mine).unwrap();

        let report = restore_tests(&root, &shapes).unwrap();
        let restored = std::fs::read_to_string(&file).unwrap();
        assert_eq!(restored, format!("// my fix\n{pristine}"));
        assert_eq!(tests_block(&restored), Some(block.as_str()));
        let backup = report.backup.unwrap();
        assert!(backup.ends_with("shapes.rs.bak-1"));
        assert_eq!(std::fs::read_to_string(&backup).unwrap(), mine);

        let again = restore_tests(&root, &shapes).unwrap();
        assert_eq!(again.backup, None, "nothing to restore the second time");
    }

    #[test]
    fn reset_tests_on_an_exercise_without_tests_or_file_says_why() {
        let (_dir, root) = course();
        let intro = exercise(&root, "intro");
        assert!(matches!(
            restore_tests(&root, &intro),
            Err(CourseFolderError::NoCourseTests { .. })
        ));
        let shapes = exercise(&root, "shapes");
        std::fs::remove_file(root.join("exercises/01_basics/shapes.rs")).unwrap();
        assert!(matches!(
            restore_tests(&root, &shapes),
            Err(CourseFolderError::NoExerciseFile { .. })
        ));
    }

    #[test]
    fn update_and_reset_renew_the_copy_with_the_exercise() {
        let (_dir, root) = course();
        update(&root, Some(&fixture("newer"))).unwrap();
        let attention = exercise(&root, "attention_rows");
        assert_eq!(
            course_tests(&root, &attention).unwrap(),
            Some(pristine_block("newer", "03_attention/attention_rows.rs")),
            "an added exercise comes with its tests"
        );
        let copy = copy_path(&root, "03_attention/attention_rows.rs");
        std::fs::remove_file(&copy).unwrap();
        reset_exercise(&root, &attention).unwrap();
        assert!(copy.is_file(), "reset writes the copy again");
    }
}
