//! Where pristine course files come from: the copy built into the binary
//! (the normal case), or a course source folder on disk (course authors, and
//! the tests, which use small fixture packs instead of the real course).
//!
//! Files are addressed by key, as `walk.rs` defines them (`info.toml`,
//! `exercises/…`, `solutions/…`, `library/…`), whatever the source. This
//! file does not decide where files go in a course folder (`init.rs` does).

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use super::error::CourseFolderError;
use super::info::{self, InfoSummary};
use super::walk;

/// Every course file as the binary was built, sorted by key.
static BUILT_IN: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/embedded_course.rs"));

/// The library folder of a source whose info.toml does not say.
const DEFAULT_SOURCE_LIBRARY: &str = "crates/typed-ai";

/// One pristine course file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Its key, e.g. `exercises/01_x/a.rs` (see `walk.rs`).
    pub key: String,
    /// Its content.
    pub bytes: Cow<'static, [u8]>,
}

/// A place to read pristine course files from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CourseSource {
    /// The course embedded in this binary at build time.
    BuiltIn,
    /// A course source folder (laid out like the repository).
    Folder(PathBuf),
}

impl CourseSource {
    /// The source for people: "the course built into typed-ai-rustlings
    /// 0.1.0" or "the course source at /path".
    pub fn describe(&self) -> String {
        match self {
            CourseSource::BuiltIn => format!(
                "the course built into typed-ai-rustlings {}",
                env!("CARGO_PKG_VERSION")
            ),
            CourseSource::Folder(root) => format!("the course source at {}", root.display()),
        }
    }

    /// The raw `info.toml` of this source.
    pub fn info_text(&self) -> Result<String, CourseFolderError> {
        match self.read("info.toml")? {
            Some(bytes) => {
                String::from_utf8(bytes.into_owned()).map_err(|_| CourseFolderError::BadToml {
                    origin: self.info_origin(),
                    line: 1,
                    column: 1,
                    problem: "the file is not UTF-8 text".to_owned(),
                })
            }
            None => Err(match self {
                CourseSource::BuiltIn => CourseFolderError::NoCourseBuiltIn,
                CourseSource::Folder(root) => {
                    CourseFolderError::NotACourseSource { path: root.clone() }
                }
            }),
        }
    }

    /// The exercises (and library folder) of this source's `info.toml`.
    pub fn info(&self) -> Result<InfoSummary, CourseFolderError> {
        info::read(&self.info_text()?, &self.info_origin())
    }

    /// How errors name this source's info.toml.
    pub fn info_origin(&self) -> String {
        match self {
            CourseSource::BuiltIn => "the built-in info.toml".to_owned(),
            CourseSource::Folder(root) => root.join("info.toml").display().to_string(),
        }
    }

    /// Every course file, sorted by key.
    pub fn files(&self) -> Result<Vec<SourceFile>, CourseFolderError> {
        match self {
            CourseSource::BuiltIn => Ok(BUILT_IN
                .iter()
                .map(|(key, bytes)| SourceFile {
                    key: (*key).to_owned(),
                    bytes: Cow::Borrowed(*bytes),
                })
                .collect()),
            CourseSource::Folder(root) => {
                let library = self.library_folder(root)?;
                let found = walk::course_files(root, &library)
                    .map_err(CourseFolderError::io("read the course source", root))?;
                found
                    .into_iter()
                    .map(|file| {
                        let bytes = std::fs::read(&file.path)
                            .map_err(CourseFolderError::io("read", &file.path))?;
                        Ok(SourceFile {
                            key: file.key,
                            bytes: Cow::Owned(bytes),
                        })
                    })
                    .collect()
            }
        }
    }

    /// The file at `key`, or `None` if the source has no such file.
    pub fn read(&self, key: &str) -> Result<Option<Cow<'static, [u8]>>, CourseFolderError> {
        match self {
            CourseSource::BuiltIn => Ok(BUILT_IN
                .binary_search_by(|(probe, _)| (*probe).cmp(key))
                .ok()
                .map(|at| Cow::Borrowed(BUILT_IN[at].1))),
            CourseSource::Folder(root) => {
                if !info::stays_inside(key) {
                    return Ok(None);
                }
                let path = match key.strip_prefix("library/") {
                    Some(rest) => self.library_folder(root)?.join(rest),
                    None => root.join(key),
                };
                match std::fs::read(&path) {
                    Ok(bytes) => Ok(Some(Cow::Owned(bytes))),
                    Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
                    Err(source) => Err(CourseFolderError::Io {
                        action: "read",
                        path,
                        source,
                    }),
                }
            }
        }
    }

    /// Like [`CourseSource::read`], but a missing file is an error.
    pub fn require(&self, key: &str) -> Result<Cow<'static, [u8]>, CourseFolderError> {
        self.read(key)?
            .ok_or_else(|| CourseFolderError::MissingFromSource {
                source_name: self.describe(),
                key: key.to_owned(),
            })
    }

    fn library_folder(&self, root: &Path) -> Result<PathBuf, CourseFolderError> {
        let text =
            std::fs::read_to_string(root.join("info.toml")).map_err(|err| match err.kind() {
                std::io::ErrorKind::NotFound => CourseFolderError::NotACourseSource {
                    path: root.to_owned(),
                },
                _ => CourseFolderError::Io {
                    action: "read",
                    path: root.join("info.toml"),
                    source: err,
                },
            })?;
        let library = info::read(&text, &self.info_origin())?
            .library
            .unwrap_or_else(|| DEFAULT_SOURCE_LIBRARY.to_owned());
        library_path(root, &library).ok_or_else(|| CourseFolderError::UnsafeLibrary {
            origin: self.info_origin(),
            path: library,
        })
    }
}

/// Where `library` (info.toml's value) is for a source at `root`: a folder
/// inside the source, or an absolute path, the two forms `verify --pack`
/// accepts too; `None` for a path that climbs out with `..` (or is empty).
fn library_path(root: &Path, library: &str) -> Option<PathBuf> {
    let path = Path::new(library);
    if path.is_absolute() {
        let climbs = path
            .components()
            .any(|part| matches!(part, std::path::Component::ParentDir));
        (!climbs).then(|| path.to_path_buf())
    } else {
        info::stays_inside(library).then(|| root.join(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_course_is_sorted_for_lookup() {
        assert!(BUILT_IN.windows(2).all(|pair| pair[0].0 < pair[1].0));
        for (key, bytes) in BUILT_IN {
            assert_eq!(
                CourseSource::BuiltIn.read(key).unwrap().as_deref(),
                Some(*bytes)
            );
        }
    }

    #[test]
    fn the_built_in_library_is_the_repositorys_manifest_and_sources_only() {
        let keys: Vec<&str> = BUILT_IN.iter().map(|(key, _)| *key).collect();
        assert!(keys.contains(&"library/Cargo.toml"), "{keys:?}");
        assert!(keys.contains(&"library/src/lib.rs"), "{keys:?}");
        let repo_lib =
            std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/typed-ai/src/lib.rs"))
                .unwrap();
        assert_eq!(
            CourseSource::BuiltIn
                .read("library/src/lib.rs")
                .unwrap()
                .unwrap(),
            repo_lib.as_slice()
        );
        assert!(
            keys.iter().all(|key| !key.starts_with("library/tests")
                && !key.starts_with("library/examples")
                && !key.starts_with("library/benches")),
            "{keys:?}"
        );
    }

    #[test]
    fn a_folder_source_reads_keys_with_the_library_where_info_toml_says() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("lib/src")).unwrap();
        std::fs::create_dir_all(root.join("exercises/01_a")).unwrap();
        std::fs::write(root.join("info.toml"), "library = \"lib\"\n").unwrap();
        std::fs::write(root.join("lib/Cargo.toml"), "[package]\n").unwrap();
        std::fs::write(root.join("lib/src/lib.rs"), "//! lib\n").unwrap();
        std::fs::write(root.join("exercises/01_a/x.rs"), "fn main() {}\n").unwrap();
        std::fs::write(root.join("exercises/01_a/x.rs.swp"), "junk").unwrap();
        let source = CourseSource::Folder(root.to_owned());
        let keys: Vec<String> = source
            .files()
            .unwrap()
            .into_iter()
            .map(|file| file.key)
            .collect();
        assert_eq!(
            keys,
            [
                "exercises/01_a/x.rs",
                "info.toml",
                "library/Cargo.toml",
                "library/src/lib.rs"
            ]
        );
        assert_eq!(
            source.read("library/src/lib.rs").unwrap().unwrap().as_ref(),
            b"//! lib\n"
        );
        assert_eq!(source.read("solutions/01_a/x.rs").unwrap(), None);
        assert_eq!(source.read("../outside").unwrap(), None);
        assert!(matches!(
            source.require("solutions/01_a/x.rs"),
            Err(CourseFolderError::MissingFromSource { .. })
        ));
    }

    #[test]
    fn relative_and_absolute_library_paths_both_work_and_climbing_out_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("pack");
        let elsewhere = dir.path().join("shared-lib");
        std::fs::create_dir_all(root.join("stats/src")).unwrap();
        std::fs::create_dir_all(elsewhere.join("src")).unwrap();
        std::fs::write(root.join("stats/src/lib.rs"), "//! inside\n").unwrap();
        std::fs::write(elsewhere.join("src/lib.rs"), "//! absolute\n").unwrap();
        let source = CourseSource::Folder(root.clone());
        let lib = |info: &str| {
            std::fs::write(root.join("info.toml"), info).unwrap();
            source.read("library/src/lib.rs")
        };

        assert_eq!(
            lib("library = \"stats\"\n").unwrap().unwrap().as_ref(),
            b"//! inside\n"
        );
        let absolute = format!("library = {:?}\n", elsewhere.display().to_string());
        assert_eq!(lib(&absolute).unwrap().unwrap().as_ref(), b"//! absolute\n");
        for climbing in ["library = \"../shared-lib\"\n", "library = \"\"\n"] {
            let err = lib(climbing).unwrap_err().to_string();
            assert!(
                err.contains("`library`") && !err.contains("exercises/"),
                "{climbing:?}: {err}"
            );
        }
    }

    #[test]
    fn a_folder_without_info_toml_is_not_a_source() {
        let dir = tempfile::tempdir().unwrap();
        let source = CourseSource::Folder(dir.path().to_owned());
        assert!(matches!(
            source.info(),
            Err(CourseFolderError::NotACourseSource { .. })
        ));
    }
}
