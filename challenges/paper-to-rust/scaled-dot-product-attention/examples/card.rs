//! The attention card, step by step: scaled scores, masked weights, mixed
//! values. `challenge.toml`'s ledger names the lines this example must print.

use scaled_dot_product_attention::{AttentionInputs, ScaledDotProductAttention, ScaledScores};
use typed_ai::{
    AttentionMask, KeySequence, MlResult, Morphism, Product, QuerySequence, ValueSequence,
};

fn show(row: &[f32]) -> String {
    let cells: Vec<String> = row.iter().map(|x| format!("{x:.4}")).collect();
    format!("[{}]", cells.join(", "))
}

fn main() -> MlResult<()> {
    let query = QuerySequence::new(vec![vec![1.0, 0.0]])?;
    let keys = KeySequence::new(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]])?;
    let values = ValueSequence::new(vec![vec![1.0, 10.0], vec![2.0, 20.0], vec![3.0, 30.0]])?;
    println!("q = [1, 0]; keys [1, 0], [0, 1], [1, 1]; values [1, 10], [2, 20], [3, 30]");

    let scores = ScaledScores.apply(Product::new(query.clone(), keys.clone()))?;
    println!(
        "scores: {} x {} (queries x keys)",
        scores.query_len(),
        scores.key_len()
    );
    println!("scores / √d_k: {}", show(scores.row(0)?));

    let mask = AttentionMask::new(vec![vec![true, false, true]])?;
    let inputs = AttentionInputs::new(query, keys, values.clone(), mask)?;
    let weights = ScaledDotProductAttention.weights(&inputs)?;
    println!(
        "weights with the middle key masked: {}",
        show(weights.row(0)?.probabilities())
    );
    let output = ScaledDotProductAttention.apply(inputs)?;
    println!("output: {}", show(output.row(0)?));

    let two_values = ValueSequence::new(vec![vec![1.0, 10.0], vec![2.0, 20.0]])?;
    if let Err(error) = AttentionInputs::unmasked(
        QuerySequence::new(vec![vec![1.0, 0.0]])?,
        KeySequence::new(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]])?,
        two_values,
    ) {
        println!("two values for three keys: {error}");
    }
    Ok(())
}
