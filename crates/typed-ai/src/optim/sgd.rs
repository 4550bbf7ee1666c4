//! Plain gradient descent, `p ← p − lr·g`, as the arrow
//! [`SgdStep`]` : ParameterVector → ParameterVector`.
//!
//! SGD has no memory, so its state is just the parameters. This file does not
//! sample mini-batches: the "stochastic" part lives in whatever gradient
//! function the step is given.

use std::fmt;

use super::vectors::{Gradient, ParameterVector, gradient_at};
use crate::category::Morphism;
use crate::domain::{LearningRate, check_finite};
use crate::error::MlResult;

/// One step of gradient descent: evaluate the gradient at the incoming
/// parameters and move against it, `p ← p − lr·g`.
///
/// ```
/// use typed_ai::{Gradient, LearningRate, Morphism, ParameterVector, SgdStep};
/// // f(p) = p², so g = 2p; from p = 3 with lr 0.1: 3 − 0.1·6 = 2.4
/// let step = SgdStep::new(LearningRate::new(0.1)?, |p: &ParameterVector| {
///     Gradient::new(p.values().iter().map(|x| 2.0 * x).collect())
/// });
/// let next = step.apply(ParameterVector::new(vec![3.0])?)?;
/// assert!((next.values()[0] - 2.4).abs() < 1e-6);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Clone)]
pub struct SgdStep<G> {
    learning_rate: LearningRate,
    gradient: G,
}

impl<G> SgdStep<G>
where
    G: Fn(&ParameterVector) -> MlResult<Gradient>,
{
    /// A step of size `learning_rate` down the gradient that `gradient`
    /// computes.
    pub fn new(learning_rate: LearningRate, gradient: G) -> Self {
        Self {
            learning_rate,
            gradient,
        }
    }
}

impl<G> SgdStep<G> {
    /// The step size.
    pub fn learning_rate(&self) -> LearningRate {
        self.learning_rate
    }
}

impl<G> fmt::Debug for SgdStep<G> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SgdStep")
            .field("learning_rate", &self.learning_rate)
            .finish_non_exhaustive()
    }
}

impl<G> Morphism<ParameterVector, ParameterVector> for SgdStep<G>
where
    G: Fn(&ParameterVector) -> MlResult<Gradient>,
{
    fn name(&self) -> String {
        format!("sgd(lr = {})", self.learning_rate.value())
    }

    fn apply(&self, params: ParameterVector) -> MlResult<ParameterVector> {
        let g = gradient_at(&self.gradient, &params, "SGD gradient")?;
        let lr = self.learning_rate.value();
        let next: Vec<f32> = params
            .values()
            .iter()
            .zip(g.values())
            .map(|(p, g)| p - lr * g)
            .collect();
        check_finite(&next, "SGD parameter vector")?;
        ParameterVector::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::category::{StepCount, apply_endomorphism_n_times};
    use crate::error::MlError;

    /// The gradient of f(p) = ½‖p − c‖² with c = [1, 2] is p − c.
    fn pull_towards_one_two(p: &ParameterVector) -> MlResult<Gradient> {
        Gradient::new(vec![p.values()[0] - 1.0, p.values()[1] - 2.0])
    }

    #[test]
    fn one_step_moves_against_the_gradient() {
        // p = [3, −1]: g = [2, −3]; p − 0.1·g = [2.8, −0.7]
        let step = SgdStep::new(LearningRate::new(0.1).unwrap(), pull_towards_one_two);
        let next = step
            .apply(ParameterVector::new(vec![3.0, -1.0]).unwrap())
            .unwrap();
        assert!((next.values()[0] - 2.8).abs() < 1e-6);
        assert!((next.values()[1] + 0.7).abs() < 1e-6);
    }

    #[test]
    fn sgd_converges_on_a_quadratic() {
        // Each step multiplies the error p − c by (1 − lr) = 0.9, so after
        // 150 steps the error [2, −3] has shrunk to [2, −3]·0.9^150 ≈ 1.4e-7·[2, −3].
        let step = SgdStep::new(LearningRate::new(0.1).unwrap(), pull_towards_one_two);
        let start = ParameterVector::new(vec![3.0, -1.0]).unwrap();
        let end = apply_endomorphism_n_times(&step, start, StepCount::new(150)).unwrap();
        assert!((end.values()[0] - 1.0).abs() < 1e-4, "{:?}", end.values());
        assert!((end.values()[1] - 2.0).abs() < 1e-4, "{:?}", end.values());
    }

    #[test]
    fn a_divergent_step_is_reported_not_propagated() {
        // lr 1e38 times a gradient of 10 overflows f32.
        let step = SgdStep::new(LearningRate::new(1e38).unwrap(), |_: &ParameterVector| {
            Gradient::new(vec![10.0])
        });
        assert_eq!(
            step.apply(ParameterVector::new(vec![0.0]).unwrap()),
            Err(MlError::InvalidScalar {
                kind: "SGD parameter vector",
                value: f32::NEG_INFINITY
            })
        );
    }

    #[test]
    fn wrong_gradient_width_is_a_shape_mismatch() {
        let step = SgdStep::new(LearningRate::new(0.1).unwrap(), |_: &ParameterVector| {
            Gradient::new(vec![1.0, 1.0])
        });
        assert!(matches!(
            step.apply(ParameterVector::new(vec![0.0]).unwrap()),
            Err(MlError::ShapeMismatch {
                op: "SGD gradient",
                ..
            })
        ));
        assert_eq!(Morphism::name(&step), "sgd(lr = 0.1)");
    }
}
