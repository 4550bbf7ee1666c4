// Chapter 9.2: query rows own score rows
//
// The score matrix answers "how much does query q care about key k?" for
// every pair, and the convention is fixed: row q belongs to query q, column k
// to key k. With 2 queries and 3 keys the scores are 2 x 3. Later, the
// softmax normalises each ROW (each query spreads one unit of attention over
// the keys), so a transposed matrix would normalise the wrong thing.
//
// `scores_by_hand` below computes the scaled dot products itself, with two
// loops. Fix it so the tests pass. The tests at the bottom are the definition
// of done: read them, do not edit them.

use typed_ai::{AttentionScores, KeySequence, MlResult, QuerySequence};

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Scaled dot-product scores: one row per query, one column per key.
fn scores_by_hand(queries: &QuerySequence, keys: &KeySequence) -> MlResult<AttentionScores> {
    let scale = (queries.width() as f32).sqrt();
    let mut rows = Vec::new();
    // The outer loop makes the rows, so it runs over the queries: row q
    // lists query q's score against every key, in key order.
    for query in queries.rows() {
        let mut row = Vec::new();
        for key in keys.rows() {
            row.push(dot(query, key) / scale);
        }
        rows.push(row);
    }
    AttentionScores::new(rows)
}

fn main() -> MlResult<()> {
    let queries = QuerySequence::new(vec![vec![1.0, 0.0], vec![0.0, 2.0]])?;
    let keys = KeySequence::new(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]])?;
    let scores = scores_by_hand(&queries, &keys)?;
    println!("{} x {} scores:", scores.query_len(), scores.key_len());
    for row in scores.rows() {
        println!("  {row:?}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f32, b: f32) -> bool {
        (a - b).abs() < 1e-4
    }

    #[test]
    fn two_queries_against_three_keys_is_two_by_three() {
        let queries = QuerySequence::new(vec![vec![1.0, 0.0], vec![0.0, 2.0]]).unwrap();
        let keys = KeySequence::new(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]]).unwrap();
        let scores = scores_by_hand(&queries, &keys).unwrap();
        let (query_len, key_len) = (scores.query_len(), scores.key_len());
        assert_eq!(
            (query_len, key_len),
            (2, 3),
            "scores must be (query length) x (key length) = 2 x 3, got {query_len} x {key_len}"
        );
    }

    #[test]
    fn row_q_is_query_q_against_every_key() {
        // Two queries and two keys, so the shape alone cannot tell a
        // transposed matrix apart. Dots: query 0 = [1, 0] against keys
        // [1, 1] and [0, 1] gives 1 and 0; query 1 = [0, 2] gives 2 and 2.
        // Over √2: row 0 = [0.7071, 0], row 1 = [1.4142, 1.4142].
        let queries = QuerySequence::new(vec![vec![1.0, 0.0], vec![0.0, 2.0]]).unwrap();
        let keys = KeySequence::new(vec![vec![1.0, 1.0], vec![0.0, 1.0]]).unwrap();
        let scores = scores_by_hand(&queries, &keys).unwrap();
        let root_two = 2f32.sqrt();
        let expected = [[1.0 / root_two, 0.0], [root_two, root_two]];
        for (query, row) in expected.iter().enumerate() {
            for (key, &want) in row.iter().enumerate() {
                let got = scores.get(query, key).unwrap();
                assert!(
                    close(got, want),
                    "score of query {query} against key {key} is {got}, expected {want}"
                );
            }
        }
    }
}

// Wrong fixes this file's tests reject:
// - swapping the arguments of `dot` instead of the loops: a dot product is
//   symmetric, so the matrix is still 3 x 2 and
//   `two_queries_against_three_keys_is_two_by_three` fails.
// - running both loops over the queries: the shape is right for two queries
//   against two keys, but every score is a query against a query, so
//   `row_q_is_query_q_against_every_key` fails.
