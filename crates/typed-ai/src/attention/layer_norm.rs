//! Layer normalisation (Ba, Kiros and Hinton, 2016): each position's
//! features are shifted to mean 0 and scaled to variance about 1, then a
//! learned per-feature scale and shift are applied.
//!
//! The statistics are computed over the features of *one* position, never
//! across positions or across a batch, so a position is normalised the same
//! way whatever else is in the sequence:
//!
//! ```text
//! y_i = (x_i − μ) / √(σ² + ε) · scale_i + shift_i,   μ, σ² over i of one position
//! ```
//!
//! `ε > 0` sits *under* the square root, so a constant position (σ² = 0)
//! gives `0 / √ε = 0` instead of `0 / 0 = NaN`. The variance is the biased
//! one (divide by the width), as in the paper.
//!
//! The statistics are computed in `f64`. In `f32`, `(x − μ)²` overflows once
//! `|x − μ|` passes about `1.8e19`: `[2e19, −2e19]` would get variance `∞`
//! and come out as `[0, 0]` instead of `[1, −1]`. Every `f32` squared fits
//! in `f64` with room to spare, and the standardised values lie within
//! `±√width`, so only the learned scale and shift can push a result out of
//! `f32` range; that is reported as an error, never rounded to infinity.

use crate::category::Morphism;
use crate::domain::{ModelDimension, Vector, check_finite};
use crate::error::{MlError, MlResult};

use super::sequence::HiddenSequence;

/// The ε added to the variance under the square root: finite and strictly
/// positive. Defaults to `1e-5`.
///
/// ```
/// use typed_ai::{MlError, NormalizationEpsilon};
/// assert_eq!(NormalizationEpsilon::default().value(), 1e-5);
/// assert_eq!(
///     NormalizationEpsilon::new(0.0),
///     Err(MlError::InvalidScalar { kind: "layer norm epsilon", value: 0.0 })
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct NormalizationEpsilon(f32);

impl NormalizationEpsilon {
    /// Rejects zero, negative and non-finite values: without a positive ε a
    /// constant position divides zero by zero.
    pub fn new(value: f32) -> MlResult<Self> {
        if !value.is_finite() || value <= 0.0 {
            return Err(MlError::InvalidScalar {
                kind: "layer norm epsilon",
                value,
            });
        }
        Ok(Self(value))
    }

    /// The value of ε.
    pub fn value(self) -> f32 {
        self.0
    }
}

impl Default for NormalizationEpsilon {
    /// `1e-5`, small enough to leave ordinary variances untouched.
    fn default() -> Self {
        Self(1e-5)
    }
}

/// The learned part of a layer norm: a per-feature `scale` (γ) and `shift`
/// (β) of the model width, and ε.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerNormParameters {
    scale: Vector,
    shift: Vector,
    epsilon: NormalizationEpsilon,
}

impl LayerNormParameters {
    /// Scale and shift must have the same width (the model width).
    pub fn new(scale: Vector, shift: Vector, epsilon: NormalizationEpsilon) -> MlResult<Self> {
        if shift.len() != scale.len() {
            return Err(MlError::ShapeMismatch {
                op: "layer norm parameters",
                expected: format!("shift of width {} (as the scale)", scale.len()),
                got: format!("shift of width {}", shift.len()),
            });
        }
        Ok(Self {
            scale,
            shift,
            epsilon,
        })
    }

    /// Scale 1 and shift 0 for every feature: plain normalisation, the usual
    /// starting point before training.
    pub fn identity(width: ModelDimension, epsilon: NormalizationEpsilon) -> Self {
        let ones = Vector::new(vec![1.0; width.get()]).expect("ModelDimension is at least 1");
        let zeros = Vector::new(vec![0.0; width.get()]).expect("ModelDimension is at least 1");
        Self {
            scale: ones,
            shift: zeros,
            epsilon,
        }
    }

    /// γ, one factor per feature.
    pub fn scale(&self) -> &Vector {
        &self.scale
    }

    /// β, one offset per feature.
    pub fn shift(&self) -> &Vector {
        &self.shift
    }

    /// ε.
    pub fn epsilon(&self) -> NormalizationEpsilon {
        self.epsilon
    }

    /// The model width these parameters normalise.
    pub fn width(&self) -> usize {
        self.scale.len()
    }
}

/// `HiddenSequence → HiddenSequence`: layer normalisation of every position.
///
/// Worked example: `[1, 3]` has mean 2 and variance 1, so it becomes
/// `[−1, 1] / √(1 + ε) ≈ [−1, 1]`; with scale `[2, 0.5]` and shift `[1, −1]`
/// it becomes `[−2 + 1, 0.5 − 1] = [−1, −0.5]`.
///
/// ```
/// use typed_ai::{HiddenSequence, LayerNormParameters, LayerNormalization, Morphism, NormalizationEpsilon, Vector};
/// let params = LayerNormParameters::new(
///     Vector::new(vec![2.0, 0.5])?,
///     Vector::new(vec![1.0, -1.0])?,
///     NormalizationEpsilon::default(),
/// )?;
/// let out = LayerNormalization::new(params).apply(HiddenSequence::new(vec![vec![1.0, 3.0]])?)?;
/// let row = out.row(0)?;
/// assert!((row[0] + 1.0).abs() < 1e-4 && (row[1] + 0.5).abs() < 1e-4);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct LayerNormalization {
    params: LayerNormParameters,
}

impl LayerNormalization {
    /// Layer normalisation with `params`.
    pub fn new(params: LayerNormParameters) -> Self {
        Self { params }
    }

    /// The scale, shift and ε.
    pub fn params(&self) -> &LayerNormParameters {
        &self.params
    }
}

/// The mean and biased variance of one position's features, in `f64` so
/// that no square of an `f32` difference can overflow.
fn mean_and_variance(features: &[f32]) -> (f64, f64) {
    let n = features.len() as f64;
    let mean = features.iter().map(|&x| f64::from(x)).sum::<f64>() / n;
    let variance = features
        .iter()
        .map(|&x| (f64::from(x) - mean).powi(2))
        .sum::<f64>()
        / n;
    (mean, variance)
}

impl Morphism<HiddenSequence, HiddenSequence> for LayerNormalization {
    fn name(&self) -> String {
        "layer_normalization".to_string()
    }

    /// Fails with `ShapeMismatch` when the input is not of the parameters'
    /// width, and with `InvalidScalar { kind: "layer norm output", .. }` when
    /// scale and shift take a result beyond the range of `f32`.
    fn apply(&self, input: HiddenSequence) -> MlResult<HiddenSequence> {
        if input.width() != self.params.width() {
            return Err(MlError::ShapeMismatch {
                op: "layer normalization",
                expected: format!("hidden width {}", self.params.width()),
                got: format!("hidden width {}", input.width()),
            });
        }
        let epsilon = f64::from(self.params.epsilon.value());
        let scale = self.params.scale.values();
        let shift = self.params.shift.values();
        let rows = input
            .rows()
            .map(|features| {
                let (mean, variance) = mean_and_variance(features);
                let std = (variance + epsilon).sqrt();
                let row: Vec<f32> = features
                    .iter()
                    .zip(scale.iter().zip(shift))
                    .map(|(&x, (&gamma, &beta))| {
                        let standardised = (f64::from(x) - mean) / std;
                        (standardised * f64::from(gamma) + f64::from(beta)) as f32
                    })
                    .collect();
                check_finite(&row, "layer norm output")?;
                Ok(row)
            })
            .collect::<MlResult<Vec<_>>>()?;
        HiddenSequence::new(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(width: usize) -> LayerNormalization {
        LayerNormalization::new(LayerNormParameters::identity(
            ModelDimension::new(width).unwrap(),
            NormalizationEpsilon::default(),
        ))
    }

    fn close(a: f32, b: f32) -> bool {
        (a - b).abs() < 1e-4
    }

    #[test]
    fn one_three_becomes_minus_one_one() {
        // Mean 2, variance ((−1)² + 1²) / 2 = 1: [−1, 1] / √(1 + 1e-5).
        let out = plain(2)
            .apply(HiddenSequence::new(vec![vec![1.0, 3.0]]).unwrap())
            .unwrap();
        let row = out.row(0).unwrap();
        assert!(close(row[0], -1.0) && close(row[1], 1.0), "got {row:?}");
    }

    #[test]
    fn statistics_are_per_position_not_per_feature() {
        // Per row: [1, 3] and [2, 4] both become ≈ [−1, 1]. Normalising per
        // column instead would give [[−1, −1], [1, 1]].
        let out = plain(2)
            .apply(HiddenSequence::new(vec![vec![1.0, 3.0], vec![2.0, 4.0]]).unwrap())
            .unwrap();
        for position in 0..2 {
            let row = out.row(position).unwrap();
            assert!(
                close(row[0], -1.0) && close(row[1], 1.0),
                "position {position} became {row:?}, expected about [-1, 1]"
            );
        }
    }

    #[test]
    fn a_constant_position_stays_finite() {
        // [2, 2]: mean 2, variance 0, so 0 / √ε = 0, not 0 / 0.
        let out = plain(2)
            .apply(HiddenSequence::new(vec![vec![2.0, 2.0]]).unwrap())
            .unwrap();
        assert_eq!(out.row(0).unwrap(), &[0.0, 0.0]);
    }

    #[test]
    fn scale_and_shift_are_applied_after_normalising() {
        // [−1, 1] · [2, 0.5] + [1, −1] = [−1, −0.5].
        let params = LayerNormParameters::new(
            Vector::new(vec![2.0, 0.5]).unwrap(),
            Vector::new(vec![1.0, -1.0]).unwrap(),
            NormalizationEpsilon::default(),
        )
        .unwrap();
        let out = LayerNormalization::new(params)
            .apply(HiddenSequence::new(vec![vec![1.0, 3.0]]).unwrap())
            .unwrap();
        let row = out.row(0).unwrap();
        assert!(close(row[0], -1.0) && close(row[1], -0.5), "got {row:?}");
    }

    #[test]
    fn epsilon_sits_under_the_root() {
        // Variance 1 and ε = 3: √(1 + 3) = 2, so [1, 3] becomes [−0.5, 0.5].
        // Adding ε outside the root (√1 + 3 = 4) would give [−0.25, 0.25].
        let params = LayerNormParameters::identity(
            ModelDimension::new(2).unwrap(),
            NormalizationEpsilon::new(3.0).unwrap(),
        );
        let out = LayerNormalization::new(params)
            .apply(HiddenSequence::new(vec![vec![1.0, 3.0]]).unwrap())
            .unwrap();
        assert_eq!(out.row(0).unwrap(), &[-0.5, 0.5]);
    }

    #[test]
    fn features_whose_squares_overflow_f32_still_normalise() {
        // Regression: [2e19, -2e19] has mean 0 and (x - mean)² = 4e38, past
        // f32::MAX ≈ 3.4e38. In f32 the variance was ∞ and the row came out
        // [0, 0]. In f64 the variance is 4e38, √(4e38 + 1e-5) = 2e19 (ε is far
        // below one ulp), so the row is exactly [1, -1].
        let out = plain(2)
            .apply(HiddenSequence::new(vec![vec![2e19, -2e19]]).unwrap())
            .unwrap();
        assert_eq!(out.row(0).unwrap(), &[1.0, -1.0]);
        // The extremes of f32 itself: mean 0, variance f32::MAX², so ±1 again.
        let out = plain(2)
            .apply(HiddenSequence::new(vec![vec![-f32::MAX, f32::MAX]]).unwrap())
            .unwrap();
        assert_eq!(out.row(0).unwrap(), &[-1.0, 1.0]);
    }

    #[test]
    fn a_result_beyond_f32_is_an_error_not_infinity() {
        // [1, 3] standardises to ±1/√(1 + 1e-5) ≈ ±0.999995. With scale and
        // shift f32::MAX, feature 0 is MAX·(1 - 0.999995) ≈ 1.7e33, fine, but
        // feature 1 is about 2·MAX, which f32 cannot hold.
        let params = LayerNormParameters::new(
            Vector::new(vec![f32::MAX, f32::MAX]).unwrap(),
            Vector::new(vec![f32::MAX, f32::MAX]).unwrap(),
            NormalizationEpsilon::default(),
        )
        .unwrap();
        assert_eq!(
            LayerNormalization::new(params)
                .apply(HiddenSequence::new(vec![vec![1.0, 3.0]]).unwrap()),
            Err(MlError::InvalidScalar {
                kind: "layer norm output",
                value: f32::INFINITY
            })
        );
    }

    #[test]
    fn rejections() {
        for bad in [0.0, -1e-5, f32::NAN, f32::INFINITY] {
            assert!(NormalizationEpsilon::new(bad).is_err(), "epsilon {bad}");
        }
        assert_eq!(
            LayerNormParameters::new(
                Vector::new(vec![1.0, 1.0]).unwrap(),
                Vector::new(vec![0.0; 3]).unwrap(),
                NormalizationEpsilon::default(),
            ),
            Err(MlError::ShapeMismatch {
                op: "layer norm parameters",
                expected: "shift of width 2 (as the scale)".into(),
                got: "shift of width 3".into(),
            })
        );
        assert_eq!(
            plain(2).apply(HiddenSequence::new(vec![vec![1.0, 2.0, 3.0]]).unwrap()),
            Err(MlError::ShapeMismatch {
                op: "layer normalization",
                expected: "hidden width 2".into(),
                got: "hidden width 3".into(),
            })
        );
    }
}
