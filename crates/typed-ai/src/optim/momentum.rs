//! Heavy-ball momentum as the arrow
//! [`MomentumStep`]` : MomentumState → MomentumState`.
//!
//! The update (the form PyTorch's SGD with momentum uses, no dampening):
//!
//! ```text
//! v ← μ·v + g
//! p ← p − lr·v
//! ```
//!
//! The velocity is optimizer *memory*: it must survive from one step to the
//! next. It lives in [`MomentumState`], next to the parameters, never in the
//! step, which only holds the learning rate, μ and the gradient function.
//! This file does not own Nesterov momentum.

use std::fmt;

use super::vectors::{Gradient, ParameterVector, check_width, checked_values, gradient_at};
use crate::category::Morphism;
use crate::domain::{LearningRate, check_finite};
use crate::error::{MlError, MlResult};

/// How much of the previous velocity survives each step, μ in `[0, 1)`.
///
/// μ = 0 is plain gradient descent; μ = 0.9 is the usual choice. μ ≥ 1 would
/// let the velocity grow without bound under a constant gradient.
///
/// ```
/// use typed_ai::{MlError, MomentumCoefficient};
/// assert_eq!(MomentumCoefficient::new(0.9)?.value(), 0.9);
/// assert_eq!(
///     MomentumCoefficient::new(1.0),
///     Err(MlError::InvalidScalar { kind: "momentum coefficient", value: 1.0 })
/// );
/// # Ok::<(), MlError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct MomentumCoefficient(f32);

impl MomentumCoefficient {
    /// μ in `[0, 1)`; anything else is `InvalidScalar { kind: "momentum coefficient", .. }`.
    pub fn new(value: f32) -> MlResult<Self> {
        if !(0.0..1.0).contains(&value) {
            return Err(MlError::InvalidScalar {
                kind: "momentum coefficient",
                value,
            });
        }
        Ok(Self(value))
    }

    /// μ.
    pub fn value(self) -> f32 {
        self.0
    }
}

/// The running, decayed sum of past gradients that momentum follows: one
/// finite entry per parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Velocity(Vec<f32>);

impl Velocity {
    /// At least one finite value; otherwise `EmptyInput("velocity")` or
    /// `InvalidScalar { kind: "velocity", .. }`.
    pub fn new(values: Vec<f32>) -> MlResult<Self> {
        checked_values(values, "velocity").map(Self)
    }

    /// A velocity of zero for every parameter: how training starts.
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
        reason = "a Velocity is never empty by construction"
    )]
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

/// What momentum carries from one step to the next: the parameters and their
/// velocity, always of the same width.
///
/// ```
/// use typed_ai::{MlError, MomentumState, ParameterVector, Velocity};
/// let state = MomentumState::at_rest(ParameterVector::new(vec![1.0, 2.0])?);
/// assert_eq!(state.velocity().values(), &[0.0, 0.0]);
/// let mismatch = MomentumState::new(
///     ParameterVector::new(vec![1.0, 2.0])?,
///     Velocity::new(vec![0.0])?,
/// );
/// assert!(matches!(mismatch, Err(MlError::ShapeMismatch { op: "momentum state", .. })));
/// # Ok::<(), MlError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct MomentumState {
    params: ParameterVector,
    velocity: Velocity,
}

impl MomentumState {
    /// Pairs parameters with a velocity of the same width.
    pub fn new(params: ParameterVector, velocity: Velocity) -> MlResult<Self> {
        check_width("momentum state", "velocity", &params, velocity.len())?;
        Ok(Self { params, velocity })
    }

    /// The state before the first step: zero velocity.
    pub fn at_rest(params: ParameterVector) -> Self {
        let velocity = Velocity::zeros_like(&params);
        Self { params, velocity }
    }

    /// The parameters.
    pub fn params(&self) -> &ParameterVector {
        &self.params
    }

    /// The velocity.
    pub fn velocity(&self) -> &Velocity {
        &self.velocity
    }

    /// Both parts, by value.
    pub fn into_parts(self) -> (ParameterVector, Velocity) {
        (self.params, self.velocity)
    }
}

/// One momentum step: `v ← μ·v + g(p)`, then `p ← p − lr·v`.
///
/// With μ = 0.9, lr = 0.1 and a constant gradient of 1 the parameter moves by
/// 0.1, then 0.19, then 0.271: the velocity builds up.
///
/// ```
/// use typed_ai::{
///     Gradient, LearningRate, MomentumCoefficient, MomentumState, MomentumStep, Morphism,
///     ParameterVector,
/// };
/// let step = MomentumStep::new(
///     LearningRate::new(0.1)?,
///     MomentumCoefficient::new(0.9)?,
///     |_: &ParameterVector| Gradient::new(vec![1.0]),
/// );
/// let state = MomentumState::at_rest(ParameterVector::new(vec![0.0])?);
/// let once = step.apply(state)?;
/// let twice = step.apply(once.clone())?;
/// let second_move = once.params().values()[0] - twice.params().values()[0];
/// assert!((second_move - 0.19).abs() < 1e-6);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Clone)]
pub struct MomentumStep<G> {
    learning_rate: LearningRate,
    momentum: MomentumCoefficient,
    gradient: G,
}

impl<G> MomentumStep<G>
where
    G: Fn(&ParameterVector) -> MlResult<Gradient>,
{
    /// A momentum step with step size `learning_rate` and coefficient
    /// `momentum`, following the gradient that `gradient` computes.
    pub fn new(learning_rate: LearningRate, momentum: MomentumCoefficient, gradient: G) -> Self {
        Self {
            learning_rate,
            momentum,
            gradient,
        }
    }
}

impl<G> MomentumStep<G> {
    /// The step size.
    pub fn learning_rate(&self) -> LearningRate {
        self.learning_rate
    }

    /// μ.
    pub fn momentum(&self) -> MomentumCoefficient {
        self.momentum
    }
}

impl<G> fmt::Debug for MomentumStep<G> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MomentumStep")
            .field("learning_rate", &self.learning_rate)
            .field("momentum", &self.momentum)
            .finish_non_exhaustive()
    }
}

impl<G> Morphism<MomentumState, MomentumState> for MomentumStep<G>
where
    G: Fn(&ParameterVector) -> MlResult<Gradient>,
{
    fn name(&self) -> String {
        format!(
            "momentum(lr = {}, μ = {})",
            self.learning_rate.value(),
            self.momentum.value()
        )
    }

    fn apply(&self, state: MomentumState) -> MlResult<MomentumState> {
        let g = gradient_at(&self.gradient, &state.params, "momentum gradient")?;
        let (lr, mu) = (self.learning_rate.value(), self.momentum.value());
        let velocity: Vec<f32> = state
            .velocity
            .values()
            .iter()
            .zip(g.values())
            .map(|(v, g)| mu * v + g)
            .collect();
        check_finite(&velocity, "momentum velocity")?;
        let params: Vec<f32> = state
            .params
            .values()
            .iter()
            .zip(&velocity)
            .map(|(p, v)| p - lr * v)
            .collect();
        check_finite(&params, "momentum parameter vector")?;
        Ok(MomentumState {
            params: ParameterVector::new(params)?,
            velocity: Velocity::new(velocity)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::category::{StepCount, apply_endomorphism_n_times};

    fn constant_one(_: &ParameterVector) -> MlResult<Gradient> {
        Gradient::new(vec![1.0])
    }

    fn step() -> MomentumStep<fn(&ParameterVector) -> MlResult<Gradient>> {
        MomentumStep::new(
            LearningRate::new(0.1).unwrap(),
            MomentumCoefficient::new(0.9).unwrap(),
            constant_one,
        )
    }

    #[test]
    fn coefficient_must_be_in_zero_one() {
        assert!(MomentumCoefficient::new(0.0).is_ok());
        for bad in [1.0, 1.5, -0.1, f32::NAN, f32::INFINITY] {
            assert!(
                matches!(
                    MomentumCoefficient::new(bad),
                    Err(MlError::InvalidScalar {
                        kind: "momentum coefficient",
                        ..
                    })
                ),
                "{bad} was accepted"
            );
        }
    }

    #[test]
    fn velocity_and_state_constructors_check_their_values() {
        assert_eq!(Velocity::new(vec![]), Err(MlError::EmptyInput("velocity")));
        assert!(matches!(
            Velocity::new(vec![f32::NAN]),
            Err(MlError::InvalidScalar {
                kind: "velocity",
                ..
            })
        ));
        assert_eq!(
            MomentumState::new(
                ParameterVector::new(vec![1.0, 2.0]).unwrap(),
                Velocity::new(vec![0.0]).unwrap()
            ),
            Err(MlError::ShapeMismatch {
                op: "momentum state",
                expected: "velocity of width 2 (one entry per parameter)".to_string(),
                got: "width 1".to_string(),
            })
        );
    }

    #[test]
    fn momentum_moves_point_one_then_point_one_nine() {
        // g = 1 every step, μ = 0.9, lr = 0.1, from p = 0, v = 0:
        // step 1: v = 0.9·0 + 1 = 1,      p = 0 − 0.1·1 = −0.1    (moved 0.1)
        // step 2: v = 0.9·1 + 1 = 1.9,    p = −0.1 − 0.19 = −0.29 (moved 0.19)
        // step 3: v = 0.9·1.9 + 1 = 2.71, p = −0.29 − 0.271 = −0.561
        let s0 = MomentumState::at_rest(ParameterVector::new(vec![0.0]).unwrap());
        let s1 = step().apply(s0).unwrap();
        assert!((s1.params().values()[0] + 0.1).abs() < 1e-6);
        assert!((s1.velocity().values()[0] - 1.0).abs() < 1e-6);
        let s2 = step().apply(s1).unwrap();
        assert!((s2.params().values()[0] + 0.29).abs() < 1e-6);
        assert!((s2.velocity().values()[0] - 1.9).abs() < 1e-6);
        let s3 = step().apply(s2).unwrap();
        assert!((s3.params().values()[0] + 0.561).abs() < 1e-6);
    }

    #[test]
    fn the_step_is_a_function_of_the_state_alone() {
        // Same input state, same output: no memory hides in the arrow.
        let start = MomentumState::at_rest(ParameterVector::new(vec![0.0]).unwrap());
        let s = step();
        let first = s.apply(start.clone()).unwrap();
        let _ = s.apply(first.clone()).unwrap();
        assert_eq!(s.apply(start).unwrap(), first);
    }

    #[test]
    fn zero_momentum_is_plain_gradient_descent() {
        let step = MomentumStep::new(
            LearningRate::new(0.1).unwrap(),
            MomentumCoefficient::new(0.0).unwrap(),
            constant_one,
        );
        let start = MomentumState::at_rest(ParameterVector::new(vec![0.0]).unwrap());
        let end = apply_endomorphism_n_times(&step, start, StepCount::new(3)).unwrap();
        assert!((end.params().values()[0] + 0.3).abs() < 1e-6);
    }

    #[test]
    fn gradient_width_drift_is_rejected() {
        let step = MomentumStep::new(
            LearningRate::new(0.1).unwrap(),
            MomentumCoefficient::new(0.5).unwrap(),
            |_: &ParameterVector| Gradient::new(vec![1.0, 2.0]),
        );
        let start = MomentumState::at_rest(ParameterVector::new(vec![0.0]).unwrap());
        assert!(matches!(
            step.apply(start),
            Err(MlError::ShapeMismatch {
                op: "momentum gradient",
                ..
            })
        ));
    }
}
