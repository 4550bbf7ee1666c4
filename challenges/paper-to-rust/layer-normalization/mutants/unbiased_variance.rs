// MUTANT `unbiased_variance`: uses the unbiased variance (divide by H − 1), as a statistics library would by default.
//! Layer normalisation as the arrow [`LayerNorm`]` : HiddenSequence →
//! HiddenSequence`:
//!
//! ```text
//! y_i = (x_i − μ) / √(σ² + ε) · scale_i + shift_i     μ, σ² over the features i of ONE row
//! ```
//!
//! Each row (position) is normalised from its own statistics, so a row's
//! output does not depend on the other rows. The variance is the biased one
//! (divide by the width H, as in the paper's equation 4), and ε sits under
//! the root, so a constant row gives 0 / √ε = 0 rather than 0 / 0. The
//! learned scale and shift, and ε's validation, are `typed_ai`'s
//! `LayerNormParameters`; the statistics and the normalisation are here.

use typed_ai::{HiddenSequence, LayerNormParameters, MlError, MlResult, Morphism};

/// The mean and the biased variance (divided by the number of features) of
/// one row.
///
/// ```
/// use layer_normalization::row_statistics;
/// // [1, 3]: μ = 2, σ² = ((1 − 2)² + (3 − 2)²) / 2 = 1
/// assert_eq!(row_statistics(&[1.0, 3.0]), (2.0, 1.0));
/// ```
pub fn row_statistics(features: &[f32]) -> (f32, f32) {
    let n = features.len() as f32;
    let mean = features.iter().sum::<f32>() / n;
    let variance = features.iter().map(|x| (x - mean).powi(2)).sum::<f32>() / (n - 1.0);
    (mean, variance)
}

/// `HiddenSequence → HiddenSequence`: every row shifted to mean 0 and scaled
/// to variance about 1 from its own statistics, then scaled and shifted per
/// feature.
///
/// ```
/// use layer_normalization::LayerNorm;
/// use typed_ai::{HiddenSequence, LayerNormParameters, ModelDimension, Morphism, NormalizationEpsilon};
/// let norm = LayerNorm::new(LayerNormParameters::identity(
///     ModelDimension::new(2)?,
///     NormalizationEpsilon::default(),
/// ));
/// let out = norm.apply(HiddenSequence::new(vec![vec![1.0, 3.0]])?)?;
/// assert!((out.row(0)?[0] + 1.0).abs() < 1e-4);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct LayerNorm {
    params: LayerNormParameters,
}

impl LayerNorm {
    /// Layer normalisation with the scale, shift and ε of `params`.
    pub fn new(params: LayerNormParameters) -> Self {
        Self { params }
    }

    /// The scale, shift and ε.
    pub fn params(&self) -> &LayerNormParameters {
        &self.params
    }
}

impl Morphism<HiddenSequence, HiddenSequence> for LayerNorm {
    fn name(&self) -> String {
        "layer_norm".to_string()
    }

    fn apply(&self, input: HiddenSequence) -> MlResult<HiddenSequence> {
        if input.width() != self.params.width() {
            return Err(MlError::ShapeMismatch {
                op: "layer normalization",
                expected: format!("hidden width {}", self.params.width()),
                got: format!("hidden width {}", input.width()),
            });
        }
        let epsilon = self.params.epsilon().value();
        let scale = self.params.scale().values();
        let shift = self.params.shift().values();
        let rows = input
            .rows()
            .map(|features| {
                let (mean, variance) = row_statistics(features);
                let std = (variance + epsilon).sqrt();
                features
                    .iter()
                    .zip(scale.iter().zip(shift))
                    .map(|(x, (gamma, beta))| (x - mean) / std * gamma + beta)
                    .collect()
            })
            .collect();
        // `new` rejects a non-finite output, such as the NaN a zero divisor
        // would give.
        HiddenSequence::new(rows)
    }
}
