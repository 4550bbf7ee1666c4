//! [`Residual`]: any sublayer `F : HiddenSequence → HiddenSequence` turned
//! into the residual block `x ↦ x + F(x)`.
//!
//! The block learns only the *change* F(x) to its input; if the best thing
//! to do is nothing, F can be 0 and the block is exactly the identity. That
//! is the paper's argument for why deep residual networks train: adding a
//! block can never make the function harder to represent. This file owns the
//! wiring (the shortcut); the addition is in `add.rs`, and which streams it
//! is defined for in `stream.rs`.

use typed_ai::{MlResult, Morphism};

use crate::stream::ResidualStream;

/// `x ↦ x + F(x)` for a sublayer `F : X → X`, on a `HiddenSequence` (a
/// sublayer that changes its shape is a
/// `ShapeMismatch { op: "residual connection", .. }`) or on a `Stream<D>`
/// (a sublayer that changes the width does not compile).
///
/// ```
/// use residual_connection::Residual;
/// use typed_ai::{HiddenSequence, Identity, Morphism};
/// // F = identity, so x + F(x) = 2x.
/// let block = Residual::new(Identity);
/// let out = block.apply(HiddenSequence::new(vec![vec![1.0, -2.0]])?)?;
/// assert_eq!(out.to_rows(), vec![vec![2.0, -4.0]]);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Residual<F> {
    sublayer: F,
}

impl<F> Residual<F> {
    /// The residual block around `sublayer`; it is an arrow on whatever
    /// `sublayer` maps to itself (`HiddenSequence`, or `Stream<D>`).
    pub fn new(sublayer: F) -> Self {
        Self { sublayer }
    }

    /// The sublayer F.
    pub fn sublayer(&self) -> &F {
        &self.sublayer
    }
}

impl<F, X> Morphism<X, X> for Residual<F>
where
    F: Morphism<X, X>,
    X: ResidualStream + Clone,
{
    fn name(&self) -> String {
        format!("residual({})", self.sublayer.name())
    }

    fn apply(&self, x: X) -> MlResult<X> {
        let fx = self.sublayer.apply(x.clone())?;
        x.plus(&fx)
    }
}
