//! The loss against a soft target: [`Prediction`], the model's distribution
//! in its role, and [`SoftCrossEntropy`]` : Prediction × SmoothedTarget →
//! Loss`, `L = −Σ_k target_k · ln prediction_k`.
//!
//! Both sides are distributions over the same vocabulary, so without role
//! types `Product::new(target, prediction)` would type-check and compute the
//! wrong thing; with them it is a compile error. With a one-hot target the
//! sum has a single term and the loss is plain cross-entropy. The target
//! itself is built in `target.rs`.

use typed_ai::{Distribution, Loss, MlError, MlResult, Morphism, Product};

use crate::target::SmoothedTarget;

/// A model's predicted distribution over the vocabulary, in the role of the
/// prediction (never the target).
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction(Distribution);

impl Prediction {
    /// Wraps a predicted distribution, usually a softmax output.
    pub fn new(distribution: Distribution) -> Self {
        Self(distribution)
    }

    /// The predicted distribution.
    pub fn distribution(&self) -> &Distribution {
        &self.0
    }
}

/// `Prediction × SmoothedTarget → Loss`: the cross-entropy of the prediction
/// against a soft target, `−Σ_k target_k · ln prediction_k`.
///
/// A predicted probability of exactly 0 is read as `f32::MIN_POSITIVE` (as
/// `typed_ai::CrossEntropy` does), so the loss stays finite.
///
/// ```
/// use label_smoothing::{Prediction, SmoothedTarget, SmoothingEpsilon, SoftCrossEntropy};
/// use typed_ai::{Distribution, Morphism, Product, TokenId, VocabSize};
/// let target = SmoothedTarget::new(TokenId::new(1), VocabSize::new(2)?, SmoothingEpsilon::new(0.0)?)?;
/// let prediction = Prediction::new(Distribution::new(vec![0.75, 0.25])?);
/// let loss = SoftCrossEntropy.apply(Product::new(prediction, target))?;
/// assert!((loss.value() - 4f32.ln()).abs() < 1e-6); // −ln 0.25
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SoftCrossEntropy;

impl Morphism<Product<Prediction, SmoothedTarget>, Loss> for SoftCrossEntropy {
    fn name(&self) -> String {
        "soft_cross_entropy".to_string()
    }

    fn apply(&self, input: Product<Prediction, SmoothedTarget>) -> MlResult<Loss> {
        let (prediction, target) = input.into_parts();
        let predicted = prediction.distribution().probabilities();
        let wanted = target.probabilities();
        if predicted.len() != wanted.len() {
            return Err(MlError::ShapeMismatch {
                op: "soft cross-entropy",
                expected: format!("a prediction over {} tokens", wanted.len()),
                got: format!("a prediction over {} tokens", predicted.len()),
            });
        }
        let loss = -wanted
            .iter()
            .zip(predicted)
            .map(|(t, p)| t * p.max(f32::MIN_POSITIVE).ln())
            .sum::<f32>();
        Loss::new(loss)
    }
}
