//! Adam (Kingma and Ba, 2014, arXiv:1412.6980) as the arrow
//! [`AdamStep`]` : AdamState → AdamState`.
//!
//! With t = the number of steps already taken + 1 and g the gradient at the
//! incoming parameters:
//!
//! ```text
//! m ← β1·m + (1 − β1)·g          first moment: a moving average of g
//! v ← β2·v + (1 − β2)·g²         second moment: a moving average of g²
//! m̂ = m / (1 − β1ᵗ)              bias correction: m and v start at 0,
//! v̂ = v / (1 − β2ᵗ)              so early averages are too small
//! p ← p − lr·m̂ / (√v̂ + ε)
//! ```
//!
//! The two moments are different types ([`FirstMoment`], [`SecondMoment`]),
//! so they cannot be swapped, and the step count lives in the state
//! ([`AdamStepCount`]), so the arrow stays free of memory. The update itself
//! is shared with AdamW (`adamw.rs`), which adds decoupled weight decay.

use std::fmt;

use super::vectors::{Gradient, ParameterVector, check_width, checked_values, gradient_at};
use crate::category::Morphism;
use crate::domain::{LearningRate, check_finite};
use crate::error::{MlError, MlResult};

/// Adam's moving average of the gradient, `m`: one finite entry per
/// parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct FirstMoment(Vec<f32>);

impl FirstMoment {
    /// At least one finite value; otherwise `EmptyInput("first moment")` or
    /// `InvalidScalar { kind: "first moment", .. }`.
    pub fn new(values: Vec<f32>) -> MlResult<Self> {
        checked_values(values, "first moment").map(Self)
    }

    /// Zero for every parameter: the moment before the first step.
    pub fn zeros_like(params: &ParameterVector) -> Self {
        Self(vec![0.0; params.len()])
    }

    /// The values, in parameter order.
    pub fn values(&self) -> &[f32] {
        &self.0
    }

    /// The number of entries (always at least 1).
    #[expect(
        clippy::len_without_is_empty,
        reason = "a FirstMoment is never empty by construction"
    )]
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

/// Adam's moving average of the squared gradient, `v`: one finite,
/// non-negative entry per parameter.
///
/// ```
/// use typed_ai::{MlError, SecondMoment};
/// assert!(SecondMoment::new(vec![0.25]).is_ok());
/// assert_eq!(
///     SecondMoment::new(vec![-0.25]),
///     Err(MlError::InvalidScalar { kind: "second moment", value: -0.25 })
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SecondMoment(Vec<f32>);

impl SecondMoment {
    /// At least one finite value, none negative (an average of squares);
    /// otherwise `EmptyInput("second moment")` or
    /// `InvalidScalar { kind: "second moment", .. }`.
    pub fn new(values: Vec<f32>) -> MlResult<Self> {
        let values = checked_values(values, "second moment")?;
        if let Some(&value) = values.iter().find(|v| **v < 0.0) {
            return Err(MlError::InvalidScalar {
                kind: "second moment",
                value,
            });
        }
        Ok(Self(values))
    }

    /// Zero for every parameter: the moment before the first step.
    pub fn zeros_like(params: &ParameterVector) -> Self {
        Self(vec![0.0; params.len()])
    }

    /// The values, in parameter order.
    pub fn values(&self) -> &[f32] {
        &self.0
    }

    /// The number of entries (always at least 1).
    #[expect(
        clippy::len_without_is_empty,
        reason = "a SecondMoment is never empty by construction"
    )]
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

/// How many Adam steps have already been taken. The next step's bias
/// correction uses `t = count + 1`, so the first step has t = 1 and
/// `1 − βᵗ` is never 0.
///
/// ```
/// use typed_ai::AdamStepCount;
/// let fresh = AdamStepCount::new(0);
/// assert_eq!(fresh.next().get(), 1);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AdamStepCount(usize);

impl AdamStepCount {
    /// `steps` steps taken so far; 0 before training.
    pub fn new(steps: usize) -> Self {
        Self(steps)
    }

    /// The number of steps taken.
    pub fn get(self) -> usize {
        self.0
    }

    /// The count after one more step. It saturates at `usize::MAX`, a number
    /// of steps no training run reaches.
    #[must_use]
    pub fn next(self) -> Self {
        Self(self.0.saturating_add(1))
    }
}

/// Adam's hyper-parameters: the learning rate, β1 and β2 in `[0, 1)`, and
/// ε > 0 (finite).
///
/// ```
/// use typed_ai::{AdamConfig, LearningRate, MlError};
/// let config = AdamConfig::with_defaults(LearningRate::new(0.001)?);
/// assert_eq!((config.beta1(), config.beta2(), config.epsilon()), (0.9, 0.999, 1e-8));
/// assert_eq!(
///     AdamConfig::new(LearningRate::new(0.001)?, 0.9, 1.0, 1e-8),
///     Err(MlError::InvalidScalar { kind: "Adam beta2", value: 1.0 })
/// );
/// # Ok::<(), MlError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdamConfig {
    learning_rate: LearningRate,
    beta1: f32,
    beta2: f32,
    epsilon: f32,
}

impl AdamConfig {
    /// Validates each hyper-parameter, naming the first bad one:
    /// `InvalidScalar { kind: "Adam beta1" | "Adam beta2" | "Adam epsilon", .. }`.
    pub fn new(
        learning_rate: LearningRate,
        beta1: f32,
        beta2: f32,
        epsilon: f32,
    ) -> MlResult<Self> {
        // β = 1 would freeze the average at its zero start and make the
        // bias correction 1 − 1ᵗ = 0; β < 0 is not an average.
        if !(0.0..1.0).contains(&beta1) {
            return Err(MlError::InvalidScalar {
                kind: "Adam beta1",
                value: beta1,
            });
        }
        if !(0.0..1.0).contains(&beta2) {
            return Err(MlError::InvalidScalar {
                kind: "Adam beta2",
                value: beta2,
            });
        }
        // ε keeps √v̂ + ε away from 0 when a coordinate has seen no gradient.
        if !epsilon.is_finite() || epsilon <= 0.0 {
            return Err(MlError::InvalidScalar {
                kind: "Adam epsilon",
                value: epsilon,
            });
        }
        Ok(Self {
            learning_rate,
            beta1,
            beta2,
            epsilon,
        })
    }

    /// The paper's defaults, β1 = 0.9, β2 = 0.999, ε = 1e-8, with your
    /// learning rate.
    pub fn with_defaults(learning_rate: LearningRate) -> Self {
        Self {
            learning_rate,
            beta1: 0.9,
            beta2: 0.999,
            epsilon: 1e-8,
        }
    }

    /// The step size.
    pub fn learning_rate(&self) -> LearningRate {
        self.learning_rate
    }

    /// The decay rate of the first moment.
    pub fn beta1(&self) -> f32 {
        self.beta1
    }

    /// The decay rate of the second moment.
    pub fn beta2(&self) -> f32 {
        self.beta2
    }

    /// The constant added to √v̂.
    pub fn epsilon(&self) -> f32 {
        self.epsilon
    }
}

/// Everything Adam carries from one step to the next: the parameters, both
/// moments (all three of the same width) and the number of steps taken.
///
/// ```
/// use typed_ai::{AdamState, FirstMoment, MlError, ParameterVector, SecondMoment, AdamStepCount};
/// let params = ParameterVector::new(vec![1.0])?;
/// let state = AdamState::initial(params.clone());
/// assert_eq!(state.step_count().get(), 0);
/// let drift = AdamState::new(
///     params,
///     FirstMoment::new(vec![0.0, 0.0])?,
///     SecondMoment::new(vec![0.0])?,
///     AdamStepCount::new(0),
/// );
/// assert!(matches!(drift, Err(MlError::ShapeMismatch { op: "Adam state", .. })));
/// # Ok::<(), MlError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct AdamState {
    params: ParameterVector,
    first_moment: FirstMoment,
    second_moment: SecondMoment,
    step_count: AdamStepCount,
}

impl AdamState {
    /// Checks that both moments have one entry per parameter.
    pub fn new(
        params: ParameterVector,
        first_moment: FirstMoment,
        second_moment: SecondMoment,
        step_count: AdamStepCount,
    ) -> MlResult<Self> {
        check_width("Adam state", "first moment", &params, first_moment.len())?;
        check_width("Adam state", "second moment", &params, second_moment.len())?;
        Ok(Self {
            params,
            first_moment,
            second_moment,
            step_count,
        })
    }

    /// The state before the first step: both moments zero, no steps taken.
    pub fn initial(params: ParameterVector) -> Self {
        Self {
            first_moment: FirstMoment::zeros_like(&params),
            second_moment: SecondMoment::zeros_like(&params),
            params,
            step_count: AdamStepCount::new(0),
        }
    }

    /// The parameters.
    pub fn params(&self) -> &ParameterVector {
        &self.params
    }

    /// `m`.
    pub fn first_moment(&self) -> &FirstMoment {
        &self.first_moment
    }

    /// `v`.
    pub fn second_moment(&self) -> &SecondMoment {
        &self.second_moment
    }

    /// How many steps produced this state.
    pub fn step_count(&self) -> AdamStepCount {
        self.step_count
    }

    /// All four parts, by value.
    pub fn into_parts(self) -> (ParameterVector, FirstMoment, SecondMoment, AdamStepCount) {
        (
            self.params,
            self.first_moment,
            self.second_moment,
            self.step_count,
        )
    }
}

/// `1 − βᵗ`, the factor that undoes the pull towards the moments' zero start.
fn bias_correction(beta: f32, t: usize) -> f32 {
    // t beyond i32::MAX makes βᵗ underflow to 0 either way.
    let t = i32::try_from(t).unwrap_or(i32::MAX);
    1.0 - beta.powi(t)
}

/// One Adam update with decoupled weight decay: coordinate `i` moves by
/// `p ← p − lr·(m̂/(√v̂ + ε) + decay_at(i)·p)`, so plain Adam passes 0 for
/// every coordinate, AdamW its λ for every coordinate, and the transformer's
/// AdamW λ or 0 tensor by tensor. The gradient's width has been checked by
/// the caller; `parameters_kind` names the optimizer in the error a
/// non-finite result gives (`"Adam parameter vector"`).
pub(crate) fn adam_update(
    config: &AdamConfig,
    decay_at: impl Fn(usize) -> f32,
    state: AdamState,
    gradient: &Gradient,
    parameters_kind: &'static str,
) -> MlResult<AdamState> {
    let AdamConfig {
        learning_rate,
        beta1,
        beta2,
        epsilon,
    } = *config;
    let lr = learning_rate.value();
    let t = state.step_count.next().get();
    let correction1 = bias_correction(beta1, t);
    let correction2 = bias_correction(beta2, t);

    let g = gradient.values();
    let m: Vec<f32> = state
        .first_moment
        .values()
        .iter()
        .zip(g)
        .map(|(m, g)| beta1 * m + (1.0 - beta1) * g)
        .collect();
    check_finite(&m, "Adam first moment")?;
    let v: Vec<f32> = state
        .second_moment
        .values()
        .iter()
        .zip(g)
        .map(|(v, g)| beta2 * v + (1.0 - beta2) * g * g)
        .collect();
    check_finite(&v, "Adam second moment")?;
    let params: Vec<f32> = state
        .params
        .values()
        .iter()
        .zip(m.iter().zip(&v))
        .enumerate()
        .map(|(i, (p, (m, v)))| {
            let m_hat = m / correction1;
            let v_hat = v / correction2;
            p - lr * (m_hat / (v_hat.sqrt() + epsilon) + decay_at(i) * p)
        })
        .collect();
    check_finite(&params, parameters_kind)?;
    // All three vectors come from zips over inputs of one width, so the
    // state's width invariant holds without another check.
    Ok(AdamState {
        params: ParameterVector::new(params)?,
        first_moment: FirstMoment::new(m)?,
        second_moment: SecondMoment::new(v)?,
        step_count: state.step_count.next(),
    })
}

/// One Adam step: evaluate the gradient at the incoming parameters, update
/// both moments, bias-correct them with t = steps taken + 1, and move the
/// parameters.
///
/// ```
/// use typed_ai::{AdamConfig, AdamState, AdamStep, Gradient, LearningRate, Morphism, ParameterVector};
/// // p = [1], g = [0.5], lr 0.1, β1 0.9, β2 0.999, ε 1e-8:
/// // m = 0.05, v = 0.00025, m̂ = 0.05/0.1 = 0.5, v̂ = 0.00025/0.001 = 0.25,
/// // p = 1 − 0.1·0.5/(0.5 + 1e-8) ≈ 0.9
/// let step = AdamStep::new(
///     AdamConfig::with_defaults(LearningRate::new(0.1)?),
///     |_: &ParameterVector| Gradient::new(vec![0.5]),
/// );
/// let next = step.apply(AdamState::initial(ParameterVector::new(vec![1.0])?))?;
/// assert!((next.params().values()[0] - 0.9).abs() < 1e-6);
/// assert_eq!(next.step_count().get(), 1);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Clone)]
pub struct AdamStep<G> {
    config: AdamConfig,
    gradient: G,
}

impl<G> AdamStep<G>
where
    G: Fn(&ParameterVector) -> MlResult<Gradient>,
{
    /// An Adam step with `config`, following the gradient that `gradient`
    /// computes.
    pub fn new(config: AdamConfig, gradient: G) -> Self {
        Self { config, gradient }
    }
}

impl<G> AdamStep<G> {
    /// The hyper-parameters.
    pub fn config(&self) -> &AdamConfig {
        &self.config
    }
}

impl<G> fmt::Debug for AdamStep<G> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AdamStep")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl<G> Morphism<AdamState, AdamState> for AdamStep<G>
where
    G: Fn(&ParameterVector) -> MlResult<Gradient>,
{
    fn name(&self) -> String {
        format!("adam(lr = {})", self.config.learning_rate.value())
    }

    fn apply(&self, state: AdamState) -> MlResult<AdamState> {
        let g = gradient_at(&self.gradient, &state.params, "Adam gradient")?;
        adam_update(&self.config, |_| 0.0, state, &g, "Adam parameter vector")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::category::{StepCount, apply_endomorphism_n_times};

    fn config(lr: f32) -> AdamConfig {
        AdamConfig::new(LearningRate::new(lr).unwrap(), 0.9, 0.999, 1e-8).unwrap()
    }

    /// The gradient of f(p) = p²/4, which is 0.5 at p = 1.
    fn quarter_square(p: &ParameterVector) -> MlResult<Gradient> {
        Gradient::new(p.values().iter().map(|x| 0.5 * x).collect())
    }

    fn start() -> AdamState {
        AdamState::initial(ParameterVector::new(vec![1.0]).unwrap())
    }

    #[test]
    fn adam_first_step_bias_corrected() {
        // g = 0.5, t = 1:
        // m = 0.9·0 + 0.1·0.5 = 0.05        m̂ = 0.05 / (1 − 0.9) = 0.5
        // v = 0.999·0 + 0.001·0.25 = 0.00025 v̂ = 0.00025 / (1 − 0.999) = 0.25
        // p = 1 − 0.1 · 0.5 / (√0.25 + 1e-8) = 1 − 0.1·0.99999998 ≈ 0.9
        let next = AdamStep::new(config(0.1), quarter_square)
            .apply(start())
            .unwrap();
        let p = next.params().values()[0];
        assert!(
            (p - 0.9).abs() < 1e-6,
            "first Adam step gave {p}, expected 0.9"
        );
        assert!((next.first_moment().values()[0] - 0.05).abs() < 1e-7);
        assert!((next.second_moment().values()[0] - 0.000_25).abs() < 1e-7);
        assert_eq!(next.step_count(), AdamStepCount::new(1));
    }

    #[test]
    fn without_bias_correction_the_first_step_would_be_0_6838() {
        // Documents what the correction prevents: using the raw moments,
        // p = 1 − 0.1 · 0.05 / (√0.00025 + 1e-8) = 1 − 0.1·3.162277 = 0.683772.
        // The first step would be 3.16× too large, because v is still near
        // its zero start and √v is far smaller than |g|.
        let (m, v) = (0.05_f32, 0.000_25_f32);
        let uncorrected = 1.0 - 0.1 * m / (v.sqrt() + 1e-8);
        assert!((uncorrected - 0.683_772).abs() < 1e-5);
        let corrected = AdamStep::new(config(0.1), quarter_square)
            .apply(start())
            .unwrap()
            .params()
            .values()[0];
        assert!((corrected - uncorrected).abs() > 0.2);
    }

    #[test]
    fn adam_second_step() {
        // From p = 0.9, m = 0.05, v = 0.00025, t = 2, g = 0.9/2 = 0.45:
        // m = 0.9·0.05 + 0.1·0.45 = 0.09               m̂ = 0.09 / 0.19 = 0.473684
        // v = 0.999·0.00025 + 0.001·0.2025 = 0.00045225 v̂ = 0.00045225 / 0.001999 = 0.226238
        // p = 0.9 − 0.1 · 0.473684 / 0.475645 = 0.9 − 0.0995877 = 0.800412
        let step = AdamStep::new(config(0.1), quarter_square);
        let two = apply_endomorphism_n_times(&step, start(), StepCount::new(2)).unwrap();
        let p = two.params().values()[0];
        assert!((p - 0.800_412).abs() < 1e-5, "second Adam step gave {p}");
        assert!((two.first_moment().values()[0] - 0.09).abs() < 1e-6);
        assert!((two.second_moment().values()[0] - 0.000_452_25).abs() < 1e-8);
        assert_eq!(two.step_count().get(), 2);
    }

    #[test]
    fn adam_rejects_dimension_drift() {
        let step = AdamStep::new(config(0.1), |_: &ParameterVector| {
            Gradient::new(vec![0.5, 0.5])
        });
        assert_eq!(
            step.apply(start()),
            Err(MlError::ShapeMismatch {
                op: "Adam gradient",
                expected: "gradient of width 1 (one entry per parameter)".to_string(),
                got: "width 2".to_string(),
            })
        );
    }

    #[test]
    fn state_constructor_checks_both_moment_widths() {
        let params = ParameterVector::new(vec![1.0, 2.0]).unwrap();
        let m = FirstMoment::zeros_like(&params);
        let v1 = SecondMoment::new(vec![0.0]).unwrap();
        assert_eq!(
            AdamState::new(params.clone(), m.clone(), v1, AdamStepCount::new(0)),
            Err(MlError::ShapeMismatch {
                op: "Adam state",
                expected: "second moment of width 2 (one entry per parameter)".to_string(),
                got: "width 1".to_string(),
            })
        );
        let m1 = FirstMoment::new(vec![0.0]).unwrap();
        let v = SecondMoment::zeros_like(&params);
        assert!(matches!(
            AdamState::new(params, m1, v, AdamStepCount::new(0)),
            Err(MlError::ShapeMismatch {
                op: "Adam state",
                ..
            })
        ));
    }

    #[test]
    fn config_rejects_each_bad_hyper_parameter() {
        let lr = LearningRate::new(0.1).unwrap();
        for (b1, b2, eps, kind, value) in [
            (1.0, 0.999, 1e-8, "Adam beta1", 1.0),
            (-0.1, 0.999, 1e-8, "Adam beta1", -0.1),
            (0.9, 1.0, 1e-8, "Adam beta2", 1.0),
            (0.9, 1.5, 1e-8, "Adam beta2", 1.5),
            (0.9, 0.999, 0.0, "Adam epsilon", 0.0),
            (0.9, 0.999, -1e-8, "Adam epsilon", -1e-8),
            (0.9, 0.999, f32::INFINITY, "Adam epsilon", f32::INFINITY),
        ] {
            assert_eq!(
                AdamConfig::new(lr, b1, b2, eps),
                Err(MlError::InvalidScalar { kind, value })
            );
        }
        assert!(matches!(
            AdamConfig::new(lr, f32::NAN, 0.999, 1e-8),
            Err(MlError::InvalidScalar {
                kind: "Adam beta1",
                ..
            })
        ));
        // β = 0 is allowed: no averaging at all.
        assert!(AdamConfig::new(lr, 0.0, 0.0, 1e-8).is_ok());
    }

    #[test]
    fn moment_constructors_reject_bad_values() {
        assert_eq!(
            FirstMoment::new(vec![]),
            Err(MlError::EmptyInput("first moment"))
        );
        assert!(matches!(
            FirstMoment::new(vec![f32::NAN]),
            Err(MlError::InvalidScalar {
                kind: "first moment",
                ..
            })
        ));
        assert_eq!(
            SecondMoment::new(vec![]),
            Err(MlError::EmptyInput("second moment"))
        );
        assert_eq!(
            SecondMoment::new(vec![0.1, -1.0]),
            Err(MlError::InvalidScalar {
                kind: "second moment",
                value: -1.0
            })
        );
        // A negative first moment is fine: gradients have signs.
        assert!(FirstMoment::new(vec![-1.0]).is_ok());
    }

    #[test]
    fn an_overflowing_gradient_is_reported() {
        // (1 − β2)·g·g = 1e19·1e22 = 1e41 overflows f32 (max ≈ 3.4e38),
        // so v becomes infinite.
        let step = AdamStep::new(config(0.1), |_: &ParameterVector| Gradient::new(vec![1e22]));
        assert_eq!(
            step.apply(start()),
            Err(MlError::InvalidScalar {
                kind: "Adam second moment",
                value: f32::INFINITY
            })
        );
    }

    #[test]
    fn a_parameter_pushed_past_f32_is_reported() {
        // p = −3e38 moves by a further −lr·1 = −3e38 and overflows to −∞.
        let step = AdamStep::new(config(3e38), |_: &ParameterVector| Gradient::new(vec![1.0]));
        let state = AdamState::initial(ParameterVector::new(vec![-3e38]).unwrap());
        assert_eq!(
            step.apply(state),
            Err(MlError::InvalidScalar {
                kind: "Adam parameter vector",
                value: f32::NEG_INFINITY
            })
        );
    }

    #[test]
    fn beta_zero_corrections_are_one() {
        assert_eq!(bias_correction(0.0, 1), 1.0);
        assert!((bias_correction(0.9, 1) - 0.1).abs() < 1e-7);
        assert!((bias_correction(0.9, 2) - 0.19).abs() < 1e-7);
        // Far beyond i32::MAX steps the correction is simply 1.
        assert_eq!(bias_correction(0.999, usize::MAX), 1.0);
    }
}
