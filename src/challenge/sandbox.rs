//! A submission's throwaway copy: everything `check` builds and runs happens
//! here, never in the author's folder.
//!
//! Owns copying the challenge into a temporary folder (skipping the
//! package's own `target/`, though not a module folder such as
//! `src/target/`, and symbolic links, which could point anywhere), rewriting
//! its `typed-ai` path dependency to the library being checked against, and
//! swapping a mutant in for the file it replaces (and the original back),
//! and the folders beside the copy where compiles write: the scratch
//! folders and `tmp/`, the `TMPDIR` of every process of the check. The
//! whole temporary folder is what a confined check may write, besides its
//! target folder.
//!
//! Every file written here gets a modification time a second in the future.
//! All challenges share one cargo target folder, and every copy of a
//! package is the same package to cargo (its fingerprints hold paths
//! relative to the package), which rebuilds a unit only when a source is
//! newer than the start of that unit's last compile; a copy or a swapped
//! mutant must never look older than what cargo built last, even on a file
//! system that keeps whole seconds. The alternatives cost more: a target
//! folder per copy rebuilds the library every time and still leaves the
//! mutant swaps to timestamps, and content-hash freshness
//! (`-Zchecksum-freshness`) is nightly-only. The price is small: a build
//! started within that second may be repeated once (the doc tests rebuild
//! the library crate, about 0.1 s).

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::parts::LIBRARY_PACKAGE;
use crate::error::Error;

/// The folder beside the copy that is its processes' `TMPDIR`.
const TEMP: &str = "tmp";

/// A temporary copy of one challenge.
#[derive(Debug)]
pub struct Sandbox {
    dir: tempfile::TempDir,
    root: PathBuf,
    /// Files currently swapped out, with their original content.
    swapped: BTreeMap<PathBuf, Vec<u8>>,
}

impl Sandbox {
    /// Copies `challenge` into a fresh temporary folder (keeping its folder
    /// name, which cargo shows) and points its `typed-ai` dependency at
    /// `library`.
    pub fn new(challenge: &Path, library: &Path) -> Result<Sandbox, Error> {
        let dir = tempfile::Builder::new()
            .prefix("typed-ai-challenge-")
            .tempdir()
            .map_err(|source| Error::Io {
                action: "create a temporary folder for",
                path: challenge.to_path_buf(),
                source,
            })?;
        let name = challenge
            .file_name()
            .map_or_else(|| "challenge".into(), ToOwned::to_owned);
        let root = dir.path().join(name);
        copy_tree(challenge, &root, true)?;
        let temp = dir.path().join(TEMP);
        fs::create_dir(&temp).map_err(|source| Error::Io {
            action: "create",
            path: temp,
            source,
        })?;
        rewrite_library_path(&root.join("Cargo.toml"), library)?;
        Ok(Sandbox {
            dir,
            root,
            swapped: BTreeMap::new(),
        })
    }

    /// The copy's root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The temporary folder holding the copy and everything beside it.
    pub fn folder(&self) -> &Path {
        self.dir.path()
    }

    /// The check's own temporary folder, for `TMPDIR`.
    pub fn temp(&self) -> PathBuf {
        self.dir.path().join(TEMP)
    }

    /// A folder for `purpose`'s outputs, beside the copy (not in the
    /// package, so cargo never sees it), created on first use.
    pub fn scratch(&self, purpose: &str) -> Result<PathBuf, Error> {
        let folder = self.dir.path().join(format!("{purpose}-out"));
        fs::create_dir_all(&folder).map_err(|source| Error::Io {
            action: "create",
            path: folder.clone(),
            source,
        })?;
        Ok(folder)
    }

    /// Writes `content` over `relative`, first restoring any file swapped
    /// before; the original comes back with [`Sandbox::restore`].
    pub fn swap_in(&mut self, relative: &Path, content: &[u8]) -> Result<(), Error> {
        self.restore()?;
        let path = self.root.join(relative);
        let original = fs::read(&path).map_err(|source| Error::Io {
            action: "read",
            path: path.clone(),
            source,
        })?;
        write_fresh(&path, content)?;
        self.swapped.insert(relative.to_path_buf(), original);
        Ok(())
    }

    /// Puts every swapped file back as it was.
    pub fn restore(&mut self) -> Result<(), Error> {
        while let Some((relative, original)) = self.swapped.pop_first() {
            write_fresh(&self.root.join(relative), &original)?;
        }
        Ok(())
    }
}

/// Writes a file and dates it a second ahead (see the module doc).
fn write_fresh(path: &Path, content: &[u8]) -> Result<(), Error> {
    let io_error = |source| Error::Io {
        action: "write",
        path: path.to_path_buf(),
        source,
    };
    fs::write(path, content).map_err(io_error)?;
    let file = File::options().write(true).open(path).map_err(io_error)?;
    file.set_modified(SystemTime::now() + Duration::from_secs(1))
        .map_err(io_error)
}

/// Copies `from` into `to`; at the package root (`top`) cargo's `target/`
/// is left out.
fn copy_tree(from: &Path, to: &Path, top: bool) -> Result<(), Error> {
    fs::create_dir_all(to).map_err(|source| Error::Io {
        action: "create",
        path: to.to_path_buf(),
        source,
    })?;
    let entries = fs::read_dir(from).map_err(|source| Error::Io {
        action: "read the challenge folder",
        path: from.to_path_buf(),
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| Error::Io {
            action: "read the challenge folder",
            path: from.to_path_buf(),
            source,
        })?;
        let kind = entry.file_type().map_err(|source| Error::Io {
            action: "read",
            path: entry.path(),
            source,
        })?;
        let target = to.join(entry.file_name());
        if kind.is_dir() {
            if !(top && entry.file_name() == "target") {
                copy_tree(&entry.path(), &target, false)?;
            }
        } else if kind.is_file() {
            let content = fs::read(entry.path()).map_err(|source| Error::Io {
                action: "read",
                path: entry.path(),
                source,
            })?;
            write_fresh(&target, &content)?;
        }
    }
    Ok(())
}

/// Points `[dependencies] typed-ai` at `library`. A manifest that does not
/// parse, or has no such dependency, is left as it is: the parts check has
/// already said so, and cargo will say it again.
fn rewrite_library_path(manifest: &Path, library: &Path) -> Result<(), Error> {
    let Ok(text) = fs::read_to_string(manifest) else {
        return Ok(());
    };
    let Ok(mut table) = text.parse::<toml::Table>() else {
        return Ok(());
    };
    let Some(dependency) = table
        .get_mut("dependencies")
        .and_then(|dependencies| dependencies.get_mut(LIBRARY_PACKAGE))
        .and_then(toml::Value::as_table_mut)
    else {
        return Ok(());
    };
    dependency.insert(
        "path".to_owned(),
        toml::Value::String(library.display().to_string()),
    );
    let rewritten = toml::to_string(&table).map_err(|error| Error::Io {
        action: "rewrite",
        path: manifest.to_path_buf(),
        source: std::io::Error::other(error),
    })?;
    write_fresh(manifest, rewritten.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copy_points_at_the_library_and_swaps_files_back() {
        let source = tempfile::tempdir().unwrap();
        let challenge = source.path().join("demo");
        fs::create_dir_all(challenge.join("src/target")).unwrap();
        fs::create_dir_all(challenge.join("target/debug")).unwrap();
        fs::write(
            challenge.join("Cargo.toml"),
            "[package]\nname = \"demo\"\n\n[workspace]\n\n[dependencies]\ntyped-ai = { path = \"../../../crates/typed-ai\" }\n",
        )
        .unwrap();
        fs::write(challenge.join("src/lib.rs"), "original").unwrap();
        fs::write(challenge.join("src/target/mod.rs"), "// a module").unwrap();
        fs::write(challenge.join("target/debug/junk"), "built").unwrap();

        let mut sandbox = Sandbox::new(&challenge, Path::new("/abs/typed-ai")).unwrap();
        let manifest: toml::Table = fs::read_to_string(sandbox.root().join("Cargo.toml"))
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(
            manifest["dependencies"]["typed-ai"]["path"].as_str(),
            Some("/abs/typed-ai")
        );
        assert!(manifest["workspace"].is_table(), "the rest is kept");
        assert!(
            !sandbox.root().join("target").exists(),
            "target/ is not copied"
        );
        assert!(
            sandbox.root().join("src/target/mod.rs").is_file(),
            "a module folder called target is code, and is copied"
        );

        sandbox.swap_in(Path::new("src/lib.rs"), b"mutant").unwrap();
        assert_eq!(
            fs::read_to_string(sandbox.root().join("src/lib.rs")).unwrap(),
            "mutant"
        );
        sandbox.restore().unwrap();
        assert_eq!(
            fs::read_to_string(sandbox.root().join("src/lib.rs")).unwrap(),
            "original"
        );
        assert_eq!(
            fs::read_to_string(challenge.join("src/lib.rs")).unwrap(),
            "original",
            "the author's file is never touched"
        );
    }
}
