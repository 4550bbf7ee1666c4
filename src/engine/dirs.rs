//! Where the runner keeps what it builds and caches.
//!
//! Everything goes under `<target>/typed-ai-rustlings/`, where `<target>` is
//! `$CARGO_TARGET_DIR` when set, else the course's own `target/`:
//!
//! - `library-<hash of the library folder>/`: cargo's `--target-dir` for one
//!   library. It is not `target/debug`, so the runner never waits on (or
//!   invalidates) the lock of a rust-analyzer check or a `cargo test` running
//!   in the same tree, and `cargo clean` still removes it. One folder per
//!   library folder, because cargo uplifts every build of a crate named
//!   `typed_ai` to the same `debug/libtyped_ai.rlib`: two libraries sharing a
//!   target (the repository's and a `learn/` copy under one global
//!   `CARGO_TARGET_DIR`) would overwrite each other's rlib between a check's
//!   compile and its link. Courses that point at the same library folder
//!   (the test fixtures) still share one build.
//! - `toolchain-<fingerprint>.json`: the probe of one toolchain, keyed by its
//!   binaries' fingerprints.
//! - `course-<hash of the course root>/`: that course's library record,
//!   verdict cache and scratch space for compiled exercises (deleted after each
//!   process).
//!
//! It does not decide what goes in those files.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::hash::KeyHasher;

/// The runner's folders for one course.
#[derive(Debug, Clone)]
pub struct BuildDirs {
    base: PathBuf,
    course: PathBuf,
}

impl BuildDirs {
    /// The folders for the course at `course_root`, honouring `CARGO_TARGET_DIR`.
    pub fn for_course(course_root: &Path) -> Result<Self, Error> {
        let target = match std::env::var_os("CARGO_TARGET_DIR").filter(|dir| !dir.is_empty()) {
            // cargo reads a relative CARGO_TARGET_DIR from the current folder; so do we.
            Some(dir) => std::path::absolute(PathBuf::from(dir)).map_err(|source| Error::Io {
                action: "resolve CARGO_TARGET_DIR",
                path: PathBuf::from("CARGO_TARGET_DIR"),
                source,
            })?,
            None => course_root.join("target"),
        };
        Ok(Self::under(&target, course_root))
    }

    /// The folders under an explicit `target` folder.
    pub fn under(target: &Path, course_root: &Path) -> Self {
        let base = target.join("typed-ai-rustlings");
        let mut key = KeyHasher::new();
        key.str(&course_root.to_string_lossy());
        let course = base.join(format!("course-{}", &key.finish()[..16]));
        Self { base, course }
    }

    /// `<target>/typed-ai-rustlings`.
    pub fn base(&self) -> &Path {
        &self.base
    }

    /// cargo's `--target-dir` for the library in `library_dir`.
    pub fn library_target(&self, library_dir: &Path) -> PathBuf {
        let mut key = KeyHasher::new();
        key.str(&library_dir.to_string_lossy());
        self.base.join(format!("library-{}", &key.finish()[..16]))
    }

    /// The probe cache file of the toolchain whose fingerprint is
    /// `fingerprint`: one file per toolchain, so runs with another `$RUSTC`
    /// (a wrapper, a second toolchain) do not evict each other's probe.
    pub fn toolchain_cache(&self, fingerprint: &str) -> PathBuf {
        let short = fingerprint.get(..16).unwrap_or(fingerprint);
        self.base.join(format!("toolchain-{short}.json"))
    }

    /// This course's folder (library record, verdicts, scratch).
    pub fn course(&self) -> &Path {
        &self.course
    }

    /// Creates `dir` and its parents.
    pub fn create(dir: &Path) -> Result<(), Error> {
        fs::create_dir_all(dir).map_err(|source| Error::Io {
            action: "create the build folder",
            path: dir.to_path_buf(),
            source,
        })
    }
}
