// The training loop rebinds its state.
//
// A training step never changes anything in place: it takes the parameters
// by value and returns new ones. The loop around it keeps one name for "the
// parameters so far" and points it at each new value in turn. In Rust a
// name you reassign must be declared as such.
//
// `loss_curve` records the mean loss before training and after every step,
// the table you would plot to watch a model learn. Make it compile. The tests
// at the bottom are the definition of done: read them, do not edit them.

use typed_ai::{
    LearningRate, Matrix, MlResult, Morphism, Parameters, TokenId, TrainStep, TrainingExample,
    TrainingSet, Vector, mean_loss,
};

/// The mean loss of `start`, then after each of `steps` training steps.
fn loss_curve(start: Parameters, step: &TrainStep, steps: usize) -> MlResult<Vec<f32>> {
    // The step returns new parameters instead of editing the old ones, so
    // the loop rebinds this one name to each step's output.
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
    fn one_step_matches_the_hand_computation() {
        // The score gradient is p - one_hot(1) = (0.7311, -0.7311). One step
        // at rate 0.1 gives embedding 0.9269, output weights +-0.4269 and
        // bias -+0.0731, so the scores become +-(0.4269 * 0.9269 - 0.0731)
        // = +-0.3226, p(1) = 1 / (1 + e^0.6452) = 0.3441, loss 1.0669.
        let curve = curve(1);
        assert!(
            (curve[1] - 1.0669).abs() < 1e-3,
            "the loss after one step is {}, expected 1.0669",
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
