// Queries come first.
//
// Attention asks, for every position, "which other positions matter to me?"
// The asking side is the query; the side being matched is the key. The score
// matrix has one ROW per query and one COLUMN per key, so the order in which
// the two sequences are paired is part of the meaning, and the library makes
// it part of the type: `ScaledDotProductScores` takes exactly one input,
// `Product<QuerySequence, KeySequence>`.
//
// Fix `attention_scores` so it compiles and the tests pass. The tests at the
// bottom are the definition of done: read them, do not edit them.

use typed_ai::{
    AttentionScores, KeySequence, MlResult, Morphism, Product, QuerySequence,
    ScaledDotProductScores,
};

/// How well each query matches each key: query rows × key columns.
fn attention_scores(queries: QuerySequence, keys: KeySequence) -> MlResult<AttentionScores> {
    // TODO: the arrow takes one product; which sequence owns the rows?
    ScaledDotProductScores.apply(Product::new(keys, queries))
}

fn main() -> MlResult<()> {
    let queries = QuerySequence::new(vec![vec![1.0, 0.0]])?;
    let keys = KeySequence::new(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]])?;
    let scores = attention_scores(queries, keys)?;
    println!(
        "{} query x {} keys: {:?}",
        scores.query_len(),
        scores.key_len(),
        scores.to_rows()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card_example() -> AttentionScores {
        let queries = QuerySequence::new(vec![vec![1.0, 0.0]]).unwrap();
        let keys = KeySequence::new(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]]).unwrap();
        attention_scores(queries, keys).unwrap()
    }

    #[test]
    fn one_row_per_query_one_column_per_key() {
        let scores = card_example();
        let shape = (scores.query_len(), scores.key_len());
        assert_eq!(
            shape,
            (1, 3),
            "1 query against 3 keys must give a 1 x 3 score matrix, got {} x {}",
            shape.0,
            shape.1
        );
    }

    #[test]
    fn scores_match_the_hand_computation() {
        // Query [1, 0] dotted with keys [1, 0], [0, 1], [1, 1] gives 1, 0, 1;
        // divided by √d_k = √2 that is 0.7071, 0, 0.7071.
        let row = card_example().to_rows().remove(0);
        let one_over_root_two = 1.0 / 2f32.sqrt(); // 0.7071
        let expected = [one_over_root_two, 0.0, one_over_root_two];
        for (key, (got, want)) in row.iter().zip(expected).enumerate() {
            assert!(
                (got - want).abs() < 1e-4,
                "score of query 0 against key {key} is {got}, expected {want}"
            );
        }
    }
}
