//! The verdict cache: one small JSON file per slot (an exercise name, or a
//! name and a role for `verify --pack`), holding the key it was computed for.
//!
//! A slot is overwritten by the next result, so the cache never grows past
//! one entry per slot. Reads that fail or do not match are misses; writes are
//! atomic, not flushed, and best effort (a cache that cannot be written, or
//! is lost in a crash, only costs time).
//! It does not compute keys: the checker does, from everything that can change
//! a verdict.

use std::fs;
use std::path::PathBuf;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::atomic_file;

/// A folder of cached results.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

#[derive(Serialize, Deserialize)]
struct Entry<T> {
    key: String,
    value: T,
}

impl Cache {
    /// A cache in `dir` (created on the first write).
    pub fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    /// The value stored in `slot` for exactly `key`.
    pub fn get<T: DeserializeOwned>(&self, slot: &str, key: &str) -> Option<T> {
        let bytes = fs::read(self.path(slot)).ok()?;
        let entry: Entry<T> = serde_json::from_slice(&bytes).ok()?;
        (entry.key == key).then_some(entry.value)
    }

    /// Stores `value` in `slot` under `key`, replacing what was there.
    pub fn put<T: Serialize>(&self, slot: &str, key: &str, value: &T) {
        let entry = Entry {
            key: key.to_owned(),
            value,
        };
        if let Ok(bytes) = serde_json::to_vec(&entry) {
            let _ = atomic_file::write_rebuildable(&self.path(slot), &bytes);
        }
    }

    fn path(&self, slot: &str) -> PathBuf {
        self.dir.join(format!("{slot}.json"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_comes_back_only_for_its_key_and_the_latest_write_wins() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = Cache::new(dir.path().join("verdicts"));
        assert_eq!(cache.get::<String>("tokens", "k1"), None);
        cache.put("tokens", "k1", &"first".to_owned());
        assert_eq!(
            cache.get::<String>("tokens", "k1").as_deref(),
            Some("first")
        );
        assert_eq!(cache.get::<String>("tokens", "k2"), None);
        cache.put("tokens", "k2", &"second".to_owned());
        assert_eq!(cache.get::<String>("tokens", "k1"), None);
        assert_eq!(
            cache.get::<String>("tokens", "k2").as_deref(),
            Some("second")
        );
    }
}
