//! Content hashes for the runner's caches (library sources, verdicts,
//! toolchain fingerprints).
//!
//! Two independently prefixed SipHash-1-3 streams (std's `DefaultHasher`, which
//! is deterministic for a given build) give a 128-bit key. A cache key only has
//! to be stable for one runner build, because every key also includes the
//! runner's version; a different algorithm after an upgrade means cache
//! misses, never wrong hits. It is not meant to resist deliberate collisions.

use std::hash::{DefaultHasher, Hasher};

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
}
