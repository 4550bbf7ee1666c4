//! Causal self-attention on three positions, one typed step at a time.
//!
//! Run with `cargo run -p typed-ai --example 06_attention_scores`. Every
//! number printed can be checked by hand: the hidden rows are `[1, 0]`,
//! `[0, 1]` and `[1, 1]`, the query and key projections are the identity, and
//! the value projection turns `[a, b]` into `[a + 2b, 10a + 20b]`, so the
//! values are `[1, 10]`, `[2, 20]` and `[3, 30]`.

use typed_ai::{
    AttentionMask, AttentionSoftmax, HiddenSequence, KeyProjection, MaskedAttentionScores, Matrix,
    MlResult, Morphism, Product, QueryProjection, ScaledDotProductScores, ValueProjection,
    WeightedValueMixing,
};

/// Prints a labelled table, one row per line, four decimals per cell.
fn print_rows<'a>(label: &str, rows: impl Iterator<Item = &'a [f32]>) {
    println!("{label}");
    for (index, row) in rows.enumerate() {
        let cells: Vec<String> = row.iter().map(|x| format!("{x:>8.4}")).collect();
        println!("  {index}: [{}]", cells.join(", "));
    }
}

fn main() -> MlResult<()> {
    let hidden = HiddenSequence::new(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]])?;
    let identity = Matrix::new(vec![vec![1.0, 0.0], vec![0.0, 1.0]])?;
    let queries = QueryProjection::new(identity.clone()).project(&hidden)?;
    let keys = KeyProjection::new(identity).project(&hidden)?;
    let values = ValueProjection::new(Matrix::new(vec![vec![1.0, 10.0], vec![2.0, 20.0]])?)
        .project(&hidden)?;

    println!("One hidden sequence, three roles (positions x width):");
    println!("  HiddenSequence {} x {}", hidden.len(), hidden.width());
    println!("  QuerySequence  {} x {}", queries.len(), queries.width());
    println!("  KeySequence    {} x {}", keys.len(), keys.width());
    println!("  ValueSequence  {} x {}", values.len(), values.width());
    print_rows("values:", values.rows());
    println!();

    let len = queries.sequence_length();
    let scores = ScaledDotProductScores.apply(Product::new(queries, keys))?;
    print_rows(
        &format!(
            "scores = Q·Kᵀ / √2 ({} queries x {} keys); row 0 is [1, 0, 1] / √2:",
            scores.query_len(),
            scores.key_len()
        ),
        scores.rows(),
    );
    println!();

    let mask = AttentionMask::causal(len);
    println!("causal mask (1 = may attend; query i sees keys 0..=i):");
    for line in mask.to_string().lines() {
        println!("  {line}");
    }
    println!();

    let masked = MaskedAttentionScores.apply(Product::new(scores, mask))?;
    let weights = AttentionSoftmax.apply(masked)?;
    println!("weights = row softmax over the keys the mask allows (each row sums to 1):");
    for (query, row) in weights.rows().iter().enumerate() {
        let cells: Vec<String> = row
            .probabilities()
            .iter()
            .map(|w| format!("{w:>8.4}"))
            .collect();
        let sum: f32 = row.probabilities().iter().sum();
        println!("  {query}: [{}]  sum {sum:.4}", cells.join(", "));
    }
    println!(
        "  row 1: scores [0, 0.7071] give e^0 : e^0.7071 = 1 : 2.0281, so [0.3302, 0.6698, 0]"
    );
    println!();

    let output = WeightedValueMixing.apply(Product::new(weights, values))?;
    print_rows("output = weights · values:", output.rows());
    println!("  row 0 can only see value 0, so it is [1, 10];");
    println!("  row 1 is 0.3302·[1, 10] + 0.6698·[2, 20] = [1.6698, 16.6976].");
    println!();

    // The worked example of the scaled-dot-product-attention challenge:
    // query [1, 0] with the middle key blocked instead.
    let query = QueryProjection::new(Matrix::new(vec![vec![1.0, 0.0], vec![0.0, 1.0]])?)
        .project(&HiddenSequence::new(vec![vec![1.0, 0.0]])?)?;
    let keys =
        KeyProjection::new(Matrix::new(vec![vec![1.0, 0.0], vec![0.0, 1.0]])?).project(&hidden)?;
    let values = ValueProjection::new(Matrix::new(vec![vec![1.0, 10.0], vec![2.0, 20.0]])?)
        .project(&hidden)?;
    let scores = ScaledDotProductScores.apply(Product::new(query, keys))?;
    let middle_blocked = AttentionMask::new(vec![vec![true, false, true]])?;
    let weights = AttentionSoftmax
        .apply(MaskedAttentionScores.apply(Product::new(scores, middle_blocked))?)?;
    println!("the card example, query [1, 0] with key 1 blocked:");
    println!("  weights {:?}", weights.rows()[0].probabilities());
    let output = WeightedValueMixing.apply(Product::new(weights, values))?;
    println!(
        "  output  {:?}  (0.5·[1, 10] + 0.5·[3, 30])",
        output.to_rows()[0]
    );
    Ok(())
}
