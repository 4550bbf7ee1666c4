// Chapter 14.2: embed, attend, then score
//
// The whole model is one arrow from a token sequence to a prediction: five
// arrows composed, each one's target the next one's source.
//
//     TokenAndPositionEmbedding  TokenSequence  -> HiddenSequence  features per position
//     TransformerBlock           HiddenSequence -> HiddenSequence  positions read each other
//     VocabularyProjection       HiddenSequence -> Vec<Logits>     scores per position
//     LastPosition               Vec<Logits>    -> Logits          the last position's scores
//     Softmax                    Logits         -> Distribution    what comes next
//
// The block is the only arrow in which one position reads another: the
// embedding and the projection treat each position on its own. And because
// the block maps hidden rows to hidden rows, the types cannot tell whether it
// is there at all: a model without it still compiles, it just predicts the
// next token from the last token alone. The tests notice that; the compiler
// notices the order.
//
// `next_token` composes the arrows in the wrong order: it scores the
// vocabulary first and hands the scores to the block. Fix the composition so
// it compiles and the tests pass. The tests are the definition of done; do
// not edit them.

use typed_ai::{
    Compose, Distribution, HiddenSequence, Logits, MlError, MlResult, ModelDimension, Morphism,
    Seed, Softmax, TokenSequence, TransformerConfig, TransformerParameters, VocabSize,
};

/// `Vec<Logits> -> Logits`: the scores of the last position, the only one
/// that has read the whole sequence.
struct LastPosition;

impl Morphism<Vec<Logits>, Logits> for LastPosition {
    fn name(&self) -> String {
        "last_position".to_string()
    }

    fn apply(&self, mut rows: Vec<Logits>) -> MlResult<Logits> {
        rows.pop().ok_or(MlError::EmptyInput("positions"))
    }
}

/// The model as one arrow: a token sequence in, the distribution of the
/// token that follows it out.
fn next_token(
    parameters: TransformerParameters,
) -> MlResult<impl Morphism<TokenSequence, Distribution>> {
    let embed = parameters.embedding()?;
    let block = parameters.block()?;
    let score = parameters.vocabulary_projection()?;
    // TODO: follow the objects from `TokenSequence` to `Distribution`.
    let scored = Compose::<_, _, HiddenSequence>::new(embed, score);
    let mixed = Compose::<_, _, Vec<Logits>>::new(scored, block);
    let last = Compose::<_, _, Vec<Logits>>::new(mixed, LastPosition);
    Ok(Compose::<_, _, Logits>::new(last, Softmax))
}

/// An untrained model: 6 tokens, width 8 in 2 heads, feed-forward width 16,
/// up to 4 positions.
fn parameters() -> MlResult<TransformerParameters> {
    let config = TransformerConfig::new(VocabSize::new(6)?, ModelDimension::new(8)?, 2, 16, 4)?;
    Ok(TransformerParameters::seeded(config, Seed::new(7)))
}

fn main() -> MlResult<()> {
    let model = next_token(parameters()?)?;
    println!("{}", model.name());
    for prompt in [[0, 3], [5, 3]] {
        let next = model.apply(TokenSequence::from_indices(&prompt)?)?;
        let percent: Vec<String> = next
            .probabilities()
            .iter()
            .map(|p| format!("{:.0}%", 100.0 * p))
            .collect();
        println!("after {prompt:?}: {}", percent.join(" "));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn predict(prompt: &[usize]) -> Distribution {
        let model = next_token(parameters().unwrap()).unwrap();
        model
            .apply(TokenSequence::from_indices(prompt).unwrap())
            .unwrap()
    }

    #[test]
    fn the_arrows_run_in_order() {
        // A composite is named "second ∘ first", so the name reads right to
        // left: the arrow applied first is named last.
        let model = next_token(parameters().unwrap()).unwrap();
        assert_eq!(
            model.name(),
            "softmax ∘ last_position ∘ vocabulary_projection ∘ transformer_block \
             ∘ token_and_position_embedding",
            "the model's arrows, read right to left, are not embed, block, score, last, softmax"
        );
    }

    #[test]
    fn earlier_tokens_change_the_prediction() {
        // Both prompts end in token 3. Only the block lets position 1 read
        // position 0, so without it the two predictions would be identical.
        let a = predict(&[0, 3]);
        let b = predict(&[5, 3]);
        let largest_difference = a
            .probabilities()
            .iter()
            .zip(b.probabilities())
            .map(|(p, q)| (p - q).abs())
            .fold(0.0, f32::max);
        assert!(
            largest_difference > 1e-3,
            "after [0, 3] and after [5, 3] the model predicts the same distribution: the last \
             position never read the token before it"
        );
    }

    #[test]
    fn agrees_with_the_library_model() {
        let parameters = parameters().unwrap();
        for prompt in [&[2][..], &[0, 3], &[1, 4, 2, 5]] {
            let ours = predict(prompt);
            let library = parameters
                .next_token_distribution(&TokenSequence::from_indices(prompt).unwrap())
                .unwrap();
            for (p, q) in ours.probabilities().iter().zip(library.probabilities()) {
                assert!(
                    (p - q).abs() < 1e-5,
                    "after {prompt:?} the model gives {:?}, the library's gives {:?}",
                    ours.probabilities(),
                    library.probabilities()
                );
            }
        }
    }
}
