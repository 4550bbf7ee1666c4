// Chapter 14.4: inputs are not targets (a design exercise)
//
// To train on a sequence, split it in two: the model reads tokens 0..n-1
// (its inputs) and is scored against tokens 1..n (its targets: in each
// place, the token after the input). Both halves are token sequences, and
// that is the trap. A function that takes both as `TokenSequence` accepts
// them in either order, and swapped, the model reads the targets and is
// scored on the inputs: it learns to name the token BEFORE each position.
// The loss falls just as nicely and nothing crashes.
//
// Chapter 9 gave queries, keys and values their own types for the same
// reason: one kind of data, three roles. Here you change types, not values.
// Give the inputs and the targets a type each, returned by `shift` and
// expected by `next_token_loss`, so that this line no longer compiles:
//
//     next_token_loss(&model, &targets, &inputs)
//
// Keep the shape of the two functions (`shift` returns a pair,
// `next_token_loss` takes the model, the inputs, then the targets) and
// change only the types in them; a small struct wrapping a `TokenSequence`
// for each role is the usual way. Done means the tests pass; one of them
// checks that the two roles have different types. Do not edit the tests.

use typed_ai::{
    CrossEntropy, Loss, MlError, MlResult, ModelDimension, Morphism, Product, Seed, Softmax,
    TokenSequence, TransformerConfig, TransformerParameters, VocabSize,
};

/// Splits a training sequence into what the model reads (tokens 0..n-1)
/// and what it must predict (tokens 1..n). A sequence needs two tokens to
/// make one prediction.
// TODO: one type per role.
fn shift(sequence: &TokenSequence) -> MlResult<(TokenSequence, TokenSequence)> {
    let tokens = sequence.tokens();
    if tokens.len() < 2 {
        return Err(MlError::ShapeMismatch {
            op: "shift",
            expected: "at least 2 tokens (one to read, one to predict)".to_string(),
            got: format!("{} token", tokens.len()),
        });
    }
    let inputs = TokenSequence::new(tokens[..tokens.len() - 1].to_vec())?;
    let targets = TokenSequence::new(tokens[1..].to_vec())?;
    Ok((inputs, targets))
}

/// The mean cross-entropy of `model` reading `inputs`, the row of each
/// position scored against the target in the same place.
fn next_token_loss(
    model: &TransformerParameters,
    inputs: &TokenSequence,
    targets: &TokenSequence,
) -> MlResult<Loss> {
    let rows = model.logits(inputs)?;
    let mut total = 0.0;
    for (row, &target) in rows.into_iter().zip(targets.tokens()) {
        let next = Softmax.apply(row)?;
        total += CrossEntropy.apply(Product::new(next, target))?.value();
    }
    Loss::new(total / targets.len() as f32)
}

/// An untrained model: 6 tokens, width 8 in 2 heads, up to 8 positions.
fn seeded_model() -> MlResult<TransformerParameters> {
    let config = TransformerConfig::new(VocabSize::new(6)?, ModelDimension::new(8)?, 2, 16, 8)?;
    Ok(TransformerParameters::seeded(config, Seed::new(7)))
}

fn main() -> MlResult<()> {
    let model = seeded_model()?;
    let sequence = TokenSequence::from_indices(&[3, 1, 4, 1, 5])?;
    let (inputs, targets) = shift(&sequence)?;
    println!(
        "reading 4 tokens and predicting the next of each: loss {:.4}",
        next_token_loss(&model, &inputs, &targets)?.value()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_loss_is_the_next_token_loss() {
        // Row i of the inputs has read tokens 0..=i of the sequence, exactly
        // what row i of the whole sequence has read (the mask is causal), so
        // the loss equals the library's next-token loss of the sequence.
        let model = seeded_model().unwrap();
        for indices in [&[3, 1][..], &[3, 1, 4, 1, 5], &[0, 5, 2, 5, 2, 5, 0, 1]] {
            let sequence = TokenSequence::from_indices(indices).unwrap();
            let (inputs, targets) = shift(&sequence).unwrap();
            let ours = next_token_loss(&model, &inputs, &targets).unwrap().value();
            let library = model.loss(&[sequence]).unwrap().value();
            assert!(
                (ours - library).abs() < 1e-5,
                "on {indices:?} the loss is {ours:.5}, the next-token loss is {library:.5}"
            );
        }
    }

    #[test]
    fn a_single_token_predicts_nothing() {
        let one = TokenSequence::from_indices(&[2]).unwrap();
        assert!(
            shift(&one).is_err(),
            "one token has no next token: there is nothing to score"
        );
    }

    /// The inputs' type and the targets' type, as `shift` returns them and
    /// as `next_token_loss` takes them. It compiles only if the loss takes
    /// exactly those two types: a loss that still took `&TokenSequence`, with
    /// wrappers that turn into one (through `Deref`), would accept the two
    /// roles in either order again.
    fn roles_of<I, T>(
        _shift: fn(&TokenSequence) -> MlResult<(I, T)>,
        _loss: fn(&TransformerParameters, &I, &T) -> MlResult<Loss>,
    ) -> (&'static str, &'static str) {
        (std::any::type_name::<I>(), std::any::type_name::<T>())
    }

    #[test]
    fn inputs_and_targets_are_different_types() {
        let (input_type, target_type) = roles_of(shift, next_token_loss);
        assert_ne!(
            input_type, target_type,
            "`shift` returns the inputs and the targets as the same type, so \
             `next_token_loss(&model, &targets, &inputs)` compiles and trains the model to \
             name the previous token. Give each role its own type."
        );
    }
}
