//! AdamW (Loshchilov and Hutter, 2017, arXiv:1711.05101) as the arrow
//! [`AdamWStep`]` : AdamState → AdamState`: Adam with weight decay applied
//! to the parameters directly, outside the moments.
//!
//! The formula used here is the one common libraries (PyTorch's `AdamW`,
//! Optax's `adamw`) implement, with the decay scaled by the learning rate:
//!
//! ```text
//! p ← p − lr·( m̂/(√v̂ + ε) + λ·p )
//! ```
//!
//! where m̂ and v̂ are Adam's bias-corrected moments of the *loss* gradient
//! alone. The paper writes the decay as `η_t·λ·p` with a schedule multiplier
//! `η_t` separate from the learning rate; with a constant schedule the two
//! differ only in how λ is scaled. Adding `λ·p` to the gradient instead (L2
//! regularisation) would let the decay into m and v, where Adam's
//! per-coordinate scaling would shrink it for exactly the weights with large
//! gradients: that coupling is what this arrow avoids.

use std::fmt;

use super::adam::{AdamConfig, AdamState, adam_update};
use super::vectors::{Gradient, ParameterVector, gradient_at};
use crate::category::Morphism;
use crate::error::{MlError, MlResult};

/// AdamW's decoupled weight decay λ: finite and at least 0. λ = 0 turns
/// AdamW into Adam.
///
/// ```
/// use typed_ai::{MlError, WeightDecay};
/// assert_eq!(WeightDecay::new(0.01)?.value(), 0.01);
/// assert_eq!(
///     WeightDecay::new(-0.01),
///     Err(MlError::InvalidScalar { kind: "weight decay", value: -0.01 })
/// );
/// # Ok::<(), MlError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct WeightDecay(f32);

impl WeightDecay {
    /// λ ≥ 0 and finite; anything else is
    /// `InvalidScalar { kind: "weight decay", .. }`.
    pub fn new(value: f32) -> MlResult<Self> {
        if !value.is_finite() || value < 0.0 {
            return Err(MlError::InvalidScalar {
                kind: "weight decay",
                value,
            });
        }
        Ok(Self(value))
    }

    /// λ.
    pub fn value(self) -> f32 {
        self.0
    }
}

/// One AdamW step: Adam's update from the loss gradient, plus `lr·λ·p`
/// subtracted from each parameter, never entering m or v.
///
/// ```
/// use typed_ai::{
///     AdamConfig, AdamState, AdamWStep, Gradient, LearningRate, Morphism, ParameterVector,
///     WeightDecay,
/// };
/// // A zero gradient leaves only the decay: p = 1 − 0.1·0.1·1 = 0.99.
/// let step = AdamWStep::new(
///     AdamConfig::with_defaults(LearningRate::new(0.1)?),
///     WeightDecay::new(0.1)?,
///     |_: &ParameterVector| Gradient::new(vec![0.0]),
/// );
/// let next = step.apply(AdamState::initial(ParameterVector::new(vec![1.0])?))?;
/// assert!((next.params().values()[0] - 0.99).abs() < 1e-6);
/// assert_eq!(next.first_moment().values(), &[0.0]);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Clone)]
pub struct AdamWStep<G> {
    config: AdamConfig,
    weight_decay: WeightDecay,
    gradient: G,
}

impl<G> AdamWStep<G>
where
    G: Fn(&ParameterVector) -> MlResult<Gradient>,
{
    /// An AdamW step with Adam's `config` and decay `weight_decay`,
    /// following the gradient that `gradient` computes.
    pub fn new(config: AdamConfig, weight_decay: WeightDecay, gradient: G) -> Self {
        Self {
            config,
            weight_decay,
            gradient,
        }
    }
}

impl<G> AdamWStep<G> {
    /// Adam's hyper-parameters.
    pub fn config(&self) -> &AdamConfig {
        &self.config
    }

    /// λ.
    pub fn weight_decay(&self) -> WeightDecay {
        self.weight_decay
    }
}

impl<G> fmt::Debug for AdamWStep<G> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AdamWStep")
            .field("config", &self.config)
            .field("weight_decay", &self.weight_decay)
            .finish_non_exhaustive()
    }
}

impl<G> Morphism<AdamState, AdamState> for AdamWStep<G>
where
    G: Fn(&ParameterVector) -> MlResult<Gradient>,
{
    fn name(&self) -> String {
        format!(
            "adamw(lr = {}, λ = {})",
            self.config.learning_rate().value(),
            self.weight_decay.value()
        )
    }

    fn apply(&self, state: AdamState) -> MlResult<AdamState> {
        let g = gradient_at(&self.gradient, state.params(), "AdamW gradient")?;
        let decay = self.weight_decay.value();
        adam_update(&self.config, |_| decay, state, &g, "AdamW parameter vector")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::LearningRate;

    fn config() -> AdamConfig {
        AdamConfig::new(LearningRate::new(0.1).unwrap(), 0.9, 0.999, 1e-8).unwrap()
    }

    fn zero_gradient(p: &ParameterVector) -> MlResult<Gradient> {
        Gradient::new(vec![0.0; p.len()])
    }

    #[test]
    fn weight_decay_must_be_finite_and_non_negative() {
        assert!(WeightDecay::new(0.0).is_ok());
        for bad in [-0.1, f32::NAN, f32::INFINITY] {
            assert!(
                matches!(
                    WeightDecay::new(bad),
                    Err(MlError::InvalidScalar {
                        kind: "weight decay",
                        ..
                    })
                ),
                "{bad} was accepted"
            );
        }
    }

    #[test]
    fn decay_with_zero_gradient_never_touches_the_moments() {
        // g = 0: m = v = 0, m̂ = 0, m̂/(√0 + ε) = 0, so only the decay acts:
        // p = 1 − 0.1·(0 + 0.1·1) = 0.99. An L2-coupled version would feed
        // λ·p = 0.1 into the gradient and make m = 0.01, v = 1e-5.
        let step = AdamWStep::new(config(), WeightDecay::new(0.1).unwrap(), zero_gradient);
        let next = step
            .apply(AdamState::initial(ParameterVector::new(vec![1.0]).unwrap()))
            .unwrap();
        assert!((next.params().values()[0] - 0.99).abs() < 1e-7);
        assert_eq!(next.first_moment().values(), &[0.0]);
        assert_eq!(next.second_moment().values(), &[0.0]);
        // Twice: 0.99 · (1 − 0.01) = 0.9801.
        let again = step.apply(next).unwrap();
        assert!((again.params().values()[0] - 0.9801).abs() < 1e-6);
    }

    #[test]
    fn adamw_reports_its_own_name_in_errors() {
        let step = AdamWStep::new(
            config(),
            WeightDecay::new(0.1).unwrap(),
            |_: &ParameterVector| Gradient::new(vec![0.0, 0.0]),
        );
        assert!(matches!(
            step.apply(AdamState::initial(ParameterVector::new(vec![1.0]).unwrap())),
            Err(MlError::ShapeMismatch {
                op: "AdamW gradient",
                ..
            })
        ));
        assert_eq!(Morphism::name(&step), "adamw(lr = 0.1, λ = 0.1)");
    }
}
