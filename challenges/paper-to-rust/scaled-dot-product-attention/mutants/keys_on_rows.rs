// MUTANT `keys_on_rows`: builds the score matrix with keys on the rows (K·Qᵀ), key length x query length.
//! The scores of scaled dot-product attention:
//! [`ScaledScores`]` : QuerySequence × KeySequence → AttentionScores`,
//! `scores[q][k] = (query q · key k) / √d_k`.
//!
//! Queries own the rows and keys own the columns, so the matrix is query
//! length × key length. The divisor is the square root of the head width:
//! a dot product of `d_k` terms of unit variance has variance `d_k`, so
//! dividing by `√d_k` gives scores of unit spread whatever the width, and the
//! softmax does not saturate as heads get wider. Masks, the softmax and the
//! values are in `attention.rs`.

use typed_ai::{AttentionScores, KeySequence, MlError, MlResult, Morphism, Product, QuerySequence};

/// `QuerySequence × KeySequence → AttentionScores`: every query dotted with
/// every key, divided by `√d_k`.
///
/// ```
/// use scaled_dot_product_attention::ScaledScores;
/// use typed_ai::{KeySequence, Morphism, Product, QuerySequence};
/// let queries = QuerySequence::new(vec![vec![1.0, 1.0, 1.0, 1.0]])?;
/// let keys = KeySequence::new(vec![vec![1.0, 1.0, 1.0, 1.0]])?;
/// // 4 / √4 = 2
/// let scores = ScaledScores.apply(Product::new(queries, keys))?;
/// assert_eq!(scores.get(0, 0), Some(2.0));
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScaledScores;

impl Morphism<Product<QuerySequence, KeySequence>, AttentionScores> for ScaledScores {
    fn name(&self) -> String {
        "scaled_scores".to_string()
    }

    fn apply(&self, input: Product<QuerySequence, KeySequence>) -> MlResult<AttentionScores> {
        let (queries, keys) = input.into_parts();
        let d_k = queries.width();
        if keys.width() != d_k {
            return Err(MlError::ShapeMismatch {
                op: "scaled dot-product attention scores",
                expected: format!("keys of width {d_k} (the query width d_k)"),
                got: format!("keys of width {}", keys.width()),
            });
        }
        let scale = (d_k as f32).sqrt();
        let rows = keys
            .rows()
            .map(|key| {
                queries
                    .rows()
                    .map(|query| query.iter().zip(key).map(|(q, k)| q * k).sum::<f32>() / scale)
                    .collect()
            })
            .collect();
        AttentionScores::new(rows)
    }
}
