//! The transformer built from typed arrows computes the same logits as the
//! direct matrix forward pass, for any sequence and any seed.

use proptest::prelude::{prop, prop_assert, proptest};
use typed_ai::{
    ModelDimension, Morphism, Seed, TokenSequence, TransformerConfig, TransformerParameters,
    VocabSize,
};

fn parameters(seed: u64, heads: usize) -> TransformerParameters {
    let config = TransformerConfig::new(
        VocabSize::new(6).unwrap(),
        ModelDimension::new(8).unwrap(),
        heads,
        16,
        8,
    )
    .unwrap();
    TransformerParameters::seeded(config, Seed::new(seed))
}

proptest! {
    #[test]
    fn typed_and_matrix_passes_agree_on_any_sequence(
        indices in prop::collection::vec(0usize..6, 1..=8),
        seed in 0u64..1000,
    ) {
        let parameters = parameters(seed, 2);
        let tokens = TokenSequence::from_indices(&indices).unwrap();
        let typed = parameters.typed_model().unwrap().apply(tokens.clone()).unwrap();
        let direct = parameters.logits(&tokens).unwrap();
        for (position, (a, b)) in typed.iter().zip(&direct).enumerate() {
            for (x, y) in a.scores().iter().zip(b.scores()) {
                prop_assert!((x - y).abs() < 1e-5, "position {}: typed {} vs matrix {}", position, x, y);
            }
        }
    }
}
