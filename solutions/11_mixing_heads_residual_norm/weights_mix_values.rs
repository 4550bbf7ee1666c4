// Chapter 11.1: the weighted sum of values is already an average
//
// After the softmax, each query holds one weight per key: how much of that
// position to take. What it takes is the position's value, and the output of
// the query is the weighted sum
//     output[q] = Σ_k weight[q][k] · value[k].
// Every row of weights is a probability distribution: non-negative, summing
// to 1. So this sum is already a weighted average of the value rows (a
// convex combination): if every value were the same vector v, the output
// would be v, and a query that puts all its weight on one key gets exactly
// that key's value. Nothing is left to divide by.
//
// `OurMixing` is our own version of the library's `WeightedValueMixing`,
// and it averages one time too many. Fix it so the tests pass. The tests at
// the bottom are the definition of done: read them, do not edit them.

use typed_ai::{
    AttentionMask, AttentionOutput, AttentionSoftmax, AttentionWeights, KeySequence,
    MaskedAttentionScores, MlResult, Morphism, Product, QuerySequence, ScaledDotProductScores,
    ValueSequence,
};

/// `AttentionWeights × ValueSequence → AttentionOutput`: each query's
/// weighted combination of the value rows.
struct OurMixing;

impl Morphism<Product<AttentionWeights, ValueSequence>, AttentionOutput> for OurMixing {
    fn name(&self) -> String {
        "our_mixing".to_string()
    }

    fn apply(&self, input: Product<AttentionWeights, ValueSequence>) -> MlResult<AttentionOutput> {
        let (weights, values) = input.into_parts();
        let mut outputs = Vec::new();
        for row in weights.rows() {
            let mut mixed = vec![0.0; values.width()];
            for (&weight, value) in row.probabilities().iter().zip(values.rows()) {
                for (out, v) in mixed.iter_mut().zip(value) {
                    *out += weight * v;
                }
            }
            // The row's weights sum to 1, so the weighted sum is already the
            // weighted average: no further division.
            outputs.push(mixed);
        }
        AttentionOutput::new(outputs)
    }
}

/// The worked example: one query, three keys, key 1 blocked.
fn worked_example() -> MlResult<(AttentionWeights, ValueSequence)> {
    let queries = QuerySequence::new(vec![vec![1.0, 0.0]])?;
    let keys = KeySequence::new(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]])?;
    let values = ValueSequence::new(vec![vec![1.0, 10.0], vec![2.0, 20.0], vec![3.0, 30.0]])?;
    let mask = AttentionMask::new(vec![vec![true, false, true]])?;
    let scores = ScaledDotProductScores.apply(Product::new(queries, keys))?;
    let weights =
        AttentionSoftmax.apply(MaskedAttentionScores.apply(Product::new(scores, mask))?)?;
    Ok((weights, values))
}

fn main() -> MlResult<()> {
    let (weights, values) = worked_example()?;
    println!("weights of query [1, 0]: {:?}", weights.to_rows()[0]);
    let output = OurMixing.apply(Product::new(weights, values))?;
    println!("output of query [1, 0]: {:?}", output.to_rows()[0]);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use typed_ai::{Distribution, WeightedValueMixing};

    fn mix(weights: Vec<Vec<f32>>, values: Vec<Vec<f32>>) -> Vec<Vec<f32>> {
        let weights = AttentionWeights::new(
            weights
                .into_iter()
                .map(|row| Distribution::new(row).unwrap())
                .collect(),
        )
        .unwrap();
        let values = ValueSequence::new(values).unwrap();
        OurMixing
            .apply(Product::new(weights, values))
            .unwrap()
            .to_rows()
    }

    #[test]
    fn output_is_the_weighted_average_of_the_values() {
        // Scores [0.7071, 0, 0.7071] with key 1 blocked: weights [0.5, 0, 0.5].
        // 0.5·[1, 10] + 0 + 0.5·[3, 30] = [2, 20]. Dividing that by the 3 keys
        // again would give [0.667, 6.667], below every value.
        let (weights, values) = worked_example().unwrap();
        let output = OurMixing.apply(Product::new(weights, values)).unwrap();
        let row = output.row(0).unwrap();
        assert!(
            (row[0] - 2.0).abs() < 1e-5 && (row[1] - 20.0).abs() < 1e-4,
            "output of query 0 is {row:?}; weights [0.5, 0, 0.5] over the values \
             [1, 10], [2, 20], [3, 30] give [2, 20]"
        );
    }

    #[test]
    fn all_weight_on_one_key_copies_its_value() {
        // Query 0 takes all of key 2; query 1 all of key 0.
        let output = mix(
            vec![vec![0.0, 0.0, 1.0], vec![1.0, 0.0, 0.0]],
            vec![vec![1.0, 10.0], vec![2.0, 20.0], vec![3.0, 30.0]],
        );
        assert_eq!(
            output,
            vec![vec![3.0, 30.0], vec![1.0, 10.0]],
            "a query that puts weight 1 on one key must get exactly that key's value"
        );
    }

    #[test]
    fn equal_values_give_that_value_back() {
        // Any distribution over three copies of [4, −2] averages to [4, −2].
        let output = mix(
            vec![vec![0.2, 0.3, 0.5], vec![0.25, 0.25, 0.5]],
            vec![vec![4.0, -2.0]; 3],
        );
        for (query, row) in output.iter().enumerate() {
            assert!(
                (row[0] - 4.0).abs() < 1e-5 && (row[1] + 2.0).abs() < 1e-5,
                "query {query}: a weighted average of three copies of [4, −2] is \
                 [4, −2], got {row:?}"
            );
        }
    }

    #[test]
    fn agrees_with_the_library() {
        let (weights, values) = worked_example().unwrap();
        let ours = OurMixing
            .apply(Product::new(weights.clone(), values.clone()))
            .unwrap();
        let library = WeightedValueMixing
            .apply(Product::new(weights, values))
            .unwrap();
        assert_eq!(ours.to_rows(), library.to_rows());
    }
}

// Wrong fixes this file's tests reject:
// - dividing by the number of allowed keys instead of all keys (2 in the
//   worked example): [2, 20] / 2 = [1, 10], so
//   `output_is_the_weighted_average_of_the_values` fails.
// - taking weight[k][q] instead of weight[q][k] (a column of the weights,
//   which need not sum to 1): query 0 of `all_weight_on_one_key_copies_its_value`
//   then mixes in the wrong keys.
