// Weights mix values.
//
// After the softmax, each query holds one weight per key: how much of that
// position to take. What it takes is the position's VALUE. Keys are only
// used to decide the weights (they were matched against the queries); the
// output is a weighted average of value rows:
//     output[q] = Σ_k weight[q][k] · value[k].
// Keys and values often have the same shape, so only their types can tell
// them apart.
//
// Fix `attend` so it compiles and the tests pass. The tests at the bottom are
// the definition of done: read them, do not edit them.

use typed_ai::{
    AttentionMask, AttentionOutput, AttentionSoftmax, KeySequence, MaskedAttentionScores, MlResult,
    Morphism, Product, QuerySequence, ScaledDotProductScores, ValueSequence, WeightedValueMixing,
};

/// Scores, mask, softmax, then mixing: attention for one head.
fn attend(
    queries: QuerySequence,
    keys: KeySequence,
    values: ValueSequence,
    mask: AttentionMask,
) -> MlResult<AttentionOutput> {
    let scores = ScaledDotProductScores.apply(Product::new(queries, keys))?;
    let weights =
        AttentionSoftmax.apply(MaskedAttentionScores.apply(Product::new(scores, mask))?)?;
    // The weights say how much of each position to take; the values are
    // what is taken.
    WeightedValueMixing.apply(Product::new(weights, values))
}

/// The worked example: one query, three keys, three values, key 1 blocked.
fn worked_example() -> MlResult<AttentionOutput> {
    let queries = QuerySequence::new(vec![vec![1.0, 0.0]])?;
    let keys = KeySequence::new(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]])?;
    let values = ValueSequence::new(vec![vec![1.0, 10.0], vec![2.0, 20.0], vec![3.0, 30.0]])?;
    let mask = AttentionMask::new(vec![vec![true, false, true]])?;
    attend(queries, keys, values, mask)
}

fn main() -> MlResult<()> {
    let output = worked_example()?;
    println!("output of query [1, 0]: {:?}", output.to_rows()[0]);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_is_the_weighted_average_of_the_values() {
        // Scores [0.7071, 0, 0.7071], key 1 blocked: weights [0.5, 0, 0.5].
        // 0.5·[1, 10] + 0.5·[3, 30] = [2, 20].
        let output = worked_example().unwrap();
        let row = output.row(0).unwrap();
        assert!(
            (row[0] - 2.0).abs() < 1e-5 && (row[1] - 20.0).abs() < 1e-4,
            "output of query 0 is {row:?}; weights [0.5, 0, 0.5] over the values \
             [1, 10], [2, 20], [3, 30] give [2, 20]"
        );
    }

    #[test]
    fn one_output_row_per_query_at_the_value_width() {
        let output = worked_example().unwrap();
        assert_eq!(
            (output.len(), output.width()),
            (1, 2),
            "1 query and values of width 2 give a 1 x 2 output"
        );
    }
}
