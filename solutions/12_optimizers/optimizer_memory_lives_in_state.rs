// Chapter 12.2: optimizer memory lives in the state, not in the step
//
// A PyTorch optimizer keeps its momentum buffers inside itself and changes
// them on every `step()`. Here an optimizer step is an arrow, and
// `Morphism::apply` takes `&self`: applying an arrow may read it but never
// change it. That is what makes a step a function you can test and repeat:
// the same state in always gives the same state out. Anything that changes
// from one step to the next, like the velocity, must travel in the state.
//
// `MomentumStep` below tries to keep its velocity in `self`, and rustc refuses.
// Keep the velocity in `MomentumState` instead (it already has a place for
// it) and take it out of the step. Done means it compiles and the tests pass;
// the tests are the definition of done, do not edit them.

use typed_ai::{
    Gradient, LearningRate, MlResult, MomentumCoefficient, MomentumState, Morphism,
    ParameterVector, StepCount, Velocity, apply_endomorphism_n_times,
};

/// The gradient of f(p) = p: a constant slope of 1 for every parameter.
fn slope_of_one(params: &ParameterVector) -> MlResult<Gradient> {
    Gradient::new(vec![1.0; params.len()])
}

/// Heavy-ball momentum: v <- mu * v + g, then p <- p - lr * v.
///
/// The step holds only what stays fixed during training. The velocity changes
/// every step, so it lives in `MomentumState`, which the step takes in and
/// gives back.
struct MomentumStep {
    learning_rate: LearningRate,
    momentum: MomentumCoefficient,
}

impl Morphism<MomentumState, MomentumState> for MomentumStep {
    fn name(&self) -> String {
        "momentum".to_string()
    }

    fn apply(&self, state: MomentumState) -> MlResult<MomentumState> {
        let gradient = slope_of_one(state.params())?;
        let (lr, mu) = (self.learning_rate.value(), self.momentum.value());
        // v <- mu * v + g, starting from the velocity the state brought in
        let velocity = Velocity::new(
            state
                .velocity()
                .values()
                .iter()
                .zip(gradient.values())
                .map(|(v, g)| mu * v + g)
                .collect(),
        )?;
        // p <- p - lr * v
        let params: Vec<f32> = state
            .params()
            .values()
            .iter()
            .zip(velocity.values())
            .map(|(p, v)| p - lr * v)
            .collect();
        // The new velocity leaves in the new state, ready for the next step.
        MomentumState::new(ParameterVector::new(params)?, velocity)
    }
}

/// A momentum step with lr 0.1 and mu 0.9, for one parameter.
fn momentum_step() -> MlResult<MomentumStep> {
    Ok(MomentumStep {
        learning_rate: LearningRate::new(0.1)?,
        momentum: MomentumCoefficient::new(0.9)?,
    })
}

fn start() -> MlResult<MomentumState> {
    Ok(MomentumState::at_rest(ParameterVector::new(vec![0.0])?))
}

fn main() -> MlResult<()> {
    let step = momentum_step()?;
    let after_three = apply_endomorphism_n_times(&step, start()?, StepCount::new(3))?;
    println!(
        "after 3 steps: parameter {:.4}, velocity {:.4}",
        after_three.params().values()[0],
        after_three.velocity().values()[0]
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn velocity_builds_up_across_steps() {
        // Gradient 1 every step, lr 0.1, mu 0.9, from rest:
        // step 1: v = 1,   p = -0.1
        // step 2: v = 1.9, p = -0.1 - 0.19 = -0.29
        let step = momentum_step().unwrap();
        let two = apply_endomorphism_n_times(&step, start().unwrap(), StepCount::new(2)).unwrap();
        let (p, v) = (two.params().values()[0], two.velocity().values()[0]);
        assert!(
            (v - 1.9).abs() < 1e-6 && (p + 0.29).abs() < 1e-6,
            "after two steps: parameter {p}, velocity {v}; expected -0.29 and 1.9 \
             (each step must start from the velocity the previous step left in the state)"
        );
    }

    #[test]
    fn same_state_in_same_state_out() {
        // An arrow is a function of its input: taking other steps in between
        // must not change what the step does to the starting state.
        let step = momentum_step().unwrap();
        let first = step.apply(start().unwrap()).unwrap();
        let _later = step.apply(first.clone()).unwrap();
        let again = step.apply(start().unwrap()).unwrap();
        assert_eq!(
            again, first,
            "the same starting state gave a different step the second time: \
             the step is remembering something outside the state"
        );
    }
}

// Wrong fixes this file's tests reject:
// - keeping the velocity in the step behind a `RefCell` (or a `Cell`),
//   which `&self` allows: it compiles and the velocity builds up, but the
//   same starting state now gives a different step the second time, so
//   `same_state_in_same_state_out` fails.
// - dropping the memory instead of moving it (a fresh zero velocity every
//   step): `velocity_builds_up_across_steps` finds 1, not 1.9.
