//! Labelled distributions: relabelling keeps the total mass, merges the
//! mass of outcomes that share a label, and obeys the functor laws.

use proptest::prelude::{Strategy, prop_assert_eq, proptest};
use typed_ai::LabelledDistribution;

/// Probabilities that are multiples of 1/16, so every sum is exact in
/// `f32` and the laws can be checked with `==`.
fn dyadic_distribution() -> impl Strategy<Value = LabelledDistribution<u8>> {
    proptest::collection::vec(0u8..=16, 1..8).prop_map(|weights| {
        // Spread 16 sixteenths over the outcomes: each outcome takes its
        // weight, capped by what is left; the last takes the rest.
        let mut left = 16u8;
        let mut entries = Vec::new();
        for (i, w) in weights.iter().enumerate() {
            let take = if i + 1 == weights.len() {
                left
            } else {
                (*w).min(left)
            };
            left -= take;
            entries.push((i as u8, f32::from(take) / 16.0));
        }
        LabelledDistribution::new(entries).expect("sixteenths summing to 1")
    })
}

proptest! {
    #[test]
    fn map_keeps_total_mass(d in dyadic_distribution(), modulus in 1u8..5) {
        let mapped = d.clone().map(|o| o % modulus);
        prop_assert_eq!(mapped.total(), d.total());
        for label in 0..modulus {
            let expected: f32 = d
                .entries()
                .iter()
                .filter(|(o, _)| o % modulus == label)
                .map(|(_, p)| p)
                .sum();
            prop_assert_eq!(mapped.probability(&label), expected);
        }
    }

    #[test]
    fn map_obeys_the_functor_laws(d in dyadic_distribution(), m in 1u8..5, k in 1u8..5) {
        prop_assert_eq!(d.clone().map(|o| o), d.clone());
        let stepwise = d.clone().map(|o| o % m).map(|o| o / k);
        let fused = d.map(|o| (o % m) / k);
        prop_assert_eq!(stepwise, fused);
    }
}
