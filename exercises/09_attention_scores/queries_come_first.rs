// Chapter 9.3: queries come first, and the types say so
//
// Attention asks, for every position, "which positions matter to me?". The
// asking side is the query, the side being matched is the key, and the score
// matrix has one row per query and one column per key:
// scores[q][k] = query q · key k / √d_k. Pair them the other way round and
// you get the transpose: row q then says how much every query cares about
// *key* q, and the softmax of the next chapter would normalise the wrong
// thing. In self-attention queries and keys have the same shape (positions ×
// d_k), so nothing in the numbers can tell them apart. Only types can.
//
// This file passes the projected roles around as bare rows,
// `Vec<Vec<f32>>`. `scores` wraps its arguments as queries and keys only
// when it uses them, and by then a swap has already happened:
// `self_attention_scores` pairs the keys with the queries, it compiles, and
// the test catches the transposed matrix.
//
// This is a design exercise: fix it in two moves.
//   1. Give the roles their types where they are made: `queries_of`
//      returns a `QuerySequence`, `keys_of` a `KeySequence`, and `scores`
//      takes `(QuerySequence, KeySequence)`. rustc then points at the swap.
//   2. Fix the call it points at.
// Swapping the call alone makes the tests pass, but leaves the door open:
// the course also requires that this misuse no longer compiles,
//     let _ = scores(keys_of(&hidden, &head)?, queries_of(&hidden, &head)?);
// and once the runner checks that, a file that only fixed the call does not
// pass. Done when the tests pass and the line above is a type error.

use typed_ai::{
    AttentionScores, HiddenSequence, KeyProjection, KeySequence, Matrix, MlResult, Morphism,
    Product, QueryProjection, QuerySequence, ScaledDotProductScores,
};

/// One head's query and key projections.
struct Head {
    query: QueryProjection,
    key: KeyProjection,
}

/// W_Q = identity: a query is the position itself. W_K = [[1, 1], [0, 1]]:
/// a key is [a, a + b] for the position [a, b].
fn head() -> MlResult<Head> {
    Ok(Head {
        query: QueryProjection::new(Matrix::new(vec![vec![1.0, 0.0], vec![0.0, 1.0]])?),
        key: KeyProjection::new(Matrix::new(vec![vec![1.0, 1.0], vec![0.0, 1.0]])?),
    })
}

// TODO: bare rows cannot tell a query from a key. Give each role its type.
/// The head's query for every position of `hidden`.
fn queries_of(hidden: &HiddenSequence, head: &Head) -> MlResult<Vec<Vec<f32>>> {
    Ok(head.query.project(hidden)?.to_rows())
}

/// The head's key for every position of `hidden`.
fn keys_of(hidden: &HiddenSequence, head: &Head) -> MlResult<Vec<Vec<f32>>> {
    Ok(head.key.project(hidden)?.to_rows())
}

/// scores[q][k] = query q · key k / √d_k: one row per query.
fn scores(queries: Vec<Vec<f32>>, keys: Vec<Vec<f32>>) -> MlResult<AttentionScores> {
    let queries = QuerySequence::new(queries)?;
    let keys = KeySequence::new(keys)?;
    ScaledDotProductScores.apply(Product::new(queries, keys))
}

/// The self-attention scores of `hidden`: every position's query against
/// every position's key.
fn self_attention_scores(hidden: &HiddenSequence, head: &Head) -> MlResult<AttentionScores> {
    let queries = queries_of(hidden, head)?;
    let keys = keys_of(hidden, head)?;
    scores(keys, queries)
}

/// Three positions of width 2.
fn three_positions() -> MlResult<HiddenSequence> {
    HiddenSequence::new(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]])
}

fn main() -> MlResult<()> {
    let scores = self_attention_scores(&three_positions()?, &head()?)?;
    for (query, row) in scores.rows().enumerate() {
        println!("query {query}: {row:?}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_q_is_query_q_against_every_key() {
        // Queries = the positions: [1, 0], [0, 1], [1, 1].
        // Keys = [a, a + b]: [1, 1], [0, 1], [1, 2].
        // Dots, query row by query row: [1, 0, 1], [1, 1, 2], [2, 1, 3];
        // over √2 = 1.4142: [0.7071, 0, 0.7071], [0.7071, 0.7071, 1.4142],
        // [1.4142, 0.7071, 2.1213]. Not symmetric: query 0 against key 1 is 0,
        // query 1 against key 0 is 0.7071.
        let scores = self_attention_scores(&three_positions().unwrap(), &head().unwrap()).unwrap();
        let r = 1.0 / 2f32.sqrt();
        let expected = [[r, 0.0, r], [r, r, 2.0 * r], [2.0 * r, r, 3.0 * r]];
        for (query, row) in expected.iter().enumerate() {
            for (key, &want) in row.iter().enumerate() {
                let got = scores.get(query, key).unwrap();
                assert!(
                    (got - want).abs() < 1e-4,
                    "score of query {query} against key {key} is {got:.4}, expected \
                     {want:.4}; is the matrix transposed, with the keys on the rows?"
                );
            }
        }
    }

    #[test]
    fn one_row_per_query() {
        let scores = self_attention_scores(&three_positions().unwrap(), &head().unwrap()).unwrap();
        assert_eq!((scores.query_len(), scores.key_len()), (3, 3));
    }

    #[test]
    fn agrees_with_the_library_head() {
        // The library's typed pipeline, for comparison: queries first.
        let (hidden, head) = (three_positions().unwrap(), head().unwrap());
        let queries = head.query.project(&hidden).unwrap();
        let keys = head.key.project(&hidden).unwrap();
        let library = ScaledDotProductScores
            .apply(Product::new(queries, keys))
            .unwrap();
        let ours = self_attention_scores(&hidden, &head).unwrap();
        assert_eq!(ours.to_rows(), library.to_rows());
    }
}
