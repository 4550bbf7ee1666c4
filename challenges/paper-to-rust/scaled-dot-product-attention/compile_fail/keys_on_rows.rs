//! Must not compile: the score grid built with keys on the rows, K·Qᵀ.
//! It holds the right numbers transposed, so the softmax would normalise
//! over the queries instead of over the keys of each query; its type,
//! `ScoreGrid<KeySequence, QuerySequence>`, has no way to become
//! attention scores.

use scaled_dot_product_attention::ScoreGrid;
use typed_ai::{AttentionScores, KeySequence, MlResult, QuerySequence};

/// K·Qᵀ / √d_k, offered as attention scores.
pub fn keys_on_rows(queries: &QuerySequence, keys: &KeySequence) -> MlResult<AttentionScores> {
    let scale = (queries.width() as f32).sqrt();
    ScoreGrid::pairing(keys, queries, |key, query| {
        key.iter().zip(query).map(|(k, q)| k * q).sum::<f32>() / scale
    })?
    .into_attention_scores()
}
