//! `init DIR` (write a new course folder) and `init --update DIR` (bring an
//! existing one up to a newer course without touching the learner's work).
//!
//! A course folder:
//!
//! ```text
//! info.toml          the course, with library = "typed-ai"
//! Cargo.toml         generated: every exercise as a [[bin]] for rust-analyzer
//! .gitignore
//! exercises/         the files the learner edits
//! typed-ai/          the library: Cargo.toml (no dev-dependencies) and src/,
//!                    in a folder named after its package (`generated.rs`)
//! challenges/        the paper-to-Rust challenges, built against the library
//! solutions/         appears as exercises pass (see `restore.rs`)
//! .typed-ai-rustlings/  progress (crate::state), course.toml (record.rs) and
//!                    course-tests/, each exercise's tests block (course_tests.rs)
//! ```
//!
//! A new course folder is assembled in a hidden sibling folder and renamed
//! into place, so an interrupted `init` leaves nothing half-written. Reading
//! pristine files is `source.rs`'s job; progress is not touched here.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::course_tests::keep_course_tests;
use super::error::CourseFolderError;
use super::files::{confined, next_backup_path, write_file, write_inside};
use super::generated::{self, CourseLibrary};
use super::info::{self, InfoSummary};
use super::record::{COURSE_INFO_KEY, CourseRecord};
use super::source::{CourseSource, SourceFile};
use crate::atomic_file;
use crate::state::STATE_DIR;

/// What `init` made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitReport {
    /// The new course folder.
    pub root: PathBuf,
    /// How many exercises it has.
    pub exercises: usize,
    /// The first exercise's file, relative to the course folder.
    pub first_exercise: Option<String>,
}

/// What `init --update` changed and what it left alone. Paths are relative
/// to the course folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpdateReport {
    /// Exercise files the folder did not have.
    pub added: Vec<String>,
    /// Exercise files the learner had not edited, replaced by the new version.
    pub refreshed: Vec<String>,
    /// Exercise files the learner edited whose pristine version changed:
    /// left exactly as they are (`reset` gets the new version, with a backup).
    pub kept: Vec<String>,
    /// Exercise files the new course no longer has: left where they are.
    pub retired: Vec<String>,
    /// Reference solutions (already unlocked) replaced by a newer version.
    pub solutions_updated: Vec<String>,
    /// Whether the library changed.
    pub library_changed: bool,
    /// The library's folder in the course folder (named after its package).
    pub library_folder: String,
    /// Whether info.toml changed (new chapters, hints, order).
    pub info_changed: bool,
    /// Files the learner had edited that the update replaced (info.toml,
    /// library files), each with the backup of the edited version beside it.
    pub backups: Vec<(String, String)>,
}

impl UpdateReport {
    /// Whether the update changed nothing at all.
    pub fn is_unchanged(&self) -> bool {
        self.added.is_empty()
            && self.refreshed.is_empty()
            && self.solutions_updated.is_empty()
            && !self.library_changed
            && !self.info_changed
    }
}

/// Whether `dir` is a course folder (made by `init`, or holding a course).
pub fn is_course_folder(dir: &Path) -> bool {
    dir.join(STATE_DIR).is_dir() || dir.join("info.toml").is_file()
}

/// Writes a new course folder at `target` from `source`. `target` must not
/// exist or be an empty folder.
pub fn init(target: &Path, source: &CourseSource) -> Result<InitReport, CourseFolderError> {
    if target.exists() {
        if is_course_folder(target) {
            return Err(CourseFolderError::AlreadyACourse {
                path: target.to_owned(),
            });
        }
        let mut entries = std::fs::read_dir(target).map_err(|_| CourseFolderError::NotEmpty {
            path: target.to_owned(),
        })?;
        if entries.next().is_some() {
            return Err(CourseFolderError::NotEmpty {
                path: target.to_owned(),
            });
        }
    }
    let source = absolute_source(source)?;
    let info_text = source.info_text()?;
    let info = source.info()?;
    let files = source.files()?;
    let library = course_library(&source, &files)?;

    let parent = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(CourseFolderError::io("create", &parent))?;
    let staging = tempfile::Builder::new()
        .prefix(".typed-ai-rustlings-init-")
        .tempdir_in(&parent)
        .map_err(CourseFolderError::io("create a folder in", &parent))?;
    write_new_course(staging.path(), &source, &info_text, &info, &files, &library)?;
    make_shareable(staging.path())?;

    if target.exists() {
        // Checked empty above; a rename cannot replace a folder everywhere.
        std::fs::remove_dir(target)
            .map_err(CourseFolderError::io("replace the empty folder", target))?;
    }
    std::fs::rename(staging.path(), target)
        .map_err(CourseFolderError::io("move the new course into", target))?;
    // The staging folder is gone (renamed); nothing is left to clean up.
    let _ = staging.keep();
    atomic_file::sync_folder(&parent).map_err(CourseFolderError::io("flush", &parent))?;

    Ok(InitReport {
        root: target.to_owned(),
        exercises: info.exercises.len(),
        first_exercise: info
            .exercises
            .first()
            .map(|ex| format!("exercises/{}", ex.path)),
    })
}

fn write_new_course(
    dir: &Path,
    source: &CourseSource,
    info_text: &str,
    info: &InfoSummary,
    files: &[SourceFile],
    library: &CourseLibrary,
) -> Result<(), CourseFolderError> {
    check_exercises_present(source, info, files)?;
    let mut record = CourseRecord::new(source);
    for SourceFile { key, bytes } in files {
        if let Some(dest) = destination(key, library) {
            let content = content_for(key, bytes, source, library)?;
            let written = content.as_bytes_or(bytes);
            write_file(&dir.join(&dest), written)?;
            // What is on disk, so `--update` can tell an edit from it.
            record.note_written(key, written);
        }
        if let Some(exercise) = key.strip_prefix("exercises/") {
            keep_course_tests(dir, exercise, bytes)?;
        }
    }
    let course_info = generated::course_info(info_text, &source.info_origin(), library.folder())?;
    write_file(&dir.join("info.toml"), course_info.as_bytes())?;
    record.note_written(COURSE_INFO_KEY, course_info.as_bytes());
    write_file(
        &dir.join("Cargo.toml"),
        generated::course_manifest(&info.exercises, library).as_bytes(),
    )?;
    write_file(&dir.join(".gitignore"), generated::GITIGNORE.as_bytes())?;
    std::fs::create_dir_all(dir.join(STATE_DIR))
        .map_err(CourseFolderError::io("create", dir.join(STATE_DIR)))?;
    record.note_written("info.toml", info_text.as_bytes());
    record.save(dir)
}

/// Brings the course folder at `root` up to `source` (default: the source
/// it was made from). Never changes an exercise file the learner edited;
/// an edited info.toml or library file is replaced (they are the course's),
/// with the edited version kept beside it as `<file>.bak-<n>`. Never writes
/// through a symbolic link that leads out of the course folder.
pub fn update(
    root: &Path,
    source: Option<&CourseSource>,
) -> Result<UpdateReport, CourseFolderError> {
    if !is_course_folder(root) {
        return Err(CourseFolderError::NotACourse {
            path: root.to_owned(),
        });
    }
    let record = CourseRecord::load(root)?;
    let source = match source {
        Some(source) => absolute_source(source)?,
        None => record.source(),
    };
    let info_text = source.info_text()?;
    let info = source.info()?;
    let files = source.files()?;
    check_exercises_present(&source, &info, &files)?;
    let library = course_library(&source, &files)?;
    let old_folder = current_library_folder(root);
    let mut fresh = CourseRecord::new(&source);
    let mut report = UpdateReport {
        library_folder: library.folder().to_owned(),
        ..UpdateReport::default()
    };

    for SourceFile { key, bytes } in &files {
        let Some(dest) = destination(key, &library) else {
            continue;
        };
        let path = root.join(&dest);
        let content = content_for(key, bytes, &source, &library)?;
        let new = content.as_bytes_or(bytes);
        let existing = read_if_present(&path)?;
        // Exercises and challenges are the learner's to edit; the library
        // is the course's.
        let is_exercise = key.starts_with("exercises/") || key.starts_with("challenges/");
        // An exercise written now comes with its tests copy; one the
        // learner edited keeps the tests of the version it was made from.
        let keep_tests = || match key.strip_prefix("exercises/") {
            Some(exercise) => keep_course_tests(root, exercise, bytes),
            None => Ok(()),
        };
        match existing {
            None => {
                write_inside(root, &path, new)?;
                keep_tests()?;
                fresh.note_written(key, new);
                if is_exercise {
                    report.added.push(dest);
                } else {
                    report.library_changed = true;
                }
            }
            Some(old) if old == new => {
                keep_tests()?;
                fresh.note_written(key, new);
            }
            Some(old) if !is_exercise || record.is_as_written(key, &old) => {
                // The library is the course's, not the learner's: replaced,
                // with an edited version kept; an exercise still as init
                // wrote it was never touched.
                if !is_exercise && !record.is_as_written(key, &old) {
                    let backup = keep_backup(root, &path, &old)?;
                    report.backups.push((dest.clone(), backup));
                }
                write_inside(root, &path, new)?;
                keep_tests()?;
                fresh.note_written(key, new);
                if is_exercise {
                    report.refreshed.push(dest);
                } else {
                    report.library_changed = true;
                }
            }
            Some(_) => {
                // Edited by the learner: keep the file, and keep remembering
                // the version it was edited from, so it stays "edited".
                fresh.keep_entry_from(&record, key);
                report.kept.push(dest);
            }
        }
    }

    let shipped: BTreeSet<&str> = files.iter().map(|file| file.key.as_str()).collect();
    // The library is the course's, not the learner's: files it no longer
    // has go, and so does the whole old folder when the package was renamed.
    let moved = old_folder.as_deref().filter(|old| *old != library.folder());
    for stale in record.written_under("library/") {
        let rest = stale.strip_prefix("library/").unwrap_or(stale);
        if let Some(old) = moved {
            remove_if_present(&root.join(old).join(rest))?;
            report.library_changed = true;
        } else if !shipped.contains(stale) {
            remove_if_present(&root.join(library.folder()).join(rest))?;
            report.library_changed = true;
        }
    }
    if let Some(old) = moved {
        remove_empty_folders(&root.join(old));
    }
    report.retired = retired_exercises(root, &shipped)?;
    report.solutions_updated = refresh_solutions(root, &files)?;

    let course_info = generated::course_info(&info_text, &source.info_origin(), library.folder())?;
    let info_path = root.join("info.toml");
    if let Some(old) = read_if_present(&info_path)?
        && old != course_info.as_bytes()
        && !record.is_as_written(COURSE_INFO_KEY, &old)
    {
        // Edited by hand (or written by a runner that did not record it):
        // kept, since a backup too many costs nothing and a lost edit does.
        let backup = keep_backup(root, &info_path, &old)?;
        report.backups.push(("info.toml".to_owned(), backup));
    }
    report.info_changed = replace_if_different(root, &info_path, course_info.as_bytes())?;
    fresh.note_written(COURSE_INFO_KEY, course_info.as_bytes());
    replace_if_different(
        root,
        &root.join("Cargo.toml"),
        generated::course_manifest(&info.exercises, &library).as_bytes(),
    )?;
    if !root.join(".gitignore").exists() {
        write_inside(
            root,
            &root.join(".gitignore"),
            generated::GITIGNORE.as_bytes(),
        )?;
    }
    std::fs::create_dir_all(root.join(STATE_DIR))
        .map_err(CourseFolderError::io("create", root.join(STATE_DIR)))?;
    fresh.note_written("info.toml", info_text.as_bytes());
    fresh.save(root)?;
    Ok(report)
}

/// The source the course folder at `root` was made from, or `None` when
/// `init` did not make it (a folder copied by hand, a test pack).
pub fn made_from(root: &Path) -> Result<Option<CourseSource>, CourseFolderError> {
    Ok(CourseRecord::load_if_present(root)?.map(|record| record.source()))
}

/// Whether `source` brings a course different from the one at `root` (its
/// info.toml differs), i.e. `init --update` would change something.
///
/// Every learner command asks this, so the usual answer costs one hash of
/// the source's info.toml against the one recorded at init or the last
/// update, with no TOML parsing.
pub fn update_available(root: &Path, source: &CourseSource) -> Result<bool, CourseFolderError> {
    let Some(source_info) = source.read("info.toml")? else {
        return Ok(false); // a source without a course brings nothing
    };
    if let Some(record) = CourseRecord::load_if_present(root)?
        && record.knows("info.toml")
    {
        return Ok(!record.is_as_written("info.toml", &source_info));
    }
    let library = CourseLibrary::from_manifest(
        &source.require("library/Cargo.toml")?,
        &library_origin(source),
    )?;
    let expected = generated::course_info(
        &source.info_text()?,
        &source.info_origin(),
        library.folder(),
    )?;
    Ok(read_if_present(&root.join("info.toml"))?.as_deref() != Some(expected.as_bytes()))
}

/// A temporary folder is private to its owner; a course folder is an
/// ordinary folder (rwxr-xr-x, like one made with `mkdir`).
#[cfg(unix)]
fn make_shareable(folder: &Path) -> Result<(), CourseFolderError> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o755))
        .map_err(CourseFolderError::io("set permissions of", folder))
}

/// Folder permissions need no change where there are no Unix modes.
#[cfg(not(unix))]
fn make_shareable(_folder: &Path) -> Result<(), CourseFolderError> {
    Ok(())
}

/// Where the file with `key` goes in a course folder; `None` for files that
/// are not copied up front (solutions, written as exercises pass).
fn destination(key: &str, library: &CourseLibrary) -> Option<String> {
    if key.starts_with("exercises/") || key.starts_with("challenges/") {
        Some(key.to_owned())
    } else {
        key.strip_prefix("library/")
            .map(|rest| format!("{}/{rest}", library.folder()))
    }
}

/// The library of the course `source` brings, named by its manifest among
/// `files` (a course without a library manifest cannot be built).
fn course_library(
    source: &CourseSource,
    files: &[SourceFile],
) -> Result<CourseLibrary, CourseFolderError> {
    let manifest = files
        .iter()
        .find(|file| file.key == "library/Cargo.toml")
        .ok_or_else(|| CourseFolderError::MissingFromSource {
            source_name: source.describe(),
            key: "library/Cargo.toml".to_owned(),
        })?;
    CourseLibrary::from_manifest(&manifest.bytes, &library_origin(source))
}

fn library_origin(source: &CourseSource) -> String {
    format!("the library manifest of {}", source.describe())
}

/// The library folder the course folder at `root` uses now, as its
/// info.toml says (`None` when that cannot be told or is not a plain folder
/// name, which this runner never writes).
fn current_library_folder(root: &Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join("info.toml")).ok()?;
    let folder = info::read(&text, "info.toml").ok()?.library?;
    (info::stays_inside(&folder) && !folder.contains('/')).then_some(folder)
}

/// Removes `folder` and the folders below it that are empty, bottom up;
/// a folder still holding a file (the learner's, or a build) stays.
fn remove_empty_folders(folder: &Path) {
    if let Ok(entries) = std::fs::read_dir(folder) {
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
                remove_empty_folders(&entry.path());
            }
        }
    }
    // Fails, as wanted, when something is left inside.
    let _ = std::fs::remove_dir(folder);
}

/// Content that differs from the source's bytes (the library manifest, and
/// the challenges' manifests).
enum Content {
    Verbatim,
    Rewritten(String),
}

impl Content {
    fn as_bytes_or<'a>(&'a self, verbatim: &'a [u8]) -> &'a [u8] {
        match self {
            Content::Verbatim => verbatim,
            Content::Rewritten(text) => text.as_bytes(),
        }
    }
}

fn content_for(
    key: &str,
    bytes: &[u8],
    source: &CourseSource,
    library: &CourseLibrary,
) -> Result<Content, CourseFolderError> {
    if key == "library/Cargo.toml" {
        Ok(Content::Rewritten(generated::library_manifest(
            bytes,
            &library_origin(source),
        )?))
    } else if key.starts_with("challenges/") && key.ends_with("/Cargo.toml") {
        let origin = format!("{key} of {}", source.describe());
        Ok(Content::Rewritten(generated::challenge_manifest(
            bytes,
            key,
            library.folder(),
            &origin,
        )?))
    } else {
        Ok(Content::Verbatim)
    }
}

fn check_exercises_present(
    source: &CourseSource,
    info: &InfoSummary,
    files: &[SourceFile],
) -> Result<(), CourseFolderError> {
    let keys: BTreeSet<&str> = files.iter().map(|file| file.key.as_str()).collect();
    for exercise in &info.exercises {
        let key = format!("exercises/{}", exercise.path);
        if !keys.contains(key.as_str()) {
            return Err(CourseFolderError::MissingFromSource {
                source_name: source.describe(),
                key,
            });
        }
    }
    Ok(())
}

/// A folder source is recorded by absolute path, so the course folder finds
/// it again from anywhere.
fn absolute_source(source: &CourseSource) -> Result<CourseSource, CourseFolderError> {
    match source {
        CourseSource::BuiltIn => Ok(CourseSource::BuiltIn),
        CourseSource::Folder(path) => {
            let absolute = std::fs::canonicalize(path)
                .map_err(|_| CourseFolderError::NotACourseSource { path: path.clone() })?;
            Ok(CourseSource::Folder(absolute))
        }
    }
}

/// Exercise files (`.rs`) in the course folder that the source no longer has.
fn retired_exercises(
    root: &Path,
    shipped: &BTreeSet<&str>,
) -> Result<Vec<String>, CourseFolderError> {
    let mut retired = Vec::new();
    let mut pending = vec![root.join("exercises")];
    while let Some(folder) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries {
            let path = entry
                .map_err(CourseFolderError::io("read", &folder))?
                .path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                let key = relative_key(root, &path);
                if !shipped.contains(key.as_str()) {
                    retired.push(key);
                }
            }
        }
    }
    retired.sort();
    Ok(retired)
}

/// Replaces the solutions already in the course folder whose reference
/// version (among the source's `files`) changed; solutions not yet
/// unlocked stay unwritten.
fn refresh_solutions(root: &Path, files: &[SourceFile]) -> Result<Vec<String>, CourseFolderError> {
    let mut updated = Vec::new();
    for SourceFile { key, bytes } in files {
        let path = root.join(key);
        if key.starts_with("solutions/")
            && path.is_file()
            && replace_if_different(root, &path, bytes)?
        {
            updated.push(key.clone());
        }
    }
    Ok(updated)
}

fn relative_key(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn read_if_present(path: &Path) -> Result<Option<Vec<u8>>, CourseFolderError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(CourseFolderError::Io {
            action: "read",
            path: path.to_owned(),
            source,
        }),
    }
}

fn remove_if_present(path: &Path) -> Result<(), CourseFolderError> {
    match std::fs::remove_file(path) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(CourseFolderError::Io {
            action: "remove",
            path: path.to_owned(),
            source: err,
        }),
        _ => Ok(()),
    }
}

/// Writes `bytes` to `path` in the course at `root` unless it already
/// holds them; returns whether it wrote.
fn replace_if_different(root: &Path, path: &Path, bytes: &[u8]) -> Result<bool, CourseFolderError> {
    if read_if_present(path)?.as_deref() == Some(bytes) {
        return Ok(false);
    }
    write_inside(root, path, bytes)?;
    Ok(true)
}

/// Keeps `old`, the content of `path` about to be replaced, as
/// `<path>.bak-<n>` beside it; returns the backup's path relative to `root`.
fn keep_backup(root: &Path, path: &Path, old: &[u8]) -> Result<String, CourseFolderError> {
    let backup = next_backup_path(path);
    confined(root, &backup)?;
    atomic_file::write(&backup, old)
        .map_err(CourseFolderError::io("keep your version as", &backup))?;
    Ok(relative_key(root, &backup))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course_folder::restore::solution_path;

    fn fixture(name: &str) -> CourseSource {
        CourseSource::Folder(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/init")
                .join(name),
        )
    }

    fn read(path: impl AsRef<Path>) -> String {
        std::fs::read_to_string(path.as_ref())
            .unwrap_or_else(|err| panic!("{}: {err}", path.as_ref().display()))
    }

    fn new_course(source: &CourseSource) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("course");
        init(&root, source).unwrap();
        (dir, root)
    }

    #[test]
    fn init_writes_exercises_library_manifest_and_state_folder_but_no_solutions() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("course");
        let report = init(&root, &fixture("basic")).unwrap();
        assert_eq!(report.exercises, 3);
        assert_eq!(
            report.first_exercise.as_deref(),
            Some("exercises/01_basics/intro.rs")
        );

        for file in [
            "exercises/01_basics/intro.rs",
            "exercises/01_basics/shapes.rs",
            "exercises/02_more/softmax_sums_to_one.rs",
            "typed-ai/src/lib.rs",
            "typed-ai/src/retired.rs",
            ".gitignore",
            ".typed-ai-rustlings/course.toml",
        ] {
            assert!(root.join(file).is_file(), "{file} missing");
        }
        assert!(
            !root.join("solutions").exists(),
            "solutions are unlocked one by one"
        );
        assert!(
            !root.join("typed-ai/tests").exists(),
            "library tests stay in the source"
        );
        assert!(read(root.join("info.toml")).contains("\nlibrary = \"typed-ai\"\n"));
        assert!(!read(root.join("typed-ai/Cargo.toml")).contains("proptest"));
        assert_eq!(
            read(root.join("exercises/01_basics/intro.rs")),
            read(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/fixtures/init/basic/exercises/01_basics/intro.rs")
            )
        );
        let manifest: toml::Table = read(root.join("Cargo.toml")).parse().unwrap();
        assert_eq!(manifest["bin"].as_array().unwrap().len(), 3);
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["course"], "no staging folder left behind");
    }

    #[cfg(unix)]
    #[test]
    fn the_course_folder_and_its_files_are_ordinary_not_private() {
        use std::os::unix::fs::PermissionsExt;
        let (_dir, root) = new_course(&fixture("basic"));
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&root), 0o755);
        assert_eq!(mode(&root.join("exercises/01_basics/intro.rs")), 0o644);
    }

    #[test]
    fn init_accepts_an_empty_folder_and_refuses_a_full_one_or_a_course() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        init(&empty, &fixture("basic")).unwrap();
        assert!(matches!(
            init(&empty, &fixture("basic")),
            Err(CourseFolderError::AlreadyACourse { .. })
        ));

        let full = dir.path().join("full");
        std::fs::create_dir(&full).unwrap();
        std::fs::write(full.join("notes.txt"), "mine").unwrap();
        assert!(matches!(
            init(&full, &fixture("basic")),
            Err(CourseFolderError::NotEmpty { .. })
        ));
        assert_eq!(read(full.join("notes.txt")), "mine");
        assert_eq!(
            std::fs::read_dir(&full).unwrap().count(),
            1,
            "nothing written"
        );
    }

    #[test]
    fn init_from_a_folder_that_is_not_a_course_source_fails_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let not_a_source = CourseSource::Folder(dir.path().to_owned());
        let target = dir.path().join("course");
        assert!(matches!(
            init(&target, &not_a_source),
            Err(CourseFolderError::NotACourseSource { .. })
        ));
        assert!(!target.exists());
    }

    #[test]
    fn update_adds_new_exercises_refreshes_untouched_ones_and_keeps_retired_ones() {
        let (_dir, root) = new_course(&fixture("basic"));
        solution_path(&root, "01_basics/intro.rs").unwrap();
        let report = update(&root, Some(&fixture("newer"))).unwrap();

        assert_eq!(report.added, ["exercises/03_attention/attention_rows.rs"]);
        assert_eq!(report.refreshed, ["exercises/01_basics/intro.rs"]);
        assert!(report.kept.is_empty(), "{report:?}");
        assert_eq!(report.retired, ["exercises/02_more/softmax_sums_to_one.rs"]);
        assert_eq!(report.solutions_updated, ["solutions/01_basics/intro.rs"]);
        assert!(report.library_changed && report.info_changed);

        assert!(
            read(root.join("exercises/01_basics/intro.rs"))
                .starts_with("// Every number has a type.")
        );
        assert!(
            read(root.join("solutions/01_basics/intro.rs"))
                .starts_with("// Every number has a type.")
        );
        assert!(
            root.join("exercises/02_more/softmax_sums_to_one.rs")
                .is_file(),
            "retired files stay"
        );
        assert!(
            !root.join("typed-ai/src/retired.rs").exists(),
            "the library follows the course"
        );
        assert!(read(root.join("typed-ai/src/lib.rs")).contains("newer library"));
        assert!(
            !root.join("solutions/03_attention").exists(),
            "new solutions stay locked"
        );
        let manifest = read(root.join("Cargo.toml"));
        assert!(
            manifest.contains("attention_rows") && !manifest.contains("softmax_sums_to_one"),
            "{manifest}"
        );
        assert!(read(root.join("info.toml")).contains("library = \"typed-ai\""));

        let again = update(&root, None).unwrap();
        assert!(
            again.is_unchanged(),
            "the recorded source is the newer one now: {again:?}"
        );
    }

    #[test]
    fn update_never_overwrites_an_exercise_the_learner_edited() {
        let (_dir, root) = new_course(&fixture("basic"));
        let intro = root.join("exercises/01_basics/intro.rs");
        let edited = "fn main() { typed_ai::check(42); } // my fix\n";
        std::fs::write(&intro, edited).unwrap();

        let report = update(&root, Some(&fixture("newer"))).unwrap();
        assert_eq!(report.kept, ["exercises/01_basics/intro.rs"]);
        assert!(report.refreshed.is_empty(), "{report:?}");
        assert_eq!(read(&intro), edited);

        // Still the learner's after a second update: the record keeps the
        // version the file was edited from.
        let again = update(&root, None).unwrap();
        assert_eq!(again.kept, ["exercises/01_basics/intro.rs"]);
        assert_eq!(read(&intro), edited);
    }

    #[test]
    fn an_update_is_available_when_the_source_course_differs() {
        let (_dir, root) = new_course(&fixture("basic"));
        assert!(!update_available(&root, &fixture("basic")).unwrap());
        assert!(update_available(&root, &fixture("newer")).unwrap());
        update(&root, Some(&fixture("newer"))).unwrap();
        assert!(!update_available(&root, &fixture("newer")).unwrap());
        assert!(update_available(&root, &fixture("basic")).unwrap());

        // A course folder from before the record knew info.toml: compared
        // by content.
        let record = root.join(STATE_DIR).join("course.toml");
        let text = std::fs::read_to_string(&record).unwrap();
        let without: String = text
            .lines()
            .filter(|line| !line.starts_with("\"info.toml\""))
            .map(|line| format!("{line}\n"))
            .collect();
        std::fs::write(&record, without).unwrap();
        assert!(!update_available(&root, &fixture("newer")).unwrap());
        assert!(update_available(&root, &fixture("basic")).unwrap());
    }

    /// A one-exercise pack in `dir/name` whose library is the package
    /// `package` in the folder `lib/`.
    fn small_pack(dir: &Path, name: &str, package: &str) -> CourseSource {
        let root = dir.join(name);
        std::fs::create_dir_all(root.join("lib/src")).unwrap();
        std::fs::create_dir_all(root.join("exercises/01_a")).unwrap();
        std::fs::write(
            root.join("info.toml"),
            "format_version = 1\nlibrary = \"lib\"\n\n[[exercises]]\nname = \"x\"\npath = \"01_a/x.rs\"\n",
        )
        .unwrap();
        std::fs::write(
            root.join("lib/Cargo.toml"),
            format!("[workspace]\n\n[package]\nname = \"{package}\"\nversion = \"0.1.0\"\n"),
        )
        .unwrap();
        std::fs::write(root.join("lib/src/lib.rs"), format!("//! {package}\n")).unwrap();
        std::fs::write(root.join("exercises/01_a/x.rs"), "fn main() {}\n").unwrap();
        CourseSource::Folder(root)
    }

    #[test]
    fn the_library_folder_is_named_after_its_package_and_follows_a_rename() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("course");
        init(&root, &small_pack(dir.path(), "old", "tiny-stats")).unwrap();
        assert_eq!(read(root.join("tiny-stats/src/lib.rs")), "//! tiny-stats\n");
        assert!(!read(root.join("tiny-stats/Cargo.toml")).contains("[workspace]"));
        assert!(read(root.join("info.toml")).contains("library = \"tiny-stats\""));

        // The learner built the course: a file the record does not know.
        std::fs::create_dir_all(root.join("tiny-stats/target")).unwrap();
        std::fs::write(root.join("tiny-stats/target/build.log"), "built").unwrap();
        let report = update(&root, Some(&small_pack(dir.path(), "new", "tiny-core"))).unwrap();
        assert!(report.library_changed);
        assert_eq!(report.library_folder, "tiny-core");
        assert_eq!(read(root.join("tiny-core/src/lib.rs")), "//! tiny-core\n");
        assert!(
            !root.join("tiny-stats/src").exists() && !root.join("tiny-stats/Cargo.toml").exists(),
            "the old library's files go"
        );
        assert_eq!(
            read(root.join("tiny-stats/target/build.log")),
            "built",
            "what the record does not know stays"
        );
        assert!(read(root.join("info.toml")).contains("library = \"tiny-core\""));
        let manifest: toml::Table = read(root.join("Cargo.toml")).parse().unwrap();
        assert_eq!(
            manifest["dependencies"]["tiny-core"]["path"].as_str(),
            Some("tiny-core")
        );
        assert!(update(&root, None).unwrap().is_unchanged());
    }

    #[test]
    fn update_refuses_a_folder_that_is_not_a_course() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            update(dir.path(), Some(&fixture("basic"))),
            Err(CourseFolderError::NotACourse { .. })
        ));
    }
}
