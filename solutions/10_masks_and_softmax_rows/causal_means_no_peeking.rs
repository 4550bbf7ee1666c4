// Chapter 10.3: causal means no peeking
//
// A next-token model learns to predict token i + 1 from tokens 0..=i. If
// position i could attend to later positions during training, it could read
// the answer instead of predicting it, and the model would be useless when
// the future is not there. A causal mask lets query i see key j only when
// j <= i: the lower triangle of the score matrix, diagonal included.
//
// `causal_mask` builds that mask by hand. Fix it so the tests pass. The tests
// at the bottom are the definition of done: read them, do not edit them.

use typed_ai::{
    AttentionMask, AttentionScores, AttentionSoftmax, AttentionWeights, MaskedAttentionScores,
    MlResult, Morphism, Product, SequenceLength,
};

/// The causal mask over `len` positions: `true` where query may see key.
fn causal_mask(len: SequenceLength) -> MlResult<AttentionMask> {
    let n = len.get();
    let rows = (0..n)
        .map(|query| {
            // A query may look at itself and at everything before it.
            (0..n).map(|key| key <= query).collect()
        })
        .collect();
    AttentionMask::new(rows)
}

/// Scores of 0 everywhere, masked, then normalised row by row: each query
/// spreads its attention evenly over the keys it may see.
fn even_weights(len: SequenceLength) -> MlResult<AttentionWeights> {
    let n = len.get();
    let scores = AttentionScores::new(vec![vec![0.0; n]; n])?;
    let masked = MaskedAttentionScores.apply(Product::new(scores, causal_mask(len)?))?;
    AttentionSoftmax.apply(masked)
}

fn main() -> MlResult<()> {
    let weights = even_weights(SequenceLength::new(3)?)?;
    for (query, row) in weights.to_rows().iter().enumerate() {
        println!("query {query}: {row:?}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_query_attends_to_a_later_key() {
        let weights = even_weights(SequenceLength::new(3).unwrap()).unwrap();
        for query in 0..3 {
            for key in query + 1..3 {
                let w = weights.get(query, key).unwrap();
                assert!(
                    w == 0.0,
                    "query {query} gives weight {w:.2} to key {key}, which comes after it; \
                     a causal model must not see the future"
                );
            }
        }
    }

    #[test]
    fn each_query_shares_attention_over_itself_and_the_past() {
        // Equal scores: query 0 sees 1 key, query 1 sees 2, query 2 sees 3.
        let weights = even_weights(SequenceLength::new(3).unwrap()).unwrap();
        let third = 1.0 / 3.0;
        let expected = [[1.0, 0.0, 0.0], [0.5, 0.5, 0.0], [third, third, third]];
        for (query, row) in expected.iter().enumerate() {
            for (key, &want) in row.iter().enumerate() {
                let got = weights.get(query, key).unwrap();
                assert!(
                    (got - want).abs() < 1e-5,
                    "weight of query {query} on key {key} is {got:.4}, expected {want:.4}"
                );
            }
        }
    }
}

// Wrong fixes this file's tests reject:
// - `key < query` (the strict past): query 0 may then see no key at all,
//   `AttentionMask::new` refuses a row with nothing to normalise over, and
//   both tests fail on that error.
// - `key > query` or `key != query`: later keys stay visible, so
//   `no_query_attends_to_a_later_key` fails.
