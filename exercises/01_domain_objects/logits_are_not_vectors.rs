// Chapter 1.3: logits are not vectors
//
// A `Vector` and `Logits` both hold a list of `f32`, in different roles. A
// hidden vector holds one entry per feature the model computes internally:
// its length is the model's width, and its first entry says nothing about
// token 0. Logits hold one score per vocabulary entry: score i says how
// strongly the model expects token i next. The output layer turns the one
// into the other: score i = (row i of its weights) · hidden + bias i. Same
// storage, different roles, so each has its own type and the compiler keeps
// them apart.
//
// `model_step` should return the features it was given and the scores they
// lead to, but it builds its scores from the wrong numbers. Done when the
// file compiles and the tests pass (do not edit the tests).

use typed_ai::{Logits, MlResult, TokenId, Vector};

/// The vocabulary: each distinct character of "hello", in sorted order.
const VOCABULARY: [char; 4] = ['e', 'h', 'l', 'o'];

/// What one step of a tiny model produces after reading "h".
struct ModelOutput {
    /// The model's internal features: 2 of them, whatever the vocabulary.
    hidden: Vector,
    /// One score per vocabulary entry.
    scores: Logits,
}

/// The output layer: one row of weights and one bias per vocabulary entry,
/// so 4 scores from 2 features. It only reads the features, so it borrows
/// them, as the library's `Vector::dot` does.
fn output_layer(hidden: &Vector) -> MlResult<Logits> {
    const WEIGHTS: [[f32; 2]; 4] = [[-2.0, 1.0], [1.0, 0.0], [0.0, 1.0], [1.0, -1.0]];
    const BIAS: [f32; 4] = [0.0, 0.0, 0.5, 0.0];
    let mut scores = Vec::with_capacity(WEIGHTS.len());
    for (row, bias) in WEIGHTS.iter().zip(BIAS) {
        scores.push(Vector::new(row.to_vec())?.dot(hidden)? + bias);
    }
    Logits::new(scores)
}

/// One step of the model: the features it computed, and its scores.
fn model_step(hidden: Vector) -> MlResult<ModelOutput> {
    // TODO: one score per vocabulary entry. Where do such numbers come from?
    let scores = hidden.clone();
    Ok(ModelOutput { hidden, scores })
}

/// The token with the highest score (the first one on a tie).
fn most_likely(scores: &Logits) -> TokenId {
    let mut best = 0;
    for (index, &score) in scores.scores().iter().enumerate() {
        if score > scores.scores()[best] {
            best = index;
        }
    }
    TokenId::new(best)
}

/// The features the model computed after reading "h".
fn features_after_h() -> MlResult<Vector> {
    Vector::new(vec![-0.5, 1.0])
}

fn main() -> MlResult<()> {
    let output = model_step(features_after_h()?)?;
    println!(
        "{} features, {} scores {:?}: after \"h\" the model expects {:?}",
        output.hidden.len(),
        output.scores.len(),
        output.scores.scores(),
        VOCABULARY[most_likely(&output.scores).index()]
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output() -> ModelOutput {
        model_step(features_after_h().unwrap()).unwrap()
    }

    #[test]
    fn features_and_scores_have_their_own_sizes() {
        let output = output();
        assert_eq!(output.hidden.len(), 2, "the model computes 2 features");
        assert_eq!(
            output.scores.len(),
            4,
            "there is one score per vocabulary entry, and [e, h, l, o] has 4"
        );
    }

    #[test]
    fn the_scores_come_from_the_output_layer() {
        // With hidden = [-0.5, 1.0]:
        //   e: -2 * -0.5 + 1 * 1.0 + 0   =  2.0
        //   h:  1 * -0.5 + 0 * 1.0 + 0   = -0.5
        //   l:  0 * -0.5 + 1 * 1.0 + 0.5 =  1.5
        //   o:  1 * -0.5 - 1 * 1.0 + 0   = -1.5
        assert_eq!(
            output().scores.scores(),
            &[2.0, -0.5, 1.5, -1.5],
            "score i is row i of the output weights · hidden + bias i"
        );
    }

    #[test]
    fn the_model_expects_e_after_h() {
        assert_eq!(
            VOCABULARY[most_likely(&output().scores).index()],
            'e',
            "the scores [2.0, -0.5, 1.5, -1.5] for [e, h, l, o] put e first; \
             the hidden vector's largest entry (feature 1) says nothing about token 1"
        );
    }
}
