//! The arrow that puts a mask on the scores: `MaskedAttentionScores`.
//!
//! Which cells a mask blocks is `mask.rs`'s business; what the scores are is
//! `scores.rs`'s. This file joins the two: the masked scores carry the grid
//! of allowed cells into the softmax, which normalises each query row over
//! its allowed keys only.

use crate::category::Morphism;
use crate::domain::Product;
use crate::error::MlResult;

use super::mask::AttentionMask;
use super::scores::AttentionScores;

/// `AttentionScores × AttentionMask → AttentionScores`: the same scores,
/// now carrying the mask, so that `AttentionSoftmax` normalises each row
/// over the allowed keys only and gives every blocked key weight exactly 0.
///
/// The score values are left as they are: a blocked cell is not given some
/// very negative number, it is marked as not taking part. Masking scores
/// that already carry a mask keeps both masks' blocks (a causal mask and a
/// padding mask together block the union of their cells).
///
/// Apply it *before* `AttentionSoftmax`: masking the weights afterwards
/// leaves rows that no longer sum to 1.
///
/// Fails with `ShapeMismatch { op: "attention masking", .. }` when the mask is
/// not query length × key length, or when combining it with the mask the
/// scores already carry leaves a query with no key.
///
/// ```
/// use typed_ai::{AttentionMask, AttentionScores, AttentionSoftmax, MaskedAttentionScores, Morphism, Product, SequenceLength};
/// let scores = AttentionScores::new(vec![vec![0.3, 0.7], vec![0.1, 0.2]])?;
/// let mask = AttentionMask::causal(SequenceLength::new(2)?);
/// let masked = MaskedAttentionScores.apply(Product::new(scores, mask))?;
/// assert_eq!(masked.to_rows(), vec![vec![0.3, 0.7], vec![0.1, 0.2]]); // the scores are kept
/// assert!(masked.allows(0, 0) && !masked.allows(0, 1)); // and so is the mask
/// // Query 0 may see key 0 only: all its weight is there, and key 1 gets exactly 0.
/// assert_eq!(AttentionSoftmax.apply(masked)?.to_rows()[0], vec![1.0, 0.0]);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MaskedAttentionScores;

impl Morphism<Product<AttentionScores, AttentionMask>, AttentionScores> for MaskedAttentionScores {
    fn name(&self) -> String {
        "masked_attention_scores".to_string()
    }

    fn apply(&self, input: Product<AttentionScores, AttentionMask>) -> MlResult<AttentionScores> {
        let (scores, mask) = input.into_parts();
        let combined = scores.mask().intersect(&mask)?;
        Ok(scores.with_mask(combined))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attention::sequence::SequenceLength;
    use crate::error::MlError;
    use std::f32::consts::FRAC_1_SQRT_2;

    fn len(n: usize) -> SequenceLength {
        SequenceLength::new(n).unwrap()
    }

    #[test]
    fn masking_keeps_the_scores_and_attaches_the_mask() {
        let scores = AttentionScores::new(vec![vec![FRAC_1_SQRT_2, 0.0, FRAC_1_SQRT_2]]).unwrap();
        assert!(scores.allows(0, 1), "unmasked scores allow every key");
        let mask = AttentionMask::new(vec![vec![true, false, true]]).unwrap();
        let masked = MaskedAttentionScores
            .apply(Product::new(scores, mask.clone()))
            .unwrap();
        assert_eq!(
            masked.to_rows(),
            vec![vec![FRAC_1_SQRT_2, 0.0, FRAC_1_SQRT_2]]
        );
        assert_eq!(masked.mask(), &mask);
        assert!(masked.allows(0, 0) && !masked.allows(0, 1) && masked.allows(0, 2));
    }

    #[test]
    fn masking_twice_keeps_both_masks_blocks() {
        // Causal blocks the upper triangle; padding with valid length 2
        // blocks key 2 for everyone. Together: query 2 sees keys 0 and 1.
        let scores = AttentionScores::new(vec![vec![0.0; 3]; 3]).unwrap();
        let causal = MaskedAttentionScores
            .apply(Product::new(scores, AttentionMask::causal(len(3))))
            .unwrap();
        let both = MaskedAttentionScores
            .apply(Product::new(
                causal,
                AttentionMask::padding(len(3), len(2)).unwrap(),
            ))
            .unwrap();
        assert_eq!(both.mask().to_string(), "1 0 0\n1 1 0\n1 1 0");
    }

    #[test]
    fn masks_that_together_block_a_whole_row_are_rejected() {
        let scores = AttentionScores::new(vec![vec![1.0, 2.0]]).unwrap();
        let left = AttentionMask::new(vec![vec![true, false]]).unwrap();
        let right = AttentionMask::new(vec![vec![false, true]]).unwrap();
        let once = MaskedAttentionScores
            .apply(Product::new(scores, left))
            .unwrap();
        assert_eq!(
            MaskedAttentionScores.apply(Product::new(once, right)),
            Err(MlError::ShapeMismatch {
                op: "attention masking",
                expected: "at least one key in every query row allowed by every mask applied"
                    .into(),
                got: "query row 0 allows no key once the masks are combined".into(),
            })
        );
    }

    #[test]
    fn mask_shape_must_match_the_scores() {
        let scores = AttentionScores::new(vec![vec![1.0, 2.0, 3.0]; 3]).unwrap();
        assert_eq!(
            MaskedAttentionScores.apply(Product::new(scores, AttentionMask::causal(len(2)))),
            Err(MlError::ShapeMismatch {
                op: "attention masking",
                expected: "a 3x3 mask (query x key, as the scores)".into(),
                got: "a 2x2 mask".into(),
            })
        );
    }
}
