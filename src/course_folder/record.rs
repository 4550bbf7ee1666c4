//! `.typed-ai-rustlings/course.toml`: what `init` wrote into a course folder,
//! so that later commands can tell the learner's edits from files they never
//! touched, and know where pristine copies come from.
//!
//! It holds the course source (absent: the copy built into the binary) and a
//! fingerprint of every file written from the source. `init --update`
//! replaces an exercise only when it still has the fingerprint init wrote,
//! i.e. the learner never edited it. The learner's progress is not here
//! (that is `state.toml`, owned by `crate::state`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::error::CourseFolderError;
use super::source::CourseSource;
use crate::atomic_file;
use crate::state::STATE_DIR;

const RECORD_FILE: &str = "course.toml";

/// The key of the info.toml written into the course folder (its library
/// path rewritten), as opposed to `info.toml`, the source's: `init --update`
/// keeps a backup of the course folder's copy when the learner edited it.
/// No source file has this key.
pub const COURSE_INFO_KEY: &str = "course-folder/info.toml";
const FORMAT_VERSION: u32 = 1;

/// What init (or the last update) wrote into a course folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourseRecord {
    format_version: u32,
    /// The course source folder, when the course was not made from the
    /// built-in copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    /// Key (as in `walk.rs`) → fingerprint of the content written.
    #[serde(default)]
    written: BTreeMap<String, String>,
}

impl CourseRecord {
    /// A record for a course made from `source`.
    pub fn new(source: &CourseSource) -> CourseRecord {
        CourseRecord {
            format_version: FORMAT_VERSION,
            source: match source {
                CourseSource::BuiltIn => None,
                CourseSource::Folder(path) => Some(path.display().to_string()),
            },
            written: BTreeMap::new(),
        }
    }

    /// The record of the course at `root`; a course without one (made by
    /// hand, or by an older runner) counts as made from the built-in copy,
    /// with nothing known to be pristine.
    pub fn load(root: &Path) -> Result<CourseRecord, CourseFolderError> {
        let path = record_path(root);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Ok(CourseRecord::new(&CourseSource::BuiltIn));
            }
            Err(source) => {
                return Err(CourseFolderError::Io {
                    action: "read",
                    path,
                    source,
                });
            }
        };
        let record: CourseRecord = toml::from_str(&text).map_err(|err| {
            CourseFolderError::from_toml(&err, &text, &path.display().to_string())
        })?;
        if record.format_version != FORMAT_VERSION {
            return Err(CourseFolderError::BadToml {
                origin: path.display().to_string(),
                line: 1,
                column: 1,
                problem: format!(
                    "format_version = {} is not the version this typed-ai-rustlings writes ({FORMAT_VERSION})",
                    record.format_version
                ),
            });
        }
        Ok(record)
    }

    /// The record of the course at `root`, if `init` made it.
    pub fn load_if_present(root: &Path) -> Result<Option<CourseRecord>, CourseFolderError> {
        if record_path(root).is_file() {
            CourseRecord::load(root).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Writes the record into the course at `root` (atomically).
    pub fn save(&self, root: &Path) -> Result<(), CourseFolderError> {
        let path = record_path(root);
        let body = toml::to_string(self).map_err(|err| CourseFolderError::Io {
            action: "encode",
            path: path.clone(),
            source: std::io::Error::other(err),
        })?;
        let text = format!(
            "# What typed-ai-rustlings init wrote here, so that `init --update` can tell your\n\
             # edits from files you never touched. Not your progress (that is state.toml).\n{body}"
        );
        atomic_file::write(&path, text.as_bytes()).map_err(CourseFolderError::io("write", path))
    }

    /// Where pristine files of this course come from.
    pub fn source(&self) -> CourseSource {
        match &self.source {
            Some(path) => CourseSource::Folder(PathBuf::from(path)),
            None => CourseSource::BuiltIn,
        }
    }

    /// Notes that `bytes` were written at `key`.
    pub fn note_written(&mut self, key: &str, bytes: &[u8]) {
        self.written.insert(key.to_owned(), fingerprint(bytes));
    }

    /// Carries over what `old` knew about `key` (a file left as it was).
    pub fn keep_entry_from(&mut self, old: &CourseRecord, key: &str) {
        if let Some(known) = old.written.get(key) {
            self.written.insert(key.to_owned(), known.clone());
        }
    }

    /// Whether anything is recorded for `key`.
    pub fn knows(&self, key: &str) -> bool {
        self.written.contains_key(key)
    }

    /// Whether `bytes` are exactly what was last written at `key`.
    pub fn is_as_written(&self, key: &str, bytes: &[u8]) -> bool {
        self.written
            .get(key)
            .is_some_and(|known| *known == fingerprint(bytes))
    }

    /// The keys written under `prefix` (e.g. `library/`).
    pub fn written_under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.written
            .keys()
            .map(String::as_str)
            .filter(move |key| key.starts_with(prefix))
    }
}

fn record_path(root: &Path) -> PathBuf {
    root.join(STATE_DIR).join(RECORD_FILE)
}

/// A stable 64-bit FNV-1a fingerprint, as 16 hex digits. Stable across Rust
/// versions and platforms (unlike `DefaultHasher`), and strong enough to
/// tell an edited file from an untouched one (not meant to resist attack).
fn fingerprint(bytes: &[u8]) -> String {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let hash = bytes.iter().fold(OFFSET_BASIS, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(PRIME)
    });
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_match_the_published_fnv1a_test_vectors() {
        // From the FNV reference test suite: "" and "a" and "foobar".
        assert_eq!(fingerprint(b""), "cbf29ce484222325");
        assert_eq!(fingerprint(b"a"), "af63dc4c8601ec8c");
        assert_eq!(fingerprint(b"foobar"), "85944171f73967e8");
    }

    #[test]
    fn a_record_round_trips_and_tells_untouched_files_from_edited_ones() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(STATE_DIR)).unwrap();
        let mut record = CourseRecord::new(&CourseSource::Folder(PathBuf::from("/src/course")));
        record.note_written("exercises/01_a/x.rs", b"fn main() {}\n");
        record.note_written("library/src/lib.rs", b"//! lib\n");
        record.save(dir.path()).unwrap();

        let loaded = CourseRecord::load(dir.path()).unwrap();
        assert_eq!(loaded, record);
        assert_eq!(
            loaded.source(),
            CourseSource::Folder(PathBuf::from("/src/course"))
        );
        assert!(loaded.is_as_written("exercises/01_a/x.rs", b"fn main() {}\n"));
        assert!(!loaded.is_as_written("exercises/01_a/x.rs", b"fn main() { edited }\n"));
        assert!(!loaded.is_as_written("exercises/unknown.rs", b""));
        assert_eq!(
            loaded.written_under("library/").collect::<Vec<_>>(),
            ["library/src/lib.rs"]
        );
    }

    #[test]
    fn a_course_without_a_record_uses_the_built_in_copy() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            CourseRecord::load(dir.path()).unwrap().source(),
            CourseSource::BuiltIn
        );
    }
}
