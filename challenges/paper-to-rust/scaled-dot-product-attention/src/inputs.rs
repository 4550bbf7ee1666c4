//! [`AttentionInputs`]: the queries, keys, values and mask one attention call
//! reads, checked to fit together before any arithmetic happens.
//!
//! The shapes that must agree: queries and keys share the head width `d_k`
//! (they are dotted), there is one value row per key (values are mixed by
//! the key weights), and the mask is query length × key length. This file
//! only validates; the computation is in `scores.rs` and `attention.rs`.

use typed_ai::{AttentionMask, KeySequence, MlError, MlResult, QuerySequence, ValueSequence};

/// Queries, keys, values and a mask whose shapes fit one attention call.
#[derive(Debug, Clone, PartialEq)]
pub struct AttentionInputs {
    queries: QuerySequence,
    keys: KeySequence,
    values: ValueSequence,
    mask: AttentionMask,
}

impl AttentionInputs {
    /// Rejects keys of another width than the queries
    /// (`ShapeMismatch { op: "scaled dot-product attention scores" }`), a
    /// value count other than the key count
    /// (`ShapeMismatch { op: "weighted value mixing" }`) and a mask of
    /// another shape than query length × key length
    /// (`ShapeMismatch { op: "attention masking" }`).
    pub fn new(
        queries: QuerySequence,
        keys: KeySequence,
        values: ValueSequence,
        mask: AttentionMask,
    ) -> MlResult<Self> {
        if keys.width() != queries.width() {
            return Err(MlError::ShapeMismatch {
                op: "scaled dot-product attention scores",
                expected: format!("keys of width {} (the query width d_k)", queries.width()),
                got: format!("keys of width {}", keys.width()),
            });
        }
        if values.len() != keys.len() {
            return Err(MlError::ShapeMismatch {
                op: "weighted value mixing",
                expected: format!("{} value rows", keys.len()),
                got: format!("{} value rows", values.len()),
            });
        }
        if (mask.query_len(), mask.key_len()) != (queries.len(), keys.len()) {
            return Err(MlError::ShapeMismatch {
                op: "attention masking",
                expected: format!("a {}x{} mask (query x key)", queries.len(), keys.len()),
                got: format!("a {}x{} mask", mask.query_len(), mask.key_len()),
            });
        }
        Ok(Self {
            queries,
            keys,
            values,
            mask,
        })
    }

    /// Inputs where every query may see every key.
    pub fn unmasked(
        queries: QuerySequence,
        keys: KeySequence,
        values: ValueSequence,
    ) -> MlResult<Self> {
        let mask = AttentionMask::new(vec![vec![true; keys.len()]; queries.len()])?;
        Self::new(queries, keys, values, mask)
    }

    /// The queries, one row per position asking.
    pub fn queries(&self) -> &QuerySequence {
        &self.queries
    }

    /// The keys, one row per position being asked about.
    pub fn keys(&self) -> &KeySequence {
        &self.keys
    }

    /// The values, one row per key.
    pub fn values(&self) -> &ValueSequence {
        &self.values
    }

    /// Which keys each query may see.
    pub fn mask(&self) -> &AttentionMask {
        &self.mask
    }
}
