//! The last result of `check` for each challenge, so `list` can show a
//! status without building anything.
//!
//! Each record keeps a fingerprint of the challenge's files: a challenge
//! edited since its last check shows as "changed since last check", never as
//! a stale "passed". The file lives with the build products (under the
//! target folder), not in the repository, and losing it only loses the
//! statuses. Checks restricted to one mutant are not recorded. Each record
//! also keeps how long the check took, so `check -j N` can start the
//! longest challenges first.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::atomic_file;
use crate::error::Error;
use crate::hash::KeyHasher;

/// The records file's format.
const FORMAT_VERSION: u32 = 1;

/// What `list` says about a challenge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LastCheck {
    /// Never checked here (or the record was lost).
    NotChecked,
    /// Passed, and nothing changed since.
    Passed,
    /// Failed, and nothing changed since.
    Failed,
    /// Checked, but its files changed since.
    Changed,
}

impl LastCheck {
    /// For people.
    pub fn as_str(self) -> &'static str {
        match self {
            LastCheck::NotChecked => "not checked",
            LastCheck::Passed => "passed",
            LastCheck::Failed => "failed",
            LastCheck::Changed => "changed since last check",
        }
    }
}

/// Every challenge's last result, as read from the records file.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Records {
    format_version: u32,
    /// By the challenge folder's absolute path.
    challenges: BTreeMap<PathBuf, Entry>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    passed: bool,
    fingerprint: String,
    /// How long the check took, in milliseconds (absent in records
    /// written before it was kept).
    #[serde(default)]
    duration_ms: Option<u64>,
}

/// The records file.
#[derive(Debug, Clone)]
pub struct RecordStore {
    path: PathBuf,
}

impl RecordStore {
    /// The records kept at `path`.
    pub fn at(path: PathBuf) -> Self {
        Self { path }
    }

    /// The records as they are now (none, if the file is missing or unreadable).
    pub fn read(&self) -> Records {
        fs::read(&self.path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Records>(&bytes).ok())
            .filter(|records| records.format_version == FORMAT_VERSION)
            .unwrap_or_default()
    }

    /// Records that the challenges in `dirs` (absolute) passed or failed,
    /// as their files are now, and how long each check took. Callers hold
    /// the first build slot's lock, which every `check` takes, so no update
    /// is lost.
    pub fn save(&self, checked: &[(&Path, bool, Duration)]) -> Result<(), Error> {
        let mut records = self.read();
        records.format_version = FORMAT_VERSION;
        for (dir, passed, duration) in checked {
            records.challenges.insert(
                dir.to_path_buf(),
                Entry {
                    passed: *passed,
                    fingerprint: fingerprint(dir),
                    duration_ms: Some(u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)),
                },
            );
        }
        let json = serde_json::to_vec_pretty(&records).map_err(|error| Error::Io {
            action: "write",
            path: self.path.clone(),
            source: std::io::Error::other(error),
        })?;
        atomic_file::write_rebuildable(&self.path, &json).map_err(|source| Error::Io {
            action: "write",
            path: self.path.clone(),
            source,
        })
    }
}

impl Records {
    /// What the last check of `dir` (absolute) found.
    pub fn last_check(&self, dir: &Path) -> LastCheck {
        match self.challenges.get(dir) {
            None => LastCheck::NotChecked,
            Some(entry) if entry.fingerprint != fingerprint(dir) => LastCheck::Changed,
            Some(entry) if entry.passed => LastCheck::Passed,
            Some(_) => LastCheck::Failed,
        }
    }

    /// How long the last check of `dir` (absolute) took, when recorded.
    pub fn last_duration(&self, dir: &Path) -> Option<Duration> {
        self.challenges
            .get(dir)?
            .duration_ms
            .map(Duration::from_millis)
    }
}

/// A hash of every file of the challenge but its own `target/` (a module
/// folder such as `src/target/` counts): paths and contents.
fn fingerprint(dir: &Path) -> String {
    let mut files = Vec::new();
    collect(dir, dir, &mut files);
    files.sort();
    let mut key = KeyHasher::new();
    for relative in files {
        key.str(&relative.to_string_lossy())
            .bytes(&fs::read(dir.join(&relative)).unwrap_or_default());
    }
    key.finish()
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() && !(dir == root && entry.file_name() == "target") {
            collect(root, &path, files);
        } else if kind.is_file()
            && let Ok(relative) = path.strip_prefix(root)
        {
            files.push(relative.to_path_buf());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_after_a_check_is_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let challenge = dir.path().join("demo");
        fs::create_dir_all(challenge.join("target")).unwrap();
        fs::write(challenge.join("challenge.toml"), "format_version = 1\n").unwrap();
        let store = RecordStore::at(dir.path().join("records/last-checks.json"));
        assert_eq!(store.read().last_check(&challenge), LastCheck::NotChecked);
        let second = Duration::from_secs(1);
        store.save(&[(&challenge, true, second)]).unwrap();
        assert_eq!(store.read().last_check(&challenge), LastCheck::Passed);
        assert_eq!(store.read().last_duration(&challenge), Some(second));
        fs::write(challenge.join("target/built"), "ignored").unwrap();
        assert_eq!(
            store.read().last_check(&challenge),
            LastCheck::Passed,
            "target/ does not count"
        );
        fs::create_dir_all(challenge.join("src/target")).unwrap();
        fs::write(challenge.join("src/target/mod.rs"), "// a module").unwrap();
        assert_eq!(
            store.read().last_check(&challenge),
            LastCheck::Changed,
            "a module folder called target is code, and counts"
        );
        store.save(&[(&challenge, true, second)]).unwrap();
        fs::write(challenge.join("challenge.toml"), "format_version = 2\n").unwrap();
        assert_eq!(store.read().last_check(&challenge), LastCheck::Changed);
        store.save(&[(&challenge, false, second)]).unwrap();
        assert_eq!(store.read().last_check(&challenge), LastCheck::Failed);
    }
}
