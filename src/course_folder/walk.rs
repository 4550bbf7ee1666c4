//! Which files of a course *source* (the repository, or a fixture pack laid
//! out like it) make up the course: `info.toml`, `exercises/`, `solutions/`,
//! the library's `Cargo.toml` and `src/`, and the paper-to-Rust challenges
//! (`challenges/`), which the course's final message points to.
//!
//! This file is compiled twice: into `build.rs` (to embed those files in the
//! binary and tell cargo what to watch) and into the runner (to read a
//! source folder on disk the same way), so both agree on what a course is.
//! It therefore uses `std` only. It reads no file contents.

use std::io;
use std::path::{Path, PathBuf};

/// One course file: its key (a `/`-separated path inside the course, e.g.
/// `exercises/01_x/a.rs` or `library/src/lib.rs`) and where it is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseFile {
    /// Where the file sits inside the course, `/`-separated.
    pub key: String,
    /// The file on disk.
    pub path: PathBuf,
}

/// One part of a course source: a file or folder, found relative to the
/// source root or (`in_library`) to the library folder, and the key prefix
/// its files get. The library's keys start with `library/` because its folder
/// is named differently in a source (`crates/typed-ai`) and a course
/// (`typed-ai`).
pub struct Part {
    /// The path relative to the root (or the library folder).
    pub rel: &'static str,
    /// Whether `rel` is relative to the library folder.
    pub in_library: bool,
    /// The key of the file, or the key prefix of the folder's files.
    pub key: &'static str,
    /// Whether this part is a folder.
    pub is_folder: bool,
}

impl Part {
    /// Where this part is on disk.
    pub fn path(&self, root: &Path, library: &Path) -> PathBuf {
        if self.in_library {
            library.join(self.rel)
        } else {
            root.join(self.rel)
        }
    }
}

/// Everything a course source contributes to a course.
pub const PARTS: &[Part] = &[
    Part {
        rel: "info.toml",
        in_library: false,
        key: "info.toml",
        is_folder: false,
    },
    Part {
        rel: "exercises",
        in_library: false,
        key: "exercises",
        is_folder: true,
    },
    Part {
        rel: "solutions",
        in_library: false,
        key: "solutions",
        is_folder: true,
    },
    Part {
        rel: "challenges",
        in_library: false,
        key: "challenges",
        is_folder: true,
    },
    Part {
        rel: "Cargo.toml",
        in_library: true,
        key: "library/Cargo.toml",
        is_folder: false,
    },
    Part {
        rel: "src",
        in_library: true,
        key: "library/src",
        is_folder: true,
    },
];

/// Every course file under `root` (with the library at `library`), sorted by
/// key. Missing parts are simply absent: an empty course is a course.
pub fn course_files(root: &Path, library: &Path) -> io::Result<Vec<CourseFile>> {
    let mut files = Vec::new();
    for part in PARTS {
        let path = part.path(root, library);
        if part.is_folder {
            if path.is_dir() {
                collect(&path, part.key, &mut files)?;
            }
        } else if path.is_file() {
            files.push(CourseFile {
                key: part.key.to_owned(),
                path,
            });
        }
    }
    files.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(files)
}

fn collect(folder: &Path, key: &str, files: &mut Vec<CourseFile>) -> io::Result<()> {
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{} has a name that is not UTF-8", entry.path().display()),
            ));
        };
        if !belongs_to_course(name) {
            continue;
        }
        let path = entry.path();
        let child_key = format!("{key}/{name}");
        if path.is_dir() {
            collect(&path, &child_key, files)?;
        } else if path.is_file() {
            files.push(CourseFile {
                key: child_key,
                path,
            });
        }
    }
    Ok(())
}

/// Leaves out hidden files and what editors and tools leave behind (swap
/// and backup files, build output), which are not part of any course.
pub fn belongs_to_course(name: &str) -> bool {
    !(name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".orig")
        || name.ends_with(".rs.bk")
        || name.contains(".bak-")
        || name == "target")
}
