// MUTANT `l2_coupled`: folds λ‖p‖²/2 into the loss (L2 regularisation), so its gradient λ·p flows through m, v and the division by √v̂.
//! One AdamW step as the arrow [`AdamWTrainStep`]` : AdamState → AdamState`.
//!
//! The formula used here is the one PyTorch's `AdamW` and Optax's `adamw`
//! implement, with the decay scaled by the learning rate:
//!
//! ```text
//! m ← β1·m + (1 − β1)·g          v ← β2·v + (1 − β2)·g²     (g: the LOSS gradient only)
//! p ← p − lr·( m̂/(√v̂ + ε) + λ·p )
//! ```
//!
//! The paper (Algorithm 2, line 12) writes `θ ← θ − η_t·(α·m̂/(√v̂ + ε) + λ·θ)`
//! with a schedule multiplier η_t apart from the step size α; with a
//! constant schedule the two agree when the paper's λ equals lr·λ here. What
//! both share is that λ·p never passes through m, v or the division by
//! √v̂. L2 regularisation adds λ·p to g instead, and Adam then divides it by
//! √v̂: weights with large gradients get almost no decay. That the pull
//! cannot enter the moments is typed (`terms.rs`); where it enters the
//! update, and scaled by what, is this file's and the regression test's.
//! Validation of β, ε and λ is `typed_ai`'s.

use std::fmt;

use typed_ai::{AdamConfig, AdamState, Gradient, MlResult, Morphism, ParameterVector, WeightDecay};

use crate::terms::{LossGradient, Moments};

/// AdamW's hyper-parameters: Adam's (learning rate, β1, β2, ε) and the
/// decoupled decay λ ≥ 0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdamWConfig {
    adam: AdamConfig,
    weight_decay: WeightDecay,
}

impl AdamWConfig {
    /// Both parts are validated by their own types, so any pair is valid.
    pub fn new(adam: AdamConfig, weight_decay: WeightDecay) -> Self {
        Self { adam, weight_decay }
    }

    /// Adam's part.
    pub fn adam(&self) -> &AdamConfig {
        &self.adam
    }

    /// λ.
    pub fn weight_decay(&self) -> WeightDecay {
        self.weight_decay
    }
}

/// `1 − βᵗ` for the step number `t ≥ 1`.
fn bias_correction(beta: f32, t: usize) -> f32 {
    let t = i32::try_from(t).unwrap_or(i32::MAX);
    1.0 - beta.powi(t)
}

/// One AdamW step: Adam's moments and bias correction from the loss
/// gradient, then the parameters move by the adaptive step plus `lr·λ·p`.
///
/// ```
/// use adamw::{AdamWConfig, AdamWTrainStep};
/// use typed_ai::{AdamConfig, AdamState, Gradient, LearningRate, Morphism, ParameterVector, WeightDecay};
/// let config = AdamWConfig::new(AdamConfig::with_defaults(LearningRate::new(0.1)?), WeightDecay::new(0.1)?);
/// let step = AdamWTrainStep::new(config, |_: &ParameterVector| Gradient::new(vec![0.0]));
/// // Only the decay acts: 1 − 0.1·0.1·1 = 0.99.
/// let next = step.apply(AdamState::initial(ParameterVector::new(vec![1.0])?))?;
/// assert!((next.params().values()[0] - 0.99).abs() < 1e-6);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Clone)]
pub struct AdamWTrainStep<G> {
    config: AdamWConfig,
    gradient: G,
}

impl<G> AdamWTrainStep<G>
where
    G: Fn(&ParameterVector) -> MlResult<Gradient>,
{
    /// A step with `config`, following the loss gradient that `gradient`
    /// computes at the incoming parameters.
    pub fn new(config: AdamWConfig, gradient: G) -> Self {
        Self { config, gradient }
    }
}

impl<G> fmt::Debug for AdamWTrainStep<G> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AdamWTrainStep")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl<G> Morphism<AdamState, AdamState> for AdamWTrainStep<G>
where
    G: Fn(&ParameterVector) -> MlResult<Gradient>,
{
    fn name(&self) -> String {
        format!(
            "adamw(lr = {}, λ = {})",
            self.config.adam.learning_rate().value(),
            self.config.weight_decay.value()
        )
    }

    fn apply(&self, state: AdamState) -> MlResult<AdamState> {
        let (params, m, v, steps) = state.into_parts();
        let adam = &self.config.adam;
        // L2: λ‖p‖²/2 folded into the loss, so its gradient carries λ·p
        // into the moments and through the division by √v̂.
        let lambda = self.config.weight_decay.value();
        let regularised = |p: &ParameterVector| {
            let g = (self.gradient)(p)?;
            Gradient::new(
                g.values()
                    .iter()
                    .zip(p.values())
                    .map(|(g, p)| g + lambda * p)
                    .collect(),
            )
        };
        let g = LossGradient::at(&regularised, &params)?;
        let moments = Moments::new(m, v).observe(&g, adam)?;
        let (beta1, beta2, epsilon) = (adam.beta1(), adam.beta2(), adam.epsilon());
        let lr = adam.learning_rate().value();
        let t = steps.next();
        let correction1 = bias_correction(beta1, t.get());
        let correction2 = bias_correction(beta2, t.get());

        let p: Vec<f32> = params
            .values()
            .iter()
            .zip(
                moments
                    .first()
                    .values()
                    .iter()
                    .zip(moments.second().values()),
            )
            .map(|(p, (m, v))| {
                let m_hat = m / correction1;
                let v_hat = v / correction2;
                p - lr * m_hat / (v_hat.sqrt() + epsilon)
            })
            .collect();
        let (m, v) = moments.into_parts();
        AdamState::new(ParameterVector::new(p)?, m, v, t)
    }
}
