// Chapter 14.3: position i predicts token i + 1
//
// `TransformerParameters::logits` gives one row of vocabulary scores per
// position. Row i has read tokens 0..=i (the causal mask saw to that), and
// it is the model's guess for the token that comes next: token i + 1. So the
// training loss of a sequence of n tokens pairs row 0 with token 1, row 1
// with token 2, and so on up to row n - 2 with token n - 1. The last row has
// read everything and guesses a token that is not there yet: during training
// it scores nothing. A sequence of n tokens makes n - 1 predictions, and the
// loss is their mean cross-entropy.
//
// Scoring row i against token i itself is the classic off-by-one: the model
// is graded on repeating a token it can already see, and a loss that falls
// says nothing about predicting.
//
// `next_token_loss` computes that loss from the rows by hand, and pairs each
// row with the wrong token. Fix the marked line. The tests are the
// definition of done; do not edit them.

use typed_ai::{
    CrossEntropy, Loss, MlResult, ModelDimension, Morphism, Product, Seed, Softmax, TokenSequence,
    TransformerConfig, TransformerParameters, Vector, VocabSize,
};

/// The mean next-token cross-entropy of `tokens` under `model`, one term per
/// position that has a next token.
fn next_token_loss(model: &TransformerParameters, tokens: &TokenSequence) -> MlResult<Loss> {
    let rows = model.logits(tokens)?;
    // Row i answers for token i + 1; `zip` stops when the targets run out,
    // so the last row, which has nothing to predict, adds no term.
    let targets = &tokens.tokens()[1..];
    let mut total = 0.0;
    let mut predictions = 0;
    for (row, &target) in rows.into_iter().zip(targets) {
        let next = Softmax.apply(row)?;
        total += CrossEntropy.apply(Product::new(next, target))?.value();
        predictions += 1;
    }
    Loss::new(total / predictions as f32)
}

/// A model whose every weight is 0 except the vocabulary bias [0, 0, ln 2].
/// All hidden rows are then 0, so every position's logits are the bias and
/// every row predicts p = [1/4, 1/4, 1/2], whatever it read.
fn bias_only_model() -> MlResult<TransformerParameters> {
    let config = TransformerConfig::new(VocabSize::new(3)?, ModelDimension::new(4)?, 1, 4, 4)?;
    let seeded = TransformerParameters::seeded(config, Seed::new(1));
    let mut parts = seeded
        .with_flat(&vec![0.0; seeded.parameter_count()])?
        .into_parts();
    parts.vocab_bias = Vector::new(vec![0.0, 0.0, 2f32.ln()])?;
    TransformerParameters::from_parts(config, parts)
}

/// An untrained model: 6 tokens, width 8 in 2 heads, up to 8 positions.
fn seeded_model() -> MlResult<TransformerParameters> {
    let config = TransformerConfig::new(VocabSize::new(6)?, ModelDimension::new(8)?, 2, 16, 8)?;
    Ok(TransformerParameters::seeded(config, Seed::new(7)))
}

fn main() -> MlResult<()> {
    let tokens = TokenSequence::from_indices(&[0, 1, 2])?;
    let loss = next_token_loss(&bias_only_model()?, &tokens)?;
    println!("bias-only model on [0, 1, 2]: loss {:.4}", loss.value());
    let model = seeded_model()?;
    let tokens = TokenSequence::from_indices(&[3, 1, 4, 1, 5])?;
    println!(
        "seeded model on [3, 1, 4, 1, 5]: loss {:.4} (the library says {:.4})",
        next_token_loss(&model, &tokens)?.value(),
        model.loss(&[tokens])?.value()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loss(model: &TransformerParameters, indices: &[usize]) -> f32 {
        next_token_loss(model, &TokenSequence::from_indices(indices).unwrap())
            .unwrap()
            .value()
    }

    #[test]
    fn two_tokens_make_one_prediction() {
        // [2, 0]: row 0 has read token 2 and must predict token 0, which it
        // gives p = 1/4. Row 1 predicts what follows the sequence: no term.
        // Loss = -ln(1/4) = ln 4 = 1.3863.
        let got = loss(&bias_only_model().unwrap(), &[2, 0]);
        assert!(
            (got - 4f32.ln()).abs() < 1e-5,
            "the loss of [2, 0] is {got:.4}; it is one prediction, row 0 against token 0 \
             (p = 1/4), so ln 4 = 1.3863"
        );
    }

    #[test]
    fn three_tokens_by_hand() {
        // [0, 1, 2]: row 0 -> token 1 (p = 1/4), row 1 -> token 2 (p = 1/2).
        // Loss = (ln 4 + ln 2) / 2 = 1.5 ln 2 = 1.0397.
        // Row i against token i would give (ln 4 + ln 4 + ln 2) / 3 = 1.1552.
        let got = loss(&bias_only_model().unwrap(), &[0, 1, 2]);
        let want = 1.5 * 2f32.ln();
        assert!(
            (got - want).abs() < 1e-5,
            "the loss of [0, 1, 2] is {got:.4}; expected (ln 4 + ln 2) / 2 = {want:.4}: two \
             predictions, row 0 against token 1 and row 1 against token 2"
        );
    }

    #[test]
    fn agrees_with_the_library_loss() {
        let model = seeded_model().unwrap();
        for indices in [&[3, 1][..], &[3, 1, 4, 1, 5], &[0, 5, 2, 5, 2, 5, 0, 1]] {
            let ours = loss(&model, indices);
            let library = model
                .loss(&[TokenSequence::from_indices(indices).unwrap()])
                .unwrap()
                .value();
            assert!(
                (ours - library).abs() < 1e-5,
                "on {indices:?} the loss is {ours:.5}, the library's next-token loss is \
                 {library:.5}"
            );
        }
    }
}

// Wrong fixes the tests reject:
// - Skipping the first row instead of the first token (row i + 1 against
//   token i): the model is graded on naming the token before, and [2, 0]
//   scores row 1 against token 2, ln 2 instead of ln 4.
// - Dropping the last row but keeping every token (row i against token i
//   for i < n - 1): still the off-by-one, 1.3863 on [0, 1, 2].
