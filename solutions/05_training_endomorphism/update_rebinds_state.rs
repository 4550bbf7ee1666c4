// Chapter 5.3: each step starts where the last one ended
//
// Training is a chain of steps in which each step starts from the
// parameters the previous one returned: the state carries everything the
// model has learned so far. A step takes the parameters by value and returns
// new ones; nothing is edited in place. So the loop around the steps keeps
// one name for "the parameters so far" and points it at each step's output
// in turn.
//
// `loss_curve` records the mean loss before training and after every step,
// the table you would plot to watch a model learn. It does not compile yet,
// and the most obvious way to make it compile does not train. Done when the
// file compiles and the tests pass (do not edit the tests).

use typed_ai::{
    LearningRate, Matrix, MlResult, Morphism, Parameters, TokenId, TrainStep, TrainingExample,
    TrainingSet, Vector, mean_loss,
};

/// The mean loss of `start`, then after each of `steps` training steps.
fn loss_curve(start: Parameters, step: &TrainStep, steps: usize) -> MlResult<Vec<f32>> {
    // One name for "the parameters so far", pointed at each step's output:
    // the next step starts where this one ended.
    let mut parameters = start;
    let mut curve = vec![mean_loss(&parameters, step.data())?.value()];
    for _ in 0..steps {
        parameters = step.apply(parameters)?;
        curve.push(mean_loss(&parameters, step.data())?.value());
    }
    Ok(curve)
}

/// A two-token model small enough to check by hand: embeddings 1 and 2,
/// output weights 0.5 and -0.5, no bias.
fn hand_parameters() -> MlResult<Parameters> {
    Parameters::new(
        Matrix::new(vec![vec![1.0], vec![2.0]])?,
        Matrix::new(vec![vec![0.5], vec![-0.5]])?,
        Vector::new(vec![0.0, 0.0])?,
    )
}

/// Gradient descent at learning rate 0.1 on one example: after 0 comes 1.
fn step_towards_zero_then_one() -> MlResult<TrainStep> {
    let data = TrainingSet::new(vec![TrainingExample::new(TokenId::new(0), TokenId::new(1))])?;
    Ok(TrainStep::new(data, LearningRate::new(0.1)?))
}

fn main() -> MlResult<()> {
    let curve = loss_curve(hand_parameters()?, &step_towards_zero_then_one()?, 5)?;
    println!("step | mean loss");
    for (step, loss) in curve.iter().enumerate() {
        println!("{step:>4} | {loss:.4}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn curve(steps: usize) -> Vec<f32> {
        loss_curve(
            hand_parameters().unwrap(),
            &step_towards_zero_then_one().unwrap(),
            steps,
        )
        .unwrap()
    }

    #[test]
    fn the_curve_starts_at_the_untrained_loss() {
        // Scores (0.5, -0.5) give p(1) = 0.2689, and -ln 0.2689 = 1.3133.
        let curve = curve(3);
        assert_eq!(
            curve.len(),
            4,
            "3 steps give 4 losses: before, and after each step"
        );
        assert!(
            (curve[0] - 1.3133).abs() < 1e-3,
            "the loss before training is {}, expected -ln 0.2689 = 1.3133",
            curve[0]
        );
    }

    #[test]
    fn two_steps_match_the_hand_computation() {
        // The score gradient is p - one_hot(1) = (0.7311, -0.7311). One step
        // at rate 0.1 gives embedding 0.9269, output weights ±0.4269 and
        // bias ∓0.0731, so the scores become ±(0.4269 * 0.9269 - 0.0731)
        // = ±0.3226, p(1) = 1 / (1 + e^0.6452) = 0.3441, loss 1.0669.
        // The second step, from there, gives embedding 0.8709, weights
        // ±0.3661 and bias ∓0.1387: scores ±0.1801, p(1) = 0.4109, loss
        // 0.8894 (recomputed outside Rust).
        let curve = curve(2);
        assert!(
            (curve[1] - 1.0669).abs() < 1e-3,
            "the loss after one step is {}, expected 1.0669",
            curve[1]
        );
        assert!(
            (curve[2] - 0.8894).abs() < 1e-3,
            "the loss after two steps is {}, expected 0.8894: the second step \
             must start from the parameters the first one returned ({} would be \
             one step from the start again)",
            curve[2],
            curve[1]
        );
    }

    #[test]
    fn every_step_lowers_the_loss() {
        let curve = curve(5);
        for (step, pair) in curve.windows(2).enumerate() {
            assert!(
                pair[1] < pair[0],
                "step {} took the loss from {:.4} to {:.4}; each step must \
                 start from the parameters the previous step returned, and \
                 go downhill from there",
                step + 1,
                pair[0],
                pair[1]
            );
        }
    }
}

// Wrong fixes this file's tests reject: `step.apply(parameters.clone())`,
// which rustc suggests (the inner `let` makes a new name each pass, so every
// step starts again from the untrained parameters: the curve reads 1.3133,
// 1.0669, 1.0669, ...), and cloning `start` into the step each pass (the
// same flat curve).
