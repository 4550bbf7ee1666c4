//! The worked numbers of the residual card, checked against the arrows.
//!
//! `residual_card_example` is the regression test named in
//! `challenge.toml`: every mutant under `mutants/` must make it fail.

use residual_connection::{Residual, ResidualAdd, Stream};
use typed_ai::{
    HiddenSequence, Identity, MlError, MlResult, Morphism, Product, ProjectedAttentionOutput,
};

/// F(x) = 0: the sublayer that has learned to do nothing.
struct Zero;

impl Morphism<HiddenSequence, HiddenSequence> for Zero {
    fn name(&self) -> String {
        "zero".to_string()
    }

    fn apply(&self, x: HiddenSequence) -> MlResult<HiddenSequence> {
        HiddenSequence::new(vec![vec![0.0; x.width()]; x.len()])
    }
}

/// F(x) = x − 0.5, so on [[1, 2], [3, 4]] it gives the card's update
/// [[0.5, 1.5], [2.5, 3.5]].
struct MinusHalf;

impl Morphism<HiddenSequence, HiddenSequence> for MinusHalf {
    fn name(&self) -> String {
        "minus_half".to_string()
    }

    fn apply(&self, x: HiddenSequence) -> MlResult<HiddenSequence> {
        HiddenSequence::new(
            x.rows()
                .map(|row| row.iter().map(|v| v - 0.5).collect())
                .collect(),
        )
    }
}

/// A sublayer that (wrongly) returns width 3 whatever it reads.
struct Widen;

impl Morphism<HiddenSequence, HiddenSequence> for Widen {
    fn name(&self) -> String {
        "widen".to_string()
    }

    fn apply(&self, x: HiddenSequence) -> MlResult<HiddenSequence> {
        HiddenSequence::new(vec![vec![1.0; 3]; x.len()])
    }
}

fn sample() -> HiddenSequence {
    HiddenSequence::new(vec![vec![1.0, 2.0], vec![3.0, 4.0]]).unwrap()
}

#[test]
fn residual_card_example() {
    // F = 0: x + 0 = x, so the block is the identity morphism.
    assert_eq!(
        Residual::new(Zero).apply(sample()).unwrap(),
        Identity.apply(sample()).unwrap(),
        "a residual block around a zero sublayer must be the identity"
    );
    // [[1, 2], [3, 4]] + [[0.5, 1.5], [2.5, 3.5]] = [[1.5, 3.5], [5.5, 7.5]]
    let expected = vec![vec![1.5, 3.5], vec![5.5, 7.5]];
    assert_eq!(
        Residual::new(MinusHalf).apply(sample()).unwrap().to_rows(),
        expected
    );
    let update = ProjectedAttentionOutput::new(vec![vec![0.5, 1.5], vec![2.5, 3.5]]).unwrap();
    assert_eq!(
        ResidualAdd
            .apply(Product::new(sample(), update))
            .unwrap()
            .to_rows(),
        expected
    );
    // A width-3 sublayer on a width-2 stream: the identity shortcut does not
    // exist, and the block must say so rather than add what fits.
    assert!(
        matches!(
            Residual::new(Widen).apply(sample()),
            Err(MlError::ShapeMismatch {
                op: "residual connection",
                ..
            })
        ),
        "x + F(x) with a wider F(x) must be a ShapeMismatch"
    );
}

#[test]
fn the_mismatch_names_both_shapes() {
    let update = ProjectedAttentionOutput::new(vec![vec![1.0, 1.0, 1.0]]).unwrap();
    assert_eq!(
        ResidualAdd.apply(Product::new(sample(), update)),
        Err(MlError::ShapeMismatch {
            op: "residual connection",
            expected: "a 2x2 sublayer output (positions x model width, as the stream)".to_string(),
            got: "1x3".to_string(),
        })
    );
}

#[test]
fn an_identity_sublayer_doubles_the_stream() {
    let out = Residual::new(Identity).apply(sample()).unwrap();
    assert_eq!(out.to_rows(), vec![vec![2.0, 4.0], vec![6.0, 8.0]]);
}

#[test]
fn blocks_compose_and_zero_blocks_vanish() {
    // Residual(Zero) ∘ Residual(MinusHalf) = Residual(MinusHalf): stacking a
    // do-nothing block changes nothing.
    let once = Residual::new(MinusHalf).apply(sample()).unwrap();
    let then_zero = Residual::new(Zero).apply(once.clone()).unwrap();
    assert_eq!(then_zero, once);
}

#[test]
fn an_overflowing_sum_is_reported() {
    let big = HiddenSequence::new(vec![vec![3e38]]).unwrap();
    assert!(matches!(
        Residual::new(Identity).apply(big),
        Err(MlError::InvalidScalar { .. })
    ));
}

/// F(x) = x − 0.5 on a stream of known width 2.
struct MinusHalfOfWidth2;

impl Morphism<Stream<2>, Stream<2>> for MinusHalfOfWidth2 {
    fn name(&self) -> String {
        "minus_half<2>".to_string()
    }

    fn apply(&self, x: Stream<2>) -> MlResult<Stream<2>> {
        Stream::new(MinusHalf.apply(x.into_hidden())?)
    }
}

/// Keeps the width (so it type-checks on `Stream<2>`) but drops the last
/// position.
struct DropLastPosition;

impl Morphism<Stream<2>, Stream<2>> for DropLastPosition {
    fn name(&self) -> String {
        "drop_last_position".to_string()
    }

    fn apply(&self, x: Stream<2>) -> MlResult<Stream<2>> {
        let mut rows = x.into_hidden().to_rows();
        rows.pop();
        Stream::new(HiddenSequence::new(rows)?)
    }
}

#[test]
fn a_block_of_known_width_keeps_it_by_type() {
    // The card on a Stream<2>: [[1, 2], [3, 4]] + [[0.5, 1.5], [2.5, 3.5]].
    // A sublayer that widens cannot be wrapped at all
    // (compile_fail/widening_sublayer.rs); a change in the number of
    // positions is not in the type and is still caught when it happens.
    let x = Stream::<2>::new(sample()).unwrap();
    let out = Residual::new(MinusHalfOfWidth2).apply(x.clone()).unwrap();
    assert_eq!(out.hidden().to_rows(), vec![vec![1.5, 3.5], vec![5.5, 7.5]]);
    assert!(matches!(
        Residual::new(DropLastPosition).apply(x),
        Err(MlError::ShapeMismatch {
            op: "residual connection",
            ..
        })
    ));
    assert!(matches!(
        Stream::<3>::new(sample()),
        Err(MlError::ShapeMismatch {
            op: "residual stream",
            ..
        })
    ));
}
