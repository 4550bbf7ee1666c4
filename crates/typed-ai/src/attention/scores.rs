//! Attention scores and the arrow that computes them:
//! `ScaledDotProductScores : QuerySequence × KeySequence → AttentionScores`,
//! `scores[q][k] = (query q · key k) / √d_k`.
//!
//! The shape is the lesson: queries own the rows and keys own the columns,
//! so the matrix is query length × key length. Dividing by `√d_k` (not `d_k`)
//! keeps the spread of the scores about the same whatever the head width,
//! because a dot product of `d_k` unit-variance terms has variance `d_k`.
//! Masking and normalising the rows are separate arrows (`mask`, `softmax`);
//! the scores only carry the mask between them.

use crate::category::Morphism;
use crate::domain::{Matrix, Product, check_finite};
use crate::error::{MlError, MlResult};

use super::mask::AttentionMask;
use super::sequence::{KeySequence, QuerySequence};

/// Attention scores: one row per query, one column per key, every entry
/// finite, and the [`AttentionMask`] of the cells the softmax may weight.
///
/// A score is how well a query matches a key. Scores built from numbers
/// allow every cell; `MaskedAttentionScores` attaches a mask, and
/// `AttentionSoftmax` then gives each blocked cell weight exactly 0 whatever
/// its score. The accessors read every cell's score, blocked or not; the mask
/// is read with [`allows`](Self::allows) and [`mask`](Self::mask).
/// Infinities are rejected, so the softmax never sees `inf - inf`.
///
/// ```
/// use typed_ai::{AttentionScores, MlError};
/// let scores = AttentionScores::new(vec![vec![0.5, -1.0, 2.0], vec![0.0, 0.0, 0.0]])?;
/// assert_eq!((scores.query_len(), scores.key_len()), (2, 3));
/// assert_eq!(scores.get(0, 2), Some(2.0));
/// assert!(scores.allows(1, 2)); // nothing is masked yet
/// assert!(matches!(
///     AttentionScores::new(vec![vec![f32::NEG_INFINITY]]),
///     Err(MlError::InvalidScalar { kind: "attention score", .. })
/// ));
/// # Ok::<(), MlError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct AttentionScores {
    scores: Matrix,
    mask: AttentionMask,
}

impl AttentionScores {
    /// Scores from their rows, one row per query, one column per key; every
    /// cell allowed.
    ///
    /// Rejects no rows or empty rows (`EmptyInput("attention scores")`), rows
    /// of unequal length (`ShapeMismatch { op: "attention scores", .. }`) and
    /// non-finite scores (`InvalidScalar { kind: "attention score", .. }`).
    pub fn new(rows: Vec<Vec<f32>>) -> MlResult<Self> {
        let key_len = rows.first().map_or(0, Vec::len);
        if rows.is_empty() || key_len == 0 {
            return Err(MlError::EmptyInput("attention scores"));
        }
        if let Some((query, row)) = rows.iter().enumerate().find(|(_, r)| r.len() != key_len) {
            return Err(MlError::ShapeMismatch {
                op: "attention scores",
                expected: format!("{key_len} key columns in every query row"),
                got: format!("query row {query} with {} key columns", row.len()),
            });
        }
        Self::from_row_major(rows.len(), key_len, rows.into_iter().flatten().collect())
    }

    /// Scores from a query × key matrix; every cell allowed.
    pub fn from_matrix(matrix: Matrix) -> Self {
        let mask = AttentionMask::allowing_all(&matrix);
        Self {
            scores: matrix,
            mask,
        }
    }

    /// Validates finiteness with this type's own error, then packs the scores.
    fn from_row_major(query_len: usize, key_len: usize, scores: Vec<f32>) -> MlResult<Self> {
        check_finite(&scores, "attention score")?;
        Matrix::from_row_major(query_len, key_len, scores).map(Self::from_matrix)
    }

    /// The same scores carrying `mask`, which the caller has checked to be
    /// of their shape (`MaskedAttentionScores` combines it with the old one).
    pub(super) fn with_mask(self, mask: AttentionMask) -> Self {
        Self {
            scores: self.scores,
            mask,
        }
    }

    /// The number of query rows.
    pub fn query_len(&self) -> usize {
        self.scores.rows()
    }

    /// The number of key columns.
    pub fn key_len(&self) -> usize {
        self.scores.cols()
    }

    /// The scores of one query against every key, or `OutOfRange`.
    pub fn row(&self, query: usize) -> MlResult<&[f32]> {
        self.scores.row(query).map_err(|_| MlError::OutOfRange {
            kind: "attention score row",
            index: query,
            limit: self.scores.rows(),
        })
    }

    /// The query rows, in order.
    pub fn rows(&self) -> impl Iterator<Item = &[f32]> {
        self.scores.row_iter()
    }

    /// The score of `query` against `key`, or `None` outside the matrix.
    pub fn get(&self, query: usize, key: usize) -> Option<f32> {
        self.scores.get(query, key)
    }

    /// The rows copied out as nested vectors.
    pub fn to_rows(&self) -> Vec<Vec<f32>> {
        self.scores.row_iter().map(<[f32]>::to_vec).collect()
    }

    /// The query × key matrix behind the scores.
    pub fn as_matrix(&self) -> &Matrix {
        &self.scores
    }

    /// Which cells the softmax may weight: all of them until a mask is
    /// applied.
    pub fn mask(&self) -> &AttentionMask {
        &self.mask
    }

    /// Whether `query` may attend to `key`; `false` outside the matrix.
    pub fn allows(&self, query: usize, key: usize) -> bool {
        self.mask.allows(query, key)
    }
}

/// `QuerySequence × KeySequence → AttentionScores`: every query dotted with
/// every key, divided by `√d_k` (the query width).
///
/// This arrow has exactly one `Morphism` impl, so rustc knows the product it
/// expects and a swapped `Product::new(keys, queries)` is reported as
/// "expected `QuerySequence`, found `KeySequence`".
///
/// Worked example (the one in the `scaled-dot-product-attention`
/// paper-to-Rust challenge): the query `[1, 0]` against keys
/// `[1, 0]`, `[0, 1]`, `[1, 1]` has dot products `1, 0, 1`; with `d_k = 2`
/// they become `1/√2 ≈ 0.7071, 0, 0.7071`.
///
/// ```
/// use typed_ai::{KeySequence, Morphism, Product, QuerySequence, ScaledDotProductScores};
/// let queries = QuerySequence::new(vec![vec![1.0, 0.0]])?;
/// let keys = KeySequence::new(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]])?;
/// let scores = ScaledDotProductScores.apply(Product::new(queries, keys))?;
/// assert_eq!((scores.query_len(), scores.key_len()), (1, 3));
/// let row = scores.row(0)?;
/// assert!((row[0] - 0.7071).abs() < 1e-4 && row[1] == 0.0 && (row[2] - 0.7071).abs() < 1e-4);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScaledDotProductScores;

impl Morphism<Product<QuerySequence, KeySequence>, AttentionScores> for ScaledDotProductScores {
    fn name(&self) -> String {
        "scaled_dot_product_scores".to_string()
    }

    fn apply(&self, input: Product<QuerySequence, KeySequence>) -> MlResult<AttentionScores> {
        let (queries, keys) = input.into_parts();
        let head_dim = queries.width();
        if keys.width() != head_dim {
            return Err(MlError::ShapeMismatch {
                op: "scaled dot-product attention scores",
                expected: format!("key head dimension {head_dim} (the query head dimension)"),
                got: format!("key head dimension {}", keys.width()),
            });
        }
        // Queries on the rows, keys on the columns: row q is query q dotted
        // with every key. Computed here rather than with `Matrix::matmul` so
        // an overflow is reported as an attention score, not a matrix entry.
        let scale = (head_dim as f32).sqrt();
        let scaled = queries
            .rows()
            .flat_map(|query| {
                keys.rows()
                    .map(move |key| query.iter().zip(key).map(|(q, k)| q * k).sum::<f32>() / scale)
            })
            .collect();
        AttentionScores::from_row_major(queries.len(), keys.len(), scaled)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attention::sequence::{KeySequence, QuerySequence};
    use std::f32::consts::{FRAC_1_SQRT_2, SQRT_2};

    fn close(a: f32, b: f32) -> bool {
        (a - b).abs() < 1e-4
    }

    #[test]
    fn card_example_divides_by_root_dk() {
        // q = [1, 0]; keys [1, 0], [0, 1], [1, 1]: dots 1, 0, 1; √2 = 1.41421,
        // so the row is [0.70711, 0, 0.70711]. Dividing by d_k = 2 instead
        // would give 0.5, which this test rejects.
        let queries = QuerySequence::new(vec![vec![1.0, 0.0]]).unwrap();
        let keys = KeySequence::new(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]]).unwrap();
        let scores = ScaledDotProductScores
            .apply(Product::new(queries, keys))
            .unwrap();
        let row = scores.row(0).unwrap();
        assert!(close(row[0], FRAC_1_SQRT_2), "score 0 was {}", row[0]);
        assert_eq!(row[1], 0.0);
        assert!(close(row[2], FRAC_1_SQRT_2), "score 2 was {}", row[2]);
    }

    #[test]
    fn shape_is_query_length_by_key_length() {
        // Two queries against three keys: 2 × 3, never 3 × 2.
        let queries = QuerySequence::new(vec![vec![1.0, 0.0], vec![0.0, 2.0]]).unwrap();
        let keys = KeySequence::new(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]]).unwrap();
        let scores = ScaledDotProductScores
            .apply(Product::new(queries, keys))
            .unwrap();
        assert_eq!((scores.query_len(), scores.key_len()), (2, 3));
        // Query 1 = [0, 2]: dots 0, 2, 2, over √2: 0, 1.41421, 1.41421.
        let row = scores.row(1).unwrap();
        assert!(close(row[0], 0.0) && close(row[1], SQRT_2) && close(row[2], SQRT_2));
    }

    #[test]
    fn width_one_is_unscaled() {
        // √1 = 1: a 1-wide head is a plain product, 3 · −2 = −6.
        let queries = QuerySequence::new(vec![vec![3.0]]).unwrap();
        let keys = KeySequence::new(vec![vec![-2.0]]).unwrap();
        let scores = ScaledDotProductScores
            .apply(Product::new(queries, keys))
            .unwrap();
        assert_eq!(scores.get(0, 0), Some(-6.0));
    }

    #[test]
    fn query_and_key_widths_must_agree() {
        let queries = QuerySequence::new(vec![vec![1.0, 0.0]]).unwrap();
        let keys = KeySequence::new(vec![vec![1.0, 0.0, 0.0]]).unwrap();
        assert_eq!(
            ScaledDotProductScores.apply(Product::new(queries, keys)),
            Err(MlError::ShapeMismatch {
                op: "scaled dot-product attention scores",
                expected: "key head dimension 2 (the query head dimension)".into(),
                got: "key head dimension 3".into(),
            })
        );
    }

    #[test]
    fn overflowing_scores_are_rejected_not_passed_on() {
        // 1e30 · 1e30 overflows f32 to +inf; the scores refuse it.
        let queries = QuerySequence::new(vec![vec![1e30]]).unwrap();
        let keys = KeySequence::new(vec![vec![1e30]]).unwrap();
        assert!(matches!(
            ScaledDotProductScores.apply(Product::new(queries, keys)),
            Err(MlError::InvalidScalar {
                kind: "attention score",
                ..
            })
        ));
    }

    #[test]
    fn score_constructor_rejections() {
        assert_eq!(
            AttentionScores::new(vec![]),
            Err(MlError::EmptyInput("attention scores"))
        );
        assert_eq!(
            AttentionScores::new(vec![vec![]]),
            Err(MlError::EmptyInput("attention scores"))
        );
        assert_eq!(
            AttentionScores::new(vec![vec![1.0, 2.0], vec![3.0]]),
            Err(MlError::ShapeMismatch {
                op: "attention scores",
                expected: "2 key columns in every query row".into(),
                got: "query row 1 with 1 key columns".into(),
            })
        );
        assert_eq!(
            AttentionScores::new(vec![vec![f32::NEG_INFINITY]]),
            Err(MlError::InvalidScalar {
                kind: "attention score",
                value: f32::NEG_INFINITY
            })
        );
        let scores = AttentionScores::new(vec![vec![1.0, 2.0]]).unwrap();
        assert_eq!(scores.row(0).unwrap(), &[1.0, 2.0]);
        assert!(matches!(
            scores.row(1),
            Err(MlError::OutOfRange {
                kind: "attention score row",
                index: 1,
                limit: 1
            })
        ));
        assert_eq!(scores.get(0, 2), None);
    }
}
