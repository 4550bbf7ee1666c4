//! The pipeline's softmax: its outputs are distributions and it ignores a
//! constant shift of the logits.

use proptest::prelude::{prop_assert, proptest};
use typed_ai::{Logits, Morphism, Softmax};

fn close(a: &[f32], b: &[f32], tolerance: f32) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tolerance)
}

proptest! {
    #[test]
    fn softmax_rows_are_distributions_and_shift_invariant(
        scores in proptest::collection::vec(-100.0f32..100.0, 1..12),
        shift in -100.0f32..100.0,
    ) {
        let p = Softmax.apply(Logits::new(scores.clone()).unwrap()).unwrap();
        let sum: f32 = p.probabilities().iter().sum();
        prop_assert!((sum - 1.0).abs() < 1e-5);
        let shifted: Vec<f32> = scores.iter().map(|s| s + shift).collect();
        let q = Softmax.apply(Logits::new(shifted).unwrap()).unwrap();
        prop_assert!(close(p.probabilities(), q.probabilities(), 1e-4));
    }
}
