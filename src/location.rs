//! Which course a command works on, found from the current folder.
//!
//! Every command walks up from where it starts to the nearest folder with an
//! `info.toml`. What it then does depends on what that folder is:
//!
//! - **A learner's course folder** holds the progress folder
//!   `.typed-ai-rustlings/`: `init` makes it, and learner commands (watch,
//!   run, hint, list, reset, verify) work on the folder directly. The
//!   fixture packs the tests copy into temporary folders get one too.
//! - **A course source** is any other folder with an `info.toml`: this
//!   runner's repository (recognised by its `Cargo.toml`, whose package is
//!   `typed-ai-rustlings`) or a third-party course pack. Its `exercises/` are
//!   the pristine files and are never edited, so learner commands work on
//!   `<source>/learn/` instead, creating it on first use: from the course
//!   built into the binary in the repository (where it is gitignored), from
//!   the pack itself in a pack (as `init --source <pack> learn` would).
//!
//! *Source* commands (`verify --pack`, `challenge`) want a course source: the
//! nearest `info.toml` folder that `init` did not make (no
//! `.typed-ai-rustlings/course.toml`), so `verify --pack` started inside
//! `learn/` checks the source around it.
//!
//! The package name, not the `.typed-ai-rustlings/` folder, marks the
//! repository: a stray state folder in the repository must never turn its
//! pristine exercises into a learner's working copy. This file decides
//! where; it writes nothing itself except through `init`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::course::{Course, CourseError};
use crate::course_folder::{self, CourseFolderError, CourseSource};
use crate::state::STATE_DIR;

/// The folder learner commands use inside the source repository.
pub const LEARN_DIR: &str = "learn";

/// The runner's package name, which marks the source repository.
const RUNNER_PACKAGE: &str = "typed-ai-rustlings";

/// What the nearest `info.toml` belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A learner's course folder (or a test pack given a progress folder).
    Course(PathBuf),
    /// A course source: this runner's repository or a course pack.
    Source(PathBuf),
}

/// The course folder a learner command works on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearnerCourse {
    /// The course folder.
    pub root: PathBuf,
    /// Set when this command created it (`learn/` in the repository): the
    /// message to show, e.g. "Created your course at learn/; ...".
    pub created: Option<String>,
}

/// Why no course could be found.
#[derive(Debug, thiserror::Error)]
pub enum LocationError {
    /// No `info.toml` here or above.
    #[error(
        "no course here: neither {} nor any folder above it has an info.toml; \
         `typed-ai-rustlings init DIR` makes a course folder",
        start.display()
    )]
    NoCourse {
        /// Where the search started.
        start: PathBuf,
    },
    /// Only learner course folders here and above, no course source.
    #[error(
        "no course source here: {} is inside a learner's course folder, not a course source \
         (the repository, or a folder laid out like it); run this in the repository",
        start.display()
    )]
    NoSource {
        /// Where the search started.
        start: PathBuf,
    },
    /// Creating `learn/` failed.
    #[error(transparent)]
    Init(#[from] CourseFolderError),
    /// The course pack `learn/` would be made from has an invalid manifest.
    #[error("the course pack at {} cannot be used: {source}", pack.display())]
    Pack {
        /// The pack.
        pack: PathBuf,
        /// What is wrong with its info.toml (every problem, located).
        source: CourseError,
    },
}

/// The nearest folder at or above `start` with an `info.toml`, and what it is.
pub fn find(start: &Path) -> Result<Found, LocationError> {
    start
        .ancestors()
        .find(|dir| dir.join("info.toml").is_file())
        .map(|dir| {
            if is_source_repository(dir) || !has_progress_folder(dir) {
                Found::Source(dir.to_owned())
            } else {
                Found::Course(dir.to_owned())
            }
        })
        .ok_or_else(|| LocationError::NoCourse {
            start: start.to_owned(),
        })
}

/// The course folder for learner commands started in `start`: the course
/// itself, or `learn/` when `start` is in a course source (created from the
/// built-in course in the repository, from the pack in a pack, if it does
/// not exist yet).
pub fn learner_course(start: &Cwd) -> Result<LearnerCourse, LocationError> {
    learner_course_from(start, &CourseSource::BuiltIn)
}

/// [`learner_course`] with the course the repository's `learn/` is made
/// from given (tests use a fixture pack instead of the built-in course).
pub fn learner_course_from(
    start: &Cwd,
    repository_course: &CourseSource,
) -> Result<LearnerCourse, LocationError> {
    let source = match find(start.path())? {
        Found::Course(root) => {
            return Ok(LearnerCourse {
                root,
                created: None,
            });
        }
        Found::Source(source) => source,
    };
    let learn = source.join(LEARN_DIR);
    if course_folder::is_course_folder(&learn) {
        return Ok(LearnerCourse {
            root: learn,
            created: None,
        });
    }
    let repository = is_source_repository(&source);
    let report = if repository {
        course_folder::init(&learn, repository_course)?
    } else {
        // A pack whose manifest is broken would give a course folder that
        // fails every command: say so about the pack's own info.toml.
        Course::load_source(&source).map_err(|error| LocationError::Pack {
            pack: source.clone(),
            source: error,
        })?;
        course_folder::init(&learn, &CourseSource::Folder(source.clone()))?
    };
    let shown = start.show(&learn);
    let first = report
        .first_exercise
        .map(|file| format!("; start with {}", shown.join(file).display()))
        .unwrap_or_default();
    let mut created = format!(
        "Created your course at {}/; edit the files in {}/{first}",
        shown.display(),
        shown.join("exercises").display()
    );
    if !repository {
        created.push_str(&format!(
            "\n({}/ is made from the course pack around it, whose exercises/ stay pristine; {})",
            shown.display(),
            if ignores_learn(&source) {
                "the pack's .gitignore already leaves it out".to_owned()
            } else {
                format!("add /{LEARN_DIR}/ to the pack's .gitignore")
            }
        ));
    }
    Ok(LearnerCourse {
        created: Some(created),
        root: learn,
    })
}

/// The course source for `verify --pack` and `challenge`, from `start`: the
/// nearest `info.toml` folder that `init` did not make.
pub fn source_root(start: &Path) -> Result<PathBuf, LocationError> {
    let mut saw_course = false;
    for dir in start
        .ancestors()
        .filter(|dir| dir.join("info.toml").is_file())
    {
        if is_source_repository(dir) || !made_by_init(dir) {
            return Ok(dir.to_owned());
        }
        saw_course = true;
    }
    Err(if saw_course {
        LocationError::NoSource {
            start: start.to_owned(),
        }
    } else {
        LocationError::NoCourse {
            start: start.to_owned(),
        }
    })
}

/// Whether `dir` is this runner's repository (its `Cargo.toml` declares the
/// runner package).
fn is_source_repository(dir: &Path) -> bool {
    #[derive(Deserialize)]
    struct Manifest {
        package: Option<Package>,
    }
    #[derive(Deserialize)]
    struct Package {
        name: String,
    }
    std::fs::read_to_string(dir.join("Cargo.toml"))
        .ok()
        .and_then(|text| toml::from_str::<Manifest>(&text).ok())
        .and_then(|manifest| manifest.package)
        .is_some_and(|package| package.name == RUNNER_PACKAGE)
}

fn made_by_init(dir: &Path) -> bool {
    dir.join(STATE_DIR).join("course.toml").is_file()
}

/// Whether `dir` keeps a learner's progress: `init` makes the folder, and
/// only a learner's course folder has one.
fn has_progress_folder(dir: &Path) -> bool {
    dir.join(STATE_DIR).is_dir()
}

/// Whether the `.gitignore` of `source` leaves out its `learn/` folder.
fn ignores_learn(source: &Path) -> bool {
    std::fs::read_to_string(source.join(".gitignore")).is_ok_and(|text| {
        text.lines().map(str::trim).any(|line| {
            let line = line.strip_prefix('/').unwrap_or(line);
            line.strip_suffix('/').unwrap_or(line) == LEARN_DIR
        })
    })
}

/// Where the learner typed the command: the current folder, resolved once
/// (in `main`) and passed down, so every path on screen is shown the same
/// way, relative to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cwd(PathBuf);

impl Cwd {
    /// The process's current folder, canonicalised.
    pub fn current() -> std::io::Result<Cwd> {
        std::env::current_dir().map(|dir| Cwd::new(&dir))
    }

    /// `dir` as the folder paths are shown from: canonicalised (so that a
    /// symlinked or `..` path still compares with the course's canonical
    /// root), or kept as given when that fails.
    pub fn new(dir: &Path) -> Cwd {
        Cwd(dir.canonicalize().unwrap_or_else(|_| dir.to_owned()))
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// `path` as the learner should read it: relative to this folder when
    /// it lies below it (`learn/exercises/...` from the repository), else
    /// whole, so it can be clicked or pasted from where the learner is. The
    /// folder itself is shown whole.
    pub fn show(&self, path: &Path) -> PathBuf {
        match path.strip_prefix(&self.0) {
            Ok(relative) if !relative.as_os_str().is_empty() => relative.to_owned(),
            _ => path.to_owned(),
        }
    }

    /// Whether `path` is this folder or lies below it.
    pub fn contains(&self, path: &Path) -> bool {
        path.starts_with(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> CourseSource {
        CourseSource::Folder(crate::test_support::fixture_course_dir())
    }

    /// A minimal source repository: the runner's manifest and a course.
    fn repository() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("Cargo.toml"),
            "[package]\nname = \"typed-ai-rustlings\"\nversion = \"0.1.0\"\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("info.toml"), "format_version = 1\n").unwrap();
        std::fs::create_dir_all(dir.path().join("src")).unwrap();
        dir
    }

    #[test]
    fn the_nearest_info_toml_wins_and_the_repository_is_told_apart() {
        let repo = repository();
        let deep = repo.path().join("src");
        assert_eq!(find(&deep).unwrap(), Found::Source(repo.path().to_owned()));

        let course = tempfile::tempdir().unwrap();
        std::fs::write(course.path().join("info.toml"), "").unwrap();
        std::fs::create_dir_all(course.path().join("exercises/01")).unwrap();
        assert_eq!(
            find(&course.path().join("exercises/01")).unwrap(),
            Found::Source(course.path().to_owned()),
            "without a progress folder, a pack"
        );
        std::fs::create_dir_all(course.path().join(STATE_DIR)).unwrap();
        assert_eq!(
            find(&course.path().join("exercises/01")).unwrap(),
            Found::Course(course.path().to_owned()),
            "with one, a learner's course"
        );
    }

    #[test]
    fn learner_commands_in_a_pack_work_on_learn_made_from_the_pack() {
        let dir = tempfile::tempdir().unwrap();
        let pack = dir.path().join("pack");
        copy_folder(&crate::test_support::fixture_course_dir(), &pack);
        let pristine = std::fs::read(pack.join("exercises/01_basics/intro.rs")).unwrap();

        let first = learner_course_from(&Cwd::new(&pack.join("exercises")), &fixture()).unwrap();
        let learn = pack.canonicalize().unwrap().join(LEARN_DIR);
        assert_eq!(first.root, learn);
        let message = first.created.unwrap();
        assert!(message.contains("made from the course pack"), "{message}");
        assert!(
            message.contains("add /learn/ to the pack's .gitignore"),
            "{message}"
        );
        assert_eq!(
            course_folder::made_from(&learn).unwrap(),
            Some(CourseSource::Folder(pack.canonicalize().unwrap())),
            "updates come from the pack"
        );
        assert!(learn.join("exercises/01_basics/intro.rs").is_file());
        assert!(
            !pack.join(STATE_DIR).exists(),
            "nothing written into the pack itself"
        );
        assert_eq!(
            std::fs::read(pack.join("exercises/01_basics/intro.rs")).unwrap(),
            pristine
        );

        let again = learner_course_from(&Cwd::new(&pack), &fixture()).unwrap();
        assert_eq!((again.root, again.created), (learn.clone(), None));
        assert_eq!(
            source_root(&learn.join("exercises")).unwrap(),
            pack.canonicalize().unwrap()
        );
    }

    #[test]
    fn a_pack_that_ignores_learn_is_not_told_to() {
        let dir = tempfile::tempdir().unwrap();
        let pack = dir.path().join("pack");
        copy_folder(&crate::test_support::fixture_course_dir(), &pack);
        std::fs::write(pack.join(".gitignore"), "/target\nlearn/\n").unwrap();
        let created = learner_course_from(&Cwd::new(&pack), &fixture())
            .unwrap()
            .created
            .unwrap();
        assert!(
            created.contains("the pack's .gitignore already leaves it out"),
            "{created}"
        );
    }

    #[test]
    fn a_pack_with_a_broken_manifest_makes_no_learn_folder() {
        let dir = tempfile::tempdir().unwrap();
        let pack = dir.path().join("pack");
        copy_folder(&crate::test_support::fixture_course_dir(), &pack);
        std::fs::remove_file(pack.join("solutions/01_basics/intro.rs")).unwrap();
        let err = learner_course_from(&Cwd::new(&pack), &fixture()).unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("the course pack at "), "{text}");
        assert!(text.contains("intro.rs"), "{text}");
        assert!(!pack.join(LEARN_DIR).exists());
    }

    /// Copies the folder `from` to `to`, recursively.
    fn copy_folder(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy_folder(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }

    #[test]
    fn a_stray_state_folder_does_not_make_the_repository_a_course() {
        let repo = repository();
        std::fs::create_dir_all(repo.path().join(STATE_DIR)).unwrap();
        assert_eq!(
            find(repo.path()).unwrap(),
            Found::Source(repo.path().to_owned())
        );
    }

    #[test]
    fn no_info_toml_anywhere_says_how_to_make_a_course() {
        let dir = tempfile::tempdir().unwrap();
        let err = find(dir.path()).unwrap_err();
        assert!(err.to_string().contains("init DIR"), "{err}");
    }

    #[test]
    fn learner_commands_in_the_repository_create_and_then_reuse_learn() {
        let repo = repository();
        let first = learner_course_from(&Cwd::new(&repo.path().join("src")), &fixture()).unwrap();
        assert_eq!(first.root, repo.path().join(LEARN_DIR));
        assert!(first.root.join("exercises/01_basics/intro.rs").is_file());
        let message = first.created.unwrap();
        assert!(message.starts_with("Created your course at "), "{message}");
        assert!(message.contains("learn/exercises"), "{message}");

        let from_root = learner_course_from(&Cwd::new(repo.path()), &fixture()).unwrap();
        assert_eq!(
            from_root,
            LearnerCourse {
                root: repo.path().join(LEARN_DIR),
                created: None
            }
        );

        // Inside learn/, the course is learn/ itself.
        let inside =
            learner_course_from(&Cwd::new(&repo.path().join("learn/exercises")), &fixture())
                .unwrap();
        assert_eq!(inside.root, repo.path().join(LEARN_DIR));
    }

    #[test]
    fn paths_below_the_current_folder_are_shown_relative() {
        let dir = tempfile::tempdir().unwrap();
        let cwd = Cwd::new(dir.path());
        let root = cwd.path().to_owned();
        assert_eq!(
            cwd.show(&root.join("learn/exercises")),
            Path::new("learn/exercises")
        );
        assert_eq!(
            cwd.show(Path::new("/elsewhere/x.rs")),
            Path::new("/elsewhere/x.rs")
        );
        assert_eq!(cwd.show(&root), root, "the folder itself stays whole");
    }

    #[test]
    fn the_created_message_is_relative_to_where_the_learner_is() {
        let repo = repository();
        let course = learner_course_from(&Cwd::new(repo.path()), &fixture()).unwrap();
        assert_eq!(
            course.created.as_deref(),
            Some(
                "Created your course at learn/; edit the files in learn/exercises/; start with learn/exercises/01_basics/intro.rs"
            )
        );
    }

    #[test]
    fn source_commands_skip_course_folders_made_by_init() {
        let repo = repository();
        learner_course_from(&Cwd::new(repo.path()), &fixture()).unwrap();
        let in_learn = repo.path().join("learn/exercises/01_basics");
        assert_eq!(source_root(&in_learn).unwrap(), repo.path());

        let alone = tempfile::tempdir().unwrap();
        let course = alone.path().join("course");
        course_folder::init(&course, &fixture()).unwrap();
        assert!(matches!(
            source_root(&course),
            Err(LocationError::NoSource { .. })
        ));
    }

    #[test]
    fn a_pack_that_init_did_not_make_is_a_source() {
        let pack = tempfile::tempdir().unwrap();
        std::fs::write(pack.path().join("info.toml"), "").unwrap();
        assert_eq!(source_root(pack.path()).unwrap(), pack.path());
    }
}
