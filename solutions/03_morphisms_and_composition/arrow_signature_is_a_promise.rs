// Chapter 3.3: the arrow's signature is a promise
//
// The header `impl Morphism<TokenId, Vector> for LookupTable` promises an
// arrow from token ids to hidden vectors. Every method of the impl has to
// keep that promise: what `apply` returns must be the very target the header
// names, or the arrow would not fit where a `TokenId -> Vector` arrow is
// expected.
//
// This file holds two arrows of a tiny model. `LookupTable` is an embedding:
// row i of the table is the feature vector of token i. `TiedScores` then
// scores every token by the dot product of its row with those features. One
// `apply` was declared with the other arrow's target. Done when the file
// compiles and the tests pass (do not edit the tests).

use typed_ai::{Logits, MlError, MlResult, Morphism, TokenId, Vector};

/// One row of features per vocabulary entry.
struct LookupTable {
    rows: Vec<Vec<f32>>,
}

impl Morphism<TokenId, Vector> for LookupTable {
    fn name(&self) -> String {
        "lookup_table".to_string()
    }

    // The header promises `TokenId -> Vector`: a lookup yields features, and
    // scores (`Logits`) are the next arrow's job.
    fn apply(&self, token: TokenId) -> MlResult<Vector> {
        let row = self.rows.get(token.index()).ok_or(MlError::OutOfRange {
            kind: "token",
            index: token.index(),
            limit: self.rows.len(),
        })?;
        Vector::new(row.clone())
    }
}

/// Scores token i by the dot product of row i of the table with the hidden
/// vector: the more a token's row points the same way, the higher its score.
struct TiedScores {
    rows: Vec<Vec<f32>>,
}

impl Morphism<Vector, Logits> for TiedScores {
    fn name(&self) -> String {
        "tied_scores".to_string()
    }

    fn apply(&self, hidden: Vector) -> MlResult<Logits> {
        let mut scores = Vec::new();
        for row in &self.rows {
            scores.push(Vector::new(row.clone())?.dot(&hidden)?);
        }
        Logits::new(scores)
    }
}

/// Three tokens with two features each.
fn table() -> Vec<Vec<f32>> {
    vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]]
}

fn main() -> MlResult<()> {
    let hidden = LookupTable { rows: table() }.apply(TokenId::new(2))?;
    let scores = TiedScores { rows: table() }.apply(hidden.clone())?;
    println!(
        "token 2 -> features {:?} -> scores {:?}",
        hidden.values(),
        scores.scores()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_returns_the_tokens_row() {
        let hidden = LookupTable { rows: table() }
            .apply(TokenId::new(1))
            .unwrap();
        assert_eq!(hidden.values(), &[0.0, 1.0], "row 1 of the table is [0, 1]");
    }

    #[test]
    fn scores_are_dot_products_with_each_row() {
        let hidden = LookupTable { rows: table() }
            .apply(TokenId::new(2))
            .unwrap();
        let scores = TiedScores { rows: table() }.apply(hidden).unwrap();
        assert_eq!(
            scores.scores(),
            &[1.0, 1.0, 2.0],
            "token 2 has features [1, 1]; its dot products with [1, 0], [0, 1], [1, 1] are 1, 1, 2"
        );
    }

    #[test]
    fn unknown_tokens_are_rejected() {
        assert_eq!(
            LookupTable { rows: table() }.apply(TokenId::new(3)),
            Err(MlError::OutOfRange {
                kind: "token",
                index: 3,
                limit: 3
            }),
            "a table of 3 rows has no token 3"
        );
    }
}
