//! The worked numbers of the attention card, checked against the arrows.
//!
//! `scaled_dot_product_attention_card_example` is the regression test named
//! in `challenge.toml`: every mutant under `mutants/` must make it fail.

use scaled_dot_product_attention::{
    AttentionInputs, ScaledDotProductAttention, ScaledScores, ScoreGrid,
};
use std::f32::consts::FRAC_1_SQRT_2;
use typed_ai::{
    AttentionMask, AttentionScores, KeySequence, MlError, Morphism, Product, QuerySequence,
    ValueSequence,
};

fn card_query() -> QuerySequence {
    QuerySequence::new(vec![vec![1.0, 0.0]]).unwrap()
}

fn card_keys() -> KeySequence {
    KeySequence::new(vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![1.0, 1.0]]).unwrap()
}

fn card_values() -> ValueSequence {
    ValueSequence::new(vec![vec![1.0, 10.0], vec![2.0, 20.0], vec![3.0, 30.0]]).unwrap()
}

fn card_scores() -> AttentionScores {
    ScaledScores
        .apply(Product::new(card_query(), card_keys()))
        .unwrap()
}

#[test]
fn scaled_dot_product_attention_card_example() {
    // q = [1, 0] against keys [1, 0], [0, 1], [1, 1]: dots 1, 0, 1.
    // d_k = 2, √2 = 1.414214, so the score row is [0.707107, 0, 0.707107]
    // (dividing by d_k would give [0.5, 0, 0.5]).
    let scores = card_scores();
    assert_eq!(
        (scores.query_len(), scores.key_len()),
        (1, 3),
        "scores must be query length x key length (1 x 3)"
    );
    let row = scores.row(0).unwrap();
    for (key, (got, want)) in row
        .iter()
        .zip([FRAC_1_SQRT_2, 0.0, FRAC_1_SQRT_2])
        .enumerate()
    {
        assert!(
            (got - want).abs() < 1e-4,
            "score of key {key} is {got}, expected {want} = dot / √d_k"
        );
    }
    // Middle key masked: the softmax runs over the two allowed scores
    // [0.707107, 0.707107] only, e^0.7071 / (2·e^0.7071) = 0.5 each, and the
    // blocked key gets exactly 0: [0.5, 0, 0.5].
    let mask = AttentionMask::new(vec![vec![true, false, true]]).unwrap();
    let inputs = AttentionInputs::new(card_query(), card_keys(), card_values(), mask).unwrap();
    let weights = ScaledDotProductAttention.weights(&inputs).unwrap();
    assert_eq!(weights.to_rows(), vec![vec![0.5, 0.0, 0.5]]);
    // 0.5·[1, 10] + 0·[2, 20] + 0.5·[3, 30] = [2, 20]
    let output = ScaledDotProductAttention.apply(inputs).unwrap();
    assert_eq!(output.to_rows(), vec![vec![2.0, 20.0]]);
}

#[test]
fn unmasked_weights_are_the_softmax_of_the_scaled_scores() {
    // e^0.707107 = 2.028115; the sum is 2·2.028115 + 1 = 5.056230, so the
    // weights are [0.401112, 0.197776, 0.401112] and the output is
    // 0.401112·[1, 10] + 0.197776·[2, 20] + 0.401112·[3, 30] = [2, 20]
    // (the two outer keys pull equally on either side of the middle one).
    let inputs = AttentionInputs::unmasked(card_query(), card_keys(), card_values()).unwrap();
    let weights = ScaledDotProductAttention.weights(&inputs).unwrap();
    let row = weights.row(0).unwrap().probabilities();
    for (got, want) in row.iter().zip([0.401_112, 0.197_776, 0.401_112]) {
        assert!((got - want).abs() < 1e-5, "weights {row:?}");
    }
    let output = ScaledDotProductAttention.apply(inputs).unwrap();
    let out = output.row(0).unwrap();
    assert!((out[0] - 2.0).abs() < 1e-5 && (out[1] - 20.0).abs() < 1e-4);
}

#[test]
fn a_blocked_key_gets_nothing_however_low_the_allowed_scores() {
    // q = [−4e4, 0] against k0 = [1e5, 0]: −4e9 / √2 ≈ −2.83e9, below any
    // finite stand-in such as −1e9 written into the blocked cell. Key 0
    // is the only one query 0 may see, so all of its weight is there and
    // the output is value 0, never value 1.
    let queries = QuerySequence::new(vec![vec![-4e4, 0.0]]).unwrap();
    let keys = KeySequence::new(vec![vec![1e5, 0.0], vec![0.0, 1.0]]).unwrap();
    let values = ValueSequence::new(vec![vec![1.0], vec![99.0]]).unwrap();
    let mask = AttentionMask::new(vec![vec![true, false]]).unwrap();
    let inputs = AttentionInputs::new(queries, keys, values, mask).unwrap();
    let weights = ScaledDotProductAttention.weights(&inputs).unwrap();
    assert_eq!(weights.to_rows(), vec![vec![1.0, 0.0]]);
    let output = ScaledDotProductAttention.apply(inputs).unwrap();
    assert_eq!(output.to_rows(), vec![vec![1.0]]);
}

#[test]
fn the_divisor_is_the_root_of_the_head_width() {
    // q = k = [1, 1, 1, 1]: the dot product is 4 = d_k, and 4 / √4 = 2.
    let q = QuerySequence::new(vec![vec![1.0; 4]]).unwrap();
    let k = KeySequence::new(vec![vec![1.0; 4]]).unwrap();
    let scores = ScaledScores.apply(Product::new(q, k)).unwrap();
    assert_eq!(scores.get(0, 0), Some(2.0));
}

#[test]
fn scores_have_one_row_per_query_and_one_column_per_key() {
    let queries = QuerySequence::new(vec![vec![1.0, 0.0], vec![0.0, 1.0]]).unwrap();
    let scores = ScaledScores
        .apply(Product::new(queries, card_keys()))
        .unwrap();
    assert_eq!((scores.query_len(), scores.key_len()), (2, 3));
    // Query [0, 1] against the same keys: dots 0, 1, 1.
    assert_eq!(scores.get(1, 0), Some(0.0));
}

#[test]
fn a_grid_is_laid_out_by_its_roles() {
    // The same pairs either way round: queries x keys is 1 x 3 and keys x
    // queries 3 x 1. Only the first can become attention scores; the other
    // does not compile (compile_fail/keys_on_rows.rs).
    let dot = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>();
    let by_query = ScoreGrid::pairing(&card_query(), &card_keys(), dot).unwrap();
    let by_key = ScoreGrid::pairing(&card_keys(), &card_query(), dot).unwrap();
    assert_eq!((by_query.shape(), by_key.shape()), ((1, 3), (3, 1)));
    assert_eq!(
        by_query.into_attention_scores().unwrap().row(0).unwrap(),
        &[1.0, 0.0, 1.0]
    );
}

#[test]
fn every_weight_row_is_a_distribution() {
    let queries = QuerySequence::new(vec![vec![3.0, -1.0], vec![0.5, 2.0]]).unwrap();
    let inputs = AttentionInputs::unmasked(queries, card_keys(), card_values()).unwrap();
    let weights = ScaledDotProductAttention.weights(&inputs).unwrap();
    for row in weights.rows() {
        let sum: f32 = row.probabilities().iter().sum();
        assert!((sum - 1.0).abs() < 1e-6, "a weight row sums to {sum}");
    }
}

#[test]
fn one_value_row_per_key() {
    let two_values = ValueSequence::new(vec![vec![1.0, 10.0], vec![2.0, 20.0]]).unwrap();
    assert_eq!(
        AttentionInputs::unmasked(card_query(), card_keys(), two_values),
        Err(MlError::ShapeMismatch {
            op: "weighted value mixing",
            expected: "3 value rows".to_string(),
            got: "2 value rows".to_string(),
        })
    );
}

#[test]
fn keys_must_have_the_query_width() {
    let wide_keys = KeySequence::new(vec![vec![1.0, 0.0, 0.0]]).unwrap();
    assert!(matches!(
        ScaledScores.apply(Product::new(card_query(), wide_keys)),
        Err(MlError::ShapeMismatch {
            op: "scaled dot-product attention scores",
            ..
        })
    ));
}
