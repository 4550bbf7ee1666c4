//! Scaled dot-product scores: the arrow computes Q·Kᵀ / √d_k, checked
//! against the general matrix product.

use proptest::prelude::{Strategy, prop, prop_assert, prop_assert_eq, proptest};
use typed_ai::{KeySequence, Morphism, Product, QuerySequence, ScaledDotProductScores};

proptest! {
    #[test]
    fn scores_are_q_times_k_transposed_over_root_dk(
        (queries, keys) in (1usize..5, 1usize..5, 1usize..5).prop_flat_map(|(nq, nk, d)| (
            prop::collection::vec(prop::collection::vec(-10f32..10.0, d), nq),
            prop::collection::vec(prop::collection::vec(-10f32..10.0, d), nk),
        ))
    ) {
        let (nq, nk, d) = (queries.len(), keys.len(), queries[0].len());
        let q = QuerySequence::new(queries).unwrap();
        let k = KeySequence::new(keys).unwrap();
        // The same numbers through the general matrix product.
        let reference = q.as_matrix().matmul(&k.as_matrix().transpose()).unwrap();
        let scores = ScaledDotProductScores.apply(Product::new(q, k)).unwrap();
        prop_assert_eq!((scores.query_len(), scores.key_len()), (nq, nk));
        for (got, dot) in scores.as_matrix().as_row_major().iter().zip(reference.as_row_major()) {
            let want = dot / (d as f32).sqrt();
            prop_assert!((got - want).abs() <= 1e-4 * want.abs().max(1.0), "{} vs {}", got, want);
        }
    }
}
