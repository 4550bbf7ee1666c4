//! The residual connection: adding a zero sublayer output leaves the
//! stream exactly as it was.

use proptest::prelude::{Strategy, prop, prop_assert_eq, proptest};
use typed_ai::{
    HiddenSequence, Identity, Matrix, Morphism, Product, ProjectedAttentionOutput,
    ResidualConnection,
};

proptest! {
    #[test]
    fn residual_around_a_zero_sublayer_is_the_identity(
        rows in (1usize..5, 1usize..5).prop_flat_map(|(n, d)| {
            prop::collection::vec(prop::collection::vec(-100f32..100.0, d), n)
        })
    ) {
        let stream = HiddenSequence::new(rows).unwrap();
        let zero = ProjectedAttentionOutput::from_matrix(
            Matrix::zeros(stream.len(), stream.width()).unwrap(),
        );
        let through = ResidualConnection.apply(Product::new(stream.clone(), zero)).unwrap();
        prop_assert_eq!(Some(through), Identity.apply(stream).ok());
    }
}
