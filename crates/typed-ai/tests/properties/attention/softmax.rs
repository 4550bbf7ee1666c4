//! Row softmax over attention scores: rows are distributions, shifting a
//! row changes nothing, and masked keys get exactly zero weight.

use proptest::prelude::{Strategy, any, prop, prop_assert, prop_assert_eq, proptest};
use typed_ai::{
    AttentionMask, AttentionScores, AttentionSoftmax, MaskedAttentionScores, Morphism, Product,
    stable_softmax,
};

fn scores_strategy() -> impl Strategy<Value = Vec<Vec<f32>>> {
    (1usize..6, 1usize..6).prop_flat_map(|(queries, keys)| {
        prop::collection::vec(prop::collection::vec(-1000f32..1000.0, keys), queries)
    })
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
}
