// Chapter 3.2: the header is the promise
//
// The header `impl Morphism<A, B> for T` makes `T` an arrow from `A` to `B`.
// It is the promise every user of `T` relies on, so `apply` must return
// exactly `MlResult<B>`. When the header and `apply` disagree, rustc reports
// the disagreement, but it cannot know which of the two is wrong, and its
// suggestion picks one at random as far as the model is concerned. The
// roles of the objects decide: a lookup yields features (`Vector`), a
// scoring layer yields one score per vocabulary entry (`Logits`), and
// softmax reads scores.
//
// This file holds a tiny model of three arrows. `LookupTable` is an
// embedding: row i of the table is token i's features. `TiedScores` scores
// every token by the dot product of that token's row of the same table with
// the features (the output layer shares, or "ties", its weights with the
// embedding). Softmax turns the scores into probabilities. One header
// promises the wrong object. Done when the file compiles and the tests pass
// (do not edit the tests).

use typed_ai::{
    Compose, Distribution, Logits, MlError, MlResult, Morphism, Softmax, TokenId, Vector,
};

/// Token i's features are row i of the table.
struct LookupTable {
    rows: Vec<Vec<f32>>,
}

impl Morphism<TokenId, Vector> for LookupTable {
    fn name(&self) -> String {
        "lookup_table".to_string()
    }

    fn apply(&self, token: TokenId) -> MlResult<Vector> {
        let row = self.rows.get(token.index()).ok_or(MlError::OutOfRange {
            kind: "token",
            index: token.index(),
            limit: self.rows.len(),
        })?;
        Vector::new(row.clone())
    }
}

/// Scores token i by the dot product of row i of the table with the
/// features: the more a token's row points the same way, the higher its
/// score.
struct TiedScores {
    rows: Vec<Vec<f32>>,
}

// TODO: which object does this arrow produce?
impl Morphism<Vector, Vector> for TiedScores {
    fn name(&self) -> String {
        "tied_scores".to_string()
    }

    fn apply(&self, features: Vector) -> MlResult<Logits> {
        let mut scores = Vec::with_capacity(self.rows.len());
        for row in &self.rows {
            scores.push(Vector::new(row.clone())?.dot(&features)?);
        }
        Logits::new(scores)
    }
}

/// Three tokens with two features each.
fn table() -> Vec<Vec<f32>> {
    vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]]
}

/// token -> features -> scores -> probabilities of the next token.
fn next_token_model() -> impl Morphism<TokenId, Distribution> {
    let lookup = LookupTable { rows: table() };
    let scores = TiedScores { rows: table() };
    Compose::<_, _, Logits>::new(Compose::<_, _, Vector>::new(lookup, scores), Softmax)
}

fn main() -> MlResult<()> {
    let model = next_token_model();
    for token in 0..3 {
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
            got.len() == want.len() && got.iter().zip(want).all(|(g, w)| (g - w).abs() < 1e-5);
        assert!(close, "got {got:?}, expected {want:?}: {why}");
    }

    #[test]
    fn token_2_is_most_like_itself() {
        // Token 2's features are [1, 1]; the dot products with the rows
        // [1, 0], [0, 1], [1, 1] are the scores [1, 1, 2]. Softmax:
        // e / (2e + e^2) = 1 / (2 + e) = 0.21194 twice, e / (2 + e) = 0.57612.
        let next = next_token_model().apply(TokenId::new(2)).unwrap();
        assert_close(
            next.probabilities(),
            &[0.21194, 0.21194, 0.57612],
            "token 2 scores [1, 1, 2], and softmax turns them into probabilities",
        );
    }

    #[test]
    fn token_0_shares_its_feature_with_token_2() {
        // Token 0's features [1, 0] score [1, 0, 1]: softmax gives
        // e / (2e + 1) = 0.42232 for tokens 0 and 2, 1 / (2e + 1) = 0.15536.
        let next = next_token_model().apply(TokenId::new(0)).unwrap();
        assert_close(
            next.probabilities(),
            &[0.42232, 0.15536, 0.42232],
            "token 0 scores [1, 0, 1]",
        );
    }

    #[test]
    fn the_model_names_its_three_steps() {
        assert_eq!(
            next_token_model().name(),
            "softmax ∘ tied_scores ∘ lookup_table",
            "read right to left: lookup first, softmax last"
        );
    }
}
