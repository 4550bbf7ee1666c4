// Chapter 3.6: errors travel through composition
//
// When arrows are chained, the first failure ends the chain. If the
// embedding lookup rejects a token, there is no feature vector to score, and
// the caller should receive the lookup's error unchanged: it names the token
// and the vocabulary's size. The library's `Compose` does exactly that, and
// inside a chain written by hand, `?` does.
//
// `EmbedThenScore` chains an embedding and a linear layer by hand. When the
// lookup fails it carries on with a stand-in vector, so the failure only
// shows one arrow later, as an error about something else. Done when the
// tests pass (do not edit the tests).

use typed_ai::{Embedding, LinearToLogits, Logits, Matrix, MlResult, Morphism, TokenId, Vector};

/// token -> features -> scores, written out by hand.
struct EmbedThenScore {
    embedding: Embedding,
    to_logits: LinearToLogits,
}

impl Morphism<TokenId, Logits> for EmbedThenScore {
    fn name(&self) -> String {
        format!("{} ∘ {}", self.to_logits.name(), self.embedding.name())
    }

    fn apply(&self, token: TokenId) -> MlResult<Logits> {
        // `?` ends the chain at the first failure: an unknown token's
        // `OutOfRange` goes back to the caller, and the scores are never
        // computed from a vector that stands for nothing.
        let features = self.embedding.apply(token)?;
        self.to_logits.apply(features)
    }
}

/// Two tokens with two features: token 0 is [1, 2], token 1 is [3, 4].
/// Three scores: the first feature, the second, and their sum plus 0.5.
fn tiny_model() -> MlResult<EmbedThenScore> {
    Ok(EmbedThenScore {
        embedding: Embedding::new(Matrix::new(vec![vec![1.0, 2.0], vec![3.0, 4.0]])?),
        to_logits: LinearToLogits::new(
            Matrix::new(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]])?,
            Vector::new(vec![0.0, 0.0, 0.5])?,
        )?,
    })
}

fn main() -> MlResult<()> {
    let model = tiny_model()?;
    println!(
        "{}: token 1 -> {:?}",
        model.name(),
        model.apply(TokenId::new(1))?.scores()
    );
    println!("token 5 -> {:?}", model.apply(TokenId::new(5)));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use typed_ai::MlError;

    #[test]
    fn token_1_is_scored_from_its_features() {
        let scores = tiny_model().unwrap().apply(TokenId::new(1)).unwrap();
        assert_eq!(
            scores.scores(),
            &[3.0, 4.0, 7.5],
            "token 1 has features [3, 4]: scores 3, 4 and 3 + 4 + 0.5 = 7.5"
        );
    }

    #[test]
    fn a_bad_token_reaches_the_caller_as_an_error() {
        assert_eq!(
            tiny_model().unwrap().apply(TokenId::new(5)),
            Err(MlError::OutOfRange {
                kind: "token",
                index: 5,
                limit: 2
            }),
            "the embedding has 2 rows, so token 5 has no features: the lookup's \
             error must come out of the chain unchanged, and no later arrow may run"
        );
    }
}

// Wrong fixes this file's tests reject: a stand-in of the right length,
// `Vector::new(vec![0.0; 2])?` (the chain then succeeds and scores a token
// that does not exist: the bias, [0, 0, 0.5]), and `.unwrap()` or `.expect()`
// on the lookup (a bad token crashes the program instead of returning an
// error the caller can handle).
