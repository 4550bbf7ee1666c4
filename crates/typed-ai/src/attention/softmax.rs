//! Attention weights and the row softmax that produces them:
//! `AttentionSoftmax : AttentionScores → AttentionWeights`.
//!
//! Each query row is normalised on its own into a [`Distribution`] over the
//! keys, so every row of weights is non-negative and sums to 1. Each row goes
//! through `ml::stable_softmax`, the function `Softmax` uses on logits: it
//! subtracts the row maximum before exponentiating, which leaves the result
//! unchanged (softmax ignores a constant shift) and keeps `exp` from
//! overflowing, so rows of scores like `[1000, 1000]` give `[0.5, 0.5]`, not
//! `NaN`. Masking is not done here; mask the scores first (`mask`).

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
/// each query row.
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
            .map(stable_softmax)
            .collect::<MlResult<Vec<_>>>()?;
        AttentionWeights::new(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attention::mask::{AttentionMask, MaskedAttentionScores};
    use crate::attention::sequence::SequenceLength;
    use crate::domain::Product;
    use std::f32::consts::FRAC_1_SQRT_2;

    fn close(a: f32, b: f32) -> bool {
        (a - b).abs() < 1e-5
    }

    #[test]
    fn card_example_masked_middle_key() {
        // Scores [0.70711, 0, 0.70711] with key 1 masked: the two allowed
        // scores are equal, so each gets exp(0) / (1 + 1) = 0.5 and the
        // blocked key exp(-1e9 - 0.70711) = 0 in f32.
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
