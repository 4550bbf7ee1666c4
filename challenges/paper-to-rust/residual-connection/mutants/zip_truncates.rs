// MUTANT `zip_truncates`: adds row by row with zip and no shape check, so a wider sublayer output is silently cut to fit.
//! The identity shortcut's addition: a sublayer's output added onto the
//! stream it read, element by element, as
//! [`ResidualAdd`]` : HiddenSequence × ProjectedAttentionOutput → HiddenSequence`.
//!
//! The sum is only defined for equal shapes (positions × model width). A
//! mismatch is an error, never a silent truncation: in the paper a shortcut
//! across a change of shape needs a projection `W_s·x`, which this challenge
//! leaves out. [`Residual`](crate::Residual) uses the same addition.

use typed_ai::{HiddenSequence, Matrix, MlResult, Morphism, Product, ProjectedAttentionOutput};

/// `stream + update`, after checking that both are positions × model width
/// of the same size.
pub(crate) fn add_to_stream(stream: &HiddenSequence, update: &Matrix) -> MlResult<HiddenSequence> {
    let rows = stream
        .rows()
        .zip(update.row_iter())
        .map(|(x, fx)| x.iter().zip(fx).map(|(a, b)| a + b).collect())
        .collect();
    // `new` rejects a sum that overflowed to infinity.
    HiddenSequence::new(rows)
}

/// `HiddenSequence × ProjectedAttentionOutput → HiddenSequence`: the
/// attention sublayer's projected output added back onto the stream.
///
/// ```
/// use residual_connection::ResidualAdd;
/// use typed_ai::{HiddenSequence, Morphism, Product, ProjectedAttentionOutput};
/// let stream = HiddenSequence::new(vec![vec![1.0, 2.0]])?;
/// let update = ProjectedAttentionOutput::new(vec![vec![0.5, -2.0]])?;
/// let next = ResidualAdd.apply(Product::new(stream, update))?;
/// assert_eq!(next.to_rows(), vec![vec![1.5, 0.0]]);
/// # Ok::<(), typed_ai::MlError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ResidualAdd;

impl Morphism<Product<HiddenSequence, ProjectedAttentionOutput>, HiddenSequence> for ResidualAdd {
    fn name(&self) -> String {
        "residual_add".to_string()
    }

    fn apply(
        &self,
        input: Product<HiddenSequence, ProjectedAttentionOutput>,
    ) -> MlResult<HiddenSequence> {
        let (stream, update) = input.into_parts();
        add_to_stream(&stream, update.as_matrix())
    }
}
