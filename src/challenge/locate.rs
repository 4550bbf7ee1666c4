//! Where the challenges are and which library they build against, found
//! from the folder a `challenge` command starts in.
//!
//! - **The challenges folder** is the nearest `challenges/paper-to-rust/` at
//!   or above the current folder: the repository's, a course folder's, or a
//!   community repository's that has no course at all.
//! - **The library** is `--library DIR` when given, else the library of the
//!   nearest course (the repository's `crates/typed-ai`, a course folder's
//!   `typed-ai/`).
//! - **The base folder** is where the course is, else the folder that holds
//!   `challenges/`; build products go under its `target/` (or
//!   `$CARGO_TARGET_DIR`).
//!
//! This file decides places; it creates nothing.

use std::path::{Path, PathBuf};

use crate::course::Course;
use crate::error::Error;
use crate::location::{self, Found};

/// The challenges folder, relative to a course or repository root.
pub const CHALLENGES_DIR: &str = "challenges/paper-to-rust";

/// The nearest `challenges/paper-to-rust/` at or above `cwd`, if any.
pub fn challenges_dir(cwd: &Path) -> Option<PathBuf> {
    cwd.ancestors()
        .map(|dir| dir.join(CHALLENGES_DIR))
        .find(|dir| dir.is_dir())
}

/// The nearest course root at or above `cwd`: the repository or a course folder.
pub fn course_root(cwd: &Path) -> Option<PathBuf> {
    match location::find(cwd) {
        Ok(Found::Source(root) | Found::Course(root)) => Some(root),
        Err(_) => None,
    }
}

/// Where new challenges go: the existing challenges folder, else one in
/// the nearest course, else one in `cwd`.
pub fn new_challenges_dir(cwd: &Path) -> PathBuf {
    challenges_dir(cwd)
        .or_else(|| course_root(cwd).map(|root| root.join(CHALLENGES_DIR)))
        .unwrap_or_else(|| cwd.join(CHALLENGES_DIR))
}

/// The folder whose `target/` holds the build products: the course root,
/// else the folder that holds `challenges/`, else `cwd`.
pub fn base_dir(cwd: &Path) -> PathBuf {
    course_root(cwd)
        .or_else(|| {
            challenges_dir(cwd).and_then(|dir| dir.parent()?.parent().map(Path::to_path_buf))
        })
        .unwrap_or_else(|| cwd.to_path_buf())
}

/// The library folder to build against: `flag`, else the nearest course's.
pub fn library(cwd: &Path, flag: Option<&Path>) -> Result<PathBuf, Error> {
    if let Some(dir) = flag {
        let dir = cwd.join(dir);
        if !dir.join("Cargo.toml").is_file() {
            return Err(Error::Usage {
                message: format!(
                    "--library {}: no Cargo.toml there; give the typed-ai library's folder \
                     (crates/typed-ai in the repository, typed-ai/ in a course folder)",
                    dir.display()
                ),
            });
        }
        return dir.canonicalize().map_err(|source| Error::Io {
            action: "open the library folder",
            path: dir,
            source,
        });
    }
    let Some(root) = course_root(cwd) else {
        return Err(Error::Usage {
            message: format!(
                "no typed-ai library found: {} is not inside the course repository or a course folder; \
                 pass --library DIR, for example after `typed-ai-rustlings init course` use --library course/typed-ai",
                cwd.display()
            ),
        });
    };
    Ok(Course::load(&root)?.library_dir().to_path_buf())
}
