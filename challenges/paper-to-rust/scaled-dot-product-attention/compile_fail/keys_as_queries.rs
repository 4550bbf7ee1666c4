//! Must not compile: keys passed where the queries belong. Queries ask,
//! keys are asked about; they come from different projections of the
//! stream, so the scores arrow takes them as different types.

use scaled_dot_product_attention::ScaledScores;
use typed_ai::{AttentionScores, KeySequence, MlResult, Morphism, Product};

/// Scores of the keys against themselves.
pub fn keys_against_keys(keys: KeySequence) -> MlResult<AttentionScores> {
    ScaledScores.apply(Product::new(keys.clone(), keys))
}
