// MUTANT `mask_after_softmax`: takes the softmax of the unmasked scores, then zeroes the blocked weights.
//! The whole formula, `softmax(QKᵀ/√d_k)·V`, as the arrow
//! [`ScaledDotProductAttention`]` : AttentionInputs → AttentionOutput`.
//!
//! Order matters: the mask is attached to the *scores* before the softmax,
//! which normalises each row over the keys its query may see and gives every
//! blocked key exactly 0, as a score of −∞ would on paper. Each row of
//! weights is then a distribution over the allowed keys. Zeroing weights
//! after the softmax would leave rows that no longer sum to 1, which
//! `typed_ai::Distribution` refuses. This file owns the order of the steps;
//! the scaling is in `scores.rs`.

use typed_ai::{
    AttentionOutput, AttentionWeights, Distribution, MlResult, Morphism, Product, stable_softmax,
};

use crate::inputs::AttentionInputs;
use crate::scores::ScaledScores;

/// `AttentionInputs → AttentionOutput`: scale, mask, softmax each query row,
/// then mix the values by the weights.
///
/// ```
/// use scaled_dot_product_attention::{AttentionInputs, ScaledDotProductAttention};
/// use typed_ai::{KeySequence, Morphism, QuerySequence, ValueSequence};
/// let inputs = AttentionInputs::unmasked(
///     QuerySequence::new(vec![vec![1.0, 0.0]])?,
///     KeySequence::new(vec![vec![1.0, 0.0], vec![1.0, 0.0]])?,
///     ValueSequence::new(vec![vec![2.0], vec![4.0]])?,
/// )?;
/// // Two equal scores: weights [0.5, 0.5], output 0.5·2 + 0.5·4 = 3.
/// let output = ScaledDotProductAttention.apply(inputs)?;
/// assert!((output.row(0)?[0] - 3.0).abs() < 1e-6);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScaledDotProductAttention;

impl ScaledDotProductAttention {
    /// The attention weights: one distribution over the keys per query,
    /// blocked keys weighted 0.
    pub fn weights(&self, inputs: &AttentionInputs) -> MlResult<AttentionWeights> {
        let scores = ScaledScores.apply(Product::new(
            inputs.queries().clone(),
            inputs.keys().clone(),
        ))?;
        let rows = scores
            .rows()
            .enumerate()
            .map(|(query, row)| {
                let weights = stable_softmax(row)?;
                let kept = weights
                    .probabilities()
                    .iter()
                    .enumerate()
                    .map(|(key, &weight)| {
                        if inputs.mask().allows(query, key) {
                            weight
                        } else {
                            0.0
                        }
                    })
                    .collect();
                Distribution::new(kept)
            })
            .collect::<MlResult<Vec<_>>>()?;
        AttentionWeights::new(rows)
    }
}

impl Morphism<AttentionInputs, AttentionOutput> for ScaledDotProductAttention {
    fn name(&self) -> String {
        "scaled_dot_product_attention".to_string()
    }

    fn apply(&self, inputs: AttentionInputs) -> MlResult<AttentionOutput> {
        let weights = self.weights(&inputs)?;
        // output[q] = Σ_k weight[q][k] · value[k]
        let width = inputs.values().width();
        let rows = weights
            .rows()
            .iter()
            .map(|distribution| {
                let mut mixed = vec![0.0; width];
                for (weight, value) in distribution
                    .probabilities()
                    .iter()
                    .zip(inputs.values().rows())
                {
                    for (out, v) in mixed.iter_mut().zip(value) {
                        *out += weight * v;
                    }
                }
                mixed
            })
            .collect();
        AttentionOutput::new(rows)
    }
}
