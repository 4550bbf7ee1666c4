//! The scores of scaled dot-product attention:
//! [`ScaledScores`]` : QuerySequence × KeySequence → AttentionScores`,
//! `scores[q][k] = (query q · key k) / √d_k`.
//!
//! The divisor is the square root of the head width: a dot product of
//! `d_k` terms of unit variance has variance `d_k`, so dividing by `√d_k`
//! gives scores of unit spread whatever the width, and the softmax does not
//! saturate as heads get wider. The orientation (queries on the rows, keys
//! on the columns) is not decided here but by the type of the grid
//! (`grid.rs`); masks, the softmax and the values are in `attention.rs`.

use typed_ai::{AttentionScores, KeySequence, MlResult, Morphism, Product, QuerySequence};

use crate::grid::ScoreGrid;

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
        let scale = (queries.width() as f32).sqrt();
        ScoreGrid::pairing(&queries, &keys, |query, key| {
            query.iter().zip(key).map(|(q, k)| q * k).sum::<f32>() / scale
        })?
        .into_attention_scores()
    }
}
