//! Attention weights and the row softmax that produces them:
//! `AttentionSoftmax : AttentionScores → AttentionWeights`.
//!
//! Each query row is normalised on its own into a [`Distribution`] over the
//! keys, so every row of weights is non-negative and sums to 1. The
//! normalisation runs over the keys the scores' mask allows, and only those:
//! a blocked key gets weight exactly `0.0` and takes no part in the row's
//! maximum or sum, which is what a score of `-∞` would do on paper. The
//! allowed scores go through `ml::stable_softmax`, the function `Softmax`
//! uses on logits: it subtracts their maximum before exponentiating, which
//! leaves the result unchanged (softmax ignores a constant shift) and keeps
//! `exp` from overflowing, so rows of scores like `[1000, 1000]` give
//! `[0.5, 0.5]`, not `NaN`. Which keys are blocked is decided in `mask`.

use crate::category::Morphism;
use crate::domain::{Distribution, Matrix};
use crate::error::{MlError, MlResult};
use crate::ml::stable_softmax;

use super::scores::AttentionScores;

/// Attention weights: for each query, a [`Distribution`] over the keys.
///
/// ```
/// use typed_ai::{AttentionWeights, Distribution, MlError};
/// let weights = AttentionWeights::new(vec![
///     Distribution::new(vec![1.0, 0.0])?,
///     Distribution::new(vec![0.5, 0.5])?,
/// ])?;
/// assert_eq!((weights.query_len(), weights.key_len()), (2, 2));
/// assert_eq!(weights.get(1, 0), Some(0.5));
/// # Ok::<(), MlError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct AttentionWeights(Vec<Distribution>);

impl AttentionWeights {
    /// Weights from one distribution per query; every row must cover the
    /// same number of keys.
    ///
    /// Rejects no rows (`EmptyInput("attention weights")`) and rows over
    /// different numbers of keys (`ShapeMismatch { op: "attention weights", .. }`).
    pub fn new(rows: Vec<Distribution>) -> MlResult<Self> {
        let Some(first) = rows.first() else {
            return Err(MlError::EmptyInput("attention weights"));
        };
        let key_len = first.len();
        if let Some((query, row)) = rows.iter().enumerate().find(|(_, r)| r.len() != key_len) {
            return Err(MlError::ShapeMismatch {
                op: "attention weights",
                expected: format!("{key_len} keys in every query row"),
                got: format!("query row {query} over {} keys", row.len()),
            });
        }
        Ok(Self(rows))
    }

    /// The number of query rows.
    pub fn query_len(&self) -> usize {
        self.0.len()
    }

    /// The number of keys each row is a distribution over.
    pub fn key_len(&self) -> usize {
        self.0[0].len()
    }

    /// The weights of one query over the keys, or `OutOfRange`.
    pub fn row(&self, query: usize) -> MlResult<&Distribution> {
        self.0.get(query).ok_or(MlError::OutOfRange {
            kind: "attention weight row",
            index: query,
            limit: self.0.len(),
        })
    }

    /// The rows, one distribution per query, in order.
    pub fn rows(&self) -> &[Distribution] {
        &self.0
    }

    /// The weight `query` gives to `key`, or `None` outside the grid.
    pub fn get(&self, query: usize, key: usize) -> Option<f32> {
        self.0
            .get(query)
            .and_then(|row| row.probabilities().get(key).copied())
    }

    /// The rows copied out as nested vectors.
    pub fn to_rows(&self) -> Vec<Vec<f32>> {
        self.0
            .iter()
            .map(|row| row.probabilities().to_vec())
            .collect()
    }

    /// The weights as a query × key matrix (for example to multiply by the
    /// values).
    pub fn to_matrix(&self) -> Matrix {
        let data = self
            .0
            .iter()
            .flat_map(|row| row.probabilities().iter().copied())
            .collect();
        Matrix::from_row_major(self.query_len(), self.key_len(), data)
            .expect("probabilities are finite and the rows are equal and non-empty")
    }
}

/// `AttentionScores → AttentionWeights`: a numerically stable softmax over
/// the allowed keys of each query row; blocked keys get exactly 0.
///
/// ```
/// use typed_ai::{AttentionScores, AttentionSoftmax, Morphism};
/// // ln 3 ≈ 1.0986: exp(ln 3) = 3 against exp(0) = 1, so the row is [0.75, 0.25].
/// let scores = AttentionScores::new(vec![vec![3f32.ln(), 0.0], vec![1000.0, 1000.0]])?;
/// let weights = AttentionSoftmax.apply(scores)?;
/// assert!((weights.get(0, 0).unwrap() - 0.75).abs() < 1e-6);
/// assert_eq!(weights.to_rows()[1], vec![0.5, 0.5]);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AttentionSoftmax;

impl Morphism<AttentionScores, AttentionWeights> for AttentionSoftmax {
    fn name(&self) -> String {
        "attention_softmax".to_string()
    }

    fn apply(&self, input: AttentionScores) -> MlResult<AttentionWeights> {
        let rows = input
            .rows()
            .zip(input.mask().row_iter())
            .map(|(scores, allowed)| softmax_over_allowed(scores, allowed))
            .collect::<MlResult<Vec<_>>>()?;
        AttentionWeights::new(rows)
    }
}

/// The softmax of the scores `allowed` marks, placed back at their keys,
/// with exactly `0.0` at every other key.
///
/// The blocked scores are never read, so no value they hold, however large,
/// can shift the row's maximum or take a share of its sum. The mask
/// guarantees at least one allowed key per row.
fn softmax_over_allowed(scores: &[f32], allowed: &[bool]) -> MlResult<Distribution> {
    let open_keys = || allowed.iter().enumerate().filter(|&(_, &open)| open);
    let open_scores: Vec<f32> = open_keys().map(|(key, _)| scores[key]).collect();
    let open_weights = stable_softmax(&open_scores)?;
    let mut row = vec![0.0; scores.len()];
    for ((key, _), &weight) in open_keys().zip(open_weights.probabilities()) {
        row[key] = weight;
    }
    Distribution::new(row)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attention::mask::AttentionMask;
    use crate::attention::masking::MaskedAttentionScores;
    use crate::attention::sequence::SequenceLength;
    use crate::domain::Product;
    use std::f32::consts::FRAC_1_SQRT_2;

    fn close(a: f32, b: f32) -> bool {
        (a - b).abs() < 1e-5
    }

    #[test]
    fn card_example_masked_middle_key() {
        // Scores [0.70711, 0, 0.70711] with key 1 masked: the two allowed
        // scores are equal, so each gets exp(0) / (1 + 1) = 0.5, and the
        // blocked key takes no part: exactly 0.
        let scores = AttentionScores::new(vec![vec![FRAC_1_SQRT_2, 0.0, FRAC_1_SQRT_2]]).unwrap();
        let mask = AttentionMask::new(vec![vec![true, false, true]]).unwrap();
        let masked = MaskedAttentionScores
            .apply(Product::new(scores, mask))
            .unwrap();
        let weights = AttentionSoftmax.apply(masked).unwrap();
        assert_eq!(weights.to_rows(), vec![vec![0.5, 0.0, 0.5]]);
    }

    #[test]
    fn unmasked_card_row_has_its_hand_worked_weights() {
        // exp(0.70711) = 2.02810, exp(0) = 1: sum 5.05620, so the weights are
        // 0.40111, 0.19778, 0.40111.
        let scores = AttentionScores::new(vec![vec![FRAC_1_SQRT_2, 0.0, FRAC_1_SQRT_2]]).unwrap();
        let row = AttentionSoftmax.apply(scores).unwrap().to_rows().remove(0);
        assert!(close(row[0], 0.40111) && close(row[1], 0.19778) && close(row[2], 0.40111));
    }

    #[test]
    fn causal_weights_are_zero_above_the_diagonal_and_rows_renormalise() {
        // All scores equal: query i spreads 1 evenly over keys 0..=i, so the
        // rows are [1, 0, 0], [1/2, 1/2, 0], [1/3, 1/3, 1/3].
        let scores = AttentionScores::new(vec![vec![0.4; 3]; 3]).unwrap();
        let mask = AttentionMask::causal(SequenceLength::new(3).unwrap());
        let weights = AttentionSoftmax
            .apply(
                MaskedAttentionScores
                    .apply(Product::new(scores, mask))
                    .unwrap(),
            )
            .unwrap();
        let expected = [
            [1.0, 0.0, 0.0],
            [0.5, 0.5, 0.0],
            [1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0],
        ];
        for (query, row) in expected.iter().enumerate() {
            for (key, &want) in row.iter().enumerate() {
                let got = weights.get(query, key).unwrap();
                assert!(
                    close(got, want),
                    "weight[{query}][{key}] = {got}, expected {want}"
                );
                if key > query {
                    assert_eq!(got, 0.0, "query {query} peeked at key {key}");
                }
            }
        }
    }

    fn causal_weights(rows: Vec<Vec<f32>>) -> Vec<Vec<f32>> {
        let n = rows.len();
        let scores = AttentionScores::new(rows).unwrap();
        let mask = AttentionMask::causal(SequenceLength::new(n).unwrap());
        let masked = MaskedAttentionScores
            .apply(Product::new(scores, mask))
            .unwrap();
        AttentionSoftmax.apply(masked).unwrap().to_rows()
    }

    #[test]
    fn an_allowed_score_below_any_sentinel_still_takes_the_whole_row() {
        // Regression: with blocked cells overwritten by the sentinel -1e9,
        // query 0's row became [-2e9, -1e9], and the blocked key 1 won it all:
        // [0, 1]. Query 0 may see key 0 only, so whatever its score, the
        // softmax over that one key is [1], and key 1 gets exactly 0.
        assert_eq!(
            causal_weights(vec![vec![-2e9, 5.0], vec![0.0, 0.0]]),
            vec![vec![1.0, 0.0], vec![0.5, 0.5]]
        );
    }

    #[test]
    fn blocked_scores_never_move_the_allowed_weights() {
        // Query 1 sees keys 0 and 1 with scores ln 3 and 0: [3/4, 1/4]. The
        // blocked key 2 holds f32::MAX, which would overflow a shared maximum
        // or swallow the row if it took part; it does not.
        let rows = causal_weights(vec![
            vec![0.0, f32::MAX, f32::MAX],
            vec![3f32.ln(), 0.0, f32::MAX],
            vec![-f32::MAX, f32::MAX, f32::MAX],
        ]);
        assert_eq!(rows[0], vec![1.0, 0.0, 0.0]);
        assert!(close(rows[1][0], 0.75) && close(rows[1][1], 0.25));
        assert_eq!(rows[1][2], 0.0);
        // Query 2 sees all three: exp(-MAX - MAX) underflows to exactly 0,
        // and the two maxima tie at 1/2 each.
        assert_eq!(rows[2], vec![0.0, 0.5, 0.5]);
    }

    #[test]
    fn huge_scores_do_not_overflow() {
        // exp(1000) is +inf in f32; after subtracting the max it is exp(0).
        let scores = AttentionScores::new(vec![vec![1000.0, 1000.0], vec![1000.0, 0.0]]).unwrap();
        let weights = AttentionSoftmax.apply(scores).unwrap();
        assert_eq!(weights.to_rows(), vec![vec![0.5, 0.5], vec![1.0, 0.0]]);
    }

    #[test]
    fn weights_constructor_rejections() {
        assert_eq!(
            AttentionWeights::new(vec![]),
            Err(MlError::EmptyInput("attention weights"))
        );
        let two = Distribution::new(vec![0.5, 0.5]).unwrap();
        let three = Distribution::new(vec![0.2, 0.3, 0.5]).unwrap();
        assert_eq!(
            AttentionWeights::new(vec![two.clone(), three]),
            Err(MlError::ShapeMismatch {
                op: "attention weights",
                expected: "2 keys in every query row".into(),
                got: "query row 1 over 3 keys".into(),
            })
        );
        let weights = AttentionWeights::new(vec![two]).unwrap();
        assert!(matches!(
            weights.row(1),
            Err(MlError::OutOfRange {
                kind: "attention weight row",
                ..
            })
        ));
        assert_eq!(weights.get(0, 2), None);
        assert_eq!(weights.to_matrix().as_row_major(), &[0.5, 0.5]);
    }
}
