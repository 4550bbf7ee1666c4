// Training is one step, repeated; the count is typed too.
//
// One gradient step maps the model's parameters to slightly better ones:
// `TrainStep` is an arrow `Parameters -> Parameters`, an endomorphism, so its
// output can be fed straight back in. Training is that step applied again
// and again, and `apply_endomorphism_n_times` does the repeating. Its count
// is a `StepCount`, not a bare integer, so a number of steps cannot be mixed
// up with a token id, a width or a seed.
//
// Make `train` compile. The tests at the bottom are the definition of done:
// read them, do not edit them.

use typed_ai::{
    LearningRate, Matrix, MlResult, Parameters, StepCount, TokenSequence, TrainStep, TrainingSet,
    Vector, apply_endomorphism_n_times, mean_loss, next_token_examples,
};

/// `start` after 80 full-batch gradient steps on `data`.
fn train(start: Parameters, data: &TrainingSet) -> MlResult<Parameters> {
    let step = TrainStep::new(data.clone(), LearningRate::new(0.5)?);
    // TODO: how many times? Say it with the library's type for a count.
    apply_endomorphism_n_times(&step, start, 80)
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

/// The alternating sequence 0 1 0: the examples 0 -> 1 and 1 -> 0.
fn alternation() -> MlResult<TrainingSet> {
    next_token_examples(&TokenSequence::from_indices(&[0, 1, 0])?)
}

fn main() -> MlResult<()> {
    let data = alternation()?;
    let start = hand_parameters()?;
    let before = mean_loss(&start, &data)?;
    let after = mean_loss(&train(start, &data)?, &data)?;
    println!(
        "mean loss before training {:.4}, after 80 steps {:.4}",
        before.value(),
        after.value()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use typed_ai::{Morphism, TokenId, tiny_model};

    #[test]
    fn eighty_steps_lower_the_loss() {
        let data = alternation().unwrap();
        let start = hand_parameters().unwrap();
        // 0 -> 1: scores (0.5, -0.5), p(1) = 0.2689, loss 1.3133.
        // 1 -> 0: scores (1, -1),     p(0) = 0.8808, loss 0.1269.
        // The mean is 0.7201.
        let before = mean_loss(&start, &data).unwrap().value();
        assert!((before - 0.7201).abs() < 1e-3, "starting loss {before}");
        let after = mean_loss(&train(start, &data).unwrap(), &data)
            .unwrap()
            .value();
        assert!(
            after < 0.05,
            "the mean loss after 80 steps is {after:.4}, starting from \
             {before:.4}; 80 steps down the gradient must bring it below 0.05"
        );
    }

    #[test]
    fn trained_model_predicts_the_alternation() {
        let data = alternation().unwrap();
        let trained = train(hand_parameters().unwrap(), &data).unwrap();
        let model = tiny_model(&trained).unwrap();
        for (input, next) in [(0, 1), (1, 0)] {
            let guess = model.apply(TokenId::new(input)).unwrap().argmax();
            assert_eq!(
                guess,
                TokenId::new(next),
                "after training on 0 1 0, the most likely token after {input} \
                 must be {next}"
            );
        }
    }
}
