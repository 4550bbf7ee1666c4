// Chapter 5.5: training cannot leave a fixed point
//
// A training step is an endomorphism, and an endomorphism can have fixed
// points: inputs it maps to themselves. For gradient descent those are the
// parameters where every slope is 0. Training that starts on one stays
// there however many steps it takes, so where training starts matters.
//
// The tiny model scores token t as W · E[t] + b. The slope of the output
// weights W is (p - one_hot) times the token's embedding E[t], and the slope
// of the embedding is the output weights times (p - one_hot). Start with
// both at zero and both slopes are zero: only the bias can move, and a bias
// cannot tell one token from another. On the text below, which uses both
// tokens equally, the same trap catches any start where every token has the
// same embedding and every output the same weights: every score is the same,
// the slopes cancel, and nothing in the model can tell the tokens apart.
//
// A start written by hand can hide a subtler symmetry: from the identity
// matrix as both embedding and output weights, training on this text slides
// into the all-alike point, every weight 0.5, and stays there.
//
// `untrained` starts the model at zero, and 80 steps on the text 0 1 0 1 0
// teach it nothing. Choose a start that training can leave and that hides no
// symmetry. Done when the tests pass (do not edit the tests).

use typed_ai::{
    LearningRate, Matrix, MlResult, Morphism, Parameters, StepCount, TokenId, TokenSequence,
    TrainStep, TrainingSet, Vector, apply_endomorphism_n_times, mean_loss, next_token_examples,
    tiny_model,
};

/// The parameters training starts from: a model of 2 tokens with 2
/// features each.
fn untrained() -> MlResult<Parameters> {
    // TODO: can training ever leave this point?
    Parameters::new(
        Matrix::zeros(2, 2)?,
        Matrix::zeros(2, 2)?,
        Vector::new(vec![0.0, 0.0])?,
    )
}

/// The alternation 0 1 0 1 0: the examples 0 -> 1 and 1 -> 0, twice each.
fn alternation() -> MlResult<TrainingSet> {
    next_token_examples(&TokenSequence::from_indices(&[0, 1, 0, 1, 0])?)
}

/// 80 full-batch gradient steps at learning rate 0.5 from `start`.
fn train(start: Parameters) -> MlResult<Parameters> {
    let step = TrainStep::new(alternation()?, LearningRate::new(0.5)?);
    apply_endomorphism_n_times(&step, start, StepCount::new(80))
}

fn main() -> MlResult<()> {
    let data = alternation()?;
    let start = untrained()?;
    let before = mean_loss(&start, &data)?.value();
    let trained = train(start)?;
    let model = tiny_model(&trained)?;
    println!(
        "mean loss {before:.4} before, {:.4} after 80 steps; after token 0 the \
         model predicts {:?}",
        mean_loss(&trained, &data)?.value(),
        model.apply(TokenId::new(0))?.probabilities()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_step_leaves_the_start() {
        // At zero weights every score is 0, so p = (0.5, 0.5) after both
        // tokens. The slopes of W and E are products with E and W, both 0;
        // the bias slope is the mean of p - one_hot over the examples,
        // ((0.5, -0.5) + (-0.5, 0.5)) / 2 = 0. Nothing moves.
        let start = untrained().unwrap();
        let step = TrainStep::new(alternation().unwrap(), LearningRate::new(0.5).unwrap());
        let after = step.apply(start.clone()).unwrap();
        assert_ne!(
            after, start,
            "one training step from the start changed nothing: every slope is 0 \
             there, so no number of steps can ever leave it"
        );
    }

    #[test]
    fn training_learns_the_alternation() {
        let trained = train(untrained().unwrap()).unwrap();
        let model = tiny_model(&trained).unwrap();
        for (input, next) in [(0, 1), (1, 0)] {
            let prediction = model.apply(TokenId::new(input)).unwrap();
            assert_eq!(
                prediction.argmax(),
                TokenId::new(next),
                "in 0 1 0 1 0, {next} always follows {input}, but after 80 steps \
                 the model gives {:?} after token {input}",
                prediction.probabilities()
            );
        }
    }

    #[test]
    fn training_brings_the_loss_down() {
        // From a start training can leave, 80 steps at rate 0.5 bring the
        // mean loss from about ln 2 = 0.69 to well below 0.05: from the
        // library's seeded start with seed 7, 0.7064 to 0.0030 (recomputed
        // outside Rust, step by step; seeds 0, 1 and 42 end near 0.003 too).
        let data = alternation().unwrap();
        let loss = mean_loss(&train(untrained().unwrap()).unwrap(), &data)
            .unwrap()
            .value();
        assert!(
            loss < 0.05,
            "the mean loss after 80 steps is {loss:.4}; 0.6931 = ln 2 means the \
             model still gives both tokens 1/2 after every token"
        );
    }
}
