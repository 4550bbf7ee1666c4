// Chapter 10.2: mask before the softmax
//
// Softmax turns each query's scores into weights that sum to 1. A mask must
// act BEFORE that, on the scores: `MaskedAttentionScores` attaches the mask
// to them, and the softmax then shares each row among the allowed keys only,
// so blocked keys get 0 and every row still sums to 1.
//
// Zeroing blocked weights AFTER the softmax throws their share away, and the
// row no longer sums to 1. Dividing what is left by its sum would repair
// that on paper, but not in `f32`: a blocked key with a large score takes
// nearly all of the softmax first, the allowed weights underflow to 0, and
// there is nothing left to divide.
//
// `masked_weights` does the two steps in the wrong order. Fix it so the tests
// pass. The tests at the bottom are the definition of done: read them, do
// not edit them.

use typed_ai::{
    AttentionMask, AttentionScores, AttentionSoftmax, AttentionWeights, MaskedAttentionScores,
    MlResult, Morphism, Product,
};

/// Attention weights for `scores` in which blocked keys get no weight.
fn masked_weights(scores: AttentionScores, mask: AttentionMask) -> MlResult<AttentionWeights> {
    // Mask the scores first, then normalise: the softmax then shares each
    // row's probability among the allowed keys only.
    let masked = MaskedAttentionScores.apply(Product::new(scores, mask))?;
    AttentionSoftmax.apply(masked)
}

/// Two queries over three keys, where key 2 is blocked for both (for
/// example, key 2 is padding).
fn key_two_blocked() -> MlResult<AttentionMask> {
    AttentionMask::new(vec![vec![true, true, false], vec![true, true, false]])
}

fn main() -> MlResult<()> {
    let scores = AttentionScores::new(vec![vec![0.0, 0.0, 2f32.ln()], vec![3f32.ln(), 0.0, 0.0]])?;
    let weights = masked_weights(scores, key_two_blocked()?)?;
    for (query, row) in weights.to_rows().iter().enumerate() {
        let sum: f32 = row.iter().sum();
        println!("query {query}: {row:?} (sum {sum})");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weights_of(rows: Vec<Vec<f32>>) -> Vec<Vec<f32>> {
        let scores = AttentionScores::new(rows).unwrap();
        match masked_weights(scores, key_two_blocked().unwrap()) {
            Ok(weights) => weights.to_rows(),
            Err(error) => panic!(
                "masked_weights returned {error:?}: a row of weights is not a distribution \
                 over the allowed keys. The softmax gave the blocked key a share of the row \
                 before the mask could act; mask the scores before the softmax"
            ),
        }
    }

    fn assert_row(got: &[f32], want: [f32; 3], query: usize) {
        let close = got.iter().zip(want).all(|(g, w)| (g - w).abs() < 1e-5);
        assert!(
            close,
            "weights of query {query} are {got:?}, expected {want:?}"
        );
    }

    #[test]
    fn every_row_is_a_distribution_over_the_allowed_keys() {
        // Query 0 scores [0, 0, ln 2]: key 2 blocked, keys 0 and 1 tie, so
        // [1/2, 1/2, 0]. Query 1 scores [ln 3, 0, 0]: e^ln3 = 3 against
        // e^0 = 1, so [3/4, 1/4, 0].
        let rows = weights_of(vec![vec![0.0, 0.0, 2f32.ln()], vec![3f32.ln(), 0.0, 0.0]]);
        for (query, row) in rows.iter().enumerate() {
            let sum: f32 = row.iter().sum();
            assert!(
                (sum - 1.0).abs() < 1e-5,
                "row {query} of the attention weights sums to {sum}; softmax rows must sum to 1"
            );
        }
        assert_row(&rows[0], [0.5, 0.5, 0.0], 0);
        assert_row(&rows[1], [0.75, 0.25, 0.0], 1);
    }

    #[test]
    fn a_mask_works_whatever_the_range_of_the_scores() {
        // Scores far below the usual range: the mask must not care. Query 0
        // scores [-3e9, -3e9, 0] with key 2 blocked: the allowed keys tie, so
        // [1/2, 1/2, 0]. Query 1 scores [-2e9, -3e9, 5]: key 0 beats key 1 by
        // 1e9, so e^(-1e9) = 0 and [1, 0, 0]. A finite stand-in for "blocked"
        // such as -1e9 (PyTorch's `masked_fill(mask, -1e9)` idiom) would be
        // the largest score of both rows and take all the weight.
        let rows = weights_of(vec![vec![-3e9, -3e9, 0.0], vec![-2e9, -3e9, 5.0]]);
        assert_row(&rows[0], [0.5, 0.5, 0.0], 0);
        assert_row(&rows[1], [1.0, 0.0, 0.0], 1);
    }

    #[test]
    fn a_blocked_key_with_a_huge_score_changes_nothing() {
        // Key 2 has by far the largest score, but it is blocked: the two
        // allowed keys tie, so each gets 1/2.
        let rows = weights_of(vec![vec![-1000.0, -1000.0, 0.0], vec![1.0, 1.0, 1000.0]]);
        assert_row(&rows[0], [0.5, 0.5, 0.0], 0);
        assert_row(&rows[1], [0.5, 0.5, 0.0], 1);
    }
}

// Wrong fixes this file's tests reject:
// - keeping the softmax first and dividing the kept weights by their sum:
//   exact on paper, but the row [1, 1, 1000] with key 2 blocked underflows
//   to [0, 0, 1] before the mask acts, 0 / 0 is NaN, and
//   `a_blocked_key_with_a_huge_score_changes_nothing` fails.
// - masking the weights with `MaskedAttentionScores` after the softmax: it
//   takes scores, not weights, so rustc refuses it (the hint under that
//   error says why).
// - writing a large negative number such as -1e9 into the blocked scores
//   before the softmax (PyTorch's `masked_fill(mask, -1e9)`): it passes
//   while every real score is far above -1e9, and fails
//   `a_mask_works_whatever_the_range_of_the_scores`, whose allowed scores
//   are lower still (as in chapter 10.5).
