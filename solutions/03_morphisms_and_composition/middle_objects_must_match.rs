// Chapter 3.4: the middle objects must match (a design exercise)
//
// Two arrows compose only when the first one's target is the second one's
// source: from f: A -> B and g: B -> C you get "g after f": A -> C. The
// library writes it `Compose::<_, _, B>::new(f, g)`, with the middle object
// B spelled out, and rustc refuses a pair whose middle objects differ. That
// check is only as good as the objects: when two roles share one type, a
// chain that skips a step still meets in the middle.
//
// A tiny next-token model is three arrows:
//     Embedding:  TokenId  -> features      (look up the token's features)
//     Scores:     features -> scores        (one score per vocabulary entry)
//     Normalize:  scores   -> Distribution  (softmax)
// In this file features and scores are both `Vector`, so `next_token_model`
// can compose the embedding straight into `Normalize`: softmax of the
// features, with no scores in between. It compiles; the tests catch the
// numbers.
//
// Fix it in two steps:
// 1. Give scores an object of their own: make `Scores` produce `Logits` (the
//    library's type for scores) and `Normalize` accept only `Logits`. The
//    chain that skips `Scores` then no longer compiles.
// 2. Mend the chain, following the types from `TokenId` to `Distribution`.
// Once solved, a chain that hands features to `Normalize` must stay a
// compile error: the course checks that too, so mending the chain alone is
// not enough.
//
// Done when the tests pass (do not edit the tests) and features can no
// longer reach `Normalize`.

use typed_ai::{
    Compose, Distribution, Embedding, Logits, Matrix, MlResult, Morphism, TokenId, Vector,
    stable_softmax,
};

/// The output layer: score i is row i of `weights` · features.
struct Scores {
    weights: Matrix,
}

// Scores are their own object: one per vocabulary entry, not features.
impl Morphism<Vector, Logits> for Scores {
    fn name(&self) -> String {
        "scores".to_string()
    }

    fn apply(&self, hidden: Vector) -> MlResult<Logits> {
        Logits::new(self.weights.mul_vector(&hidden)?.into_values())
    }
}

/// Softmax: exp(score) divided by the sum of the exps.
struct Normalize;

// Softmax accepts scores only: a chain that hands it features is a type error.
impl Morphism<Logits, Distribution> for Normalize {
    fn name(&self) -> String {
        "normalize".to_string()
    }

    fn apply(&self, scores: Logits) -> MlResult<Distribution> {
        stable_softmax(scores.scores())
    }
}

/// The whole model: token -> features -> scores -> probabilities.
fn next_token_model(embedding: Embedding, scores: Scores) -> impl Morphism<TokenId, Distribution> {
    // TokenId -> Vector -> Logits -> Distribution: each middle object is the
    // target of one arrow and the source of the next.
    Compose::<_, _, Logits>::new(Compose::<_, _, Vector>::new(embedding, scores), Normalize)
}

/// Two tokens, two features. Token 0's features are [1, 0], token 1's are
/// [0, 1], and the score weights are [[0, 0], [0, ln 3]], so token 0 scores
/// [0, 0] and token 1 scores [0, ln 3].
fn tiny_weights() -> MlResult<(Embedding, Scores)> {
    let embedding = Embedding::new(Matrix::new(vec![vec![1.0, 0.0], vec![0.0, 1.0]])?);
    let scores = Scores {
        weights: Matrix::new(vec![vec![0.0, 0.0], vec![0.0, 3f32.ln()]])?,
    };
    Ok((embedding, scores))
}

fn main() -> MlResult<()> {
    let (embedding, scores) = tiny_weights()?;
    let model = next_token_model(embedding, scores);
    for token in 0..2 {
        let next = model.apply(TokenId::new(token))?;
        println!(
            "{}: after token {token}, {:?}",
            model.name(),
            next.probabilities()
        );
    }
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

    fn next_after(token: usize) -> Vec<f32> {
        let (embedding, scores) = tiny_weights().unwrap();
        next_token_model(embedding, scores)
            .apply(TokenId::new(token))
            .unwrap()
            .probabilities()
            .to_vec()
    }

    #[test]
    fn token_0_predicts_a_fair_split() {
        assert_close(
            &next_after(0),
            &[0.5, 0.5],
            "token 0 scores [0, 0], and softmax of equal scores is 1/2 each; \
             [0.731, 0.269] is softmax of the features [1, 0] themselves",
        );
    }

    #[test]
    fn token_1_predicts_one_to_three() {
        assert_close(
            &next_after(1),
            &[0.25, 0.75],
            "token 1 scores [0, ln 3]: exp gives 1 and 3, so 1/4 and 3/4",
        );
    }

    #[test]
    fn the_model_names_its_three_steps() {
        let (embedding, scores) = tiny_weights().unwrap();
        assert_eq!(
            next_token_model(embedding, scores).name(),
            "normalize ∘ scores ∘ embedding",
            "read right to left: embedding first, normalize last"
        );
    }
}

// Wrong fixes this file's tests reject: leaving out `Scores` (softmax of the
// features [0, 1] is [0.269, 0.731], not [0.25, 0.75]), and composing the
// right three arrows while `Scores` and `Normalize` still meet at `Vector`
// (the tests pass, but `Compose::<_, _, Vector>::new(embedding, Normalize)`
// still compiles: the must_not_compile check rejects it).
