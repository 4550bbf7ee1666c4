//! The forward pass is causal: changing a token never changes the logits
//! of any earlier position.

use proptest::prelude::{Just, Strategy, prop, prop_assert_eq, proptest};
use typed_ai::{
    ModelDimension, Seed, TokenSequence, TransformerConfig, TransformerParameters, VocabSize,
};

fn model() -> TransformerParameters {
    let config = TransformerConfig::new(
        VocabSize::new(6).unwrap(),
        ModelDimension::new(8).unwrap(),
        2,
        16,
        8,
    )
    .unwrap();
    TransformerParameters::seeded(config, Seed::new(5))
}

fn sequence(indices: &[usize]) -> TokenSequence {
    TokenSequence::from_indices(indices).unwrap()
}

proptest! {
    #[test]
    fn no_position_sees_a_later_token(
        (indices, changed, replacement) in prop::collection::vec(0usize..6, 2..=8)
            .prop_flat_map(|v| { let n = v.len(); (Just(v), 1..n, 0usize..6) }),
    ) {
        let model = model();
        let mut edited = indices.clone();
        edited[changed] = replacement;
        let before = model.logits(&sequence(&indices)).unwrap();
        let after = model.logits(&sequence(&edited)).unwrap();
        prop_assert_eq!(&before[..changed], &after[..changed]);
    }
}
