// Chapter 11.2: one value row per key
//
// Each weight in a row of attention weights belongs to one key position, and
// it multiplies the value at that same position. So the values must have
// exactly one row per key: three keys, three value rows. This library's
// sequence types do not carry their length, so `WeightedValueMixing` checks
// it when it runs and names both counts in a `ShapeMismatch`.
//
// Run the file, read the error, and fix the values so `main` finishes. Done
// means `main` returns `Ok(())`.

use typed_ai::{
    AttentionMask, AttentionSoftmax, KeySequence, MaskedAttentionScores, MlResult, Morphism,
    Product, QuerySequence, ScaledDotProductScores, ValueSequence, WeightedValueMixing,
};

fn main() -> MlResult<()> {
    // "the cat sat": three positions, each with a query, a key and a value.
    // In this toy table the value of the n-th token is [n, 10n].
    let queries = QuerySequence::new(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]])?;
    let keys = KeySequence::new(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]])?;
    // TODO: the weights will have one column per key. Count the value rows.
    let values = ValueSequence::new(vec![
        vec![1.0, 10.0], // the
        vec![2.0, 20.0], // cat
    ])?;

    let len = queries.sequence_length();
    let scores = ScaledDotProductScores.apply(Product::new(queries, keys))?;
    let masked = MaskedAttentionScores.apply(Product::new(scores, AttentionMask::causal(len)))?;
    let weights = AttentionSoftmax.apply(masked)?;
    println!(
        "weights: {} queries x {} keys; values: {} rows",
        weights.query_len(),
        weights.key_len(),
        values.len()
    );

    let output = WeightedValueMixing.apply(Product::new(weights, values))?;
    for (position, row) in output.rows().enumerate() {
        println!("output {position}: {row:?}");
    }
    Ok(())
}
