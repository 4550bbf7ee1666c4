// Chapter 3.4: the middle objects must match
//
// Two arrows compose only when the first one's target is the second one's
// source: from f: A -> B and g: B -> C you get "g after f": A -> C. Here
// that is `Compose::<_, _, B>::new(f, g)`, with the middle object B written
// out, and rustc refuses any pair whose middle objects do not meet.
//
// A tiny next-token model is three arrows:
//     Embedding:      TokenId -> Vector        (look up the token's features)
//     LinearToLogits: Vector  -> Logits        (score every vocabulary entry)
//     Softmax:        Logits  -> Distribution  (turn scores into probabilities)
// `next_token_model` should chain all three, but skips one, so softmax is
// handed features instead of scores. Done when the file compiles and the
// tests pass (do not edit the tests).

use typed_ai::{
    Compose, Distribution, Embedding, LinearToLogits, Logits, Matrix, MlResult, Morphism, Softmax,
    TokenId, Vector,
};

/// The whole model: token -> features -> scores -> probabilities.
fn next_token_model(
    embedding: Embedding,
    to_logits: LinearToLogits,
) -> impl Morphism<TokenId, Distribution> {
    // TokenId -> Vector -> Logits -> Distribution: each middle object is the
    // target of one arrow and the source of the next.
    Compose::<_, _, Logits>::new(Compose::<_, _, Vector>::new(embedding, to_logits), Softmax)
}

/// Two tokens, two features. Token 0's features are [1, 0], token 1's are
/// [0, 1], and the scores are W · features with W = [[0, 0], [0, ln 3]], so
/// token 0 scores [0, 0] and token 1 scores [0, ln 3].
fn tiny_weights() -> MlResult<(Embedding, LinearToLogits)> {
    let embedding = Embedding::new(Matrix::new(vec![vec![1.0, 0.0], vec![0.0, 1.0]])?);
    let to_logits = LinearToLogits::new(
        Matrix::new(vec![vec![0.0, 0.0], vec![0.0, 3f32.ln()]])?,
        Vector::new(vec![0.0, 0.0])?,
    )?;
    Ok((embedding, to_logits))
}

fn main() -> MlResult<()> {
    let (embedding, to_logits) = tiny_weights()?;
    let model = next_token_model(embedding, to_logits);
    let next = model.apply(TokenId::new(1))?;
    println!(
        "{}: after token 1, {:?}",
        model.name(),
        next.probabilities()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_close(got: &[f32], want: &[f32], why: &str) {
        let close =
            got.len() == want.len() && got.iter().zip(want).all(|(g, w)| (g - w).abs() < 1e-6);
        assert!(close, "got {got:?}, expected {want:?}: {why}");
    }

    #[test]
    fn token_0_predicts_a_fair_split() {
        let (embedding, to_logits) = tiny_weights().unwrap();
        let next = next_token_model(embedding, to_logits)
            .apply(TokenId::new(0))
            .unwrap();
        assert_close(
            next.probabilities(),
            &[0.5, 0.5],
            "token 0 scores [0, 0], and softmax of equal scores is 1/2 each",
        );
    }

    #[test]
    fn token_1_predicts_one_to_three() {
        let (embedding, to_logits) = tiny_weights().unwrap();
        let next = next_token_model(embedding, to_logits)
            .apply(TokenId::new(1))
            .unwrap();
        assert_close(
            next.probabilities(),
            &[0.25, 0.75],
            "token 1 scores [0, ln 3]: exp gives 1 and 3, so 1/4 and 3/4",
        );
    }

    #[test]
    fn the_model_names_its_three_steps() {
        let (embedding, to_logits) = tiny_weights().unwrap();
        assert_eq!(
            next_token_model(embedding, to_logits).name(),
            "softmax ∘ linear_to_logits ∘ embedding",
            "read right to left: embedding first, softmax last"
        );
    }
}
