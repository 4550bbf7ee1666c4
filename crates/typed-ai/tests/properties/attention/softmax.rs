//! Row softmax over attention scores: rows are distributions, shifting a
//! row changes nothing, and masked keys get exactly zero weight while the
//! allowed keys share the row as if the blocked ones did not exist, for any
//! finite scores at all.

use proptest::prelude::{
    Just, Strategy, any, prop, prop_assert, prop_assert_eq, prop_oneof, proptest,
};
use typed_ai::{
    AttentionMask, AttentionScores, AttentionSoftmax, MaskedAttentionScores, Morphism, Product,
    stable_softmax,
};

fn scores_strategy() -> impl Strategy<Value = Vec<Vec<f32>>> {
    (1usize..6, 1usize..6).prop_flat_map(|(queries, keys)| {
        prop::collection::vec(prop::collection::vec(-1000f32..1000.0, keys), queries)
    })
}

/// Any finite score, weighted towards the edges: the extremes of `f32` and
/// half of them (where a difference of two scores overflows), the old
/// sentinel -1e9 and its double, any normal or subnormal number of either
/// sign, and ordinary scores.
fn extreme_score() -> impl Strategy<Value = f32> {
    prop_oneof![
        prop_oneof![
            Just(f32::MAX),
            Just(-f32::MAX),
            Just(f32::MAX / 2.0),
            Just(-f32::MAX / 2.0),
            Just(-1e9_f32),
            Just(-2e9_f32),
            Just(0.0_f32),
        ],
        prop::num::f32::NORMAL | prop::num::f32::SUBNORMAL | prop::num::f32::ZERO,
        -1e38_f32..1e38,
        -100_f32..100.0,
    ]
}

/// Scores and a mask of the same shape in which every query allows at
/// least one key (a random one is forced open).
fn masked_extreme_scores() -> impl Strategy<Value = (Vec<Vec<f32>>, Vec<Vec<bool>>)> {
    (1usize..6, 1usize..6).prop_flat_map(|(queries, keys)| {
        (
            prop::collection::vec(prop::collection::vec(extreme_score(), keys), queries),
            prop::collection::vec(
                (prop::collection::vec(any::<bool>(), keys), 0..keys),
                queries,
            )
            .prop_map(|rows| {
                rows.into_iter()
                    .map(|(mut row, open)| {
                        row[open] = true;
                        row
                    })
                    .collect()
            }),
        )
    })
}

/// The softmax of `scores` in `f64`, with the maximum subtracted: the ruler
/// the library's `f32` weights are measured against.
fn reference_softmax(scores: &[f32]) -> Vec<f64> {
    let wide: Vec<f64> = scores.iter().map(|&s| f64::from(s)).collect();
    let max = wide.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let exps: Vec<f64> = wide.iter().map(|s| (s - max).exp()).collect();
    let total: f64 = exps.iter().sum();
    exps.iter().map(|e| e / total).collect()
}

proptest! {
    #[test]
    fn every_weight_row_sums_to_one(rows in scores_strategy()) {
        let weights = AttentionSoftmax.apply(AttentionScores::new(rows).unwrap()).unwrap();
        for (query, row) in weights.to_rows().iter().enumerate() {
            let sum: f32 = row.iter().sum();
            prop_assert!((sum - 1.0).abs() < 1e-4, "row {query} sums to {sum}");
            prop_assert!(row.iter().all(|w| (0.0..=1.0).contains(w)));
        }
    }

    #[test]
    fn shifting_a_row_does_not_change_its_weights(
        row in prop::collection::vec(-50f32..50.0, 1..6),
        shift in -100f32..100.0,
    ) {
        let shifted: Vec<f32> = row.iter().map(|s| s + shift).collect();
        let a = stable_softmax(&row).unwrap();
        let b = stable_softmax(&shifted).unwrap();
        for (x, y) in a.probabilities().iter().zip(b.probabilities()) {
            prop_assert!((x - y).abs() < 1e-4, "{x} vs {y}");
        }
    }

    #[test]
    fn masking_never_gives_weight_to_a_blocked_key(
        (rows, allowed) in (1usize..6, 1usize..6).prop_flat_map(|(queries, keys)| (
            prop::collection::vec(prop::collection::vec(-1000f32..1000.0, keys), queries),
            prop::collection::vec(prop::collection::vec(any::<bool>(), keys), queries),
        ))
    ) {
        // Force key 0 open in every row so the mask is valid.
        let allowed: Vec<Vec<bool>> = allowed
            .into_iter()
            .map(|mut row| { row[0] = true; row })
            .collect();
        let mask = AttentionMask::new(allowed.clone()).unwrap();
        let scores = AttentionScores::new(rows).unwrap();
        let weights = AttentionSoftmax
            .apply(MaskedAttentionScores.apply(Product::new(scores, mask)).unwrap())
            .unwrap();
        for (query, row) in allowed.iter().enumerate() {
            for (key, &open) in row.iter().enumerate() {
                let w = weights.get(query, key).unwrap();
                if !open {
                    prop_assert_eq!(w, 0.0, "blocked key {} of query {} got weight {}", key, query, w);
                }
            }
            let sum: f32 = weights.to_rows()[query].iter().sum();
            prop_assert!((sum - 1.0).abs() < 1e-4);
        }
    }

    #[test]
    fn blocked_keys_get_exactly_zero_for_any_finite_scores(
        (rows, allowed) in masked_extreme_scores()
    ) {
        let mask = AttentionMask::new(allowed.clone()).unwrap();
        let scores = AttentionScores::new(rows.clone()).unwrap();
        let weights = AttentionSoftmax
            .apply(MaskedAttentionScores.apply(Product::new(scores, mask)).unwrap())
            .unwrap()
            .to_rows();
        for (query, ((weights, scores), open)) in weights.iter().zip(&rows).zip(&allowed).enumerate() {
            let sum: f32 = weights.iter().sum();
            prop_assert!((sum - 1.0).abs() < 1e-5, "row {} sums to {}", query, sum);
            let open_scores: Vec<f32> = scores.iter().zip(open).filter(|(_, o)| **o).map(|(s, _)| *s).collect();
            let alone = stable_softmax(&open_scores).unwrap();
            let reference = reference_softmax(&open_scores);
            let mut open_weights = alone.probabilities().iter().zip(&reference);
            for (key, (&w, &is_open)) in weights.iter().zip(open).enumerate() {
                if is_open {
                    // The allowed keys share the row exactly as the softmax of
                    // the allowed scores alone would, and that softmax is right.
                    let (&alone, &want) = open_weights.next().unwrap();
                    prop_assert_eq!(w, alone, "query {} key {}: scores {:?}", query, key, scores);
                    prop_assert!(
                        (f64::from(w) - want).abs() < 2e-5,
                        "query {} key {}: weight {} against {} in f64", query, key, w, want
                    );
                } else {
                    prop_assert_eq!(w, 0.0, "blocked key {} of query {} got weight {}", key, query, w);
                }
            }
        }
    }
}
