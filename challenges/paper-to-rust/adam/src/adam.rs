//! One Adam step (Algorithm 1 of the paper) as the arrow
//! [`AdamTrainStep`]` : AdamState → AdamState`.
//!
//! With t = steps taken + 1 and g the gradient at the incoming parameters:
//!
//! ```text
//! m ← β1·m + (1 − β1)·g        v ← β2·v + (1 − β2)·g²
//! m̂ = m / (1 − β1ᵗ)            v̂ = v / (1 − β2ᵗ)
//! p ← p − lr·m̂ / (√v̂ + ε)
//! ```
//!
//! The moments start at zero, so for small t they are pulled towards zero;
//! dividing by 1 − βᵗ undoes exactly that pull. The nouns (parameters,
//! gradient, moments, step count, validated hyper-parameters) come from
//! `typed_ai`; the update itself is written here so that a mutant can break
//! it. This file does not schedule the learning rate or decay weights.

use std::fmt;

use typed_ai::{
    AdamConfig, AdamState, FirstMoment, Gradient, MlError, MlResult, Morphism, ParameterVector,
    SecondMoment,
};

/// `1 − βᵗ`: the fraction of a moving average's weight that has reached real
/// gradients after `t` steps from a zero start (the rest is still on the
/// zero). `t` counts from 1, so with β in [0, 1) the factor is never 0.
///
/// ```
/// use adam::bias_correction;
/// assert!((bias_correction(0.9, 1) - 0.1).abs() < 1e-7);
/// assert!((bias_correction(0.9, 2) - 0.19).abs() < 1e-7);
/// ```
pub fn bias_correction(beta: f32, t: usize) -> f32 {
    // Beyond i32::MAX steps βᵗ has long underflowed to 0 either way.
    let t = i32::try_from(t).unwrap_or(i32::MAX);
    1.0 - beta.powi(t)
}

/// One Adam step: evaluate the gradient at the incoming parameters, update
/// both moments, bias-correct them with t = steps taken + 1, and move.
///
/// ```
/// use adam::AdamTrainStep;
/// use typed_ai::{AdamConfig, AdamState, Gradient, LearningRate, Morphism, ParameterVector};
/// let step = AdamTrainStep::new(
///     AdamConfig::with_defaults(LearningRate::new(0.1)?),
///     |_: &ParameterVector| Gradient::new(vec![0.5]),
/// );
/// let next = step.apply(AdamState::initial(ParameterVector::new(vec![1.0])?))?;
/// assert!((next.params().values()[0] - 0.9).abs() < 1e-6);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Clone)]
pub struct AdamTrainStep<G> {
    config: AdamConfig,
    gradient: G,
}

impl<G> AdamTrainStep<G>
where
    G: Fn(&ParameterVector) -> MlResult<Gradient>,
{
    /// A step with the hyper-parameters `config`, following the gradient
    /// that `gradient` computes at the incoming parameters.
    pub fn new(config: AdamConfig, gradient: G) -> Self {
        Self { config, gradient }
    }
}

impl<G> fmt::Debug for AdamTrainStep<G> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AdamTrainStep")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl<G> Morphism<AdamState, AdamState> for AdamTrainStep<G>
where
    G: Fn(&ParameterVector) -> MlResult<Gradient>,
{
    fn name(&self) -> String {
        format!("adam(lr = {})", self.config.learning_rate().value())
    }

    fn apply(&self, state: AdamState) -> MlResult<AdamState> {
        let (params, m, v, steps) = state.into_parts();
        let g = (self.gradient)(&params)?;
        if g.len() != params.len() {
            return Err(MlError::ShapeMismatch {
                op: "Adam gradient",
                expected: format!(
                    "gradient of width {} (one entry per parameter)",
                    params.len()
                ),
                got: format!("width {}", g.len()),
            });
        }
        let (beta1, beta2) = (self.config.beta1(), self.config.beta2());
        let lr = self.config.learning_rate().value();
        let epsilon = self.config.epsilon();

        // The step being taken is number t = steps taken + 1, so the first
        // step divides by 1 − β, never by 1 − β⁰ = 0.
        let t = steps.next();
        let correction1 = bias_correction(beta1, t.get());
        let correction2 = bias_correction(beta2, t.get());

        let g = g.values();
        let m: Vec<f32> = m
            .values()
            .iter()
            .zip(g)
            .map(|(m, g)| beta1 * m + (1.0 - beta1) * g)
            .collect();
        let v: Vec<f32> = v
            .values()
            .iter()
            .zip(g)
            .map(|(v, g)| beta2 * v + (1.0 - beta2) * g * g)
            .collect();
        let p: Vec<f32> = params
            .values()
            .iter()
            .zip(m.iter().zip(&v))
            .map(|(p, (m, v))| {
                let m_hat = m / correction1;
                let v_hat = v / correction2;
                p - lr * m_hat / (v_hat.sqrt() + epsilon)
            })
            .collect();
        // The constructors reject a non-finite entry (an overflowing
        // gradient), and `AdamState::new` re-checks that all widths agree.
        AdamState::new(
            ParameterVector::new(p)?,
            FirstMoment::new(m)?,
            SecondMoment::new(v)?,
            t,
        )
    }
}
