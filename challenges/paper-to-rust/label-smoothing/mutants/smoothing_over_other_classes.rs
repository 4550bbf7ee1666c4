// MUTANT `smoothing_over_other_classes`: spreads ε over the K − 1 other tokens (ε/(K − 1) each) and gives the label exactly 1 − ε.
//! The smoothed target: [`SmoothingEpsilon`] (ε in [0, 1)) and
//! [`SmoothedTarget`], the distribution `(1 − ε)·one-hot(y) + ε/K` over a
//! vocabulary of K tokens.
//!
//! Every token gets ε/K, the true one gets 1 − ε on top, so the entries sum
//! to (1 − ε) + K·ε/K = 1 and the target is a `Distribution`, which the
//! constructor re-checks. The uniform part includes the true token (the
//! paper's u(k) = 1/K); spreading ε over the K − 1 other tokens instead is a
//! different (and common) variant. The loss is in `loss.rs`.

use typed_ai::{Distribution, MlError, MlResult, TokenId, VocabSize};

/// How much probability mass label smoothing moves to the uniform
/// distribution: ε in [0, 1). ε = 0 is the one-hot target; ε = 1 would
/// forget the label entirely, so it is rejected.
///
/// ```
/// use label_smoothing::SmoothingEpsilon;
/// assert_eq!(SmoothingEpsilon::new(0.1)?.value(), 0.1);
/// assert!(SmoothingEpsilon::new(1.0).is_err());
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct SmoothingEpsilon(f32);

impl SmoothingEpsilon {
    /// ε in [0, 1); anything else is
    /// `InvalidScalar { kind: "smoothing epsilon", .. }`.
    pub fn new(value: f32) -> MlResult<Self> {
        if !(0.0..1.0).contains(&value) {
            return Err(MlError::InvalidScalar {
                kind: "smoothing epsilon",
                value,
            });
        }
        Ok(Self(value))
    }

    /// ε.
    pub fn value(self) -> f32 {
        self.0
    }
}

/// The label-smoothed target for one example: a distribution that puts
/// 1 − ε + ε/K on the true token and ε/K on every other.
#[derive(Debug, Clone, PartialEq)]
pub struct SmoothedTarget(Distribution);

impl SmoothedTarget {
    /// The smoothed target for `token` in a vocabulary of `vocab` tokens; a
    /// token outside it is `OutOfRange { kind: "token", .. }`.
    ///
    /// ```
    /// use label_smoothing::{SmoothedTarget, SmoothingEpsilon};
    /// use typed_ai::{TokenId, VocabSize};
    /// let target = SmoothedTarget::new(TokenId::new(0), VocabSize::new(2)?, SmoothingEpsilon::new(0.2)?)?;
    /// // ε/K = 0.1; the label gets 0.8 + 0.1.
    /// assert!((target.probabilities()[0] - 0.9).abs() < 1e-6);
    /// # Ok::<(), typed_ai::MlError>(())
    /// ```
    pub fn new(token: TokenId, vocab: VocabSize, epsilon: SmoothingEpsilon) -> MlResult<Self> {
        let token = vocab.check(token)?;
        let k = vocab.get();
        let eps = epsilon.value();
        let others = eps / (k as f32 - 1.0);
        let probabilities = (0..k)
            .map(|index| {
                if index == token.index() {
                    1.0 - eps
                } else {
                    others
                }
            })
            .collect();
        Distribution::new(probabilities).map(Self)
    }

    /// The target as a distribution over the vocabulary.
    pub fn distribution(&self) -> &Distribution {
        &self.0
    }

    /// The target probabilities, in token order.
    pub fn probabilities(&self) -> &[f32] {
        self.0.probabilities()
    }
}
