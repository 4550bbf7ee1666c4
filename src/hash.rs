//! Content hashes for the runner's caches (library sources, verdicts,
//! toolchain fingerprints), and file stamps (length and modification time)
//! for files too big to hash on every run.
//!
//! Two independently prefixed SipHash-1-3 streams (std's `DefaultHasher`, which
//! is deterministic for a given build) give a 128-bit key. A cache key only has
//! to be stable for one runner build, because every key also includes the
//! runner's version; a different algorithm after an upgrade means cache
//! misses, never wrong hits. It is not meant to resist deliberate collisions.

use std::hash::{DefaultHasher, Hasher};
use std::path::Path;
use std::time::UNIX_EPOCH;

/// Builds a 128-bit key from a sequence of labelled parts.
#[derive(Debug, Clone)]
pub struct KeyHasher {
    left: DefaultHasher,
    right: DefaultHasher,
}

impl Default for KeyHasher {
    fn default() -> Self {
        Self::new()
    }
}

impl KeyHasher {
    /// A hasher already seeded with the runner's version.
    pub fn new() -> Self {
        let mut hasher = Self {
            left: DefaultHasher::new(),
            right: DefaultHasher::new(),
        };
        hasher.left.write_u8(0x4c);
        hasher.right.write_u8(0x52);
        hasher.str(env!("CARGO_PKG_VERSION"));
        hasher
    }

    /// Adds bytes; length-prefixed so that ("ab","c") and ("a","bc") differ.
    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        for half in [&mut self.left, &mut self.right] {
            half.write_u64(bytes.len() as u64);
            half.write(bytes);
        }
        self
    }

    /// Adds a string.
    pub fn str(&mut self, text: &str) -> &mut Self {
        self.bytes(text.as_bytes())
    }

    /// Adds a number.
    pub fn u64(&mut self, value: u64) -> &mut Self {
        self.bytes(&value.to_le_bytes())
    }

    /// Adds what changes when the file at `path` is rewritten or replaced:
    /// its length and modification time, or a marker when it cannot be
    /// read. Cheaper than its content, for files too big to hash each time
    /// (compilers, the built library).
    pub fn file_stamp(&mut self, path: &Path) -> &mut Self {
        match std::fs::metadata(path) {
            Ok(metadata) => {
                let modified = metadata
                    .modified()
                    .ok()
                    .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
                    .map_or(0, |since| since.as_nanos() as u64);
                self.u64(metadata.len()).u64(modified)
            }
            Err(_) => self.str("missing"),
        }
    }

    /// The key as 32 hex digits.
    pub fn finish(&self) -> String {
        format!("{:016x}{:016x}", self.left.finish(), self.right.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_stable_and_sensitive_to_every_part_and_boundary() {
        let key = |parts: &[&str]| {
            let mut hasher = KeyHasher::new();
            for part in parts {
                hasher.str(part);
            }
            hasher.finish()
        };
        assert_eq!(key(&["a", "b"]), key(&["a", "b"]));
        assert_ne!(key(&["a", "b"]), key(&["a", "c"]));
        assert_ne!(key(&["ab", "c"]), key(&["a", "bc"]));
        assert_eq!(key(&[]).len(), 32);
    }

    #[test]
    fn a_file_stamp_changes_when_the_file_is_rewritten_or_removed() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("rustc");
        let stamp = || KeyHasher::new().file_stamp(&file).finish();
        let missing = stamp();
        std::fs::write(&file, b"one").unwrap();
        let first = stamp();
        assert_ne!(first, missing);
        assert_eq!(stamp(), first, "unchanged file, same stamp");
        std::fs::write(&file, b"three").unwrap();
        assert_ne!(stamp(), first, "a new length changes the stamp");
    }
}
