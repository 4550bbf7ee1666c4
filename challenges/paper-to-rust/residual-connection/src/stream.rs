//! [`Stream<D>`]: the residual stream with its model width `D` in its type,
//! for blocks whose widths are known when the code is written.
//!
//! The identity shortcut adds x to F(x), so F must give back x's shape. The
//! model width is fixed by the architecture, so it can be a type parameter:
//! a sublayer `Stream<D> → Stream<D>` keeps it by its signature, and one
//! that widens (`Stream<2> → Stream<3>`) cannot be wrapped in a residual at
//! all. The number of positions varies with the input and stays a run-time
//! check, in `add.rs`. Blocks over `HiddenSequence`, whose width is only
//! known at run time, keep the run-time check for both. [`ResidualStream`]
//! says which types a residual block can add onto.

use typed_ai::{HiddenSequence, MlError, MlResult};

use crate::add::add_to_stream;

/// A stream `x` a residual block can add a sublayer's output `F(x)` onto.
pub trait ResidualStream: Sized {
    /// `self + update`, element by element; shapes that differ are a
    /// `ShapeMismatch { op: "residual connection" }`.
    fn plus(&self, update: &Self) -> MlResult<Self>;
}

impl ResidualStream for HiddenSequence {
    fn plus(&self, update: &Self) -> MlResult<Self> {
        add_to_stream(self, update.as_matrix())
    }
}

impl<const D: usize> ResidualStream for Stream<D> {
    fn plus(&self, update: &Self) -> MlResult<Self> {
        Stream::new(add_to_stream(&self.0, update.0.as_matrix())?)
    }
}

/// A hidden sequence of model width `D`: one row per position, `D` features each.
///
/// ```
/// use residual_connection::Stream;
/// use typed_ai::{HiddenSequence, MlError};
/// let x = Stream::<2>::new(HiddenSequence::new(vec![vec![1.0, 2.0]])?)?;
/// assert_eq!(x.hidden().width(), 2);
/// assert!(matches!(
///     Stream::<3>::new(HiddenSequence::new(vec![vec![1.0, 2.0]])?),
///     Err(MlError::ShapeMismatch { op: "residual stream", .. })
/// ));
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Stream<const D: usize>(HiddenSequence);

impl<const D: usize> Stream<D> {
    /// `hidden` as a stream of width `D`; another width is
    /// `ShapeMismatch { op: "residual stream" }`.
    pub fn new(hidden: HiddenSequence) -> MlResult<Self> {
        if hidden.width() != D {
            return Err(MlError::ShapeMismatch {
                op: "residual stream",
                expected: format!("model width {D}"),
                got: format!("model width {}", hidden.width()),
            });
        }
        Ok(Self(hidden))
    }

    /// The positions and their features.
    pub fn hidden(&self) -> &HiddenSequence {
        &self.0
    }

    /// The sequence, width forgotten.
    pub fn into_hidden(self) -> HiddenSequence {
        self.0
    }
}
