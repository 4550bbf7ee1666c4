//! Which keys each query may see: the [`MaskKind`] policies (full, causal,
//! padding) and the [`AttentionMask`] they produce for a given length. The
//! arrow that attaches a mask to the scores is in `masking.rs`.
//!
//! A mask acts *inside* the softmax, not through a score value: masked
//! [`AttentionScores`](super::AttentionScores) carry the grid of allowed cells, and `AttentionSoftmax`
//! normalises each query row over its allowed keys only, giving every
//! blocked key a weight of exactly `0.0`. On paper a blocked score is `-∞`
//! (the identity of `max`: it never wins, and `e^-∞ = 0`). A finite stand-in
//! such as `-1e9` would not be: an allowed score of `-2e9` loses to it, and
//! the blocked key takes the whole row. Carrying the mask has no such
//! threshold, for any finite scores. This module decides which cells are
//! blocked; normalising the rows is `softmax`'s job.

use std::fmt;

use crate::domain::Matrix;
use crate::error::{MlError, MlResult};

use super::sequence::SequenceLength;

/// The closed set of masking policies.
///
/// ```
/// use typed_ai::{MaskKind, SequenceLength};
/// assert!(MaskKind::Causal.allows(2, 1));   // query 2 may look back at key 1
/// assert!(!MaskKind::Causal.allows(1, 2));  // but query 1 may not peek at key 2
/// let padding = MaskKind::Padding { valid_len: SequenceLength::new(3)? };
/// assert!(padding.allows(0, 2) && !padding.allows(0, 3));
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MaskKind {
    /// Every query sees every key (an encoder, or no mask at all).
    Full,
    /// Query `i` sees key `j` only when `j <= i`: no peeking at the future,
    /// as a next-token model requires.
    Causal,
    /// Keys at positions `valid_len` and later are padding, added only to
    /// make sequences the same length; nobody may attend to them.
    Padding {
        /// How many leading positions hold real tokens.
        valid_len: SequenceLength,
    },
}

impl MaskKind {
    /// Whether `query` may attend to `key` under this policy.
    pub fn allows(self, query: usize, key: usize) -> bool {
        match self {
            MaskKind::Full => true,
            MaskKind::Causal => key <= query,
            MaskKind::Padding { valid_len } => key < valid_len.get(),
        }
    }
}

/// A query × key grid of allowed (`true`) and blocked (`false`) cells, in
/// which every query row allows at least one key.
///
/// The last condition is what keeps the softmax meaningful: a row with no
/// allowed key has nothing to normalise over.
///
/// ```
/// use typed_ai::{AttentionMask, SequenceLength};
/// let mask = AttentionMask::causal(SequenceLength::new(3)?);
/// assert_eq!(mask.to_string(), "1 0 0\n1 1 0\n1 1 1");
/// assert!(mask.allows(2, 0) && !mask.allows(0, 2));
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttentionMask {
    query_len: usize,
    key_len: usize,
    allowed: Vec<bool>,
}

impl AttentionMask {
    /// A mask from its rows, one per query, `true` where the key is allowed.
    ///
    /// Rejects no rows or empty rows (`EmptyInput("attention mask")`), rows of
    /// unequal length, and a query row that allows no key (both
    /// `ShapeMismatch { op: "attention mask", .. }`).
    pub fn new(rows: Vec<Vec<bool>>) -> MlResult<Self> {
        let key_len = rows.first().map_or(0, Vec::len);
        if rows.is_empty() || key_len == 0 {
            return Err(MlError::EmptyInput("attention mask"));
        }
        if let Some((query, row)) = rows.iter().enumerate().find(|(_, r)| r.len() != key_len) {
            return Err(MlError::ShapeMismatch {
                op: "attention mask",
                expected: format!("{key_len} key columns in every query row"),
                got: format!("query row {query} with {} key columns", row.len()),
            });
        }
        if let Some(query) = rows.iter().position(|row| !row.contains(&true)) {
            return Err(MlError::ShapeMismatch {
                op: "attention mask",
                expected: "at least one allowed key in every query row".into(),
                got: format!("query row {query} allows no key"),
            });
        }
        Ok(Self {
            query_len: rows.len(),
            key_len,
            allowed: rows.into_iter().flatten().collect(),
        })
    }

    /// The `len × len` mask of `kind`.
    ///
    /// Fails only for a padding mask whose valid length exceeds `len`.
    pub fn from_kind(kind: MaskKind, len: SequenceLength) -> MlResult<Self> {
        if let MaskKind::Padding { valid_len } = kind
            && valid_len > len
        {
            return Err(MlError::ShapeMismatch {
                op: "padding mask",
                expected: format!("valid length at most the sequence length {}", len.get()),
                got: format!("valid length {}", valid_len.get()),
            });
        }
        Ok(Self::square(kind, len))
    }

    /// Every query sees every key.
    pub fn full(len: SequenceLength) -> Self {
        Self::square(MaskKind::Full, len)
    }

    /// Query `i` sees keys `0..=i`: the lower triangle, diagonal included.
    pub fn causal(len: SequenceLength) -> Self {
        Self::square(MaskKind::Causal, len)
    }

    /// A sequence of `len` positions whose first `valid_len` are real tokens:
    /// every query sees exactly the keys before `valid_len`.
    ///
    /// ```
    /// use typed_ai::{AttentionMask, MlError, SequenceLength};
    /// let mask = AttentionMask::padding(SequenceLength::new(4)?, SequenceLength::new(3)?)?;
    /// assert!(mask.allows(3, 2) && !mask.allows(0, 3));
    /// assert!(matches!(
    ///     AttentionMask::padding(SequenceLength::new(2)?, SequenceLength::new(3)?),
    ///     Err(MlError::ShapeMismatch { op: "padding mask", .. })
    /// ));
    /// # Ok::<(), MlError>(())
    /// ```
    pub fn padding(len: SequenceLength, valid_len: SequenceLength) -> MlResult<Self> {
        Self::from_kind(MaskKind::Padding { valid_len }, len)
    }

    /// The `len × len` grid of `kind.allows`. Every kind allows key 0 to
    /// every query (causal: `0 <= i`; padding: `0 < valid_len`), so no row is
    /// ever empty; only the padding length needs checking, in `from_kind`.
    fn square(kind: MaskKind, len: SequenceLength) -> Self {
        let n = len.get();
        Self {
            query_len: n,
            key_len: n,
            allowed: (0..n)
                .flat_map(|query| (0..n).map(move |key| kind.allows(query, key)))
                .collect(),
        }
    }

    /// The number of query rows.
    pub fn query_len(&self) -> usize {
        self.query_len
    }

    /// The number of key columns.
    pub fn key_len(&self) -> usize {
        self.key_len
    }

    /// Whether `query` may attend to `key`; `false` outside the grid.
    pub fn allows(&self, query: usize, key: usize) -> bool {
        query < self.query_len && key < self.key_len && self.allowed[query * self.key_len + key]
    }

    /// The mask of `scores`' shape that blocks nothing: what unmasked scores
    /// carry. A matrix has at least one row and one column, so every row
    /// allows a key.
    pub(super) fn allowing_all(scores: &Matrix) -> Self {
        Self {
            query_len: scores.rows(),
            key_len: scores.cols(),
            allowed: vec![true; scores.as_row_major().len()],
        }
    }

    /// The query rows, in order, `true` where the key is allowed.
    pub(super) fn row_iter(&self) -> impl Iterator<Item = &[bool]> {
        self.allowed.chunks_exact(self.key_len)
    }

    /// The cells both masks allow: masking scores that are already masked
    /// keeps every earlier block. Fails when the shapes differ or when some
    /// query row would be left with no allowed key.
    pub(super) fn intersect(&self, other: &Self) -> MlResult<Self> {
        let shape = (self.query_len, self.key_len);
        if (other.query_len, other.key_len) != shape {
            return Err(MlError::ShapeMismatch {
                op: "attention masking",
                expected: format!(
                    "a {}x{} mask (query x key, as the scores)",
                    shape.0, shape.1
                ),
                got: format!("a {}x{} mask", other.query_len, other.key_len),
            });
        }
        let allowed: Vec<bool> = self
            .allowed
            .iter()
            .zip(&other.allowed)
            .map(|(&a, &b)| a && b)
            .collect();
        if let Some(query) = allowed
            .chunks_exact(self.key_len)
            .position(|row| !row.contains(&true))
        {
            return Err(MlError::ShapeMismatch {
                op: "attention masking",
                expected: "at least one key in every query row allowed by every mask applied"
                    .into(),
                got: format!("query row {query} allows no key once the masks are combined"),
            });
        }
        Ok(Self {
            query_len: shape.0,
            key_len: shape.1,
            allowed,
        })
    }
}

impl fmt::Display for AttentionMask {
    /// One line per query, `1` for an allowed key and `0` for a blocked one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (query, row) in self.allowed.chunks_exact(self.key_len).enumerate() {
            if query > 0 {
                writeln!(f)?;
            }
            let cells: Vec<&str> = row.iter().map(|&a| if a { "1" } else { "0" }).collect();
            write!(f, "{}", cells.join(" "))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn len(n: usize) -> SequenceLength {
        SequenceLength::new(n).unwrap()
    }

    #[test]
    fn causal_is_the_lower_triangle() {
        let mask = AttentionMask::causal(len(4));
        for query in 0..4 {
            for key in 0..4 {
                assert_eq!(
                    mask.allows(query, key),
                    key <= query,
                    "query {query}, key {key}"
                );
            }
        }
        assert_eq!(mask.to_string(), "1 0 0 0\n1 1 0 0\n1 1 1 0\n1 1 1 1");
    }

    #[test]
    fn full_allows_everything_and_padding_blocks_the_tail() {
        assert_eq!(AttentionMask::full(len(2)).to_string(), "1 1\n1 1");
        let mask = AttentionMask::padding(len(4), len(3)).unwrap();
        // Key 3 is padding for every query, including query 3 itself.
        assert_eq!(mask.to_string(), "1 1 1 0\n1 1 1 0\n1 1 1 0\n1 1 1 0");
        // A valid length equal to the length is a mask that blocks nothing.
        assert_eq!(
            AttentionMask::padding(len(2), len(2)).unwrap(),
            AttentionMask::full(len(2))
        );
    }

    #[test]
    fn padding_longer_than_the_sequence_is_rejected() {
        assert_eq!(
            AttentionMask::padding(len(2), len(3)),
            Err(MlError::ShapeMismatch {
                op: "padding mask",
                expected: "valid length at most the sequence length 2".into(),
                got: "valid length 3".into(),
            })
        );
    }

    #[test]
    fn from_kind_agrees_with_the_named_constructors() {
        assert_eq!(
            AttentionMask::from_kind(MaskKind::Causal, len(3)).unwrap(),
            AttentionMask::causal(len(3))
        );
        assert_eq!(
            AttentionMask::from_kind(MaskKind::Full, len(3)).unwrap(),
            AttentionMask::full(len(3))
        );
    }

    #[test]
    fn general_constructor_rejections() {
        assert_eq!(
            AttentionMask::new(vec![]),
            Err(MlError::EmptyInput("attention mask"))
        );
        assert_eq!(
            AttentionMask::new(vec![vec![]]),
            Err(MlError::EmptyInput("attention mask"))
        );
        assert!(matches!(
            AttentionMask::new(vec![vec![true, false], vec![true]]),
            Err(MlError::ShapeMismatch {
                op: "attention mask",
                ..
            })
        ));
        assert_eq!(
            AttentionMask::new(vec![vec![true, false], vec![false, false]]),
            Err(MlError::ShapeMismatch {
                op: "attention mask",
                expected: "at least one allowed key in every query row".into(),
                got: "query row 1 allows no key".into(),
            })
        );
        // A rectangular mask (two queries, three keys) is fine.
        let mask =
            AttentionMask::new(vec![vec![true, false, true], vec![false, true, false]]).unwrap();
        assert_eq!((mask.query_len(), mask.key_len()), (2, 3));
        assert!(!mask.allows(2, 0) && !mask.allows(0, 3));
    }
}
