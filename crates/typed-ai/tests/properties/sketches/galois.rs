//! Mini-batching as a Galois connection: unit and counit hold and the
//! abstraction is monotone, for any batch size.

use proptest::prelude::{prop_assert, proptest};
use typed_ai::{BatchCount, ExampleCount, GaloisConnection, MiniBatching};

proptest! {
    #[test]
    fn unit_and_counit(x in 0usize..1000, y in 0usize..300, size in 1usize..10) {
        let pair = MiniBatching::new(size).unwrap();
        // Every example fits in the batches it needs: x ≤ γ(α(x)).
        prop_assert!(ExampleCount::new(x) <= pair.concretisation(pair.abstraction(ExampleCount::new(x))));
        // The batches that y batches' examples need are at most y: α(γ(y)) ≤ y.
        prop_assert!(pair.abstraction(pair.concretisation(BatchCount::new(y))) <= BatchCount::new(y));
        prop_assert!(pair.law_holds(ExampleCount::new(x), BatchCount::new(y)));
    }

    #[test]
    fn abstraction_is_monotone(a in 0usize..1000, b in 0usize..1000, size in 1usize..10) {
        let pair = MiniBatching::new(size).unwrap();
        let (lo, hi) = (a.min(b), a.max(b));
        prop_assert!(pair.abstraction(ExampleCount::new(lo)) <= pair.abstraction(ExampleCount::new(hi)));
    }
}
