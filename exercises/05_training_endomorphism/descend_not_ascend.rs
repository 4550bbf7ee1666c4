// Gradient descent goes downhill.
//
// The gradient of the loss says, for every weight, which way the loss goes
// up if that weight grows, and how steeply. To make the loss smaller, each
// weight takes a small step the other way:
//     new weight = weight - learning rate * gradient.
//
// `DescentStep` below is our own training step, built on the library's
// `loss_gradient`. It compiles, and it is an endomorphism, but training with
// it makes the model worse. Fix it so the tests pass. The tests at the bottom
// are the definition of done: read them, do not edit them.

use typed_ai::{
    LearningRate, Matrix, MlResult, Morphism, Parameters, TokenId, TrainingExample, TrainingSet,
    Vector, loss_gradient, mean_loss,
};

/// One step of full-batch gradient descent on the mean loss over `data`.
struct DescentStep {
    data: TrainingSet,
    learning_rate: LearningRate,
}

impl Morphism<Parameters, Parameters> for DescentStep {
    fn name(&self) -> String {
        "descent_step".to_string()
    }

    fn apply(&self, parameters: Parameters) -> MlResult<Parameters> {
        let gradient = loss_gradient(&parameters, &self.data)?;
        let lr = self.learning_rate.value();
        let mut weights = parameters.to_flat();
        for (weight, slope) in weights.iter_mut().zip(gradient.values()) {
            // TODO: which way does this move the loss?
            *weight += lr * slope;
        }
        parameters.with_flat(&weights)
    }
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

/// A step at learning rate 0.1 on one example: after token 0 comes token 1.
fn step_towards_zero_then_one() -> MlResult<DescentStep> {
    Ok(DescentStep {
        data: TrainingSet::new(vec![TrainingExample::new(TokenId::new(0), TokenId::new(1))])?,
        learning_rate: LearningRate::new(0.1)?,
    })
}

fn main() -> MlResult<()> {
    let step = step_towards_zero_then_one()?;
    let mut parameters = hand_parameters()?;
    println!("step | loss");
    println!("   0 | {:.4}", mean_loss(&parameters, &step.data)?.value());
    for n in 1..=5 {
        parameters = step.apply(parameters)?;
        let loss = mean_loss(&parameters, &step.data)?;
        println!("{n:>4} | {:.4}", loss.value());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use typed_ai::{StepCount, apply_endomorphism_n_times};

    #[test]
    fn one_step_moves_each_weight_against_its_gradient() {
        // For 0 -> 1 the gradient of the bias is p - one_hot(1), with
        // p = (0.7311, 0.2689): (0.7311, -0.7311). Descending at rate 0.1
        // moves the bias from (0, 0) to (-0.0731, 0.0731): the wrong token's
        // score goes down and the right token's goes up.
        let step = step_towards_zero_then_one().unwrap();
        let after = step.apply(hand_parameters().unwrap()).unwrap();
        let bias = after.output_bias().values();
        assert!(
            (bias[0] + 0.0731).abs() < 1e-3 && (bias[1] - 0.0731).abs() < 1e-3,
            "after one step the output bias is {bias:?}, expected \
             [-0.0731, 0.0731]: each weight must move against its gradient"
        );
    }

    #[test]
    fn ten_steps_lower_the_loss() {
        // By hand: the loss starts at -ln 0.2689 = 1.3133.
        let step = step_towards_zero_then_one().unwrap();
        let start = hand_parameters().unwrap();
        let before = mean_loss(&start, &step.data).unwrap().value();
        let trained = apply_endomorphism_n_times(&step, start, StepCount::new(10)).unwrap();
        let after = mean_loss(&trained, &step.data).unwrap().value();
        assert!(
            after < before,
            "loss after 10 steps ({after:.2}) must be below the loss before \
             ({before:.2}): gradient descent moves against the gradient"
        );
    }
}
