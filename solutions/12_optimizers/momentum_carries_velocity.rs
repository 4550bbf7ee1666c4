// Chapter 12.1: momentum remembers its velocity
//
// Heavy-ball momentum keeps a velocity per parameter and follows it:
//     v <- mu * v + g        (mu = 0.9 keeps 90% of the old velocity)
//     p <- p - lr * v
// Under a steady gradient the velocity builds up, so each step is longer than
// the one before. The optimizer's state, `MomentumState`, holds both the
// parameters and the velocity, and the step maps one state to the next.
//
// `HeavyBall` below compiles, but it forgets the velocity it was given, which
// turns momentum back into plain gradient descent. Fix the marked line.
// Done means the tests pass; they are the definition of done, do not edit them.

use typed_ai::{
    Gradient, LearningRate, MlResult, MomentumCoefficient, MomentumState, Morphism,
    ParameterVector, Velocity,
};

/// The gradient of f(p) = p: a constant slope of 1 for every parameter.
fn slope_of_one(params: &ParameterVector) -> MlResult<Gradient> {
    Gradient::new(vec![1.0; params.len()])
}

/// One heavy-ball momentum step on f(p) = p.
struct HeavyBall {
    learning_rate: LearningRate,
    momentum: MomentumCoefficient,
}

impl Morphism<MomentumState, MomentumState> for HeavyBall {
    fn name(&self) -> String {
        "heavy_ball".to_string()
    }

    fn apply(&self, state: MomentumState) -> MlResult<MomentumState> {
        let gradient = slope_of_one(state.params())?;
        let lr = self.learning_rate.value();
        let mu = self.momentum.value();

        // The velocity is the optimizer's memory: it arrives in the state and
        // leaves in the new state. Starting from zero every step would forget
        // every earlier gradient, which is plain gradient descent.
        let previous = state.velocity();

        // v <- mu * v + g
        let velocity: Vec<f32> = previous
            .values()
            .iter()
            .zip(gradient.values())
            .map(|(v, g)| mu * v + g)
            .collect();
        // p <- p - lr * v
        let params: Vec<f32> = state
            .params()
            .values()
            .iter()
            .zip(&velocity)
            .map(|(p, v)| p - lr * v)
            .collect();
        MomentumState::new(ParameterVector::new(params)?, Velocity::new(velocity)?)
    }
}

fn heavy_ball() -> MlResult<HeavyBall> {
    Ok(HeavyBall {
        learning_rate: LearningRate::new(0.1)?,
        momentum: MomentumCoefficient::new(0.9)?,
    })
}

fn main() -> MlResult<()> {
    let step = heavy_ball()?;
    let mut state = MomentumState::at_rest(ParameterVector::new(vec![0.0])?);
    println!("step | parameter | velocity");
    for n in 1..=4 {
        state = step.apply(state)?;
        println!(
            "{n:>4} | {:>9.4} | {:>8.4}",
            state.params().values()[0],
            state.velocity().values()[0]
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_rest() -> MomentumState {
        MomentumState::at_rest(ParameterVector::new(vec![0.0]).unwrap())
    }

    #[test]
    fn first_step_moves_one_tenth() {
        // From rest: v = 0.9 * 0 + 1 = 1, so p = 0 - 0.1 * 1 = -0.1.
        let one = heavy_ball().unwrap().apply(at_rest()).unwrap();
        let p = one.params().values()[0];
        assert!(
            (p + 0.1).abs() < 1e-6,
            "after one momentum step the parameter is {p}; starting at rest it must be -0.1"
        );
    }

    #[test]
    fn second_step_is_longer() {
        // v = 0.9 * 1 + 1 = 1.9, so the second step moves 0.1 * 1.9 = 0.19.
        let step = heavy_ball().unwrap();
        let one = step.apply(at_rest()).unwrap();
        let two = step.apply(one.clone()).unwrap();
        let moved = one.params().values()[0] - two.params().values()[0];
        let v = two.velocity().values()[0];
        assert!(
            (v - 1.9).abs() < 1e-6,
            "after two steps the velocity is {v}; momentum keeps 0.9 of the old \
             velocity 1 and adds the gradient 1, so it must be 1.9"
        );
        assert!(
            (moved - 0.19).abs() < 1e-6,
            "the second step moved {moved:.4}; with the velocity built up to 1.9 it must move 0.19"
        );
    }
}

// Wrong fixes this file's tests reject:
// - keeping a fresh zero velocity every step (the unsolved code): momentum
//   becomes plain gradient descent, each step moves 0.1, and
//   `second_step_is_longer` fails.
// - starting from the gradient instead of the stored velocity: the very
//   first step already moves 0.19, so `first_step_moves_one_tenth` fails.
