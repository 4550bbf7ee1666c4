// Chapter 5.1: gradient descent goes downhill
//
// Training changes the model's parameters (its embedding, output weights
// and biases) so that the loss falls. The gradient of the loss says, for
// every weight, how steeply the loss rises when that weight grows: it points
// uphill. To make the loss smaller, each weight takes a small step the
// other way, scaled by the learning rate:
//     new weight = weight - learning rate * slope.
//
// `descend` below is one such step on the parameters of the tiny model from
// chapter 4, with the gradient the library's `loss_gradient` computes. It
// compiles, and every step makes the model worse. Done when the tests pass
// (do not edit the tests).

use typed_ai::{
    LearningRate, Matrix, MlResult, ParameterGradient, Parameters, TokenId, TrainingExample,
    TrainingSet, Vector, loss_gradient, mean_loss,
};

/// One step of gradient descent: every weight moves by the learning rate
/// times its slope.
fn descend(
    parameters: &Parameters,
    gradient: &ParameterGradient,
    learning_rate: LearningRate,
) -> MlResult<Parameters> {
    let lr = learning_rate.value();
    let mut weights = parameters.to_flat();
    for (weight, slope) in weights.iter_mut().zip(gradient.values()) {
        // TODO: which way does this move the loss?
        *weight += lr * slope;
    }
    parameters.with_flat(&weights)
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
    let before = hand_parameters()?;
    let gradient = loss_gradient(&before, &data)?;
    let after = descend(&before, &gradient, LearningRate::new(0.1)?)?;
    println!(
        "loss before the step {:.4}, after it {:.4}",
        mean_loss(&before, &data)?.value(),
        mean_loss(&after, &data)?.value()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use typed_ai::{Morphism, TrainStep};

    fn one_step() -> Parameters {
        let start = hand_parameters().unwrap();
        let gradient = loss_gradient(&start, &zero_then_one().unwrap()).unwrap();
        descend(&start, &gradient, LearningRate::new(0.1).unwrap()).unwrap()
    }

    #[test]
    fn one_step_moves_each_weight_against_its_gradient() {
        // For 0 -> 1 the scores are (0.5, -0.5), so p = (0.7311, 0.2689). The
        // gradient of the bias is p - one_hot(1) = (0.7311, -0.7311).
        // Descending at rate 0.1 moves the bias from (0, 0) to
        // (-0.0731, 0.0731): the wrong token's score goes down and the right
        // token's goes up.
        let after = one_step();
        let bias = after.output_bias().values();
        assert!(
            (bias[0] + 0.0731).abs() < 1e-3 && (bias[1] - 0.0731).abs() < 1e-3,
            "after one step the output bias is {bias:?}, expected \
             [-0.0731, 0.0731]: each weight must move against its gradient"
        );
    }

    #[test]
    fn one_step_lowers_the_loss() {
        // Before: -ln 0.2689 = 1.3133. After the step (embedding 0.9269,
        // output weights ±0.4269, bias ∓0.0731) the scores are ±0.3226,
        // p(1) = 1 / (1 + e^0.6452) = 0.3441, and the loss is 1.0669.
        // Climbing instead gives 1.6014.
        let loss = mean_loss(&one_step(), &zero_then_one().unwrap())
            .unwrap()
            .value();
        assert!(
            (loss - 1.0669).abs() < 1e-3,
            "the loss after one step is {loss:.4}, expected 1.0669, down from \
             1.3133: a step down the gradient lowers the loss"
        );
    }

    #[test]
    fn agrees_with_the_library_step() {
        let step = TrainStep::new(zero_then_one().unwrap(), LearningRate::new(0.1).unwrap());
        let library = step.apply(hand_parameters().unwrap()).unwrap();
        let mine = one_step().to_flat();
        let close = mine
            .iter()
            .zip(library.to_flat())
            .all(|(a, b)| (a - b).abs() < 1e-6);
        assert!(
            close,
            "descend gave {mine:?}, the library's TrainStep {:?}",
            library.to_flat()
        );
    }
}
