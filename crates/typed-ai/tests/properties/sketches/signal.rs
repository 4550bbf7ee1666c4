//! Signal matrices form a category: composition is associative, identities
//! are neutral, and applying a composite is applying both arrows.

use proptest::prelude::{Strategy, prop, prop_assert_eq, proptest};
use typed_ai::{Matrix, Morphism, SignalMatrix, Vector};

/// A `rows × cols` matrix of small integers, so that every product is
/// exact in f32 and equality can be tested exactly.
fn matrix(rows: usize, cols: usize) -> impl Strategy<Value = SignalMatrix> {
    prop::collection::vec(-3i8..=3, rows * cols).prop_map(move |values| {
        let data = values.into_iter().map(f32::from).collect();
        SignalMatrix::from_matrix(Matrix::from_row_major(rows, cols, data).unwrap())
    })
}

/// Three composable matrices `f: a → b`, `g: b → c`, `h: c → d`.
fn chain() -> impl Strategy<Value = (SignalMatrix, SignalMatrix, SignalMatrix)> {
    (1usize..4, 1usize..4, 1usize..4, 1usize..4)
        .prop_flat_map(|(a, b, c, d)| (matrix(b, a), matrix(c, b), matrix(d, c)))
}

proptest! {
    #[test]
    fn composition_is_associative((f, g, h) in chain()) {
        let left = h.compose_after(&g).unwrap().compose_after(&f).unwrap();
        let right = h.compose_after(&g.compose_after(&f).unwrap()).unwrap();
        prop_assert_eq!(left, right);
    }

    #[test]
    fn identity_is_neutral((f, _, _) in chain()) {
        let before = f.compose_after(&SignalMatrix::identity(f.inputs()).unwrap()).unwrap();
        let after = SignalMatrix::identity(f.outputs()).unwrap().compose_after(&f).unwrap();
        prop_assert_eq!(&before, &f);
        prop_assert_eq!(&after, &f);
    }

    #[test]
    fn applying_the_composite_is_applying_both((f, g, _) in chain(), seed in prop::collection::vec(-3i8..=3, 3)) {
        let x = Vector::new(seed.iter().take(f.inputs()).map(|&v| f32::from(v)).collect()).unwrap();
        let composite = g.compose_after(&f).unwrap().apply(x.clone()).unwrap();
        let stepwise = g.apply(f.apply(x).unwrap()).unwrap();
        prop_assert_eq!(composite, stepwise);
    }
}
