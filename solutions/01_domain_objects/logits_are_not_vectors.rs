// Chapter 1.4: logits are not vectors
//
// A `Vector` and `Logits` both hold a list of `f32`, but they mean different
// things. A hidden vector holds one entry per *feature* the model computes
// internally; its length is the model's width. Logits hold one *score* per
// vocabulary entry: the higher the score, the more the model expects that
// token next. Same storage, different role, so each gets its own type and
// the compiler keeps them apart.
//
// `model_step` builds its output scores as the wrong kind of object. Build
// them as what they are. Done when the file compiles and the tests pass (do
// not edit the tests).

use typed_ai::{Logits, MlResult, TokenId, Vector};

/// What one step of a tiny model produces after reading "h", with the
/// vocabulary [e, h, l, o].
struct ModelOutput {
    /// The model's internal features: 2 of them, whatever the vocabulary.
    hidden: Vector,
    /// One score per vocabulary entry.
    scores: Logits,
}

fn model_step() -> MlResult<ModelOutput> {
    let hidden = Vector::new(vec![0.3, -0.7])?;
    // One score per vocabulary entry: these are logits, not features.
    let scores = Logits::new(vec![1.5, -1.0, 0.5, 0.0])?;
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

fn main() -> MlResult<()> {
    let output = model_step()?;
    println!(
        "{} features, {} scores, most likely next token: {:?}",
        output.hidden.len(),
        output.scores.len(),
        most_likely(&output.scores)
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_expects_e_after_h() {
        let output = model_step().unwrap();
        assert_eq!(
            most_likely(&output.scores),
            TokenId::new(0),
            "scores [1.5, -1.0, 0.5, 0.0] for [e, h, l, o]: e (token 0) scores highest"
        );
    }

    #[test]
    fn features_and_scores_have_their_own_sizes() {
        let output = model_step().unwrap();
        assert_eq!(output.hidden.len(), 2, "the model computes 2 features");
        assert_eq!(
            output.scores.len(),
            4,
            "there is one score per vocabulary entry, and [e, h, l, o] has 4"
        );
    }
}
