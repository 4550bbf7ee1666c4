// Chapter 5.4: the loss is a mean over the examples
//
// The loss that full-batch training descends is the mean of the
// per-example losses: their total divided by the number of examples. A mean
// does not grow with the data: the gradient of a mean is the mean of the
// per-example gradients, an average that stays on the same scale whether it
// runs over 10 examples or 10 000, so one learning rate takes steps of
// comparable size on both. (Not equal: the average itself differs from
// dataset to dataset.) The gradient of a total is n times the mean's, so
// with a total the right learning rate would shrink as the data grows.
//
// A language model's examples come from a text: every adjacent pair of
// tokens is one example, "after this token comes that one" (chapter 4.1).
// `text_loss` computes a model's loss over a text, averaging by hand, and
// divides by the wrong count. Done when the tests pass (do not edit the
// tests).

use typed_ai::{
    CrossEntropy, Loss, Matrix, MlResult, Morphism, Parameters, Product, TokenSequence, Vector,
    next_token_examples, tiny_model,
};

/// The mean next-token loss of the model `parameters` describe, over every
/// example that `sequence` gives.
fn text_loss(parameters: &Parameters, sequence: &TokenSequence) -> MlResult<Loss> {
    let model = tiny_model(parameters)?;
    let examples = next_token_examples(sequence)?;
    let mut total = 0.0;
    for example in examples.examples() {
        let prediction = model.apply(example.input())?;
        total += CrossEntropy
            .apply(Product::new(prediction, example.target()))?
            .value();
    }
    // TODO: a mean divides the total by how many of what?
    Loss::new(total / sequence.len() as f32)
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

fn main() -> MlResult<()> {
    let parameters = hand_parameters()?;
    for indices in [vec![0, 1], vec![0, 1, 0], vec![0, 1, 0, 1, 0]] {
        let text = TokenSequence::from_indices(&indices)?;
        println!(
            "{indices:?}: mean loss {:.4}",
            text_loss(&parameters, &text)?.value()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use typed_ai::mean_loss;

    fn loss_of(indices: &[usize]) -> f32 {
        let text = TokenSequence::from_indices(indices).unwrap();
        mean_of(&hand_parameters().unwrap(), &text)
    }

    fn mean_of(parameters: &Parameters, text: &TokenSequence) -> f32 {
        match text_loss(parameters, text) {
            Ok(loss) => loss.value(),
            Err(error) => panic!(
                "text_loss over {} tokens returned Err({error:?}): a mean of \
                 cross-entropy losses is finite and at least 0, so the total or \
                 the count it is divided by is wrong",
                text.len()
            ),
        }
    }

    #[test]
    fn one_pair_is_one_example() {
        // [0, 1] is the single example 0 -> 1: scores (0.5, -0.5),
        // p(1) = 0.2689, loss -ln 0.2689 = 1.3133.
        let loss = loss_of(&[0, 1]);
        assert!(
            (loss - 1.3133).abs() < 1e-3,
            "two tokens make one example, so the mean is that example's loss, \
             1.3133, not {loss}"
        );
    }

    #[test]
    fn three_tokens_make_two_examples() {
        // [0, 1, 0] gives 0 -> 1 (loss 1.3133) and 1 -> 0 (scores (1, -1),
        // p(0) = 0.8808, loss 0.1269). The mean of the two is 0.7201; the
        // total over 3 tokens would be 0.4801.
        let loss = loss_of(&[0, 1, 0]);
        assert!(
            (loss - 0.7201).abs() < 1e-3,
            "[0, 1, 0] gives two examples with losses 1.3133 and 0.1269: their \
             mean is 0.7201, not {loss}"
        );
    }

    #[test]
    fn a_longer_text_of_the_same_pattern_has_the_same_mean() {
        // [0, 1, 0, 1, 0] gives the two examples above twice each.
        let short = loss_of(&[0, 1, 0]);
        let long = loss_of(&[0, 1, 0, 1, 0]);
        assert!(
            (short - long).abs() < 1e-5,
            "the same examples twice must have the same mean: {short:.4} over \
             [0, 1, 0] but {long:.4} over [0, 1, 0, 1, 0]"
        );
    }

    #[test]
    fn agrees_with_the_library() {
        let text = TokenSequence::from_indices(&[1, 0, 0, 1, 1]).unwrap();
        let parameters = hand_parameters().unwrap();
        let library = mean_loss(&parameters, &next_token_examples(&text).unwrap())
            .unwrap()
            .value();
        let mine = mean_of(&parameters, &text);
        assert!(
            (mine - library).abs() < 1e-5,
            "text_loss gave {mine:.4}, the library's mean_loss over the same \
             examples {library:.4}"
        );
    }
}
