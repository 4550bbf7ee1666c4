//! Writing into a course folder, in one place: atomically (a reader sees
//! the old file or the new one, never half of either), never through a
//! symbolic link out of the folder, with numbered backups of the learner's
//! versions, and the `/`-separated keys the course record and the sources
//! use for exercise files.
//!
//! `init.rs`, `restore.rs` and `course_tests.rs` all write through these;
//! what they write, and when, is theirs.

use std::path::{Component, Path, PathBuf};

use super::error::CourseFolderError;
use super::info::stays_inside;
use crate::atomic_file;
use crate::course::Exercise;
use crate::links;

/// Refuses a `path` that symbolic links take out of the course at `root`.
pub(super) fn confined(root: &Path, path: &Path) -> Result<(), CourseFolderError> {
    match links::leads_outside(root, path) {
        None => Ok(()),
        Some(target) => Err(CourseFolderError::OutsideCourse {
            path: path.to_owned(),
            target,
        }),
    }
}

/// [`write_file`] into the course at `root`, refusing a path that symbolic
/// links take out of it.
pub(super) fn write_inside(
    root: &Path,
    path: &Path,
    bytes: &[u8],
) -> Result<(), CourseFolderError> {
    confined(root, path)?;
    write_file(path, bytes)
}

/// Writes a file atomically, creating its folder.
pub(super) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), CourseFolderError> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(CourseFolderError::io("create", folder))?;
    }
    let staged = atomic_file::stage(path, bytes).map_err(CourseFolderError::io("write", path))?;
    staged
        .keep_permissions_of(path)
        .map_err(CourseFolderError::io("write", path))?;
    staged
        .commit()
        .map_err(CourseFolderError::io("write", path))
}

/// The exercise's path inside `exercises/`, `/`-separated.
pub(super) fn path_key(exercise: &Exercise) -> Result<String, CourseFolderError> {
    let parts: Option<Vec<&str>> = exercise
        .path
        .components()
        .map(|part| match part {
            Component::Normal(name) => name.to_str(),
            _ => None,
        })
        .collect();
    parts
        .map(|parts| parts.join("/"))
        .ok_or_else(|| CourseFolderError::UnsafePath {
            origin: "info.toml".to_owned(),
            name: exercise.name.clone(),
            path: exercise.path.display().to_string(),
        })
}

/// `<folder>/<exercise_path>`, refusing a path that leaves the folder.
pub(super) fn key_in(folder: &str, exercise_path: &str) -> Result<String, CourseFolderError> {
    if !stays_inside(exercise_path) {
        return Err(CourseFolderError::UnsafePath {
            origin: "info.toml".to_owned(),
            name: exercise_path.to_owned(),
            path: exercise_path.to_owned(),
        });
    }
    Ok(format!("{folder}/{exercise_path}"))
}

/// `<path>.bak-<n>`, `n` one more than the highest backup of `path` beside
/// it (1 for the first): backups are numbered in the order they were made,
/// even after the learner deleted some.
pub(super) fn next_backup_path(path: &Path) -> PathBuf {
    let folder = path.parent().unwrap_or(Path::new("."));
    let stem = format!(
        "{}.bak-",
        path.file_name().unwrap_or_default().to_string_lossy()
    );
    let highest = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            entry
                .file_name()
                .to_str()?
                .strip_prefix(&stem)?
                .parse::<u64>()
                .ok()
        })
        .max()
        .unwrap_or(0);
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".bak-{}", highest + 1));
    PathBuf::from(name)
}
