// MUTANT `no_epsilon`: divides by √σ², dropping ε.
//! The statistics of one example and its standardised features:
//!
//! ```text
//! μ = Σ x_i / H      σ² = Σ (x_i − μ)² / H      x̂_i = (x_i − μ) / √(σ² + ε)
//! ```
//!
//! over the H features of ONE example (an [`ExampleFeatures`], so no other
//! axis can be passed in). The variance is the biased one (divide by H, as
//! in the paper's equation 4), and ε sits under the root, so a constant
//! example gives 0 / √ε = 0 rather than 0 / 0.
//!
//! Everything is computed in `f64`. In `f32`, `(x − μ)²` overflows once
//! `|x − μ|` passes about 1.8e19: `[2e19, −2e19]` would get σ² = ∞ and come
//! out as `[0, 0]` instead of `[1, −1]`. Every `f32` squared fits in `f64`,
//! and a standardised value lies within ±√H. The learned scale and shift
//! are applied by the arrow (`layer_norm.rs`).

use typed_ai::NormalizationEpsilon;

use crate::example::ExampleFeatures;

/// The mean and the biased variance of one example's features.
///
/// ```
/// use layer_normalization::{ExampleFeatures, ExampleStatistics};
/// use typed_ai::HiddenSequence;
/// let x = HiddenSequence::new(vec![vec![1.0, 3.0]])?;
/// // [1, 3]: μ = 2, σ² = ((1 − 2)² + (3 − 2)²) / 2 = 1
/// let stats = ExampleStatistics::of(ExampleFeatures::each(&x).next().unwrap());
/// assert_eq!((stats.mean(), stats.variance()), (2.0, 1.0));
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExampleStatistics {
    mean: f64,
    variance: f64,
}

impl ExampleStatistics {
    /// μ and σ² over the features of `example`.
    pub fn of(example: ExampleFeatures<'_>) -> Self {
        let features = example.values();
        let n = features.len() as f64;
        let mean = features.iter().map(|&x| f64::from(x)).sum::<f64>() / n;
        let variance = features
            .iter()
            .map(|&x| (f64::from(x) - mean).powi(2))
            .sum::<f64>()
            / n;
        Self { mean, variance }
    }

    /// μ.
    pub fn mean(&self) -> f64 {
        self.mean
    }

    /// σ², divided by H.
    pub fn variance(&self) -> f64 {
        self.variance
    }
}

/// `(x_i − μ) / √(σ² + ε)` for every feature of `example`, from its own
/// statistics.
///
/// ```
/// use layer_normalization::{ExampleFeatures, standardise};
/// use typed_ai::{HiddenSequence, NormalizationEpsilon};
/// let x = HiddenSequence::new(vec![vec![2.0, 2.0]])?;
/// // A constant example: σ² = 0, so 0 / √ε = 0, not 0 / 0.
/// let out = standardise(ExampleFeatures::each(&x).next().unwrap(), NormalizationEpsilon::default());
/// assert_eq!(out, [0.0, 0.0]);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
pub fn standardise(example: ExampleFeatures<'_>, _epsilon: NormalizationEpsilon) -> Vec<f64> {
    let stats = ExampleStatistics::of(example);
    let std = stats.variance.sqrt();
    example
        .values()
        .iter()
        .map(|&x| (f64::from(x) - stats.mean) / std)
        .collect()
}
