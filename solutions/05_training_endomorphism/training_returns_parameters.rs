// Chapter 5.2: a step you can repeat returns what it took
//
// Only an arrow from an object to itself, `A -> A` (an endomorphism), can be
// fed its own output, so only such an arrow can be repeated. A training
// step takes the model's parameters, so it must return the updated
// parameters: training for 80 steps is that one arrow applied 80 times,
// which the library's `apply_endomorphism_n_times` does, with the number of
// repetitions typed as a `StepCount`. The loss is something you measure on
// the parameters afterwards, not what the step produces.
//
// `GradientStep` below computes the updated parameters, then hands back
// their loss and throws the parameters away, so `train` cannot repeat it.
// Done when the file compiles and the tests pass (do not edit the tests).

use typed_ai::{
    LearningRate, Matrix, MlResult, Morphism, Parameters, StepCount, TokenId, TrainingExample,
    TrainingSet, Vector, apply_endomorphism_n_times, loss_gradient, mean_loss,
};

/// One step of gradient descent on the mean loss over `data`.
struct GradientStep {
    data: TrainingSet,
    learning_rate: LearningRate,
}

// A step returns the object it takes, so it is an endomorphism and can be
// repeated; the loss is measured on its output, outside the step.
impl Morphism<Parameters, Parameters> for GradientStep {
    fn name(&self) -> String {
        "gradient_step".to_string()
    }

    fn apply(&self, parameters: Parameters) -> MlResult<Parameters> {
        let gradient = loss_gradient(&parameters, &self.data)?;
        let lr = self.learning_rate.value();
        // Every weight moves a little against its gradient.
        let weights: Vec<f32> = parameters
            .to_flat()
            .iter()
            .zip(gradient.values())
            .map(|(w, g)| w - lr * g)
            .collect();
        let updated = parameters.with_flat(&weights)?;
        Ok(updated)
    }
}

/// `start` after `steps` gradient steps at learning rate 0.1.
fn train(start: Parameters, data: &TrainingSet, steps: StepCount) -> MlResult<Parameters> {
    let step = GradientStep {
        data: data.clone(),
        learning_rate: LearningRate::new(0.1)?,
    };
    apply_endomorphism_n_times(&step, start, steps)
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

/// One example: after token 0 comes token 1.
fn zero_then_one() -> MlResult<TrainingSet> {
    TrainingSet::new(vec![TrainingExample::new(TokenId::new(0), TokenId::new(1))])
}

fn main() -> MlResult<()> {
    let data = zero_then_one()?;
    let start = hand_parameters()?;
    println!("loss before: {:.4}", mean_loss(&start, &data)?.value());
    let trained = train(start, &data, StepCount::new(10))?;
    println!(
        "loss after 10 steps: {:.4}",
        mean_loss(&trained, &data)?.value()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_steps_change_nothing() {
        let start = hand_parameters().unwrap();
        let same = train(start.clone(), &zero_then_one().unwrap(), StepCount::new(0)).unwrap();
        assert_eq!(same, start, "applying a step zero times is the identity");
    }

    #[test]
    fn one_step_matches_the_hand_computation() {
        // For 0 -> 1: scores (0.5, -0.5), p = (0.7311, 0.2689), loss 1.3133.
        // The score gradient is p - one_hot(1) = (0.7311, -0.7311), so with
        // learning rate 0.1 the bias moves to (-0.0731, 0.0731) and the
        // output weights to (0.5 - 0.0731, -0.5 + 0.0731).
        let after = train(
            hand_parameters().unwrap(),
            &zero_then_one().unwrap(),
            StepCount::new(1),
        )
        .unwrap();
        let bias = after.output_bias().values();
        let weight = after.output_weight().as_row_major();
        let expected_bias = [-0.0731, 0.0731];
        let expected_weight = [0.4269, -0.4269];
        for i in 0..2 {
            assert!(
                (bias[i] - expected_bias[i]).abs() < 1e-3
                    && (weight[i] - expected_weight[i]).abs() < 1e-3,
                "after one step the output bias is {bias:?} and the output \
                 weights {weight:?}; expected {expected_bias:?} and \
                 {expected_weight:?}"
            );
        }
    }

    #[test]
    fn ten_steps_lower_the_loss() {
        let data = zero_then_one().unwrap();
        let start = hand_parameters().unwrap();
        let before = mean_loss(&start, &data).unwrap().value();
        let after = mean_loss(&train(start, &data, StepCount::new(10)).unwrap(), &data)
            .unwrap()
            .value();
        // By hand: 1.3133 before; about 0.3578 after 10 steps.
        assert!(
            after < before,
            "the loss after 10 steps ({after:.4}) must be below the loss \
             before ({before:.4})"
        );
    }
}

// Wrong fixes this file's tests reject: returning the parameters it was given
// (`Ok(parameters)` after computing the update: it is an endomorphism, but
// one that never trains, so the loss after 10 steps equals the loss before),
// and changing only `apply`'s return type (the impl header still promises a
// `Loss`; header and signature must both name `Parameters`).
