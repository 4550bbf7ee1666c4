//! Layer normalisation as the arrow [`LayerNorm`]` : HiddenSequence →
//! HiddenSequence`:
//!
//! ```text
//! y_i = (x_i − μ) / √(σ² + ε) · scale_i + shift_i     μ, σ² over the features i of ONE row
//! ```
//!
//! Each example (one row, one position) is standardised from its own
//! statistics (`statistics.rs`, over an `ExampleFeatures`, so no other axis
//! fits), then scaled and shifted per feature here. A row's output
//! therefore does not depend on the other rows. The learned scale and
//! shift, and ε's validation, are `typed_ai`'s `LayerNormParameters`.

use typed_ai::{HiddenSequence, LayerNormParameters, MlError, MlResult, Morphism};

use crate::example::ExampleFeatures;
use crate::statistics::standardise;

/// `HiddenSequence → HiddenSequence`: every example shifted to mean 0 and
/// scaled to variance about 1 from its own statistics, then scaled and
/// shifted per feature.
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
        let scale = self.params.scale().values();
        let shift = self.params.shift().values();
        let rows = ExampleFeatures::each(&input)
            .map(|example| {
                standardise(example, self.params.epsilon())
                    .into_iter()
                    .zip(scale.iter().zip(shift))
                    .map(|(x_hat, (&gamma, &beta))| {
                        (x_hat * f64::from(gamma) + f64::from(beta)) as f32
                    })
                    .collect()
            })
            .collect();
        // `new` rejects a non-finite output: the NaN a zero divisor would
        // give, or a scale and shift that take a value past f32's range.
        HiddenSequence::new(rows)
    }
}
