//! Mixing values by attention weights:
//! `WeightedValueMixing : AttentionWeights × ValueSequence → AttentionOutput`,
//! `output[q] = Σ_k weight[q][k] · value[k]`.
//!
//! The weights say *how much* of each key position to take; the values say
//! *what* that position hands over. There must be one value row per key
//! column. This module owns only that product; projections, heads and the
//! residual stream are elsewhere.

use crate::category::Morphism;
use crate::domain::Product;
use crate::error::{MlError, MlResult};

use super::sequence::{AttentionOutput, ValueSequence};
use super::softmax::AttentionWeights;

/// `AttentionWeights × ValueSequence → AttentionOutput`: each query's output
/// is the weight-averaged value rows.
///
/// This arrow has exactly one `Morphism` impl, so passing keys where values
/// belong is reported as "expected `ValueSequence`, found `KeySequence`".
///
/// Worked example: weights `[0.5, 0, 0.5]` over values `[1, 10]`, `[2, 20]`,
/// `[3, 30]` give `0.5·[1, 10] + 0.5·[3, 30] = [2, 20]`.
///
/// ```
/// use typed_ai::{AttentionWeights, Distribution, Morphism, Product, ValueSequence, WeightedValueMixing};
/// let weights = AttentionWeights::new(vec![Distribution::new(vec![0.5, 0.0, 0.5])?])?;
/// let values = ValueSequence::new(vec![vec![1.0, 10.0], vec![2.0, 20.0], vec![3.0, 30.0]])?;
/// let output = WeightedValueMixing.apply(Product::new(weights, values))?;
/// assert_eq!(output.to_rows(), vec![vec![2.0, 20.0]]);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WeightedValueMixing;

impl Morphism<Product<AttentionWeights, ValueSequence>, AttentionOutput> for WeightedValueMixing {
    fn name(&self) -> String {
        "weighted_value_mixing".to_string()
    }

    fn apply(&self, input: Product<AttentionWeights, ValueSequence>) -> MlResult<AttentionOutput> {
        let (weights, values) = input.into_parts();
        if values.len() != weights.key_len() {
            return Err(MlError::ShapeMismatch {
                op: "weighted value mixing",
                expected: format!("{} value rows", weights.key_len()),
                got: format!("{} value rows", values.len()),
            });
        }
        // (query × key) · (key × value width) = query × value width.
        let mixed = weights.to_matrix().matmul(values.as_matrix())?;
        Ok(AttentionOutput::from_matrix(mixed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Distribution;

    fn weights(rows: Vec<Vec<f32>>) -> AttentionWeights {
        AttentionWeights::new(
            rows.into_iter()
                .map(|r| Distribution::new(r).unwrap())
                .collect(),
        )
        .unwrap()
    }

    fn card_values() -> ValueSequence {
        ValueSequence::new(vec![vec![1.0, 10.0], vec![2.0, 20.0], vec![3.0, 30.0]]).unwrap()
    }

    #[test]
    fn card_example_mixes_to_2_20() {
        // 0.5·[1, 10] + 0·[2, 20] + 0.5·[3, 30] = [2, 20].
        let output = WeightedValueMixing
            .apply(Product::new(
                weights(vec![vec![0.5, 0.0, 0.5]]),
                card_values(),
            ))
            .unwrap();
        assert_eq!(output.to_rows(), vec![vec![2.0, 20.0]]);
    }

    #[test]
    fn one_output_row_per_query_of_the_value_width() {
        // Query 0 copies value 2; query 1 averages values 0 and 1:
        // 0.5·[1, 10] + 0.5·[2, 20] = [1.5, 15].
        let output = WeightedValueMixing
            .apply(Product::new(
                weights(vec![vec![0.0, 0.0, 1.0], vec![0.5, 0.5, 0.0]]),
                card_values(),
            ))
            .unwrap();
        assert_eq!((output.len(), output.width()), (2, 2));
        assert_eq!(output.to_rows(), vec![vec![3.0, 30.0], vec![1.5, 15.0]]);
    }

    #[test]
    fn one_value_row_per_key() {
        let two_values = ValueSequence::new(vec![vec![1.0, 10.0], vec![2.0, 20.0]]).unwrap();
        assert_eq!(
            WeightedValueMixing.apply(Product::new(weights(vec![vec![0.5, 0.0, 0.5]]), two_values)),
            Err(MlError::ShapeMismatch {
                op: "weighted value mixing",
                expected: "3 value rows".into(),
                got: "2 value rows".into(),
            })
        );
    }
}
